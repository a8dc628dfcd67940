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
// Indexes the items stored since the index was last read (ingest leaves that to the first search). On a
// read-only connection the writing is done on a connection of its own. Returns how many items were indexed.
int update_search_index(Store& store);

// Full-text search (FTS5); brings the index up to date first. Words are matched as given (each quoted), all must occur; prefix with '*' allowed.
std::vector<SearchHit> search_items(Store& store, const std::string& text, int limit = 50);

// A stored document, current or replaced by a corrected version of the same meeting (history).
struct DocumentVersion {
    std::int64_t id = 0;  // DOC-ID in `opfolg document`
    std::string path, sha256, ingested_at, rendering;
    std::string committee, date, time, source_id;
    // Replaced versions only: by which document, when, and what the version said (JSON snapshot).
    std::int64_t replaced_by = 0;
    std::string replaced_at, snapshot;
};
// Every replaced version, oldest replacement first.
std::vector<DocumentVersion> superseded_documents(Store& store);
// The versions a document replaced, directly or through earlier corrections: newest first.
std::vector<DocumentVersion> earlier_versions(Store& store, std::int64_t document_id);
// A document by its id or a unique prefix (at least 6 hex digits) of its SHA-256; nullopt when none or several.
std::optional<DocumentVersion> find_document(Store& store, const std::string& id_or_sha);
// What a stored meeting says, as JSON: the meeting and its items with their decisions (kept for a replaced
// version in superseded.snapshot).
std::string meeting_snapshot(sqlite3* db, std::int64_t meeting_id);
// The JSON snapshot of a current document's meeting, in the shape superseded versions keep.
std::string document_snapshot(Store& store, std::int64_t document_id);

struct ManualEntry {
    std::int64_t id = 0;
    std::string flag_id, candidate_key, rule, action, by, note, until, at;
};
void append_manual(Store& store, const ManualEntry& entry);  // append-only
std::vector<ManualEntry> audit_log(Store& store, const std::string& flag_id = "");

}  // namespace opfolg::tracker
