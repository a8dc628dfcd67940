// Overlapping cron jobs: two ingests of the same inbox and a report started together on one database. All must
// finish correctly (SQLite's busy timeout makes them wait); "database is locked" must never surface.
#include "support.hpp"

#include <memory>

using namespace hard;

namespace {
bool mentions_lock(const std::string& s) {
    return s.find("locked") != std::string::npos || s.find("busy") != std::string::npos;
}
}  // namespace

TEST_CASE("two ingests and a report at once on one database", "[hardening][concurrency]") {
    const int documents = 30;
    TempDir tmp;
    const fs::path folder = tmp.path / "inbox";
    write_docs(folder, documents);
    const std::string one_doc = tmp.file("first/" + doc_name(0), doc_text(0));

    // Round 0 starts on a database that does not exist yet (the very first cron run overlapping itself);
    // the others on a store that already holds one meeting.
    for (int round = 0; round < 4; ++round) {
        INFO("round " << round);
        const std::string db = (tmp.path / ("round-" + std::to_string(round) + ".db")).string();
        if (round > 0) REQUIRE(run("ingest -q --db " + quote(db) + " " + quote(one_doc)).status == 0);

        const std::string base = (tmp.path / ("r" + std::to_string(round))).string();
        std::vector<std::unique_ptr<Background>> jobs;
        jobs.push_back(std::make_unique<Background>(
            std::vector<std::string>{"ingest", "-q", "--db", db, folder.string()}, base + "-a"));
        jobs.push_back(std::make_unique<Background>(
            std::vector<std::string>{"ingest", "-q", "--db", db, folder.string()}, base + "-b"));
        jobs.push_back(std::make_unique<Background>(
            std::vector<std::string>{"report", "--db", db, "--as-of", "2026-01-01", "--format", "json"}, base + "-c"));
        for (auto& j : jobs) REQUIRE(j->wait_for(time_bound_seconds));

        for (int i = 0; i < 2; ++i) {
            INFO("ingest " << i << ": " << jobs[i]->out() << jobs[i]->err());
            CHECK(jobs[i]->signal == 0);
            CHECK(jobs[i]->status == 0);
            CHECK_FALSE(mentions_lock(jobs[i]->err()));
            CHECK(jobs[i]->out().find(" 0 rejected") != std::string::npos);
        }
        {
            auto& report = *jobs[2];
            INFO("report: " << report.out() << report.err());
            CHECK(report.signal == 0);
            CHECK_FALSE(mentions_lock(report.err()));
            if (round > 0) {
                CHECK(report.status == 0);
            } else if (report.status != 0) {
                // Before the first ingest has created the store there is nothing to report: a one-line error,
                // exit 2 when the file does not exist yet (usage), 1 when it exists without its schema yet.
                CHECK((report.status == 1 || report.status == 2));
                CHECK(report.err().find('\n') == report.err().size() - 1);
                CHECK(report.err().find("database") != std::string::npos);
            }
        }
        Db check(db);
        CHECK(check_all_or_nothing(check, documents) == documents);
        CHECK(check.one("SELECT count(*) FROM documents") == std::to_string(documents));
    }
}
