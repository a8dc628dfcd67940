// A first ingest's store is built aside and moved into place complete (tracker/new_store_build.hpp).
#include "fixture_minutes.hpp"
#include "fixture_store.hpp"
#include "tracker/new_store_build.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/store.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <future>

using namespace opfolg;
using namespace opfolg::tracker;
using fixture::one;
namespace fs = std::filesystem;

namespace {
std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST_CASE("a new store is built aside, then moved into place in WAL mode with nothing left beside it",
          "[tracker][store][build]") {
    fixture::TempDir dir;
    const std::string db = (dir.path / "opfolg.db").string();
    auto build = NewStoreBuild::begin(db);
    REQUIRE(build);
    CHECK(build->path() == db + ".build");
    std::optional<Store> store;
    store.emplace(build->path(), false, Store::Journal::building);
    CHECK(store->building());
    CHECK(one(*store, "PRAGMA journal_mode") == "memory");
    CHECK(one(*store, "PRAGMA synchronous") == "0");
    exec(store->handle(), "INSERT INTO committees(name, key) VALUES('Skoleudvalget', 'skoleudvalget')");
    CHECK_FALSE(fs::exists(db));  // nothing at the destination until the build is complete
    build->finish(store);
    CHECK_FALSE(store);
    build.reset();
    CHECK(files_in(dir.path) == std::vector<std::string>{"opfolg.db"});
    Store done(db);
    CHECK(one(done, "PRAGMA journal_mode") == "wal");
    CHECK(one(done, "SELECT name FROM committees") == "Skoleudvalget");
    // A store that is there is ingested into, not built.
    CHECK_FALSE(NewStoreBuild::begin(db));
    CHECK_FALSE(NewStoreBuild::begin(":memory:"));
}

TEST_CASE("a build that does not finish leaves nothing, and one left by a dead run is removed by the next",
          "[tracker][store][build]") {
    fixture::TempDir dir;
    const std::string db = (dir.path / "opfolg.db").string();
    {
        auto build = NewStoreBuild::begin(db);
        REQUIRE(build);
        std::optional<Store> store;
        store.emplace(build->path(), false, Store::Journal::building);
        exec(store->handle(), "INSERT INTO committees(name, key) VALUES('Skoleudvalget', 'skoleudvalget')");
        store.reset();  // a failed run: its Store goes first, then the build
    }
    CHECK(files_in(dir.path).empty());

    // What a killed run leaves: its build (any bytes) and the lock file, unlocked since its holder is gone.
    dir.file("opfolg.db.build", "half a database");
    dir.file("opfolg.db.build-journal", "x");
    dir.file("opfolg.db.build-lock", "");
    auto build = NewStoreBuild::begin(db);
    REQUIRE(build);
    CHECK_FALSE(fs::exists(db + ".build"));
    CHECK_FALSE(fs::exists(db + ".build-journal"));
    std::optional<Store> store;
    store.emplace(build->path(), false, Store::Journal::building);
    build->finish(store);
    build.reset();
    CHECK(files_in(dir.path) == std::vector<std::string>{"opfolg.db"});
}

TEST_CASE("a second first ingest of the same store waits for the first, then ingests into its store",
          "[tracker][store][build]") {
    fixture::TempDir dir;
    const std::string db = (dir.path / "opfolg.db").string();
    auto first = NewStoreBuild::begin(db);
    REQUIRE(first);
    auto second = std::async(std::launch::async, [&] { return NewStoreBuild::begin(db).has_value(); });
    CHECK(second.wait_for(std::chrono::milliseconds(200)) == std::future_status::timeout);
    std::optional<Store> store;
    store.emplace(first->path(), false, Store::Journal::building);
    first->finish(store);
    first.reset();
    CHECK_FALSE(second.get());  // the store is there now: no second build
    CHECK(files_in(dir.path) == std::vector<std::string>{"opfolg.db"});
}
