#include "app/pipeline.hpp"
#include "app/log.hpp"
#include "grammar/dates.hpp"
#include "rules/evaluate.hpp"
#include "rules/ruleset.hpp"
#include "rules/scope.hpp"
#include "tracker/store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace opfolg::app {

namespace fs = std::filesystem;

void add_common_options(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--db", options.db, "database file (default $OPFOLG_DB or ./opfolg.db)");
    cmd.add_option("--rules", options.rules_files, "rules file(s) (default: rules/default.rules)");
    cmd.add_option("--as-of", options.as_of, "evaluate as of this day, YYYY-MM-DD (default: today)");
    cmd.add_option("--disable", options.disabled, "switch off a rule by id (repeatable)");
}

std::string default_db_path() {
    const char* env = std::getenv("OPFOLG_DB");
    return env && *env ? env : "opfolg.db";
}

std::string default_rules_path() {
    for (const char* dir : {OPFOLG_RULES_DIR_SOURCE, OPFOLG_RULES_DIR_INSTALL}) {
        fs::path p = fs::path(dir) / "default.rules";
        if (fs::exists(p)) return p.string();
    }
    return (fs::path(OPFOLG_RULES_DIR_INSTALL) / "default.rules").string();
}

date::year_month_day today() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return date::year{local.tm_year + 1900} / (local.tm_mon + 1) / local.tm_mday;
}

date::year_month_day resolve_as_of(const std::string& as_of) {
    if (as_of.empty()) return today();
    date::year_month_day d{};
    if (!dates::parse_iso(as_of, d)) throw UsageError("--as-of: \"" + as_of + "\" is not a date (YYYY-MM-DD)");
    return d;
}

Evaluation evaluate_store(const CommonOptions& options) {
    Evaluation out;
    out.as_of = resolve_as_of(options.as_of);
    const std::string db = options.db.empty() ? default_db_path() : options.db;
    if (!fs::exists(db)) throw UsageError("no database at " + db + " (run `opfolg ingest` first, or give --db)");

    rules::RuleSet& ruleset = out.ruleset;
    std::vector<std::string> files = options.rules_files;
    if (files.empty()) files.push_back(default_rules_path());
    for (const auto& file : files) {
        std::vector<rules::Diagnostic> diags;
        if (!rules::load_rules(file, ruleset, diags)) {
            std::string message = "invalid rules:";
            for (const auto& d : diags) message += "\n" + rules::format_diagnostic(d);
            throw UsageError(message);
        }
    }
    for (const auto& id : options.disabled)
        if (!ruleset.find(id)) throw UsageError("--disable: no rule with id \"" + id + "\"");

    tracker::Store store(db, /*read_only=*/true);
    const auto scope = rules::candidate_scope(ruleset, options.disabled);
    Stopwatch loading;
    out.candidates = tracker::load_candidates(store, out.as_of, scope);
    if (spdlog::should_log(spdlog::level::debug)) {
        std::string classes;
        for (auto c : scope.classes) classes += (classes.empty() ? "" : ",") + std::string(to_string(c));
        spdlog::debug("load_candidates: {} candidates as of {} in {:.1f} ms (scope: {}{}{})", out.candidates.size(),
                      dates::iso(out.as_of), loading.ms(), scope.everything ? "every decision" : "classes " + classes,
                      scope.promise_items ? " + item-text promises" : "", scope.bodies ? ", with bodies" : "");
    }
    rules::EvalOptions eval;
    eval.disabled = options.disabled;
    Stopwatch evaluating;
    out.flags = rules::evaluate(ruleset, out.candidates, out.as_of, eval);
    spdlog::debug("evaluate: {} rules, {} open flags in {:.1f} ms", ruleset.rules.size(), out.flags.size(),
                  evaluating.ms());
    return out;
}

}  // namespace opfolg::app
