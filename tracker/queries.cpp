#include "tracker/queries.hpp"
#include "grammar/reader.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/stored_deadlines.hpp"
#include "text/iso_date.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cassert>
#include <chrono>

namespace opfolg::tracker {

namespace {
const char* const item_columns =
    "i.id, m.committee_name, m.date, i.number, i.title, i.case_number, i.closed, "
    "COALESCE(d.text, ''), COALESCE(d.classes, 'none'), doc.path || ':' || i.line ";
const char* const item_joins =
    "FROM items i JOIN meetings m ON m.id = i.meeting_id JOIN documents doc ON doc.id = m.document_id "
    "LEFT JOIN decisions d ON d.item_id = i.id AND d.origin = 'minutes' ";

ItemRow item_row(Statement& s) {
    ItemRow r;
    r.id = s.integer(0);
    r.committee = s.text(1);
    r.date = s.text(2);
    r.number = static_cast<int>(s.integer(3));
    r.title = s.text(4);
    r.case_number = s.text(5);
    r.closed = s.integer(6) != 0;
    r.decision = s.text(7);
    r.classes = s.text(8);
    r.source = s.text(9);
    return r;
}
}  // namespace

std::vector<ItemRow> list_items(Store& store, const std::string& committee, const std::string& decision_class) {
    Statement s(store.handle(), std::string("SELECT ") + item_columns + item_joins +
                                    "WHERE (?1 = '' OR (' ' || COALESCE(d.classes, 'none') || ' ') LIKE '% ' || ?1 || ' %') "
                                    "ORDER BY m.date, m.committee_name, i.number");
    s.bind(1, decision_class);
    const std::string wanted = utf8_lower(committee);
    std::vector<ItemRow> out;
    while (s.step()) {
        ItemRow r = item_row(s);
        if (!wanted.empty() && utf8_lower(r.committee).find(wanted) == std::string::npos) continue;
        out.push_back(std::move(r));
    }
    return out;
}

namespace {
// An item's deadlines as its case timeline lists them: by line, in the order found on a line.
std::vector<CaseDeadline> case_deadlines(Statement& rows, Statement& packed, std::int64_t item_id) {
    std::vector<Deadline> stored;
    rows.bind(1, item_id);
    while (rows.step()) stored.push_back(deadline_from_row(rows, 0));
    rows.reset();
    std::vector<PackedTimePhrase> plain;
    packed.bind(1, item_id);
    if (packed.step()) plain = unpack_time_phrases(packed.view(0));
    packed.reset();
    std::vector<Deadline> found = merge_time_phrases(std::move(stored), std::move(plain));
    std::stable_sort(found.begin(), found.end(), [](const Deadline& a, const Deadline& b) { return a.line < b.line; });
    std::vector<CaseDeadline> out;
    out.reserve(found.size());
    for (Deadline& d : found) {
        CaseDeadline c;
        c.phrase = std::move(d.phrase.phrase);
        if (!d.phrase.next_meeting) c.last = dates::iso(d.phrase.last);
        c.promise = d.promise;
        c.in_decision = d.in_decision;
        c.past = d.phrase.past;
        c.line = d.line;
        out.push_back(std::move(c));
    }
    return out;
}
}  // namespace

std::vector<CaseEvent> case_timeline(Store& store, const std::string& case_number) {
    sqlite3* db = store.handle();
    std::vector<CaseEvent> out;
    Statement s(db, std::string("SELECT ") + item_columns + item_joins +
                        "WHERE i.case_number = ? ORDER BY m.date, i.number");
    s.bind(1, case_number);
    Statement deadlines(db, std::string("SELECT ") + kDeadlineColumns +
                                " FROM deadlines WHERE item_id = ? ORDER BY id");
    Statement packed(db, "SELECT time_phrases FROM item_texts WHERE item_id = ?");
    Statement later(db, "SELECT m.date, m.committee_name, i.number, l.reason, l.evidence FROM links l "
                        "JOIN items i ON i.id = l.later_item_id JOIN meetings m ON m.id = i.meeting_id "
                        "WHERE l.earlier_item_id = ? ORDER BY m.date, i.number, " + link_reason_order_sql("l.reason"));
    Statement earlier(db, "SELECT m.date, m.committee_name, i.number, l.reason, l.evidence FROM links l "
                          "JOIN items i ON i.id = l.earlier_item_id JOIN meetings m ON m.id = i.meeting_id "
                          "WHERE l.later_item_id = ? ORDER BY m.date, i.number, " + link_reason_order_sql("l.reason"));
    Statement history(db, "SELECT date, committee_name, text, classes, line FROM decisions "
                          "WHERE item_id = ? AND origin = 'history' ORDER BY date");
    auto link = [](Statement& q, CaseLink::Direction direction) {
        CaseLink l;
        l.direction = direction;
        l.date = q.text(0);
        l.committee = q.text(1);
        l.item_number = static_cast<int>(q.integer(2));
        const bool known = link_reason_from_string(q.text(3), l.reason);
        assert(known && "links.reason holds only the names of LinkReason");
        (void)known;
        l.evidence = q.text(4);
        return l;
    };
    while (s.step()) {
        CaseEvent e;
        e.item = item_row(s);
        e.origin = "minutes";
        history.bind(1, e.item.id);
        std::vector<CaseEvent> histories;
        while (history.step()) {
            CaseEvent h;
            h.origin = "history";
            h.item.date = history.text(0);
            h.item.committee = history.text(1);
            h.item.decision = history.text(2);
            h.item.classes = history.text(3);
            h.item.case_number = e.item.case_number;
            h.item.title = e.item.title;
            h.item.source = e.item.source.substr(0, e.item.source.rfind(':')) + ":" + std::to_string(history.integer(4));
            CaseLink reported;
            reported.direction = CaseLink::Direction::reported_by;
            reported.date = e.item.date;
            reported.item_number = e.item.number;
            h.links.push_back(std::move(reported));
            histories.push_back(std::move(h));
        }
        history.reset();
        e.deadlines = case_deadlines(deadlines, packed, e.item.id);
        earlier.bind(1, e.item.id);
        while (earlier.step()) e.links.push_back(link(earlier, CaseLink::Direction::treats_earlier));
        earlier.reset();
        later.bind(1, e.item.id);
        while (later.step()) e.links.push_back(link(later, CaseLink::Direction::treated_later_by));
        later.reset();
        for (auto& h : histories) out.push_back(std::move(h));
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](const CaseEvent& a, const CaseEvent& b) { return a.item.date < b.item.date; });
    return out;
}

int update_search_index(Store& store) {
    {
        Statement pending(store.handle(), "SELECT EXISTS (SELECT 1 FROM fts_pending)");
        pending.step();
        if (pending.integer(0) == 0) return 0;
    }
    if (sqlite3_db_readonly(store.handle(), "main") == 1) {
        // A reader (report, serve) may not be allowed to write the file: then it searches what is indexed.
        try {
            Store writer(store.path());
            if (sqlite3_db_readonly(writer.handle(), "main") == 1) throw StoreError("the database file is read-only");
            return update_search_index(writer);
        } catch (const StoreError& e) {
            spdlog::warn("search index not brought up to date (the newest items are not searched): {}", e.what());
            return 0;
        }
    }
    sqlite3* db = store.handle();
    Transaction tx(db);
    exec(db, "INSERT INTO items_fts(rowid, title, body, decision) SELECT i.id, i.title, i.body, i.decision "
             "FROM fts_pending p JOIN items_fts_source i ON i.id = p.item_id ORDER BY i.id");
    const int indexed = sqlite3_changes(db);
    exec(db, "DELETE FROM fts_pending");
    tx.commit();
    return indexed;
}

std::vector<SearchHit> search_items(Store& store, const std::string& text, int limit) {
    // Each word becomes a quoted FTS5 string so user text can never be FTS syntax; a trailing '*' keeps
    // prefix search.
    std::string query;
    std::string word;
    auto flush = [&] {
        if (word.empty()) return;
        bool prefix = word.back() == '*';
        if (prefix) word.pop_back();
        std::string quoted = "\"";
        for (char c : word) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += "\"";
        if (!word.empty()) query += (query.empty() ? "" : " ") + quoted + (prefix ? "*" : "");
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\t') flush();
        else word += c;
    }
    flush();
    std::vector<SearchHit> out;
    if (query.empty()) return out;
    update_search_index(store);
    Statement s(store.handle(), std::string("SELECT ") + item_columns +
                                    ", snippet(items_fts, -1, '[', ']', '…', 12) " + item_joins +
                                    "JOIN items_fts f ON f.rowid = i.id WHERE items_fts MATCH ? ORDER BY rank LIMIT ?");
    s.bind(1, query).bind(2, limit);
    while (s.step()) out.push_back({item_row(s), s.text(10)});
    return out;
}

void append_manual(Store& store, const ManualEntry& e) {
    Statement s(store.handle(), "INSERT INTO manual(flag_id, candidate_key, rule, action, by, note, until, at) "
                                "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    std::optional<std::string> until;
    if (!e.until.empty()) until = e.until;
    s.bind(1, e.flag_id).bind(2, e.candidate_key).bind(3, e.rule).bind(4, e.action).bind(5, e.by).bind(6, e.note)
        .bind(7, until).bind(8, e.at.empty() ? text::iso_timestamp_now() : e.at).run();
}

std::vector<ManualEntry> audit_log(Store& store, const std::string& flag_id) {
    Statement s(store.handle(), "SELECT id, flag_id, candidate_key, rule, action, by, note, COALESCE(until, ''), at "
                                "FROM manual WHERE ?1 = '' OR flag_id = ?1 ORDER BY id");
    s.bind(1, flag_id);
    std::vector<ManualEntry> out;
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.text(8)});
    return out;
}

// What a replaced version said, kept as JSON in superseded.snapshot: its meeting and items with decisions.
std::string meeting_snapshot(sqlite3* db, std::int64_t meeting_id) {
    nlohmann::json j;
    {
        Statement m(db, "SELECT committee_name, date, COALESCE(time, ''), COALESCE(place, ''), COALESCE(kind, ''), "
                        "source_id, line FROM meetings WHERE id = ?");
        m.bind(1, meeting_id);
        if (m.step())
            j["meeting"] = {{"committee", m.text(0)}, {"date", m.text(1)}, {"time", m.text(2)},
                            {"place", m.text(3)}, {"kind", m.text(4)}, {"source_id", m.text(5)},
                            {"line", m.integer(6)}};
    }
    j["items"] = nlohmann::json::array();
    Statement items(db, "SELECT i.number, i.title, i.case_number, i.closed, i.line, d.text, d.classes, d.line "
                        "FROM items i LEFT JOIN decisions d ON d.item_id = i.id AND d.origin = 'minutes' "
                        "WHERE i.meeting_id = ? ORDER BY i.number");
    items.bind(1, meeting_id);
    while (items.step()) {
        nlohmann::json item = {{"number", items.integer(0)}, {"title", items.text(1)}, {"case", items.text(2)},
                               {"closed", items.integer(3) != 0}, {"line", items.integer(4)}};
        if (!items.is_null(5))
            item["decision"] = {{"text", items.text(5)}, {"classes", items.text(6)}, {"line", items.integer(7)}};
        j["items"].push_back(std::move(item));
    }
    return j.dump();
}

namespace {
const char* const version_columns =
    "SELECT d.id, d.path, d.sha256, d.ingested_at, d.rendering, "
    "COALESCE(s.committee_name, m.committee_name, ''), COALESCE(s.date, m.date, ''), "
    "COALESCE(s.time, m.time, ''), COALESCE(s.source_id, m.source_id, ''), COALESCE(s.replaced_by, 0), "
    "COALESCE(s.replaced_at, ''), COALESCE(s.snapshot, '') "
    "FROM documents d LEFT JOIN superseded s ON s.document_id = d.id LEFT JOIN meetings m ON m.document_id = d.id ";

DocumentVersion version_row(Statement& s) {
    DocumentVersion v;
    v.id = s.integer(0);
    v.path = s.text(1);
    v.sha256 = s.text(2);
    v.ingested_at = s.text(3);
    v.rendering = s.text(4);
    v.committee = s.text(5);
    v.date = s.text(6);
    v.time = s.text(7);
    v.source_id = s.text(8);
    v.replaced_by = s.integer(9);
    v.replaced_at = s.text(10);
    v.snapshot = s.text(11);
    return v;
}
}  // namespace

std::vector<DocumentVersion> superseded_documents(Store& store) {
    Statement s(store.handle(), std::string(version_columns) +
                                    "WHERE s.document_id IS NOT NULL ORDER BY s.replaced_at, d.id");
    std::vector<DocumentVersion> out;
    while (s.step()) out.push_back(version_row(s));
    return out;
}

std::vector<DocumentVersion> earlier_versions(Store& store, std::int64_t document_id) {
    Statement s(store.handle(),
                "WITH RECURSIVE chain(id) AS (SELECT document_id FROM superseded WHERE replaced_by = ?1 "
                "UNION SELECT s.document_id FROM superseded s JOIN chain c ON s.replaced_by = c.id) " +
                    std::string(version_columns) + "WHERE d.id IN (SELECT id FROM chain) ORDER BY s.replaced_at DESC, d.id DESC");
    s.bind(1, document_id);
    std::vector<DocumentVersion> out;
    while (s.step()) out.push_back(version_row(s));
    return out;
}

std::optional<DocumentVersion> find_document(Store& store, const std::string& id_or_sha) {
    const bool numeric = !id_or_sha.empty() && id_or_sha.find_first_not_of("0123456789") == std::string::npos;
    const bool hex = id_or_sha.size() >= 6 && id_or_sha.find_first_not_of("0123456789abcdef") == std::string::npos;
    std::vector<DocumentVersion> found;
    if (numeric && id_or_sha.size() < 19) {
        Statement s(store.handle(), std::string(version_columns) + "WHERE d.id = ?");
        s.bind(1, static_cast<std::int64_t>(std::stoll(id_or_sha)));
        while (s.step()) found.push_back(version_row(s));
    }
    if (found.empty() && hex) {
        // A prefix range on the unique index: sha256 >= prefix AND sha256 < prefix + '~' (after every hex digit).
        Statement s(store.handle(), std::string(version_columns) + "WHERE d.sha256 >= ?1 AND d.sha256 < ?1 || '~' LIMIT 2");
        s.bind(1, id_or_sha);
        while (s.step()) found.push_back(version_row(s));
    }
    if (found.size() != 1) return std::nullopt;
    return found.front();
}

std::string document_snapshot(Store& store, std::int64_t document_id) {
    Statement s(store.handle(), "SELECT id FROM meetings WHERE document_id = ?");
    s.bind(1, document_id);
    if (!s.step()) return "";
    return meeting_snapshot(store.handle(), s.integer(0));
}

}  // namespace opfolg::tracker
