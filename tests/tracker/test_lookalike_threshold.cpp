// A rejected look-alike is explained with the title threshold the linker used (ingest --title-similarity),
// not the compiled-in default.
#include "fixture_minutes.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::tracker;

TEST_CASE("rejected look-alikes name the threshold of the last relink", "[tracker][links]") {
    fixture::TempDir dir;
    Store store(dir.db());
    Committees committees(store);
    {
        Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(fixture::minutes("Skoleudvalget", "10-01-2024",
                                                       {{1, "Skolestruktur i Vest", "17.00.00-A00-1-24", "Udsættes."}}),
                                      "a.txt").status == IngestResult::Status::stored);
        REQUIRE(ingestor.ingest_bytes(fixture::minutes("Skoleudvalget", "14-02-2024",
                                                       {{2, "Skolestruktur i Øst", "17.00.00-A00-1-24", "Godkendt."}}),
                                      "b.txt").status == IngestResult::Status::stored);
    }
    relink(store, 0.95);  // the titles are similar, but not this similar
    date::year_month_day as_of{};
    REQUIRE(dates::parse_date("2024-12-31", as_of));
    auto candidates = load_candidates(store, as_of);
    REQUIRE_FALSE(candidates.empty());
    const auto& later = candidates[0].later;
    REQUIRE(later.size() == 1);
    CHECK_FALSE(later[0].accepted);
    CHECK(later[0].reason == LinkReason::none);
    CHECK(later[0].evidence.find("is below the threshold 0.95") != std::string::npos);
}
