#include "tracker/store.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

namespace opfolg::tracker {

namespace {
// SQLite counts every allocation for sqlite3_memory_used() (nothing here reads it) under one process-wide
// mutex, which the ingest workers' and the writer's connections took in turn on every malloc. Must run before
// SQLite initializes; a later call is refused (SQLITE_MISUSE) and changes nothing.
void configure_sqlite_once() {
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)configured;
}
}  // namespace

Store::Store(const std::string& path, bool read_only, Journal journal)
    : path_(path), read_only_(read_only), building_(!read_only && journal == Journal::building) {
    configure_sqlite_once();
    // A Store is used by one thread at a time (ingest workers and web requests open their own), so its
    // connection takes no mutex: Debian's SQLite is built serialized, and locking the connection on every
    // sqlite3_column_* call was 8 % of a 100k-flag report.
    int flags = SQLITE_OPEN_NOMUTEX | (read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("cannot open database " + path + ": " + message);
    }
    try {
        // Overlapping cron runs wait for each other instead of failing with "database is locked".
        sqlite3_busy_timeout(db_, 60000);
        exec(db_, "PRAGMA foreign_keys = ON");
        if (!read_only) {
            // A new store gets 16 KiB pages (SQLite's default is 4 KiB) and a writer 8 MiB of page cache (2 MiB):
            // an item row holds the item's whole text, so a write or read of one spans pages, each page a system
            // call, and the indexes' pages were read back from the WAL again and again. First ingest of the
            // 2,000-minute corpus -15 % (system time -30 %), of the 100k corpus 35 s -> 31 s. The page size must
            // be set before WAL mode; an existing store keeps its own (the statement is then a no-op).
            exec(db_, "PRAGMA page_size = 16384");
            exec(db_, "PRAGMA cache_size = -8192");
            if (building_) {
                // Nothing else opens a store being built, and a crash throws the build away: the rollback
                // journal (a transaction that fails is still undone) stays in memory and nothing is synced. The
                // WAL's second copy of every page, and its checkpoint at the end, were a fifth of a first ingest.
                exec(db_, "PRAGMA journal_mode = MEMORY");
                exec(db_, "PRAGMA synchronous = OFF");
            } else {
                exec(db_, "PRAGMA journal_mode = WAL");
                exec(db_, "PRAGMA synchronous = NORMAL");
            }
            // Statement journals (a copy of each page a savepoint or a multi-row statement changes, to roll back
            // to) are kept in memory. On disk (the default) they were temp files in /var/tmp written page by page:
            // when every document was a savepoint, 310,000 of a 2,200-document ingest's 332,000 pwrite calls.
            exec(db_, "PRAGMA temp_store = MEMORY");
            migrate(db_);
        } else if (schema_version() != latest_schema_version()) {
            throw StoreError("database " + path + " has schema " + std::to_string(schema_version()) +
                             ", expected " + std::to_string(latest_schema_version()) + " (run an ingest to migrate)");
        } else {
            // A report reads a large part of the store once. Through read() every page is copied out of the
            // kernel's cache (report over 102k flags: 3.8-4.2 s of system time); mapped, the first 256 MiB are
            // read in place (2.4 s). The bound keeps the mapping in the role of the SQLite cache: mapped pages
            // are the kernel's shared, clean file cache but count in RSS. Read-only, so a stray write cannot
            // reach the file through the mapping.
            exec(db_, "PRAGMA mmap_size = 268435456");
        }
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

void Store::use_wal() {
    Statement mode(db_, "PRAGMA journal_mode = WAL");
    if (!mode.step() || mode.text(0) != "wal") throw StoreError("cannot switch database " + path_ + " to WAL mode");
}

Store::~Store() {
    // SQLite checkpoints the WAL when its last connection closes. A writer that closes while a reader of the
    // same store is still open (a report refreshing the kept open flags beside its read-only connection) left
    // its pages in the WAL, and every later reader read them through pread() instead of the mapping: an 88 MB
    // WAL doubled a 100k-flag report. A passive checkpoint copies what no reader holds, and waits for no one.
    if (db_ && !read_only_) sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    sqlite3_close(db_);
}

std::unique_ptr<Store> Store::scratch_copy(const std::string& path) {
    auto copy = std::make_unique<Store>(":memory:");
    sqlite3* source = nullptr;
    const int opened = sqlite3_open_v2(path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr);
    if (opened == SQLITE_CANTOPEN) {  // no store yet: the copy is a new, empty one
        sqlite3_close(source);
        return copy;
    }
    struct Closer {
        sqlite3* db;
        ~Closer() { sqlite3_close(db); }
    } closer{source};
    if (opened != SQLITE_OK) throw StoreError("cannot open database " + path + ": " + sqlite3_errmsg(source));
    sqlite3_busy_timeout(source, 60000);
    sqlite3_backup* backup = sqlite3_backup_init(copy->handle(), "main", source, "main");
    if (!backup) throw_sqlite(copy->handle(), "cannot copy database " + path);
    const int stepped = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE) throw StoreError("cannot copy database " + path + ": " + sqlite3_errstr(stepped));
    migrate(copy->handle());
    return copy;
}

int Store::schema_version() const {
    Statement s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

}  // namespace opfolg::tracker
