// The vocabulary block of the rules DSL: syntax, the checker's messages, profile semantics (includes extend,
// a later file redefines, `only` replaces), examples classified with the file's own words, and every shipped
// rule file clean.
#include "helpers.hpp"

#include "grammar/decision.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

using namespace opfolg;
using namespace opfolg::rules;
using namespace opfolg::rules::test;

namespace {
namespace fs = std::filesystem;


std::vector<DecisionClass> classes(const RuleSet& set, const char* text) {
    return classify_decision(text, vocabulary_in_force(set)).classes;
}

struct Folder {
    fs::path path = fs::temp_directory_path() / ("opfolg-vocab-" + std::to_string(::getpid()));
    Folder() { fs::create_directories(path / "profiles"); }
    ~Folder() { fs::remove_all(path); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(path / name) << text;
        return (path / name).string();
    }
};

const std::string source_rules = std::string(OPFOLG_SOURCE_DIR) + "/rules";
}  // namespace

TEST_CASE("a vocabulary block gives phrases their classes, with file and line", "[rules][vocabulary]") {
    auto p = parse("# words\nvocabulary {\n  \"Skubbes til\" -> postponed\n  \"Ønskes belyst\" -> investigate\n}\n",
                   "town.rules");
    REQUIRE(p.ok);
    REQUIRE(p.set.has_vocabulary);
    REQUIRE(p.set.vocabulary.rows().size() == 2);
    const auto* row = p.set.vocabulary.find("ønskes belyst");
    REQUIRE(row);
    CHECK(row->decision_class == DecisionClass::investigate);
    CHECK(row->file == "town.rules");
    CHECK(row->line == 4);
    CHECK(classes(p.set, "Sagen skubbes til juni.") == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(classes(p.set, "ØNSKES BELYST.") == std::vector<DecisionClass>{DecisionClass::investigate});
}

TEST_CASE("vocabulary rows are checked: class, empty, duplicates, phrases that can never match", "[rules][vocabulary]") {
    auto d = only_error("vocabulary {\n  \"udsat\" -> postpond\n}\n");
    CHECK(d.line == 2);
    CHECK(d.message == "unknown decision class 'postpond'");
    CHECK(d.suggestion == "did you mean 'postponed'?");

    CHECK(only_error("vocabulary {\n  \"  \" -> postponed\n}\n").message == "empty phrase in the vocabulary");

    d = only_error("vocabulary {\n  \"udsat\" -> postponed\n  \"UDSAT\" -> approved\n}\n");
    CHECK(d.line == 3);
    CHECK(d.message == "phrase \"UDSAT\" is approved here but postponed at line 2 (one phrase, one class)");
    CHECK(only_error("vocabulary {\n  \"udsat\" -> postponed\n  \"udsat\" -> postponed\n}\n").message ==
          "duplicate phrase \"udsat\" (also at line 2)");

    CHECK(only_error("vocabulary {\n  \"udsat \" -> postponed\n}\n").message.find("can never match: it starts or "
                                                                              "ends with a space") != std::string::npos);
    CHECK(only_error("vocabulary {\n  \"ny  sag\" -> new_case\n}\n").message.find("doubled space") !=
          std::string::npos);
    CHECK(only_error("vocabulary {\n  \"ny\u00a0sag\" -> new_case\n}\n").message.find("no-break space") !=
          std::string::npos);
    d = only_error("vocabulary {\n  \"godkendt med bemærkning\" -> approved\n}\n");
    CHECK(d.message.find("can never match: the decision text is cut at the remark marker 'med bemærkning'") !=
          std::string::npos);
    d = only_error("vocabulary {\n  \"med bemærkning om tilsyn\" -> investigate\n}\n");
    CHECK(d.message.find("only postponed, new_case and returned phrases count") != std::string::npos);
    // A remark phrase of a class that owes a later treatment is fine.
    CHECK(parse("vocabulary {\n  \"med bemærkning om genoptagelse\" -> postponed\n}\n").ok);

    d = only_error("vocabulary {\n}\nvocabulary {\n}\n");
    CHECK(d.line == 3);
    CHECK(d.message.find("a second vocabulary block") != std::string::npos);
    d = only_error("vocabulary {\n  \"udsat\" postponed\n}\n");
    CHECK(d.message == "expected '->' and a decision class after the phrase, found 'postponed'");
    d = only_error("vocabulary {\n  udsat -> postponed\n}\n");
    CHECK(d.message == "expected a phrase in double quotes or '}' in the vocabulary, found 'udsat'");
    d = only_error("vocabulary {\n  \"udsat\" -> postponed\n");
    CHECK(d.message == "unexpected end of file: missing '}' at the end of the vocabulary");
}

TEST_CASE("profiles: an include's rows come first, a later file redefines, 'only' replaces", "[rules][vocabulary]") {
    Folder f;
    f.write("base.rules", "vocabulary {\n  \"tilbagesendes\" -> approved\n  \"udsættes\" -> postponed\n}\n");
    auto extend = f.write("profiles/town.rules", "include \"../base.rules\"\nvocabulary {\n"
                                                 "  \"tilbagesendes\" -> returned\n  \"afventer\" -> postponed\n}\n");
    auto replace = f.write("profiles/own.rules", "include \"../base.rules\"\nvocabulary only {\n"
                                                 "  \"afventer\" -> postponed\n}\n");
    RuleSet a, b;
    std::vector<Diagnostic> diags;
    REQUIRE(load_rules(extend, a, diags));
    CHECK(classes(a, "Tilbagesendes forvaltningen.") == std::vector<DecisionClass>{DecisionClass::returned});
    CHECK(classes(a, "Udsættes.") == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(classes(a, "Afventer.") == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(a.vocabulary.find("tilbagesendes")->file == extend);
    REQUIRE(load_rules(replace, b, diags));
    CHECK(classes(b, "Udsættes.") == std::vector<DecisionClass>{DecisionClass::none});
    CHECK(classes(b, "Afventer.") == std::vector<DecisionClass>{DecisionClass::postponed});
    // No vocabulary block anywhere: the default vocabulary (the default rules', installed by the runner).
    auto none = parse("rule r { title \"T\" when decision is postponed due next meeting message \"m\" }");
    REQUIRE(none.ok);
    CHECK_FALSE(none.set.has_vocabulary);
    CHECK(classes(none.set, "Udsættes.") == std::vector<DecisionClass>{DecisionClass::postponed});
}

TEST_CASE("examples are classified with the vocabulary of the file being tested", "[rules][vocabulary][examples]") {
    auto p = parse(R"(vocabulary {
  "skubbes" -> postponed
  "udsættes" -> none
}
rule r {
  title "Skubbet"
  when decision is postponed
  due 60 days after meeting
  message "m"
  example decision "Sagen skubbes." -> flagged
  example decision "Sagen udsættes." -> not flagged
})");
    REQUIRE(p.ok);
    for (const auto& r : run_examples(p.set)) {
        INFO(r.detail);
        CHECK(r.passed);
    }
}

TEST_CASE("the Aarhus profile: 'Tilbagesendes ... har vedtaget' is adopted, never postponed or returned",
          "[rules][vocabulary][aarhus]") {
    RuleSet aarhus, greve, standard;
    std::vector<Diagnostic> diags;
    REQUIRE(load_rules(source_rules + "/profiles/aarhus.rules", aarhus, diags));
    REQUIRE(load_rules(source_rules + "/profiles/greve.rules", greve, diags));
    REQUIRE(load_rules(source_rules + "/default.rules", standard, diags));
    // Our own example, in Aarhus's shape.
    const char* adopted = "Tilbagesendes Sundhed og Omsorg med bemærkning, at byrådet den 5. marts 2025 har vedtaget "
                          "at udsætte ombygningen til næste år.";
    auto d = classify_decision(adopted, vocabulary_in_force(aarhus));
    CHECK(d.classes == std::vector<DecisionClass>{DecisionClass::approved_with_remarks});
    REQUIRE(d.matched.size() == 1);
    CHECK(d.matched[0].phrase == "tilbagesendes");
    CHECK(d.matched[0].file.find("aarhus.rules") != std::string::npos);
    for (auto c : {DecisionClass::postponed, DecisionClass::returned, DecisionClass::new_case})
        CHECK(std::count(d.classes.begin(), d.classes.end(), c) == 0);
    // Greve's sending back owes a new treatment, under every profile.
    const char* sent_back = "Sagen sendes tilbage til administrationen med henblik på en ny model.";
    for (const RuleSet* set : {&aarhus, &greve, &standard})
        CHECK(classify_decision(sent_back, vocabulary_in_force(*set)).classes ==
              std::vector<DecisionClass>{DecisionClass::returned});
}

TEST_CASE("every shipped rule file checks clean and its examples pass", "[rules][vocabulary][shipped]") {
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(source_rules)) {
        if (entry.path().extension() != ".rules") continue;
        ++files;
        RuleSet set;
        std::vector<Diagnostic> diags;
        INFO(entry.path().string());
        for (const auto& d : diags) UNSCOPED_INFO(format_diagnostic(d));
        CHECK(load_rules(entry.path().string(), set, diags));
        CHECK(diags.empty());
        CHECK(set.has_vocabulary);
        for (const auto& r : run_examples(set)) {
            INFO(r.detail);
            CHECK(r.passed);
        }
    }
    CHECK(files >= 3);  // default.rules, profiles/greve.rules, profiles/aarhus.rules
}
