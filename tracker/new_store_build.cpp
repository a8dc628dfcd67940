#include "tracker/new_store_build.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace opfolg::tracker {

namespace fs = std::filesystem;

namespace {
bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 || errno != ENOENT;  // anything but "no such file" counts as there
}

// The lock file at `path`, held exclusively; -1 when it cannot be made. A holder that unlinked the file (at the
// end of its build) leaves a lock on a name no one else opens: then the file is opened again.
int lock_beside(const std::string& path) {
    for (;;) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return -1;
        int locked;
        while ((locked = ::flock(fd, LOCK_EX)) != 0 && errno == EINTR) {
        }
        struct stat held {}, named {};
        const bool still_named = locked == 0 && ::fstat(fd, &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
                                 held.st_ino == named.st_ino && held.st_dev == named.st_dev;
        if (still_named) return fd;
        ::close(fd);
        if (locked != 0) return -1;
    }
}

void sync_path(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) throw StoreError("cannot open " + path + " to sync it: " + std::strerror(errno));
    const int synced = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (synced != 0) throw StoreError("cannot sync " + path + ": " + std::strerror(error));
}
}  // namespace

std::optional<NewStoreBuild> NewStoreBuild::begin(const std::string& db) {
    if (db.empty() || db == ":memory:" || db.rfind("file:", 0) == 0 || exists(db)) return std::nullopt;
    const int fd = lock_beside(db + ".build-lock");
    if (fd < 0) return std::nullopt;
    NewStoreBuild build(db, fd);
    if (exists(db)) return std::nullopt;  // built by the run this one waited for; `build` releases the lock
    build.remove_build();                 // left by a run that died
    return build;
}

NewStoreBuild::NewStoreBuild(std::string db, int lock_fd)
    : db_(std::move(db)), build_(db_ + ".build"), lock_fd_(lock_fd) {}

NewStoreBuild::NewStoreBuild(NewStoreBuild&& other) noexcept
    : db_(std::move(other.db_)), build_(std::move(other.build_)), lock_fd_(other.lock_fd_), finished_(other.finished_) {
    other.lock_fd_ = -1;
    other.finished_ = true;
}

NewStoreBuild::~NewStoreBuild() {
    if (lock_fd_ < 0) return;
    if (!finished_) remove_build();
    ::unlink((db_ + ".build-lock").c_str());  // while held: a waiting run then opens the name again
    ::close(lock_fd_);
}

void NewStoreBuild::remove_build() const {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) ::unlink((build_ + suffix).c_str());
}

void NewStoreBuild::finish(std::optional<Store>& store) {
    store->use_wal();  // a no-op when the ingest switched already
    store.reset();     // closed: the WAL is checkpointed into the file and removed
    sync_path(build_, O_RDONLY);
    if (std::rename(build_.c_str(), db_.c_str()) != 0)
        throw StoreError("cannot move the new database " + build_ + " to " + db_ + ": " + std::strerror(errno));
    finished_ = true;
    const fs::path dir = fs::path(db_).parent_path();
    sync_path(dir.empty() ? "." : dir.string(), O_RDONLY | O_DIRECTORY);
}

}  // namespace opfolg::tracker
