// Ingest: one document, one transaction. A document is keyed by its content hash (re-ingesting is a no-op);
// a corrected version of stored minutes (same committee and date, new content) replaces the old one.
#pragma once
#include "grammar/model.hpp"
#include "tracker/committees.hpp"
#include "tracker/store.hpp"

#include <memory>
#include <string>

namespace opfolg::tracker {

struct IngestResult {
    enum class Status { stored, replaced, unchanged, rejected };
    Status status = Status::rejected;
    std::string file;
    std::string reason;  // for rejected: why, one line
    int line = 0;        // for rejected: where, when known
    int meetings = 0, items = 0, decisions = 0, deadlines = 0, warnings = 0;
    std::vector<Warning> warning_list;
};

const char* to_string(IngestResult::Status s);

class Ingestor {
public:
    Ingestor(Store& store, Committees& committees);
    ~Ingestor();  // before the Store: it finalizes the statements prepared on it
    // Never throws for bad input: a document that cannot be read or is not minutes comes back rejected and
    // nothing is written. Store failures throw StoreError (the transaction is rolled back).
    IngestResult ingest_file(const std::string& path);
    IngestResult ingest_bytes(const std::string& bytes, const std::string& path);

private:
    struct Statements;  // prepared on first use, reused for every document (preparing cost 14% of ingest)
    Store& store_;
    Committees& committees_;
    std::unique_ptr<Statements> statements_;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace opfolg::tracker
