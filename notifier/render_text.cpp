// Plain text: summary line, then one block per committee with aligned columns and a detail line per flag.
#include "notifier/render.hpp"
#include "notifier/utf8.hpp"
#include "text/one_line.hpp"

#include <algorithm>

namespace opfolg::notifier {

namespace {
const char* const red = "\x1b[31m";
const char* const yellow = "\x1b[33m";
const char* const bold = "\x1b[1m";
const char* const dim = "\x1b[2m";
const char* const reset = "\x1b[0m";

using text::one_line;  // values of the minutes as one line: no CR/LF, no terminal escapes

std::string meeting_cell(const rules::Flag& f) { return iso(f.meeting_date) + " pkt. " + std::to_string(f.item_number); }
}  // namespace

std::string render_text(const Report& report, bool colour) {
    auto paint = [&](const char* code, const std::string& s) { return colour ? code + s + reset : s; };
    std::string out = summary_line(report) + "\n";
    const std::vector<std::string> head = {"STATUS", "DAGE", "FRIST", "MØDE", "SAG", "TITEL"};
    const ShownFlags shown_list(report);
    for (const auto& group : group_by_committee(shown_list)) {
        // Column widths over this committee's rows, measured in columns, not bytes.
        std::vector<std::vector<std::string>> rows;
        for (const rules::Flag* p : group.flags) {
            const rules::Flag& f = *p;
            rows.push_back({status_word(f.status), std::to_string(f.days_overdue), iso(f.due), meeting_cell(f),
                            one_line(f.case_number.empty() ? "-" : f.case_number),
                            utf8::truncate(one_line(f.title), 60)});
        }
        std::vector<std::size_t> w(head.size());
        for (std::size_t c = 0; c < head.size(); ++c) {
            w[c] = utf8::width(head[c]);
            for (const auto& r : rows) w[c] = std::max(w[c], utf8::width(r[c]));
        }
        out += "\n" + paint(bold, one_line(group.committee) + " (" + std::to_string(group.flags.size()) + ")") + "\n";
        std::string h = " ";
        for (std::size_t c = 0; c < head.size(); ++c) h += " " + utf8::pad(head[c], c + 1 == head.size() ? 0 : w[c], c == 1);
        out += paint(dim, h) + "\n";
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const rules::Flag& f = *group.flags[i];
            const auto& r = rows[i];
            std::string line = " ";
            for (std::size_t c = 0; c < r.size(); ++c) {
                std::string cell = utf8::pad(r[c], c + 1 == r.size() ? 0 : w[c], c == 1);
                if (c == 0) cell = paint(f.status == rules::FlagStatus::overdue ? red : yellow, cell);
                line += " " + cell;
            }
            out += line + "\n";
            if (!f.decision.empty()) out += "      Beslutning: " + utf8::truncate(one_line(f.decision), 200) + "\n";
            out += paint(dim, "      Regel: " + one_line(f.rule) + " (" + severity_name(f.severity) + ")  id " +
                                  one_line(f.id) + "  kilde " + one_line(f.source)) + "\n";
        }
    }
    return out;
}

}  // namespace opfolg::notifier
