// The kept open flags from the command line: ingest builds them, a report reads them, a resolve queues its item
// and the next report refreshes it; a reader who may not write the store gets the same report, evaluated in full.
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {
std::string report(const std::string& db, const std::string& as_of, const std::string& env = "") {
    auto r = cli::run("report --db " + cli::quote(db) + " --as-of " + as_of + " --format csv", env);
    REQUIRE(r.status == 0);
    return r.out;
}
std::size_t rows(const std::string& csv) {
    std::size_t n = 0;
    for (char c : csv) n += c == '\n';
    return n;
}
}  // namespace

TEST_CASE("a resolve is in the next report, and a reader who may not write gets the same flags", "[app][flags]") {
    fixture::TempDir dir;
    const std::string db = dir.db();
    REQUIRE(cli::run("ingest -q --db " + cli::quote(db) + " " + cli::quote(OPFOLG_SEEDS_DIR)).status == 3);
    const std::string before = report(db, "2027-01-01");
    REQUIRE(rows(before) > 3);
    const std::string id = before.substr(before.find('\n') + 1, 10);

    REQUIRE(cli::run("resolve --db " + cli::quote(db) + " " + id + " --by Revisor --note \"behandlet 2026\"").status == 0);
    auto debug = cli::run("report --db " + cli::quote(db) + " --as-of 2027-01-01 --format csv", "OPFOLG_LOG=debug");
    CHECK(debug.err.find("open flags: refreshed 1 items") != std::string::npos);
    CHECK(rows(debug.out) == rows(before) - 1);
    CHECK(debug.out.find(id) == std::string::npos);

    // Queue the item again (unresolve), then read as a user who may not write the store: the full evaluation.
    REQUIRE(cli::run("unresolve --db " + cli::quote(db) + " " + id + " --by Revisor --note fortrudt").status == 0);
    if (::geteuid() != 0 || std::system("command -v setpriv >/dev/null 2>&1") != 0) {
        WARN("the read-only half is skipped: it needs root and setpriv to drop to nobody");
        return;
    }
    // nobody may create the WAL's shared-memory file beside the store, not write the store itself.
    fs::permissions(dir.path, fs::perms::all);
    const std::string as_nobody = "OPFOLG_LOG=debug setpriv --reuid=nobody --regid=nogroup --clear-groups --";
    if (cli::run("--version", as_nobody).status != 0) {
        WARN("the read-only half is skipped: user nobody cannot run " << OPFOLG_BINARY);
        return;
    }
    auto reader = cli::run("report --db " + cli::quote(db) + " --as-of 2027-01-01 --format csv", as_nobody);
    REQUIRE(reader.status == 0);
    CHECK(reader.err.find("open flags: not refreshed") != std::string::npos);
    CHECK(reader.out == before);  // unresolved: the flag is back, from the full evaluation
    CHECK(report(db, "2027-01-01") == before);  // and from the kept flags, refreshed by a user who may write
}

namespace {
// The flag ids of a report, in its order: CSV's first column, JSON's "id" members, Markdown's Id column.
std::vector<std::string> csv_ids(const std::string& csv) {
    std::vector<std::string> ids;
    for (std::size_t line = csv.find('\n'); line != std::string::npos && line + 1 < csv.size();
         line = csv.find('\n', line + 1))
        ids.push_back(csv.substr(line + 1, csv.find(',', line + 1) - line - 1));
    return ids;
}
std::vector<std::string> json_ids(const std::string& json) {
    std::vector<std::string> ids;
    const std::string key = "\"id\": \"";
    for (std::size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
        const std::size_t start = at + key.size();
        ids.push_back(json.substr(start, json.find('"', start) - start));
    }
    return ids;
}
std::vector<std::string> markdown_ids(const std::string& markdown) {
    std::vector<std::string> ids;
    std::size_t start = 0;
    for (std::size_t end; (end = markdown.find('\n', start)) != std::string::npos; start = end + 1) {
        const std::string line = markdown.substr(start, end - start);
        if (line.rfind("| overskredet |", 0) != 0 && line.rfind("| afventer |", 0) != 0) continue;
        // "... | <id> | <source> |": the second-to-last cell.
        const std::size_t last = line.rfind(" | ", line.size() - 3);
        const std::size_t before = line.rfind(" | ", last - 1);
        ids.push_back(line.substr(before + 3, last - before - 3));
    }
    std::sort(ids.begin(), ids.end());
    return ids;
}
}  // namespace

TEST_CASE("the lists written as the flags are read hold what the collected report holds, filters included",
          "[app][flags]") {
    fixture::TempDir dir;
    const std::string db = dir.db();
    REQUIRE(cli::run("ingest -q --db " + cli::quote(db) + " " + cli::quote(OPFOLG_SEEDS_DIR)).status == 3);
    for (const std::string filter : {"", "--status overdue", "--status pending", "--committee BESKÆFTIGELSES",
                                     "--since 2019-06-01 --severity high", "--rule postponed-not-resumed"}) {
        INFO("filter: " << filter);
        const std::string common = "report --db " + cli::quote(db) + " --as-of 2020-01-01 " + filter;
        auto csv = cli::run(common + " --format csv");
        auto json = cli::run(common + " --format json");
        auto markdown = cli::run(common + " --format markdown");
        REQUIRE(csv.status == 0);
        REQUIRE(json.status == 0);
        REQUIRE(markdown.status == 0);
        const auto ids = csv_ids(csv.out);
        CHECK(json_ids(json.out) == ids);
        auto sorted = ids;
        std::sort(sorted.begin(), sorted.end());
        CHECK(markdown_ids(markdown.out) == sorted);
        if (filter.empty()) CHECK(ids.size() > 3);
    }
}
