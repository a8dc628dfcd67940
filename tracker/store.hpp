// The SQLite store: opening (schema + migrations), and the read queries commands share.
#pragma once
#include "candidate/candidate.hpp"

#include <sqlite3.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace opfolg::tracker {

struct StoreError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One connection to one database file. Not thread-safe; one per thread.
class Store {
public:
    // How a writable store keeps its changes until they are in the file: a WAL, synced at checkpoints (every
    // store), or, while a new store is built aside (new_store_build.hpp), a journal in memory and no syncs.
    enum class Journal { wal, building };
    explicit Store(const std::string& path, bool read_only = false,
                   Journal journal = Journal::wal);  // creates + migrates when writable
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // A private in-memory copy of the store at `path` (empty and new when there is none), migrated to the
    // latest schema: what `ingest --dry-run` writes into. The file is only read.
    static std::unique_ptr<Store> scratch_copy(const std::string& path);

    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }
    int schema_version() const;
    bool building() const { return building_; }
    // A store being built takes WAL mode, as every store has, once its documents are written: the relink and the
    // flags' refresh write in large transactions, whose every changed page a journal in memory would copy (a
    // national first ingest's relink 12.8 -> 15.9 s). Its syncs stay off until it is moved into place.
    void use_wal();

private:
    sqlite3* db_ = nullptr;
    std::string path_;
    bool read_only_ = false;
    bool building_ = false;
};

struct MeetingRow {
    std::int64_t id = 0;
    std::string committee;        // canonical name
    date::year_month_day date{};
    std::string file;
    int items = 0;
    std::string time;             // start time when the document gives one
    std::int64_t document_id = 0;
};

// Meetings dated on or before as_of (all when unset), oldest first; committee filter matches canonical names
// case-insensitively (substring), empty = all.
std::vector<MeetingRow> list_meetings(Store& store, const std::string& committee,
                                      std::optional<date::year_month_day> as_of = std::nullopt);

// Canonical committee names known to the store.
std::vector<std::string> list_committees(Store& store);

// Everything the rule engine needs, seeing only meetings dated on or before as_of, limited to `scope`.
std::vector<Candidate> load_candidates(Store& store, date::year_month_day as_of, const CandidateScope& scope = {});

// The ids, ascending, of the items that can give a candidate in `scope` (scope.items is not read): found
// through the narrow decisions and deadlines tables, so the wide items table is not walked.
std::vector<std::int64_t> candidate_item_ids(Store& store, const CandidateScope& scope);

}  // namespace opfolg::tracker
