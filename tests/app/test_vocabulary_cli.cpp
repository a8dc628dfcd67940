// The vocabulary through the command line: ingest classifies with the rules' words, explain cites the phrase
// and its row, and a clerk's edit of the vocabulary takes effect at the next report (stored decisions are
// classified again from their text, with a one-line notice).
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

using json = nlohmann::ordered_json;

namespace {
const std::string default_rules = std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules";

json report(const std::string& db, const std::string& rules, std::string* err = nullptr) {
    auto r = cli::run("report --db " + cli::quote(db) + rules + " --as-of 2025-06-01 --format json");
    INFO(r.err);
    REQUIRE(r.status == 0);
    if (err) *err = r.err;
    return json::parse(r.out);
}
}  // namespace

TEST_CASE("explain cites the phrase and the vocabulary row, and an edited vocabulary reclassifies the store",
          "[app][vocabulary]") {
    fixture::TempDir dir;
    auto minutes = dir.file("referat.txt", fixture::minutes("Teknik- og Miljøudvalget", "14-01-2025",
                                                             {{1, "Cykelsti", "", "Sagen genoptages på næste møde."},
                                                              {2, "Skiltning", "", "Afventer nyt oplæg."}}));
    auto ingest = cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(minutes));
    INFO(ingest.out << ingest.err);
    REQUIRE(ingest.status == 0);

    const json before = report(dir.db(), "");
    REQUIRE(before.at("flags").size() == 1);
    const std::string id = before.at("flags").at(0).at("id");
    auto explain = cli::run("explain " + id + " --db " + cli::quote(dir.db()) + " --as-of 2025-06-01");
    INFO(explain.err);
    REQUIRE(explain.status == 0);
    const auto line = explain.out.find("classified postponed by phrase 'sagen genoptages på næste møde' at ");
    REQUIRE(line != std::string::npos);
    CHECK(explain.out.find("default.rules:", line) != std::string::npos);

    // The clerk's own profile: the default plus one of the town's words.
    auto profile = dir.file("town.rules", "include \"" + default_rules + "\"" +
                                               "\nvocabulary {\n  \"afventer\" -> postponed\n}\n");
    std::string err;
    const json after = report(dir.db(), " --rules " + cli::quote(profile), &err);
    CHECK(err.find("2 stored decisions classified again, 1 changed class") != std::string::npos);
    CHECK(after.at("flags").size() == 2);
    report(dir.db(), " --rules " + cli::quote(profile), &err);
    CHECK(err.empty());  // classified once
    const json back = report(dir.db(), "", &err);  // back to the default words
    CHECK(back.at("flags").size() == 1);
    CHECK(err.find("1 changed class") != std::string::npos);
}

TEST_CASE("ingest --rules classifies new documents with the profile's words, and bad rules are a usage error",
          "[app][vocabulary]") {
    fixture::TempDir dir;
    auto profile = dir.file("town.rules", "include \"" + default_rules + "\"" +
                                               "\nvocabulary {\n  \"afventer\" -> postponed\n}\n");
    auto minutes = dir.file("referat.txt", fixture::minutes("Teknik- og Miljøudvalget", "14-01-2025",
                                                             {{1, "Skiltning", "", "Afventer nyt oplæg."}}));
    auto ingest = cli::run("ingest -q --db " + cli::quote(dir.db()) + " --rules " + cli::quote(profile) + " " +
                           cli::quote(minutes));
    INFO(ingest.out << ingest.err);
    REQUIRE(ingest.status == 0);
    auto items = cli::run("items --class postponed --db " + cli::quote(dir.db()));
    CHECK(items.out.find("Skiltning") != std::string::npos);

    // The same profile chosen once in the environment (the cron job's OPFOLG_RULES): no reclassification.
    auto report = cli::run("report --db " + cli::quote(dir.db()) + " --as-of 2025-06-01 --format json",
                           "OPFOLG_RULES=" + cli::quote(profile));
    INFO(report.err);
    CHECK(report.err.empty());
    CHECK(json::parse(report.out).at("flags").size() == 1);

    auto bad = dir.file("bad.rules", "vocabulary {\n  \"udsat\" -> postpond\n}\n");
    auto r = cli::run("ingest -q --db " + cli::quote(dir.db()) + " --rules " + cli::quote(bad) + " " +
                      cli::quote(minutes));
    CHECK(r.status == 2);
    CHECK(r.err.find("bad.rules:2:") != std::string::npos);
    CHECK(r.err.find("unknown decision class 'postpond'") != std::string::npos);
}
