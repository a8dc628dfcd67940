// One ingest run over a list of files: the order they are written in, which are read at all, the parallel
// parsing and the relink after. The command line chooses the files and options and prints the summary.
#pragma once
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/store.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace opfolg::tracker {

struct IngestRunOptions {
    std::string db_path;  // the store's file: with jobs > 1 each worker opens it read-only for its look-ups
    unsigned jobs = 1;    // threads that read and parse; documents are written one at a time, in file order
    double title_threshold = default_title_threshold;
    std::function<void(std::size_t file_index)> written;  // after each file, in file order (progress)
};

struct IngestSummary {
    std::size_t files = 0;
    int stored = 0, replaced = 0, unchanged = 0, rejected = 0;
    int meetings = 0, items = 0, decisions = 0, deadlines = 0;
    // Every result but the unchanged ones (which carry nothing to say), in file order: what was stored,
    // replaced or rejected, with each document's warnings.
    std::vector<IngestResult> results;
    LinkStats links;  // after the run: what a full relink gives
    Relinked relinked = Relinked::no;
    double ingest_ms = 0, relink_ms = 0;
};

// Writes `files` in their order into `store` (batched transactions, each document all or nothing), then brings
// the links up to date. Documents that cannot be read or are not minutes come back rejected; store failures
// throw StoreError.
IngestSummary ingest_paths(Store& store, Committees& committees, const std::vector<std::string>& files,
                           const IngestRunOptions& options);

}  // namespace opfolg::tracker
