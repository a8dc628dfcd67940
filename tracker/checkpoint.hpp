// Copying a store's WAL into its database file on a thread of its own, while the writer goes on.
#pragma once
#include <string>
#include <thread>

namespace opfolg::tracker {

// Starts a passive checkpoint of the store file at `db_path` on its own connection and thread; the destructor
// waits for it. A first ingest leaves everything it wrote in the WAL (100 MB for 2,000 minutes). Copied when the
// writer closed, that was 0.2 s on one core after the relink and the flag refresh, which leave the other core
// idle; run beside the relink, it takes that core. A passive checkpoint copies only committed pages no reader
// needs and waits for no one: the writer's transactions and durability are unchanged, and what it leaves is
// copied at close as before. Does nothing for ":memory:" or an empty path; failures are ignored for that reason.
class BackgroundCheckpoint {
public:
    explicit BackgroundCheckpoint(const std::string& db_path);
    ~BackgroundCheckpoint();
    BackgroundCheckpoint(const BackgroundCheckpoint&) = delete;
    BackgroundCheckpoint& operator=(const BackgroundCheckpoint&) = delete;

private:
    void start(const std::string& db_path);
    std::thread thread_;
};

}  // namespace opfolg::tracker
