// opfolg explain FLAG-ID: why a flag fired — the rule, the decision and its source line, the due date and
// where it came from, and every later treatment the tracker considered, accepted or rejected.
#include "app/commands.hpp"
#include "app/pipeline.hpp"
#include "rules/evaluate.hpp"

#include <iostream>

namespace opfolg::app {

void register_explain(CLI::App& app, Commands& out) {
    struct Options {
        CommonOptions common;
        std::string flag;
    };
    auto o = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("explain", "why a flag fired, with every candidate later treatment considered");
    add_common_options(*cmd, o->common);
    cmd->add_option("flag-id", o->flag, "flag id from the report")->required();
    out.push_back({cmd, [o] {
        Evaluation ev = evaluate_store(o->common, Need::candidates);
        for (const auto& flag : ev.flags) {
            if (flag.id != o->flag) continue;
            for (const auto& candidate : ev.candidates) {
                if (candidate.key != flag.candidate_key) continue;
                std::cout << rules::explain(ev.ruleset, candidate, flag, ev.as_of);
                return static_cast<int>(exit_ok);
            }
        }
        throw UsageError("no open flag with id " + o->flag + " as of " + dates::iso(ev.as_of) +
                         " (see `opfolg report`)");
    }});
}

}  // namespace opfolg::app
