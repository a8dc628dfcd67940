// Property: the checker never crashes or throws on a damaged rules file; it answers ok or with diagnostics,
// and every diagnostic points into the text.
#include "helpers.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>

using namespace opfolg::rules;
using namespace opfolg::rules::test;

namespace {

std::string default_text() {
    std::ifstream in(std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules", std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Deletes, inserts, replaces or swaps a few bytes; inserted bytes favour the DSL's own punctuation.
std::string mutate(std::string s, std::mt19937& rng) {
    static const std::string alphabet = "{}()\",#-> \n\\aeæøå0123456789";
    int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits && !s.empty(); ++i) {
        std::size_t pos = rng() % s.size();
        switch (rng() % 5) {
            case 0: s.erase(pos, 1 + rng() % 8); break;
            case 1: s.insert(pos, 1, alphabet[rng() % alphabet.size()]); break;
            case 2: s[pos] = static_cast<char>(rng() % 256); break;
            case 3: std::swap(s[pos], s[rng() % s.size()]); break;
            case 4: s.insert(pos, s.substr(rng() % s.size(), 1 + rng() % 20)); break;
        }
    }
    return s;
}

}  // namespace

TEST_CASE("mutated default rules never crash the checker", "[rules][property]") {
    const std::string original = default_text();
    REQUIRE(original.size() > 1000);
    std::mt19937 rng(20261123);
    int ok = 0, failed = 0;
    for (int i = 0; i < 10000; ++i) {
        std::string text = mutate(original, rng);
        RuleSet set;
        std::vector<Diagnostic> diags;
        bool result = false;
        REQUIRE_NOTHROW(result = parse_rules(text, "mutated.rules", set, diags));
        if (result) {
            ++ok;
            CHECK(diags.empty());
        } else {
            ++failed;
            REQUIRE_FALSE(diags.empty());
            for (const auto& d : diags) {
                CHECK(d.line >= 1);
                CHECK(d.column >= 1);
                CHECK(!d.message.empty());
                REQUIRE_NOTHROW(format_diagnostic(d));
            }
        }
    }
    // Both outcomes occur, so the property is not vacuous.
    CHECK(ok > 0);
    CHECK(failed > 0);
    WARN("mutations: " << ok << " still valid, " << failed << " rejected with diagnostics");
}

TEST_CASE("random bytes never crash the checker", "[rules][property]") {
    std::mt19937 rng(7);
    for (int i = 0; i < 500; ++i) {
        std::string text(rng() % 200, '\0');
        for (auto& ch : text) ch = static_cast<char>(rng() % 256);
        RuleSet set;
        std::vector<Diagnostic> diags;
        bool result = true;
        REQUIRE_NOTHROW(result = parse_rules(text, "noise.rules", set, diags));
        CHECK(result == diags.empty());
    }
}
