// RowBatch: rows gathered and inserted many to a statement, in the order added, whatever their number.
#include "tracker/row_batch.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace opfolg::tracker;

namespace {
struct Table {
    sqlite3* db = nullptr;
    Table() {
        sqlite3_open(":memory:", &db);
        exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, n INTEGER NOT NULL, s TEXT NOT NULL, maybe TEXT)");
    }
    ~Table() { sqlite3_close(db); }
    std::string rows() {
        std::string out;
        Statement s(db, "SELECT n, s, COALESCE(maybe, 'NULL') FROM t ORDER BY id");
        while (s.step()) out += std::to_string(s.integer(0)) + ":" + s.text(1) + ":" + s.text(2) + ";";
        return out;
    }
};
}  // namespace

TEST_CASE("a row batch inserts every row added, in order, across its statement sizes", "[tracker][row_batch]") {
    // Every count up to past two full statements: full statements, then the rest by powers of two.
    for (std::size_t count = 0; count <= 2 * RowBatch::kMaxRows + 3; ++count) {
        Table table;
        RowBatch batch(table.db, "t(n, s, maybe)", 3);
        std::string expected;
        std::string borrowed = "view";  // add_view's text stays until the flush
        for (std::size_t k = 0; k < count; ++k) {
            batch.add(static_cast<std::int64_t>(k));
            if (k % 2) batch.add_view(borrowed);
            else batch.add_copy("copy" + std::to_string(k));  // a temporary: the batch keeps it
            if (k % 3 == 0) batch.add_null();
            else batch.add(static_cast<int>(k) * 10);
            expected += std::to_string(k) + ":" + (k % 2 ? std::string("view") : "copy" + std::to_string(k)) + ":" +
                        (k % 3 == 0 ? std::string("NULL") : std::to_string(k * 10)) + ";";
        }
        CAPTURE(count);
        CHECK(batch.rows() == count);
        batch.flush();
        CHECK(batch.rows() == 0);
        CHECK(table.rows() == expected);
        batch.flush();  // nothing left to insert
        CHECK(table.rows() == expected);
    }
}

TEST_CASE("a row batch that fails part-way throws and is empty afterwards", "[tracker][row_batch]") {
    Table table;
    RowBatch batch(table.db, "t(n, s, maybe)", 3);
    for (int k = 0; k < 40; ++k) {
        batch.add(k);
        if (k == 35) batch.add_null();  // s is NOT NULL
        else batch.add_copy("x");
        batch.add_null();
    }
    exec(table.db, "BEGIN");
    CHECK_THROWS_AS(batch.flush(), StoreError);
    CHECK(batch.rows() == 0);
    exec(table.db, "ROLLBACK");  // what the ingest does with a document that fails
    CHECK(table.rows().empty());
    batch.add(7).add_copy("y").add_null();  // the next document's rows go in as usual
    batch.flush();
    CHECK(table.rows() == "7:y:NULL;");
}

TEST_CASE("a row batch with OR IGNORE keeps the first of two equal keys, also within one statement",
          "[tracker][row_batch]") {
    // flags::refresh adds a candidate's key and its plain key, which can be one key twice.
    Table table;  // closed after the batch and the statement below are gone
    sqlite3* db = table.db;
    exec(db, "CREATE TABLE k(key TEXT NOT NULL, item INTEGER NOT NULL, note TEXT, PRIMARY KEY(key, item)) WITHOUT ROWID");
    RowBatch batch(db, "k(key, item, note)", 3, "INSERT OR IGNORE");
    for (int round = 0; round < 2; ++round)
        for (int k = 0; k < 20; ++k) batch.add_copy("key" + std::to_string(k % 7)).add(k % 3).add(round);
    batch.flush();  // 40 rows: 32 in one statement, then 8
    Statement count(db, "SELECT COUNT(*), SUM(note) FROM k");
    REQUIRE(count.step());
    CHECK(count.integer(0) == 20);  // (k mod 7, k mod 3) takes 20 distinct values for k = 0 .. 19
    CHECK(count.integer(1) == 0);   // every kept row is the first one added (round 0)
}
