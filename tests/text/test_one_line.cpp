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
