// Markdown: summary, then one table per committee; every value escaped so it stays inside its cell.
#include "notifier/grouped_writer.hpp"
#include "notifier/render.hpp"

namespace opfolg::notifier {

std::string markdown_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\r' || c == '\n' || c == '\t') { out += ' '; continue; }
        if (static_cast<unsigned char>(c) < 0x20) continue;
        if (std::string_view("\\`*_{}[]()<>#+!|~").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

namespace {
class MarkdownWriter final : public GroupedWriter {
public:
    explicit MarkdownWriter(const Report& head) : GroupedWriter(head) {}

private:
    void row(CommitteeBlock& block, std::size_t, const rules::Flag& f) override {
        block.rows += "| " + status_word(f.status) + " | " + std::to_string(f.days_overdue) + " | " + iso(f.due) +
                      " | " + iso(f.meeting_date) + " | " + std::to_string(f.item_number) + " | " +
                      markdown_escape(f.title) + " | " + markdown_escape(f.case_number) + " | " +
                      markdown_escape(f.decision) + " | " + markdown_escape(f.rule) + " (" + severity_name(f.severity) +
                      ") | " + markdown_escape(f.id) + " | " + markdown_escape(f.source) + " |\n";
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
