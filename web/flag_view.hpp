// Gathers a flag's page from an evaluation: the open flag, or (when it was resolved or snoozed) the flag its
// rule raises again with the manual decision set aside, so the page can still show it and offer "unresolve".
#pragma once
#include "rules/ruleset.hpp"
#include "tracker/store.hpp"
#include "web/pages.hpp"

#include <optional>

namespace opfolg::web {

std::optional<FlagView> load_flag_view(tracker::Store& store, const rules::RuleSet& ruleset,
                                       const std::vector<tracker::Candidate>& candidates,
                                       const std::vector<rules::Flag>& open_flags, date::year_month_day as_of,
                                       const std::string& flag_id);

}  // namespace opfolg::web
