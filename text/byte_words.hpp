// Eight bytes of a text as one word, and questions about all eight at once (the "has a zero byte" and "has a byte
// less than n" word tricks). They answer whether some byte qualifies, not which: a caller that gets "yes" looks at
// the eight bytes one by one. Scans over mostly plain Danish text use them to pass it eight bytes a step.
#pragma once
#include <cstdint>
#include <cstring>

namespace opfolg::text::words {

inline constexpr std::uint64_t ones = 0x0101010101010101ULL;
inline constexpr std::uint64_t highs = 0x8080808080808080ULL;

// The eight bytes at p (unaligned).
inline std::uint64_t load(const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    return w;
}
// Some byte is 0x80 or above (not ASCII).
inline bool has_high_bit(std::uint64_t w) { return (w & highs) != 0; }
// Some byte is below n (n at most 0x80).
inline bool has_byte_below(std::uint64_t w, unsigned char n) { return ((w - ones * n) & ~w & highs) != 0; }
// Some byte is c.
inline bool has_byte(std::uint64_t w, unsigned char c) {
    const std::uint64_t x = w ^ (ones * c);
    return ((x - ones) & ~x & highs) != 0;
}

}  // namespace opfolg::text::words
