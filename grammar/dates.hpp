// Danish time phrases ("på august mødet", "i 4. kvartal 2019", "sidst i 2022", "12-01-2021", "til næste møde")
// found in free text and resolved against a meeting date with Howard Hinnant's date library.
#pragma once
#include "text/iso_date.hpp"

#include <date/date.h>

#include <string>
#include <string_view>
#include <vector>

namespace opfolg::dates {

enum class Precision { day, month, quarter, half_year, season, year, next_meeting };

const char* to_string(Precision p);

struct TimePhrase {
    std::string phrase;        // the matched text, as it stands in the input
    std::string sentence;      // the sentence the phrase stands in (trimmed)
    std::size_t offset = 0;    // byte offset of the phrase in the input text
    Precision precision = Precision::day;
    date::year_month_day first{};  // first day of the range (unset for next_meeting)
    date::year_month_day last{};   // last day of the range = the deadline (unset for next_meeting)
    bool next_meeting = false;     // "til næste møde": the tracker resolves it to the committee's next meeting
    bool past = false;             // the range ended before the meeting: a fact, not a deadline
};

// Finds every time phrase in `text` (UTF-8, any case) and resolves it relative to `meeting`.
// Phrases without a year take the first such period that ends on or after the meeting date.
std::vector<TimePhrase> find_time_phrases(std::string_view text, date::year_month_day meeting);

// False only when text (any case) cannot hold a time phrase: no ASCII digit and none of the grammar's anchor
// words (dates_grammar.hpp); next_time_phrase_anchor(text, 0) finding none.
bool may_hold_time_phrase(std::string_view text);
// The first byte at or after `from` where a digit or an anchor word starts, or npos. Every phrase the grammar
// accepts holds one (so a phrase starting at i needs one in [i, i + its length)). Bytes are compared with bit 5
// set (0x20, the bit text::utf8_lower changes), so any case is read and a text and its lowercase give the same
// answer; that also takes a byte differing from the word's only in that bit (0xE3 for the 0xC3 of "mø").
std::size_t next_time_phrase_anchor(std::string_view text, std::size_t from);
// Before its first anchor a phrase has at most this many bytes other than spaces: the longest is "senest ved
// udgangen af det førstkommende ordinære udvalgs|møde" (52; dates_grammar_def.hpp), with room to spare.
inline constexpr std::size_t max_phrase_lead = 72;
// The first byte where a phrase whose first anchor starts at `anchor` can start: where more than max_phrase_lead
// bytes other than spaces lie before the anchor, none can.
std::size_t earliest_phrase_start(std::string_view lowercased, std::size_t anchor);
// False only when no phrase can start at byte i of lowercased text: the word there is not a digit, not one of
// the grammar's first words (dates_grammar.hpp) and not glued to "møde". The scan skips such words whole.
bool may_start_time_phrase(std::string_view lowercased, std::size_t i);

// Where sentences start, in byte offsets (the first is 0): after . ! ? followed by spaces and a capital letter
// (not a digit: "d. 11. juni"), and after every line break. A phrase's sentence is cut from these.
std::vector<std::size_t> sentence_starts(std::string_view text);

// Parses a whole string that is exactly one date: "12-01-2021", "12.01.2021", "8. december 2020",
// "d. 11. juni 2019", "2021-01-12". Returns false when it is not.
bool parse_date(std::string_view text, date::year_month_day& out);

// ISO dates are text/'s (text/iso_date.hpp: "" for a date that is not ok()); the grammar's callers say dates::iso.
using text::iso;
using text::parse_iso;

// Word boundaries for UTF-8 text: ASCII letters and digits and UTF-8 letters (æøå, é, ...) are word characters;
// punctuation, spaces and symbols (including –, “, no-break space) and invalid bytes are not.
bool is_word_char_at(std::string_view text, std::size_t i);      // the character starting at byte i
bool is_word_char_before(std::string_view text, std::size_t i);  // the character ending just before byte i
std::size_t word_end(std::string_view text, std::size_t i);      // first byte at or after i not in a word

}  // namespace opfolg::dates
