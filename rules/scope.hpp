// Which candidates a rule set can possibly flag, so the tracker loads only those (a weekly report over a large
// archive would otherwise read every decision with its body).
#pragma once
#include "rules/ruleset.hpp"
#include "candidate/candidate.hpp"

#include <string>
#include <vector>

namespace opfolg::rules {

// A superset of the candidates on which some enabled rule's `when` can hold: decision classes and "has
// promise" are pushed down; anything else (negations, regexes, committees, ...) widens the scope to every
// candidate. Bodies are loaded only when some condition tests `body` or `text`.
tracker::CandidateScope candidate_scope(const RuleSet& rules, const std::vector<std::string>& disabled = {});

}  // namespace opfolg::rules
