// A first ingest builds its store beside the destination and moves it into place when the run is complete.
//
// Until then there is nothing at the destination, so nothing of a store is at stake while it is built: the build
// is written with its rollback journal in memory and without syncs (Store::Journal::building), and a crash or a
// failed run leaves only the build, which is removed (by the next run when the process died). Once the documents
// are written the build takes WAL mode like every store (the relink and the flags' refresh write through it);
// when the run is complete it is closed, synced, renamed into place, and the directory synced. A first ingest
// killed part-way therefore stores nothing; the next run reads everything again (an ingest into an existing store
// keeps every committed batch, as before).
//
// Two first ingests of one destination do not both build: the second waits on a lock beside the destination
// (flock, released by the kernel when its holder dies) and then ingests into the store the first one made.
#pragma once
#include "tracker/store.hpp"

#include <optional>
#include <string>

namespace opfolg::tracker {

class NewStoreBuild {
public:
    // A build when nothing is at `db` (a file path; not ":memory:" or a URI), else nullopt: ingest into the store
    // there. Also nullopt when the lock cannot be made (a directory that cannot be written: opening the store
    // there then reports it).
    static std::optional<NewStoreBuild> begin(const std::string& db);
    NewStoreBuild(NewStoreBuild&& other) noexcept;
    NewStoreBuild& operator=(NewStoreBuild&&) = delete;
    ~NewStoreBuild();  // a build not finished is removed, and the lock released

    const std::string& path() const { return build_; }  // open the Store here, with Store::Journal::building
    // `store` (opened on path()) takes WAL mode if it has not yet and is closed; the file is synced and renamed to
    // the destination.
    // Throws StoreError (the build is then removed by the destructor).
    void finish(std::optional<Store>& store);

private:
    NewStoreBuild(std::string db, int lock_fd);
    void remove_build() const;

    std::string db_, build_;
    int lock_fd_ = -1;
    bool finished_ = false;
};

}  // namespace opfolg::tracker
