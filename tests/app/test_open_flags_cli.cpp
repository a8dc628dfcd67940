// The kept open flags from the command line: ingest builds them, a report reads them, a resolve queues its item
// and the next report refreshes it; a reader who may not write the store gets the same report, evaluated in full.
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
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
