// Nothing lost (issue 11): committee identity never guesses, a meeting is the meeting (not the day), and a
// replaced document stays as history. Real SQLite files throughout.
#include "fixture_minutes.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/queries.hpp"
#include "tracker/schema.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;
using Status = IngestResult::Status;

namespace {
std::int64_t count(Store& s, const std::string& sql) {
    Statement q(s.handle(), sql);
    q.step();
    return q.integer(0);
}

// Minutes whose Mødedato line gives the start time.
std::string meeting(const std::string& committee, const std::string& dmy, const std::string& time,
                    const std::vector<std::pair<std::string, std::string>>& items) {
    std::string s = "\nREFERAT " + committee + " d. " + dmy + "\n\nMødedato Tirsdag d. " + dmy + " kl. " + time +
                    "\n\nMødested Rådhuset\n\n";
    int n = 0;
    for (const auto& [title, decision] : items)
        s += "Punkt " + std::to_string(++n) + ": " + title + "\n\n27.00.00-A00-" + std::to_string(n) +
             "-24\n\nSagsfremstilling\n\nForvaltningen har udarbejdet et notat.\n\nBeslutning\n\n" + decision + "\n\n";
    return s;
}

date::year_month_day day(const char* iso) {
    date::year_month_day d{};
    REQUIRE(dates::parse_date(iso, d));
    return d;
}
}  // namespace

TEST_CASE("numbered committees and two meetings of one day are four meetings", "[tracker][identity]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    std::vector<IngestResult> results;
    results.push_back(ingestor.ingest_bytes(
        meeting("Udvalg nr. 1 for Teknik og Miljø", "12-03-2024", "13:00", {{"Vejplan", "Udsættes."}}), "1.txt"));
    results.push_back(ingestor.ingest_bytes(
        meeting("Udvalg nr. 2 for Teknik og Miljø", "12-03-2024", "13:00", {{"Vejplan", "Godkendt."}}), "2.txt"));
    results.push_back(ingestor.ingest_bytes(
        meeting("Udvalg nr. 3 for Teknik og Miljø", "12-03-2024", "13:00", {{"Budget", "Godkendt."}}), "3a.txt"));
    results.push_back(ingestor.ingest_bytes(
        meeting("Udvalg nr. 3 for Teknik og Miljø", "12-03-2024", "17:00", {{"Ekstra punkt", "Udsættes."}}), "3b.txt"));
    for (const auto& r : results) {
        CHECK(r.status == Status::stored);
        for (const auto& w : r.warning_list) CHECK(w.message.find("close to") == std::string::npos);
    }
    CHECK(count(store, "SELECT COUNT(*) FROM meetings") == 4);
    CHECK(count(store, "SELECT COUNT(*) FROM committees") == 3);
    CHECK(count(store, "SELECT COUNT(DISTINCT time) FROM meetings") == 2);

    // Both same-day meetings are candidates with keys of their own, so a resolution of one is not the other's.
    relink(store);
    auto candidates = load_candidates(store, day("2025-01-01"));
    std::vector<std::string> keys;
    for (const auto& c : candidates) keys.push_back(c.key);
    std::sort(keys.begin(), keys.end());
    CHECK(std::adjacent_find(keys.begin(), keys.end()) == keys.end());
    CHECK(std::count_if(keys.begin(), keys.end(), [](const std::string& k) { return k.find("@17:00|1") != std::string::npos; }) == 1);
}

TEST_CASE("committee keys: spellings of one name are one key, other names never", "[tracker][identity]") {
    CHECK(committee_key("Børne- og Ungeudvalget") == committee_key("BØRNE-OG UNGEUDVALGET"));
    CHECK(committee_key("Børne- og Ungeudvalget") == committee_key("Børne – og  Ungeudvalget."));
    CHECK(committee_key("Erhvervs-, Beskæftigelses- og Uddannelsesudvalget") ==
          committee_key("Erhvervs- Beskæftigelses- og Uddannelsesudvalget"));
    CHECK(committee_key("Teknik & Miljø") == committee_key("Teknik og Miljø"));
    CHECK(committee_key("§ 17, stk. 4-udvalg 1") != committee_key("§ 17, stk. 4-udvalg 2"));
    CHECK(committee_key("Børne- og Ungeudvalget") != committee_key("Børne- og Skoleudvalget"));

    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    const auto first = committees.resolve("Udvalg nr. 1 for Teknik og Miljø");
    std::optional<std::string> close;
    // Digits and ordinal words are never typos: no merge, no suggestion.
    CHECK(committees.resolve("Udvalg nr. 2 for Teknik og Miljø", &close) != first);
    CHECK_FALSE(close.has_value());
    committees.resolve("Niende underudvalg for Skoler");
    CHECK_FALSE(committees.close_to("Tiende underudvalg for Skoler").has_value());
    committees.resolve("1. underudvalg for Skoler");
    CHECK_FALSE(committees.close_to("2. underudvalg for Skoler").has_value());
    CHECK(committees.close_to("1. underudvalg for Skolr").has_value());
    // Two pairs of swapped letters are two edits (text::edit_distance); plain Levenshtein counted four and
    // stayed silent about this typo.
    CHECK(committees.close_to("1. underudvlag for Skoelr").has_value());
    // A one-letter typo is its own committee, and the caller learns which name it is close to.
    const auto typo = committees.resolve("Udvalg nr. 1 for Teknk og Miljø", &close);
    CHECK(typo != first);
    REQUIRE(close.has_value());
    CHECK(*close == "Udvalg nr. 1 for Teknik og Miljø");
    // committees.conf is what merges: an alias of the typo's name takes its meetings along.
    auto conf = dir.file("committees.conf", "Udvalg nr. 1 for Teknik og Miljø\n    Udvalg nr. 1 for Teknk og Miljø\n");
    committees.apply(load_committee_config(conf));
    CHECK(committees.find("Udvalg nr. 1 for Teknk og Miljø") == first);
}

TEST_CASE("ingest warns once about a new committee close to a known one", "[tracker][identity]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    REQUIRE(ingestor.ingest_bytes(meeting("Børne- og Ungeudvalget", "05-02-2024", "16:00", {{"Skoleplan", "Godkendt."}}),
                                  "a.txt").status == Status::stored);
    auto r = ingestor.ingest_bytes(meeting("Børne- og Ungeudvalgel", "05-02-2024", "16:00", {{"Skoleplan", "Godkendt."}}),
                                   "b.txt");
    CHECK(r.status == Status::stored);  // not a replacement of the other committee's meeting
    int close = 0;
    for (const auto& w : r.warning_list)
        if (w.message == "committee \"Børne- og Ungeudvalgel\" is close to \"Børne- og Ungeudvalget\"; add an alias "
                         "to committees.conf if they are one")
            ++close;
    CHECK(close == 1);
    // "Skoleudvalget" is several letters away: a committee of its own without a word.
    auto other = ingestor.ingest_bytes(
        meeting("Børne- og Skoleudvalget", "05-02-2024", "16:00", {{"Skoleplan", "Godkendt."}}), "c.txt");
    CHECK(other.status == Status::stored);
    CHECK(other.warning_list.empty());
    CHECK(count(store, "SELECT COUNT(*) FROM meetings") == 3);
}

TEST_CASE("a corrected version replaces its meeting, keeps the resolution, and stays as history", "[tracker][identity]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    const auto original = meeting("Testudvalget", "10-01-2024", "13:00", {{"Ny legeplads", "Udsættes."}, {"Budget", "Godkendt."}});
    const auto other_meeting = meeting("Testudvalget", "10-01-2024", "17:00", {{"Ekstra", "Godkendt."}});
    {
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_file(dir.file("a.txt", original)).status == Status::stored);
        REQUIRE(ingestor.ingest_file(dir.file("b.txt", other_meeting)).status == Status::stored);
    }
    relink(store);
    const std::string key = [&] {
        for (const auto& c : load_candidates(store, day("2024-12-31")))
            if (c.item_number == 1 && c.title == "Ny legeplads") return c.key;
        return std::string();
    }();
    REQUIRE_FALSE(key.empty());
    append_manual(store, {0, "abc123", key, "postponed-not-resumed", "resolve", "Clerk", "handled by mail", "",
                          "2024-06-01T09:00:00Z"});

    const auto corrected = meeting("Testudvalget", "10-01-2024", "13:00",
                                   {{"Ny legeplads", "Udsættes til næste møde."}, {"Budget", "Godkendt."}});
    Ingestor ingestor(store, committees);
    auto r = ingestor.ingest_file(dir.file("a-rettet.txt", corrected));
    REQUIRE(r.status == Status::replaced);
    CHECK(r.replaced_file == dir.path.string() + "/a.txt");
    CHECK(r.replaced_sha == sha256_hex(original));
    relink(store);
    CHECK(count(store, "SELECT COUNT(*) FROM meetings") == 2);  // the 17:00 meeting is untouched
    CHECK(count(store, "SELECT COUNT(*) FROM documents") == 3);  // the old version is kept
    bool resolved = false;
    for (const auto& c : load_candidates(store, day("2024-12-31")))
        if (c.title == "Ny legeplads") {
            CHECK(c.decision.text == "Udsættes til næste møde.");
            resolved = c.manual && c.manual->action == "resolve" && c.manual->by == "Clerk";
        }
    CHECK(resolved);

    // History: the old version, what it said, and which document replaced it.
    auto history = superseded_documents(store);
    REQUIRE(history.size() == 1);
    CHECK(history[0].path == dir.path.string() + "/a.txt");
    CHECK(history[0].time == "13:00");
    CHECK(history[0].snapshot.find("\"Udsættes.\"") != std::string::npos);
    auto current = find_document(store, sha256_hex(corrected).substr(0, 10));
    REQUIRE(current.has_value());
    CHECK(current->replaced_by == 0);
    CHECK(history[0].replaced_by == current->id);
    auto chain = earlier_versions(store, current->id);
    REQUIRE(chain.size() == 1);
    CHECK(chain[0].id == history[0].id);

    // The old file read again is that old version, not a newer correction: nothing flips back.
    auto again = ingestor.ingest_file(dir.path.string() + "/a.txt");
    CHECK(again.status == Status::unchanged);
    CHECK(again.reason.find("since replaced by") != std::string::npos);
    CHECK(count(store, "SELECT COUNT(*) FROM meetings m JOIN documents d ON d.id = m.document_id "
                       "WHERE d.path LIKE '%a-rettet.txt'") == 1);
}

TEST_CASE("twenty numbered committees of a hundred meetings each are 2,000 meetings", "[tracker][identity]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    int stored = 0, replaced = 0;
    for (int c = 1; c <= 20; ++c)
        for (int m = 0; m < 100; ++m) {
            const int month = 1 + m % 12, year = 2000 + m / 12;
            char dmy[16];
            std::snprintf(dmy, sizeof dmy, "%02d-%02d-%04d", 10, month, year);
            auto r = ingestor.ingest_bytes(meeting("Udvalg nr. " + std::to_string(c) + " for Teknik og Miljø", dmy,
                                                   "13:00", {{"Punkt om vej " + std::to_string(m), "Godkendt."}}),
                                           "u" + std::to_string(c) + "-" + std::to_string(m) + ".txt");
            stored += r.status == Status::stored;
            replaced += r.status == Status::replaced;
        }
    CHECK(stored == 2000);
    CHECK(replaced == 0);
    CHECK(count(store, "SELECT COUNT(*) FROM meetings") == 2000);
    CHECK(count(store, "SELECT COUNT(*) FROM committees") == 20);
}

TEST_CASE("a schema-4 store migrates: meetings, committees and resolutions kept", "[tracker][identity][migration]") {
    fixture::TempDir dir;
    {
        // A store as the previous release wrote it: schema 4, keys made by its committee_key (hyphen spacing
        // kept), one committee spelled two ways.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.db().c_str(), &db) == SQLITE_OK);
        exec(db, "PRAGMA foreign_keys = ON");
        migrate_to(db, 4);
        exec(db, R"sql(
            INSERT INTO committees(id, name, key) VALUES(1, 'Børne- og Ungeudvalget', 'børne- og ungeudvalget'),
                                                        (2, 'Børne-og Ungeudvalget', 'børne-og ungeudvalget');
            INSERT INTO committee_aliases(key, committee_id, alias) VALUES('bu', 1, 'BU');
            INSERT INTO documents(id, path, sha256, size, rendering, encoding, ingested_at)
                VALUES(1, 'a.txt', 'aaaa', 10, 'plain', 'utf-8', '2024-01-01T00:00:00Z'),
                      (2, 'b.txt', 'bbbb', 10, 'plain', 'utf-8', '2024-02-01T00:00:00Z');
            INSERT INTO meetings(id, document_id, committee_id, committee_name, date, time, place, kind, line)
                VALUES(1, 1, 1, 'Børne- og Ungeudvalget', '2024-01-10', '16:00', 'Rådhuset', 'REFERAT', 2),
                      (2, 2, 2, 'Børne-og Ungeudvalget', '2024-02-07', '16:00', 'Rådhuset', 'REFERAT', 2);
            INSERT INTO items(id, meeting_id, number, title, closed, case_number, body, line, decision)
                VALUES(1, 1, 1, 'Skoleplan', 0, '17.00.00-A00-1-24', 'Notat.', 10, 'Udsættes.'),
                      (2, 2, 1, 'Skoleplan', 0, '17.00.00-A00-1-24', 'Notat.', 10, 'Godkendt.');
            INSERT INTO items_fts(items_fts) VALUES('rebuild');
            INSERT INTO decisions(item_id, origin, date, committee_id, committee_name, text, classes, remarks, line)
                VALUES(1, 'minutes', '2024-01-10', 1, 'Børne- og Ungeudvalget', 'Udsættes.', 'postponed', '', 16),
                      (2, 'minutes', '2024-02-07', 2, 'Børne-og Ungeudvalget', 'Godkendt.', 'approved', '', 16);
            INSERT INTO manual(flag_id, candidate_key, rule, action, by, note, until, at)
                VALUES('f1', 'Børne- og Ungeudvalget|2024-01-10|1', 'postponed-not-resumed', 'resolve', 'Clerk', 'ok',
                       NULL, '2024-03-01T00:00:00Z');
        )sql");
        sqlite3_close(db);
    }
    Store store(dir.db());
    CHECK(store.schema_version() == latest_schema_version());
    CHECK(count(store, "SELECT COUNT(*) FROM meetings") == 2);
    CHECK(count(store, "SELECT COUNT(*) FROM items") == 2);
    CHECK(count(store, "SELECT COUNT(*) FROM committees") == 1);  // one name, two spellings: one committee now
    CHECK(count(store, "SELECT COUNT(DISTINCT committee_id) FROM meetings") == 1);
    CHECK(count(store, "SELECT COUNT(*) FROM committee_aliases WHERE key = 'bu'") == 1);
    {
        Statement fk(store.handle(), "PRAGMA foreign_key_check");
        CHECK_FALSE(fk.step());
    }
    {
        Statement on(store.handle(), "PRAGMA foreign_keys");
        REQUIRE(on.step());
        CHECK(on.integer(0) == 1);
    }
    // Links and the resolution work as before; the rebuilt meetings table takes a second meeting of a day.
    relink(store);
    auto candidates = load_candidates(store, day("2024-12-31"));
    REQUIRE(candidates.size() == 2);
    CHECK(candidates[0].manual.has_value());
    REQUIRE_FALSE(candidates[0].later.empty());
    CHECK(candidates[0].later[0].accepted);
    Committees committees(store);
    auto r = Ingestor(store, committees)
                 .ingest_bytes(meeting("Børne- og Ungeudvalget", "10-01-2024", "18:00", {{"Ekstra", "Godkendt."}}),
                               "c.txt");
    CHECK(r.status == Status::stored);
    CHECK(count(store, "SELECT COUNT(*) FROM meetings WHERE date = '2024-01-10'") == 2);
    // The resolution made before the second meeting of that day stays with the first.
    for (const auto& c : load_candidates(store, day("2024-12-31")))
        if (c.title == "Skoleplan" && dates::iso(c.meeting_date) == "2024-01-10") CHECK(c.manual.has_value());
}

namespace {
// A FirstAgenda agenda (the publication API's JSON, our own text): the platform's agenda id and start time.
std::string agenda(const std::string& id, const std::string& start, const std::string& title, const std::string& decision) {
    return R"({
  "Dagsordenpunkter": [
    {
      "Felter": [ { "Html": "<div><h3>Beslutning</h3><span>)" + decision + R"(</span></div><h3>Fremstilling</h3><p>Notat.</p>" } ],
      "SagsNummer": "25-001234",
      "Navn": ")" + title + R"(",
      "Punktnummer": "1",
      "IsOpen": false
    }
  ],
  "Udvalg": { "Navn": "Byrådet" },
  "Moede": { "Dato": ")" + start + R"(", "Sted": "Byrådssalen", "Afsluttet": true },
  "Id": ")" + id + R"("
})";
}
}  // namespace

TEST_CASE("two FirstAgenda agendas of one council on one day are two meetings, a corrected one replaces its own",
          "[tracker][identity][firstagenda]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    Ingestor ingestor(store, committees);
    // The same day, even the same start time: the agenda ids tell the meetings apart.
    auto a = ingestor.ingest_bytes(agenda("aaaa1111-0000-0000-0000-000000000001", "2025-09-08T17:00:00+02:00",
                                          "Budget 2026, 1. behandling", "Oversendt til 2. behandling."),
                                   "byraad-a.json");
    auto b = ingestor.ingest_bytes(agenda("bbbb2222-0000-0000-0000-000000000002", "2025-09-08T17:00:00+02:00",
                                          "Ekstraordinær sag om skolebyggeri", "Godkendt."),
                                   "byraad-b.json");
    REQUIRE(a.status == Status::stored);
    REQUIRE(b.status == Status::stored);
    CHECK(count(store, "SELECT COUNT(*) FROM meetings WHERE date = '2025-09-08'") == 2);
    CHECK(count(store, "SELECT COUNT(DISTINCT source_id) FROM meetings") == 2);
    // The first agenda published again with its decision corrected: the same agenda id, so it replaces that one.
    auto corrected = ingestor.ingest_bytes(agenda("aaaa1111-0000-0000-0000-000000000001", "2025-09-08T17:00:00+02:00",
                                                  "Budget 2026, 1. behandling", "Udsættes til næste møde."),
                                           "byraad-a-rettet.json");
    CHECK(corrected.status == Status::replaced);
    CHECK(corrected.replaced_file == "byraad-a.json");
    CHECK(count(store, "SELECT COUNT(*) FROM meetings WHERE date = '2025-09-08'") == 2);
    CHECK(count(store, "SELECT COUNT(*) FROM items WHERE title = 'Ekstraordinær sag om skolebyggeri'") == 1);
}

TEST_CASE("a user names a committee: exact name or alias, else the one name containing it", "[tracker][identity]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    committees.resolve("Børne- og Ungeudvalget");
    committees.resolve("Børne- og Skoleudvalget");
    committees.apply(load_committee_config(dir.file("c.conf", "Børne- og Ungeudvalget\n    BUU\n")));
    CHECK(match_stored_committee(store, "børne-og ungeudvalget") == "Børne- og Ungeudvalget");
    CHECK(match_stored_committee(store, "buu") == "Børne- og Ungeudvalget");  // an alias from committees.conf
    CHECK(match_stored_committee(store, "SKOLE") == "Børne- og Skoleudvalget");
    CHECK_THROWS_WITH(match_stored_committee(store, "Børne"), Catch::Contains("matches several committees"));
    CHECK_THROWS_WITH(match_stored_committee(store, "Økonomi"), Catch::Contains("no stored committee matches"));
}
