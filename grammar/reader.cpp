// bytes -> normalized lines. Decoding, rendering detection and per-line clean-up live here; nothing in the
// grammar has to know whether the minutes came as PDF text, Markdown, HTML or Windows-1252.
#include "grammar/reader_detail.hpp"
#include "text/read_file.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <array>
#include <cstring>

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
// In place: every rule writes at most as many bytes as it reads.
void clean_spaces(std::string& s) {
    char* d = s.data();
    const std::size_t n = s.size();
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
    s.resize(w);
}

bool is_page_furniture(const std::string& s, bool pdf) {
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
bool joins_hyphenated(const std::string& line, const std::string& next) {
    if (line.size() < 3 || line.back() != '-' || !is_lower_letter_start(next)) return false;
    unsigned char before = static_cast<unsigned char>(line[line.size() - 2]);
    bool letter_before = (before >= 'a' && before <= 'z') || before >= 0x80;
    if (!letter_before) return false;
    std::string first_word = next.substr(0, next.find(' '));
    for (const char* w : {"og", "eller", "samt", "til", "som"})
        if (first_word == w) return false;
    return true;
}

std::vector<detail::RawLine> split_lines(std::string_view text) {
    std::vector<detail::RawLine> lines;
    lines.reserve(text.size() / 48 + 1);  // about a line per 48 bytes in minutes: few reallocations of the lines
    if (text.empty()) return {{std::string(), 1, 0}};
    lines.reserve(text.size() / 64 + 1);
    int n = 1;
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    const char* start = begin;
    // memchr for the next LF, then for a CR before it: a byte-by-byte test of both was a tenth of reading.
    while (true) {
        const char* lf = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
        const char* stop = lf ? lf : end;
        const char* cr = static_cast<const char*>(std::memchr(start, '\r', static_cast<std::size_t>(stop - start)));
        if (cr) stop = cr;
        lines.push_back({std::string(start, stop), n++, 0});
        if (stop == end) break;
        start = stop + 1;
        if (*stop == '\r' && start < end && *start == '\n') ++start;  // CRLF is one line end
    }
    return lines;
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
    std::vector<detail::RawLine> raw;
    if (detail::looks_like_json(decoded)) {
        out.rendering = "firstagenda-json";
        raw = detail::firstagenda_json_to_lines(decoded, out.source_id, out.notes);
    } else if (detail::looks_like_html(decoded)) {
        out.rendering = "html";
        raw = detail::looks_like_firstagenda_page(decoded) ? detail::firstagenda_page_to_lines(decoded)
                                                           : detail::html_to_lines(decoded);
    } else {
        raw = split_lines(decoded);
    }
    if (repaired) {
        for (const auto& r : raw)
            if (r.text.find("\xEF\xBF\xBD") != std::string::npos) {
                out.notes.front().line = r.source_line;
                break;
            }
    }

    bool markdown = false;
    for (auto& r : raw) {
        int level = r.heading_level;
        const std::size_t before = r.text.size();
        strip_markup(r.text, level);
        if (r.text.size() != before && out.rendering == "plain") markdown = true;
        r.heading_level = level;
        clean_spaces(r.text);
    }
    if (markdown) out.rendering = "markdown";

    const bool pdf = out.rendering == "pdf", pdf_like = pdf || out.rendering == "plain";
    out.lines.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        auto& r = raw[i];
        if (is_page_furniture(r.text, pdf)) continue;
        NormalizedLine line{std::move(r.text), r.source_line, r.heading_level};  // raw[i] is not read again
        while (pdf_like && i + 1 < raw.size() && joins_hyphenated(line.text, raw[i + 1].text)) {
            line.text.pop_back();
            line.text += raw[++i].text;
        }
        out.lines.push_back(std::move(line));
    }
    bool any_text = false;
    for (const auto& l : out.lines) any_text = any_text || !l.text.empty();
    if (!any_text) throw ReadError("empty document");
    return out;
}

SourceText read_source(const std::string& path) {
    std::string bytes, error;
    if (!text::read_file(path, bytes, error)) throw ReadError(error);
    return normalize_source(bytes, path);
}

}  // namespace opfolg
