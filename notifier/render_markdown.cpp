// Markdown: summary, then one table per committee; every value escaped so it stays inside its cell.
#include "notifier/grouped_writer.hpp"
#include "notifier/render.hpp"
#include "text/iso_date.hpp"

#include <array>
#include <string_view>

namespace opfolg::notifier {

namespace {
enum class MarkdownByte : unsigned char { plain, space, drop, backslash };
// CR, LF and tab become a space, other control characters are dropped, Markdown punctuation gets a backslash.
constexpr std::array<MarkdownByte, 256> markdown_bytes = [] {
    std::array<MarkdownByte, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = MarkdownByte::drop;
    for (unsigned char c : {'\r', '\n', '\t'}) t[c] = MarkdownByte::space;
    for (unsigned char c : std::string_view("\\`*_{}[]()<>#+!|~")) t[c] = MarkdownByte::backslash;
    return t;
}();
}  // namespace

void append_markdown_escaped(std::string& out, std::string_view s) {
    std::size_t run = 0;  // runs of plain bytes are appended whole
    for (std::size_t i = 0; i < s.size(); ++i) {
        const MarkdownByte kind = markdown_bytes[static_cast<unsigned char>(s[i])];
        if (kind == MarkdownByte::plain) continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        if (kind == MarkdownByte::space) out += ' ';
        if (kind == MarkdownByte::backslash) {
            out += '\\';
            out += s[i];
        }
    }
    out.append(s.data() + run, s.size() - run);
}

std::string markdown_escape(const std::string& s) {
    std::string out;
    append_markdown_escaped(out, s);
    return out;
}

namespace {
class MarkdownWriter final : public GroupedWriter {
public:
    explicit MarkdownWriter(const Report& head) : GroupedWriter(head) {}

private:
    // Written in place into the block's rows, cell by cell.
    void row(CommitteeBlock& block, std::size_t, const rules::Flag& f) override {
        std::string& out = block.rows;
        out += "| ";
        out += status_word(f.status);
        out += " | ";
        out += std::to_string(f.days_overdue);
        out += " | ";
        text::append_iso(out, f.due);
        out += " | ";
        text::append_iso(out, f.meeting_date);
        out += " | ";
        out += std::to_string(f.item_number);
        for (const std::string* value : {&f.title, &f.case_number, &f.decision, &f.rule}) {
            out += " | ";
            append_markdown_escaped(out, *value);
        }
        out += " (";
        out += severity_name(f.severity);
        out += ") | ";
        append_markdown_escaped(out, f.id);
        out += " | ";
        append_markdown_escaped(out, f.source);
        out += " |\n";
    }

    void close() override {
        out_ += "# " + markdown_escape(head().title) + "\n\n";
        out_ += summary() + "\n\n";
        out_ += "_Dannet " + iso_timestamp(head().generated_at) + "_\n";
        for (const CommitteeBlock& block : blocks()) {
            out_ += "\n## " + markdown_escape(block.committee) + " (" + std::to_string(block.flags) + ")\n\n";
            out_ += "| Status | Dage | Frist | Møde | Pkt. | Titel | Sag | Beslutning | Regel | Id | Kilde |\n";
            out_ += "|---|--:|---|---|--:|---|---|---|---|---|---|\n";
            out_ += block.rows;
            flush_if_full();
        }
    }
};
}  // namespace

std::unique_ptr<ListWriter> make_markdown_writer(const Report& head) { return std::make_unique<MarkdownWriter>(head); }

std::string render_markdown(const Report& report) { return write_list(report, make_markdown_writer(report)); }

}  // namespace opfolg::notifier
