// Linking: which later item treats an earlier one. Recomputed over the whole store after each ingest run, so
// links never depend on the order documents arrived in.
//
// The reasons are tracker::LinkReason (link_reason.hpp), stored by name; the numbers are theirs.
//   1  Y's Tidligere behandling names X's committee and meeting date, and X's number when Y gives numbers.
//      Without numbers, only items of that meeting sharing Y's case number or a similar title count
//      (a meeting has many items; a bare date does not say which).
//   2  Y's Sagens forløb has an entry with X's committee and date. When that meeting had several items, the
//      entry must also share Y's case number, X's decision text or a similar title.
//   3  Y has X's case number and a similar title (title_similarity >= threshold), and is the nearest such item
//      after X (every one on the first later date that has one): a case's items form a chain, so links grow
//      linearly with the items. A standing item (layout::is_standing_item) links to its own committee's next
//      occurrence only.
// Y's meeting is always dated after X's: items of the same meeting never link.
#pragma once
#include "tracker/similarity.hpp"
#include "tracker/store.hpp"

namespace opfolg::tracker {

struct LinkStats {
    int by_reference = 0, by_history = 0, by_case_number = 0;
};

LinkStats relink(Store& store, double title_threshold = default_title_threshold);

// The links stored now, per reason: what relink returned when it last ran.
LinkStats link_counts(Store& store);

// What relink_if_changed did. Schema triggers keep the state it decides on: meetings stored since the last
// relink (relink_pending), and whether anything else the linker reads changed (link_state.dirty).
enum class Relinked {
    no,            // nothing changed: the stored counts, which are what relink would return
    new_meetings,  // only meetings were stored (or deleted): links into and out of the new ones were added
    all,           // anything else changed, or another threshold: relink
};

// The links relink would compute, with their counts; relinking all only when needed, so an ingest's memory
// and time follow what it stored, not the size of the store.
LinkStats relink_if_changed(Store& store, double title_threshold = default_title_threshold,
                            Relinked* how = nullptr);

}  // namespace opfolg::tracker
