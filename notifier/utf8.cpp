#include "notifier/utf8.hpp"

#include "text/byte_words.hpp"

namespace opfolg::notifier::utf8 {

std::size_t sequence_length(unsigned char c) {
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}

namespace {
// Decodes the code point at s[i]; returns its length in n. Invalid bytes decode as themselves.
char32_t decode(std::string_view s, std::size_t i, std::size_t& n) {
    auto c = static_cast<unsigned char>(s[i]);
    n = sequence_length(c);
    if (n == 1 || i + n > s.size()) { n = 1; return c; }
    char32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) { n = 1; return c; }
        cp = (cp << 6) | (b & 0x3F);
    }
    return cp;
}

}  // namespace

std::size_t width(std::string_view s) {
    std::size_t w = 0;
    for (std::size_t i = 0, n = 0; i < s.size(); i += n) {
        // ASCII is one column a byte: eight at a time while none has its high bit (most of a Danish text).
        if (i + 8 <= s.size() && !text::words::has_high_bit(text::words::load(s.data() + i))) {
            w += 8;
            n = 8;
            continue;
        }
        char32_t cp = decode(s, i, n);
        if (cp >= 0x300 && cp <= 0x36F) continue;
        ++w;
    }
    return w;
}

std::string pad(const std::string& s, std::size_t columns, bool right_align) {
    std::size_t w = width(s);
    if (w >= columns) return s;
    std::string fill(columns - w, ' ');
    return right_align ? fill + s : s + fill;
}

std::size_t append_truncated(std::string& out, std::string_view s, std::size_t columns) {
    if (const std::size_t whole = width(s); whole <= columns) {
        out += s;
        return whole;
    }
    if (columns == 0) return 0;
    std::size_t w = 0;
    for (std::size_t i = 0, n = 0; i < s.size(); i += n) {
        char32_t cp = decode(s, i, n);
        bool combining = cp >= 0x300 && cp <= 0x36F;
        if (!combining && w + 1 > columns - 1) break;
        out.append(s.substr(i, n));
        if (!combining) ++w;
    }
    out += "…";
    return w + 1;
}

std::string truncate(const std::string& s, std::size_t columns) {
    std::string out;
    append_truncated(out, s, columns);
    return out;
}

}  // namespace opfolg::notifier::utf8
