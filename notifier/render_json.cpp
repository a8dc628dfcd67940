// JSON with a fixed key order (docs/report-json.md); scripts rely on it, so keys are only ever appended.
#include "notifier/render.hpp"
#include "notifier/list_writer.hpp"
#include "text/byte_words.hpp"
#include "text/iso_date.hpp"

#include <nlohmann/json.hpp>

namespace opfolg::notifier {

namespace {
constexpr auto replace = nlohmann::ordered_json::error_handler_t::replace;  // bad UTF-8 in a source file

// Whether all eight bytes are printable ASCII other than quote and backslash: most of a report's text, which
// classify() then passes eight bytes a step.
bool plain_ascii_word(const unsigned char* p) {
    const std::uint64_t w = text::words::load(reinterpret_cast<const char*>(p));
    return !text::words::has_high_bit(w) && !text::words::has_byte_below(w, 0x20) && !text::words::has_byte(w, '"') &&
           !text::words::has_byte(w, '\\');
}

// How JSON writes a text: as it is between quotes (`verbatim`), with its quotes, backslashes and control
// characters escaped (`escaped`), both only for well-formed UTF-8 in the strict form nlohmann's validator accepts
// (no overlong forms, no surrogates, nothing past U+10FFFF); anything else (`invalid`) goes through nlohmann's own
// escaping, which replaces the bad bytes.
enum class JsonText { verbatim, escaped, invalid };

JsonText classify(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
        return i < n && p[i] >= lo && p[i] <= hi;
    };
    bool escapes = false;
    for (std::size_t i = 0; i < n;) {
        if (i + 8 <= n && plain_ascii_word(p + i)) {
            i += 8;
            continue;
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            escapes = escapes || c < 0x20 || c == '"' || c == '\\';
            i += 1;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(i + 1)) return JsonText::invalid;
            i += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            if (!cont(i + 1, lo, hi) || !cont(i + 2)) return JsonText::invalid;
            i += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            const unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return JsonText::invalid;
            i += 4;
        } else {
            return JsonText::invalid;
        }
    }
    return escapes ? JsonText::escaped : JsonText::verbatim;
}

// Well-formed UTF-8 escaped as nlohmann's dump writes it (ensure_ascii off): the short escapes where JSON has
// them, \u00xx in lowercase hex for the other control characters, everything else as it is. Decisions quote
// their sources ("... jf. \"Indstilling\" ..."), so this is not rare enough to leave to a DOM per string.
void append_escaped(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\') continue;
        out.append(s.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xF];
        }
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void append_string(std::string& out, std::string_view s) {
    switch (classify(s)) {
        case JsonText::verbatim:
            out += '"';
            out += s;
            out += '"';
            break;
        case JsonText::escaped: append_escaped(out, s); break;
        case JsonText::invalid: out += nlohmann::ordered_json(std::string(s)).dump(-1, ' ', false, replace);
    }
}

// Written one flag at a time, byte for byte what dump(2) of the whole document gave: a DOM of a national report
// (367k flags) was half a gigabyte and most of a second before the first byte. Each flag is written field by
// field as dump(2) lays out an object two levels down (an object per flag was 80 % of a 100k-flag report).
class JsonWriter final : public ListWriter {
public:
    explicit JsonWriter(const Report& head) : ListWriter(head.show_closed) {
        out_ = "{\n  \"as_of\": " + nlohmann::ordered_json(iso(head.as_of)).dump() + ",\n  \"flags\": [";
    }

private:
    // A key with what stands before and after it, as one literal: ",\n      \"rule\": " (three appends per key,
    // each a length check and a copy, were a third of the writer's time).
    void key(std::string_view prefixed) { out_ += prefixed; }
    void field(std::string_view prefixed, std::string_view value) {
        key(prefixed);
        append_string(out_, value);
    }
    void field(std::string_view prefixed, long long value) {
        key(prefixed);
        out_ += std::to_string(value);
    }
    void date_field(std::string_view prefixed, date::year_month_day d) {
        key(prefixed);
        out_ += '"';
        text::append_iso(out_, d);  // digits and dashes: verbatim
        out_ += '"';
    }

    void write(const rules::Flag& f) override {
        out_ += first_ ? "\n    {" : ",\n    {";
        first_ = false;
        // The documented order (docs/report-json.md): keys are only ever appended. "id" is always the first key.
        field("\n      \"id\": ", f.id);
        field(",\n      \"rule\": ", f.rule);
        field(",\n      \"status\": ", rules::to_string(f.status));
        field(",\n      \"severity\": ", severity_name(f.severity));
        field(",\n      \"committee\": ", f.committee);
        date_field(",\n      \"meeting_date\": ", f.meeting_date);
        field(",\n      \"item_number\": ", f.item_number);
        field(",\n      \"title\": ", f.title);
        field(",\n      \"case_number\": ", f.case_number);
        field(",\n      \"decision\": ", f.decision);
        date_field(",\n      \"due\": ", f.due);
        field(",\n      \"days_overdue\": ", f.days_overdue);
        field(",\n      \"source\": ", f.source);
        key(",\n      \"closed\": ");
        out_ += f.closed ? "true" : "false";
        field(",\n      \"rule_title\": ", f.rule_title);
        field(",\n      \"due_source\": ", f.due_source);
        field(",\n      \"message\": ", f.message);
        out_ += "\n    }";
    }
    void close() override { out_ += first_ ? "]\n}\n" : "\n  ]\n}\n"; }

    bool first_ = true;
};
}  // namespace

std::unique_ptr<ListWriter> make_json_writer(const Report& head) { return std::make_unique<JsonWriter>(head); }

std::string render_json(const Report& report) { return write_list(report, make_json_writer(report)); }

}  // namespace opfolg::notifier
