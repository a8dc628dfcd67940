#include "text/utf8.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>

namespace opfolg::text {

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

void utf8_lower_into(std::string_view s, std::string& out) {
    out.assign(s);
    char* b = out.data();
    const std::size_t n = out.size();
    constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    for (std::size_t i = 0; i < n; ++i) {
        // Eight ASCII bytes at a time (most of any Danish text): 0x20 is added to each byte in 'A'..'Z'.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, b + i, 8);
            if (w & high) break;
            const std::uint64_t at_least_a = w + ones * (0x80 - 'A');      // high bit set where byte >= 'A'
            const std::uint64_t above_z = w + ones * (0x80 - 'Z' - 1);      // high bit set where byte > 'Z'
            w |= ((at_least_a & ~above_z) & high) >> 2;
            std::memcpy(b + i, &w, 8);
            i += 8;
        }
        if (i >= n) break;
        auto c = static_cast<unsigned char>(b[i]);
        if (c >= 'A' && c <= 'Z') {
            b[i] = static_cast<char>(c + 32);
        } else if (c == 0xC3 && i + 1 < n) {
            auto d = static_cast<unsigned char>(b[i + 1]);
            // Only a continuation byte belongs to the Ã sequence; a stray 0xC3 before "A" must not hide the "A".
            if ((d & 0xC0) != 0x80) continue;
            // U+00C0..U+00DE (À..Þ) except U+00D7 (×): Æ Ø Å and friends
            if (d <= 0x9E && d != 0x97) b[i + 1] = static_cast<char>(d + 0x20);
            ++i;
        }
    }
}

std::string utf8_lower(std::string_view s) {
    std::string out;
    utf8_lower_into(s, out);
    assert(out.size() == s.size());
    return out;
}

bool contains_folded(std::string_view haystack, std::string_view needle) {
    return utf8_lower(haystack).find(utf8_lower(needle)) != std::string::npos;
}

}  // namespace opfolg::text
