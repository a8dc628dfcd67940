// Runs the `example` lines of a rule set: each becomes a Candidate built the way the tracker builds one
// (decision classified by the same vocabulary, deadlines by the same find_deadlines), and the rule must (not)
// flag it.
#include "rules/evaluate.hpp"

#include "grammar/decision.hpp"
#include "grammar/deadlines.hpp"
#include "text/iso_date.hpp"

#include <cstdio>

namespace opfolg::rules {

namespace {

// The tracker's own construction (grammar/deadlines.hpp): a promise must be future, not "til næste møde",
// after the meeting and addressed to this committee, exactly as in the stored minutes.
void add_deadlines(tracker::Candidate& c, const std::string& text, bool in_decision, int line) {
    for (auto& d : find_deadlines(text, line, in_decision, c.meeting_date, c.committee)) c.deadlines.push_back(std::move(d));
}

}  // namespace

date::year_month_day example_as_of(const Example& e) {
    return e.as_of ? *e.as_of : date::year_month_day{date::sys_days(e.meeting) + date::days{365}};
}

tracker::Candidate example_candidate(const Example& e, const Vocabulary& vocabulary) {
    tracker::Candidate c;
    c.key = "example|" + e.where.file + ":" + std::to_string(e.where.line);
    c.committee = e.committee;
    c.meeting_date = e.meeting;
    c.item_number = 1;
    c.title = e.title;
    c.body = e.body;
    c.case_number = e.case_number;
    c.closed = e.closed;
    c.from_history = e.from_history;
    c.source_file = e.where.file;
    c.source_line = e.where.line;
    c.decision = classify_decision(e.decision, vocabulary, e.where.line);
    // Decision deadlines first, then the item's text, as tracker::Candidate promises.
    add_deadlines(c, e.decision, true, e.where.line);
    add_deadlines(c, e.title, false, e.where.line);
    add_deadlines(c, e.body, false, e.where.line);
    c.next_meeting = e.next_meeting;
    for (auto d : e.later) {
        tracker::Treatment t;
        t.committee = e.committee;
        t.meeting_date = d;
        t.item_number = 1;
        t.title = e.title;
        t.reason = tracker::LinkReason::reference;
        t.evidence = "example";
        t.accepted = true;
        c.later.push_back(t);
    }
    if (e.resolved) c.manual = tracker::ManualDecision{"", "resolve", "example", "", std::nullopt};
    if (e.snoozed_until) c.manual = tracker::ManualDecision{"", "snooze", "example", "", e.snoozed_until};
    return c;
}

std::vector<ExampleResult> run_examples(const RuleSet& rules) {
    std::vector<ExampleResult> results;
    for (const auto& rule : rules.rules) {
        for (const auto& e : rule.examples) {
            ExampleResult r;
            r.rule = rule.id;
            r.example = e.text;
            auto candidate = example_candidate(e, vocabulary_in_force(rules));
            std::vector<std::string> trace;
            auto flag = evaluate_rule(rule, candidate, example_as_of(e), &trace);
            std::string where = e.where.file + ":" + std::to_string(e.where.line) + ": ";
            if (flag.has_value() != e.expect_flagged) {
                r.detail = where + "expected " + (e.expect_flagged ? "flagged" : "not flagged") + ", got " +
                           (flag ? "flagged" : "not flagged");
            } else if (flag && e.expect_due && flag->due != *e.expect_due) {
                r.detail = where + "expected due " + text::iso(*e.expect_due) + ", got " + text::iso(flag->due) + " (" +
                           flag->due_source + ")";
            } else if (flag && e.expect_status && flag->status != *e.expect_status) {
                r.detail = where + "expected status " + to_string(*e.expect_status) + ", got " + to_string(flag->status);
            } else {
                r.passed = true;
            }
            if (!r.passed) {
                for (const auto& t : trace) r.detail += "\n    " + t;
            }
            results.push_back(std::move(r));
        }
    }
    return results;
}

}  // namespace opfolg::rules
