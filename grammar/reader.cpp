// bytes -> normalized lines. Decoding, rendering detection and per-line clean-up live here; nothing in the
// grammar has to know whether the minutes came as PDF text, Markdown, HTML or Windows-1252.
#include "grammar/reader_detail.hpp"
#include "text/read_file.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstring>
#include <memory>
#include <optional>

namespace opfolg {

namespace detail {

// One pass into a new string: replacing in place moves the tail each time, quadratic on a long line.
void replace_all(std::string& s, std::string_view from, std::string_view to) {
    std::size_t pos = s.find(from);
    if (pos == std::string::npos) return;
    std::string out;
    out.reserve(s.size());
    std::size_t done = 0;
    for (; pos != std::string::npos; pos = s.find(from, done)) {
        out.append(s, done, pos - done);
        out.append(to);
        done = pos + from.size();
    }
    out.append(s, done, std::string::npos);
    s.swap(out);
}

}  // namespace detail

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Markdown-like markers as the municipality's publishing system writes them: **bold**, <b>, \_ escapes.
// Every rewrite shortens the line, so a caller sees a change in its size. Most lines hold none of `*`, `<`
// and `\`: each pass runs only when its marker byte occurs (the thirteen tag scans of every line were a fifth
// of reading a document).
void strip_markup(std::string& s, int& heading_level) {
    std::size_t hashes = 0;
    while (hashes < s.size() && s[hashes] == '#') ++hashes;
    if (hashes > 0 && hashes <= 6 && (hashes == s.size() || s[hashes] == ' ')) {
        heading_level = static_cast<int>(hashes);
        s.erase(0, hashes);
    }
    if (s.find('*') != std::string::npos) detail::replace_all(s, "**", "");
    if (s.find('<') != std::string::npos) {
        for (const char* tag : {"<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<strong>", "</strong>", "<em>", "</em>"})
            detail::replace_all(s, tag, "");
        for (const char* br : {"<br>", "<br/>", "<br />"}) detail::replace_all(s, br, " ");
    }
    if (s.find('\\') == std::string::npos) return;
    // Markdown backslash escapes of punctuation, in place (the output is never longer than what it read).
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && std::strchr("_*#-.\\`[]()!+<>|", s[i + 1]) != nullptr) ++i;
        s[w++] = s[i];
    }
    s.resize(w);
}

// Bytes copied as they are: printable ASCII and every UTF-8 byte but the leads of the sequences clean_spaces
// rewrites.
constexpr auto plain_bytes = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 256; ++c) t[c] = c > 0x20 && c != 0xC2 && c != 0xE2 && c != 0xEF;
    return t;
}();

// The first byte at or after `from` (> 0) that a rule of clean_spaces changes, reading the input d[from - 1 ..
// n): a byte that is not plain, other than a space after a byte that is not a space. Sixteen bytes at a time
// (SSE2, part of every x86-64): byte by byte, this was two thirds of normalize_source, its branch on every space
// mispredicted. The vector test finds exactly the bytes the byte test stops at.
std::size_t next_rule_byte(const char* d, std::size_t from, std::size_t n) {
    std::size_t i = from;
#if defined(__SSE2__)
    const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
    const __m128i control = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));  // c < 0x20, compared signed
    const __m128i space = _mm_set1_epi8(' ');
    for (; i + 16 <= n; i += 16) {
        const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i));
        const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + i - 1));
        __m128i rule = _mm_cmplt_epi8(_mm_xor_si128(here, flip), control);
        rule = _mm_or_si128(rule, _mm_cmpeq_epi8(here, _mm_set1_epi8(static_cast<char>(0xC2))));
        rule = _mm_or_si128(rule, _mm_cmpeq_epi8(here, _mm_set1_epi8(static_cast<char>(0xE2))));
        rule = _mm_or_si128(rule, _mm_cmpeq_epi8(here, _mm_set1_epi8(static_cast<char>(0xEF))));
        rule = _mm_or_si128(rule, _mm_and_si128(_mm_cmpeq_epi8(here, space), _mm_cmpeq_epi8(before, space)));
        if (const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(rule)); mask != 0)
            return i + static_cast<std::size_t>(__builtin_ctz(mask));
    }
#endif
    for (; i < n; ++i) {
        const unsigned char c = static_cast<unsigned char>(d[i]);
        if (!plain_bytes[c] && !(c == ' ' && d[i - 1] != ' ')) break;
    }
    return i;
}

// Whitespace and invisible characters: NBSP -> space, soft hyphen and zero-width marks dropped, runs collapsed.
// In place: every rule writes at most as many bytes as it reads. Returns the cleaned length.
std::size_t clean_spaces(char* d, const std::size_t n) {
    // Most lines are clean already: read (without writing back) up to the first byte a rule changes. A space at 0
    // is a rule's (a line does not start with one).
    std::size_t i = n > 0 && plain_bytes[static_cast<unsigned char>(d[0])] ? next_rule_byte(d, 1, n) : 0;
    std::size_t w = i;
    for (; i < n; ++i) {
        unsigned char c = static_cast<unsigned char>(d[i]);
        if (plain_bytes[c]) {
            // The clean run that starts here moves whole: its spaces are single and follow a byte that is not a
            // space, as they will in the output (read before the move, which may overwrite what follows).
            const std::size_t run_end = next_rule_byte(d, i + 1, n);
            std::memmove(d + w, d + i, run_end - i);
            w += run_end - i;
            i = run_end - 1;
            continue;
        }
        if (c == 0xC2 && i + 1 < n) {
            unsigned char e = static_cast<unsigned char>(d[i + 1]);
            if (e == 0xA0) { c = ' '; ++i; }    // NBSP: a space like any other, so it joins a run
            else if (e == 0xAD) { ++i; continue; }  // soft hyphen
        } else if (c == 0xE2 && i + 2 < n && static_cast<unsigned char>(d[i + 1]) == 0x80) {
            unsigned char e = static_cast<unsigned char>(d[i + 2]);
            if (e == 0x8B || e == 0x8C || e == 0x8D) { i += 2; continue; }  // zero-width space/joiners
            if (e == 0xAF || (e >= 0x80 && e <= 0x8A)) { c = ' '; i += 2; }  // other spaces
        } else if (c == 0xEF && i + 2 < n && static_cast<unsigned char>(d[i + 1]) == 0xBB &&
                   static_cast<unsigned char>(d[i + 2]) == 0xBF) {
            i += 2;  // stray BOM
            continue;
        }
        if (c == '\t' || c == '\f' || c == '\v' || c == '\r') c = ' ';
        if (c < 0x20) continue;  // other control characters carry nothing
        if (c == ' ' && (w == 0 || d[w - 1] == ' ')) continue;
        d[w++] = static_cast<char>(c);
    }
    while (w > 0 && d[w - 1] == ' ') --w;
    return w;
}

bool is_page_furniture(std::string_view s, bool pdf) {
    // "Side 3 af 20", "Side 3", and for PDFs a bare page number line.
    auto digits = [](std::string_view v) {
        return !v.empty() && v.size() <= 4 && v.find_first_not_of("0123456789") == std::string_view::npos;
    };
    std::string_view v = s;
    if (pdf && digits(v)) return true;
    if (!starts_with(v, "Side ")) return false;
    v.remove_prefix(5);
    std::size_t sp = v.find(" af ");
    if (sp == std::string_view::npos) return digits(v);
    return digits(v.substr(0, sp)) && digits(v.substr(sp + 4));
}

bool is_lower_letter_start(std::string_view s) {
    if (s.empty()) return false;
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c >= 'a' && c <= 'z') return true;
    return c == 0xC3 && s.size() > 1 && static_cast<unsigned char>(s[1]) >= 0xA0;  // æ ø å é ...
}

// "beskæf-" + "tigelse" -> "beskæftigelse"; but "Erhvervs-" + "og Beskæftigelse" stays (a Danish
// compound ellipsis, not a break).
bool joins_hyphenated(std::string_view line, std::string_view next) {
    if (line.size() < 3 || line.back() != '-' || !is_lower_letter_start(next)) return false;
    unsigned char before = static_cast<unsigned char>(line[line.size() - 2]);
    bool letter_before = (before >= 'a' && before <= 'z') || before >= 0x80;
    if (!letter_before) return false;
    const std::string_view first_word = next.substr(0, next.find(' '));
    for (const char* w : {"og", "eller", "samt", "til", "som"})
        if (first_word == w) return false;
    return true;
}

// The physical lines of plain text, as views into it (LF, CRLF or a lone CR ends a line).
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    if (text.empty()) return {std::string_view()};
    lines.reserve(text.size() / 48 + 1);  // about a line per 48 bytes in minutes: few reallocations of the lines
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* start = begin;
    // memchr for the next LF, then for a CR before it: a byte-by-byte test of both was a tenth of reading.
    while (true) {
        const char* lf = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
        const char* stop = lf ? lf : end;
        const char* cr = static_cast<const char*>(std::memchr(start, '\r', static_cast<std::size_t>(stop - start)));
        if (cr) stop = cr;
        lines.emplace_back(start, static_cast<std::size_t>(stop - start));
        if (stop == end) break;
        start = stop + 1;
        if (*stop == '\r' && start < end && *start == '\n') ++start;  // CRLF is one line end
    }
    return lines;
}

// The physical lines of a document, plain text's as views, HTML's and JSON's as the lines their readers made.
class PhysicalLines {
public:
    explicit PhysicalLines(std::vector<std::string_view> plain) : plain_(std::move(plain)) {}
    explicit PhysicalLines(std::vector<detail::RawLine> made) : made_(std::move(made)), is_made_(true) {}
    std::size_t size() const { return is_made_ ? made_.size() : plain_.size(); }
    std::string_view text(std::size_t i) const { return is_made_ ? std::string_view(made_[i].text) : plain_[i]; }
    int source_line(std::size_t i) const { return is_made_ ? made_[i].source_line : static_cast<int>(i) + 1; }
    int heading_level(std::size_t i) const { return is_made_ ? made_[i].heading_level : 0; }

private:
    std::vector<std::string_view> plain_;
    std::vector<detail::RawLine> made_;
    bool is_made_ = false;
};

// Whether strip_markup may change the line: a '#' first, or one of its marker bytes anywhere.
bool may_hold_markup(std::string_view s) {
    if (s.empty()) return false;  // memchr must not see the null data() of an empty view
    if (s.front() == '#') return true;
    for (char marker : {'*', '<', '\\'})
        if (std::memchr(s.data(), marker, s.size()) != nullptr) return true;
    return false;
}

// Physical line i of `raw`, cleaned (markup, spaces), appended to `out`. True when markup was removed. Cleaned
// where it lands: only a line that may hold markup goes through `scratch` (strip_markup works on a string).
bool append_clean_line(const PhysicalLines& raw, std::size_t i, std::string& out, std::string& scratch,
                       int& heading_level) {
    const std::string_view line = raw.text(i);
    heading_level = raw.heading_level(i);
    bool markup = false;
    const std::size_t at = out.size();
    if (may_hold_markup(line)) {
        scratch.assign(line);
        strip_markup(scratch, heading_level);
        markup = scratch.size() != line.size();
        out.append(scratch);
    } else {
        out.append(line);
    }
    out.resize(at + clean_spaces(out.data() + at, out.size() - at));
    return markup;
}

}  // namespace

SourceText normalize_source(std::string_view bytes, const std::string& file) {
    SourceText out;
    out.file = file;
    out.rendering = "plain";
    std::string text;
    if (starts_with(bytes, "%PDF-")) {
        text = detail::pdf_to_text(bytes);
        out.rendering = "pdf";
        out.encoding = "utf-8";
        bytes = text;
    }
    if (starts_with(bytes, "\x89PNG") || starts_with(bytes, "GIF8") || starts_with(bytes, "\xFF\xD8\xFF") ||
        starts_with(bytes, "PK\x03\x04"))
        throw ReadError("binary file, not text minutes");
    if (std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        int line = 1;
        for (std::size_t i = 0; i < nul; ++i) line += bytes[i] == '\n';
        throw ReadError("binary data (NUL byte), not text minutes", line);
    }
    std::string decoded;
    if (out.rendering != "pdf") {
        if (starts_with(bytes, "\xEF\xBB\xBF")) {
            bytes.remove_prefix(3);
            out.encoding = "utf-8 (bom)";
        } else {
            out.encoding = "utf-8";
        }
        if (is_valid_utf8(bytes)) {
            decoded.assign(bytes);
        } else if (detail::count_multibyte_utf8(bytes) == 0) {
            // Not one valid multi-byte sequence: a single-byte code page. Windows-1252 is a superset of the
            // Latin-1 printable range, so it reads both.
            decoded = windows1252_to_utf8(bytes);
            out.encoding = "windows-1252";
        } else {
            // Mostly UTF-8 with damage: keep the text, mark each bad byte, say where.
            std::size_t replaced = detail::repair_utf8(bytes, decoded);
            out.notes.push_back({0, std::to_string(replaced) + " invalid UTF-8 byte(s) replaced with U+FFFD"});
        }
    } else {
        decoded = std::move(text);
    }

    const bool repaired = !out.notes.empty();  // the only note so far: bytes replaced
    std::optional<PhysicalLines> made;
    if (detail::looks_like_json(decoded)) {
        out.rendering = "firstagenda-json";
        made.emplace(detail::firstagenda_json_to_lines(decoded, out.source_id, out.notes));
    } else if (detail::looks_like_html(decoded)) {
        out.rendering = "html";
        made.emplace(detail::looks_like_firstagenda_page(decoded) ? detail::firstagenda_page_to_lines(decoded)
                                                                  : detail::html_to_lines(decoded));
    } else {
        made.emplace(split_lines(decoded));  // views into `decoded`, which stays until the lines are cleaned
    }
    const PhysicalLines& raw = *made;
    if (repaired) {
        for (std::size_t i = 0; i < raw.size(); ++i)
            if (raw.text(i).find("\xEF\xBF\xBD") != std::string_view::npos) {
                out.notes.front().line = raw.source_line(i);
                break;
            }
    }

    // Each line is cleaned (through one reused buffer) and appended to one text, '\n' after each; the lines are
    // views into it and the grammar reads it as it is. A string per line, and a second copy joined for the
    // grammar, were most of the preparing threads' allocations. Then, in place (every step shortens the text),
    // page furniture is dropped and, in PDF-like text, a word broken over two lines is joined.
    auto normalized = std::make_shared<std::string>();
    normalized->reserve(decoded.size() + 1);
    struct Span {
        std::size_t offset, size;
        int source_line, heading_level;
    };
    std::vector<Span> spans;
    spans.reserve(raw.size());
    bool markdown = false;
    {
        std::string scratch;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            int level = 0;
            const std::size_t at = normalized->size();
            markdown = append_clean_line(raw, i, *normalized, scratch, level) || markdown;
            spans.push_back({at, normalized->size() - at, raw.source_line(i), level});
            normalized->push_back('\n');
        }
    }
    if (markdown && out.rendering == "plain") out.rendering = "markdown";

    const bool pdf = out.rendering == "pdf", pdf_like = pdf || out.rendering == "plain";
    char* const d = normalized->data();
    auto view = [&](std::size_t offset, std::size_t size) { return std::string_view(d + offset, size); };
    std::size_t w = 0, kept = 0;
    for (std::size_t i = 0; i < spans.size(); ++i) {
        const Span here = spans[i];
        if (is_page_furniture(view(here.offset, here.size), pdf)) continue;
        const std::size_t start = w;
        // The lines not yet moved lie after w; until a line is dropped or joined, every line stays where it is.
        if (w != here.offset) std::memmove(d + w, d + here.offset, here.size);
        w += here.size;
        while (pdf_like && i + 1 < spans.size() &&
               joins_hyphenated(view(start, w - start), view(spans[i + 1].offset, spans[i + 1].size))) {
            const Span& next = spans[++i];
            --w;  // the hyphen
            std::memmove(d + w, d + next.offset, next.size);
            w += next.size;
        }
        d[w++] = '\n';
        spans[kept++] = {start, w - 1 - start, here.source_line, here.heading_level};
    }
    normalized->resize(w);
    spans.resize(kept);

    out.lines.reserve(spans.size());
    bool any_text = false;
    for (const Span& sp : spans) {
        out.lines.push_back(
            {std::string_view(*normalized).substr(sp.offset, sp.size), sp.source_line, sp.heading_level});
        any_text = any_text || sp.size > 0;
    }
    out.text = std::move(normalized);
    if (!any_text) throw ReadError("empty document");
    return out;
}

SourceText read_source(const std::string& path) {
    std::string bytes, error;
    if (!text::read_file(path, bytes, error)) throw ReadError(error);
    return normalize_source(bytes, path);
}

}  // namespace opfolg
