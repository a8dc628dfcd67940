// The test runner. Decisions are classified with a vocabulary from the rule files; the tests that parse
// without naming one get the default rules' vocabulary, as the opfolg command does.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "rules/ruleset.hpp"

#include <iostream>

int main(int argc, char** argv) {
    opfolg::rules::RuleSet ruleset;
    std::vector<opfolg::rules::Diagnostic> diags;
    if (!opfolg::rules::load_rules(OPFOLG_SOURCE_DIR "/rules/default.rules", ruleset, diags)) {
        for (const auto& d : diags) std::cerr << opfolg::rules::format_diagnostic(d);
        return 1;
    }
    opfolg::set_default_vocabulary(ruleset.vocabulary);
    return Catch::Session().run(argc, argv);
}
