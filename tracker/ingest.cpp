#include "tracker/ingest.hpp"
#include "grammar/minutes.hpp"
#include "tracker/queries.hpp"
#include "tracker/reclassify.hpp"
#include "tracker/row_batch.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/stored_deadlines.hpp"
#include "text/iso_date.hpp"
#include "text/read_file.hpp"

#include <openssl/evp.h>

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <chrono>
#include <ctime>
#include <cstring>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include <spdlog/spdlog.h>

namespace opfolg::tracker {

const char* to_string(IngestResult::Status s) {
    switch (s) {
        case IngestResult::Status::stored: return "stored";
        case IngestResult::Status::replaced: return "replaced";
        case IngestResult::Status::unchanged: return "unchanged";
        case IngestResult::Status::rejected: return "rejected";
    }
    return "rejected";
}

std::string sha256_hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 15];
    }
    return out;
}

namespace {
const std::string empty_text;  // the decision column of an item without a decision

std::string now_utc() { return text::iso_timestamp_now(); }

std::string join_numbers(const std::vector<int>& numbers) {
    std::string s;
    for (int n : numbers) {
        if (!s.empty()) s += ' ';
        s += std::to_string(n);
    }
    return s;
}

IngestResult rejected(const std::string& path, std::string reason, int line) {
    IngestResult r;
    r.status = IngestResult::Status::rejected;
    r.file = path;
    r.reason = std::move(reason);
    r.line = line;
    return r;
}

// A stored document's path as "unchanged" names it (d: documents, s: superseded left-joined on it).
const std::string kStoredPathSql = "d.path || COALESCE(', a version since replaced by ' || (SELECT r.path FROM "
                                   "documents r WHERE r.id = s.replaced_by), '')";
// A replaced version is still a stored document: its bytes are never taken for a new correction again (two
// versions in one folder would otherwise replace each other on every run).
const std::string kSeenSql = "SELECT " + kStoredPathSql +
                             " FROM documents d LEFT JOIN superseded s ON s.document_id = d.id WHERE d.sha256 = ?";
const std::string kStampSql = "SELECT f.sha256, " + kStoredPathSql +
                              " FROM file_seen f JOIN documents d ON d.sha256 = f.sha256 LEFT JOIN superseded s "
                              "ON s.document_id = d.id WHERE f.path = ? AND f.size = ? AND f.mtime_ns = ?";

std::optional<StampMatch> find_stamp(Statement& s, const FileStamp& stamp) {
    s.reset();
    s.bind(1, stamp.path).bind(2, stamp.size).bind(3, stamp.mtime_ns);
    std::optional<StampMatch> match;
    if (s.step()) match = StampMatch{s.text(0), s.text(1)};
    s.reset();
    return match;
}

bool find_hash(Statement& s, const std::string& hash, std::string* stored_path) {
    s.reset();
    s.bind(1, hash);
    bool found = s.step();
    if (found && stored_path) *stored_path = s.text(0);
    s.reset();
    return found;
}

// A file whose mtime is this close to now may be written again within the same mtime tick (same size, same
// mtime, other content): such a stamp is not recorded, so the next run reads the file again.
constexpr std::int64_t kRacyNs = 2'000'000'000;
}  // namespace

std::optional<FileStamp> file_stamp(const std::string& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    FileStamp stamp;
    // The working directory is asked once: opfolg never changes it, and getcwd(2) per file was 2 % of a first
    // ingest. Where it cannot be read, std::filesystem::absolute says so per path, as before.
    static const std::optional<std::filesystem::path> cwd = []() -> std::optional<std::filesystem::path> {
        std::error_code cwd_error;
        auto here = std::filesystem::current_path(cwd_error);
        if (cwd_error) return std::nullopt;
        return here;
    }();
    const std::filesystem::path given(path);
    std::error_code ec;
    const auto absolute = given.is_absolute() ? given : cwd ? *cwd / given : std::filesystem::absolute(given, ec);
    stamp.path = ec ? path : absolute.lexically_normal().string();
    stamp.size = static_cast<std::int64_t>(st.st_size);
    stamp.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    const std::int64_t now_ns = static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
    stamp.recordable = stamp.mtime_ns <= now_ns - kRacyNs;
    return stamp;
}

PreparedDocument prepare_bytes(const std::string& bytes, const std::string& path, const KnownLookup& known) {
    PreparedDocument p;
    p.path = path;
    p.size = static_cast<std::int64_t>(bytes.size());
    p.hash = sha256_hex(bytes);
    // Same bytes already stored? Asked before parsing (cheap skip); write() asks again under the write lock.
    if (known.hash && known.hash(p.hash)) {
        p.known = true;
        p.bytes = bytes;
        return p;
    }
    // Parse outside the transaction: a bad document never touches the store.
    SourceText source;
    try {
        source = normalize_source(bytes, path);
        p.minutes = parse_minutes(source);
    } catch (const ReadError& e) {
        p.rejected = rejected(path, e.what(), e.line);
        return p;
    }
    p.rendering = std::move(source.rendering);
    p.encoding = std::move(source.encoding);
    const Minutes& minutes = p.minutes;
    if (minutes.kind == DocumentKind::not_minutes)
        p.rejected = rejected(path, minutes.not_minutes_reason, 1);
    else if (minutes.meeting.committee.empty())
        p.rejected = rejected(path, "no meeting header (REFERAT/DAGSORDEN committee d. DD-MM-YYYY)", 1);
    else if (!minutes.meeting.date.ok())
        p.rejected = rejected(path, "no valid meeting date in the header", minutes.meeting.line);
    if (!p.rejected) p.item_texts = prepare_item_texts(minutes);
    return p;
}

std::vector<PreparedItemText> prepare_item_texts(const Minutes& minutes) {
    std::vector<PreparedItemText> out;
    out.reserve(minutes.items.size());
    for (const auto& it : minutes.items) out.push_back({it.body_text(), pack_plain_time_phrases(it.deadlines)});
    return out;
}

PreparedDocument known_by_stamp(const std::string& path, FileStamp stamp, StampMatch match) {
    PreparedDocument p;
    p.path = path;
    p.hash = std::move(match.hash);
    p.stored_path = std::move(match.stored_path);
    p.size = stamp.size;
    p.known = true;
    p.skipped_read = true;
    p.stamp = std::move(stamp);
    return p;
}

PreparedDocument prepare_file(const std::string& path, const KnownLookup& known) {
    // Stamp before reading: if the file changes while it is read, its mtime moves on and the next run reads it.
    auto stamp = file_stamp(path);
    if (stamp && known.stamp) {
        if (auto match = known.stamp(*stamp)) return known_by_stamp(path, std::move(*stamp), std::move(*match));
    }
    PreparedDocument p;
    std::string bytes, error;
    if (!text::read_file(path, bytes, error)) {
        p.path = path;
        p.rejected = rejected(path, error, 0);
        return p;
    }
    p = prepare_bytes(bytes, path, known);
    p.stamp = std::move(stamp);
    return p;
}

struct KnownDocuments::Impl {
    explicit Impl(const std::string& db_path)
        : store(db_path, true), seen(store.handle(), kSeenSql), stamp(store.handle(), kStampSql) {}
    Store store;
    Statement seen, stamp;
};

KnownDocuments::KnownDocuments(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
KnownDocuments::~KnownDocuments() = default;

KnownLookup KnownDocuments::lookup() {
    Impl* impl = impl_.get();
    return {[impl](const std::string& hash) { return find_hash(impl->seen, hash, nullptr); },
            [impl](const FileStamp& stamp) { return find_stamp(impl->stamp, stamp); }};
}

struct Ingestor::Statements {
    explicit Statements(sqlite3* db)
        : db(db),
          seen(db, kSeenSql),
          stamp(db, kStampSql),
          record_stamp(db, "INSERT INTO file_seen(path, size, mtime_ns, sha256) VALUES(?, ?, ?, ?) "
                           "ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
                           "sha256 = excluded.sha256"),
          same_day(db, "SELECT m.id, m.document_id, COALESCE(m.time, ''), m.source_id, d.path, d.sha256 "
                       "FROM meetings m JOIN documents d ON d.id = m.document_id "
                       "WHERE m.committee_id = ? AND m.date = ? ORDER BY m.id") {}
    // The write steps' statements, prepared on first use from the SQL written next to their binds.
    Statement& operator()(const char* sql) {
        auto& s = by_sql[sql];
        if (!s) s = std::make_unique<Statement>(db, sql);
        s->reset();  // a step that threw may have left it mid-way
        return *s;
    }
    sqlite3* db;
    Statement seen, stamp, record_stamp, same_day;
    std::unordered_map<const char*, std::unique_ptr<Statement>> by_sql;
    // A document's rows below its items, gathered while its items are written and inserted many to a statement
    // when it ends (flush_rows); each insert's columns stand here, its values where they are added.
    RowBatch texts{db, "item_texts(item_id, body, decision, time_phrases)", 4};
    RowBatch fts_pending{db, "fts_pending(item_id)", 1};
    RowBatch decisions{db, "decisions(item_id, origin, date, committee_id, committee_name, text, classes, remarks, "
                           "line, matched)", 10};
    RowBatch refs{db, "refs(item_id, kind, committee_id, committee_name, date, item_numbers, decision, text, line)", 9};
    RowBatch deadlines{db, std::string("deadlines(item_id, ") + kDeadlineColumns + ")", 12};
    RowBatch participants{db, "participants(meeting_id, name, party, role, absent)", 5};
    std::array<RowBatch*, 6> row_batches() {
        return {&texts, &fts_pending, &decisions, &refs, &deadlines, &participants};
    }
};

Ingestor::Ingestor(Store& store, Committees& committees) : store_(store), committees_(committees) {}

Ingestor::~Ingestor() {
    try {
        flush_stamps();  // commits the open batch: documents written before a failure are kept
    } catch (...) {
        // Stamps only save reading unchanged files next time; losing them is harmless. A batch that cannot be
        // committed here was ended by the store error the caller is already reporting.
    }
}

Ingestor::Statements& Ingestor::statements() {
    if (!statements_) statements_ = std::make_unique<Statements>(store_.handle());
    return *statements_;
}

bool Ingestor::hash_stored(const std::string& hash, std::string* stored_path) {
    return find_hash(statements().seen, hash, stored_path);
}

std::optional<StampMatch> Ingestor::stamp_stored(const FileStamp& stamp) { return find_stamp(statements().stamp, stamp); }

namespace {
std::int64_t data_version(sqlite3* db) {
    Statement s(db, "PRAGMA data_version");
    s.step();
    return s.integer(0);
}
}  // namespace

void Ingestor::stamp_lookups_done() {
    stamp_lookup_version_ = data_version(store_.handle());
    written_since_stamp_lookups_ = false;
}

bool Ingestor::stamp_lookups_current() {
    // data_version changes when another connection commits; this Ingestor's own writes are counted here.
    return stamp_lookup_version_ && !written_since_stamp_lookups_ &&
           data_version(store_.handle()) == *stamp_lookup_version_;
}

KnownLookup Ingestor::lookup() {
    return {[this](const std::string& hash) { return hash_stored(hash); },
            [this](const FileStamp& stamp) { return stamp_stored(stamp); }};
}

void Ingestor::commit_batch() {
    if (!batch_) return;
    batch_->commit();
    batch_.reset();
    if (dispose_) dispose_(std::move(batch_written_));
    batch_written_.clear();
}

// The batch so far (complete documents, and perhaps the committee the current one names) is committed, and the
// rest of the run checks foreign keys.
void Ingestor::keys_on_for_cascade() {
    commit_batch();
    keys_off_.reset();
    keys_on_for_run_ = true;
    batch_.emplace(store_.handle());
}

void Ingestor::flush_stamps() {
    if (!pending_stamps_.empty()) {
        Statement& record = statements().record_stamp;
        Transaction tx(store_.handle());
        for (const auto& [stamp, hash] : pending_stamps_)
            record.bind(1, stamp.path).bind(2, stamp.size).bind(3, stamp.mtime_ns).bind(4, hash).run();
        tx.commit();
        pending_stamps_.clear();
    }
    commit_batch();
    keys_off_.reset();  // outside the transaction: the next writer on this connection has its keys checked
}

IngestResult Ingestor::ingest_file(const std::string& path) { return write(prepare_file(path, lookup())); }

IngestResult Ingestor::ingest_bytes(const std::string& bytes, const std::string& path) {
    return write(prepare_bytes(bytes, path, lookup()));
}

std::int64_t Ingestor::resolve_committee(const std::string& name, int line, IngestResult& result) {
    std::optional<std::string> close;
    const std::int64_t id = committees_.resolve(name, &close);
    if (close) {
        result.warning_list.push_back({line, "committee \"" + name + "\" is close to \"" + *close +
                                                 "\"; add an alias to committees.conf if they are one"});
        ++result.warnings;
    }
    return id;
}

// The stored meeting a document is a version of: same committee and date, and the same start time and
// platform id where both sides give one. Two or more such meetings (the document gives neither, the day has
// several) are not guessed between: the document is stored as a meeting of its own, with a warning.
std::optional<Ingestor::StoredMeeting> Ingestor::same_meeting(std::int64_t committee_id, const std::string& date,
                                                             const Meeting& m, IngestResult& result) {
    Statement& q = statements().same_day;
    q.reset();
    q.bind(1, committee_id).bind(2, date);
    std::vector<StoredMeeting> matches;
    auto compatible = [](const std::string& a, const std::string& b) { return a.empty() || b.empty() || a == b; };
    while (q.step())
        if (compatible(q.text(2), m.time) && compatible(q.text(3), m.source_id))
            matches.push_back({q.integer(0), q.text(4), q.text(5)});
    q.reset();
    if (matches.size() == 1) return matches.front();
    if (matches.size() > 1) {
        result.warning_list.push_back({m.line, "the meeting of " + date + " names no start time, and " +
                                                   std::to_string(matches.size()) +
                                                   " meetings of the committee that day are stored; stored as "
                                                   "a meeting of its own, nothing replaced"});
        ++result.warnings;
    }
    return std::nullopt;
}

// Unchanged (the content is stored, checked on this connection), or read and parsed after all when the stored
// version was replaced since it was looked up. Returns the result when there is nothing to write.
std::optional<IngestResult> Ingestor::settle_known(PreparedDocument& prepared) {
    if (prepared.rejected) return std::move(*prepared.rejected);
    if (!prepared.known) return std::nullopt;
    if (prepared.skipped_read && prepared.stamp_current) return unchanged(prepared.path, prepared.stored_path);
    std::string stored_path;
    if (hash_stored(prepared.hash, &stored_path)) {
        // Found by content, not by stamp: remember the stamp so the next run need not read the file.
        if (!prepared.skipped_read && prepared.stamp && prepared.stamp->recordable) {
            pending_stamps_.emplace_back(*prepared.stamp, prepared.hash);
            if (pending_stamps_.size() >= 1000) flush_stamps();
        }
        return unchanged(prepared.path, stored_path);
    }
    const std::string path = prepared.path;
    auto stamp = std::move(prepared.stamp);
    prepared = prepared.skipped_read ? prepare_file(path) : prepare_bytes(prepared.bytes, path);
    if (!prepared.stamp) prepared.stamp = std::move(stamp);
    if (prepared.rejected) return std::move(*prepared.rejected);
    assert(!prepared.known && "a document read again is parsed, not looked up");
    return std::nullopt;
}

IngestResult Ingestor::unchanged(const std::string& path, const std::string& stored_path) {
    IngestResult r;
    r.status = IngestResult::Status::unchanged;
    r.file = path;
    r.reason = "already stored (same content as " + stored_path + ")";
    return r;
}

std::int64_t Ingestor::insert_document(const PreparedDocument& p, int warnings) {
    statements()("INSERT INTO documents(path, sha256, size, rendering, encoding, ingested_at, warnings) "
                 "VALUES(?, ?, ?, ?, ?, ?, ?)")
        .bind(1, p.path).bind(2, p.hash).bind(3, p.size).bind(4, p.rendering).bind(5, p.encoding)
        .bind(6, now_utc()).bind(7, warnings).run();
    return last_insert_id(store_.handle());
}

// A corrected version: the stored one becomes history, then its meeting goes (items, decisions and links with
// it); manual decisions are keyed by committee, date and item, so they carry over.
void Ingestor::supersede(const StoredMeeting& previous, std::int64_t document_id, IngestResult& result) {
    Statements& st = statements();
    st("INSERT INTO superseded(document_id, replaced_by, replaced_at, committee_id, committee_name, date, time, "
       "source_id, snapshot) SELECT document_id, ?2, ?3, committee_id, committee_name, date, COALESCE(time, ''), "
       "source_id, ?4 FROM meetings WHERE id = ?1")
        .bind(1, previous.meeting_id).bind(2, document_id).bind(3, now_utc())
        .bind(4, meeting_snapshot(store_.handle(), previous.meeting_id)).run();
    st("DELETE FROM meetings WHERE id = ?").bind(1, previous.meeting_id).run();
    result.status = IngestResult::Status::replaced;
    result.replaced_file = previous.path;
    result.replaced_sha = previous.sha256;
}

std::int64_t Ingestor::insert_meeting(std::int64_t document_id, std::int64_t committee_id, const Meeting& m,
                                      const std::string& date) {
    Statements& st = statements();
    st("INSERT INTO meetings(document_id, committee_id, committee_name, date, time, place, kind, line, source_id) "
       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, document_id).bind(2, committee_id).bind(3, m.committee).bind(4, date).bind(5, m.time)
        .bind(6, m.place).bind(7, m.kind).bind(8, m.line).bind(9, m.source_id).run();
    const std::int64_t meeting_id = last_insert_id(store_.handle());
    for (const auto& p : m.participants)
        st.participants.add(meeting_id).add_view(p.name).add_view(p.party).add_view(p.role).add(p.absent);
    return meeting_id;
}

// An item and everything it says: its decision, references, Sagens forløb entries and deadlines. A second
// item with a number already stored in this meeting is a warning, not a row.
void Ingestor::insert_item(std::int64_t meeting_id, std::int64_t committee_id, const std::string& date,
                           const Meeting& m, const Item& it, const PreparedItemText& text, IngestResult& result) {
    Statements& st = statements();
    st("INSERT INTO items(meeting_id, number, title, closed, case_number, line) "
       "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(meeting_id, number) DO NOTHING")
        .bind(1, meeting_id).bind(2, it.number).bind_view(3, it.title).bind(4, it.closed).bind_view(5, it.case_number)
        .bind(6, it.line).run();
    if (sqlite3_changes(store_.handle()) == 0) {
        result.warning_list.push_back({it.line, "Punkt " + std::to_string(it.number) +
                                                    " appears twice; the second is not stored"});
        ++result.warnings;
        return;
    }
    const std::int64_t item_id = last_insert_id(store_.handle());
    ++result.items;
    // Its text in a table of its own (schema 12); items_fts indexes these very values through the view
    // items_fts_source when it is next read (fts_pending).
    st.texts.add(item_id).add_view(text.body).add_view(it.decision ? it.decision->text : empty_text)
        .add_view(text.time_phrases);
    st.fts_pending.add(item_id);
    if (it.decision) {
        add_decision(item_id, "minutes", date, committee_id, m.committee, *it.decision, it.decision->line);
        ++result.decisions;
    }
    for (const auto& r : it.references)
        st.refs.add(item_id).add_view("tidligere").add(resolve_committee(r.committee, r.line, result))
            .add_view(r.committee).add_copy(dates::iso(r.date)).add_copy(join_numbers(r.items)).add_view(empty_text)
            .add_view(r.text).add(r.line);
    for (const auto& h : it.history) {
        const std::int64_t history_committee = resolve_committee(h.committee, h.line, result);
        std::string history_date = dates::iso(h.date);
        st.refs.add(item_id).add_view("forloeb").add(history_committee).add_view(h.committee).add_copy(history_date)
            .add_view(empty_text).add_view(h.decision.text)
            .add_copy(history_date + " " + h.committee + ": " + h.decision.text).add(h.line);
        // Kept as a decision too: when that meeting is not in the store, the history is all we know of it.
        add_decision(item_id, "history", std::move(history_date), history_committee, h.committee, h.decision,
                     h.decision.line ? h.decision.line : h.line);
        ++result.decisions;
    }
    for (const Deadline& d : it.deadlines) {
        if (is_plain_time_phrase(d)) continue;  // in item_texts.time_phrases
        const auto& p = d.phrase;
        st.deadlines.add(item_id).add(d.in_decision).add(d.promise).add_view(d.promise_verb).add_view(p.phrase)
            .add_view(p.sentence).add_view(dates::to_string(p.precision));
        if (p.next_meeting)  // "til næste møde": no dates of its own, the tracker resolves it
            st.deadlines.add_null().add_null();
        else
            st.deadlines.add_copy(dates::iso(p.first)).add_copy(dates::iso(p.last));
        st.deadlines.add(p.next_meeting).add(p.past).add(d.line);
    }
    result.deadlines += static_cast<int>(it.deadlines.size());
}

void Ingestor::add_decision(std::int64_t item_id, const char* origin, std::string date, std::int64_t committee_id,
                            const std::string& committee_name, const Decision& d, int line) {
    statements().decisions.add(item_id).add_view(origin).add_copy(std::move(date)).add(committee_id)
        .add_view(committee_name).add_view(d.text).add_copy(join_classes(d.classes)).add_view(d.remarks).add(line)
        .add_copy(encode_matches(d.matched));
}

void Ingestor::flush_rows() {
    for (RowBatch* rows : statements().row_batches()) rows->flush();
}

IngestResult Ingestor::write(PreparedDocument prepared) {
    if (auto settled = settle_known(prepared)) return std::move(*settled);
    written_since_stamp_lookups_ = true;  // from here on this document may be written: earlier look-ups may not hold
    if (!batch_) {
        if (!keys_on_for_run_ && !keys_off_) keys_off_.emplace(store_.handle());
        batch_.emplace(store_.handle());
        batch_started_ = std::chrono::steady_clock::now();
    }
    IngestResult result;
    try {
        result = write_document(prepared);
    } catch (...) {
        recover_batch();
        throw;
    }
    if (result.status != IngestResult::Status::unchanged) batch_written_.push_back(std::move(prepared));
    constexpr std::size_t kBatchDocuments = 64;
    constexpr auto kBatchTime = std::chrono::milliseconds(250);
    if (batch_written_.size() >= kBatchDocuments || std::chrono::steady_clock::now() - batch_started_ >= kBatchTime)
        commit_batch();
    return result;
}

// A store error left part of a document in the batch: the batch is rolled back and the documents written in
// it before are written again, in a transaction of their own, which is committed. (A savepoint per document
// did this by keeping a copy of every page each document changed: a tenth of the writer's instructions.) If
// that fails too, the batch is lost, as it is to a kill: the next run stores those documents.
void Ingestor::recover_batch() {
    batch_.reset();  // ROLLBACK (a no-op when the error already ended the transaction)
    keys_off_.reset();  // the documents are written again, and the run goes on, with foreign keys checked
    keys_on_for_run_ = true;
    committees_.reload();  // committees first named in the batch went with it
    std::vector<PreparedDocument> earlier = std::move(batch_written_);
    batch_written_.clear();
    if (earlier.empty()) return;
    try {
        Transaction again(store_.handle());
        for (const auto& prepared : earlier) write_document(prepared);
        again.commit();
    } catch (const std::exception& e) {
        spdlog::error("ingest: after a store error, the {} document(s) written before it in the same batch could "
                      "not be written again ({}); the next run stores them",
                      earlier.size(), e.what());
    }
}

// Everything one document says, into the open batch. Throws StoreError, with the document partly written.
IngestResult Ingestor::write_document(const PreparedDocument& prepared) {
    const Minutes& minutes = prepared.minutes;
    const Meeting& m = minutes.meeting;
    const std::string meeting_date = dates::iso(m.date);
    IngestResult result;
    result.file = prepared.path;
    result.status = IngestResult::Status::stored;
    result.warnings = static_cast<int>(minutes.warnings.size());
    result.warning_list = minutes.warnings;
    // Asked again under the write lock: an overlapping ingest may have stored the same bytes meanwhile.
    if (std::string stored_path; hash_stored(prepared.hash, &stored_path)) return unchanged(prepared.path, stored_path);
    const std::int64_t committee_id = resolve_committee(m.committee, m.line, result);
    const auto previous = same_meeting(committee_id, meeting_date, m, result);
    if (previous && keys_off_) keys_on_for_cascade();  // of this document only its committee is written
    const std::int64_t document_id = insert_document(prepared, result.warnings);
    if (previous) supersede(*previous, document_id, result);
    result.meeting = m.committee + " " + meeting_date + (m.time.empty() ? "" : " " + m.time);
    for (RowBatch* rows : statements().row_batches()) rows->discard();  // left by a document that failed
    const std::int64_t meeting_id = insert_meeting(document_id, committee_id, m, meeting_date);
    result.meetings = 1;
    // prepare_bytes built the item texts; a document prepared some other way has them built here. Either stays
    // until flush_rows, which inserts the rows that point into them.
    std::vector<PreparedItemText> built_texts;
    if (prepared.item_texts.size() != minutes.items.size()) built_texts = prepare_item_texts(minutes);
    const auto& texts = built_texts.empty() ? prepared.item_texts : built_texts;
    for (std::size_t k = 0; k < minutes.items.size(); ++k)
        insert_item(meeting_id, committee_id, meeting_date, m, minutes.items[k], texts[k], result);
    flush_rows();
    // The kept flags of the new items are evaluated by the next refresh; one statement per document instead of
    // a trigger on every item, decision and deadline (schema 10). Nothing to queue while they were never built.
    statements()("INSERT OR IGNORE INTO flags_pending(item_id) SELECT id FROM items "
                 "WHERE meeting_id = ? AND (SELECT complete FROM flag_state)")
        .bind(1, meeting_id).run();
    if (prepared.stamp && prepared.stamp->recordable)
        statements().record_stamp.bind(1, prepared.stamp->path).bind(2, prepared.stamp->size)
            .bind(3, prepared.stamp->mtime_ns).bind(4, prepared.hash).run();
    return result;
}

}  // namespace opfolg::tracker
