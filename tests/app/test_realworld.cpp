// End to end on other municipalities' real minutes (../shared/realworld, read by path, never copied):
// Greve's FirstAgenda JSON and Aarhus's publication page. Skipped with a message when the folder is absent.
#include "../tracker/fixture_minutes.hpp"
#include "run.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

using json = nlohmann::ordered_json;

namespace {
const std::string realworld = OPFOLG_REALWORLD_DIR;

bool have(const std::string& sub) {
    if (std::filesystem::exists(realworld + "/" + sub)) return true;
    WARN("skipped: " << realworld << "/" << sub << " is not there");
    return false;
}

std::string key(const json& f) {
    return f.at("committee").get<std::string>() + " " + f.at("meeting_date").get<std::string>() + " " +
           std::to_string(f.at("item_number").get<int>());
}
}  // namespace

namespace {
// The Greve acceptance checks, with the rules (and so the vocabulary) given by `rules` ("" = the default).
void check_greve(const std::string& rules) {
    fixture::TempDir dir;
    auto ingest = cli::run("ingest --db " + cli::quote(dir.db()) + rules + " " + cli::quote(realworld + "/greve"));
    INFO(ingest.out << ingest.err);
    REQUIRE(ingest.status == 0);
    CHECK(ingest.out.find("ingested 111 of 111 documents") != std::string::npos);
    CHECK(ingest.out.find("111 meetings, 1114 items") != std::string::npos);

    auto r = cli::run("report --db " + cli::quote(dir.db()) + rules + " --as-of 2025-12-01 --format json");
    INFO(r.err);
    REQUIRE(r.status == 0);
    CHECK(r.err.find("classified again") == std::string::npos);  // ingest stored the classes of this vocabulary
    std::map<std::string, std::set<std::string>> rules_by_item;
    const json report = json::parse(r.out);
    for (const auto& f : report.at("flags"))
        rules_by_item[key(f)].insert(f.at("rule").get<std::string>() + "/" + f.at("status").get<std::string>());

    // "Sagen genoptages på næste ordinære møde", never treated again.
    CHECK(rules_by_item["Social- og Handicapudvalget 2024-02-05 4"].count("postponed-not-resumed/overdue") == 1);
    // Taken note of "med bemærkning om, at sagen genoptages på næste udvalgsmøde", never treated again.
    CHECK(rules_by_item["Social- og Handicapudvalget 2024-09-09 2"].count("postponed-not-resumed/overdue") == 1);
    // Sent back to the administration, treated again 2025-04-28 Punkt 3.
    CHECK(rules_by_item.count("Beskæftigelses- og Erhvervsudvalget 2025-03-24 3") == 0);
    // "genoptages, hvis der kommer ændringer": nothing is owed.
    CHECK(rules_by_item.count("Kultur- og Fritidsudvalget 2023-11-15 2") == 0);
}
}  // namespace

TEST_CASE("Greve: 111 FirstAgenda JSON files are 111 meetings and the known follow-ups hold", "[app][realworld]") {
    if (!have("greve")) return;
    check_greve("");
}

TEST_CASE("Greve under its profile (rules/profiles/greve.rules): the same follow-ups", "[app][realworld][vocabulary]") {
    if (!have("greve")) return;
    check_greve(" --rules " + cli::quote(std::string(OPFOLG_SOURCE_DIR) + "/rules/profiles/greve.rules"));
}

TEST_CASE("Aarhus under its profile: the minutes page keeps its six decisions, item 3 postponed",
          "[app][realworld][vocabulary]") {
    if (!have("aarhus")) return;
    auto r = cli::run("parse --json --rules " +
                      cli::quote(std::string(OPFOLG_SOURCE_DIR) + "/rules/profiles/aarhus.rules") + " " +
                      cli::quote(realworld + "/aarhus/teknisk-udvalg-2025-10-01-referat.html"));
    INFO(r.err);
    REQUIRE(r.status == 0);
    const json m = json::parse(r.out);
    CHECK(m.at("meeting").at("committee") == "Teknisk Udvalg");
    CHECK(m.at("meeting").at("date") == "2025-10-01");
    REQUIRE(m.at("items").size() == 6);
    const json& lokalplan = m.at("items").at(2);
    CHECK(lokalplan.at("title").get<std::string>().rfind("Lokalplan 1221", 0) == 0);
    const auto& classes = lokalplan.at("decision").at("classes");
    CHECK(std::find(classes.begin(), classes.end(), "postponed") != classes.end());
    for (const auto& item : m.at("items")) CHECK(!item.at("decision").is_null());
    // Its earlier treatments (Udvalg / Dato / Punktnummer lines) are references to those meetings and items.
    const json& earlier = lokalplan.at("tidligere_behandling");
    REQUIRE(earlier.size() == 3);
    CHECK(earlier.at(2).at("committee") == "Teknisk Udvalg");
    CHECK(earlier.at(2).at("date") == "2025-09-22");
    CHECK(earlier.at(2).at("items") == json::array({4}));
}

TEST_CASE("Greve: a FirstAgenda agenda keeps its number, time, agenda id and JSON line numbers", "[app][realworld]") {
    if (!have("greve")) return;
    std::string file;
    for (const auto& e : std::filesystem::directory_iterator(realworld + "/greve"))
        if (e.path().filename().string().rfind("Beskæftigelses- og Erhvervsudvalget_2025-03-24", 0) == 0)
            file = e.path().string();
    REQUIRE_FALSE(file.empty());
    auto r = cli::run("parse --json " + cli::quote(file));
    REQUIRE(r.status == 0);
    json m = json::parse(r.out);
    CHECK(m.at("meeting").at("committee") == "Beskæftigelses- og Erhvervsudvalget");
    CHECK(m.at("meeting").at("date") == "2025-03-24");
    CHECK(m.at("meeting").at("time") == "08:00");
    CHECK_FALSE(m.at("meeting").at("source_id").get<std::string>().empty());
    const json* p3 = nullptr;
    for (const auto& it : m.at("items"))
        if (it.at("number") == 3) p3 = &it;
    REQUIRE(p3 != nullptr);
    CHECK(p3->at("case_number") == "25-002692");
    CHECK(p3->at("line").get<int>() > 1);
    const auto& classes = p3->at("decision").at("classes");
    CHECK(std::find(classes.begin(), classes.end(), "returned") != classes.end());
}
