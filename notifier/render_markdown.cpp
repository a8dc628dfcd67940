// Markdown: summary, then one table per committee; every value escaped so it stays inside its cell.
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

std::string render_markdown(const Report& report) {
    std::string out = "# " + markdown_escape(report.title) + "\n\n";
    out += summary_line(report) + "\n\n";
    out += "_Dannet " + iso_timestamp(report.generated_at) + "_\n";
    const ShownFlags shown_list(report);
    for (const auto& group : group_by_committee(shown_list)) {
        out += "\n## " + markdown_escape(group.committee) + " (" + std::to_string(group.flags.size()) + ")\n\n";
        out += "| Status | Dage | Frist | Møde | Pkt. | Titel | Sag | Beslutning | Regel | Id | Kilde |\n";
        out += "|---|--:|---|---|--:|---|---|---|---|---|---|\n";
        for (const rules::Flag* p : group.flags) {
            const rules::Flag& f = *p;
            out += "| " + status_word(f.status) + " | " + std::to_string(f.days_overdue) + " | " + iso(f.due) + " | " +
                   iso(f.meeting_date) + " | " + std::to_string(f.item_number) + " | " + markdown_escape(f.title) +
                   " | " + markdown_escape(f.case_number) + " | " + markdown_escape(f.decision) + " | " +
                   markdown_escape(f.rule) + " (" + severity_name(f.severity) + ") | " + markdown_escape(f.id) +
                   " | " + markdown_escape(f.source) + " |\n";
        }
    }
    return out;
}

}  // namespace opfolg::notifier
