// Link reasons are stored by name (schema 7): a schema-6 store, whose links say 1/2/3, migrates with every link
// kept (items, evidence, line), the reason now its name, the counts and treatments as before and the links
// still current (no relink needed).
#include "fixture_minutes.hpp"
#include "candidate/candidate.hpp"
#include "candidate/link_reason.hpp"
#include "tracker/linker.hpp"
#include "tracker/queries.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

TEST_CASE("each link reason has one name, read back as itself", "[tracker][links]") {
    for (LinkReason r : {LinkReason::none, LinkReason::reference, LinkReason::history, LinkReason::case_number}) {
        LinkReason back = LinkReason::none;
        CHECK(link_reason_from_string(to_string(r), back));
        CHECK(back == r);
    }
    CHECK(std::string(to_string(LinkReason::case_number)) == "case_number");
    CHECK(number(LinkReason::history) == 2);
    LinkReason untouched = LinkReason::history;
    CHECK_FALSE(link_reason_from_string("3", untouched));
    CHECK(untouched == LinkReason::history);
}

TEST_CASE("a schema-6 store migrates to 7: its links keep their rows, the reason becomes its name",
          "[tracker][links][migration]") {
    fixture::TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        exec(db, "PRAGMA foreign_keys = ON");
        migrate_to(db, 6);
        exec(db, R"sql(
            INSERT INTO committees(id, name, key) VALUES(1, 'Teknik- og Miljøudvalget', 'teknik- og miljøudvalget');
            INSERT INTO documents(id, path, sha256, size, rendering, encoding, ingested_at)
                VALUES(1, 'a.txt', 'aaaa', 10, 'plain', 'utf-8', '2024-01-01T00:00:00Z'),
                      (2, 'b.txt', 'bbbb', 10, 'plain', 'utf-8', '2024-01-01T00:00:00Z');
            INSERT INTO meetings(id, document_id, committee_id, committee_name, date, time, place, kind, line)
                VALUES(1, 1, 1, 'Teknik- og Miljøudvalget', '2024-01-10', '16:00', 'Rådhuset', 'REFERAT', 2),
                      (2, 2, 1, 'Teknik- og Miljøudvalget', '2024-02-14', '16:00', 'Rådhuset', 'REFERAT', 2);
            INSERT INTO items(id, meeting_id, number, title, closed, case_number, body, line, decision)
                VALUES(1, 1, 1, 'Vejplan', 0, '05.01.00-A00-1-24', 'Notat.', 10, 'Sagen genoptages på næste møde.'),
                      (2, 2, 3, 'Vejplan', 0, '05.01.00-A00-1-24', 'Notat.', 30, 'Godkendt.');
            INSERT INTO decisions(item_id, origin, date, committee_id, committee_name, text, classes, remarks, line)
                VALUES(1, 'minutes', '2024-01-10', 1, 'Teknik- og Miljøudvalget', 'Sagen genoptages på næste møde.',
                       'postponed', '', 12),
                      (2, 'minutes', '2024-02-14', 1, 'Teknik- og Miljøudvalget', 'Godkendt.', 'approved', '', 32);
            INSERT INTO links(later_item_id, earlier_item_id, reason, evidence, line)
                VALUES(2, 1, 1, 'Teknik- og Miljøudvalget den 10. januar 2024 Punkt 1', 25),
                      (2, 1, 2, '10.01.2024 Teknik- og Miljøudvalget', 27),
                      (2, 1, 3, 'case number 05.01.00-A00-1-24, title similarity 1.00', 0);
            DELETE FROM relink_pending;
            UPDATE link_state SET dirty = 0, threshold = 0.5;
        )sql");
        sqlite3_close(db);
    }
    Store store(dir.db());
    REQUIRE(store.schema_version() == latest_schema_version());  // 7 and every later step
    {
        Statement q(store.handle(), "SELECT reason, evidence, line FROM links ORDER BY line DESC");
        std::vector<std::string> rows;
        while (q.step()) rows.push_back(q.text(0) + "|" + q.text(1) + "|" + std::to_string(q.integer(2)));
        CHECK(rows == std::vector<std::string>{"history|10.01.2024 Teknik- og Miljøudvalget|27",
                                               "reference|Teknik- og Miljøudvalget den 10. januar 2024 Punkt 1|25",
                                               "case_number|case number 05.01.00-A00-1-24, title similarity 1.00|0"});
    }
    CHECK_THROWS(exec(store.handle(), "INSERT INTO links(later_item_id, earlier_item_id, reason, evidence, line) "
                                      "VALUES(2, 1, 'same committee', '', 0)"));

    LinkStats counts = link_counts(store);
    CHECK(counts.by_reference == 1);
    CHECK(counts.by_history == 1);
    CHECK(counts.by_case_number == 1);
    Relinked how = Relinked::all;
    relink_if_changed(store, 0.5, &how);
    CHECK(how == Relinked::no);  // the rebuilt table is what the linker computed: nothing to redo

    date::year_month_day as_of{};
    REQUIRE(dates::parse_date("2024-12-31", as_of));
    auto candidates = load_candidates(store, as_of);
    REQUIRE(candidates.size() == 2);
    std::vector<LinkReason> reasons;
    for (const auto& t : candidates[0].later)
        if (t.accepted) reasons.push_back(t.reason);
    CHECK(reasons == std::vector<LinkReason>{LinkReason::reference, LinkReason::history, LinkReason::case_number});

    // The case timeline lists them in the order of the numbers, as `opfolg case` did.
    auto timeline = case_timeline(store, "05.01.00-A00-1-24");
    REQUIRE(timeline.size() == 2);
    REQUIRE(timeline[0].links.size() == 3);
    CHECK(timeline[0].links[0].reason == LinkReason::reference);
    CHECK(timeline[0].links[0].direction == CaseLink::Direction::treated_later_by);
    CHECK(timeline[0].links[0].item_number == 3);
    CHECK(timeline[0].links[2].reason == LinkReason::case_number);
    REQUIRE(timeline[1].links.size() == 3);
    CHECK(timeline[1].links[1].direction == CaseLink::Direction::treats_earlier);
    CHECK(timeline[1].links[1].evidence == "10.01.2024 Teknik- og Miljøudvalget");
}
