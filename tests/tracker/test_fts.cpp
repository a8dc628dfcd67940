// The full-text index reads its text from items (schema 4, external content): replacing a document leaves no
// stale words, FTS5's own integrity check holds, and a schema-3 store migrates with the same search results.
#include "fixture_minutes.hpp"
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
    // The index holds no copy of the text: its content comes from items.
    CHECK_THROWS(exec(store.handle(), "SELECT 1 FROM items_fts_content"));
}

TEST_CASE("a schema-3 store (index with its own copy) migrates to the same search results", "[tracker][fts][store]") {
    fixture::TempDir dir;
    std::vector<std::string> before;
    {
        Store store(dir.db());
        Committees committees(store);
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(minutes("Udsættes", "Vinterberedskab på vejene"), "a.txt").status ==
                IngestResult::Status::stored);
        before = hits(store, "vinterberedskab");
        REQUIRE(before.size() == 1);
        // Back to schema 3: the index keeps its own copy and items has no decision column.
        exec(store.handle(), fixture::undo_schema_11_sql);
        exec(store.handle(), fixture::undo_schema_10_sql);
        exec(store.handle(), fixture::undo_schema_9_sql);
        exec(store.handle(), fixture::undo_schema_8_sql);
        exec(store.handle(), fixture::undo_schema_7_sql);
        exec(store.handle(), fixture::undo_schema_6_sql);
        exec(store.handle(), fixture::undo_schema_5_sql);
        exec(store.handle(), fixture::undo_schema_4_sql);
        exec(store.handle(), "PRAGMA user_version = 3");
    }
    Store store(dir.db());
    CHECK(store.schema_version() == latest_schema_version());
    CHECK(hits(store, "vinterberedskab") == before);
    CHECK(hits(store, "udsættes").size() == 1);  // the decision text came over from the old index
    integrity_ok(store);
}
