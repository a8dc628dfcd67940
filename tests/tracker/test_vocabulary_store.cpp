// Stored classes follow the vocabulary (schema 6): a schema-5 store migrates with its classes marked stale,
// reclassifying from the stored texts fills in the phrases behind each class, and a changed vocabulary changes
// the stored classes without touching the links.
#include "fixture_minutes.hpp"
#include "fixture_store.hpp"
#include "grammar/decision.hpp"
#include "candidate/candidate.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/reclassify.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;
using fixture::one;

namespace {
date::year_month_day day(const char* iso) {
    date::year_month_day d{};
    REQUIRE(dates::parse_date(iso, d));
    return d;
}
}  // namespace

TEST_CASE("a schema-5 store migrates to 6: classes kept, marked stale, reclassified from the stored text",
          "[tracker][vocabulary][migration]") {
    fixture::TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        exec(db, "PRAGMA foreign_keys = ON");
        migrate_to(db, 5);
        exec(db, R"sql(
            INSERT INTO committees(id, name, key) VALUES(1, 'Teknik- og Miljøudvalget', 'teknik- og miljøudvalget');
            INSERT INTO documents(id, path, sha256, size, rendering, encoding, ingested_at)
                VALUES(1, 'a.txt', 'aaaa', 10, 'plain', 'utf-8', '2024-01-01T00:00:00Z');
            INSERT INTO meetings(id, document_id, committee_id, committee_name, date, time, place, kind, line)
                VALUES(1, 1, 1, 'Teknik- og Miljøudvalget', '2024-01-10', '16:00', 'Rådhuset', 'REFERAT', 2);
            INSERT INTO items(id, meeting_id, number, title, closed, case_number, body, line, decision)
                VALUES(1, 1, 1, 'Vejplan', 0, '05.01.00-A00-1-24', 'Notat.', 10, 'Sagen genoptages på næste møde.'),
                      (2, 1, 2, 'Budget', 0, '00.30.00-A00-1-24', 'Notat.', 20, 'Godkendt.');
            INSERT INTO decisions(item_id, origin, date, committee_id, committee_name, text, classes, remarks, line)
                VALUES(1, 'minutes', '2024-01-10', 1, 'Teknik- og Miljøudvalget', 'Sagen genoptages på næste møde.',
                       'postponed', '', 12),
                      (2, 'minutes', '2024-01-10', 1, 'Teknik- og Miljøudvalget', 'Godkendt.', 'approved', '', 22);
            UPDATE link_state SET dirty = 0;
        )sql");
        sqlite3_close(db);
    }
    Store store(dir.db());
    REQUIRE(store.schema_version() == latest_schema_version());  // 6 and every later step
    CHECK(one(store, "SELECT classes FROM decisions WHERE item_id = 1") == "postponed");
    CHECK(one(store, "SELECT matched FROM decisions WHERE item_id = 1").empty());
    const Vocabulary& standard = default_vocabulary();  // the default rules' (installed by the test runner)
    CHECK_FALSE(classes_current(store, standard));

    auto r = reclassify_if_stale(store, standard, "default.rules");
    CHECK(r.stale);
    CHECK(r.decisions == 2);
    CHECK(r.changed == 0);  // the default vocabulary is the compiled table it replaced
    CHECK(classes_current(store, standard));
    auto matched = decode_matches(one(store, "SELECT matched FROM decisions WHERE item_id = 1"));
    REQUIRE(matched.size() == 1);
    CHECK(matched[0].decision_class == DecisionClass::postponed);
    CHECK(matched[0].phrase == "sagen genoptages på næste møde");
    CHECK(matched[0].file.find("default.rules") != std::string::npos);
    CHECK(matched[0].line > 0);
    CHECK_FALSE(reclassify_if_stale(store, standard, "default.rules").stale);  // current: nothing written

    // The candidates carry the phrase, for explain.
    auto candidates = load_candidates(store, day("2024-12-31"));
    REQUIRE(candidates.size() == 2);
    REQUIRE(candidates[0].decision.matched.size() == 1);
    CHECK(candidates[0].decision.matched[0].phrase == "sagen genoptages på næste møde");
}

TEST_CASE("another vocabulary reclassifies the stored decisions, and the links stay clean",
          "[tracker][vocabulary]") {
    fixture::TempDir dir;
    Store store(dir.db());
    reclassify_if_stale(store, default_vocabulary(), "default.rules");
    Committees committees(store);
    Ingestor ingestor(store, committees);
    REQUIRE(ingestor.ingest_bytes(fixture::minutes("Skoleudvalget", "10-01-2024", {{1, "Skolestruktur", "", "Afventer nyt oplæg."}}), "a.txt").status ==
            IngestResult::Status::stored);
    ingestor.flush_stamps();
    relink_if_changed(store, default_title_threshold);
    CHECK(one(store, "SELECT classes FROM decisions") == "none");

    Vocabulary town = default_vocabulary();
    town.add("afventer", DecisionClass::postponed, "town.rules", 7);
    CHECK_FALSE(classes_current(store, town));
    auto r = reclassify_if_stale(store, town, "town.rules");
    CHECK(r.changed == 1);
    CHECK(one(store, "SELECT classes FROM decisions") == "postponed");
    CHECK(one(store, "SELECT matched FROM decisions") == "postponed\tafventer\ttown.rules\t7");
    CHECK(one(store, "SELECT files FROM vocabulary_state") == "town.rules");
    CHECK(one(store, "SELECT dirty FROM link_state") == "0");  // classes are not what links are made of
}
