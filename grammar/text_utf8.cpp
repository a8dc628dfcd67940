// UTF-8 validation and repair, Windows-1252 decoding (encoding and case folding: text/utf8.hpp).
#include "grammar/reader_detail.hpp"
#include "text/byte_words.hpp"

namespace opfolg {

namespace {
// Length of the valid UTF-8 sequence at s[i], or 0 when invalid (overlongs and surrogates rejected).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) return 1;
    auto cont = [&](std::size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(i + 1) || !cont(i + 2)) return 0;
        if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
        if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
        if (c == 0xF0 && b(i + 1) < 0x90) return 0;
        if (c == 0xF4 && b(i + 1) >= 0x90) return 0;
        return 4;
    }
    return 0;
}
}  // namespace

bool is_valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // Runs of ASCII eight bytes at a time: most of a Danish text.
        while (i + 8 <= s.size() && !text::words::has_high_bit(text::words::load(s.data() + i))) i += 8;
        if (i >= s.size()) break;
        auto n = utf8_sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

// Replaces each invalid byte with U+FFFD; returns the number replaced.
std::size_t detail::repair_utf8(std::string_view s, std::string& out) {
    std::size_t replaced = 0;
    out.clear();
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++replaced;
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return replaced;
}

std::size_t detail::count_multibyte_utf8(std::string_view s) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto n = utf8_sequence_length(s, i);
        if (n > 1) ++count;
        i += n ? n : 1;
    }
    return count;
}

namespace {
// Windows-1252 0x80..0x9F; the five undefined positions map to their Latin-1 control code points.
constexpr unsigned short cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178};
}  // namespace

std::string windows1252_to_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (unsigned char c : s) {
        if (c < 0x80)
            out += static_cast<char>(c);
        else if (c < 0xA0)
            append_utf8(out, cp1252_high[c - 0x80]);
        else
            append_utf8(out, c);  // Latin-1 == Unicode for 0xA0..0xFF
    }
    return out;
}

}  // namespace opfolg
