// flags/kept_fields: what a kept flag row shows, in one text (schema 14), and the migration that packs the
// columns of a schema-13 store into it.
#include "tracker/fixture_minutes.hpp"
#include "tracker/fixture_store.hpp"
#include "flags/kept_fields.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/store.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;

namespace {
rules::Flag shown_flag() {
    rules::Flag f;
    f.rule = "postponed-not-resumed";
    f.candidate_key = "Børne- og Skoleudvalget|2024-03-12|4";
    f.committee = "Børne- og Skoleudvalget";
    f.title = "Skolestruktur: 3 forslag";  // a colon and digits in a field
    f.case_number = "";
    f.decision = "Udsættes.\r\nSagen genoptages";
    f.closed = true;
    f.due_source = "decision: \"til næste møde\" (line 67)";
    f.source = "referater/2024-03-12.txt:67";
    return f;
}
}  // namespace

TEST_CASE("kept fields: read back as written, into a Flag that keeps its buffers", "[flags][kept]") {
    const rules::Flag f = shown_flag();
    std::string fields;
    flags::append_kept_fields(fields, f);
    rules::Flag back;
    back.title = "an earlier row's longer title, left behind by nothing";
    std::string_view rule;
    flags::read_kept_fields(fields, back, rule);
    CHECK(rule == f.rule);
    CHECK(back.candidate_key == f.candidate_key);
    CHECK(back.committee == f.committee);
    CHECK(back.title == f.title);
    CHECK(back.case_number == f.case_number);
    CHECK(back.decision == f.decision);
    CHECK(back.closed);
    CHECK(back.due_source == f.due_source);
    CHECK(back.source == f.source);
}

TEST_CASE("kept fields: a text not written by append_kept_fields is a store error", "[flags][kept]") {
    std::string fields;
    flags::append_kept_fields(fields, shown_flag());
    rules::Flag f;
    std::string_view rule;
    CHECK_THROWS_AS(flags::read_kept_fields(fields.substr(0, fields.size() - 1), f, rule), tracker::StoreError);
    CHECK_THROWS_AS(flags::read_kept_fields(fields + "0:", f, rule), tracker::StoreError);  // a tenth field
    CHECK_THROWS_AS(flags::read_kept_fields("", f, rule), tracker::StoreError);
    std::string bad_closed;  // closed must be "0" or "1"
    for (std::string_view v : {"r", "k", "c", "t", "", "d", "x", "ds", "s"}) text::append_length_prefixed(bad_closed, v);
    CHECK_THROWS_AS(flags::read_kept_fields(bad_closed, f, rule), tracker::StoreError);
}

TEST_CASE("a schema-13 store migrates to 14: each kept row's shown columns become the one text, byte for byte",
          "[flags][kept][migration]") {
    const rules::Flag f = shown_flag();
    fixture::TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        tracker::migrate_to(db, 13);
        {
            tracker::Statement insert(db, "INSERT INTO flag_rows(item_id, id, rule, candidate_key, committee, "
                                          "meeting_date, item_number, title, case_number, decision, closed, due, "
                                          "due_source, source, n) VALUES(7, 'abc', ?, ?, ?, '2024-03-12', 4, ?, ?, ?, "
                                          "?, '2024-04-09', ?, ?, 458753)");
            insert.bind(1, f.rule).bind(2, f.candidate_key).bind(3, f.committee).bind(4, f.title);
            insert.bind(5, f.case_number).bind(6, f.decision).bind(7, std::int64_t{1}).bind(8, f.due_source);
            insert.bind(9, f.source).run();
            // A row with NULLs where the columns allowed them reads back as empty fields, not open.
            tracker::exec(db, "INSERT INTO flag_rows(item_id, id, meeting_date, item_number, due, n) "
                              "VALUES(8, 'def', '2024-03-12', 5, '2024-04-09', 524289)");
        }
        sqlite3_close(db);
    }
    tracker::Store store(dir.db());
    REQUIRE(store.schema_version() == 14);
    std::string expected;
    flags::append_kept_fields(expected, f);
    CHECK(fixture::one(store, "SELECT fields FROM flag_rows WHERE id = 'abc'") == expected);
    CHECK(fixture::one(store, "SELECT item_id || ' ' || meeting_date || ' ' || item_number || ' ' || due || ' ' || n "
                              "FROM flag_rows WHERE id = 'abc'") == "7 2024-03-12 4 2024-04-09 458753");
    rules::Flag empty;
    std::string_view rule;
    const std::string nulls = fixture::one(store, "SELECT fields FROM flag_rows WHERE id = 'def'");
    flags::read_kept_fields(nulls, empty, rule);
    CHECK(rule.empty());
    CHECK(empty.title.empty());
    CHECK_FALSE(empty.closed);
    CHECK(fixture::one(store, "SELECT count(*) FROM sqlite_master WHERE name = 'flag_rows_by_item'") == "1");
}
