// Schema and forward migrations, versioned with PRAGMA user_version. A migration runs in one transaction;
// an older database is brought forward step by step, never rebuilt.
#include "tracker/schema.hpp"
#include "tracker/committees.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/stored_deadlines.hpp"

namespace opfolg::tracker {

namespace {
const char* const migrations[] = {
    // 1: documents, meetings, items and what the minutes say about them.
    R"sql(
    CREATE TABLE committees(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,           -- canonical name
        key TEXT NOT NULL UNIQUE             -- normalized lookup key
    );
    CREATE TABLE committee_aliases(
        key TEXT PRIMARY KEY,                -- normalized alias (former names, abbreviations)
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        alias TEXT NOT NULL
    );
    CREATE TABLE documents(
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        rendering TEXT NOT NULL,
        encoding TEXT NOT NULL,
        ingested_at TEXT NOT NULL,
        warnings INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE meetings(
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        committee_name TEXT NOT NULL,        -- as written in the header
        date TEXT NOT NULL,
        time TEXT, place TEXT, kind TEXT,
        line INTEGER NOT NULL,
        UNIQUE(committee_id, date)
    );
    CREATE INDEX meetings_by_date ON meetings(date);
    CREATE TABLE participants(
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        name TEXT NOT NULL, party TEXT, role TEXT, absent INTEGER NOT NULL
    );
    CREATE TABLE items(
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        title TEXT NOT NULL,
        closed INTEGER NOT NULL,
        case_number TEXT NOT NULL,
        body TEXT NOT NULL,
        line INTEGER NOT NULL,
        UNIQUE(meeting_id, number)
    );
    CREATE INDEX items_by_case ON items(case_number);
    CREATE TABLE decisions(
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK(origin IN ('minutes','history')),
        date TEXT NOT NULL,                   -- meeting date of the decision
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        committee_name TEXT NOT NULL,
        text TEXT NOT NULL,
        classes TEXT NOT NULL,                -- space separated decision classes
        remarks TEXT NOT NULL,
        line INTEGER NOT NULL
    );
    CREATE INDEX decisions_by_item ON decisions(item_id);
    CREATE TABLE refs(
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK(kind IN ('tidligere','forloeb')),
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        committee_name TEXT NOT NULL,
        date TEXT NOT NULL,
        item_numbers TEXT NOT NULL,           -- space separated; empty when none given
        decision TEXT NOT NULL,               -- forløb: the decision text of the entry
        text TEXT NOT NULL,
        line INTEGER NOT NULL
    );
    CREATE INDEX refs_by_target ON refs(committee_id, date);
    CREATE TABLE deadlines(
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        in_decision INTEGER NOT NULL,
        promise INTEGER NOT NULL,
        promise_verb TEXT NOT NULL,
        phrase TEXT NOT NULL,
        sentence TEXT NOT NULL,
        precision TEXT NOT NULL,
        first TEXT, last TEXT,
        next_meeting INTEGER NOT NULL,
        past INTEGER NOT NULL,
        line INTEGER NOT NULL
    );
    CREATE INDEX deadlines_by_item ON deadlines(item_id);
    CREATE TABLE links(
        later_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        earlier_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        reason INTEGER NOT NULL,              -- 1 Tidligere behandling, 2 Sagens forløb, 3 case number + title
        evidence TEXT NOT NULL,
        line INTEGER NOT NULL,
        PRIMARY KEY(earlier_item_id, later_item_id, reason)
    );
    CREATE INDEX links_by_later ON links(later_item_id);
    -- Full-text search over items (opfolg search). rowid = items.id; Danish letters kept distinct.
    CREATE VIRTUAL TABLE items_fts USING fts5(title, body, decision, tokenize = "unicode61 remove_diacritics 0");
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items
        BEGIN DELETE FROM items_fts WHERE rowid = old.id; END;
    -- Manual decisions on flags: append-only audit log; the newest row per flag is in force.
    CREATE TABLE manual(
        id INTEGER PRIMARY KEY,
        flag_id TEXT NOT NULL,
        candidate_key TEXT NOT NULL,          -- survives re-ingests and corrected minutes
        rule TEXT NOT NULL,
        action TEXT NOT NULL CHECK(action IN ('resolve','snooze','unresolve')),
        by TEXT NOT NULL,
        note TEXT NOT NULL,
        until TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX manual_by_flag ON manual(flag_id, id);
    CREATE INDEX manual_by_candidate ON manual(candidate_key, id);
    CREATE TRIGGER manual_append_only_update BEFORE UPDATE ON manual
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER manual_append_only_delete BEFORE DELETE ON manual
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    )sql",
    // 2: what lets an unchanged folder be re-ingested without reading it, and an unchanged store without
    // relinking it.
    R"sql(
    -- The stat(2) stamp of each file as it was stored (or found unchanged). Valid only while its sha256 is in
    -- documents; a file with the same path, size and mtime is not read again.
    CREATE TABLE file_seen(
        path TEXT PRIMARY KEY,                -- absolute
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        sha256 TEXT NOT NULL
    ) WITHOUT ROWID;
    -- Whether links are what relink would compute now: any change to what the linker reads sets dirty
    -- (triggers, so every writer is covered, committees.conf merges too); relink clears it.
    CREATE TABLE link_state(
        id INTEGER PRIMARY KEY CHECK(id = 1),
        threshold REAL,                       -- title similarity threshold of the last relink
        dirty INTEGER NOT NULL
    );
    INSERT INTO link_state(id, threshold, dirty) VALUES(1, NULL, 1);
    CREATE TRIGGER links_dirty_meetings_insert AFTER INSERT ON meetings
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_meetings_update AFTER UPDATE ON meetings
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_meetings_delete AFTER DELETE ON meetings
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_items_insert AFTER INSERT ON items
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_items_update AFTER UPDATE ON items
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_items_delete AFTER DELETE ON items
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_decisions_insert AFTER INSERT ON decisions
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_decisions_update AFTER UPDATE ON decisions
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_decisions_delete AFTER DELETE ON decisions
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_refs_insert AFTER INSERT ON refs
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_refs_update AFTER UPDATE ON refs
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_refs_delete AFTER DELETE ON refs
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    )sql",
    // 3: relink only around the meetings stored since the last relink. Storing and deleting whole meetings (what
    // ingest does) no longer sets dirty; writing items, decisions or references into a meeting stored earlier,
    // or deleting them while their meeting stays, still does (a cascade from the meeting runs after the
    // meeting row is gone).
    R"sql(
    CREATE TABLE relink_pending(meeting_id INTEGER PRIMARY KEY);
    DROP TRIGGER links_dirty_meetings_insert;
    DROP TRIGGER links_dirty_meetings_delete;
    DROP TRIGGER links_dirty_items_insert;
    DROP TRIGGER links_dirty_items_delete;
    DROP TRIGGER links_dirty_decisions_insert;
    DROP TRIGGER links_dirty_decisions_delete;
    DROP TRIGGER links_dirty_refs_insert;
    DROP TRIGGER links_dirty_refs_delete;
    CREATE TRIGGER relink_pending_insert AFTER INSERT ON meetings
        BEGIN INSERT OR IGNORE INTO relink_pending(meeting_id) VALUES(new.id); END;
    CREATE TRIGGER relink_pending_delete AFTER DELETE ON meetings
        BEGIN DELETE FROM relink_pending WHERE meeting_id = old.id; END;
    CREATE TRIGGER links_dirty_items_insert AFTER INSERT ON items
        WHEN NOT EXISTS (SELECT 1 FROM relink_pending WHERE meeting_id = new.meeting_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_items_delete AFTER DELETE ON items
        WHEN EXISTS (SELECT 1 FROM meetings WHERE id = old.meeting_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_decisions_insert AFTER INSERT ON decisions
        WHEN NOT EXISTS (SELECT 1 FROM items i JOIN relink_pending p ON p.meeting_id = i.meeting_id
                         WHERE i.id = new.item_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_decisions_delete AFTER DELETE ON decisions
        WHEN EXISTS (SELECT 1 FROM items WHERE id = old.item_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_refs_insert AFTER INSERT ON refs
        WHEN NOT EXISTS (SELECT 1 FROM items i JOIN relink_pending p ON p.meeting_id = i.meeting_id
                         WHERE i.id = new.item_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_refs_delete AFTER DELETE ON refs
        WHEN EXISTS (SELECT 1 FROM items WHERE id = old.item_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    )sql",
    // 4: the full-text index reads its text from items instead of keeping a second copy of every body (the
    // copy was a quarter of the store and an insert of every body twice). The decision text the index held
    // moves into items.decision, so the index can be rebuilt from items alone; deletes must hand FTS5 the
    // old values, which the trigger has.
    R"sql(
    ALTER TABLE items ADD COLUMN decision TEXT NOT NULL DEFAULT '';
    UPDATE items SET decision = COALESCE((SELECT f.decision FROM items_fts f WHERE f.rowid = items.id), '');
    DROP TRIGGER items_fts_delete;
    DROP TABLE items_fts;
    CREATE VIRTUAL TABLE items_fts USING fts5(title, body, decision, content = 'items', content_rowid = 'id',
                                              tokenize = "unicode61 remove_diacritics 0");
    INSERT INTO items_fts(items_fts) VALUES('rebuild');
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, body, decision)
        VALUES('delete', old.id, old.title, old.body, old.decision);
    END;
    )sql",
    // 5: a meeting is the meeting, not the day. Two meetings of one committee on one day (13:00 and 17:00, or
    // two agendas with their own platform ids) are two rows; the meetings table is rebuilt without
    // UNIQUE(committee_id, date) (SQLite cannot drop a constraint) and gains the platform's meeting id. A
    // replaced document stays: its documents row (so its bytes are never taken for new again) and a snapshot
    // of what it said. Committee keys are recomputed in C++ after this script (rekey_committees).
    R"sql(
    CREATE TABLE meetings_v5(
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        committee_name TEXT NOT NULL,        -- as written in the header
        date TEXT NOT NULL,
        time TEXT, place TEXT, kind TEXT,
        line INTEGER NOT NULL,
        source_id TEXT NOT NULL DEFAULT ''   -- the publishing platform's meeting/agenda id, '' when none
    );
    INSERT INTO meetings_v5(id, document_id, committee_id, committee_name, date, time, place, kind, line)
        SELECT id, document_id, committee_id, committee_name, date, time, place, kind, line FROM meetings;
    DROP TABLE meetings;
    PRAGMA legacy_alter_table = ON;
    ALTER TABLE meetings_v5 RENAME TO meetings;
    PRAGMA legacy_alter_table = OFF;
    CREATE INDEX meetings_by_date ON meetings(date);
    CREATE INDEX meetings_by_committee ON meetings(committee_id, date);
    CREATE TRIGGER links_dirty_meetings_update AFTER UPDATE ON meetings
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER relink_pending_insert AFTER INSERT ON meetings
        BEGIN INSERT OR IGNORE INTO relink_pending(meeting_id) VALUES(new.id); END;
    CREATE TRIGGER relink_pending_delete AFTER DELETE ON meetings
        BEGIN DELETE FROM relink_pending WHERE meeting_id = old.id; END;
    -- Versions replaced by a corrected document of the same meeting: who replaced them when, and what they
    -- said (JSON: the meeting and its items with decisions), for `opfolg meetings --history` and `document`.
    CREATE TABLE superseded(
        document_id INTEGER PRIMARY KEY REFERENCES documents(id),
        replaced_by INTEGER NOT NULL REFERENCES documents(id),
        replaced_at TEXT NOT NULL,
        committee_id INTEGER NOT NULL REFERENCES committees(id),
        committee_name TEXT NOT NULL,
        date TEXT NOT NULL,
        time TEXT NOT NULL,
        source_id TEXT NOT NULL,
        snapshot TEXT NOT NULL
    );
    CREATE INDEX superseded_by_replacement ON superseded(replaced_by);
    -- Case numbers whose items went since the last relink: each item links only to its nearest later look-alike,
    -- so removing one (a replaced meeting) changes the chain of its case, which an incremental relink redoes.
    CREATE TABLE relink_pending_cases(case_number TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TRIGGER relink_pending_case_delete AFTER DELETE ON items WHEN old.case_number <> ''
        BEGIN INSERT OR IGNORE INTO relink_pending_cases(case_number) VALUES(old.case_number); END;
    -- The full-text index is brought up to date when it is read (search, `opfolg index`), not at ingest: indexing
    -- was half of an ingest's CPU. Items not indexed yet wait here; deleting one that was never indexed must not
    -- hand FTS5 a 'delete' for it (that corrupts an external-content index), so one trigger does both.
    CREATE TABLE fts_pending(item_id INTEGER PRIMARY KEY);
    DROP TRIGGER items_fts_delete;
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, body, decision)
        SELECT 'delete', old.id, old.title, old.body, old.decision
        WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE item_id = old.id);
        DELETE FROM fts_pending WHERE item_id = old.id;
    END;
    )sql",
    // 6: decision classes come from the rules' vocabulary. Each decision keeps the phrases that gave its classes
    // and where they are defined (`opfolg explain`), and the store keeps the hash of the vocabulary its classes
    // were made with: another vocabulary reclassifies the stored texts (tracker/reclassify.cpp). An empty hash
    // (a store from before) is stale. Reclassifying changes only classes: links do not depend on them.
    R"sql(
    ALTER TABLE decisions ADD COLUMN matched TEXT NOT NULL DEFAULT '';  -- class TAB phrase TAB file TAB line, per line
    CREATE TABLE vocabulary_state(
        id INTEGER PRIMARY KEY CHECK(id = 1),
        hash TEXT NOT NULL,
        files TEXT NOT NULL                   -- the rule files it came from, for messages
    );
    INSERT INTO vocabulary_state(id, hash, files) VALUES(1, '', '');
    DROP TRIGGER links_dirty_decisions_update;
    CREATE TRIGGER links_dirty_decisions_update AFTER UPDATE OF item_id, origin, date, committee_id, text ON decisions
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    )sql",
    // 7: a link's reason is stored by its name (tracker/link_reason.cpp: reference, history, case_number), not as
    // 1/2/3 explained by a comment. The table is rebuilt (SQLite cannot change a column's type or add a CHECK);
    // nothing refers to links, and the rows keep their items, evidence and line, so link_state stays current.
    R"sql(
    CREATE TABLE links_v7(
        later_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        earlier_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK(reason IN ('reference', 'history', 'case_number')),
        evidence TEXT NOT NULL,
        line INTEGER NOT NULL,
        PRIMARY KEY(earlier_item_id, later_item_id, reason)
    );
    INSERT INTO links_v7(later_item_id, earlier_item_id, reason, evidence, line)
        SELECT later_item_id, earlier_item_id,
               CASE reason WHEN 1 THEN 'reference' WHEN 2 THEN 'history' WHEN 3 THEN 'case_number' END, evidence, line
        FROM links;
    DROP TABLE links;
    ALTER TABLE links_v7 RENAME TO links;
    CREATE INDEX links_by_later ON links(later_item_id);
    )sql",
    // 8: open flags are kept, not recomputed (flags/open_flags.cpp). The evaluation of every candidate a rule set
    // can flag is stored with the day from which it no longer depends on the as-of date; a report reads the rows
    // settled by its as-of and evaluates only the rest. Triggers put every item whose candidates a write may
    // change into flags_pending (its decisions, deadlines, links, its committee's next meeting, a manual
    // decision on it), so any writer is covered; the next ingest or report with a writable store re-evaluates
    // them. A change that touches everything (a committee merged or renamed, another rule set) clears `complete`
    // and the table is built again. While it was never built, nothing is queued.
    R"sql(
    CREATE TABLE flag_state(
        id INTEGER PRIMARY KEY CHECK(id = 1),
        digest TEXT NOT NULL,                 -- the rule files the rows were evaluated with
        complete INTEGER NOT NULL,            -- 0: rebuild before use
        built_at TEXT NOT NULL
    );
    INSERT INTO flag_state(id, digest, complete, built_at) VALUES(1, '', 0, '');
    CREATE TABLE flag_items(
        item_id INTEGER PRIMARY KEY,          -- an item with candidates some rule may flag
        settled_from TEXT NOT NULL            -- from this as-of on, its stored flags are its flags
    );
    CREATE INDEX flag_items_by_settled ON flag_items(settled_from);
    CREATE TABLE flag_keys(key TEXT NOT NULL, item_id INTEGER NOT NULL, PRIMARY KEY(key, item_id)) WITHOUT ROWID;
    CREATE INDEX flag_keys_by_item ON flag_keys(item_id);
    -- Outside the key the columns carry no NOT NULL: SQLite 3.40's integrity_check (Debian 12) reports false
    -- "NULL value" errors for NOT NULL columns of a WITHOUT ROWID table; flags/open_flags.cpp writes every one.
    CREATE TABLE flag_rows(
        item_id INTEGER,
        id TEXT NOT NULL,
        rule TEXT,
        candidate_key TEXT,
        committee TEXT,
        meeting_date TEXT NOT NULL,
        item_number INTEGER NOT NULL,
        title TEXT,
        case_number TEXT,
        decision TEXT,
        closed INTEGER,
        due TEXT NOT NULL,
        due_source TEXT,
        source TEXT,
        n INTEGER NOT NULL,                   -- unique per row, so equal flags (a key twice) both stay
        -- Stored most overdue first (rules::most_overdue_first: as-of minus due, descending, is due ascending),
        -- so a report reads 100k rows in order, without a sort or a lookup per row.
        PRIMARY KEY(due, meeting_date, item_number, id, n)
    ) WITHOUT ROWID;
    CREATE INDEX flag_rows_by_item ON flag_rows(item_id);
    CREATE TABLE flags_pending(item_id INTEGER PRIMARY KEY);
    -- History decisions are found by committee and date when a meeting arrives or goes.
    CREATE INDEX decisions_by_committee ON decisions(committee_id, date);
    -- The references of a new meeting's items, for the relink around it (tracker/linker.cpp); and the child rows
    -- a replaced meeting's delete cascades to (without them each replaced document scanned every reference and
    -- participant: 165 ms per document on a national store).
    CREATE INDEX refs_by_item ON refs(item_id);
    CREATE INDEX participants_by_meeting ON participants(meeting_id);

    CREATE TRIGGER flags_items_insert AFTER INSERT ON items WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.id); END;
    CREATE TRIGGER flags_items_update AFTER UPDATE ON items WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.id); END;
    CREATE TRIGGER flags_items_delete AFTER DELETE ON items BEGIN
        DELETE FROM flag_rows WHERE item_id = old.id;
        DELETE FROM flag_items WHERE item_id = old.id;
        DELETE FROM flag_keys WHERE item_id = old.id;
        DELETE FROM flags_pending WHERE item_id = old.id;
    END;
    CREATE TRIGGER flags_decisions_insert AFTER INSERT ON decisions WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.item_id); END;
    CREATE TRIGGER flags_decisions_update AFTER UPDATE ON decisions WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.item_id); END;
    CREATE TRIGGER flags_decisions_delete AFTER DELETE ON decisions WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) SELECT old.item_id WHERE EXISTS
              (SELECT 1 FROM items WHERE id = old.item_id); END;
    CREATE TRIGGER flags_deadlines_insert AFTER INSERT ON deadlines WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.item_id); END;
    CREATE TRIGGER flags_deadlines_delete AFTER DELETE ON deadlines WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) SELECT old.item_id WHERE EXISTS
              (SELECT 1 FROM items WHERE id = old.item_id); END;
    CREATE TRIGGER flags_links_insert AFTER INSERT ON links WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.earlier_item_id); END;
    CREATE TRIGGER flags_links_delete AFTER DELETE ON links WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) SELECT old.earlier_item_id WHERE EXISTS
              (SELECT 1 FROM items WHERE id = old.earlier_item_id); END;
    -- A meeting that arrives or goes changes "the committee's next meeting" of the decisions since the meeting
    -- before it, and whether a history decision of that day stands for a meeting the store lacks.
    CREATE TRIGGER flags_meetings_insert AFTER INSERT ON meetings WHEN (SELECT complete FROM flag_state) BEGIN
        INSERT OR IGNORE INTO flags_pending(item_id)
            SELECT d.item_id FROM decisions d WHERE d.committee_id = new.committee_id AND d.date <= new.date
            AND d.date >= COALESCE((SELECT max(date) FROM meetings WHERE committee_id = new.committee_id
                                    AND date < new.date), '');
        INSERT OR IGNORE INTO flags_pending(item_id)
            SELECT i.id FROM meetings m JOIN items i ON i.meeting_id = m.id
            WHERE m.committee_id = new.committee_id AND m.date <= new.date AND m.id <> new.id
            AND m.date >= COALESCE((SELECT max(date) FROM meetings WHERE committee_id = new.committee_id
                                    AND date < new.date), '');
    END;
    CREATE TRIGGER flags_meetings_delete AFTER DELETE ON meetings WHEN (SELECT complete FROM flag_state) BEGIN
        INSERT OR IGNORE INTO flags_pending(item_id)
            SELECT d.item_id FROM decisions d WHERE d.committee_id = old.committee_id AND d.date <= old.date
            AND d.date >= COALESCE((SELECT max(date) FROM meetings WHERE committee_id = old.committee_id
                                    AND date < old.date), '')
            AND EXISTS (SELECT 1 FROM items WHERE id = d.item_id);
        INSERT OR IGNORE INTO flags_pending(item_id)
            SELECT i.id FROM meetings m JOIN items i ON i.meeting_id = m.id
            WHERE m.committee_id = old.committee_id AND m.date <= old.date
            AND m.date >= COALESCE((SELECT max(date) FROM meetings WHERE committee_id = old.committee_id
                                    AND date < old.date), '');
    END;
    CREATE TRIGGER flags_meetings_update AFTER UPDATE ON meetings
        WHEN new.committee_id IS NOT old.committee_id OR new.date IS NOT old.date OR new.time IS NOT old.time
             OR new.source_id IS NOT old.source_id OR new.document_id IS NOT old.document_id
        BEGIN UPDATE flag_state SET complete = 0 WHERE complete = 1; END;
    CREATE TRIGGER flags_committees_update AFTER UPDATE OF name ON committees WHEN new.name IS NOT old.name
        BEGIN UPDATE flag_state SET complete = 0 WHERE complete = 1; END;
    CREATE TRIGGER flags_committees_delete AFTER DELETE ON committees
        BEGIN UPDATE flag_state SET complete = 0 WHERE complete = 1; END;
    CREATE TRIGGER flags_documents_update AFTER UPDATE OF path ON documents WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id)
              SELECT i.id FROM meetings m JOIN items i ON i.meeting_id = m.id WHERE m.document_id = new.id; END;
    CREATE TRIGGER flags_manual_insert AFTER INSERT ON manual WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id)
              SELECT item_id FROM flag_keys WHERE key = new.candidate_key; END;
    )sql",
    // 9: the links per reason are kept, not counted: counting a national store's million links after every
    // ingest (GROUP BY reason over the whole table) was 0.3-0.5 s of a weekly run. The linker adds what it
    // inserts; a trigger takes off every link deleted (by the linker, or by a cascade from a replaced meeting).
    // NULL: not counted yet (a store from before schema 9, or during a full relink); the next relink counts.
    R"sql(
    ALTER TABLE link_state ADD COLUMN by_reference INTEGER;
    ALTER TABLE link_state ADD COLUMN by_history INTEGER;
    ALTER TABLE link_state ADD COLUMN by_case_number INTEGER;
    CREATE TRIGGER link_counts_delete AFTER DELETE ON links WHEN (SELECT by_reference IS NOT NULL FROM link_state)
        BEGIN UPDATE link_state SET by_reference = by_reference - (old.reason = 'reference'),
                                    by_history = by_history - (old.reason = 'history'),
                                    by_case_number = by_case_number - (old.reason = 'case_number'); END;
    )sql",
    // 10: new rows are queued by their writer, not by a trigger per row. A row trigger makes every INSERT a
    // multi-row write, and SQLite then keeps a statement journal for it (a copy of each page it changes, so the
    // statement alone can be rolled back): half of what storing a decision cost. Items, decisions, references
    // and deadlines are inserted only by Ingestor::write, together, into the meeting it has just inserted (whose
    // trigger puts it in relink_pending); it queues the document's items in flags_pending itself. Links are
    // inserted only by the linker, which queues their earlier items itself. Updates and deletes, by any
    // writer, are still covered by their triggers.
    // links is rebuilt for its CHECK: SQLite 3.40 evaluates an IN list of three or more constants through a
    // temporary b-tree built anew for every row inserted (10,000+ instructions a link); comparisons do not.
    R"sql(
    CREATE TABLE links_v10(
        later_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        earlier_item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        reason TEXT NOT NULL CHECK(reason = 'reference' OR reason = 'history' OR reason = 'case_number'),
        evidence TEXT NOT NULL,
        line INTEGER NOT NULL,
        PRIMARY KEY(earlier_item_id, later_item_id, reason)
    );
    INSERT INTO links_v10(later_item_id, earlier_item_id, reason, evidence, line)
        SELECT later_item_id, earlier_item_id, reason, evidence, line FROM links;
    DROP TABLE links;
    ALTER TABLE links_v10 RENAME TO links;
    CREATE INDEX links_by_later ON links(later_item_id);
    CREATE TRIGGER flags_links_delete AFTER DELETE ON links WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) SELECT old.earlier_item_id WHERE EXISTS
              (SELECT 1 FROM items WHERE id = old.earlier_item_id); END;
    CREATE TRIGGER link_counts_delete AFTER DELETE ON links WHEN (SELECT by_reference IS NOT NULL FROM link_state)
        BEGIN UPDATE link_state SET by_reference = by_reference - (old.reason = 'reference'),
                                    by_history = by_history - (old.reason = 'history'),
                                    by_case_number = by_case_number - (old.reason = 'case_number'); END;
    DROP TRIGGER links_dirty_items_insert;
    DROP TRIGGER links_dirty_decisions_insert;
    DROP TRIGGER links_dirty_refs_insert;
    DROP TRIGGER flags_items_insert;
    DROP TRIGGER flags_decisions_insert;
    DROP TRIGGER flags_deadlines_insert;
    )sql",
    // 11: the case-number chains (a full relink reads every item that has a case number; an incremental one the
    // items of each touched case) read id, case number, meeting, number and title from an index that holds them,
    // not from the item rows, each of which holds its item's whole text.
    R"sql(
    CREATE INDEX items_by_case_chain ON items(case_number, meeting_id, number, title);
    DROP INDEX items_by_case;
    )sql",
    // 12: an item's text (body and decision, most of the store's bytes) moves to its own table, so what reads an
    // item's number, title and case (the relink's reference groups, every flag candidate) reads narrow rows: an
    // items row held its whole text, and the first ingest's relink and refresh read 225 MB of such pages back for
    // a 106 MB store. items is emptied and filled again from a narrow copy, not just stripped of its columns:
    // DROP COLUMN rewrites each row where it stands and leaves the pages nearly empty (70 MB of pages for 1.6 MB
    // of rows on the issue's corpus), which every scan of items would still read. Its triggers are dropped first
    // (emptying it must not delete flags or mark links dirty; foreign keys are off during a migration, so nothing
    // cascades) and made again as they were. The full-text index reads its content through a view joining the two
    // tables; it is recreated empty with every item queued in fts_pending, so the next search indexes them (as
    // after an ingest). item_texts has no foreign key: the delete trigger must read the text (FTS5 needs the old
    // values) before it goes, so the trigger deletes it rather than a cascade of unspecified order. The open
    // items' promises (a rule scope's "has promise", two in a hundred time phrases) get a partial index, so
    // finding them reads no sentences.
    R"sql(
    CREATE INDEX deadlines_promises ON deadlines(item_id) WHERE promise = 1 AND in_decision = 0 AND past = 0;
    CREATE TABLE item_texts(item_id INTEGER PRIMARY KEY, body TEXT NOT NULL, decision TEXT NOT NULL);
    INSERT INTO item_texts(item_id, body, decision) SELECT id, body, decision FROM items;
    CREATE TABLE items_v12_copy AS SELECT id, meeting_id, number, title, closed, case_number, line FROM items;
    DROP TRIGGER links_dirty_items_update;
    DROP TRIGGER links_dirty_items_delete;
    DROP TRIGGER relink_pending_case_delete;
    DROP TRIGGER items_fts_delete;
    DROP TRIGGER flags_items_update;
    DROP TRIGGER flags_items_delete;
    DROP TABLE items_fts;
    DELETE FROM items;
    ALTER TABLE items DROP COLUMN body;
    ALTER TABLE items DROP COLUMN decision;
    INSERT INTO items(id, meeting_id, number, title, closed, case_number, line)
        SELECT id, meeting_id, number, title, closed, case_number, line FROM items_v12_copy ORDER BY id;
    DROP TABLE items_v12_copy;
    CREATE TRIGGER links_dirty_items_update AFTER UPDATE ON items
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER links_dirty_items_delete AFTER DELETE ON items
        WHEN EXISTS (SELECT 1 FROM meetings WHERE id = old.meeting_id)
        BEGIN UPDATE link_state SET dirty = 1 WHERE dirty = 0; END;
    CREATE TRIGGER relink_pending_case_delete AFTER DELETE ON items WHEN old.case_number <> ''
        BEGIN INSERT OR IGNORE INTO relink_pending_cases(case_number) VALUES(old.case_number); END;
    CREATE TRIGGER flags_items_update AFTER UPDATE ON items WHEN (SELECT complete FROM flag_state)
        BEGIN INSERT OR IGNORE INTO flags_pending(item_id) VALUES(new.id); END;
    CREATE TRIGGER flags_items_delete AFTER DELETE ON items BEGIN
        DELETE FROM flag_rows WHERE item_id = old.id;
        DELETE FROM flag_items WHERE item_id = old.id;
        DELETE FROM flag_keys WHERE item_id = old.id;
        DELETE FROM flags_pending WHERE item_id = old.id;
    END;
    CREATE VIEW items_fts_source AS
        SELECT i.id AS id, i.title AS title, t.body AS body, t.decision AS decision
        FROM items i JOIN item_texts t ON t.item_id = i.id;
    CREATE VIRTUAL TABLE items_fts USING fts5(title, body, decision, content = 'items_fts_source',
                                              content_rowid = 'id', tokenize = "unicode61 remove_diacritics 0");
    INSERT OR IGNORE INTO fts_pending(item_id) SELECT id FROM items;
    CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
        INSERT INTO items_fts(items_fts, rowid, title, body, decision)
        SELECT 'delete', old.id, old.title, t.body, t.decision FROM item_texts t
        WHERE t.item_id = old.id AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE item_id = old.id);
        DELETE FROM fts_pending WHERE item_id = old.id;
        DELETE FROM item_texts WHERE item_id = old.id;
    END;
    )sql",
    // 13: an item's plain time phrases (neither in its decision nor a promise; ~96 % of them) are packed into one
    // text beside its body instead of a deadlines row each (tracker/stored_deadlines.hpp); the step after this
    // script moves the stored ones.
    R"sql(
    ALTER TABLE item_texts ADD COLUMN time_phrases TEXT NOT NULL DEFAULT '';
    )sql",
    // 14: a kept flag row holds what a report only shows in one text, `fields` (flags/kept_fields.hpp:
    // text/length_prefixed.hpp's fields in kKeptFieldOrder); the key columns stay columns. A report read fourteen
    // columns per row, and decoding them was a third of a 100k-flag CSV report. The kept rows are carried over as
    // they are (a rebuild would cost a national store ~20 s): `length(CAST(x AS BLOB))` is the byte length
    // append_length_prefixed writes. A trigger names flag_rows, so the table is made again under its own name
    // rather than renamed into place.
    R"sql(
    CREATE TEMP TABLE kept_rows AS SELECT item_id, id, meeting_date, item_number, due, n,
        length(CAST(coalesce(rule, '') AS BLOB)) || ':' || coalesce(rule, '') ||
        length(CAST(coalesce(candidate_key, '') AS BLOB)) || ':' || coalesce(candidate_key, '') ||
        length(CAST(coalesce(committee, '') AS BLOB)) || ':' || coalesce(committee, '') ||
        length(CAST(coalesce(title, '') AS BLOB)) || ':' || coalesce(title, '') ||
        length(CAST(coalesce(case_number, '') AS BLOB)) || ':' || coalesce(case_number, '') ||
        length(CAST(coalesce(decision, '') AS BLOB)) || ':' || coalesce(decision, '') ||
        '1:' || (CASE WHEN coalesce(closed, 0) != 0 THEN '1' ELSE '0' END) ||
        length(CAST(coalesce(due_source, '') AS BLOB)) || ':' || coalesce(due_source, '') ||
        length(CAST(coalesce(source, '') AS BLOB)) || ':' || coalesce(source, '') AS fields
        FROM flag_rows;
    DROP TABLE flag_rows;
    CREATE TABLE flag_rows(
        item_id INTEGER,
        id TEXT NOT NULL,
        meeting_date TEXT NOT NULL,
        item_number INTEGER NOT NULL,
        due TEXT NOT NULL,
        n INTEGER NOT NULL,                   -- unique per row, so equal flags (a key twice) both stay
        fields TEXT,                          -- rule, candidate key, committee, title, case, decision, closed, ...
        -- Stored most overdue first (rules::most_overdue_first: as-of minus due, descending, is due ascending),
        -- so a report reads 100k rows in order, without a sort or a lookup per row.
        PRIMARY KEY(due, meeting_date, item_number, id, n)
    ) WITHOUT ROWID;
    INSERT INTO flag_rows(item_id, id, meeting_date, item_number, due, n, fields)
        SELECT item_id, id, meeting_date, item_number, due, n, fields FROM kept_rows;
    DROP TABLE kept_rows;
    CREATE INDEX flag_rows_by_item ON flag_rows(item_id);
    )sql",
};

// C++ steps that follow a migration's script in its transaction, by the version the script makes.
void after_migration(sqlite3* db, int version) {
    if (version == 5) rekey_committees(db);
    if (version == 13) pack_stored_time_phrases(db);
}
}  // namespace

int latest_schema_version() { return static_cast<int>(sizeof(migrations) / sizeof(migrations[0])); }

void migrate(sqlite3* db) { migrate_to(db, latest_schema_version()); }

void migrate_to(sqlite3* db, int target) {
    auto version = [db] {
        Statement v(db, "PRAGMA user_version");
        v.step();
        return static_cast<int>(v.integer(0));
    };
    if (version() >= target && version() <= latest_schema_version()) return;  // the common case takes no write lock
    // Rebuilding a table (schema 5) drops the old one: with foreign keys on, that would first delete every row
    // that refers to it. The switch is a no-op inside a transaction, so it is made here; the keys are checked
    // before the commit instead.
    const ForeignKeysOff keys_off(db);
    // Read the version again under the write lock: two processes opening a new database at once must not
    // both run the same migration.
    Transaction tx(db);
    int current = version();
    if (current > latest_schema_version())
        throw StoreError("the database was written by a newer opfolg (schema " + std::to_string(current) + ")");
    for (int v = current; v < target; ++v) {
        exec(db, migrations[v]);
        after_migration(db, v + 1);
        exec(db, ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    }
    Statement broken(db, "PRAGMA foreign_key_check");
    if (broken.step())
        throw StoreError("schema migration left a broken reference in table " + broken.text(0) + "; nothing changed");
    broken.reset();
    tx.commit();
}

}  // namespace opfolg::tracker
