// Evaluating a RuleSet against candidates: flags, explanations and the DSL's own examples.
// Stores keep flags this code computed (flags/open_flags.cpp): when what it computes for the same rule files
// changes, raise `evaluator_generation` there, so kept flags are evaluated again.
//
// For each enabled rule and candidate: `when` must hold, `unless` must not, the due date is the first due
// alternative that yields a date (no date: no flag), and `flag if` (default true) must hold with that due.
// status = overdue when due < as_of, else pending; days_overdue = as_of - due (negative while pending).
// Flag::id = first 10 hex digits of FNV-1a 64 over rule id + "|" + candidate key, finished with MurmurHash3's
// fmix64 so neighbouring items get unlike ids (stable across runs and machines).
#pragma once
#include "rules/ruleset.hpp"
#include "candidate/candidate.hpp"

#include <string>
#include <vector>

namespace opfolg::rules {

struct EvalOptions {
    std::vector<std::string> disabled;  // rule ids switched off
};

// Sorted most overdue first (then committee, meeting date, item, rule).
std::vector<Flag> evaluate(const RuleSet& rules, const std::vector<tracker::Candidate>& candidates,
                           date::year_month_day as_of, const EvalOptions& options = {});

// Evaluates one rule on one candidate; the flag when it fires. `trace` (optional) receives every step,
// also when it does not fire.
std::optional<Flag> evaluate_rule(const Rule& rule, const tracker::Candidate& candidate, date::year_month_day as_of,
                                  std::vector<std::string>* trace = nullptr);

// The parts of a flag that depend on the as-of day alone: status, days overdue and the message (which may show
// both). A flag kept in the store (flags/open_flags.hpp) is dated again for each report.
void date_flag(const Rule& rule, Flag& flag, date::year_month_day as_of, bool message = true);

// A readable account of why `flag` was raised: the rule, the candidate, every condition, the due date and
// where it came from, and each later treatment considered (accepted, rejected or after as-of).
std::string explain(const RuleSet& rules, const tracker::Candidate& candidate, const Flag& flag,
                    date::year_month_day as_of);

// "abcdef0123": 10 hex digits of fmix64(FNV-1a 64 of rule_id + "|" + key).
std::string flag_id(const std::string& rule_id, const std::string& candidate_key);

struct ExampleResult {
    std::string rule, example;  // rule id, the example as written
    bool passed = false;
    std::string detail;         // what differed (file:line: expected ..., got ...)
};

// Builds a Candidate from each `example` (decision classified with classify_decision and the rule set's
// vocabulary_in_force, deadlines found with grammar/deadlines.hpp as for stored minutes) and checks the expected
// outcome.
std::vector<ExampleResult> run_examples(const RuleSet& rules);
// The candidate an example describes (its decision classified with `vocabulary`), and its as-of date.
tracker::Candidate example_candidate(const Example& example, const Vocabulary& vocabulary = default_vocabulary());
date::year_month_day example_as_of(const Example& example);

}  // namespace opfolg::rules
