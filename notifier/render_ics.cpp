// iCalendar (RFC 5545): one VTODO per open flag, so a clerk's calendar shows each follow-up on its due date.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"
#include "notifier/utf8.hpp"

#include <algorithm>

namespace opfolg::notifier {

namespace {
// TEXT value escaping (RFC 5545 3.3.11); CR/LF become the \n escape, so no value can start a new property.
// Runs without a special character are appended whole.
void append_ics_text(std::string& out, std::string_view s) {
    std::size_t run = 0;  // start of the bytes not yet appended
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool special = c == '\\' || c == ';' || c == ',' || (static_cast<unsigned char>(c) < 0x20 && c != '\t');
        if (!special) continue;
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
            std::size_t n = std::min(utf8::sequence_length(static_cast<unsigned char>(line[cut])), line.size() - cut);
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

std::string basic_date(date::year_month_day d) {
    std::string s = iso(d);
    std::string out;
    for (char c : s)
        if (c != '-') out += c;
    return out;
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
    void write(const rules::Flag& f) override {
        prop("BEGIN:VTODO");
        line_ = "UID:";
        append_ics_text(line_, f.id);
        line_ += "@opfolg";
        prop(line_);
        prop("DTSTAMP:" + stamp_);
        if (f.due.ok()) prop("DUE;VALUE=DATE:" + basic_date(f.due));
        text_prop("SUMMARY:", f.committee + " " + iso(f.meeting_date) + " pkt. " + std::to_string(f.item_number) +
                                 ": " + f.title);
        std::string desc = "Status: " + status_word(f.status) + " (" + std::to_string(f.days_overdue) + " dage)\n";
        if (!f.case_number.empty()) desc += "Sag: " + f.case_number + "\n";
        if (!f.decision.empty()) desc += "Beslutning: " + f.decision + "\n";
        desc += "Regel: " + f.rule + " (" + severity_name(f.severity) + ")\nId: " + f.id + "\nKilde: " + f.source;
        text_prop("DESCRIPTION:", desc);
        text_prop("CATEGORIES:", f.committee);
        prop(f.severity == rules::Severity::high     ? "PRIORITY:1"
             : f.severity == rules::Severity::medium ? "PRIORITY:5"
                                                     : "PRIORITY:9");
        prop("STATUS:NEEDS-ACTION");
        prop("END:VTODO");
    }
    void close() override { prop("END:VCALENDAR"); }

    std::string stamp_;
    std::string line_;  // the property being built (its buffer kept from flag to flag)
};
}  // namespace

std::unique_ptr<ListWriter> make_ics_writer(const Report& head) { return std::make_unique<IcsWriter>(head); }

std::string render_ics(const Report& report) { return write_list(report, make_ics_writer(report)); }

}  // namespace opfolg::notifier
