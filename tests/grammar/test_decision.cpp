#include "grammar/decision.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <iterator>

using opfolg::DecisionClass;
using opfolg::classify_decision;

namespace {
std::vector<DecisionClass> classes(const char* text) { return classify_decision(text).classes; }
}  // namespace

TEST_CASE("decision classes from the decision text", "[grammar][decision]") {
    using C = DecisionClass;
    struct Row {
        const char* text;
        std::vector<C> expected;
    };
    const Row rows[] = {
        {"Taget til efterretning", {C::noted}},
        {"Taget til efterretning.", {C::noted}},
        {"Indstillingen godkendt", {C::approved}},
        {"Godkendt.", {C::approved}},
        {"Indstilling godkendt med dene bemærkning: Sagen skal også til Økonomiudvalget.", {C::approved_with_remarks}},
        {"Indstillingen godkendt med denne bemærkning: Borgerne skal høres.", {C::approved_with_remarks}},
        {"Anbefales.", {C::recommended}},
        {"Indstillingen anbefales over for Økonomiudvalget.", {C::recommended}},
        {"Udsættes", {C::postponed}},
        {"Udsat.", {C::postponed}},
        {"Sagen udsættes til næste møde.", {C::postponed}},
        {"UDSÆTTES", {C::postponed}},
        {"Ny sag forelægges.", {C::new_case}},
        {"Undersøges. Ny sag forelægges.", {C::investigate, C::new_case}},
        {"Udsættes. Ny sag forelægges på næste møde.", {C::postponed, C::new_case}},
        {"Forkastet.", {C::rejected}},
        {"Afvist", {C::rejected}},
        {"Ikke godkendt.", {C::rejected}},
        {"Oversendes til Økonomiudvalget.", {C::forwarded}},
        {"", {C::none}},
        {"Drøftet.", {C::none}},
        // Other municipalities' wording (Greve, Aarhus): resumed, sent back, asked for, forwarded, conditional.
        {"Sagen genoptages på næste ordinære møde.", {C::postponed}},
        {"Sagen genoptages på det kommende møde.", {C::postponed}},
        {"Punktet udsat til næste møde.", {C::postponed}},
        {"Behandlingen udskydes.", {C::postponed}},
        {"Punktet blev udskudt.", {C::postponed}},
        {"Udvalget besluttede at udsætte sagens behandling.", {C::postponed}},
        {"Taget til efterretning med bemærkning om, at sagen genoptages på næste udvalgsmøde.", {C::noted, C::postponed}},
        {"Sagen sendes tilbage til administrationen med henblik på en ny model.", {C::returned}},
        {"Sagen blev sendt tilbage til udvalget.", {C::returned}},
        {"Tilbagesendes til fornyet behandling.", {C::returned}},
        {"Udvalget ønsker en sag på et kommende møde om frivillige.", {C::new_case}},
        {"Taget til efterretning, idet udvalget ønsker at sagen genoptages, hvis der kommer ændringer.", {C::noted}},
        {"Fremsendes til Økonomiudvalget til behandling.", {C::forwarded}},
        // Adopted and handed back for execution; "med bemærkning" makes it approved_with_remarks, as everywhere.
        {"Tilbagesendes Teknik og Miljø med bemærkning, at byrådet har vedtaget indstillingen.", {C::approved_with_remarks}},
        {"Et flertal kunne tiltræde indstillingen. Lise Prøve kunne ikke tiltræde indstillingen.", {C::approved}},
    };
    for (const auto& row : rows) {
        INFO(row.text);
        CHECK(classes(row.text) == row.expected);
    }
}

TEST_CASE("words that merely contain a decision keyword do not count", "[grammar][decision]") {
    // "Udsættelse" is not "udsættes"; "udsatte borgere" is not "udsat"; "Godkendelse" is not "godkendt".
    CHECK(classes("Udsættelse af tilbud drøftet") == std::vector<DecisionClass>{DecisionClass::none});
    CHECK(classes("Indsats for udsatte borgere drøftet") == std::vector<DecisionClass>{DecisionClass::none});
    CHECK(classes("Godkendelse af referat") == std::vector<DecisionClass>{DecisionClass::none});
}

TEST_CASE("remarks after 'med denne bemærkning:' are kept apart", "[grammar][decision]") {
    auto d = classify_decision("Taget til efterretning med denne bemærkning: Udvalget udsætter ikke noget.", 7);
    CHECK(d.classes == std::vector<DecisionClass>{DecisionClass::noted});
    CHECK(d.remarks == "Udvalget udsætter ikke noget.");
    CHECK(d.line == 7);
}

TEST_CASE("every decision class has a name that reads back and a decision text that yields it", "[grammar][decision]") {
    using C = DecisionClass;
    const std::pair<C, const char*> examples[] = {
        {C::noted, "Taget til efterretning."},          {C::approved, "Indstillingen godkendt."},
        {C::approved_with_remarks, "Godkendt med denne bemærkning: Sagen genoptages."},
        {C::recommended, "Anbefales over for Byrådet."}, {C::postponed, "Sagen udsættes."},
        {C::new_case, "Ny sag forelægges."},             {C::investigate, "Undersøges."},
        {C::rejected, "Forkastet."},                     {C::forwarded, "Oversendes til Økonomiudvalget."},
        {C::returned, "Sagen sendes tilbage til administrationen."}, {C::none, "Drøftet."},
    };
    REQUIRE(std::size(examples) == opfolg::all_decision_classes().size());
    for (const auto& [c, text] : examples) {
        INFO(opfolg::to_string(c) << ": " << text);
        C back = C::none;
        REQUIRE(opfolg::decision_class_from_string(opfolg::to_string(c), back));
        CHECK(back == c);
        auto found = classes(text);
        CHECK(std::find(found.begin(), found.end(), c) != found.end());
    }
    C unused;
    CHECK_FALSE(opfolg::decision_class_from_string("maybe", unused));
}

