// iCalendar (RFC 5545): one VTODO per open flag, so a clerk's calendar shows each follow-up on its due date.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"
#include "notifier/utf8.hpp"
#include "text/byte_words.hpp"
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

// Whether any of eight bytes is one ics_special may mark (a control character, backslash, ';' or ','), so plain
// text passes eight bytes a step.
bool word_may_be_special(const char* p) {
    const std::uint64_t w = text::words::load(p);
    return text::words::has_byte_below(w, 0x20) || text::words::has_byte(w, '\\') || text::words::has_byte(w, ';') ||
           text::words::has_byte(w, ',');
}

// A TEXT value (RFC 5545 3.3.11) escaped as it is written, piece by piece; CR/LF become the \n escape, so no
// value can start a new property. A CR LF is one \n also where a piece ends with the CR and the next begins with
// the LF, exactly as if the pieces had been joined first. Runs without a special character are appended whole.
class IcsText {
public:
    explicit IcsText(std::string& out) : out_(out) {}

    IcsText& operator<<(std::string_view s) {
        if (s.empty()) return *this;
        std::size_t i = after_cr_ && s.front() == '\n' ? 1 : 0;
        std::size_t run = i;  // start of the bytes not yet appended
        while (i < s.size()) {
            if (i + 8 <= s.size() && !word_may_be_special(s.data() + i)) {
                i += 8;
                continue;
            }
            const char c = s[i];
            if (!ics_special[static_cast<unsigned char>(c)]) {
                ++i;
                continue;
            }
            out_.append(s.data() + run, i - run);
            switch (c) {
                case '\\': out_ += "\\\\"; break;
                case ';': out_ += "\\;"; break;
                case ',': out_ += "\\,"; break;
                case '\r':
                    if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                    out_ += "\\n";
                    break;
                case '\n': out_ += "\\n"; break;
                default: out_ += ' ';
            }
            run = ++i;
        }
        out_.append(s.data() + run, s.size() - run);
        after_cr_ = s.back() == '\r';
        return *this;
    }

private:
    std::string& out_;
    bool after_cr_ = false;  // the last piece ended with a CR (written as \n)
};

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
        IcsText(line_) << value;
        prop(line_);
    }
    // Each property is built in one buffer kept from flag to flag, its value escaped piece by piece as it is
    // written (a string per piece, then a copy of the joined value, were most of an ICS report).
    void write(const rules::Flag& f) override {
        prop("BEGIN:VTODO");
        line_ = "UID:";
        IcsText(line_) << f.id;
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
        line_ = "SUMMARY:";
        IcsText(line_) << f.committee << " " << text::iso(f.meeting_date) << " pkt. " << std::to_string(f.item_number)
                       << ": " << f.title;
        prop(line_);
        line_ = "DESCRIPTION:";
        IcsText description(line_);
        description << "Status: " << status_word(f.status) << " (" << std::to_string(f.days_overdue) << " dage)\n";
        if (!f.case_number.empty()) description << "Sag: " << f.case_number << "\n";
        if (!f.decision.empty()) description << "Beslutning: " << f.decision << "\n";
        description << "Regel: " << f.rule << " (" << severity_name(f.severity) << ")\nId: " << f.id << "\nKilde: "
                    << f.source;
        prop(line_);
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
