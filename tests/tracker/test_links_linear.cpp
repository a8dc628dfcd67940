// Links grow with the items, not their square (issue 13): a case number links each item to its nearest later
// look-alike only, an incremental relink keeps that chain equal to a full relink when a member goes, and the
// look-alikes the linker passed over before the one it linked are still explained.
#include "fixture_minutes.hpp"
#include "grammar/layout.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

namespace {
std::string dmy(int k) {  // the 10th of each month from January 2020
    char s[16];
    std::snprintf(s, sizeof s, "10-%02d-%04d", 1 + k % 12, 2020 + k / 12);
    return s;
}

std::vector<std::string> link_rows(Store& s) {
    std::vector<std::string> out;
    Statement q(s.handle(), "SELECT later_item_id, earlier_item_id, reason, evidence, line FROM links "
                            "ORDER BY earlier_item_id, later_item_id, reason");
    while (q.step()) out.push_back(q.text(0) + "|" + q.text(1) + "|" + q.text(2) + "|" + q.text(3) + "|" + q.text(4));
    return out;
}

std::int64_t count(Store& s, const std::string& sql) {
    Statement q(s.handle(), sql);
    q.step();
    return q.integer(0);
}
}  // namespace

TEST_CASE("a standing item at 40 meetings makes a chain of 39 links, not 780", "[tracker][links][linear]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    {
        Ingestor ingestor(store, committees);
        for (int k = 0; k < 40; ++k) {
            std::vector<fixture::ItemSpec> items{{1, "Godkendelse af dagsorden", "00.01.00-A00-1-20", "Godkendt"},
                                                 {2, "Vejplan " + std::to_string(k), "05.01.00-P20-" + std::to_string(k) + "-20",
                                                  k == 5 ? "Udsættes" : "Godkendt"}};
            if (k == 5) items.push_back({3, "Helt andet emne om skoler", "00.01.00-A00-1-20", "Godkendt"});
            REQUIRE(ingestor.ingest_bytes(fixture::minutes("Vejudvalget", dmy(k), items), std::to_string(k) + ".txt")
                        .status == IngestResult::Status::stored);
        }
    }
    auto stats = relink(store);
    CHECK(stats.by_case_number == 39);
    CHECK(count(store, "SELECT MAX(n) FROM (SELECT COUNT(*) n FROM links GROUP BY earlier_item_id)") == 1);
    CHECK(count(store, "SELECT COUNT(*) FROM links") <= 2 * count(store, "SELECT COUNT(*) FROM items"));

    // The standing item of the 6th meeting is treated again at the 7th, and only there.
    date::year_month_day as_of{};
    REQUIRE(dates::parse_iso("2024-01-01", as_of));
    for (const auto& c : load_candidates(store, as_of))
        if (c.title == "Godkendelse af dagsorden" && dates::iso(c.meeting_date) == "2020-06-10") {
            std::vector<const Treatment*> accepted, rejected;
            for (const auto& t : c.later) (t.accepted ? accepted : rejected).push_back(&t);
            REQUIRE(accepted.size() == 1);
            CHECK(dates::iso(accepted[0]->meeting_date) == "2020-07-10");
            // Passed over on the way: the same meeting's other item with that case number; nothing beyond.
            REQUIRE(rejected.size() == 1);
            CHECK(rejected[0]->evidence.find("same meeting") != std::string::npos);
        }
    // Evaluating rules (the kept flags, a report) needs only the accepted ones: the passed-over are not read.
    CandidateScope lean;
    lean.rejected_lookalikes = false;
    int standing = 0;
    for (const auto& c : load_candidates(store, as_of, lean))
        if (c.title == "Godkendelse af dagsorden" && dates::iso(c.meeting_date) == "2020-06-10") {
            ++standing;
            REQUIRE(c.later.size() == 1);
            CHECK(c.later[0].accepted);
            CHECK(dates::iso(c.later[0].meeting_date) == "2020-07-10");
        }
    CHECK(standing == 1);
}

TEST_CASE("an incremental relink redoes a chain when a replaced meeting takes a member away", "[tracker][links][linear]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    auto meeting = [&](int k, bool with_case_item) {
        std::vector<fixture::ItemSpec> items{{1, "Budgetopfølgning " + std::to_string(k % 2), "00.30.00-S00-" + std::to_string(k) + "-20", "Godkendt"}};
        if (with_case_item) items.push_back({2, "Cykelsti langs åen", "05.01.00-P20-7-20", "Udsættes"});
        return fixture::minutes("Vejudvalget", dmy(k), items);
    };
    {
        Ingestor ingestor(store, committees);
        for (int k : {0, 2, 4}) REQUIRE(ingestor.ingest_bytes(meeting(k, true), std::to_string(k) + ".txt").status ==
                                        IngestResult::Status::stored);
    }
    relink_if_changed(store);
    {
        // Out of order: a meeting between two chain members, then a correction of it without the case item.
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(meeting(1, true), "1.txt").status == IngestResult::Status::stored);
    }
    Relinked how = Relinked::no;
    relink_if_changed(store, default_title_threshold, &how);
    CHECK(how == Relinked::new_meetings);
    auto chain = link_rows(store);
    CHECK(count(store, "SELECT COUNT(*) FROM links WHERE reason = 'case_number'") == 3);
    {
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(meeting(1, false), "1-rettet.txt").status == IngestResult::Status::replaced);
    }
    relink_if_changed(store, default_title_threshold, &how);
    CHECK(how == Relinked::new_meetings);
    const auto incremental = link_rows(store);
    relink(store);
    CHECK(link_rows(store) == incremental);
    CHECK(count(store, "SELECT COUNT(*) FROM links WHERE reason = 'case_number'") == 2);  // 0 -> 2 -> 4 again
}

TEST_CASE("a standing item links to its own committee's next occurrence only", "[tracker][links][linear]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    {
        // Two committees share the municipality's case number for "Godkendelse af dagsorden" and meet on
        // alternate months.
        Ingestor ingestor(store, committees);
        for (int k = 0; k < 6; ++k) {
            const std::string committee = k % 2 ? "Skoleudvalget" : "Vejudvalget";
            std::vector<fixture::ItemSpec> items{{1, "Godkendelse af dagsorden", "00.01.00-A00-1-20", "Godkendt"}};
            REQUIRE(ingestor.ingest_bytes(fixture::minutes(committee, dmy(k), items), std::to_string(k) + ".txt")
                        .status == IngestResult::Status::stored);
        }
    }
    relink(store);
    // 0 -> 2 -> 4 and 1 -> 3 -> 5: never across the committees.
    CHECK(count(store, "SELECT COUNT(*) FROM links") == 4);
    CHECK(count(store, "SELECT COUNT(*) FROM links l JOIN items a ON a.id = l.earlier_item_id JOIN items b ON "
                       "b.id = l.later_item_id JOIN meetings ma ON ma.id = a.meeting_id JOIN meetings mb ON "
                       "mb.id = b.meeting_id WHERE ma.committee_id <> mb.committee_id") == 0);
    CHECK(layout::is_standing_item("Lukket: 2. Orientering fra formanden"));
    CHECK(layout::is_standing_item("GODKENDELSE AF DAGSORDEN"));
    CHECK_FALSE(layout::is_standing_item("Godkendelse af dagsinstitutionernes budget"));
    CHECK_FALSE(layout::is_standing_item("Eventuelle ændringer i lokalplanen"));
}

TEST_CASE("a relink checks no foreign keys while it links, and they are enforced again after", "[tracker][links]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    {
        Ingestor ingestor(store, committees);
        for (int k = 0; k < 3; ++k)
            REQUIRE(ingestor.ingest_bytes(fixture::minutes("Vejudvalget", dmy(k),
                                                           {{1, "Vejplan", "05.01.00-P20-1-20", "Godkendt"}}),
                                          std::to_string(k) + ".txt")
                        .status == IngestResult::Status::stored);
    }
    relink_if_changed(store, default_title_threshold);
    relink(store);
    CHECK(count(store, "PRAGMA foreign_keys") == 1);
    REQUIRE(count(store, "SELECT COUNT(*) FROM links") == 2);
    // Enforced: a link to no item is refused, and deleting a meeting takes its items' links with it.
    CHECK_THROWS(exec(store.handle(), "INSERT INTO links(later_item_id, earlier_item_id, reason, evidence, line) "
                                      "VALUES(999999, 1, 'case_number', '', 1)"));
    exec(store.handle(), "DELETE FROM meetings WHERE date = (SELECT MIN(date) FROM meetings)");
    CHECK(count(store, "SELECT COUNT(*) FROM links") == 1);
}
