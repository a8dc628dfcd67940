// `opfolg serve` beside an ingest into the same store: 50 clients load pages while the ingest writes; WAL
// readers never block the writer, so every page answers 200, the ingest completes, and nothing is lost.
#include "serve.hpp"
#include "tracker/store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <cstdio>
#include <future>
#include <mutex>

TEST_CASE("serve: 50 concurrent page loads while an ingest runs: all 200, the ingest completes, nothing lost",
          "[web][concurrency]") {
    fixture::TempDir dir;
    REQUIRE(cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(OPFOLG_SEEDS_DIR)).status == 3);
    const auto report = nlohmann::json::parse(cli::run("report --db " + cli::quote(dir.db()) + " --format json").out);
    REQUIRE(report.at("flags").size() >= 2);
    const std::string flag = report.at("flags")[0].at("id"), resolved = report.at("flags")[1].at("id");

    // 800 meetings of another committee, each with a postponed item: new flags the list must show afterwards.
    const auto more = dir.path / "more";
    std::filesystem::create_directories(more);
    const int documents = 800;
    for (int k = 0; k < documents; ++k) {
        char dmy[16], name[32];
        std::snprintf(dmy, sizeof dmy, "%02d-%02d-%d", 1 + k % 28, 1 + (k / 28) % 12, 2000 + k / 336);
        std::snprintf(name, sizeof name, "tu-%03d.txt", k);
        std::vector<fixture::ItemSpec> items;
        for (int n = 1; n <= 6; ++n)
            items.push_back({n, "Vejsag " + std::to_string(k) + "-" + std::to_string(n),
                             "05.0" + std::to_string(n) + ".00-G00-" + std::to_string(k) + "-10",
                             n == 1 ? "Udsættes" : "Taget til efterretning", {}, {}});
        std::ofstream(more / name, std::ios::binary) << fixture::minutes("Teknisk Udvalg", dmy, items);
    }

    serve::Process server({"--db", dir.db()}, dir.path.string());
    REQUIRE(server.port() > 0);

    std::atomic<bool> ingest_done{false};
    auto ingest = std::async(std::launch::async, [&] {
        auto r = cli::run("ingest -q --jobs 1 --db " + cli::quote(dir.db()) + " " + cli::quote(more.string()));
        ingest_done = true;
        return r;
    });
    // The clients start once the ingest has stored its first new meeting, so their loads meet its writes.
    auto stored_meetings = [&] {
        try {
            opfolg::tracker::Store store(dir.db(), /*read_only=*/true);
            return opfolg::tracker::list_meetings(store, "").size();
        } catch (const std::exception&) {
            return std::size_t{0};  // the ingest is migrating or creating the file
        }
    };
    for (int i = 0; i < 600 && stored_meetings() <= 4 && !ingest_done; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    std::atomic<int> loads{0}, during_ingest{0};
    std::vector<std::thread> clients;
    for (int t = 0; t < 50; ++t) {
        clients.emplace_back([&, t] {
            auto c = server.client();
            // Bounded: each client loads pages until the ingest is over, at most 40.
            for (int i = 0; i < 40 && (i == 0 || !ingest_done); ++i) {
                const std::string path = (t + i) % 3 == 0 ? "/flag/" + flag : (t + i) % 3 == 1 ? "/" : "/audit";
                const bool while_ingesting = !ingest_done;
                auto r = c.Get(path.c_str());
                ++loads;
                if (while_ingesting) ++during_ingest;  // issued while the ingest ran
                if (!r || r->status != 200) {
                    std::lock_guard<std::mutex> lock(failures_mutex);
                    failures.push_back(path + ": " + (r ? std::to_string(r->status) : httplib::to_string(r.error())));
                }
            }
        });
    }
    // One write through the server while the ingest writes too: both must land.
    auto page = server.client().Get(("/flag/" + resolved).c_str());
    REQUIRE(page);
    auto c = server.client();
    auto post = c.Post(("/flag/" + resolved + "/resolve").c_str(), {{"Cookie", serve::csrf_cookie(page)}},
                       httplib::Params{{"by", "Bo"}, {"note", "under indlæsning"}, {"csrf", serve::csrf_token(page->body)}});
    for (auto& t : clients) t.join();
    const auto ingested = ingest.get();

    INFO(server.output());
    CHECK(failures.empty());
    for (std::size_t i = 0; i < failures.size() && i < 5; ++i) UNSCOPED_INFO(failures[i]);
    CHECK(loads >= 50);
    WARN("page loads: " << loads << ", " << during_ingest << " of them issued while the ingest ran");
    CHECK(during_ingest >= 50);
    CHECK(ingested.status == 0);
    REQUIRE(post);
    CHECK(post->status == 303);

    // Nothing lost: every meeting stored, the server's resolve logged, and the list shows the new flags.
    const auto meetings = cli::run("meetings --db " + cli::quote(dir.db())).out;
    CHECK(std::count(meetings.begin(), meetings.end(), '\n') == 4 + documents);
    CHECK(cli::run("audit --db " + cli::quote(dir.db())).out.find("resolve  " + resolved) != std::string::npos);
    const auto after = nlohmann::json::parse(server.client().Get("/?format=json&committee=Teknisk%20Udvalg")->body);
    CHECK(after.at("flags").size() == documents);
    CHECK(server.stop() == 0);
}
