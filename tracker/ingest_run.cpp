#include "tracker/ingest_run.hpp"
#include "tracker/checkpoint.hpp"
#include "tracker/ingest_pool.hpp"
#include "tracker/sqlite.hpp"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>

#include <spdlog/spdlog.h>

namespace opfolg::tracker {

namespace {
double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

void count(IngestSummary& s, IngestResult&& r) {
    switch (r.status) {
        case IngestResult::Status::stored: ++s.stored; break;
        case IngestResult::Status::replaced: ++s.replaced; break;
        case IngestResult::Status::unchanged: ++s.unchanged; break;
        case IngestResult::Status::rejected: ++s.rejected; break;
    }
    s.meetings += r.meetings;
    s.items += r.items;
    s.decisions += r.decisions;
    s.deadlines += r.deadlines;
    if (r.status != IngestResult::Status::unchanged) s.results.push_back(std::move(r));
}

// Several threads: files whose stamp shows them unchanged are settled on this thread, in order, without a
// thread hand-off each (which cost more than the stat); the rest are read, hashed and parsed by the workers
// (each with its own read-only connection for the unchanged checks). This thread writes everything in file order.
void ingest_parallel(Store& store, Ingestor& ingestor, const std::vector<std::string>& files,
                     const IngestRunOptions& options,
                     const std::function<void(std::size_t, IngestResult&&)>& done) {
    const auto lookup = ingestor.lookup();
    // The look-up made here is the one the write uses: an unchanged file is not stat'ed and looked up twice.
    // Only its stamp and stored hash are kept until it is written (a whole PreparedDocument per file was 330 MB
    // for a national archive of 323,400 unchanged files).
    struct Known {
        FileStamp stamp;
        StampMatch match;
    };
    std::vector<std::optional<Known>> known(files.size());
    std::vector<std::size_t> to_read;
    {
        // One read transaction for all the look-ups, not one each: every transaction locks and unlocks a WAL
        // read mark with fcntl(2), a quarter of walking an unchanged national archive. Nothing is written yet.
        Transaction reading(store.handle(), /*immediate=*/false);
        for (std::size_t i = 0; i < files.size(); ++i) {
            auto stamp = file_stamp(files[i]);
            if (auto match = stamp ? lookup.stamp(*stamp) : std::nullopt)
                known[i] = Known{std::move(*stamp), std::move(*match)};
            else
                to_read.push_back(i);
        }
        ingestor.stamp_lookups_done();  // inside the transaction: the version its look-ups saw
        reading.commit();
    }
    std::size_t next = 0;  // the next file to write
    auto write_known_until = [&](std::size_t end) {
        // While nothing was written since the look-ups (by this run or another process), their answers stand and
        // write() need not look each stored hash up again (random reads in the documents index: half of walking
        // an unchanged national archive). Asked once per run of unchanged files, which write() then writes nothing
        // for; a process that replaces one of them meanwhile is seen by the next run (its stamp no longer
        // matches a stored document), as when it replaced it just after a look-up.
        const bool current = next < end && ingestor.stamp_lookups_current();
        for (; next < end; ++next) {
            assert(known[next] && "files not to read were found unchanged by their stamp");
            PreparedDocument prepared =
                known_by_stamp(files[next], std::move(known[next]->stamp), std::move(known[next]->match));
            prepared.stamp_current = current;
            done(next, ingestor.write(std::move(prepared)));
            known[next].reset();
        }
    };
    // The documents of each committed batch are destroyed by the preparing threads, before they prepare their
    // next file: freeing a document's thousands of strings was 6 % of the writer's time, and the writer is the
    // thread every document waits for. Whatever is left when the workers stop goes with this object.
    struct Disposal {
        std::mutex mutex;
        std::vector<std::vector<PreparedDocument>> batches;
        void free_some() {
            std::vector<std::vector<PreparedDocument>> taken;
            {
                std::lock_guard<std::mutex> lock(mutex);
                taken.swap(batches);
            }
        }  // `taken` and its documents are destroyed here, on this thread, outside the lock
    };
    Disposal disposal;
    ingestor.set_disposal([&disposal](std::vector<PreparedDocument>&& batch) {
        std::lock_guard<std::mutex> lock(disposal.mutex);
        disposal.batches.push_back(std::move(batch));
    });
    struct Unset {  // the Ingestor outlives this function and must not hand documents to `disposal` after it
        Ingestor& ingestor;
        ~Unset() { ingestor.set_disposal({}); }
    } unset{ingestor};
    auto make_worker = [&]() -> PrepareFn {
        // A store being built held nothing before this run (and is opened by nothing else): the workers look
        // nothing up. A document stored twice in the run is still found by the writer, which asks again.
        if (store.building())
            return [&files, &to_read, &disposal](std::size_t k) {
                disposal.free_some();
                return prepare_file(files[to_read[k]], KnownLookup{});
            };
        auto store = std::make_shared<KnownDocuments>(options.db_path);
        return [store, lookup = store->lookup(), &files, &to_read, &disposal](std::size_t k) {
            disposal.free_some();
            return prepare_file(files[to_read[k]], lookup);
        };
    };
    prepare_in_order(to_read.size(), options.jobs, make_worker, [&](std::size_t k, PreparedDocument&& prepared) {
        write_known_until(to_read[k]);
        done(next, ingestor.write(std::move(prepared)));
        ++next;
    });
    write_known_until(files.size());
}
}  // namespace

IngestSummary ingest_paths(Store& store, Committees& committees, const std::vector<std::string>& files,
                           const IngestRunOptions& options) {
    IngestSummary summary;
    summary.files = files.size();
    // Every document is a commit of ~70 WAL pages (FTS5 segments, indexes); checkpointing every 1,000 pages
    // (the default) copied and synced the same pages again and again: 30 % of a bulk ingest's wall time.
    // Durability is the same (WAL, synchronous=NORMAL); the WAL file goes when the store is closed.
    exec(store.handle(), "PRAGMA wal_autocheckpoint = 16384");
    Ingestor ingestor(store, committees);
    auto done = [&](std::size_t i, IngestResult&& r) {
        count(summary, std::move(r));
        if (options.written) options.written(i);
    };
    const auto ingesting = std::chrono::steady_clock::now();
    if (options.jobs <= 1) {
        for (std::size_t i = 0; i < files.size(); ++i) done(i, ingestor.ingest_file(files[i]));
    } else {
        ingest_parallel(store, ingestor, files, options, done);
    }
    ingestor.flush_stamps();
    summary.ingest_ms = ms_since(ingesting);
    spdlog::debug("ingest: {} files on {} thread(s) in {:.1f} ms: {} stored, {} replaced, {} unchanged, {} rejected",
                  files.size(), std::max(1u, options.jobs), summary.ingest_ms, summary.stored, summary.replaced,
                  summary.unchanged, summary.rejected);
    // The WAL is copied into the store beside the relink, on the core the parsing workers have left. Only when
    // this run wrote something: an unchanged walk leaves nothing to copy.
    std::optional<BackgroundCheckpoint> checkpoint;
    if (store.building()) store.use_wal();  // the documents are in: links and flags are written through a WAL
    if (summary.stored + summary.replaced > 0) checkpoint.emplace(store.path());
    // Links are recomputed only around the meetings this run (or an interrupted one) stored; an unchanged
    // store keeps its links and only their counts are read. Either way: what a full relink would give.
    const auto relinking = std::chrono::steady_clock::now();
    summary.links = relink_if_changed(store, options.title_threshold, &summary.relinked);
    summary.relink_ms = ms_since(relinking);
    spdlog::debug("relink: {} in {:.1f} ms",
                  summary.relinked == Relinked::no             ? "nothing changed, counts read"
                  : summary.relinked == Relinked::new_meetings ? "around the new meetings"
                                                               : "every link recomputed",
                  summary.relink_ms);
    return summary;
}

}  // namespace opfolg::tracker
