// Replacement through the command line: named on stderr, listed by `meetings --history`, shown by `document`,
// and `ingest --dry-run` prints what would happen without writing a byte.
#include "read_file.hpp"
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace {
std::string minutes(const std::string& time, const std::string& decision) {
    return "\nREFERAT Vejudvalget d. 12-03-2024\n\nMødedato Tirsdag d. 12-03-2024 kl. " + time +
           "\n\nMødested Rådhuset\n\nPunkt 1: Cykelsti langs åen\n\n05.01.00-P20-1-24\n\nSagsfremstilling\n\n"
           "Forvaltningen har udarbejdet et notat.\n\nBeslutning\n\n" + decision + "\n\n";
}

using testfs::read_file;
}  // namespace

TEST_CASE("cli: a corrected version is named, kept as history and shown, and a dry run writes nothing", "[app][identity]") {
    fixture::TempDir dir;
    const std::string db = cli::quote(dir.db());
    std::filesystem::create_directories(dir.path / "v1");
    std::filesystem::create_directories(dir.path / "v2");
    const auto first = dir.file("v1/vej.txt", minutes("13:00", "Udsættes."));
    dir.file("v1/vej-aften.txt", minutes("17:00", "Godkendt."));
    auto r = cli::run("ingest --db " + db + " " + cli::quote((dir.path / "v1").string()));
    INFO(r.out << r.err);
    REQUIRE(r.status == 0);
    CHECK(r.out.rfind("ingested 2 of 2 documents (0 unchanged, 0 replaced, 0 rejected)", 0) == 0);

    // The corrected 13:00 version, first as a dry run: the store file is not touched.
    const auto corrected = dir.file("v2/vej-rettet.txt", minutes("13:00", "Udsættes til næste møde."));
    const std::string before = read_file(dir.db());
    auto dry = cli::run("ingest --dry-run --db " + db + " " + cli::quote((dir.path / "v2").string()));
    INFO(dry.out << dry.err);
    CHECK(dry.status == 0);
    CHECK(dry.out.find("would replace: " + first) != std::string::npos);
    CHECK(dry.out.find("dry run, nothing written: ingested 1 of 1 documents (0 unchanged, 1 replaced") !=
          std::string::npos);
    CHECK(read_file(dir.db()) == before);
    // A dry run against a store that does not exist creates none.
    auto none = cli::run("ingest --dry-run --db " + cli::quote((dir.path / "absent.db").string()) + " " +
                         cli::quote(corrected));
    CHECK(none.out.find("would store: " + corrected) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path / "absent.db"));

    auto real = cli::run("ingest --db " + db + " " + cli::quote((dir.path / "v2").string()));
    INFO(real.out << real.err);
    CHECK(real.status == 0);
    CHECK(real.err.find("replaced: " + first + " (") != std::string::npos);
    CHECK(real.err.find(") by " + corrected) != std::string::npos);

    auto meetings = cli::run("meetings --history --db " + db);
    INFO(meetings.out << meetings.err);
    CHECK(meetings.out.find("2024-03-12 13:00  Vejudvalget  1 items  " + corrected) != std::string::npos);
    CHECK(meetings.out.find("2024-03-12 17:00  Vejudvalget") != std::string::npos);
    const auto replaced_line = meetings.out.find("    replaced ");
    REQUIRE(replaced_line != std::string::npos);
    CHECK(meetings.out.find(first, replaced_line) != std::string::npos);
    const auto id_at = meetings.out.find(": document ", replaced_line);
    REQUIRE(id_at != std::string::npos);
    const std::string old_id = meetings.out.substr(id_at + 11, meetings.out.find(' ', id_at + 11) - id_at - 11);

    // The replaced version by its id: what it said, and what replaced it.
    auto doc = cli::run("document " + old_id + " --db " + db);
    INFO(doc.out << doc.err);
    CHECK(doc.status == 0);
    CHECK(doc.out.find("document " + old_id + ": " + first) != std::string::npos);
    CHECK(doc.out.find("by document 3  " + corrected) != std::string::npos);
    CHECK(doc.out.find("Beslutning (line ") != std::string::npos);
    CHECK(doc.out.find("postponed): Udsættes.") != std::string::npos);
    CHECK(cli::run("document 999 --db " + db).status == 2);
}
