#include "grammar/reader.hpp"

#include <optional>

#include <catch2/catch.hpp>

using namespace opfolg;

namespace {
std::vector<std::string> texts(const SourceText& s) {
    std::vector<std::string> out;
    for (const auto& l : s.lines) out.emplace_back(l.text);
    return out;
}
}  // namespace

TEST_CASE("line ends CRLF, CR and LF all give the same lines with their source numbers", "[grammar][reader]") {
    for (const char* text : {"a\r\nb\r\n\r\nc", "a\rb\r\rc", "a\nb\n\nc"}) {
        auto s = normalize_source(text, "x.txt");
        REQUIRE(texts(s) == std::vector<std::string>{"a", "b", "", "c"});
        CHECK(s.lines[3].source_line == 4);
    }
}

TEST_CASE("UTF-8 BOM is dropped and reported as the encoding", "[grammar][reader]") {
    auto s = normalize_source("\xEF\xBB\xBFPunkt 1: Æbler", "x.txt");
    CHECK(s.encoding == "utf-8 (bom)");
    CHECK(s.lines.at(0).text == "Punkt 1: Æbler");
}

TEST_CASE("Windows-1252 and Latin-1 text comes out as UTF-8 æøå", "[grammar][reader]") {
    // "Mødested Rådhuset – Æblehaven" in Windows-1252 (0x96 is an en dash there).
    auto s = normalize_source("M\xF8" "dested R\xE5" "dhuset \x96 \xC6" "blehaven", "x.txt");
    CHECK(s.encoding == "windows-1252");
    CHECK(s.lines.at(0).text == "Mødested Rådhuset – Æblehaven");
}

TEST_CASE("invalid UTF-8 inside a UTF-8 document is replaced and reported with its line", "[grammar][reader]") {
    auto s = normalize_source("første linje\nanden \xFF linje\ntredje æ", "x.txt");
    CHECK(s.encoding == "utf-8");
    CHECK(s.lines.at(1).text == "anden \xEF\xBF\xBD linje");
    REQUIRE(s.notes.size() == 1);
    CHECK(s.notes[0].line == 2);
}

TEST_CASE("NBSP, soft hyphens, tabs and runs of spaces are normalized", "[grammar][reader]") {
    auto s = normalize_source("Beskæf\xC2\xADtigelse\xC2\xA0og   \tmere  ", "x.txt");
    CHECK(s.lines.at(0).text == "Beskæftigelse og mere");
}

// The clean-up rewrites each line in place; these are the cases where what it writes lags furthest behind
// what it reads, and where a line's ends decide what is kept. Every kind of space joins a run of spaces.
TEST_CASE("invisible characters, controls and escapes at a line's ends", "[grammar][reader]") {
    auto s = normalize_source("  a\xC2\xA0 b\n"                            // NBSP then a space: one space
                              " \xC2\xA0x\n"                                // leading spaces of any kind go
                              "a\xE2\x80\x8B" "b\x01" "c\xEF\xBB\xBF" "d\\\n"  // zero-width, control, stray BOM
                              "\\*\\*not bold\\*\\* \xE2\x80\x83 end \xC2\xA0\n"  // escaped stars, em space
                              "x\xC2\xAD\xC2\xAD\xE2\x80\x8D\xE2\x80\x8D  \t y",
                              "x.txt");
    CHECK(texts(s) == std::vector<std::string>{"a b", "x", "abcd\\", "**not bold** end", "x y"});
}

TEST_CASE("Markdown-like markers are removed and heading levels kept", "[grammar][reader]") {
    auto s = normalize_source("# **Punkt 1: Besøg**\n<b>Mødested</b>\tRådhuset  \nAnbefales\\_bilag\n**Afbud** Ida (A)",
                              "x.md");
    CHECK(s.rendering == "markdown");
    CHECK(texts(s) == std::vector<std::string>{"Punkt 1: Besøg", "Mødested Rådhuset", "Anbefales_bilag", "Afbud Ida (A)"});
    CHECK(s.lines[0].heading_level == 1);
}

TEST_CASE("HTML is decoded without a browser: blocks, entities, scripts", "[grammar][reader]") {
    const char* html =
        "<!DOCTYPE html><html><head><title>x</title><script>var a='<p>no</p>';</script></head><body>\n"
        "<h1>REFERAT Natur- og Fritidsudvalget d. 12-03-2024</h1>\n"
        "<p>M&oslash;dested R&aring;dhuset &amp; Park&#233;n</p>\n"
        "<ul><li>f&oslash;rste</li><li>anden</li></ul>\n"
        "</body></html>";
    auto s = normalize_source(html, "x.html");
    CHECK(s.rendering == "html");
    std::vector<std::string> nonblank;
    for (const auto& l : s.lines)
        if (!l.text.empty()) nonblank.emplace_back(l.text);
    CHECK(nonblank == std::vector<std::string>{"x", "REFERAT Natur- og Fritidsudvalget d. 12-03-2024",
                                               "Mødested Rådhuset & Parkén", "- første", "- anden"});
}

TEST_CASE("hyphenated line breaks from PDF text are joined, compound ellipses are not", "[grammar][reader]") {
    auto s = normalize_source("Udvalget for beskæf-\ntigelse\nErhvervs-\nog Beskæftigelsesudvalget", "x.txt");
    CHECK(texts(s) == std::vector<std::string>{"Udvalget for beskæftigelse", "Erhvervs-", "og Beskæftigelsesudvalget"});
    CHECK(s.lines[1].source_line == 3);
}

TEST_CASE("page furniture lines are dropped", "[grammar][reader]") {
    auto s = normalize_source("tekst\nSide 3 af 20\nmere", "x.txt");
    CHECK(texts(s) == std::vector<std::string>{"tekst", "mere"});
}

TEST_CASE("unreadable input is a ReadError with a reason", "[grammar][reader]") {
    CHECK_THROWS_WITH(normalize_source("", "x.txt"), Catch::Contains("empty"));
    CHECK_THROWS_WITH(normalize_source(" \n\t\n", "x.txt"), Catch::Contains("empty"));
    CHECK_THROWS_WITH(normalize_source(std::string("\x89PNG\r\n\x1a\n\0\0", 10), "x.png"), Catch::Contains("binary"));
    try {
        normalize_source(std::string("a\nb\nc\0d", 7), "x.txt");
        FAIL("no error");
    } catch (const ReadError& e) {
        CHECK(std::string(e.what()).find("NUL") != std::string::npos);
        CHECK(e.line == 3);
    }
}

TEST_CASE("utf8_lower folds Æ Ø Å", "[grammar][reader]") {
    CHECK(utf8_lower("ÆØÅ Udsættes ÉÜ") == "æøå udsættes éü");
}

namespace {
// The space rules written plainly, one character at a time: what normalize_source must give a line of plain text.
std::string cleaned(const std::string& s) {
    std::string spaced;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        auto at = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
        if (c == 0xC2 && at(i + 1) == 0xA0) { spaced += ' '; ++i; }
        else if (c == 0xC2 && at(i + 1) == 0xAD) { ++i; }
        else if (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0x8B || at(i + 2) == 0x8C || at(i + 2) == 0x8D)) { i += 2; }
        else if (c == 0xE2 && at(i + 1) == 0x80 && (at(i + 2) == 0xAF || (at(i + 2) >= 0x80 && at(i + 2) <= 0x8A))) { spaced += ' '; i += 2; }
        else if (c == 0xEF && at(i + 1) == 0xBB && at(i + 2) == 0xBF) { i += 2; }
        else if (c == '\t' || c == '\f' || c == '\v' || c == '\r') spaced += ' ';
        else if (c >= 0x20) spaced += static_cast<char>(c);
    }
    std::string out;
    for (char c : spaced)
        if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}
}  // namespace

TEST_CASE("space clean-up agrees with the rules written plainly, wherever in a line the first rule applies",
          "[grammar][reader]") {
    // Lines of 1-80 bytes: long clean runs (read 16 bytes at a time) broken at every offset by the bytes the
    // rules act on, including a space after a space across a 16-byte boundary.
    const std::vector<std::string> pieces = {"a", "Udvalget", "æøå", " ", " ", "  ", "\t", "\xC2\xA0", "\xC2\xAD",
                                             "\xE2\x80\x8B", "\xE2\x80\xAF", "\xE2\x80\x94", "\xEF\xBB\xBF", "\x01",
                                             "\x7f", "x1", "\xC2\xB5", "\xE2\x82\xAC"};
    std::uint32_t state = 99;  // a fixed sequence: the same lines on every run
    auto next_random = [&state](std::uint32_t bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    int lines_with_rules = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string line = "P";  // a letter first: no Markdown marker, never an empty document
        const std::size_t length = 1 + next_random(80);
        while (line.size() < length) {
            const bool clean_run = next_random(3) == 0;
            line += clean_run ? std::string(next_random(40), 'k') : pieces[next_random(static_cast<std::uint32_t>(pieces.size()))];
        }
        INFO(line);
        const auto source = normalize_source(line, "t.txt");
        REQUIRE(source.lines.size() == 1);
        CHECK(source.lines[0].text == cleaned(line));
        lines_with_rules += cleaned(line) != line;
    }
    CHECK(lines_with_rules > 1000);
}

TEST_CASE("the lines are views into one text, each followed by a newline, also after drops and joins",
          "[grammar][reader]") {
    // Furniture before and inside a run of broken words, a word broken over three lines, and a Markdown document
    // (not PDF-like: its hyphens stay).
    const std::string plain = "Side 1 af 2\nUdvalget for be-\nskæf-\ntigelse\n12\nSide 2 af 2\nmere  tekst\n";
    std::optional<SourceText> copy;
    {
        const SourceText s = normalize_source(plain, "x.txt");
        REQUIRE(s.text);
        CHECK(texts(s) == std::vector<std::string>{"Udvalget for beskæftigelse", "12", "mere tekst", ""});
        std::vector<int> numbers;
        std::string joined;
        for (const auto& l : s.lines) {
            numbers.push_back(l.source_line);
            CHECK(l.text.data() == s.text->data() + joined.size());
            joined.append(l.text).push_back('\n');
        }
        CHECK(numbers == std::vector<int>{2, 5, 7, 8});
        CHECK(*s.text == joined);
        copy = s;  // shares the text
    }
    CHECK(copy->lines[0].text == "Udvalget for beskæftigelse");  // still valid after the original is gone

    const auto md = normalize_source("**Udvalget** for beskæf-\ntigelse\n", "x.md");
    CHECK(md.rendering == "markdown");
    CHECK(texts(md) == std::vector<std::string>{"Udvalget for beskæf-", "tigelse", ""});
}
