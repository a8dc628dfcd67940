// Danish time phrases: the data-driven table (date_phrases.tsv), parse_date/iso, sentences, the seeds, and
// robustness on odd and large inputs.
#include "read_file.hpp"
#include "grammar/dates.hpp"
#include "grammar/promise.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>

using namespace opfolg;
using dates::iso;

namespace {

date::year_month_day day_of(const std::string& s) {
    date::year_month_day d{};
    REQUIRE(dates::parse_iso(s, d));
    return d;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    std::string cell;
    while (std::getline(in, cell, '\t')) cells.push_back(cell);
    return cells;
}

using testfs::read_file;

const dates::TimePhrase* find_phrase(const std::vector<dates::TimePhrase>& all, const std::string& text) {
    for (const auto& p : all)
        if (p.phrase == text) return &p;
    return nullptr;
}

// Every phrase must point at its own bytes in the input, inside its sentence.
void check_offsets(std::string_view text, const std::vector<dates::TimePhrase>& found) {
    std::size_t previous_end = 0;
    for (const auto& p : found) {
        REQUIRE(p.offset + p.phrase.size() <= text.size());
        REQUIRE(text.substr(p.offset, p.phrase.size()) == p.phrase);
        REQUIRE(p.offset >= previous_end);  // in order, never overlapping
        previous_end = p.offset + p.phrase.size();
        REQUIRE(p.sentence.size() <= text.size());
    }
}

}  // namespace

TEST_CASE("time phrases from date_phrases.tsv", "[dates]") {
    std::ifstream in(std::string(OPFOLG_SOURCE_DIR) + "/tests/grammar/date_phrases.tsv");
    REQUIRE(in.good());
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto c = split_tabs(line);
        REQUIRE(c.size() >= 3);
        ++rows;
        INFO("row: " << line);
        const auto found = dates::find_time_phrases(c[1], day_of(c[0]));
        check_offsets(c[1], found);
        if (c[2] == "-") {
            CHECK(found.empty());
            if (!found.empty()) INFO("unexpected: " << found.front().phrase);
            continue;
        }
        REQUIRE(c.size() == 7);
        REQUIRE_FALSE(found.empty());
        const auto& p = found.front();
        CHECK(p.phrase == c[2]);
        CHECK(dates::to_string(p.precision) == c[5]);
        CHECK(p.past == (c[6] == "1"));
        CHECK(p.sentence.find(p.phrase) != std::string::npos);
        if (c[3] == "-") {
            CHECK(p.next_meeting);
            CHECK_FALSE(p.first.ok());
            CHECK_FALSE(p.last.ok());
        } else {
            CHECK_FALSE(p.next_meeting);
            CHECK(iso(p.first) == c[3]);
            CHECK(iso(p.last) == c[4]);
        }
    }
    CHECK(rows >= 60);
}

TEST_CASE("several phrases in one text, in order", "[dates]") {
    const std::string text = "Projektet er fra august 2017 til august 2019 finansieret. Ny status i 4. kvartal 2019.";
    auto found = dates::find_time_phrases(text, day_of("2019-06-11"));
    check_offsets(text, found);
    REQUIRE(found.size() == 3);
    CHECK(found[0].phrase == "fra august 2017");
    CHECK(found[0].past);
    CHECK(found[1].phrase == "til august 2019");
    CHECK_FALSE(found[1].past);
    CHECK(found[2].phrase == "i 4. kvartal 2019");
    CHECK(found[2].offset == text.find("i 4. kvartal"));
    CHECK(found[0].sentence == "Projektet er fra august 2017 til august 2019 finansieret.");
    CHECK(found[2].sentence == "Ny status i 4. kvartal 2019.");
}

TEST_CASE("sentences do not break at ordinals and abbreviations", "[dates]") {
    const std::string text = "Indledning. Der gives bl.a. en status d. 11. juni 2019 og igen i 4. kvartal. Slut.";
    auto found = dates::find_time_phrases(text, day_of("2019-05-14"));
    REQUIRE(found.size() == 2);
    CHECK(found[0].sentence == "Der gives bl.a. en status d. 11. juni 2019 og igen i 4. kvartal.");
    CHECK(found[1].sentence == found[0].sentence);
    CHECK(iso(found[1].last) == "2019-12-31");  // "i 4. kvartal" without a year: this year's
}

TEST_CASE("words glued to letters are not phrases, other UTF-8 neighbours are fine", "[dates]") {
    const auto meeting = day_of("2021-01-12");
    CHECK(dates::find_time_phrases("augusts 2021", meeting).empty());
    auto glued = dates::find_time_phrases("blæi august 2021", meeting);  // "i" is inside a word here
    REQUIRE(glued.size() == 1);
    CHECK(glued[0].phrase == "august 2021");
    auto nbsp = dates::find_time_phrases("i\xc2\xa0" "august\xc2\xa0" "2021", meeting);
    REQUIRE(nbsp.size() == 1);
    CHECK(iso(nbsp[0].last) == "2021-08-31");
    auto upper = dates::find_time_phrases("PÅ NÆSTE MØDE", meeting);
    REQUIRE(upper.size() == 1);
    CHECK(upper[0].next_meeting);
}

TEST_CASE("a phrase without a year and no meeting date is not resolved", "[dates]") {
    CHECK(dates::find_time_phrases("til august", date::year_month_day{}).empty());
    auto with_year = dates::find_time_phrases("til august 2020", date::year_month_day{});
    REQUIRE(with_year.size() == 1);
    CHECK_FALSE(with_year[0].past);
}

TEST_CASE("parse_date takes exactly one date", "[dates]") {
    date::year_month_day d{};
    REQUIRE(dates::parse_date("12-01-2021", d));
    CHECK(iso(d) == "2021-01-12");
    REQUIRE(dates::parse_date("12.01.2021", d));
    CHECK(iso(d) == "2021-01-12");
    REQUIRE(dates::parse_date(" 8. December 2020 ", d));
    CHECK(iso(d) == "2020-12-08");
    REQUIRE(dates::parse_date("d. 11. juni 2019", d));
    CHECK(iso(d) == "2019-06-11");
    REQUIRE(dates::parse_date("2021-01-12", d));
    CHECK(iso(d) == "2021-01-12");
    REQUIRE(dates::parse_date("1. maj 2019", d));
    CHECK(iso(d) == "2019-05-01");

    const auto before = d;
    for (const char* bad : {"", "2019", "31-02-2021", "12-01-2021 og mere", "til 8. december 2020", "august 2019",
                            "8. december", "12-13-2021", "i 2021", "13-30 år", "0-0-0000"}) {
        INFO(bad);
        CHECK_FALSE(dates::parse_date(bad, d));
    }
    CHECK(d == before);  // untouched on failure
}

TEST_CASE("iso and parse_iso are inverses", "[dates]") {
    date::year_month_day d{};
    REQUIRE(dates::parse_iso("2024-02-29", d));
    CHECK(iso(d) == "2024-02-29");
    CHECK(iso(date::year_month_day{}) == "");
    for (const char* bad : {"2023-02-29", "2021-1-12", "2021/01/12", "20210112", "2021-01-12x", "abcd-ef-gh", ""})
        CHECK_FALSE(dates::parse_iso(bad, d));
    CHECK(std::string(dates::to_string(dates::Precision::half_year)) == "half_year");
    CHECK(std::string(dates::to_string(dates::Precision::next_meeting)) == "next_meeting");
}

TEST_CASE("seed minutes: deadlines and their promises", "[dates][seeds]") {
    const std::string seeds = OPFOLG_SEEDS_DIR;
    {
        const std::string text = read_file(seeds + "/001_2f4229434464bb75.txt");
        REQUIRE_FALSE(text.empty());
        auto found = dates::find_time_phrases(text, day_of("2019-06-11"));
        check_offsets(text, found);
        const auto* p = find_phrase(found, "på august mødet");
        REQUIRE(p != nullptr);
        CHECK(iso(p->last) == "2019-08-31");
        CHECK_FALSE(p->past);
        std::string verb;
        CHECK(find_promise(p->sentence, verb));
        CHECK(verb == "bliver præsenteret");
        const auto* first_quarter = find_phrase(found, "i første kvartal 2019");
        REQUIRE(first_quarter != nullptr);
        CHECK(first_quarter->past);
    }
    {
        const std::string text = read_file(seeds + "/003_af2be25bd747af8d.txt");
        auto found = dates::find_time_phrases(text, day_of("2019-05-14"));
        check_offsets(text, found);
        const auto* p = find_phrase(found, "i 4. kvartal 2019");
        REQUIRE(p != nullptr);
        CHECK(iso(p->last) == "2019-12-31");
        std::string verb;
        CHECK(find_promise(p->sentence, verb));
        CHECK(verb == "gives en statussag");
    }
    {
        const std::string text = read_file(seeds + "/004_8e211799231ee99e.txt");
        auto found = dates::find_time_phrases(text, day_of("2016-09-01"));
        const auto* p = find_phrase(found, "ultimo 2015");
        REQUIRE(p != nullptr);
        CHECK(iso(p->last) == "2015-12-31");
        CHECK(p->past);
    }
    {
        const std::string text = read_file(seeds + "/002_428a7a86b5aec2c2.txt");
        auto found = dates::find_time_phrases(text, day_of("2022-06-07"));
        const auto* late = find_phrase(found, "sidst i 2022");
        REQUIRE(late != nullptr);
        CHECK(iso(late->last) == "2022-12-31");
        const auto* august = find_phrase(found, "til august");
        REQUIRE(august != nullptr);
        CHECK(iso(august->last) == "2022-08-31");
        const auto* meeting = find_phrase(found, "i august 2022");
        REQUIRE(meeting != nullptr);
        CHECK(iso(meeting->last) == "2022-08-31");
    }
}

TEST_CASE("random and odd bytes never crash and phrases stay inside the input", "[dates][robustness]") {
    std::mt19937 rng(20240607);
    const std::vector<std::string> pieces = {"i ", "august ", "2019", "12-01-", "31.", " kvartal", "første ", "halvår",
                                             "næste møde", "Æ", "\xc3", "\xa5", "\xe2\x80\x93", "\xc2\xa0", "-", ".",
                                             "\n", "\0", "ved udgangen af ", "primo ", "99999", "\xff", "til ", "d. "};
    for (int round = 0; round < 2000; ++round) {
        std::string s;
        int n = static_cast<int>(rng() % 40);
        for (int k = 0; k < n; ++k) {
            if (rng() % 3 == 0)
                s += static_cast<char>(rng() % 256);
            else
                s += pieces[rng() % pieces.size()];
        }
        auto found = dates::find_time_phrases(s, day_of("2021-01-12"));
        check_offsets(s, found);
        date::year_month_day d{};
        (void)dates::parse_date(s, d);
        std::string verb;
        (void)find_promise(s, verb);
    }
}

TEST_CASE("one megabyte inputs are scanned in linear time", "[dates][robustness]") {
    const auto meeting = day_of("2021-01-12");
    auto timed = [&](const std::string& text) {
        auto start = std::chrono::steady_clock::now();
        auto found = dates::find_time_phrases(text, meeting);
        auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        check_offsets(text, found);
        for (const auto& p : found) REQUIRE(p.sentence.size() < 1000);  // long sentences are clipped
        return std::make_pair(found.size(), seconds);
    };
    const std::size_t mb = 1 << 20;

    const std::string piece = "i august 2019 og til næste møde ";
    std::string phrases;
    while (phrases.size() < mb) phrases += piece;
    auto many = timed(phrases);
    CHECK(many.first == 2 * (phrases.size() / piece.size()));
    CHECK(many.second < 5.0);

    auto spaces = timed("i" + std::string(mb, ' ') + "august 2019");
    CHECK(spaces.first == 1);  // the window stops "i" reaching "august"; "august 2019" stands alone
    CHECK(spaces.second < 5.0);

    std::string digits(mb, '1');
    CHECK(timed(digits).first == 0);
    std::string dots;
    while (dots.size() < mb) dots += "12.01.";
    CHECK(timed(dots).second < 5.0);

    std::mt19937 rng(7);
    std::string noise(mb, '\0');
    for (auto& c : noise) c = static_cast<char>(rng() % 256);
    CHECK(timed(noise).second < 5.0);
}

TEST_CASE("a range's first date without a year is the one before its end", "[dates]") {
    using namespace date::literals;
    const date::year_month_day meeting = 2021_y / 1 / 12;
    auto phrases = dates::find_time_phrases("Nedlukningen fra og med den 9. marts til den 3. januar 2021 ramte alle.",
                                            meeting);
    REQUIRE(phrases.size() == 2);
    CHECK(dates::iso(phrases[0].first) == "2020-03-09");
    CHECK(phrases[0].past);
    CHECK(dates::iso(phrases[1].last) == "2021-01-03");
    // Not a range: "den 9. marts" alone keeps the first 9 March after the meeting.
    auto alone = dates::find_time_phrases("Udvalget mødes den 9. marts og igen den 3. januar 2022.", meeting);
    REQUIRE(alone.size() == 2);
    CHECK(dates::iso(alone[0].first) == "2021-03-09");
    CHECK_FALSE(alone[0].past);
}

TEST_CASE("sentence starts agree with the rules written plainly, across 16-byte blocks", "[dates]") {
    CHECK(dates::sentence_starts("Sagen udsættes. Ny sag forelægges i maj.") == std::vector<std::size_t>{0, 16});
    CHECK(dates::sentence_starts("d. 11. juni 2019\nÅrsplan") == std::vector<std::size_t>{0, 17});
    CHECK(dates::sentence_starts("Godkendt.  Øvrige punkter? Ja! nej.") == std::vector<std::size_t>{0, 9, 27});
    // The rules, byte by byte: a line break ends a sentence; . ! ? end one when spaces and a capital follow.
    auto plain = [](const std::string& s) {
        std::vector<std::size_t> out{0};
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\n') out.push_back(i + 1);
            if (s[i] != '.' && s[i] != '!' && s[i] != '?') continue;
            std::size_t j = i + 1;
            while (j < s.size() && (s[j] == ' ' || s[j] == '\t')) ++j;
            if (j == i + 1 || j >= s.size()) continue;
            const std::string next = s.substr(j, 2);
            if ((next[0] >= 'A' && next[0] <= 'Z') ||
                (next.size() == 2 && next[0] == '\xc3' && static_cast<unsigned char>(next[1]) >= 0x80 &&
                 static_cast<unsigned char>(next[1]) <= 0x9e))
                out.push_back(i + 1);
        }
        return out;
    };
    const std::vector<std::string> pieces = {"Sagen", " ", ".", "!", "?", "\n", "\t", "A", "a", "Ø", "ø", "\xc3",
                                             "Z", "9", "d. 11", "  ", "udsættes"};
    std::mt19937 random(7);  // fixed: the same texts on every run
    std::size_t cuts = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string s;
        const std::size_t length = random() % 90;
        while (s.size() < length) s += pieces[random() % pieces.size()];
        INFO(s);
        const auto expected = plain(s);
        REQUIRE(dates::sentence_starts(s) == expected);
        cuts += expected.size() - 1;
    }
    CHECK(cuts > 4000);  // the texts do hold sentence ends, on every position of a block
}
