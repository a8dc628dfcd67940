// Ingest: one document, one transaction. A document is keyed by its content hash (re-ingesting is a no-op);
// a corrected version of stored minutes (the same meeting: committee, date, start time and platform id, new
// content) replaces the old one, which stays in the store as history (table superseded) and is never taken for
// new again.
//
// Two halves, so several threads can parse while one writes: `prepare_*` reads, hashes and parses without the
// store (safe to call from any number of threads at once); `Ingestor::write` does everything that needs the
// database (the unchanged check under the write lock, committees, the one transaction). ingest_file and
// ingest_bytes are prepare + write.
#pragma once
#include "grammar/model.hpp"
#include "tracker/committees.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/store.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
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
    std::string meeting;                      // stored/replaced: "Committee 2024-03-12 13:00" as written
    std::string replaced_file, replaced_sha;  // replaced: the version that is now history
};

const char* to_string(IngestResult::Status s);

// What a file looked like when it was read: an unchanged (path, size, mtime) is not read again.
struct FileStamp {
    std::string path;  // absolute
    std::int64_t size = 0, mtime_ns = 0;
    bool recordable = false;  // false when the file was modified too recently to trust its mtime
};

// What item_texts stores of each item of `minutes`.
struct PreparedItemText {
    std::string body, time_phrases;
};
std::vector<PreparedItemText> prepare_item_texts(const Minutes& minutes);

// A document read and parsed, not yet written. `known` was asked instead of parsing when the content is
// already stored; write() asks the store again under the write lock.
struct PreparedDocument {
    std::string path;
    std::string hash;  // SHA-256 of the bytes, hex; empty when the file was skipped by its stamp
    std::int64_t size = 0;
    std::optional<FileStamp> stamp;        // set when read from a file
    std::optional<IngestResult> rejected;  // nothing to write: cannot be read, or not minutes
    bool known = false;                    // content (or stamp) already stored: not parsed
    bool skipped_read = false;             // known by its stamp: not even read
    std::string stored_path;               // known by its stamp: the stored document, as `unchanged` names it
    // Known by a stamp looked up since the store last changed (Ingestor::stamp_lookups_current): write() does not
    // ask the store again.
    bool stamp_current = false;
    std::string bytes;                     // kept only when known (write() parses them if that changed)
    std::string rendering, encoding;
    Minutes minutes;
    // The item_texts columns of each of minutes.items (Item::body_text, the packed plain time phrases), built by the
    // preparing thread: the writer, which every document passes through one at a time, only binds them.
    std::vector<PreparedItemText> item_texts;
};

// A file's stamp found in the store: the stored content's hash and the stored document's path as the unchanged
// message names it.
struct StampMatch {
    std::string hash, stored_path;
};

// Looks up the store from a preparing thread (its own read-only connection). Both may be empty.
struct KnownLookup {
    std::function<bool(const std::string& hash)> hash;  // content already stored?
    // The stored content when this (path, size, mtime) was stored and its content still is.
    std::function<std::optional<StampMatch>(const FileStamp& stamp)> stamp;
};

// Store-free and thread-safe. Never throws for bad input (comes back rejected).
PreparedDocument prepare_bytes(const std::string& bytes, const std::string& path, const KnownLookup& known = {});
PreparedDocument prepare_file(const std::string& path, const KnownLookup& known = {});
// A file its stamp shows unchanged (KnownLookup::stamp gave `match`): not read; write() checks the hash unless
// the document is marked stamp_current.
PreparedDocument known_by_stamp(const std::string& path, FileStamp stamp, StampMatch match);

// The file's stamp as stat(2) sees it now; nullopt when it cannot be stat'ed.
std::optional<FileStamp> file_stamp(const std::string& path);

// Read-only look-ups for preparing threads: one connection per object, one object per thread.
class KnownDocuments {
public:
    explicit KnownDocuments(const std::string& db_path);
    ~KnownDocuments();
    KnownLookup lookup();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class Ingestor {
public:
    Ingestor(Store& store, Committees& committees);
    ~Ingestor();  // before the Store: it finalizes the statements prepared on it (and records pending stamps)
    // Never throws for bad input: a document that cannot be read or is not minutes comes back rejected and
    // nothing is written. Store failures throw StoreError (the transaction is rolled back).
    IngestResult ingest_file(const std::string& path);
    IngestResult ingest_bytes(const std::string& bytes, const std::string& path);
    // Writes one prepared document (on the thread that owns the store).
    IngestResult write(PreparedDocument prepared);
    // Records the stamps of files found unchanged by content, commits the open batch of documents, and checks
    // foreign keys again on the connection. Also run by the destructor; call it to see store errors (and before
    // anything else writes on the connection).
    void flush_stamps();
    // The lookups prepare_file needs, on this Ingestor's own connection (single-threaded use).
    KnownLookup lookup();
    // Marks the end of a series of stamp look-ups, made inside one read transaction on this connection (call it
    // before that transaction ends): their answers hold while stamp_lookups_current().
    void stamp_lookups_done();
    // Nothing was written since stamp_lookups_done(), by this Ingestor or (PRAGMA data_version) any other
    // connection: a document known by those look-ups need not be looked up again.
    bool stamp_lookups_current();
    // Where the documents of a committed batch go: destroyed here by default. A parallel ingest hands them back
    // to its preparing threads, so their memory is freed off the writer's thread.
    void set_disposal(std::function<void(std::vector<PreparedDocument>&&)> dispose) { dispose_ = std::move(dispose); }

private:
    struct Statements;  // prepared on first use, reused for every document (preparing cost 14% of ingest)
    Statements& statements();
    bool hash_stored(const std::string& hash, std::string* stored_path = nullptr);
    std::optional<StampMatch> stamp_stored(const FileStamp& stamp);
    // A committee id for a name, with a warning in `result` when the name is new but close to a known one.
    std::int64_t resolve_committee(const std::string& name, int line, IngestResult& result);
    struct StoredMeeting {
        std::int64_t meeting_id;
        std::string path, sha256;  // of its document
    };
    std::optional<StoredMeeting> same_meeting(std::int64_t committee_id, const std::string& date, const Meeting& m,
                                              IngestResult& result);
    // The steps of write(), in order; each insert's SQL stands next to its binds (a batched insert's columns
    // stand with its RowBatch in Statements).
    std::optional<IngestResult> settle_known(PreparedDocument& prepared);
    static IngestResult unchanged(const std::string& path, const std::string& stored_path);
    std::int64_t insert_document(const PreparedDocument& prepared, int warnings);
    void supersede(const StoredMeeting& previous, std::int64_t document_id, IngestResult& result);
    std::int64_t insert_meeting(std::int64_t document_id, std::int64_t committee_id, const Meeting& m,
                                const std::string& date);
    void insert_item(std::int64_t meeting_id, std::int64_t committee_id, const std::string& date, const Meeting& m,
                     const Item& it, const PreparedItemText& text, IngestResult& result);
    // A decision row, into the document's batch of them (the date is kept by the batch).
    void add_decision(std::int64_t item_id, const char* origin, std::string date, std::int64_t committee_id,
                      const std::string& committee_name, const Decision& d, int line);
    // Inserts the rows the document's items gathered (texts, decisions, references, deadlines, participants).
    void flush_rows();
    Store& store_;
    Committees& committees_;
    std::unique_ptr<Statements> statements_;
    std::vector<std::pair<FileStamp, std::string>> pending_stamps_;  // (stamp, sha256) of unchanged files
    // Documents are written in batches: one transaction of up to kBatchDocuments documents or ~250 ms, so
    // shared index pages are written to the WAL once a batch instead of once a document. Each document is all or
    // nothing: after a store error in one, the batch is rolled back and the documents before it (kept until the
    // commit) are written again (recover_batch). A kill loses the open batch, never part of a document.
    // Foreign keys are not checked while a run writes only new documents (8 % of the writer's instructions):
    // each row's parent is a row its batch has just written or looked up under its write lock. Replacing a
    // stored meeting needs them on, for ON DELETE CASCADE: from the first replacement on, the run checks them
    // (keys_on_for_cascade). Off from the first batch to flush_stamps, not per batch: switching them expires
    // every prepared statement, and preparing them again per batch cost what the checks cost. Declared before
    // batch_, so a transaction ends first: the pragma is a no-op inside one.
    std::optional<ForeignKeysOff> keys_off_;
    bool keys_on_for_run_ = false;
    std::optional<Transaction> batch_;
    std::vector<PreparedDocument> batch_written_;
    std::function<void(std::vector<PreparedDocument>&&)> dispose_;
    std::optional<std::int64_t> stamp_lookup_version_;  // data_version when the stamps were looked up
    bool written_since_stamp_lookups_ = false;
    std::chrono::steady_clock::time_point batch_started_;
    IngestResult write_document(const PreparedDocument& prepared);
    void recover_batch();
    void commit_batch();
    void keys_on_for_cascade();
};

std::string sha256_hex(std::string_view bytes);

}  // namespace opfolg::tracker
