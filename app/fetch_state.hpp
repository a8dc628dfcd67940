// What `opfolg fetch` remembers between runs, in the output folder: a hidden JSON file (`opfolg ingest` skips
// hidden files) with each URL's file name and validators (ETag, Last-Modified) for the next conditional request,
// and a lock so two overlapping runs (cron) never write the same folder at once.
#pragma once
#include "app/fetch_http.hpp"

#include <filesystem>
#include <map>
#include <string>

namespace opfolg::app {

inline const char* const state_file_name = ".opfolg-fetch.json";

struct StateEntry {
    std::string file;  // plain name in the folder
    Validators validators;
    std::string fetched_at;  // UTC, ISO 8601: when the file last changed
};

struct FetchState {
    std::map<std::string, StateEntry> by_url;
    // Empty when the file is missing; an unreadable or foreign file is warned about on stderr and ignored
    // (the worst case is downloading everything once more). Entries with unsafe file names are dropped.
    static FetchState load(const std::filesystem::path& dir);
    // Atomically (temp file + rename). Throws std::runtime_error.
    void save(const std::filesystem::path& dir) const;
};

// An exclusive lock on DIR/.opfolg-fetch.lock for the life of the object; throws std::runtime_error naming the
// folder when another run holds it.
class FolderLock {
public:
    explicit FolderLock(const std::filesystem::path& dir);
    ~FolderLock();
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

private:
    int fd_ = -1;
};

// Removes temporary files an interrupted run (SIGKILL, power loss) left in `dir`; call under the lock.
void remove_stale_temp_files(const std::filesystem::path& dir);

}  // namespace opfolg::app
