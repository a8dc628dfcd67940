// Shared helpers for the rules tests: parse text, build candidates by hand.
#pragma once
#include "rules/evaluate.hpp"
#include "rules/ruleset.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace opfolg::rules::test {

struct Parsed {
    bool ok = false;
    RuleSet set;
    std::vector<Diagnostic> diags;
};

inline Parsed parse(const std::string& text, const std::string& name = "test.rules") {
    Parsed p;
    p.ok = parse_rules(text, name, p.set, p.diags);
    return p;
}

// The one diagnostic a text must produce (fails the test otherwise, showing them all).
inline Diagnostic only_error(const std::string& text) {
    auto p = parse(text);
    INFO(text);
    for (const auto& d : p.diags) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE_FALSE(p.ok);
    REQUIRE(p.diags.size() == 1);
    return p.diags[0];
}

inline date::year_month_day ymd(int y, unsigned m, unsigned d) {
    return date::year{y} / date::month{m} / date::day{d};
}

// A candidate as the tracker would give it: a decision with its classes, no deadlines, no later treatment.
inline tracker::Candidate candidate(std::vector<DecisionClass> classes, date::year_month_day meeting,
                                    std::string decision_text = "Beslutningstekst") {
    tracker::Candidate c;
    c.key = "Økonomiudvalget|" + std::to_string(static_cast<int>(meeting.year())) + "|4|minutes";
    c.committee = "Økonomiudvalget";
    c.meeting_date = meeting;
    c.item_number = 4;
    c.title = "Udbud af rengøring";
    c.body = "Sagsfremstilling om udbud.";
    c.case_number = "15.00.00-G01-1-19";
    c.decision.text = std::move(decision_text);
    c.decision.classes = std::move(classes);
    c.source_file = "referat.txt";
    c.source_line = 120;
    return c;
}

inline Deadline deadline(std::string phrase, date::year_month_day last, bool in_decision, bool promise,
                         int line = 100) {
    Deadline d;
    d.phrase.phrase = std::move(phrase);
    d.phrase.last = last;
    d.phrase.first = last;
    d.in_decision = in_decision;
    d.promise = promise;
    d.promise_verb = promise ? "forelægges" : "";
    d.line = line;
    return d;
}

inline tracker::Treatment later(date::year_month_day when, bool accepted = true) {
    tracker::Treatment t;
    t.committee = "Økonomiudvalget";
    t.meeting_date = when;
    t.item_number = 7;
    t.title = "Udbud af rengøring";
    t.reason = accepted ? tracker::LinkReason::reference : tracker::LinkReason::none;
    t.evidence = accepted ? "Tidligere behandling" : "different case number";
    t.accepted = accepted;
    return t;
}

inline RuleSet default_rules() {
    RuleSet set;
    std::vector<Diagnostic> diags;
    load_rules(std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules", set, diags);
    return set;
}

}  // namespace opfolg::rules::test
