// text/one_line: a value of the minutes as one safe line of plain text.
#include "text/one_line.hpp"

#include <catch2/catch.hpp>

using opfolg::text::one_line;

TEST_CASE("one_line: control characters and DEL become spaces, the rest is kept") {
    CHECK(one_line("Punkt 3\r\nUdsættes") == "Punkt 3  Udsættes");
    CHECK(one_line("a\tb") == "a b");
    CHECK(one_line("\x1b[31mrød") == " [31mrød");
    // Two of the three copies (digest, checklist) let DEL through; the text report's copy replaced it.
    CHECK(one_line("slet\x7fher") == "slet her");
    CHECK(one_line("Ærø – “citat”") == "Ærø – “citat”");
    CHECK(one_line("") == "");
}

TEST_CASE("make_one_line: eight bytes a step, the same as byte by byte at every position") {
    // Every control byte, DEL and the bytes around them (0x1F/0x20, 0x7E/0x80, 0xFF) at each of the first 17
    // places of a value, after a prefix that is left alone: the word step must neither miss nor invent a change.
    const std::string filler = "Udsættes til august mødet";
    for (int byte : {0x00, 0x0a, 0x1b, 0x1f, 0x20, 0x7e, 0x7f, 0x80, 0xc3, 0xff})
        for (std::size_t at = 0; at < 17; ++at) {
            std::string value = filler;
            value.insert(at, 1, static_cast<char>(byte));
            std::string expected = value;
            for (char& c : expected)
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
            std::string out = "\r\x7fprefix";
            opfolg::text::make_one_line(out, out.size());  // nothing appended: nothing changed
            CHECK(out == "\r\x7fprefix");
            opfolg::text::append_one_line(out, value);
            CHECK(out == "\r\x7fprefix" + expected);
            CHECK(one_line(value) == expected);
        }
}
