// CSV per RFC 4180: CRLF rows, header row, fields with the separator, quote, CR or LF quoted, quotes doubled.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"

#include <string_view>

namespace opfolg::notifier {

namespace {
// Appends one field: quoted when it holds the separator, a quote, CR or LF; a leading = + - @ (spreadsheet
// formula injection: Excel would evaluate the cell) is guarded with a '.
void append_field(std::string& out, std::string_view s, char sep) {
    // One pass over the field (find_first_of ran memchr over the set for every byte).
    bool quote = false;
    for (char c : s)
        if (c == '"' || c == '\r' || c == '\n' || c == sep) {
            quote = true;
            break;
        }
    const bool formula = !s.empty() && (s.front() == '=' || s.front() == '+' || s.front() == '-' || s.front() == '@');
    if (quote) out += '"';
    if (formula) out += '\'';
    if (!quote) {
        out += s;
        return;
    }
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}
}  // namespace

std::string csv_row(const std::vector<std::string>& cells, char sep) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += sep;
        append_field(out, cells[i], sep);
    }
    return out + "\r\n";
}

namespace {
class CsvWriter final : public ListWriter {
public:
    CsvWriter(const Report& head, bool excel) : ListWriter(head.show_closed), sep_(excel ? ';' : ',') {
        if (excel) out_ = "\xEF\xBB\xBF";
        out_ += csv_row({"id", "rule", "status", "severity", "committee", "meeting_date", "item_number", "title",
                         "case_number", "decision", "due", "days_overdue", "source"},
                        sep_);
    }

private:
    void write(const rules::Flag& f) override {
        std::string& out = out_;
        const char sep = sep_;
        const std::string meeting = iso(f.meeting_date), due = iso(f.due);
        for (std::string_view cell : {std::string_view(f.id), std::string_view(f.rule),
                                      std::string_view(rules::to_string(f.status)),
                                      std::string_view(severity_name(f.severity)), std::string_view(f.committee),
                                      std::string_view(meeting)}) {
            append_field(out, cell, sep);
            out += sep;
        }
        out += std::to_string(f.item_number);
        for (std::string_view cell : {std::string_view(f.title), std::string_view(f.case_number),
                                      std::string_view(f.decision), std::string_view(due)}) {
            out += sep;
            append_field(out, cell, sep);
        }
        // days_overdue is negative for pending flags; written as a number, not guarded as a formula.
        out += sep;
        out += std::to_string(f.days_overdue);
        out += sep;
        append_field(out, f.source, sep);
        out += "\r\n";
    }
    void close() override {}

    char sep_;
};
}  // namespace

std::unique_ptr<ListWriter> make_csv_writer(const Report& head, bool excel) {
    return std::make_unique<CsvWriter>(head, excel);
}

std::string render_csv(const Report& report, bool excel) {
    return write_list(report, make_csv_writer(report, excel));
}

}  // namespace opfolg::notifier
