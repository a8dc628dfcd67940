#include "fixture_minutes.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/queries.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

namespace {
std::string seed(const char* name) { return std::string(OPFOLG_SEEDS_DIR) + "/" + name; }
const char* const seed_minutes[] = {"000_8923c1771b3bc6db.txt", "001_2f4229434464bb75.txt", "002_428a7a86b5aec2c2.txt",
                                    "003_af2be25bd747af8d.txt"};

std::int64_t count(Store& s, const char* table) {
    Statement q(s.handle(), std::string("SELECT COUNT(*) FROM ") + table);
    q.step();
    return q.integer(0);
}

std::vector<std::int64_t> counts(Store& s) {
    std::vector<std::int64_t> out;
    for (const char* t : {"documents", "meetings", "items", "decisions", "refs", "deadlines", "links", "committees"})
        out.push_back(count(s, t));
    return out;
}

std::vector<IngestResult> ingest_all(Store& store, Committees& committees, const std::vector<std::string>& files) {
    Ingestor ingestor(store, committees);
    std::vector<IngestResult> out;
    for (const auto& f : files) out.push_back(ingestor.ingest_file(f));
    relink(store);
    return out;
}

date::year_month_day day(const char* iso) {
    date::year_month_day d{};
    dates::parse_iso(iso, d);
    return d;
}

const Candidate& candidate(const std::vector<Candidate>& all, const std::string& date, int number) {
    for (const auto& c : all)
        if (dates::iso(c.meeting_date) == date && c.item_number == number && !c.from_history) return c;
    FAIL("no candidate " << date << " Punkt " << number);
    throw;
}

bool accepted_reason(const Candidate& c, int reason) {
    for (const auto& t : c.later)
        if (t.accepted && tracker::number(t.reason) == reason) return true;
    return false;
}
}  // namespace

TEST_CASE("schema is versioned, with foreign keys and WAL", "[tracker][store]") {
    fixture::TempDir dir;
    Store store(dir.db());
    CHECK(store.schema_version() >= 1);
    Statement fk(store.handle(), "PRAGMA foreign_keys");
    fk.step();
    CHECK(fk.integer(0) == 1);
    Statement wal(store.handle(), "PRAGMA journal_mode");
    wal.step();
    CHECK(wal.text(0) == "wal");
}

TEST_CASE("ingesting the four seed minutes twice gives identical row counts", "[tracker][seeds]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    std::vector<std::string> files;
    for (auto* s : seed_minutes) files.push_back(seed(s));
    auto first = ingest_all(store, committees, files);
    for (const auto& r : first) CHECK(r.status == IngestResult::Status::stored);
    auto before = counts(store);
    CHECK(before[0] == 4);
    CHECK(before[1] == 4);
    CHECK(before[2] == 8 + 10 + 12 + 12);
    auto second = ingest_all(store, committees, files);
    for (const auto& r : second) CHECK(r.status == IngestResult::Status::unchanged);
    CHECK(counts(store) == before);
}

TEST_CASE("seed 004 is rejected with a reason and nothing is stored", "[tracker][seeds]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    auto r = Ingestor(store, committees).ingest_file(seed("004_8e211799231ee99e.txt"));
    CHECK(r.status == IngestResult::Status::rejected);
    CHECK(r.reason.find("not minutes") != std::string::npos);
    CHECK(count(store, "documents") == 0);
}

TEST_CASE("a corrected document replaces its predecessor and keeps its manual resolution", "[tracker][store]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    auto original = fixture::minutes("Testudvalget", "10-01-2024",
                                     {{1, "Ny legeplads", "05.00.00-P20-1-24", "Udsættes"},
                                      {2, "Budget", "00.30.00-P21-1-24", "Taget til efterretning"}});
    ingest_all(store, committees, {dir.file("a.txt", original)});
    auto candidates = load_candidates(store, day("2024-12-31"));
    const std::string key = candidate(candidates, "2024-01-10", 1).key;
    append_manual(store, {0, "abc123", key, "postponed-not-resumed", "resolve", "Clerk", "handled by mail", "",
                          "2024-06-01T09:00:00Z"});

    auto corrected = original + "Punkt 3: Eftersendt punkt\n\nBeslutning\n\nGodkendt\n";
    auto results = ingest_all(store, committees, {dir.file("a-rettet.txt", corrected)});
    CHECK(results[0].status == IngestResult::Status::replaced);
    CHECK(count(store, "documents") == 2);  // the replaced version stays as history
    CHECK(count(store, "superseded") == 1);
    CHECK(count(store, "meetings") == 1);
    CHECK(count(store, "items") == 3);
    auto after = load_candidates(store, day("2024-12-31"));
    const auto& c = candidate(after, "2024-01-10", 1);
    REQUIRE(c.manual.has_value());
    CHECK(c.manual->action == "resolve");
    CHECK(c.manual->by == "Clerk");
    // As of a day before the decision was made, it is not visible: old reports reproduce exactly.
    CHECK_FALSE(candidate(load_candidates(store, day("2024-05-31")), "2024-01-10", 1).manual.has_value());
}

TEST_CASE("linking reason 1: Tidligere behandling with committee, date and item number", "[tracker][links]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    ingest_all(store, committees,
               {dir.file("a.txt", fixture::minutes("Testudvalget", "10-01-2024",
                                                   {{1, "Ny legeplads", "", "Udsættes"}, {2, "Cykelsti", "", "Udsættes"}})),
                dir.file("b.txt", fixture::minutes("Testudvalget", "14-02-2024",
                                                   {{1, "Anden overskrift", "", "Godkendt",
                                                     {"Testudvalget den 10. januar 2024 Punkt 2"}}}))});
    auto all = load_candidates(store, day("2024-12-31"));
    CHECK(accepted_reason(candidate(all, "2024-01-10", 2), 1));
    CHECK(candidate(all, "2024-01-10", 1).later.empty());  // the reference names Punkt 2 only
}

TEST_CASE("linking reason 2: Sagens forløb entry with committee and date", "[tracker][links]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    ingest_all(store, committees,
               {dir.file("a.txt", fixture::minutes("Testudvalget", "10-01-2024", {{4, "Hundeskov", "01.05.00-P19-7-24", "Udsættes"}})),
                dir.file("b.txt", fixture::minutes("Testudvalget", "14-02-2024",
                                                   {{2, "Hundeskov ved Mosevej", "01.05.00-P19-7-24", "Godkendt", {},
                                                     {"10-01-2024 Testudvalget"}}}))});
    auto all = load_candidates(store, day("2024-12-31"));
    const auto& c = candidate(all, "2024-01-10", 4);
    CHECK(accepted_reason(c, 2));
    // The stored meeting's own decision is used; the forløb entry does not become a second (history) decision.
    for (const auto& other : all) CHECK_FALSE(other.from_history);
}

TEST_CASE("linking reason 3: same case number and similar title, same meeting never links", "[tracker][links]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    ingest_all(store, committees,
               {dir.file("a.txt", fixture::minutes("Testudvalget", "10-01-2024",
                                                   {{1, "Renovering af legepladsen ved Åhuset", "05.00.00-P20-4-24", "Udsættes"},
                                                    {2, "Renovering af legepladsen ved Åhuset, økonomi", "05.00.00-P20-4-24", "Godkendt"},
                                                    {3, "Helt andet emne om skove", "05.00.00-P20-9-24", "Udsættes"}})),
                dir.file("b.txt", fixture::minutes("Testudvalget", "14-02-2024",
                                                   {{1, "Renovering af legepladsen ved Åhuset", "05.00.00-P20-4-24", "Godkendt"},
                                                    {2, "Budgetopfølgning", "05.00.00-P20-9-24", "Godkendt"}}))});
    auto all = load_candidates(store, day("2024-12-31"));
    const auto& p1 = candidate(all, "2024-01-10", 1);
    CHECK(accepted_reason(p1, 3));
    for (const auto& t : p1.later)
        if (t.accepted) CHECK(dates::iso(t.meeting_date) == "2024-02-14");  // not Punkt 2 of its own meeting
    bool same_meeting_rejected = false;
    for (const auto& t : p1.later)
        same_meeting_rejected = same_meeting_rejected || (!t.accepted && t.evidence.find("same meeting") != std::string::npos);
    CHECK(same_meeting_rejected);
    // Same case number but a different title: considered and rejected.
    const auto& p3 = candidate(all, "2024-01-10", 3);
    CHECK_FALSE(accepted_reason(p3, 3));
    REQUIRE(p3.later.size() == 1);
    CHECK(p3.later[0].evidence.find("title similarity") != std::string::npos);
}

TEST_CASE("history decisions of meetings not in the store are resolved by the reporting item", "[tracker][seeds]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    ingest_all(store, committees, {seed("000_8923c1771b3bc6db.txt")});
    auto all = load_candidates(store, day("2026-11-23"));
    bool found = false;
    for (const auto& c : all) {
        if (!c.from_history || dates::iso(c.meeting_date) != "2020-12-08") continue;
        found = true;
        CHECK(c.decision.classes == std::vector<DecisionClass>{DecisionClass::postponed});
        REQUIRE(c.later.size() == 1);
        CHECK(c.later[0].accepted);
        CHECK(dates::iso(c.later[0].meeting_date) == "2021-01-12");
    }
    CHECK(found);
}

TEST_CASE("committee renames resolve to one committee, a typo is its own until committees.conf says", "[tracker][committees]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    auto conf = dir.file("committees.conf",
                         "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget\n  Erhvervs- og Beskæftigelsesudvalget\n");
    committees.apply(load_committee_config(conf));
    auto id = committees.resolve("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget");
    CHECK(committees.resolve("Erhvervs- og Beskæftigelsesudvalget") == id);
    CHECK(committees.resolve("erhvervs- og  beskæftigelsesudvalget") == id);
    CHECK(committees.resolve("Erhvervs-,  Beskæftigelses-  og Uddannelsesudvalget.") == id);
    CHECK(committees.resolve("Erhvervs-, B beskæftigelses- og Uddannelsesudvalget") != id);
    CHECK(committees.resolve("Økonomiudvalget") != id);

    // A 2022 item of the renamed committee referring to the 2019 meeting links to it.
    ingest_all(store, committees,
               {seed("001_2f4229434464bb75.txt"),
                dir.file("ebuu.txt", fixture::minutes("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget", "09-08-2022",
                                                      {{2, "Nøgletal", "", "Taget til efterretning",
                                                        {"Erhvervs- og Beskæftigelsesudvalget den 11. juni 2019 Punkt 3"}}}))});
    auto all = load_candidates(store, day("2026-11-23"));
    CHECK(accepted_reason(candidate(all, "2019-06-11", 3), 1));
}

TEST_CASE("committee file errors name the file and line", "[tracker][committees]") {
    fixture::TempDir dir;
    auto conf = dir.file("bad.conf", "# comment\n   alias without a committee\n");
    CHECK_THROWS_WITH(load_committee_config(conf), Catch::Contains("bad.conf:2:"));
}

TEST_CASE("case timeline and full-text search over the seeds", "[tracker][seeds]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    std::vector<std::string> files;
    for (auto* s : seed_minutes) files.push_back(seed(s));
    ingest_all(store, committees, files);
    auto events = case_timeline(store, "00.17.00-A00-1-19");
    REQUIRE(events.size() == 2);
    CHECK(events[0].item.date == "2019-06-11");
    CHECK(events[1].item.date == "2022-06-07");
    auto hits = search_items(store, "Brydehuset");
    REQUIRE_FALSE(hits.empty());
    CHECK(hits[0].item.date == "2021-01-12");
    CHECK(hits[0].item.number == 3);
    CHECK(search_items(store, "\"; DROP TABLE items; --").empty());
    CHECK(count(store, "items") == 42);
}

TEST_CASE("the audit log is append-only", "[tracker][store]") {
    fixture::TempDir dir;
    Store store(dir.db());
    append_manual(store, {0, "f1", "k", "r", "resolve", "Clerk", "note", "", ""});
    CHECK_THROWS(exec(store.handle(), "DELETE FROM manual"));
    CHECK_THROWS(exec(store.handle(), "UPDATE manual SET note = 'x'"));
    CHECK(audit_log(store).size() == 1);
}

TEST_CASE("a history decision's next meeting is its own committee's, also when only some items are loaded",
          "[tracker][candidates]") {
    // Økonomiudvalget's item reports that Teknisk Udvalg postponed the case on 2024-01-10, a meeting the store does
    // not have; Teknisk Udvalg's next stored meeting (2024-02-07) is the history decision's next meeting, whether
    // every item is loaded or only Økonomiudvalget's (the listed-items load reads only the committees it needs).
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    ingest_all(store, committees,
               {dir.file("a.txt", fixture::minutes("Økonomiudvalget", "20-02-2024",
                                                   {{3, "Ny vej", "05.01.00-P20-2-24", "Godkendt", {},
                                                     {"10-01-2024 Teknisk Udvalg"}}})),
                dir.file("b.txt", fixture::minutes("Teknisk Udvalg", "07-02-2024",
                                                   {{1, "Vintertjeneste", "05.01.00-P20-3-24", "Godkendt"}})),
                dir.file("c.txt", fixture::minutes("Økonomiudvalget", "19-03-2024",
                                                   {{1, "Budget", "00.30.00-S00-1-24", "Godkendt"}}))});
    auto next_of_history = [](const std::vector<Candidate>& all) {
        for (const auto& c : all)
            if (c.from_history) return c.next_meeting ? dates::iso(*c.next_meeting) : std::string("none");
        return std::string("no history candidate");
    };
    CHECK(next_of_history(load_candidates(store, day("2024-12-31"))) == "2024-02-07");
    CandidateScope listed;
    {
        Statement ids(store.handle(), "SELECT i.id FROM items i JOIN meetings m ON m.id = i.meeting_id "
                                      "WHERE m.date = '2024-02-20'");
        listed.items.emplace();
        while (ids.step()) listed.items->push_back(ids.integer(0));
    }
    REQUIRE(listed.items->size() == 1);
    CHECK(next_of_history(load_candidates(store, day("2024-12-31"), listed)) == "2024-02-07");
}
