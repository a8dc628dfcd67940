// Linking: which later item treats an earlier one. Recomputed over the whole store after each ingest run, so
// links never depend on the order documents arrived in.
//
//   1  Y's Tidligere behandling names X's committee and meeting date, and X's number when Y gives numbers.
//      Without numbers, only items of that meeting sharing Y's case number or a similar title count
//      (a meeting has many items; a bare date does not say which).
//   2  Y's Sagens forløb has an entry with X's committee and date. When that meeting had several items, the
//      entry must also share Y's case number, X's decision text or a similar title.
//   3  Y has X's case number and a similar title (title_similarity >= threshold).
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

// relink, unless nothing the linker reads has changed since the last relink with this threshold (schema
// triggers keep that state): then the stored counts, which are what relink would return. `relinked` says which.
LinkStats relink_if_changed(Store& store, double title_threshold = default_title_threshold,
                            bool* relinked = nullptr);

}  // namespace opfolg::tracker
