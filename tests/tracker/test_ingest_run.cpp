// tracker::ingest_paths: one run over files gives the summary the command line prints; with several threads
// the same summary, in file order; a second run finds every file unchanged by its stamp and relinks nothing.
#include "fixture_minutes.hpp"
#include "tracker/ingest_run.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>
#include <utime.h>

using namespace opfolg;
using namespace opfolg::tracker;

namespace {
std::vector<std::string> corpus(const fixture::TempDir& dir) {
    std::vector<std::string> files;
    files.push_back(dir.file("a.txt", fixture::minutes("Teknik- og Miljøudvalget", "10-01-2024",
                                                       {{1, "Vejplan", "05.01.00-A00-1-24", "Udsættes."}})));
    files.push_back(dir.file("b.txt", fixture::minutes("Teknik- og Miljøudvalget", "14-02-2024",
                                                       {{2, "Vejplan", "05.01.00-A00-1-24", "Godkendt.",
                                                         {"Teknik- og Miljøudvalget den 10. januar 2024 Punkt 1"}}})));
    files.push_back(dir.file("c.txt", "Dette er ikke et referat.\n"));
    // Old enough for their stamps to be recorded (a file changed in the last 2 s is read again).
    for (const auto& f : files) {
        struct utimbuf old{1'600'000'000, 1'600'000'000};
        ::utime(f.c_str(), &old);
    }
    return files;
}

std::string shape(const IngestSummary& s) {
    std::string out = std::to_string(s.files) + " files " + std::to_string(s.stored) + "/" +
                      std::to_string(s.replaced) + "/" + std::to_string(s.unchanged) + "/" +
                      std::to_string(s.rejected) + " " + std::to_string(s.meetings) + " meetings " +
                      std::to_string(s.items) + " items; links " + std::to_string(s.links.by_reference) + " " +
                      std::to_string(s.links.by_history) + " " + std::to_string(s.links.by_case_number) + ";";
    for (const auto& r : s.results) out += " " + std::filesystem::path(r.file).filename().string() + ":" + to_string(r.status);
    return out;
}

IngestSummary run(const fixture::TempDir& dir, const std::string& db, const std::vector<std::string>& files,
                  unsigned jobs, std::vector<std::size_t>* written = nullptr) {
    Store store(db);
    Committees committees(store);
    IngestRunOptions options;
    options.db_path = db;
    options.jobs = jobs;
    if (written) options.written = [written](std::size_t i) { written->push_back(i); };
    (void)dir;
    return ingest_paths(store, committees, files, options);
}
}  // namespace

TEST_CASE("ingest_paths: the same summary on one thread and on several, unchanged files skipped the second time",
          "[tracker][ingest]") {
    fixture::TempDir dir;
    const auto files = corpus(dir);
    const std::string expected = "3 files 2/0/0/1 2 meetings 2 items; links 1 0 1; a.txt:stored b.txt:stored c.txt:rejected";
    std::vector<std::size_t> order;
    CHECK(shape(run(dir, dir.db(), files, 1, &order)) == expected);
    CHECK(order == std::vector<std::size_t>{0, 1, 2});

    const std::string parallel_db = (dir.path / "parallel.db").string();
    order.clear();
    CHECK(shape(run(dir, parallel_db, files, 2, &order)) == expected);
    CHECK(order == std::vector<std::size_t>{0, 1, 2});

    // Again: a.txt and b.txt by their stamps (never read), c.txt read and rejected again; the links are counted.
    order.clear();
    auto again = run(dir, parallel_db, files, 2, &order);
    CHECK(shape(again) == "3 files 0/0/2/1 0 meetings 0 items; links 1 0 1; c.txt:rejected");
    CHECK(again.relinked == Relinked::no);
    CHECK(order == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("ingest_paths: what a run stored is in the store file before the writer closes", "[tracker][ingest]") {
    // A checkpoint beside the relink copies the run's WAL into the file (the writer's close used to do it all).
    // With the writer still open, the file itself must already hold the stored pages.
    fixture::TempDir dir;
    std::vector<std::string> files;
    const auto two_digits = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    for (int meeting = 0; meeting < 40; ++meeting) {
        const std::string date = two_digits(meeting % 28 + 1) + "-" + two_digits(meeting / 28 + 1) + "-2024";
        std::vector<fixture::ItemSpec> items;
        for (int n = 1; n <= 10; ++n) {
            fixture::ItemSpec item{n, "Sag " + std::to_string(n), "05.01.00-A00-" + std::to_string(n) + "-24",
                                   "Godkendt."};
            item.text = std::string(2000, 'x');
            items.push_back(item);
        }
        files.push_back(dir.file("m" + std::to_string(meeting) + ".txt",
                                 fixture::minutes("Teknik- og Miljøudvalget", date, items)));
    }
    Store store(dir.db());
    Committees committees(store);
    const auto file_size = [&] { return std::filesystem::file_size(dir.db()); };
    const auto before = file_size();
    IngestRunOptions options;
    options.db_path = dir.db();
    options.jobs = 2;
    const auto summary = ingest_paths(store, committees, files, options);
    REQUIRE(summary.stored == 40);
    CHECK(file_size() > before + 40 * 10 * 2000);
}
