// HTML: one self-contained file (inline CSS and SVG, no scripts, no external references); every value escaped.
#include "notifier/grouped_writer.hpp"
#include "notifier/render.hpp"
#include "notifier/utf8.hpp"
#include "text/iso_date.hpp"

#include <algorithm>
#include <array>

namespace opfolg::notifier {

namespace {
// The bytes html_escape changes: the five markup characters and the control characters but tab and newline.
constexpr std::array<bool, 256> html_special = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = c != '\n' && c != '\t';
    for (unsigned char c : {'&', '<', '>', '"', '\''}) t[c] = true;
    return t;
}();
}  // namespace

void append_html_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;  // runs without a special byte are appended whole
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (!html_special[static_cast<unsigned char>(c)]) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ' ';  // other control characters are not allowed in HTML text
        }
    }
    out.append(s.data() + run, s.size() - run);
}

std::string html_escape(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    append_html_escaped(out, s);
    return out;
}

namespace {
const std::array<const char*, age_band_count> band_colours = {"#9aa5b1", "#f6c343", "#f39c12", "#e4572e", "#8e1b10"};
}

std::string render_age_chart_svg(const std::vector<CommitteeBlock>& groups) {
    if (groups.empty()) return {};
    std::size_t max_total = 1;
    for (const auto& g : groups) max_total = std::max(max_total, g.flags);
    const int label_w = 300, bar_w = 380, row_h = 26, top = 34, width = label_w + bar_w + 60;
    const int height = top + static_cast<int>(groups.size()) * row_h + 10;
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Åbne opfølgninger pr. "
                      "udvalg og alder\" width=\"" + std::to_string(width) + "\" height=\"" +
                      std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                      std::to_string(height) + "\">\n";
    // Legend.
    int x = 0;
    for (int b = 0; b < age_band_count; ++b) {
        svg += "<rect x=\"" + std::to_string(x) + "\" y=\"4\" width=\"14\" height=\"14\" fill=\"" + band_colours[b] +
               "\"/><text x=\"" + std::to_string(x + 18) + "\" y=\"16\" font-size=\"12\">" +
               html_escape(age_band_label(static_cast<AgeBand>(b))) + "</text>\n";
        x += 120;
    }
    int y = top;
    for (const auto& g : groups) {
        const auto& counts = g.bands;
        svg += "<text x=\"" + std::to_string(label_w - 6) + "\" y=\"" + std::to_string(y + 16) +
               "\" font-size=\"12\" text-anchor=\"end\">" + html_escape(utf8::truncate(g.committee, 45)) + "</text>\n";
        double bx = label_w;
        for (int b = 0; b < age_band_count; ++b) {
            if (counts[b] == 0) continue;
            double w = static_cast<double>(bar_w) * counts[b] / static_cast<double>(max_total);
            svg += "<rect x=\"" + std::to_string(static_cast<int>(bx)) + "\" y=\"" + std::to_string(y + 3) +
                   "\" width=\"" + std::to_string(std::max(1, static_cast<int>(w))) + "\" height=\"" +
                   std::to_string(row_h - 8) + "\" fill=\"" + band_colours[b] + "\"><title>" +
                   html_escape(age_band_label(static_cast<AgeBand>(b))) + ": " + std::to_string(counts[b]) +
                   "</title></rect>\n";
            bx += w;
        }
        svg += "<text x=\"" + std::to_string(static_cast<int>(bx) + 6) + "\" y=\"" + std::to_string(y + 16) +
               "\" font-size=\"12\">" + std::to_string(g.flags) + "</text>\n";
        y += row_h;
    }
    svg += "</svg>\n";
    return svg;
}

std::string render_age_chart_svg(const Report& report) {
    std::vector<CommitteeBlock> groups;
    for (const auto& g : group_by_committee(report.flags)) {
        CommitteeBlock counted{g.committee, g.flags.size(), {}, {}};
        for (const rules::Flag* f : g.flags) counted.bands[static_cast<std::size_t>(age_band(*f))] += 1;
        groups.push_back(std::move(counted));
    }
    return render_age_chart_svg(groups);
}

namespace {
class HtmlWriter final : public GroupedWriter {
public:
    explicit HtmlWriter(const Report& head) : GroupedWriter(head) {}

private:
    // Written in place into the block's rows: a string per cell was most of a 100k-flag HTML report.
    void row(CommitteeBlock& block, std::size_t, const rules::Flag& f) override {
        std::string& out = block.rows;
        out += "<tr><td class=\"";
        out += rules::to_string(f.status);
        out += "\">";
        append_html_escaped(out, status_word(f.status));
        out += "</td><td class=\"num\">";
        out += std::to_string(f.days_overdue);
        out += "</td><td class=\"d\">";
        text::append_iso(out, f.due);
        out += "</td><td class=\"d\">";
        text::append_iso(out, f.meeting_date);
        out += "</td><td class=\"num\">";
        out += std::to_string(f.item_number);
        out += "</td><td>";
        append_html_escaped(out, f.title);
        out += "</td><td>";
        append_html_escaped(out, f.case_number);
        out += "</td><td>";
        append_html_escaped(out, f.decision);
        out += "</td><td>";
        append_html_escaped(out, f.rule);
        out += " (";
        out += severity_name(f.severity);
        out += ")</td><td>";
        append_html_escaped(out, f.id);
        out += "</td><td>";
        append_html_escaped(out, f.source);
        out += "</td></tr>\n";
    }

    void close() override {
        out_ +=
            "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(head().title) +
            "</title>\n<style>\n"
            "body{font-family:system-ui,sans-serif;margin:2em;color:#1f2933;background:#fff}\n"
            "table{border-collapse:collapse;width:100%;margin-bottom:2em;font-size:13px}\n"
            "th,td{border:1px solid #cbd2d9;padding:4px 6px;text-align:left;vertical-align:top;overflow-wrap:anywhere}\n"
            "td.d{white-space:nowrap}\n"
            "th{background:#e4e7eb}td.num{text-align:right}\n"
            ".overdue{color:#b42318;font-weight:bold}.pending{color:#9a6700}\n"
            ".meta{color:#616e7c;font-size:12px}\n"
            "</style>\n</head>\n<body>\n<h1>" + html_escape(head().title) + "</h1>\n<p>" +
            html_escape(summary()) + "</p>\n<p class=\"meta\">Dannet " +
            html_escape(iso_timestamp(head().generated_at)) + "</p>\n";
        if (!blocks().empty()) out_ += "<figure>\n" + render_age_chart_svg(blocks()) + "</figure>\n";
        for (const CommitteeBlock& block : blocks()) {
            out_ += "<h2>" + html_escape(block.committee) + " (" + std::to_string(block.flags) + ")</h2>\n";
            out_ += "<table>\n<tr><th>Status</th><th>Dage</th><th>Frist</th><th>Møde</th><th>Pkt.</th><th>Titel</th>"
                    "<th>Sag</th><th>Beslutning</th><th>Regel</th><th>Id</th><th>Kilde</th></tr>\n";
            out_ += block.rows;
            out_ += "</table>\n";
            flush_if_full();
        }
        out_ += "</body>\n</html>\n";
    }
};
}  // namespace

std::unique_ptr<ListWriter> make_html_writer(const Report& head) { return std::make_unique<HtmlWriter>(head); }

std::string render_html(const Report& report) { return write_list(report, make_html_writer(report)); }

}  // namespace opfolg::notifier
