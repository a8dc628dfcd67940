// How an item's deadlines are stored and read back (schema 13).
//
// The ones a rule can use (in the decision, or a promise in the text) are rows of `deadlines`, found by index.
// The rest, plain time phrases of the text ("den 12. marts 2019", ~96 % of all on real minutes), are shown by
// explain and `opfolg case` and read by nothing else: they are packed into one text per item,
// item_texts.time_phrases. As rows they were 40 % of a first ingest's rows and a third of its writer's instructions.
// Each packed phrase keeps its place among the item's deadlines, so reading both back gives the order they were
// found in, as one table of rows did.
#pragma once
#include "grammar/model.hpp"
#include "tracker/sqlite.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace opfolg::tracker {

// Neither in the decision nor a promise: packed, not a row.
bool is_plain_time_phrase(const Deadline& d);

// The plain deadlines of `deadlines` with their indexes in it; "" when there are none. Fields are separated by
// U+001F and phrases by U+001E, which the reader removes from every line (a stray one becomes a space).
std::string pack_plain_time_phrases(const std::vector<Deadline>& deadlines);

struct PackedTimePhrase {
    std::size_t ordinal = 0;  // index among the item's deadlines as found
    Deadline deadline;
};
// Throws StoreError when `packed` is not what pack_plain_time_phrases writes.
std::vector<PackedTimePhrase> unpack_time_phrases(std::string_view packed);

// An item's deadlines in the order they were found: `rows` (its deadlines rows, in rowid order) fill the places
// the packed ones do not take.
std::vector<Deadline> merge_time_phrases(std::vector<Deadline> rows, std::vector<PackedTimePhrase> packed);

// The columns of a deadlines row after its item_id, in the order the writer inserts and every reader selects
// them, and the Deadline they hold.
inline constexpr const char* kDeadlineColumns =
    "in_decision, promise, promise_verb, phrase, sentence, precision, first, last, next_meeting, past, line";
Deadline deadline_from_row(const Statement& s, int first_column);

// Schema 13's step: the plain deadlines rows of a store become packed texts, leaving flags_pending as it was
// (plain phrases decide no flag).
void pack_stored_time_phrases(sqlite3* db);

}  // namespace opfolg::tracker
