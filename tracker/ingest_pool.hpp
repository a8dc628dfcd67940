// Parallel parsing with one writer: documents are prepared (read, hashed, parsed) on worker threads and
// written on the calling thread strictly in input order, so output, exit codes and the order in which
// corrected minutes replace each other are those of a sequential run.
#pragma once
#include "tracker/ingest.hpp"

#include <cstddef>
#include <functional>

namespace opfolg::tracker {

// Prepares document `index`; one per worker thread, made on that thread (it may own a read-only connection).
using PrepareFn = std::function<PreparedDocument(std::size_t index)>;

// Calls make_worker() once on each of `workers` threads and write(index, document) on the calling thread for
// index 0..count-1 in order. Documents are handed over in chunks of up to 16; at most 2 chunks per worker are
// prepared ahead of the writer, so memory stays flat however many files there are. An exception from a worker is rethrown here, in order (the other
// workers are stopped and joined first). workers <= 1 runs everything on the calling thread.
void prepare_in_order(std::size_t count, unsigned workers, const std::function<PrepareFn()>& make_worker,
                      const std::function<void(std::size_t, PreparedDocument&&)>& write);

// std::thread::hardware_concurrency(), at least 1.
unsigned default_jobs();

}  // namespace opfolg::tracker
