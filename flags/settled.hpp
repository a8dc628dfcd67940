// The day from which a candidate's evaluation no longer depends on the as-of date. Before it, something the
// rules read is still to come as of that day: the meeting itself, a later treatment, the committee's next
// meeting, a manual decision, a snooze's end, the end of a "meeting within N days" window. On and after it,
// every rule gives the same flag (or none) with the same due date; only status, days overdue and the message
// move with the day, and rules::date_flag recomputes those.
#pragma once
#include "candidate/candidate.hpp"
#include "rules/ruleset.hpp"

#include <optional>

namespace opfolg::flags {

// The largest N of any "meeting within N days" condition in the rules (0 when none).
int meeting_window_days(const rules::RuleSet& rules);

// `candidate` loaded with everything visible (as of the far future); `newest_manual` the day of the newest manual
// decision on it (any action: an unresolve changes the flags as much as a resolve).
date::year_month_day settled_from(const tracker::Candidate& candidate, int window_days,
                                  std::optional<date::year_month_day> newest_manual);

}  // namespace opfolg::flags
