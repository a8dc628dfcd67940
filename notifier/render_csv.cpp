// CSV per RFC 4180: CRLF rows, header row, fields with the separator, quote, CR or LF quoted, quotes doubled.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"

#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace opfolg::notifier {

namespace {
// Whether a field needs quotes: a quote, CR, LF or the separator in it. Sixteen bytes at a time where the CPU
// has SSE2 (every x86-64): a byte-by-byte scan was the largest single cost of a 100k-flag CSV report.
bool needs_quotes(std::string_view s, char sep) {
#ifdef __SSE2__
    // Most fields are short: the rest goes through a zeroed block, so no field is scanned byte by byte (the
    // separator is never NUL).
    const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n'),
                  separator = _mm_set1_epi8(sep);
    auto hit = [&](__m128i v) {
        return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)),
                                              _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, separator)))) != 0;
    };
    std::size_t i = 0;
    for (; i + 16 <= s.size(); i += 16)
        if (hit(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i)))) return true;
    alignas(16) char rest[16] = {};
    if (i < s.size()) std::memcpy(rest, s.data() + i, s.size() - i);  // an empty view may have no data
    return hit(_mm_load_si128(reinterpret_cast<const __m128i*>(rest)));
#else
    for (char c : s)
        if (c == '"' || c == '\r' || c == '\n' || c == sep) return true;
    return false;
#endif
}

// Appends one field: quoted when it holds the separator, a quote, CR or LF; a leading = + - @ (spreadsheet
// formula injection: Excel would evaluate the cell) is guarded with a '.
void append_field(std::string& out, std::string_view s, char sep) {
    const bool quote = needs_quotes(s, sep);
    const bool formula = !s.empty() && (s.front() == '=' || s.front() == '+' || s.front() == '-' || s.front() == '@');
    if (quote) out += '"';
    if (formula) out += '\'';
    if (!quote) {
        out += s;
        return;
    }
    // Runs between quotes appended whole, each quote doubled (decisions hold commas: most fields are quoted).
    for (std::size_t start = 0;;) {
        const std::size_t q = s.find('"', start);
        if (q == std::string_view::npos) {
            out += s.substr(start);
            break;
        }
        out += s.substr(start, q + 1 - start);
        out += '"';
        start = q + 1;
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
