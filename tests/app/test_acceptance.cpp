// End to end on the real minutes: the acceptance of the first issue, through the command line.
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <unistd.h>

using json = nlohmann::ordered_json;

namespace {
std::string seeds() { return cli::quote(OPFOLG_SEEDS_DIR); }

struct Seeded {
    fixture::TempDir dir;
    cli::Result ingest;
    Seeded() { ingest = cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + seeds()); }
    // as_of "" means today (manual decisions are dated by the clock, so tests of them use today).
    json report(const std::string& as_of = "2026-11-23") const {
        auto r = cli::run("report --db " + cli::quote(dir.db()) + (as_of.empty() ? "" : " --as-of " + as_of) +
                          " --format json");
        INFO(r.err);
        REQUIRE(r.status == 0);
        return json::parse(r.out);
    }
};

std::vector<json> flags_of(const json& report, const std::set<std::string>& rules) {
    std::vector<json> out;
    for (const auto& f : report.at("flags"))
        if (rules.count(f.at("rule").get<std::string>())) out.push_back(f);
    return out;
}
}  // namespace

TEST_CASE("ingest of the seeds: four meetings stored, 004 rejected, exit 3", "[app][seeds]") {
    Seeded s;
    INFO(s.ingest.out << s.ingest.err);
    CHECK(s.ingest.status == 3);
    CHECK(s.ingest.out.find("4 meetings") != std::string::npos);
    CHECK(s.ingest.out.find("rejected: ") != std::string::npos);
    CHECK(s.ingest.out.find("004_8e211799231ee99e.txt") != std::string::npos);
    CHECK(s.ingest.out.find("not minutes") != std::string::npos);

    // Again: nothing new, nothing lost.
    auto again = cli::run("ingest -q --db " + cli::quote(s.dir.db()) + " " + seeds());
    CHECK(again.out.find("4 unchanged") != std::string::npos);
}

TEST_CASE("the seeds' overdue flags are exactly the three the issue names", "[app][seeds]") {
    Seeded s;
    json report = s.report();
    CHECK(report.at("as_of") == "2026-11-23");
    auto flags = flags_of(report, {"postponed-not-resumed", "new-case-not-presented"});
    REQUIRE(flags.size() == 3);
    std::set<std::string> seen;
    for (const auto& f : flags) {
        CHECK(f.at("status") == "overdue");
        seen.insert(f.at("rule").get<std::string>() + " " + f.at("meeting_date").get<std::string>() + " " +
                    std::to_string(f.at("item_number").get<int>()) + " " + f.at("case_number").get<std::string>() +
                    " " + f.at("due").get<std::string>());
        CHECK(f.at("source").get<std::string>().find(".txt:") != std::string::npos);
    }
    std::set<std::string> want = {
        "postponed-not-resumed 2019-06-11 3 15.00.00-P05-1-19 2019-08-31",
        "postponed-not-resumed 2022-06-07 7 29.00.00-A00-3-22 2022-08-31",
    };
    for (const auto& w : want) CHECK(seen.count(w) == 1);
    bool new_case = false;
    for (const auto& f : flags)
        if (f.at("rule") == "new-case-not-presented") {
            new_case = true;
            CHECK(f.at("meeting_date") == "2019-06-11");
            CHECK(f.at("item_number") == 10);
            CHECK(f.at("case_number") == "15.00.00-Ø00-1-18");
            CHECK(f.at("committee") == "Erhvervs- og Beskæftigelsesudvalget");
        }
    CHECK(new_case);
}

TEST_CASE("the JSON report has the documented keys in order", "[app][seeds]") {
    Seeded s;
    json report = s.report();
    REQUIRE_FALSE(report.at("flags").empty());
    std::vector<std::string> keys;
    for (auto it = report.at("flags")[0].begin(); it != report.at("flags")[0].end(); ++it) keys.push_back(it.key());
    std::vector<std::string> want = {"id", "rule", "status", "severity", "committee", "meeting_date", "item_number",
                                     "title", "case_number", "decision", "due", "days_overdue", "source"};
    REQUIRE(keys.size() >= want.size());
    CHECK(std::vector<std::string>(keys.begin(), keys.begin() + static_cast<long>(want.size())) == want);
}

TEST_CASE("as-of before the meetings shows nothing from them", "[app][seeds]") {
    Seeded s;
    json early = s.report();
    auto r = cli::run("report --db " + cli::quote(s.dir.db()) + " --as-of 2019-06-30 --format json");
    REQUIRE(r.status == 0);
    json report = json::parse(r.out);
    for (const auto& f : report.at("flags")) CHECK(f.at("meeting_date").get<std::string>() <= "2019-06-30");
    // The June 2019 postponement is pending then: due 2019-08-31 is after as-of.
    bool pending = false;
    for (const auto& f : report.at("flags"))
        if (f.at("rule") == "postponed-not-resumed" && f.at("item_number") == 3) pending = f.at("status") == "pending";
    CHECK(pending);
}

TEST_CASE("promised-followup-missing flags the 4th-quarter status promise of 2019-05-14 Punkt 6", "[app][seeds]") {
    Seeded s;
    auto flags = flags_of(s.report(), {"promised-followup-missing"});
    bool found = false;
    for (const auto& f : flags)
        if (f.at("meeting_date") == "2019-05-14" && f.at("item_number") == 6) {
            found = true;
            CHECK(f.at("due") == "2019-12-31");
            CHECK(f.at("status") == "overdue");
        }
    CHECK(found);
}

TEST_CASE("usage errors exit 2 with one line naming the problem", "[app]") {
    fixture::TempDir dir;
    auto r = cli::run("report --db " + cli::quote(dir.db()) + " --as-of 2026-13-45");
    CHECK(r.status == 2);
    auto bogus = cli::run("frobnicate");
    CHECK(bogus.status == 2);
    auto missing = cli::run("ingest --db " + cli::quote(dir.db()) + " /nonexistent/minutes");
    CHECK(missing.status == 2);
    CHECK(missing.err.find("/nonexistent/minutes") != std::string::npos);
}

TEST_CASE("parse --json shows structure with lines and touches no database", "[app][seeds]") {
    fixture::TempDir dir;
    auto r = cli::run("parse --json " + cli::quote(std::string(OPFOLG_SEEDS_DIR) + "/000_8923c1771b3bc6db.txt"),
                      "OPFOLG_DB=" + cli::quote(dir.db()));
    REQUIRE(r.status == 0);
    json j = json::parse(r.out);
    CHECK(j.at("meeting").at("date") == "2021-01-12");
    CHECK(j.at("items").size() == 8);
    CHECK(j.at("items")[2].at("sagens_forloeb")[0].at("line") == 223);
    CHECK_FALSE(std::filesystem::exists(dir.db()));
    auto not_minutes = cli::run("parse " + cli::quote(std::string(OPFOLG_SEEDS_DIR) + "/004_8e211799231ee99e.txt"));
    CHECK(not_minutes.status == 3);
    CHECK(not_minutes.out.find("not minutes") != std::string::npos);
}

TEST_CASE("resolve keeps a flag resolved across re-ingests and unresolve brings it back", "[app][seeds]") {
    Seeded s;
    auto flags = flags_of(s.report(""), {"new-case-not-presented"});
    REQUIRE(flags.size() == 1);
    const std::string id = flags[0].at("id");
    const std::string db = cli::quote(s.dir.db());
    auto r = cli::run("resolve " + id + " --db " + db + " --by Clerk --note 'Behandlet på mail'");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(flags_of(s.report(""), {"new-case-not-presented"}).empty());
    cli::run("ingest -q --db " + db + " " + seeds());
    CHECK(flags_of(s.report(""), {"new-case-not-presented"}).empty());
    auto audit = cli::run("audit --db " + db);
    CHECK(audit.out.find("Behandlet på mail") != std::string::npos);
    REQUIRE(cli::run("unresolve " + id + " --db " + db + " --by Clerk --note 'fejl'").status == 0);
    CHECK(flags_of(s.report(""), {"new-case-not-presented"}).size() == 1);
}

TEST_CASE("explain on the seeds: rule, source line, due origin, and the same-meeting item it rejected", "[app][seeds]") {
    Seeded s;
    std::string id;
    for (const auto& f : flags_of(s.report(), {"postponed-not-resumed"}))
        if (f.at("meeting_date") == "2019-06-11") id = f.at("id");
    REQUIRE_FALSE(id.empty());
    auto r = cli::run("explain " + id + " --db " + cli::quote(s.dir.db()) + " --as-of 2026-11-23");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("postponed-not-resumed") != std::string::npos);
    CHECK(r.out.find("001_2f4229434464bb75.txt:139") != std::string::npos);
    CHECK(r.out.find("på august mødet") != std::string::npos);
    CHECK(r.out.find("line 92") != std::string::npos);
    CHECK(r.out.find("punkt 6") != std::string::npos);
    CHECK(r.out.find("same meeting") != std::string::npos);
    auto unknown = cli::run("explain ffffffffff --db " + cli::quote(s.dir.db()) + " --as-of 2026-11-23");
    CHECK(unknown.status == 2);
}

TEST_CASE("case and search commands on the seeds", "[app][seeds]") {
    Seeded s;
    auto c = cli::run("case 00.17.00-A00-1-19 --db " + cli::quote(s.dir.db()));
    REQUIRE(c.status == 0);
    CHECK(c.out.find("2019-06-11") != std::string::npos);
    CHECK(c.out.find("2022-06-07") != std::string::npos);
    auto found = cli::run("search Brydehuset --db " + cli::quote(s.dir.db()));
    REQUIRE(found.status == 0);
    CHECK(found.out.find("2021-01-12") != std::string::npos);
    auto items = cli::run("items --class postponed --db " + cli::quote(s.dir.db()));
    CHECK(items.out.find("Punkt 3") != std::string::npos);
    CHECK(items.out.find("Punkt 7") != std::string::npos);
}
