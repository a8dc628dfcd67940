// CSV per RFC 4180: CRLF rows, header row, fields with the separator, quote, CR or LF quoted, quotes doubled.
#include "notifier/render.hpp"

namespace opfolg::notifier {

namespace {
std::string field(const std::string& s, char sep) {
    bool quote = s.find_first_of(std::string{sep, '"', '\r', '\n'}) != std::string::npos;
    // Spreadsheet formula injection: a leading = + - @ makes Excel evaluate the cell.
    bool formula = !s.empty() && std::string_view("=+-@").find(s.front()) != std::string_view::npos;
    std::string v = formula ? "'" + s : s;
    if (!quote) return v;
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}
}  // namespace

std::string csv_row(const std::vector<std::string>& cells, char sep) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += sep;
        out += field(cells[i], sep);
    }
    return out + "\r\n";
}

std::string render_csv(const Report& report, bool excel) {
    const char sep = excel ? ';' : ',';
    std::string out = excel ? "\xEF\xBB\xBF" : "";
    out += csv_row({"id", "rule", "status", "severity", "committee", "meeting_date", "item_number", "title",
                    "case_number", "decision", "due", "days_overdue", "source"},
                   sep);
    for (const auto& f : shown_flags(report)) {
        // days_overdue is negative for pending flags; written as a number, not guarded as a formula.
        std::vector<std::string> cells = {f.id, f.rule, rules::to_string(f.status), severity_name(f.severity), f.committee,
                                          iso(f.meeting_date), std::to_string(f.item_number), f.title,
                                          f.case_number, f.decision, iso(f.due), "", f.source};
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += sep;
            out += i == 11 ? std::to_string(f.days_overdue) : field(cells[i], sep);
        }
        out += "\r\n";
    }
    return out;
}

}  // namespace opfolg::notifier
