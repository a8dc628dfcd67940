// ingest --jobs N: documents parsed on N threads and written in file order give the same store, the same
// output and the same exit code as --jobs 1; an unchanged folder is skipped by its files' stamps.
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include "tracker/ingest_pool.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace {
const fs::path kGen = fs::path(OPFOLG_BINARY).parent_path() / "opfolg-gen";

// Every row of every table the linker and the rules read (documents without ingested_at), in id order.
std::string dump(const std::string& db) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::string out;
    for (const char* sql :
         {"SELECT id, path, sha256, size, rendering, encoding, warnings FROM documents ORDER BY id",
          "SELECT * FROM committees ORDER BY id", "SELECT * FROM committee_aliases ORDER BY key",
          "SELECT * FROM meetings ORDER BY id", "SELECT * FROM participants ORDER BY rowid",
          "SELECT * FROM items ORDER BY id", "SELECT * FROM decisions ORDER BY id", "SELECT * FROM refs ORDER BY id",
          "SELECT * FROM deadlines ORDER BY id", "SELECT * FROM links ORDER BY earlier_item_id, later_item_id, reason",
          "SELECT rowid, title FROM items_fts ORDER BY rowid"}) {
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(h, sql, -1, &s, nullptr) == SQLITE_OK);
        out += std::string("-- ") + sql + "\n";
        while (sqlite3_step(s) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const unsigned char* t = sqlite3_column_text(s, c);
                out += t ? reinterpret_cast<const char*>(t) : "NULL";
                out += '|';
            }
            out += '\n';
        }
        sqlite3_finalize(s);
    }
    sqlite3_close(h);
    return out;
}

struct Corpus {
    std::string as_of;
    int corrected = 0;  // originals with a corrected version in the same folder (the first run replaces them)
    bool generated = false;
};

// A folder of minutes: the generator's corpus when it is built (bench/), else our own documents with
// references, corrected versions and Danish letters.
Corpus make_corpus(const fs::path& dir) {
    if (fs::exists(kGen)) {
        auto gen = cli::run("", cli::quote(kGen.string()) + " --out " + cli::quote(dir.string()) +
                                    " --committees 3 --years 2 --seed 7 >/dev/null; exit $?; ");
        REQUIRE(gen.status == 0);
        Corpus c;
        std::ifstream(dir / "as_of") >> c.as_of;
        c.generated = true;
        return c;
    }
    Corpus c{"2025-06-01", 0, false};
    fs::create_directories(dir);
    for (int k = 0; k < 60; ++k) {
        const int month = 1 + k % 12, year = 2020 + k / 12;
        char dmy[16];
        std::snprintf(dmy, sizeof dmy, "%02d-%02d-%d", 10, month, year);
        std::vector<fixture::ItemSpec> items;
        for (int n = 1; n <= 4; ++n) {
            fixture::ItemSpec it{n, "Sag " + std::to_string((k + n) % 9) + " om økonomi og vejområdet",
                                 "00.0" + std::to_string(n) + ".00-S00-" + std::to_string((k + n) % 9) + "-20",
                                 n % 2 ? "Godkendt" : "Sagen udsættes til næste møde", {}, {}};
            if (k > 0) {
                char prev[64];
                std::snprintf(prev, sizeof prev, "Teknisk Udvalg den 10. %s %d Punkt %d",
                              std::array<const char*, 12>{"januar", "februar", "marts", "april", "maj", "juni", "juli",
                                                          "august", "september", "oktober", "november",
                                                          "december"}[(month + 10) % 12],
                              month == 1 ? year - 1 : year, n);
                it.tidligere.push_back(prev);
            }
            items.push_back(it);
        }
        char name[32];
        std::snprintf(name, sizeof name, "tu-%03d.txt", k);
        std::ofstream(dir / name, std::ios::binary) << fixture::minutes("Teknisk Udvalg", dmy, items);
        if (k % 10 == 3) {  // a corrected version, after the original in file order
            items[0].decision = "Godkendt med bemærkninger";
            std::snprintf(name, sizeof name, "tu-%03d-rettet.txt", k);
            std::ofstream(dir / name, std::ios::binary) << fixture::minutes("Teknisk Udvalg", dmy, items);
            ++c.corrected;
        }
    }
    return c;
}

std::size_t count_files(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        const auto ext = e.path().extension();
        if (e.is_regular_file() && (ext == ".txt" || ext == ".md")) ++n;
    }
    return n;
}
}  // namespace

TEST_CASE("ingest --jobs 2 stores, prints and exits exactly as --jobs 1", "[app][ingest][parallel]") {
    fixture::TempDir dir;
    const fs::path corpus = dir.path / "corpus";
    const Corpus made = make_corpus(corpus);
    const std::string& as_of = made.as_of;
    // Unreadable as minutes, in the middle of the file order: reported in order, exit 3.
    std::ofstream(corpus / "m-000-bilag.txt", std::ios::binary) << std::string("\x89PNG\r\n\x1a\n\0\0\0", 11);
    std::ofstream(corpus / "m-001-budgetnotat.txt", std::ios::binary) << "Budgetnotat\n\nIngen punkter her.\n";
    const std::size_t files = count_files(corpus);
    REQUIRE(files > 40);
    const std::string conf = fs::exists(corpus / "committees.conf")
                                 ? " --committees " + cli::quote((corpus / "committees.conf").string())
                                 : std::string();

    const std::string one = (dir.path / "one.db").string(), two = (dir.path / "two.db").string();
    auto sequential = cli::run("ingest --jobs 1 --db " + cli::quote(one) + conf + " " + cli::quote(corpus.string()));
    auto parallel = cli::run("ingest -j2 --db " + cli::quote(two) + conf + " " + cli::quote(corpus.string()));
    INFO(sequential.out);
    CHECK(sequential.status == 3);
    CHECK(parallel.status == 3);
    CHECK(parallel.out == sequential.out);
    CHECK(parallel.err == sequential.err);  // warnings, in file order
    CHECK(sequential.out.find("rejected: " + (corpus / "m-000-bilag.txt").string() + ":") != std::string::npos);
    CHECK(sequential.out.find("rejected: " + (corpus / "m-001-budgetnotat.txt").string() + ":") !=
          std::string::npos);
    CHECK(sequential.out.find("2 rejected") != std::string::npos);
    CHECK(dump(two) == dump(one));

    auto report = [&](const std::string& db) {
        auto r = cli::run("report --db " + cli::quote(db) + " --as-of " + as_of + " --format csv");
        REQUIRE(r.status == 0);
        return r.out;
    };
    const std::string csv = report(one);
    if (made.generated) CHECK(std::count(csv.begin(), csv.end(), '\n') > 3);
    CHECK(report(two) == csv);

    // Again: the unchanged files are skipped, a corrected pair's replaced version stays history (it no longer
    // replaces its correction on every run), the rejections come again, and the link counts are those of the
    // first run.
    auto again1 = cli::run("ingest -j1 --db " + cli::quote(one) + " " + cli::quote(corpus.string()));
    auto again2 = cli::run("ingest -j2 --db " + cli::quote(two) + " " + cli::quote(corpus.string()));
    CHECK(again1.status == 3);
    CHECK(again2.status == 3);
    CHECK(again2.out == again1.out);
    const int replaced = 0;
    CHECK(again2.out.rfind("ingested " + std::to_string(replaced) + " of " + std::to_string(files) + " documents (" +
                               std::to_string(files - 2 - replaced) + " unchanged, " + std::to_string(replaced) +
                               " replaced, 2 rejected)",
                           0) == 0);
    const std::string links = sequential.out.substr(sequential.out.find("; links:"));
    CHECK(again2.out.substr(again2.out.find("; links:")) == links);
    CHECK(dump(two) == dump(one));
}

TEST_CASE("ingest skips files by their stamp, and reads them again when touched or edited", "[app][ingest][stamp]") {
    fixture::TempDir dir;
    const fs::path folder = dir.path / "minutes";
    fs::create_directories(folder);
    const auto past = fs::file_time_type::clock::now() - std::chrono::hours(1);
    auto write = [&](const std::string& name, const std::string& decision, fs::file_time_type when) {
        const fs::path p = folder / name;
        std::ofstream(p, std::ios::binary)
            << fixture::minutes("Teknisk Udvalg", "10-01-2024",
                                {{1, "Cykelsti langs Åvej", "01.02.03-P20-1-24", decision, {}, {}}});
        fs::last_write_time(p, when);
        return p;
    };
    const fs::path a = write("a.txt", "Godkendt", past);
    const std::string db = cli::quote(dir.db()), args = " " + cli::quote(folder.string());
    for (const char* jobs : {" -j1", " -j2"}) {
        INFO(jobs);
        fixture::TempDir fresh;
        const std::string db2 = cli::quote(fresh.db());
        write("a.txt", "Godkendt", past);
        REQUIRE(cli::run("ingest -q" + std::string(jobs) + " --db " + db2 + args).status == 0);
        // Other bytes of the same size under the old mtime are not read: proof that the file was skipped.
        write("a.txt", "Afvises.", past);
        auto skipped = cli::run("ingest -q" + std::string(jobs) + " --db " + db2 + args);
        CHECK(skipped.out.rfind("ingested 0 of 1 documents (1 unchanged", 0) == 0);
        // The same edit with a new mtime is read and replaces the stored minutes.
        write("a.txt", "Afvises.", past + std::chrono::minutes(1));
        auto edited = cli::run("ingest -q" + std::string(jobs) + " --db " + db2 + args);
        CHECK(edited.out.rfind("ingested 1 of 1 documents (0 unchanged, 1 replaced", 0) == 0);
        // Touched only: read, found unchanged by content.
        fs::last_write_time(a, past + std::chrono::minutes(2));
        auto touched = cli::run("ingest -q" + std::string(jobs) + " --db " + db2 + args);
        CHECK(touched.out.rfind("ingested 0 of 1 documents (1 unchanged", 0) == 0);
    }
    (void)db;
}

TEST_CASE("prepare_in_order writes in order and carries a worker's exception to the writer", "[app][ingest][pool]") {
    using opfolg::tracker::PreparedDocument;
    for (unsigned workers : {1u, 2u, 4u}) {
        INFO(workers);
        std::vector<std::size_t> written;
        std::atomic<int> made{0};
        opfolg::tracker::prepare_in_order(
            500, workers,
            [&] {
                ++made;
                return [](std::size_t i) {
                    PreparedDocument d;
                    d.path = std::to_string(i);
                    return d;
                };
            },
            [&](std::size_t i, PreparedDocument&& d) {
                CHECK(d.path == std::to_string(i));
                written.push_back(i);
            });
        REQUIRE(written.size() == 500);
        for (std::size_t i = 0; i < written.size(); ++i) CHECK(written[i] == i);
        CHECK(made == static_cast<int>(workers));

        written.clear();
        auto failing = [&] {
            opfolg::tracker::prepare_in_order(
                100, workers,
                [] {
                    return [](std::size_t i) -> PreparedDocument {
                        if (i == 37) throw std::runtime_error("worker failed on 37");
                        return {};
                    };
                },
                [&](std::size_t i, PreparedDocument&&) { written.push_back(i); });
        };
        CHECK_THROWS_WITH(failing(), "worker failed on 37");
        CHECK(written.size() == 37);  // everything before it was written, nothing after
    }
}
