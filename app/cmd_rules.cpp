// `opfolg rules check FILE...` and `opfolg rules test FILE...`: the rule author's tools.
#include "app/commands.hpp"
#include "rules/evaluate.hpp"
#include "rules/ruleset.hpp"

#include <iostream>
#include <memory>

namespace opfolg::app {

namespace {

// Loads each file into its own RuleSet (a duplicate id across two files named on the command line is not an
// error here; includes are followed). Prints diagnostics to stderr; false when any file had errors.
bool load_all(const std::vector<std::string>& files, std::vector<rules::RuleSet>& sets) {
    bool ok = true;
    for (const auto& file : files) {
        rules::RuleSet set;
        std::vector<rules::Diagnostic> diags;
        if (!rules::load_rules(file, set, diags)) ok = false;
        for (const auto& d : diags) std::cerr << rules::format_diagnostic(d);
        sets.push_back(std::move(set));
    }
    return ok;
}

}  // namespace

void register_rules_commands(CLI::App& app, Commands& out) {
    auto* rules_cmd = app.add_subcommand("rules", "Check and test rule files");
    rules_cmd->require_subcommand(1);

    auto check_files = std::make_shared<std::vector<std::string>>();
    auto* check = rules_cmd->add_subcommand("check", "Check rule files; prints each problem with file:line:col");
    check->add_option("files", *check_files, "Rule files")->required();
    out.push_back({check, [check_files]() {
                       std::vector<rules::RuleSet> sets;
                       if (!load_all(*check_files, sets)) return static_cast<int>(exit_failure);
                       std::size_t n = 0;
                       for (const auto& s : sets) n += s.rules.size();
                       std::cout << "ok: " << n << " rule" << (n == 1 ? "" : "s") << " in " << check_files->size()
                                 << " file" << (check_files->size() == 1 ? "" : "s") << '\n';
                       return static_cast<int>(exit_ok);
                   }});

    auto test_files = std::make_shared<std::vector<std::string>>();
    auto* test = rules_cmd->add_subcommand("test", "Run the examples in rule files");
    test->add_option("files", *test_files, "Rule files")->required();
    out.push_back({test, [test_files]() {
                       std::vector<rules::RuleSet> sets;
                       if (!load_all(*test_files, sets)) return static_cast<int>(exit_failure);
                       int passed = 0, failed = 0;
                       for (const auto& set : sets) {
                           for (const auto& r : rules::run_examples(set)) {
                               if (r.passed) {
                                   ++passed;
                               } else {
                                   ++failed;
                                   std::cout << "FAIL " << r.rule << ": " << r.example << '\n' << r.detail << '\n';
                               }
                           }
                       }
                       std::cout << passed << " passed, " << failed << " failed\n";
                       return failed == 0 ? static_cast<int>(exit_ok) : static_cast<int>(exit_failure);
                   }});
}

}  // namespace opfolg::app
