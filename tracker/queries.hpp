// Read queries behind `opfolg meetings|items|case|search|audit` and the manual-decision log.
#pragma once
#include "candidate/link_reason.hpp"
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

// A case's timeline is data; notifier/case_timeline.hpp words it for `opfolg case` and the flag page.
struct CaseDeadline {
    std::string phrase;                 // as written: "i 4. kvartal 2019"
    std::optional<std::string> last;    // the last day it allows, ISO; none for "til næste møde"
    bool promise = false, in_decision = false, past = false;
    int line = 0;
};

struct CaseLink {
    enum class Direction {
        treats_earlier,    // this item treats the one named (a link whose later item is this one)
        treated_later_by,  // the item named treats this one
        reported_by,       // a Sagens forløb entry: the item of the store that reports it
    };
    Direction direction = Direction::treats_earlier;
    std::string date, committee;   // of the other item's meeting (committee empty for reported_by)
    int item_number = 0;
    LinkReason reason = LinkReason::none;  // none for reported_by
    std::string evidence;
};

struct CaseEvent {
    ItemRow item;
    std::string origin;  // "minutes" or "history" (a Sagens forløb entry of a meeting not in the store)
    std::vector<CaseDeadline> deadlines;  // by line
    std::vector<CaseLink> links;          // earlier ones, then later ones, each by date, item and reason
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
