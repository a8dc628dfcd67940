// opfolg: follow-up tracker for municipal committee minutes. main() only wires sub-commands and maps
// failures to exit codes; each command lives in its own cmd_*.cpp.
#include "app/commands.hpp"
#include "app/log.hpp"
#include "app/pipeline.hpp"
#include "tracker/store.hpp"

#include <iostream>

namespace {
const char* const exit_codes_help = R"(
Exit status:
  0  success
  1  failure (database, I/O, an evaluation that could not run; fetch: no URL could be fetched)
  2  usage error (unknown option, bad date, missing file)
  3  ingest: some documents were rejected; the others are stored
     fetch: some URLs failed; the others are fetched

Environment:
  OPFOLG_DB   database file when --db is not given (default ./opfolg.db)
  OPFOLG_RULES  rules file or municipality profile when --rules is not given (default: the default rules))
  NO_COLOR    no colour in text output
  OPFOLG_LOG  diagnostics on stderr: debug shows each stage with its time (default warn))";
}

int main(int argc, char** argv) {
    using namespace opfolg::app;
    setup_logging();
    CLI::App app{"opfolg - follow-up tracker for municipal committee minutes (referater)", "opfolg"};
    app.footer(exit_codes_help);
    app.require_subcommand(1);
    app.set_version_flag("--version", "opfolg 0.1.0");
    Commands commands;
    register_ingest(app, commands);
    register_parse(app, commands);
    register_report(app, commands);
    register_tracker_commands(app, commands);
    register_rules_commands(app, commands);
    register_notifier_commands(app, commands);
    register_explain(app, commands);
    register_fetch(app, commands);
    register_serve(app, commands);
    register_user_commands(app, commands);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? exit_ok : exit_usage;
    }
    for (auto& command : commands) {
        if (!command.sub->parsed()) continue;
        try {
            install_default_vocabulary();  // what parsing and `rules test` use unless a command installs its rules'

            return command.run();
        } catch (const UsageError& e) {
            std::cerr << "opfolg: " << e.what() << '\n';
            return exit_usage;
        } catch (const std::exception& e) {
            std::cerr << "opfolg: error: " << e.what() << '\n';
            return exit_failure;
        }
    }
    // A parent command (e.g. "rules") without its sub-command.
    std::cerr << app.help();
    return exit_usage;
}
