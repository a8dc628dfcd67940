// Relinking only around the meetings stored since the last relink gives exactly the links a full relink
// computes: every row (items, reason, evidence, line), after each batch of a corpus that arrives out of date
// order, with corrected versions replacing stored minutes.
#include "fixture_minutes.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace opfolg;
using namespace opfolg::tracker;
namespace fs = std::filesystem;

namespace {
const fs::path kGen = fs::path(OPFOLG_BINARY).parent_path() / "opfolg-gen";

std::vector<std::string> rows(Store& s) {
    std::vector<std::string> out;
    Statement q(s.handle(), "SELECT later_item_id, earlier_item_id, reason, evidence, line FROM links "
                            "ORDER BY earlier_item_id, later_item_id, reason");
    while (q.step())
        out.push_back(q.text(0) + "|" + q.text(1) + "|" + q.text(2) + "|" + q.text(3) + "|" + q.text(4));
    return out;
}

// The generator's corpus (bench/) when it is built, else our own: meetings that refer back to earlier ones by
// Tidligere behandling (with and without item numbers), Sagens forløb and shared case numbers.
std::vector<std::string> corpus(const fs::path& dir) {
    std::vector<std::string> files;
    if (fs::exists(kGen)) {
        const std::string command = "'" + kGen.string() + "' --out '" + dir.string() +
                                    "' --municipalities 2 --committees 3 --years 3 --seed 21 >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
        for (const auto& e : fs::recursive_directory_iterator(dir)) {
            const auto ext = e.path().extension();
            if (e.is_regular_file() && (ext == ".txt" || ext == ".md")) files.push_back(e.path().string());
        }
    } else {
        fs::create_directories(dir);
        const char* months[] = {"januar", "februar", "marts", "april", "maj", "juni"};
        for (int k = 0; k < 36; ++k) {
            const int month = 1 + k % 6, year = 2020 + k / 6;
            std::vector<fixture::ItemSpec> items;
            for (int n = 1; n <= 3; ++n) {
                fixture::ItemSpec it{n, "Sag " + std::to_string((k + n) % 5) + " om skolernes økonomi",
                                     "17.0" + std::to_string(n) + ".00-S00-" + std::to_string((k * n) % 7) + "-20",
                                     n == 2 ? "Sagen udsættes" : "Godkendt", {}, {}};
                if (k > 0) {
                    const int pm = month == 1 ? 6 : month - 1, py = month == 1 ? year - 1 : year;
                    std::string ref = "Børneudvalget den 3. " + std::string(months[pm - 1]) + " " + std::to_string(py);
                    if (n != 3) ref += " Punkt " + std::to_string(n);
                    it.tidligere.push_back(ref);
                    char dmy[16];
                    std::snprintf(dmy, sizeof dmy, "03-%02d-%d", pm, py);
                    if (n == 2) it.forloeb.push_back(std::string(dmy) + " Børneudvalget");
                }
                items.push_back(it);
            }
            char dmy[16], name[32];
            std::snprintf(dmy, sizeof dmy, "03-%02d-%d", month, year);
            std::snprintf(name, sizeof name, "bu-%02d.txt", k);
            std::ofstream(dir / name, std::ios::binary) << fixture::minutes("Børneudvalget", dmy, items);
            files.push_back((dir / name).string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}
}  // namespace

TEST_CASE("relinking around new meetings equals a full relink", "[tracker][linker][incremental]") {
    fixture::TempDir dir;
    const auto files = corpus(dir.path / "corpus");
    REQUIRE(files.size() > 30);
    Store store(dir.db());
    Committees committees(store);
    if (fs::exists(dir.path / "corpus" / "committees.conf"))
        committees.apply(load_committee_config((dir.path / "corpus" / "committees.conf").string()));

    auto check_equal_to_full = [&](Relinked expected) {
        Relinked how = Relinked::no;
        const LinkStats incremental = relink_if_changed(store, default_title_threshold, &how);
        CHECK(how == expected);
        const auto after_incremental = rows(store);
        const LinkStats full = relink(store);
        CHECK(rows(store) == after_incremental);
        CHECK(incremental.by_reference == full.by_reference);
        CHECK(incremental.by_history == full.by_history);
        CHECK(incremental.by_case_number == full.by_case_number);
        return after_incremental.size();
    };

    // Four batches, each a stride through the files: meetings arrive before and after those they refer to.
    std::size_t links = 0;
    for (std::size_t batch = 0; batch < 4; ++batch) {
        INFO("batch " << batch);
        Ingestor ingestor(store, committees);
        for (std::size_t i = batch; i < files.size(); i += 4)
            REQUIRE(ingestor.ingest_file(files[i]).status == IngestResult::Status::stored);
        links = check_equal_to_full(batch == 0 ? Relinked::all : Relinked::new_meetings);
    }
    CHECK(links > files.size() / 2);

    // Corrected versions (one more line at the end) replace every fifth document.
    {
        Ingestor ingestor(store, committees);
        for (std::size_t i = 0; i < files.size(); i += 5) {
            std::ifstream in(files[i], std::ios::binary);
            std::ostringstream text;
            text << in.rdbuf();
            REQUIRE(ingestor.ingest_bytes(text.str() + "\nRettet efter modet.\n", files[i] + ".rettet").status ==
                    IngestResult::Status::replaced);
        }
    }
    check_equal_to_full(Relinked::new_meetings);
    check_equal_to_full(Relinked::no);
}
