// text/utf8: encoding code points and folding case the way every layer compares Danish text.
#include "text/utf8.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using namespace opfolg::text;

TEST_CASE("append_utf8: one to four bytes, U+FFFD for surrogates and past U+10FFFF") {
    std::string s;
    append_utf8(s, U'a');
    append_utf8(s, U'æ');
    append_utf8(s, U'€');
    append_utf8(s, U'\U0001F600');
    CHECK(s == "aæ€\xF0\x9F\x98\x80");
    std::string bad;
    append_utf8(bad, 0xD800);
    append_utf8(bad, 0x110000);
    CHECK(bad == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("utf8_lower: ASCII and the Latin-1 capitals, nothing else") {
    CHECK(utf8_lower("ÆØÅ Børne- og Skoleudvalget") == "æøå børne- og skoleudvalget");
    CHECK(utf8_lower("ÄÖÜ É À Þ") == "äöü é à þ");
    CHECK(utf8_lower("×") == "×");          // U+00D7 is no letter
    CHECK(utf8_lower("ß ÿ") == "ß ÿ");      // already lower: unchanged
    CHECK(utf8_lower("Ŀ Œ Ω") == "Ŀ Œ Ω");  // outside the Latin-1 supplement: unchanged
    CHECK(utf8_lower("12-34 !?") == "12-34 !?");
}

TEST_CASE("utf8_lower: invalid bytes are kept and do not hide the letter after them") {
    // The grammar's copy skipped the byte after any 0xC3, so "\xC3" "ABC" kept its "A" upper-case while the
    // notifier's copy lowered it: the same text folded two ways.
    CHECK(utf8_lower("\xC3" "ABC") == "\xC3" "abc");
    CHECK(utf8_lower("ab\xC3") == "ab\xC3");
    CHECK(utf8_lower("\xFF" "Q") == "\xFF" "q");
}

TEST_CASE("utf8_lower_into: eight ASCII bytes at a time, the same folding, a reused buffer") {
    // Every ASCII byte at every position of an eight-byte word: '@' and '[' sit just outside 'A'..'Z'.
    std::string ascii;
    for (int c = 1; c < 128; ++c) ascii += static_cast<char>(c);
    std::string expected = ascii;
    for (auto& c : expected)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    std::string out = "stale text longer than what follows, which must not survive";
    for (std::size_t shift = 0; shift < 8; ++shift) {
        utf8_lower_into(ascii.substr(shift), out);
        CHECK(out == expected.substr(shift));
    }
    // Non-ASCII bytes inside and at the edge of a word: the bytes around them are folded all the same.
    utf8_lower_into("ABCDEFGÆHIJKLMNØ\xC3" "PQRSTUVWXYZÅ", out);
    CHECK(out == "abcdefgæhijklmnø\xC3" "pqrstuvwxyzå");
    utf8_lower_into("", out);
    CHECK(out.empty());
}

TEST_CASE("contains_folded: case-insensitive for æøå as for ASCII") {
    CHECK(contains_folded("Børne- og Skoleudvalget", "BØRNE"));
    CHECK(contains_folded("ØKONOMIUDVALGET", "økonomi"));
    CHECK(contains_folded("anything", ""));
    CHECK_FALSE(contains_folded("Teknik- og Miljøudvalget", "børne"));
}

TEST_CASE("utf8_lower_into: sixteen bytes at a time, the same folding as byte by byte") {
    // The folding written plainly: A-Z, and a continuation byte 0x80..0x9E but 0x97 after 0xC3 (which it ends).
    auto plain = [](std::string s) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 'A' && c <= 'Z') {
                s[i] = static_cast<char>(c + 32);
            } else if (c == 0xC3 && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
                const auto d = static_cast<unsigned char>(s[++i]);
                if (d <= 0x9E && d != 0x97) s[i] = static_cast<char>(d + 0x20);
            }
        }
        return s;
    };
    // Pieces that put a 0xC3 and its continuation on every side of a block edge.
    const std::vector<std::string> pieces = {"A", "z", "@", "[", "Æ", "ø", "Å", "×", "\xC3", "\x80", "\x9E", "\x9F",
                                             "\xC3\xC3", " ", "Q", "0", "\xE2\x80\x93", "\xFF"};
    std::uint32_t state = 99;  // a fixed sequence: the same texts on every run
    std::string out;
    for (int round = 0; round < 5000; ++round) {
        std::string s;
        state = state * 1664525u + 1013904223u;
        const std::size_t length = (state >> 8) % 70;
        while (s.size() < length) {
            state = state * 1664525u + 1013904223u;
            s += pieces[(state >> 8) % pieces.size()];
        }
        INFO(s);
        utf8_lower_into(s, out);
        REQUIRE(out == plain(s));
    }
}
