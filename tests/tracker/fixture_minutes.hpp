// Builds small minutes documents (our own text) in the plain rendering for tracker tests.
#pragma once
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace fixture {

struct ItemSpec {
    int number;
    std::string title;
    std::string case_number;
    std::string decision;
    std::vector<std::string> tidligere;  // "Udvalget den 10. januar 2024 Punkt 1"
    std::vector<std::string> forloeb;    // "10-01-2024 Udvalget" followed by a decision line "Udsættes"
    std::string text = "Forvaltningen har udarbejdet et notat.";
};

inline std::string minutes(const std::string& committee, const std::string& dmy, const std::vector<ItemSpec>& items) {
    std::string s = "\nREFERAT " + committee + " d. " + dmy + "\n\nMødedato Tirsdag kl. 16:00\n\nMødested Rådhuset\n\n";
    for (const auto& it : items) {
        s += "Punkt " + std::to_string(it.number) + ": " + it.title + "\n\n";
        if (!it.case_number.empty()) s += it.case_number + "\n\n";
        if (!it.tidligere.empty()) {
            s += "Tidligere behandling\n\n";
            for (const auto& t : it.tidligere) s += t + "\n\n";
        }
        s += "Sagsfremstilling\n\n" + it.text + "\n\n";
        if (!it.decision.empty()) s += "Beslutning\n\n" + it.decision + "\n\n";
        if (!it.forloeb.empty()) {
            s += "Sagens forløb\n\n";
            for (const auto& f : it.forloeb) s += f + "\n\nUdsættes\n\n";
        }
    }
    return s;
}

// A fresh directory under the system temp dir, removed at scope exit.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::random_device rd;
        path = std::filesystem::temp_directory_path() / ("opfolg-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const std::string& name, const std::string& content) const {
        auto p = path / name;
        std::ofstream(p, std::ios::binary) << content;
        return p.string();
    }
    std::string db() const { return (path / "test.db").string(); }
};

// Undoes schema 14 (a kept flag row's shown fields in one text): flag_rows with a column each again, empty, and
// the kept flags marked for a rebuild, as a store written before it may look.
inline const char* const undo_schema_14_sql = R"sql(
            DROP TABLE flag_rows;
            CREATE TABLE flag_rows(
                item_id INTEGER, id TEXT NOT NULL, rule TEXT, candidate_key TEXT, committee TEXT,
                meeting_date TEXT NOT NULL, item_number INTEGER NOT NULL, title TEXT, case_number TEXT,
                decision TEXT, closed INTEGER, due TEXT NOT NULL, due_source TEXT, source TEXT, n INTEGER NOT NULL,
                PRIMARY KEY(due, meeting_date, item_number, id, n)) WITHOUT ROWID;
            CREATE INDEX flag_rows_by_item ON flag_rows(item_id);
            UPDATE flag_state SET complete = 0;
            DELETE FROM flag_items; DELETE FROM flag_keys; DELETE FROM flags_pending;)sql";

// Undoes schema 12 (item texts in their own table): body and decision back in items, the full-text index on
// items again, every item indexed (fts_pending emptied), as stores written before it look.
inline const char* const undo_schema_12_sql = R"sql(
            DROP INDEX deadlines_promises;
            DROP TRIGGER items_fts_delete;
            DROP TABLE items_fts;
            DROP VIEW items_fts_source;
            ALTER TABLE items ADD COLUMN body TEXT NOT NULL DEFAULT '';
            ALTER TABLE items ADD COLUMN decision TEXT NOT NULL DEFAULT '';
            UPDATE items SET body = (SELECT body FROM item_texts WHERE item_id = items.id),
                             decision = (SELECT decision FROM item_texts WHERE item_id = items.id);
            DROP TABLE item_texts;
            CREATE VIRTUAL TABLE items_fts USING fts5(title, body, decision, content = 'items', content_rowid = 'id',
                                                      tokenize = "unicode61 remove_diacritics 0");
            INSERT INTO items_fts(items_fts) VALUES('rebuild');
            DELETE FROM fts_pending;
            CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
                INSERT INTO items_fts(items_fts, rowid, title, body, decision)
                SELECT 'delete', old.id, old.title, old.body, old.decision
                WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE item_id = old.id);
                DELETE FROM fts_pending WHERE item_id = old.id;
            END;)sql";

// Undoes schema 11 (the case-number chains read from an index that holds their columns).
inline const char* const undo_schema_11_sql = R"sql(
            CREATE INDEX items_by_case ON items(case_number);
            DROP INDEX items_by_case_chain;)sql";

// Undoes schema 10 (new rows queued by their writer): the row triggers on inserts again, as stores written before
// it look.
inline const char* const undo_schema_10_sql = R"sql(
            CREATE TRIGGER links_dirty_items_insert AFTER INSERT ON items
                WHEN NOT EXISTS (SELECT 1 FROM relink_pending WHERE meeting_id = new.meeting_id)
                BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
            CREATE TRIGGER links_dirty_decisions_insert AFTER INSERT ON decisions
                WHEN NOT EXISTS (SELECT 1 FROM items i JOIN relink_pending p ON p.meeting_id = i.meeting_id
                                 WHERE i.id = new.item_id)
                BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
            CREATE TRIGGER links_dirty_refs_insert AFTER INSERT ON refs
                WHEN NOT EXISTS (SELECT 1 FROM items i JOIN relink_pending p ON p.meeting_id = i.meeting_id
                                 WHERE i.id = new.item_id)
                BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
            CREATE TRIGGER flags_items_insert AFTER INSERT ON items WHEN (SELECT complete FROM flag_state)
                BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.id); END;
            CREATE TRIGGER flags_decisions_insert AFTER INSERT ON decisions WHEN (SELECT complete FROM flag_state)
                BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.item_id); END;
            CREATE TRIGGER flags_deadlines_insert AFTER INSERT ON deadlines WHEN (SELECT complete FROM flag_state)
                BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.item_id); END;
            CREATE TRIGGER flags_links_insert AFTER INSERT ON links WHEN (SELECT complete FROM flag_state)
                BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.earlier_item_id); END;)sql";

// Undoes schema 9 (link counts kept in link_state).
inline const char* const undo_schema_9_sql = R"sql(
            DROP TRIGGER link_counts_delete; ALTER TABLE link_state DROP COLUMN by_reference;
            ALTER TABLE link_state DROP COLUMN by_history; ALTER TABLE link_state DROP COLUMN by_case_number;)sql";

// Undoes schema 8 (the kept open flags), as stores written before it look.
inline const char* const undo_schema_8_sql = R"sql(
            DROP TRIGGER flags_items_insert; DROP TRIGGER flags_items_update; DROP TRIGGER flags_items_delete;
            DROP TRIGGER flags_decisions_insert; DROP TRIGGER flags_decisions_update;
            DROP TRIGGER flags_decisions_delete; DROP TRIGGER flags_deadlines_insert;
            DROP TRIGGER flags_deadlines_delete; DROP TRIGGER flags_links_insert; DROP TRIGGER flags_links_delete;
            DROP TRIGGER flags_meetings_insert; DROP TRIGGER flags_meetings_delete; DROP TRIGGER flags_meetings_update;
            DROP TRIGGER flags_committees_update; DROP TRIGGER flags_committees_delete;
            DROP TRIGGER flags_documents_update; DROP TRIGGER flags_manual_insert;
            DROP TABLE flag_state; DROP TABLE flag_items; DROP TABLE flag_keys; DROP TABLE flag_rows;
            DROP TABLE flags_pending; DROP INDEX decisions_by_committee; DROP INDEX refs_by_item;
            DROP INDEX participants_by_meeting;)sql";

// Undoes schema 7 (link reasons by name): links as 1/2/3 again, as stores written before it look.
inline const char* const undo_schema_7_sql = R"sql(
            CREATE TABLE links_v6(
                later_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                earlier_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
                reason INTEGER NOT NULL,
                evidence TEXT NOT NULL,
                line INTEGER NOT NULL,
                PRIMARY KEY(earlier_item_id, later_item_id, reason));
            INSERT INTO links_v6 SELECT later_item_id, earlier_item_id,
                CASE reason WHEN 'reference' THEN 1 WHEN 'history' THEN 2 ELSE 3 END, evidence, line FROM links;
            DROP TABLE links;
            ALTER TABLE links_v6 RENAME TO links;
            CREATE INDEX links_by_later ON links(later_item_id);)sql";

// Undoes schema 6 (decision phrases and the vocabulary hash), as stores written before it look.
inline const char* const undo_schema_6_sql = R"sql(
            DROP TABLE vocabulary_state;
            ALTER TABLE decisions DROP COLUMN matched;
            DROP TRIGGER links_dirty_decisions_update;
            CREATE TRIGGER links_dirty_decisions_update AFTER UPDATE ON decisions
                BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;)sql";

// Undoes schema 5's tables and triggers (the rebuilt meetings table stays: migrating it again copies it as it
// is). Items waiting for the lazy full-text index are indexed, as schema 4 indexed every item at ingest.
inline const char* const undo_schema_5_sql = R"sql(
            DROP TABLE superseded;
            DROP TRIGGER IF EXISTS relink_pending_case_delete;
            DROP TABLE relink_pending_cases;
            INSERT INTO items_fts(rowid, title, body, decision)
                SELECT i.id, i.title, i.body, i.decision FROM fts_pending p JOIN items i ON i.id = p.item_id;
            DROP TRIGGER items_fts_delete;
            DROP TABLE fts_pending;
            CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
                INSERT INTO items_fts(items_fts, rowid, title, body, decision)
                VALUES('delete', old.id, old.title, old.body, old.decision);
            END;)sql";

// Undoes schema 4 (the external-content full-text index): the index gets its own copy again and items loses its
// decision column, as stores written before it look. For migration tests.
inline const char* const undo_schema_4_sql = R"sql(
            CREATE TEMP TABLE copy AS SELECT id, title, body, decision FROM items;
            DROP TRIGGER items_fts_delete;
            DROP TABLE items_fts;
            ALTER TABLE items DROP COLUMN decision;
            CREATE VIRTUAL TABLE items_fts USING fts5(title, body, decision,
                                                      tokenize = "unicode61 remove_diacritics 0");
            INSERT INTO items_fts(rowid, title, body, decision) SELECT id, title, body, decision FROM temp.copy;
            CREATE TRIGGER items_fts_delete AFTER DELETE ON items
                BEGIN DELETE FROM items_fts WHERE rowid = old.id; END;)sql";

}  // namespace fixture
