#include "text/utf8.hpp"

#include <cassert>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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
    std::size_t i = 0;
#if defined(__SSE2__)
    // Sixteen bytes at a time: 0x20 is added to each byte in 'A'..'Z', and to each byte in 0x80..0x9E but 0x97
    // that follows a 0xC3 (À..Þ but ×). The byte before is read from `out`, where a 0xC3 is never changed, so a
    // block sees the lead bytes of the one before. Danish text has an æ, ø or å every few words: the eight-byte
    // ASCII path below stopped at each of them.
    if (n > 0) {
        i = 1;
        if (b[0] >= 'A' && b[0] <= 'Z') b[0] = static_cast<char>(b[0] + 32);
        const __m128i flip = _mm_set1_epi8(static_cast<char>(0x80));
        const __m128i below_a = _mm_set1_epi8(static_cast<char>(('A' - 1) ^ 0x80));
        const __m128i above_z = _mm_set1_epi8(static_cast<char>(('Z' + 1) ^ 0x80));
        const __m128i below_80 = _mm_set1_epi8(static_cast<char>(0x7F ^ 0x80));
        const __m128i above_9e = _mm_set1_epi8(static_cast<char>(0x9F ^ 0x80));
        const __m128i lead = _mm_set1_epi8(static_cast<char>(0xC3)), times = _mm_set1_epi8(static_cast<char>(0x97));
        const __m128i bit5 = _mm_set1_epi8(0x20);
        for (; i + 16 <= n; i += 16) {
            const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i));
            const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + i - 1));
            const __m128i signed_here = _mm_xor_si128(here, flip);
            const __m128i ascii_upper =
                _mm_and_si128(_mm_cmpgt_epi8(signed_here, below_a), _mm_cmplt_epi8(signed_here, above_z));
            const __m128i latin_upper = _mm_andnot_si128(
                _mm_cmpeq_epi8(here, times),
                _mm_and_si128(_mm_cmpeq_epi8(before, lead),
                              _mm_and_si128(_mm_cmpgt_epi8(signed_here, below_80),
                                            _mm_cmplt_epi8(signed_here, above_9e))));
            const __m128i upper = _mm_or_si128(ascii_upper, latin_upper);
            if (_mm_movemask_epi8(upper) != 0)
                _mm_storeu_si128(reinterpret_cast<__m128i*>(b + i), _mm_add_epi8(here, _mm_and_si128(upper, bit5)));
        }
    }
    // A 0xC3 that ended the last block may lead the byte after it: the loop below reads it again (it is never
    // changed, so reading it twice is harmless) and folds what follows.
    if (i > 0 && i < n && static_cast<unsigned char>(b[i - 1]) == 0xC3) --i;
#endif
    constexpr std::uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    for (; i < n; ++i) {
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
