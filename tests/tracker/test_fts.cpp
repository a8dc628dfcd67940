// The full-text index reads its text from the items' texts (external content, schema 4; through a view of
// items and item_texts since schema 12): replacing a document leaves no stale words, FTS5's own integrity check
// holds, and schema-3 and schema-11 stores migrate with the same search results.
#include "fixture_minutes.hpp"
#include "fixture_store.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/queries.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

namespace {
std::string minutes(const std::string& decision_of_item_1, const std::string& title_of_item_2) {
    return fixture::minutes("Teknisk Udvalg", "10-01-2024",
                            {{1, "Cykelsti langs Åvej", "01.02.03-P20-1-24", decision_of_item_1, {}, {}},
                             {2, title_of_item_2, "00.30.00-S00-2-24", "Godkendt", {}, {}}});
}

std::vector<std::string> hits(Store& store, const std::string& words) {
    std::vector<std::string> out;
    for (const auto& h : search_items(store, words)) out.push_back(h.item.title + " | " + h.snippet);
    return out;
}

// Stores one document at the latest schema, then takes the store back to schema `version` with `undo` (the
// newest step first), as a store written by an older opfolg looks. Returns the hits for "vinterberedskab" before.
std::vector<std::string> store_at_older_schema(const std::string& db, const std::vector<const char*>& undo,
                                               int version) {
    Store store(db);
    Committees committees(store);
    Ingestor ingestor(store, committees);
    REQUIRE(ingestor.ingest_bytes(minutes("Udsættes", "Vinterberedskab på vejene"), "a.txt").status ==
            IngestResult::Status::stored);
    auto before = hits(store, "vinterberedskab");
    REQUIRE(before.size() == 1);
    for (const char* step : undo) exec(store.handle(), step);
    exec(store.handle(), ("PRAGMA user_version = " + std::to_string(version)).c_str());
    return before;
}

void integrity_ok(Store& store) {
    // Raises an error (a StoreError here) when the index and items disagree.
    CHECK_NOTHROW(exec(store.handle(), "INSERT INTO items_fts(items_fts) VALUES('integrity-check')"));
}
}  // namespace

TEST_CASE("a replaced document leaves no stale words in the full-text index", "[tracker][fts]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    REQUIRE(ingestor.ingest_bytes(minutes("Udsættes", "Vinterberedskab på vejene"), "a.txt").status ==
            IngestResult::Status::stored);
    CHECK(hits(store, "vinterberedskab").size() == 1);
    CHECK(hits(store, "udsættes").size() == 1);  // the decision is indexed too
    integrity_ok(store);

    auto r = ingestor.ingest_bytes(minutes("Godkendt med bemærkninger", "Saltlager ved genbrugspladsen"), "a2.txt");
    REQUIRE(r.status == IngestResult::Status::replaced);
    CHECK(hits(store, "vinterberedskab").empty());
    CHECK(hits(store, "udsættes").empty());
    CHECK(hits(store, "saltlager").size() == 1);
    CHECK(hits(store, "bemærkninger").size() == 1);
    integrity_ok(store);
    // The replaced items' texts went with them (no foreign key: the delete trigger removes them).
    CHECK(fixture::one(store, "SELECT count(*) FROM item_texts") == "2");
    // The index holds no copy of the text: its content comes from items.
    CHECK_THROWS(exec(store.handle(), "SELECT 1 FROM items_fts_content"));
}

TEST_CASE("a schema-3 store (index with its own copy) migrates to the same search results", "[tracker][fts][store]") {
    fixture::TempDir dir;
    // Back to schema 3: the index keeps its own copy and items has no decision column.
    const auto before = store_at_older_schema(
        dir.db(),
        {fixture::undo_schema_14_sql, fixture::undo_schema_12_sql, fixture::undo_schema_11_sql,
         fixture::undo_schema_10_sql, fixture::undo_schema_9_sql, fixture::undo_schema_8_sql,
         fixture::undo_schema_7_sql, fixture::undo_schema_6_sql, fixture::undo_schema_5_sql, fixture::undo_schema_4_sql},
        3);
    Store store(dir.db());
    CHECK(store.schema_version() == latest_schema_version());
    CHECK(hits(store, "vinterberedskab") == before);
    CHECK(hits(store, "udsættes").size() == 1);  // the decision text came over from the old index
    integrity_ok(store);
}

TEST_CASE("a schema-11 store moves item texts to their own table and searches and replaces as before",
          "[tracker][fts][store]") {
    fixture::TempDir dir;
    // Body and decision in items, as schema 11 kept them; links current (the undo's UPDATE marked them dirty).
    const auto before = store_at_older_schema(
        dir.db(),
        {fixture::undo_schema_14_sql, fixture::undo_schema_12_sql, "UPDATE link_state SET dirty = 0, threshold = 0.5"},
        11);
    Store store(dir.db());
    REQUIRE(store.schema_version() == latest_schema_version());
    // Every item's text came over, and none is left in items.
    CHECK(fixture::one(store, "SELECT count(*) FROM items") == "2");
    CHECK(fixture::one(store, "SELECT count(*) FROM item_texts t JOIN items i ON i.id = t.item_id") == "2");
    CHECK(fixture::one(store, "SELECT decision FROM item_texts WHERE decision LIKE 'Uds%'") == "Udsættes");
    CHECK_THROWS(exec(store.handle(), "SELECT body FROM items"));
    // Emptying and refilling items fired none of its triggers: the links are still current.
    CHECK(fixture::one(store, "SELECT dirty FROM link_state") == "0");
    CHECK(fixture::one(store, "SELECT count(*) FROM relink_pending_cases") == "0");
    CHECK(hits(store, "vinterberedskab") == before);  // indexed again from the new table
    CHECK(hits(store, "udsættes").size() == 1);
    integrity_ok(store);

    // A replacement after the migration takes the old words out of the index and the old texts out of the store.
    Committees committees(store);
    Ingestor ingestor(store, committees);
    REQUIRE(ingestor.ingest_bytes(minutes("Godkendt", "Saltlager ved genbrugspladsen"), "a2.txt").status ==
            IngestResult::Status::replaced);
    CHECK(hits(store, "vinterberedskab").empty());
    CHECK(hits(store, "udsættes").empty());
    CHECK(hits(store, "saltlager").size() == 1);
    CHECK(fixture::one(store, "SELECT count(*) FROM item_texts WHERE item_id NOT IN (SELECT id FROM items)") == "0");
    CHECK(fixture::one(store, "SELECT count(*) FROM item_texts") == "2");
    integrity_ok(store);
}
