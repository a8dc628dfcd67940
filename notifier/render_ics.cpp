// iCalendar (RFC 5545): one VTODO per open flag, so a clerk's calendar shows each follow-up on its due date.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"
#include "notifier/utf8.hpp"

#include <algorithm>

namespace opfolg::notifier {

namespace {
// TEXT value escaping (RFC 5545 3.3.11); CR/LF become the \n escape, so no value can start a new property.
std::string ics_text(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') out += ' ';
                else out += c;
        }
    }
    return out;
}

// Folds at 75 octets (RFC 5545 3.1) without splitting a UTF-8 sequence; continuation lines start with a space.
std::string fold(const std::string& line) {
    std::string out;
    std::size_t pos = 0, limit = 75;
    while (line.size() - pos > limit) {
        std::size_t cut = pos;
        while (cut < line.size()) {
            // Clamped: a truncated sequence at the end of invalid UTF-8 must not run past the line.
            std::size_t n = std::min(utf8::sequence_length(static_cast<unsigned char>(line[cut])), line.size() - cut);
            if (cut + n - pos > limit) break;
            cut += n;
        }
        out += line.substr(pos, cut - pos) + "\r\n ";
        pos = cut;
        limit = 74;  // the leading space counts
    }
    return out + line.substr(pos) + "\r\n";
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
        prop("X-WR-CALNAME:" + ics_text(head.title));
    }

private:
    void prop(const std::string& line) { out_ += fold(line); }
    void write(const rules::Flag& f) override {
        prop("BEGIN:VTODO");
        prop("UID:" + ics_text(f.id) + "@opfolg");
        prop("DTSTAMP:" + stamp_);
        if (f.due.ok()) prop("DUE;VALUE=DATE:" + basic_date(f.due));
        prop("SUMMARY:" + ics_text(f.committee + " " + iso(f.meeting_date) + " pkt. " +
                                   std::to_string(f.item_number) + ": " + f.title));
        std::string desc = "Status: " + status_word(f.status) + " (" + std::to_string(f.days_overdue) + " dage)\n";
        if (!f.case_number.empty()) desc += "Sag: " + f.case_number + "\n";
        if (!f.decision.empty()) desc += "Beslutning: " + f.decision + "\n";
        desc += "Regel: " + f.rule + " (" + severity_name(f.severity) + ")\nId: " + f.id + "\nKilde: " + f.source;
        prop("DESCRIPTION:" + ics_text(desc));
        prop("CATEGORIES:" + ics_text(f.committee));
        prop(std::string("PRIORITY:") + (f.severity == rules::Severity::high ? "1"
                                         : f.severity == rules::Severity::medium ? "5" : "9"));
        prop("STATUS:NEEDS-ACTION");
        prop("END:VTODO");
    }
    void close() override { prop("END:VCALENDAR"); }

    std::string stamp_;
};
}  // namespace

std::unique_ptr<ListWriter> make_ics_writer(const Report& head) { return std::make_unique<IcsWriter>(head); }

std::string render_ics(const Report& report) { return write_list(report, make_ics_writer(report)); }

}  // namespace opfolg::notifier
