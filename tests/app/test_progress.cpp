// The ingest progress line: on a terminal once the work has run a while (files, MB/s, time left); never when
// stderr is not a terminal (cron).
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

TEST_CASE("ingest shows a progress line on a terminal and none under cron", "[app][ingest][progress]") {
    fixture::TempDir dir;
    std::filesystem::create_directories(dir.path / "m");
    for (int k = 0; k < 40; ++k) {
        char dmy[16];
        std::snprintf(dmy, sizeof dmy, "10-%02d-%04d", 1 + k % 12, 2020 + k / 12);
        dir.file("m/" + std::to_string(k) + ".txt",
                 fixture::minutes("Vejudvalget", dmy, {{1, "Vejplan", "05.01.00-P20-1-20", "Godkendt"}}));
    }
    const std::string args = "ingest --db " + cli::quote(dir.db()) + " " + cli::quote((dir.path / "m").string());
    // script(1) gives the command a terminal; with no delay every file may redraw the line.
    auto tty = cli::run("", "OPFOLG_PROGRESS_DELAY_MS=0 script -qec " +
                                cli::quote(cli::quote(OPFOLG_BINARY) + " " + args + " -j1") + " /dev/null; exit $?; ");
    INFO(tty.out << tty.err);
    CHECK(tty.status == 0);
    CHECK(tty.out.find("40/40 files") != std::string::npos);
    CHECK(tty.out.find("MB/s") != std::string::npos);
    CHECK(tty.out.find("\r") != std::string::npos);

    auto cron = cli::run("ingest --db " + cli::quote((dir.path / "b.db").string()) + " " +
                             cli::quote((dir.path / "m").string()),
                         "OPFOLG_PROGRESS_DELAY_MS=0");
    CHECK(cron.status == 0);
    CHECK(cron.err.find("MB/s") == std::string::npos);
    CHECK(cron.out.find("ingested 40 of 40 documents") == 0);
}
