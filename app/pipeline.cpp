#include "app/pipeline.hpp"
#include "app/log.hpp"
#include "flags/open_flags.hpp"
#include "grammar/dates.hpp"
#include "rules/evaluate.hpp"
#include "rules/ruleset.hpp"
#include "rules/scope.hpp"
#include "tracker/reclassify.hpp"
#include "tracker/store.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace opfolg::app {

namespace fs = std::filesystem;

void add_common_options(CLI::App& cmd, CommonOptions& options) {
    cmd.add_option("--db", options.db, "database file (default $OPFOLG_DB or ./opfolg.db)");
    cmd.add_option("--rules", options.rules_files,
                   "rules file(s) or profile (default: $OPFOLG_RULES, else rules/default.rules)");
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

std::vector<std::string> rules_files_in_force(const std::vector<std::string>& given) {
    if (!given.empty()) return given;
    const char* env = std::getenv("OPFOLG_RULES");
    if (env && *env) return {env};
    return {default_rules_path()};
}

rules::RuleSet load_ruleset(const std::vector<std::string>& files) {
    rules::RuleSet ruleset;
    for (const auto& file : files) {
        std::vector<rules::Diagnostic> diags;
        if (!rules::load_rules(file, ruleset, diags)) {
            std::string message = "invalid rules:";
            for (const auto& d : diags) message += "\n" + rules::format_diagnostic(d);
            throw UsageError(message);
        }
    }
    return ruleset;
}

void install_vocabulary(const rules::RuleSet& ruleset) { set_default_vocabulary(rules::vocabulary_in_force(ruleset)); }

void install_default_vocabulary() {
    rules::RuleSet ruleset;
    std::vector<rules::Diagnostic> diags;
    if (rules::load_rules(default_rules_path(), ruleset, diags) && ruleset.has_vocabulary)
        set_default_vocabulary(ruleset.vocabulary);
    else
        spdlog::debug("no default vocabulary: {} did not load", default_rules_path());
}

void refresh_classes(tracker::Store& store, const rules::RuleSet& ruleset) {
    std::string files;
    for (const auto& f : ruleset.files) files += (files.empty() ? "" : ", ") + f;
    Stopwatch watch;
    auto r = tracker::reclassify_if_stale(store, rules::vocabulary_in_force(ruleset), files);
    if (r.stale && r.decisions > 0)
        std::cerr << "opfolg: the decision vocabulary changed (" << files << "): " << r.decisions
                  << " stored decisions classified again, " << r.changed << " changed class\n";
    spdlog::debug("reclassify: {} in {:.1f} ms", r.stale ? "stale, done" : "current", watch.ms());
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

namespace {
// Refreshes the kept open flags; the error when the store cannot be written, else "".
std::string refresh_kept(tracker::Store& store, const rules::RuleSet& ruleset) {
    Stopwatch watch;
    try {
        const auto r = flags::refresh(store, ruleset);
        spdlog::debug("open flags: {} {} items, {} flags kept, in {:.1f} ms", r.rebuilt ? "rebuilt" : "refreshed",
                      r.items, r.flags, watch.ms());
        return "";
    } catch (const tracker::StoreError& e) {
        return e.what();
    }
}

// Visits the open flags kept in the store, refreshed first when writes queued items (an ingest refreshes them
// itself; a resolve from the command line or the web queues its item). A store this user may only read is used
// when current; otherwise false, nothing visited, and the caller evaluates everything.
bool visit_kept_flags(const std::string& db, const rules::RuleSet& ruleset, date::year_month_day as_of,
                      const std::vector<std::string>& disabled, const flags::FlagVisitor& visit, bool messages) {
    tracker::Store store(db, /*read_only=*/true);
    Stopwatch reading;
    std::size_t count = 0;
    auto counted = [&](const rules::Flag& f) {
        ++count;
        visit(f);
    };
    // for_each_open_flag answers only when the kept flags are current; otherwise refresh them once and try again.
    bool read = flags::for_each_open_flag(store, ruleset, as_of, disabled, counted, messages);
    if (!read) {
        std::string error;
        try {
            tracker::Store writable(db);
            error = refresh_kept(writable, ruleset);
        } catch (const tracker::StoreError& e) {
            error = e.what();
        }
        if (!error.empty()) {
            spdlog::debug("open flags: not refreshed ({}); evaluating the store", error);
            return false;
        }
        reading = Stopwatch();
        read = flags::for_each_open_flag(store, ruleset, as_of, disabled, counted, messages);
    }
    if (read) spdlog::debug("open flags: {} read as of {} in {:.1f} ms", count, dates::iso(as_of), reading.ms());
    return read;
}

// What every reading command does first: the as-of day, the rules, and the store's decision classes brought up
// to the rules' vocabulary.
struct Prepared {
    date::year_month_day as_of{};
    std::string db;
    rules::RuleSet ruleset;
};

Prepared prepare(const CommonOptions& options) {
    Prepared out;
    out.as_of = resolve_as_of(options.as_of);
    out.db = options.db.empty() ? default_db_path() : options.db;
    if (!fs::exists(out.db)) throw UsageError("no database at " + out.db + " (run `opfolg ingest` first, or give --db)");

    out.ruleset = load_ruleset(rules_files_in_force(options.rules_files));
    const rules::RuleSet& ruleset = out.ruleset;
    for (const auto& id : options.disabled)
        if (!ruleset.find(id)) throw UsageError("--disable: no rule with id \"" + id + "\"");

    bool current = false;
    {
        tracker::Store peek(out.db, /*read_only=*/true);
        current = tracker::classes_current(peek, rules::vocabulary_in_force(ruleset));
    }
    if (!current) {
        try {
            tracker::Store writable(out.db);
            refresh_classes(writable, ruleset);
        } catch (const tracker::StoreError& e) {  // e.g. a store the user may only read: report what is stored
            std::cerr << "opfolg: warning: the stored decision classes were made with another vocabulary and "
                         "cannot be updated here ("
                      << e.what() << "); run `opfolg ingest --rules ...`\n";
        }
    }
    return out;
}

// Everything loaded and evaluated (explain, a flag's page, or when the kept flags cannot be used).
void evaluate_everything(const CommonOptions& options, const Prepared& prepared, Evaluation& out) {
    tracker::Store store(prepared.db, /*read_only=*/true);
    const auto scope = rules::candidate_scope(prepared.ruleset, options.disabled);
    Stopwatch loading;
    out.candidates = tracker::load_candidates(store, prepared.as_of, scope);
    if (spdlog::should_log(spdlog::level::debug)) {
        std::string classes;
        for (auto c : scope.classes) classes += (classes.empty() ? "" : ",") + std::string(to_string(c));
        spdlog::debug("load_candidates: {} candidates as of {} in {:.1f} ms (scope: {}{}{})", out.candidates.size(),
                      dates::iso(prepared.as_of), loading.ms(),
                      scope.everything ? "every decision" : "classes " + classes,
                      scope.promise_items ? " + item-text promises" : "", scope.bodies ? ", with bodies" : "");
    }
    rules::EvalOptions eval;
    eval.disabled = options.disabled;
    Stopwatch evaluating;
    out.flags = rules::evaluate(prepared.ruleset, out.candidates, prepared.as_of, eval);
    spdlog::debug("evaluate: {} rules, {} open flags in {:.1f} ms", prepared.ruleset.rules.size(), out.flags.size(),
                  evaluating.ms());
}
}  // namespace

void refresh_open_flags(tracker::Store& store, const rules::RuleSet& ruleset) {
    const std::string error = refresh_kept(store, ruleset);
    if (!error.empty())
        std::cerr << "opfolg: warning: the kept open flags were not brought up to date (" << error
                  << "); reports evaluate the store until they are\n";
}

Evaluation evaluate_store(const CommonOptions& options, Need need) {
    Prepared prepared = prepare(options);
    Evaluation out;
    out.as_of = prepared.as_of;
    if (need == Need::flags &&
        visit_kept_flags(prepared.db, prepared.ruleset, prepared.as_of, options.disabled,
                         [&out](const rules::Flag& f) { out.flags.push_back(f); }, true)) {
        out.ruleset = std::move(prepared.ruleset);
        return out;
    }
    evaluate_everything(options, prepared, out);
    out.ruleset = std::move(prepared.ruleset);
    return out;
}

date::year_month_day visit_open_flags(const CommonOptions& options,
                                      const std::function<void(const rules::Flag&)>& visit, bool messages) {
    const Prepared prepared = prepare(options);
    if (visit_kept_flags(prepared.db, prepared.ruleset, prepared.as_of, options.disabled, visit, messages))
        return prepared.as_of;
    Evaluation all;
    evaluate_everything(options, prepared, all);
    for (const auto& f : all.flags) visit(f);
    return prepared.as_of;
}

}  // namespace opfolg::app
