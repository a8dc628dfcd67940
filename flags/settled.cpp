#include "flags/settled.hpp"

#include <algorithm>

namespace opfolg::flags {

namespace {
int window_of(const rules::Condition& c) {
    int days = c.kind == rules::Condition::Kind::meeting_within ? c.days : 0;
    for (const auto& child : c.children) days = std::max(days, window_of(child));
    return days;
}
}  // namespace

int meeting_window_days(const rules::RuleSet& rules) {
    int days = 0;
    for (const auto& rule : rules.rules)
        for (const auto* c : {&rule.when, &rule.unless, &rule.flag_if})
            if (*c) days = std::max(days, window_of(**c));
    return days;
}

date::year_month_day settled_from(const tracker::Candidate& c, int window_days,
                                  std::optional<date::year_month_day> newest_manual) {
    date::year_month_day day = c.meeting_date;
    auto later = [&day](date::year_month_day d) {
        if (d.ok() && d > day) day = d;
    };
    for (const auto& t : c.later) later(t.meeting_date);  // also the item that reports a history decision
    if (c.next_meeting) later(*c.next_meeting);
    if (newest_manual) later(*newest_manual);
    if (c.manual && c.manual->until) later(*c.manual->until);  // snoozed while until > as-of
    if (window_days > 0) later(date::sys_days(c.meeting_date) + date::days{window_days + 1});
    return day;
}

}  // namespace opfolg::flags
