// The open flags kept in the store, so a report is an indexed read plus rendering instead of loading and
// evaluating every candidate (tables and triggers: tracker/schema.cpp, migration 8).
//
// refresh() evaluates the candidates of the items queued in flags_pending (or all of them, the first time and
// after a change that touches everything) as of the far future, and stores each item's flags with the day from
// which they hold for every as-of (flags/settled.hpp). read_open_flags() answers for one as-of day: the stored
// flags of the items settled by then, dated for that day (status, days overdue, message), plus a fresh
// evaluation of the few items not settled yet. Equal to evaluating everything, for any as-of; a test checks it.
#pragma once
#include "rules/flag.hpp"
#include "rules/ruleset.hpp"
#include "tracker/store.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace opfolg::flags {

// What the kept rows were evaluated with: the text of every rule file read, in order, as loaded (no file is read
// again), and the evaluator's generation.
std::string rules_digest(const rules::RuleSet& rules);

enum class KeptState {
    current,  // the rows answer for these rules
    pending,  // writes since the last refresh queued items to evaluate again
    stale     // never built, built with other rules, or a change touched everything: refresh rebuilds
};
KeptState kept_state(tracker::Store& store, const rules::RuleSet& rules);

struct RefreshSummary {
    bool rebuilt = false;       // everything evaluated again
    std::size_t items = 0;      // items evaluated
    std::size_t flags = 0;      // flags stored for them
};

// Brings the kept rows up to date in one write transaction (nothing to do: no write at all). Throws
// tracker::StoreError when the store cannot be written.
RefreshSummary refresh(tracker::Store& store, const rules::RuleSet& rules);

// Visits the open flags as of `as_of`, most overdue first, one at a time without holding them (a national
// report lists 367k): the Flag passed is reused for the next row, so copy what you keep. false, having visited
// nothing, when the kept rows are not current for these rules (the caller evaluates the store itself, or
// refreshes first). Without `messages` the flags' messages stay empty: filling each rule's message template was
// a tenth of a CSV report, which does not show them.
using FlagVisitor = std::function<void(const rules::Flag&)>;
bool for_each_open_flag(tracker::Store& store, const rules::RuleSet& rules, date::year_month_day as_of,
                        const std::vector<std::string>& disabled, const FlagVisitor& visit, bool messages = true);

// The same, collected.
std::optional<std::vector<rules::Flag>> read_open_flags(tracker::Store& store, const rules::RuleSet& rules,
                                                        date::year_month_day as_of,
                                                        const std::vector<std::string>& disabled = {});

}  // namespace opfolg::flags
