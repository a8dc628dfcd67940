// The vocabulary as data: matching semantics (longest phrase at a word start, word boundary after, Danish
// letters case-insensitive), redefinition, and classification with a vocabulary of one's own.
#include "grammar/decision.hpp"
#include "grammar/vocabulary.hpp"

#include <catch2/catch.hpp>

using opfolg::DecisionClass;
using opfolg::Vocabulary;
using opfolg::classify_decision;

namespace {
Vocabulary town() {
    Vocabulary v;
    v.add("Udsættes", DecisionClass::postponed, "town.rules", 3);
    v.add("udsættes ikke", DecisionClass::approved, "town.rules", 4);
    v.add("ÆNDRES OG GENFREMSENDES", DecisionClass::returned, "town.rules", 5);
    v.add("godkendt", DecisionClass::approved, "town.rules", 6);
    return v;
}
}  // namespace

TEST_CASE("a vocabulary classifies: longest phrase, word boundary, æøå in any case", "[grammar][vocabulary]") {
    const Vocabulary v = town();
    CHECK(classify_decision("Sagen udsættes.", v).classes == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(classify_decision("Sagen udsættes ikke.", v).classes == std::vector<DecisionClass>{DecisionClass::approved});
    CHECK(classify_decision("Udsættelse afvist.", v).classes == std::vector<DecisionClass>{DecisionClass::none});
    CHECK(classify_decision("Forslaget ændres og genfremsendes.", v).classes ==
          std::vector<DecisionClass>{DecisionClass::returned});
    CHECK(classify_decision("Sagen udsættes.", Vocabulary()).classes == std::vector<DecisionClass>{DecisionClass::none});
}

TEST_CASE("each class cites the phrase and the row that gave it", "[grammar][vocabulary]") {
    auto d = classify_decision("Godkendt med bemærkning: sagen udsættes til foråret.", town(), 9);
    REQUIRE(d.classes == std::vector<DecisionClass>{DecisionClass::approved_with_remarks, DecisionClass::postponed});
    REQUIRE(d.matched.size() == 2);
    CHECK(d.matched[0].decision_class == DecisionClass::approved_with_remarks);
    CHECK(d.matched[0].phrase == "godkendt");
    CHECK(d.matched[1].phrase == "udsættes");
    CHECK(d.matched[1].file == "town.rules");
    CHECK(d.matched[1].line == 3);
}

TEST_CASE("a phrase defined again is redefined, and the hash follows the rows", "[grammar][vocabulary]") {
    Vocabulary v = town();
    const Vocabulary copy = v;
    const std::string before = v.hash();
    v.add("UDSÆTTES", DecisionClass::none, "profile.rules", 2);
    CHECK(v.rows().size() == copy.rows().size());
    CHECK(v.find("udsættes")->decision_class == DecisionClass::none);
    CHECK(v.hash() != before);
    CHECK(copy.hash() == before);  // a copy is not changed by the original's rows
    CHECK(classify_decision("Udsættes.", copy).classes == std::vector<DecisionClass>{DecisionClass::postponed});
    v.add("afventer", DecisionClass::postponed, "profile.rules", 3);  // the copy's index is not touched either
    CHECK(classify_decision("Afventer.", copy).classes == std::vector<DecisionClass>{DecisionClass::none});
    CHECK(classify_decision("Afventer.", v).classes == std::vector<DecisionClass>{DecisionClass::postponed});
}
