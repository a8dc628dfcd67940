// The pre-filters of find_time_phrases must be sound: wherever the phrase grammar matches, the phrase holds a digit
// or an anchor word (the scan jumps over text with none within reach), and a phrase at a word start starts with a
// first word. Checked against the grammar itself, run at every byte of the seeds, our examples and the phrase
// table, without the filters.
#include "grammar/dates.hpp"
#include "grammar/dates_grammar.hpp"
#include "grammar/reader.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace opfolg;

namespace {
// The end of the phrase the grammar accepts at byte i, or 0.
std::size_t grammar_match_end(const std::string& lower, std::size_t i) {
    dates::ast::phrase p;
    const char* it = lower.data() + i;
    const bool ok = boost::spirit::x3::parse(it, lower.data() + lower.size(), dates::parser::phrase_grammar(), p) &&
                    it != lower.data() + i;
    return ok ? static_cast<std::size_t>(it - lower.data()) : 0;
}

// Does the grammar accept a phrase at any byte of `lower` (a superset of the word starts find_time_phrases
// tries)? Every word start where it does must pass may_start_time_phrase, and every phrase must hold an anchor.
bool grammar_matches_somewhere(const std::string& lower, std::size_t& unsound_starts, std::size_t& without_anchor) {
    bool any = false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        const std::size_t end = grammar_match_end(lower, i);
        if (end == 0) continue;
        any = true;
        const std::size_t anchor = dates::next_time_phrase_anchor(lower, i);
        if (anchor >= end || i < dates::earliest_phrase_start(lower, anchor)) ++without_anchor;
        const bool word_start = !dates::is_word_char_before(lower, i);
        if (word_start && !dates::may_start_time_phrase(lower, i)) ++unsound_starts;
    }
    return any;
}

std::vector<std::string> corpus_lines() {
    std::vector<std::string> lines;
    std::vector<fs::path> files;
    for (const fs::path dir : {fs::path(OPFOLG_SEEDS_DIR), fs::path(OPFOLG_SOURCE_DIR) / "examples/minutes"})
        if (fs::exists(dir))
            for (const auto& e : fs::directory_iterator(dir))
                if (e.path().filename().string().rfind("README", 0) != 0) files.push_back(e.path());
    for (const auto& f : files) {
        auto source = read_source(f.string());
        for (const auto& l : source.lines) lines.emplace_back(l.text);
    }
    std::ifstream table(std::string(OPFOLG_SOURCE_DIR) + "/tests/grammar/date_phrases.tsv");
    std::string row;
    while (std::getline(table, row)) {
        if (row.empty() || row[0] == '#') continue;
        std::istringstream cells(row);
        std::string meeting, text;
        std::getline(cells, meeting, '\t');
        std::getline(cells, text, '\t');
        lines.push_back(text);
    }
    return lines;
}
}  // namespace

TEST_CASE("the anchor words come from the grammar's tables", "[dates][anchors]") {
    const auto& words = dates::parser::anchor_words();
    auto has = [&](const char* w) { return std::find(words.begin(), words.end(), w) != words.end(); };
    CHECK(has("august"));
    CHECK(has("maj"));
    CHECK(has("kvartal"));
    CHECK(has("halvår"));
    CHECK(has("møde"));
    CHECK(has("forår"));
    CHECK_FALSE(has("udvalgsmøde"));  // covered by "møde"
    CHECK_FALSE(has("sommeren"));     // covered by "sommer"
}

TEST_CASE("a phrase can start only at a digit, a first word or a word glued to møde", "[dates][anchors]") {
    auto at0 = [](const std::string& text) { return dates::may_start_time_phrase(utf8_lower(text), 0); };
    CHECK(at0("Sidst i 2022"));
    CHECK(at0("i 4. kvartal"));
    CHECK(at0("4. kvartal"));
    CHECK(at0("augustmødet"));
    CHECK(at0("Næste møde"));
    CHECK(at0("d. 4. maj"));
    CHECK(at0("på august mødet"));
    CHECK_FALSE(at0("Udvalget godkendte"));
    CHECK_FALSE(at0("indstillingen"));
    CHECK_FALSE(at0("sagen"));
}

TEST_CASE("the pre-filter never hides a phrase the grammar finds", "[dates][anchors]") {
    const auto lines = corpus_lines();
    REQUIRE(lines.size() > 1000);
    std::size_t with_phrase = 0, skipped = 0;
    for (const auto& line : lines) {
        const std::string lower = utf8_lower(line);
        std::size_t unsound_starts = 0, without_anchor = 0;
        const bool matches = grammar_matches_somewhere(lower, unsound_starts, without_anchor);
        CHECK(unsound_starts == 0);
        CHECK(without_anchor == 0);
        const bool may = dates::may_hold_time_phrase(lower);
        INFO(line);
        if (matches) CHECK(may);
        with_phrase += matches;
        skipped += !may;
    }
    // The filter is worth having only if it skips a good share of lines, and the check above saw phrases.
    CHECK(with_phrase > 50);
    CHECK(skipped > lines.size() / 3);
    WARN(lines.size() << " lines: " << with_phrase << " where the grammar matches, " << skipped
                      << " skipped by the pre-filter");
}

TEST_CASE("the next anchor is the first digit or anchor word at or after a byte", "[dates][anchors]") {
    const std::string lower = utf8_lower("Sagen behandles på augustmødet, senest i 4. kvartal");
    const std::size_t august = lower.find("august");
    CHECK(dates::next_time_phrase_anchor(lower, 0) == august);
    CHECK(dates::next_time_phrase_anchor(lower, august) == august);
    CHECK(dates::next_time_phrase_anchor(lower, august + 1) == lower.find("møde"));
    CHECK(dates::next_time_phrase_anchor(lower, lower.find("møde") + 1) == lower.find('4'));
    CHECK(dates::next_time_phrase_anchor(lower, lower.find('4') + 1) == lower.find("kvartal"));
    CHECK(dates::next_time_phrase_anchor(lower, lower.find("kvartal") + 1) == std::string::npos);
    CHECK(dates::next_time_phrase_anchor(utf8_lower("Udvalget godkendte indstillingen"), 0) == std::string::npos);
    CHECK(dates::next_time_phrase_anchor(utf8_lower("DECEMBER"), 0) == 0);
    CHECK(dates::next_time_phrase_anchor("ma", 0) == std::string::npos);  // "maj" cut short
}

TEST_CASE("a phrase far from the line's start is still found after a long stretch without anchors",
          "[dates][anchors]") {
    // The scan jumps over text with no anchor within reach of a phrase; the phrase itself must still be found,
    // also when it starts with a first word ("senest") a whole window or more before nothing.
    const std::string filler(400, 'x');
    const std::string text = "Sagen " + filler + " skal behandles senest den 4. maj 2027 og igen " + filler + ".";
    const auto found = dates::find_time_phrases(text, date::year{2026} / 12 / 1);
    REQUIRE(found.size() == 1);
    CHECK(found[0].phrase == "senest den 4. maj 2027");
    CHECK(found[0].offset == text.find("senest"));
}

TEST_CASE("the anchor finder agrees with a plain search at every offset, across its 16-byte blocks",
          "[dates][anchors]") {
    // Texts of 0-99 bytes from pieces that make and almost make anchors, so hits fall on every position of a
    // block, on block edges (a pair split across two blocks) and in the byte-by-byte tail.
    // Upper case too: the finder reads any case ("DE", "MØDE", "Maj"), and control bytes that the fold would
    // turn into digits ("\x10" | 0x20 is "0") must not count as digits.
    const std::vector<std::string> pieces = {"de", "ma", "j", "ju", "li", "m", "\xc3\xb8", "de", " ", "x", "0", "9", "/",
                                             ":", "kv", "artal", "aj", "sommer", "vinte", "møde", "dec", "ember", "ab",
                                             "\xc3", "DE", "Ma", "J", "\xc3\x98", "MØDE", "Kvartal", "SEPT", "\x10",
                                             "\x19", "@", "`"};
    const auto& words = dates::parser::anchor_words();
    // A plain search of the lowercase, the fold aside: 0xE3 (0xC3 with bit 5) is not among the pieces.
    auto reference = [&](const std::string& s, std::size_t from) {
        const std::string lower = utf8_lower(s);
        for (std::size_t i = from; i < lower.size(); ++i) {
            if (lower[i] >= '0' && lower[i] <= '9') return i;
            for (const auto& w : words)
                if (lower.compare(i, w.size(), w) == 0) return i;
        }
        return std::string::npos;
    };
    std::uint32_t state = 12345;  // a fixed linear congruential sequence: the same texts on every run
    auto next_random = [&state](std::uint32_t bound) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % bound;
    };
    std::size_t hits = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string s;
        const std::size_t length = next_random(100);
        while (s.size() < length) s += pieces[next_random(static_cast<std::uint32_t>(pieces.size()))];
        for (std::size_t from = 0; from <= s.size(); ++from) {
            const std::size_t expected = reference(s, from);
            INFO(s << " from " << from);
            REQUIRE(dates::next_time_phrase_anchor(s, from) == expected);
            REQUIRE(dates::next_time_phrase_anchor(utf8_lower(s), from) == expected);
            hits += expected != std::string::npos;
        }
    }
    CHECK(hits > 10000);
}

TEST_CASE("the phrase with the longest lead before its anchor is found after a long run of words",
          "[dates][anchors]") {
    // next_meeting with every optional part at its longest: the scan's lead bound must let it through, also when
    // it follows more words than the bound and its spaces are runs of several.
    std::string words;
    for (int i = 0; i < 30; ++i) words += "ordet ";
    for (const std::string phrase : {"senest ved udgangen af det førstkommende ordinære udvalgsmøde",
                                     "senest ved udgangen af   det \xc2\xa0 førstkommende    ordinære\tudvalgsmøde",
                                     "i løbet af første kvartal 2027"}) {
        const std::string text = "Sagen " + words + phrase + " og " + words + ".";
        const auto found = dates::find_time_phrases(text, date::year{2026} / 12 / 1);
        INFO(text);
        REQUIRE(found.size() == 1);
        CHECK(found[0].phrase == phrase);
        const std::string lower = utf8_lower(text);
        const std::size_t start = lower.find(utf8_lower(phrase));
        CHECK(dates::earliest_phrase_start(lower, dates::next_time_phrase_anchor(lower, start)) <= start);
    }
}
