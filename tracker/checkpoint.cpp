#include "tracker/checkpoint.hpp"

#include <sqlite3.h>

#include <system_error>

namespace opfolg::tracker {

BackgroundCheckpoint::BackgroundCheckpoint(const std::string& db_path) {
    if (db_path.empty() || db_path == ":memory:") return;
    // No thread to be had (resource limits): the writer's close copies everything, as it did before.
    try {
        start(db_path);
    } catch (const std::system_error&) {
    }
}

void BackgroundCheckpoint::start(const std::string& db_path) {
    thread_ = std::thread([db_path] {
        sqlite3* db = nullptr;
        // Not SQLITE_OPEN_CREATE: the store exists (its writer is open); anything else is not ours to make.
        if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) ==
            SQLITE_OK) {
            // A new connection knows the file is in WAL mode only once it has read it; before that, a checkpoint
            // request is a no-op.
            sqlite3_exec(db, "SELECT 1 FROM sqlite_master LIMIT 1", nullptr, nullptr, nullptr);
            sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        }
        sqlite3_close(db);
    });
}

BackgroundCheckpoint::~BackgroundCheckpoint() {
    if (thread_.joinable()) thread_.join();
}

}  // namespace opfolg::tracker
