// `opfolg parse --json` exposes the structures of the model (TOC, Indstilling, Bilag, Meddelelser, commitments).
#include "shell.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

namespace {
nlohmann::json parse_json(const std::string& file) {
    const std::string cmd = std::string("'") + OPFOLG_BINARY + "' parse --json '" + file + "'";
    const auto output = shell::run(cmd);
    REQUIRE(output.started);
    return nlohmann::json::parse(output.out);
}
}  // namespace

TEST_CASE("parse --json shows TOC, Indstilling, Beslutningen træffes af, Meddelelser and section text", "[grammar][json]") {
    auto j = parse_json(std::string(OPFOLG_SOURCE_DIR) + "/examples/minutes/2024-03-12-natur-og-fritid.txt");
    REQUIRE(j["meeting"]["toc"].size() == 5);
    CHECK(j["meeting"]["toc"][4]["closed"] == true);
    CHECK(j["meeting"]["toc"][4]["page"] == 6);
    const auto& p1 = j["items"][0];
    REQUIRE(p1["meddelelser"].size() == 2);
    CHECK(p1["meddelelser"][1]["text"] == "Udvalgets studietur udsættes til efteråret.");
    const auto& p2 = j["items"][1];
    CHECK(p2["beslutningen_traeffes_af"] == "Natur- og Fritidsudvalget");
    CHECK(p2["indstilling"]["by"] == "Center for Natur og Fritid");
    CHECK(p2["indstilling"]["points"][0]["text"] == "Det billigste tilbud vælges.");
    CHECK(p2["sections"][1]["kind"] == "sammendrag");
    CHECK(p2["sections"][1]["text"] ==
          "Legepladsen ved Åhuset er slidt, og forvaltningen har indhentet to tilbud på en renovering.");
    CHECK(j["items"][4]["indstilling"].is_null());
}

TEST_CASE("parse --json of seed 004 lists its commitment and no meeting", "[grammar][json][seeds]") {
    auto j = parse_json(std::string(OPFOLG_SEEDS_DIR) + "/004_8e211799231ee99e.txt");
    CHECK(j["kind"] == "not_minutes");
    REQUIRE(j["commitments"].size() == 1);
    CHECK(j["commitments"][0]["committee"] == "Erhvervs- og Beskæftigelsesudvalget");
    CHECK(j["commitments"][0]["last"] == "2015-12-31");
    CHECK(j["items"].empty());
}
