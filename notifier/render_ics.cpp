// iCalendar (RFC 5545): one VTODO per open flag, so a clerk's calendar shows each follow-up on its due date.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"
#include "notifier/utf8.hpp"
#include "text/iso_date.hpp"

#include <algorithm>
#include <array>

namespace opfolg::notifier {

namespace {
// The bytes a TEXT value escapes or replaces: backslash, ';', ',' and the control characters but tab.
constexpr std::array<bool, 256> ics_special = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<std::size_t>(c)] = c != '\t';
    for (unsigned char c : {'\\', ';', ','}) t[c] = true;
    return t;
}();

// TEXT value escaping (RFC 5545 3.3.11); CR/LF become the \n escape, so no value can start a new property.
// Runs without a special character are appended whole.
void append_ics_text(std::string& out, std::string_view s) {
    std::size_t run = 0;  // start of the bytes not yet appended
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (!ics_special[static_cast<unsigned char>(c)]) continue;
        out.append(s.data() + run, i - run);
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default: out += ' ';
        }
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
}

// Appends `line` folded at 75 octets (RFC 5545 3.1) without splitting a UTF-8 sequence; continuation lines start
// with a space.
void append_folded(std::string& out, std::string_view line) {
    std::size_t pos = 0, limit = 75;
    while (line.size() - pos > limit) {
        std::size_t cut = pos;
        while (cut < line.size()) {
            // Clamped: a truncated sequence at the end of invalid UTF-8 must not run past the line.
            const auto lead = static_cast<unsigned char>(line[cut]);
            const std::size_t n = lead < 0x80 ? 1 : std::min(utf8::sequence_length(lead), line.size() - cut);
            if (cut + n - pos > limit) break;
            cut += n;
        }
        out += line.substr(pos, cut - pos);
        out += "\r\n ";
        pos = cut;
        limit = 74;  // the leading space counts
    }
    out += line.substr(pos);
    out += "\r\n";
}

// "20190831": the date without its dashes.
void append_basic_date(std::string& out, date::year_month_day d) {
    const std::size_t from = out.size();
    text::append_iso(out, d);
    out.erase(std::remove(out.begin() + static_cast<std::ptrdiff_t>(from), out.end(), '-'), out.end());
}
}  // namespace

namespace {
class IcsWriter final : public ListWriter {
public:
    explicit IcsWriter(const Report& head)
        : ListWriter(head.show_closed), stamp_(date::format("%Y%m%dT%H%M%SZ", head.generated_at)) {
        prop("BEGIN:VCALENDAR");
        prop("VERSION:2.0");
        prop("PRODID:-//opfolg//opfolg 0.1//DA");
        prop("CALSCALE:GREGORIAN");
        text_prop("X-WR-CALNAME:", head.title);
    }

private:
    void prop(std::string_view line) { append_folded(out_, line); }
    // A property whose value is TEXT: escaped into a line of its own, then folded.
    void text_prop(std::string_view name, std::string_view value) {
        line_.assign(name);
        append_ics_text(line_, value);
        prop(line_);
    }
    // The properties are built in buffers kept from flag to flag (a string per piece was most of an ICS report),
    // each escaped whole as before: a CR at the end of one value and the LF after it are still one \n.
    void write(const rules::Flag& f) override {
        prop("BEGIN:VTODO");
        line_ = "UID:";
        append_ics_text(line_, f.id);
        line_ += "@opfolg";
        prop(line_);
        line_ = "DTSTAMP:";
        line_ += stamp_;
        prop(line_);
        if (f.due.ok()) {
            line_ = "DUE;VALUE=DATE:";
            append_basic_date(line_, f.due);
            prop(line_);
        }
        value_ = f.committee;
        value_ += ' ';
        text::append_iso(value_, f.meeting_date);
        value_ += " pkt. ";
        value_ += std::to_string(f.item_number);
        value_ += ": ";
        value_ += f.title;
        text_prop("SUMMARY:", value_);
        value_ = "Status: ";
        value_ += status_word(f.status);
        value_ += " (";
        value_ += std::to_string(f.days_overdue);
        value_ += " dage)\n";
        if (!f.case_number.empty()) {
            value_ += "Sag: ";
            value_ += f.case_number;
            value_ += '\n';
        }
        if (!f.decision.empty()) {
            value_ += "Beslutning: ";
            value_ += f.decision;
            value_ += '\n';
        }
        value_ += "Regel: ";
        value_ += f.rule;
        value_ += " (";
        value_ += severity_name(f.severity);
        value_ += ")\nId: ";
        value_ += f.id;
        value_ += "\nKilde: ";
        value_ += f.source;
        text_prop("DESCRIPTION:", value_);
        text_prop("CATEGORIES:", f.committee);
        prop(f.severity == rules::Severity::high     ? "PRIORITY:1"
             : f.severity == rules::Severity::medium ? "PRIORITY:5"
                                                     : "PRIORITY:9");
        prop("STATUS:NEEDS-ACTION");
        prop("END:VTODO");
    }
    void close() override { prop("END:VCALENDAR"); }

    std::string stamp_;
    std::string line_;   // the property being built (its buffer kept from flag to flag)
    std::string value_;  // a TEXT value before escaping (likewise)
};
}  // namespace

std::unique_ptr<ListWriter> make_ics_writer(const Report& head) { return std::make_unique<IcsWriter>(head); }

std::string render_ics(const Report& report) { return write_list(report, make_ics_writer(report)); }

}  // namespace opfolg::notifier
