// The pre-filter of find_time_phrases (may_hold_time_phrase) must be sound: wherever the phrase grammar
// matches at a word start, the text holds a digit or an anchor word. Checked against the grammar itself, run
// at every byte of the seeds, our examples and the phrase table, without the filter.
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
bool grammar_matches_at(const std::string& lower, std::size_t i) {
    dates::ast::phrase p;
    const char* it = lower.data() + i;
    return boost::spirit::x3::parse(it, lower.data() + lower.size(), dates::parser::phrase_grammar(), p) &&
           it != lower.data() + i;
}

// Does the grammar accept a phrase at any byte of `lower` (a superset of the word starts find_time_phrases
// tries)? Every word start where it does must pass may_start_time_phrase.
bool grammar_matches_somewhere(const std::string& lower, std::size_t& unsound_starts) {
    bool any = false;
    for (std::size_t i = 0; i < lower.size(); ++i) {
        if (!grammar_matches_at(lower, i)) continue;
        any = true;
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
        for (const auto& l : source.lines) lines.push_back(l.text);
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
        std::size_t unsound_starts = 0;
        const bool matches = grammar_matches_somewhere(lower, unsound_starts);
        CHECK(unsound_starts == 0);
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
