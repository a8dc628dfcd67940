// text/byte_words: questions about eight bytes at once answer as the bytes one by one do.
#include "text/byte_words.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>

using namespace opfolg::text;

TEST_CASE("byte words: every byte value at every place, and random words, answer as a byte loop does") {
    auto check = [](const std::string& eight) {
        const std::uint64_t w = words::load(eight.data());
        bool high = false, below_space = false, quote = false, del = false;
        for (char c : eight) {
            const auto b = static_cast<unsigned char>(c);
            high = high || b >= 0x80;
            below_space = below_space || b < 0x20;
            quote = quote || b == '"';
            del = del || b == 0x7f;
        }
        CHECK(words::has_high_bit(w) == high);
        CHECK(words::has_byte_below(w, 0x20) == below_space);
        CHECK(words::has_byte(w, '"') == quote);
        CHECK(words::has_byte(w, 0x7f) == del);
    };
    for (int value = 0; value < 256; ++value)
        for (std::size_t at = 0; at < 8; ++at) {
            std::string eight = "abcdefgh";
            eight[at] = static_cast<char>(value);
            check(eight);
        }
    std::mt19937 random(13);
    for (int n = 0; n < 20000; ++n) {
        std::string eight(8, ' ');
        for (char& c : eight) c = static_cast<char>(random() % 256);
        check(eight);
    }
}
