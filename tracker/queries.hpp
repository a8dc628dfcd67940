// Read queries behind `opfolg meetings|items|case|search|audit` and the manual-decision log.
#pragma once
#include "tracker/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace opfolg::tracker {

struct ItemRow {
    std::int64_t id = 0;
    std::string committee, date, title, case_number, decision, classes, source;
    int number = 0;
    bool closed = false;
};

// Items, optionally filtered by committee (substring, case-insensitive) and decision class.
std::vector<ItemRow> list_items(Store& store, const std::string& committee, const std::string& decision_class);

struct CaseEvent {
    ItemRow item;
    std::string origin;  // "minutes" or "history" (a Sagens forløb entry of a meeting not in the store)
    std::vector<std::string> deadlines;  // "i 4. kvartal 2019 -> 2019-12-31 (promise, line 370)"
    std::vector<std::string> links;      // "treated later by 2022-06-07 Punkt 9 (reason 3: ...)"
};
std::vector<CaseEvent> case_timeline(Store& store, const std::string& case_number);

struct SearchHit {
    ItemRow item;
    std::string snippet;
};
// Full-text search (FTS5). Words are matched as given (each quoted), all must occur; prefix with '*' allowed.
std::vector<SearchHit> search_items(Store& store, const std::string& text, int limit = 50);

struct ManualEntry {
    std::int64_t id = 0;
    std::string flag_id, candidate_key, rule, action, by, note, until, at;
};
void append_manual(Store& store, const ManualEntry& entry);  // append-only
std::vector<ManualEntry> audit_log(Store& store, const std::string& flag_id = "");

}  // namespace opfolg::tracker
