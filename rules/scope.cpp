#include "rules/scope.hpp"

#include <algorithm>

namespace opfolg::rules {

namespace {

using Kind = Condition::Kind;

// An over-approximation of where a condition can hold: every candidate, or those with one of `classes` or
// (when `promise`) an item-text promise.
struct Reach {
    bool everything = true;
    std::vector<DecisionClass> classes;
    bool promise = false;

    std::size_t width() const { return everything ? SIZE_MAX : classes.size() + (promise ? 1 : 0); }
};

void add_class(std::vector<DecisionClass>& to, DecisionClass c) {
    if (std::find(to.begin(), to.end(), c) == to.end()) to.push_back(c);
}

Reach unite(const Reach& a, const Reach& b) {
    if (a.everything || b.everything) return Reach{};
    Reach out{false, a.classes, a.promise || b.promise};
    for (DecisionClass c : b.classes) add_class(out.classes, c);
    return out;
}

Reach reach(const Condition& c) {
    switch (c.kind) {
        case Kind::decision_class: return Reach{false, {c.decision_class}, false};
        case Kind::has_promise: return Reach{false, {}, true};
        case Kind::any_of: {
            if (c.children.empty()) return Reach{false, {}, false};  // an empty "or" never holds
            Reach out = reach(c.children.front());
            for (std::size_t i = 1; i < c.children.size(); ++i) out = unite(out, reach(c.children[i]));
            return out;
        }
        case Kind::all_of: {
            // Every conjunct must hold, so the narrowest conjunct bounds the whole.
            Reach best;
            for (const auto& child : c.children) {
                Reach r = reach(child);
                if (r.width() < best.width()) best = r;
            }
            return best;
        }
        default: return Reach{};  // negation and every other test: no bound
    }
}

bool reads_body(const Condition& c) {
    if (c.kind == Kind::matches && (c.field == "body" || c.field == "text")) return true;
    return std::any_of(c.children.begin(), c.children.end(), reads_body);
}

}  // namespace

tracker::CandidateScope candidate_scope(const RuleSet& rules, const std::vector<std::string>& disabled) {
    tracker::CandidateScope scope;
    scope.everything = false;
    scope.bodies = false;
    bool any_rule = false;
    Reach all{false, {}, false};
    for (const Rule& rule : rules.rules) {
        if (std::find(disabled.begin(), disabled.end(), rule.id) != disabled.end()) continue;
        any_rule = true;
        all = unite(all, rule.when ? reach(*rule.when) : Reach{});
        for (const auto* cond : {&rule.when, &rule.unless, &rule.flag_if})
            if (*cond && reads_body(**cond)) scope.bodies = true;
    }
    if (!any_rule) return scope;  // nothing enabled: nothing to load
    scope.everything = all.everything;
    scope.classes = all.classes;
    scope.promise_items = all.promise;
    return scope;
}

}  // namespace opfolg::rules
