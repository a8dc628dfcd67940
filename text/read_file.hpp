// A whole file into a string, with the system's reason when it cannot be read.
#pragma once
#include <string>

namespace opfolg::text {

// Reads all of `path` into `out` (replacing it): one allocation of the file's size and read(2) calls straight into
// it; a stream copied through an ostringstream buffer moved every byte twice (2 % of a first ingest's
// instructions). Returns false with `error` set to "cannot open: ..." or "cannot read: ..." (strerror) when it
// cannot; `out` is then unspecified.
bool read_file(const std::string& path, std::string& out, std::string& error);

}  // namespace opfolg::text
