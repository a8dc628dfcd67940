#include "tracker/store.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

namespace opfolg::tracker {

Store::Store(const std::string& path, bool read_only) : path_(path) {
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
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
            exec(db_, "PRAGMA journal_mode = WAL");
            exec(db_, "PRAGMA synchronous = NORMAL");
            migrate(db_);
        } else if (schema_version() != latest_schema_version()) {
            throw StoreError("database " + path + " has schema " + std::to_string(schema_version()) +
                             ", expected " + std::to_string(latest_schema_version()) + " (run an ingest to migrate)");
        }
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

Store::~Store() { sqlite3_close(db_); }

int Store::schema_version() const {
    Statement s(db_, "PRAGMA user_version");
    s.step();
    return static_cast<int>(s.integer(0));
}

}  // namespace opfolg::tracker
