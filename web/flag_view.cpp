#include "web/flag_view.hpp"
#include "rules/evaluate.hpp"

namespace opfolg::web {

std::optional<FlagView> load_flag_view(tracker::Store& store, const rules::RuleSet& ruleset,
                                       const std::vector<tracker::Candidate>& candidates,
                                       const std::vector<rules::Flag>& open_flags, date::year_month_day as_of,
                                       const std::string& flag_id) {
    FlagView view;
    view.audit = tracker::audit_log(store, flag_id);
    const tracker::Candidate* candidate = nullptr;
    auto find_candidate = [&](const std::string& key) {
        for (const auto& c : candidates)
            if (c.key == key) return &c;
        return static_cast<const tracker::Candidate*>(nullptr);
    };
    bool found = false;
    for (const auto& f : open_flags) {
        if (f.id != flag_id) continue;
        view.flag = f;
        candidate = find_candidate(f.candidate_key);
        found = true;
        break;
    }
    if (!found) {
        // Not open: resolved or snoozed. Its audit rows name the candidate and rule; evaluate that rule again
        // without the manual decision.
        if (view.audit.empty()) return std::nullopt;
        const auto& last = view.audit.back();
        const rules::Rule* rule = ruleset.find(last.rule);
        candidate = find_candidate(last.candidate_key);
        if (!rule || !candidate) return std::nullopt;
        tracker::Candidate without = *candidate;
        without.manual.reset();
        auto flag = rules::evaluate_rule(*rule, without, as_of);
        if (!flag) return std::nullopt;
        view.flag = *flag;
        view.open = false;
    }
    if (candidate) {
        view.explain = rules::explain(ruleset, *candidate, view.flag, as_of);
        for (const auto& t : candidate->later)
            if (!t.accepted) view.rejected.push_back(t);
    }
    if (!view.flag.case_number.empty()) view.timeline = tracker::case_timeline(store, view.flag.case_number);
    return view;
}

}  // namespace opfolg::web
