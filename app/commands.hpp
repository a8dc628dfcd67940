// Sub-commands of the `opfolg` command line. Each register_* adds its sub-command to `app` and the function
// that runs it; main() runs the one that was parsed. Exit codes are documented in `opfolg --help`.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <vector>

namespace opfolg::app {

enum ExitCode { exit_ok = 0, exit_failure = 1, exit_usage = 2, exit_partial = 3 };

struct Command {
    CLI::App* sub = nullptr;
    std::function<int()> run;
};
using Commands = std::vector<Command>;

void register_ingest(CLI::App& app, Commands& out);
void register_parse(CLI::App& app, Commands& out);
void register_report(CLI::App& app, Commands& out);
void register_tracker_commands(CLI::App& app, Commands& out);   // case, meetings, items, search, resolve, ...
void register_rules_commands(CLI::App& app, Commands& out);     // rules check, rules test, explain
void register_notifier_commands(CLI::App& app, Commands& out);  // checklist, digest
void register_explain(CLI::App& app, Commands& out);            // explain FLAG-ID
void register_fetch(CLI::App& app, Commands& out);              // fetch URL|ID... --out DIR
void register_serve(CLI::App& app, Commands& out);              // serve: the web pages
void register_user_commands(CLI::App& app, Commands& out);      // user add FILE NAME

}  // namespace opfolg::app
