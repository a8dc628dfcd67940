// Schema 13: an item's plain time phrases are packed beside its text, the rest stay deadlines rows; read back
// together they are the item's deadlines in the order found, and a schema-12 store migrates to that.
#include "fixture_minutes.hpp"
#include "fixture_store.hpp"
#include "grammar/dates.hpp"
#include "tracker/queries.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/store.hpp"
#include "tracker/stored_deadlines.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

namespace {
Deadline deadline(std::string phrase, std::string sentence, dates::Precision precision, const char* first,
                  const char* last, bool in_decision, bool promise, bool past, int line) {
    Deadline d;
    d.phrase.phrase = std::move(phrase);
    d.phrase.sentence = std::move(sentence);
    d.phrase.precision = precision;
    d.phrase.next_meeting = first == nullptr;
    if (first) {
        dates::parse_iso(first, d.phrase.first);
        dates::parse_iso(last, d.phrase.last);
    }
    d.phrase.past = past;
    d.in_decision = in_decision;
    d.promise = promise;
    if (promise) d.promise_verb = "forelægges";
    d.line = line;
    return d;
}

std::string describe(const Deadline& d) {
    const auto& p = d.phrase;
    return p.phrase + "|" + p.sentence + "|" + dates::to_string(p.precision) + "|" +
           (p.next_meeting ? "next" : dates::iso(p.first) + ".." + dates::iso(p.last)) + "|" +
           (d.in_decision ? "D" : "") + (d.promise ? "P:" + d.promise_verb : "") + (p.past ? "past" : "") + "|" +
           std::to_string(d.line);
}

std::vector<std::string> describe(const std::vector<Deadline>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(describe(d));
    return out;
}

// An item's deadlines as found: decision first, then the text's, plain and promised mixed.
std::vector<Deadline> found_in_one_item() {
    using P = dates::Precision;
    return {deadline("i 2. kvartal 2024", "Sagen forelægges i 2. kvartal 2024.", P::quarter, "2024-04-01",
                     "2024-06-30", true, false, false, 12),
            deadline("den 5. marts 2024", "Mødet blev holdt den 5. marts 2024.", P::day, "2024-03-05", "2024-03-05",
                     false, false, true, 8),
            deadline("i 4. kvartal 2024", "En status forelægges i 4. kvartal 2024.", P::quarter, "2024-10-01",
                     "2024-12-31", false, true, false, 9),
            deadline("til næste møde", "Sagen tages op til næste møde.", P::next_meeting, nullptr, nullptr, false,
                     false, false, 9),
            deadline("i 2025", "Byggeriet\x1f slutter\x1e i 2025.", P::year, "2025-01-01", "2025-12-31", false, false,
                     false, 10)};
}
}  // namespace

TEST_CASE("plain time phrases pack and unpack with every field and their places", "[tracker][deadlines]") {
    const auto found = found_in_one_item();
    CHECK(pack_plain_time_phrases({}).empty());
    const std::string packed = pack_plain_time_phrases(found);
    const auto plain = unpack_time_phrases(packed);
    REQUIRE(plain.size() == 3);
    CHECK(plain[0].ordinal == 1);
    CHECK(plain[1].ordinal == 3);
    CHECK(plain[2].ordinal == 4);
    CHECK(describe(plain[0].deadline) == describe(found[1]));
    CHECK(describe(plain[1].deadline) == describe(found[3]));
    // The separators cannot stand in a field: a stray one (the reader removes them) becomes a space.
    CHECK(plain[2].deadline.phrase.sentence == "Byggeriet  slutter  i 2025.");

    std::vector<Deadline> rows{found[0], found[2]};
    CHECK(describe(merge_time_phrases(rows, plain)) ==
          describe(std::vector<Deadline>{found[0], found[1], found[2], found[3],
                                         unpack_time_phrases(packed)[2].deadline}));
    // Only rows, only packed ones, and a packed place beyond the rows (rows deleted by hand) at the end.
    CHECK(describe(merge_time_phrases(rows, {})) == describe(rows));
    CHECK(merge_time_phrases({}, plain).size() == 3);
    auto far = plain;
    far[0].ordinal = 40;
    CHECK(merge_time_phrases(rows, far).back().phrase.phrase == "den 5. marts 2024");
}

TEST_CASE("a malformed packed text is a store error, not a crash", "[tracker][deadlines]") {
    CHECK_THROWS_AS(unpack_time_phrases("1\x1f" "2"), StoreError);
    CHECK_THROWS_AS(unpack_time_phrases("x\x1f" "8\x1f" "day\x1f\x1f\x1f" "00\x1fp\x1fs"), StoreError);
    CHECK_THROWS_AS(unpack_time_phrases("1\x1f" "8\x1f" "day\x1f\x1f\x1f" "0\x1fp\x1fs"), StoreError);
    CHECK(unpack_time_phrases("").empty());
}

TEST_CASE("a schema-12 store migrates to 13: plain deadlines rows become the packed text, nothing else changes",
          "[tracker][deadlines][migration]") {
    const auto found = found_in_one_item();
    fixture::TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        exec(db, "PRAGMA foreign_keys = ON");
        migrate_to(db, 12);
        exec(db, R"sql(
            INSERT INTO committees(id, name, key) VALUES(1, 'Teknik- og Miljøudvalget', 'teknik- og miljøudvalget');
            INSERT INTO documents(id, path, sha256, size, rendering, encoding, ingested_at)
                VALUES(1, 'a.txt', 'aaaa', 10, 'plain', 'utf-8', '2024-01-01T00:00:00Z');
            INSERT INTO meetings(id, document_id, committee_id, committee_name, date, time, place, kind, line)
                VALUES(1, 1, 1, 'Teknik- og Miljøudvalget', '2024-03-12', '16:00', 'Rådhuset', 'REFERAT', 2);
            INSERT INTO items(id, meeting_id, number, title, closed, case_number, line)
                VALUES(1, 1, 1, 'Vejplan', 0, '05.01.00-A00-1-24', 7),
                      (2, 1, 2, 'Budget', 0, '00.30.00-S00-1-24', 20);
            INSERT INTO item_texts(item_id, body, decision) VALUES(1, 'Notat.', 'Godkendt.'), (2, 'Notat.', '');
            UPDATE flag_state SET complete = 1;
            INSERT INTO flags_pending(item_id) VALUES(2);
        )sql");
        {  // finalized before the close: an open statement keeps the connection (and its memory) alive
            Statement insert(db, std::string("INSERT INTO deadlines(item_id, ") + kDeadlineColumns +
                                     ") VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            auto add = [&](std::int64_t item, const Deadline& d) {
                const auto& p = d.phrase;
                insert.bind(1, item).bind(2, d.in_decision).bind(3, d.promise).bind(4, d.promise_verb)
                    .bind(5, p.phrase).bind(6, p.sentence).bind(7, dates::to_string(p.precision));
                if (p.next_meeting) insert.bind_null(8).bind_null(9);
                else insert.bind(8, dates::iso(p.first)).bind(9, dates::iso(p.last));
                insert.bind(10, p.next_meeting).bind(11, p.past).bind(12, d.line).run();
            };
            for (const auto& d : found) add(1, d);
            add(2, found[1]);  // an item with a plain phrase only
        }
        sqlite3_close(db);
    }
    Store store(dir.db());
    REQUIRE(store.schema_version() == latest_schema_version());
    auto one = [&](const std::string& sql) { return fixture::one(store, sql); };
    CHECK(one("SELECT COUNT(*) FROM deadlines") == "2");
    CHECK(one("SELECT COUNT(*) FROM deadlines WHERE in_decision = 0 AND promise = 0") == "0");
    CHECK(one("SELECT group_concat(item_id) FROM flags_pending") == "2");  // as before: no refresh of item 1
    CHECK(one("SELECT time_phrases FROM item_texts WHERE item_id = 1") == pack_plain_time_phrases(found));
    CHECK(one("SELECT time_phrases FROM item_texts WHERE item_id = 2") == pack_plain_time_phrases({found[1]}));

    // The case timeline lists every phrase by line, in the order found on a line.
    const auto timeline = case_timeline(store, "05.01.00-A00-1-24");
    REQUIRE(timeline.size() == 1);
    std::vector<std::string> listed;
    for (const auto& d : timeline[0].deadlines)
        listed.push_back(d.phrase + "|" + d.last.value_or("-") + "|" + std::to_string(d.line) +
                         (d.promise ? " promise" : "") + (d.in_decision ? " decision" : "") + (d.past ? " past" : ""));
    CHECK(listed == std::vector<std::string>{"den 5. marts 2024|2024-03-05|8 past",
                                             "i 4. kvartal 2024|2024-12-31|9 promise", "til næste møde|-|9",
                                             "i 2025|2025-12-31|10", "i 2. kvartal 2024|2024-06-30|12 decision"});
}
