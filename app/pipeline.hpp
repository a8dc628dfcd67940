// The shared path of every reading command: open the store, load candidates as of a date, evaluate rules.
#pragma once
#include "rules/flag.hpp"
#include "rules/ruleset.hpp"
#include "candidate/candidate.hpp"
#include "tracker/store.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace opfolg::app {

// A user error (bad option value, missing file): printed as one line, exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct CommonOptions {
    std::string db;                       // --db, default $OPFOLG_DB or ./opfolg.db
    std::vector<std::string> rules_files; // --rules, default rules/default.rules (in-tree or installed)
    std::string as_of;                    // --as-of YYYY-MM-DD, default today
    std::vector<std::string> disabled;    // --disable RULE-ID
};

// Adds --db, --rules, --as-of and --disable to a sub-command.
void add_common_options(CLI::App& cmd, CommonOptions& options);

std::string default_db_path();
std::string default_rules_path();
date::year_month_day today();
date::year_month_day resolve_as_of(const std::string& as_of);  // throws UsageError

struct Evaluation {
    date::year_month_day as_of{};
    std::vector<tracker::Candidate> candidates;
    std::vector<rules::Flag> flags;  // open flags (overdue and pending), most overdue first
    rules::RuleSet ruleset;          // the rules that were evaluated
};

// Throws UsageError for bad options/rules, std::runtime_error for store failures. When the store's decision
// classes were made with another vocabulary, they are classified again first (a one-line notice on stderr).
// Without candidates (reports, lists) the flags come from the ones kept in the store (flags/open_flags.hpp),
// brought up to date first when the store can be written; with them (explain, a flag's page), or when the kept
// flags cannot be used, everything is loaded and evaluated.
enum class Need { flags, candidates };
Evaluation evaluate_store(const CommonOptions& options, Need need = Need::flags);

// The flags evaluate_store gives, visited one at a time, most overdue first, without holding them all: the list
// reports (CSV, JSON, ICS) write each as it is read. A visited Flag lives only for the call. Returns the as-of day.
// Without `messages` a flag read from the kept rows has an empty message (flags::for_each_open_flag).
date::year_month_day visit_open_flags(const CommonOptions& options,
                                      const std::function<void(const rules::Flag&)>& visit, bool messages = true);

// Brings the open flags kept in the store up to date (after an ingest); a failure is a warning on stderr, since
// what was stored stays stored and a report evaluates the store itself until a later refresh succeeds.
void refresh_open_flags(tracker::Store& store, const rules::RuleSet& ruleset);

// The rule files in force: --rules, else $OPFOLG_RULES (a profile chosen once, e.g. in the cron job), else
// the default rules.
std::vector<std::string> rules_files_in_force(const std::vector<std::string>& given);
// Loads rule files into one set (includes followed); throws UsageError with every diagnostic.
rules::RuleSet load_ruleset(const std::vector<std::string>& files);
// Makes the rules' vocabulary (vocabulary_in_force) the process's default_vocabulary, which parsing uses.
void install_vocabulary(const rules::RuleSet& ruleset);
// Installs the default rules' vocabulary (main, before any command); quietly nothing when they cannot be read.
void install_default_vocabulary();
// Brings the store's classes up to the vocabulary (tracker::reclassify_if_stale) and says so on stderr when
// stored decisions were classified again.
void refresh_classes(tracker::Store& store, const rules::RuleSet& ruleset);

}  // namespace opfolg::app
