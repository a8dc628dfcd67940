// OPFOLG_LOG: stage diagnostics on stderr through spdlog; stdout (the report, the ingest summary) is unchanged.
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>

namespace {
std::string seeds() { return cli::quote(OPFOLG_SEEDS_DIR); }
}  // namespace

TEST_CASE("OPFOLG_LOG=debug names each stage on stderr and leaves stdout as it was", "[app][logging]") {
    fixture::TempDir quiet_dir, debug_dir;
    auto quiet_ingest = cli::run("ingest --db " + cli::quote(quiet_dir.db()) + " " + seeds());
    auto debug_ingest = cli::run("ingest --db " + cli::quote(debug_dir.db()) + " " + seeds(), "OPFOLG_LOG=debug");
    CHECK(debug_ingest.status == quiet_ingest.status);
    CHECK(debug_ingest.out == quiet_ingest.out);
    CHECK(quiet_ingest.err.find("debug:") == std::string::npos);
    CHECK(debug_ingest.err.find("opfolg: debug: ingest: 5 files") != std::string::npos);
    CHECK(debug_ingest.err.find("4 stored, 0 replaced, 0 unchanged, 1 rejected") != std::string::npos);
    CHECK(debug_ingest.err.find("opfolg: debug: relink: ") != std::string::npos);
    // The first ingest builds the kept open flags; the report then only reads them.
    CHECK(debug_ingest.err.find("opfolg: debug: open flags: rebuilt ") != std::string::npos);

    const std::string report = "report --db " + cli::quote(debug_dir.db()) + " --as-of 2026-11-23 --format csv";
    auto quiet_report = cli::run(report);
    auto debug_report = cli::run(report, "OPFOLG_LOG=debug");
    REQUIRE(quiet_report.status == 0);
    CHECK(debug_report.out == quiet_report.out);
    CHECK(debug_report.err.find("open flags: ") != std::string::npos);
    CHECK(debug_report.err.find(" read as of 2026-11-23 in ") != std::string::npos);
    CHECK(debug_report.err.find("render csv: ") != std::string::npos);

    // explain needs the candidates: it loads and evaluates them.
    auto explain = cli::run("explain --db " + cli::quote(debug_dir.db()) + " --as-of 2026-11-23 0000000000",
                            "OPFOLG_LOG=debug");
    CHECK(explain.err.find("load_candidates: ") != std::string::npos);
    CHECK(explain.err.find("scope: classes postponed,new_case,returned + item-text promises") != std::string::npos);
    CHECK(explain.err.find("evaluate: 4 rules, ") != std::string::npos);
}

TEST_CASE("an unknown OPFOLG_LOG level is one warning, and the command still runs", "[app][logging]") {
    auto r = cli::run("--version", "OPFOLG_LOG=loud");
    CHECK(r.status == 0);
    CHECK(r.out.find("opfolg 0.1.0") != std::string::npos);
    CHECK(r.err == "opfolg: warning: OPFOLG_LOG=loud is not a level (trace, debug, info, warn, error, off); using warn\n");
}
