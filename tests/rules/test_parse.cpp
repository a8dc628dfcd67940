// The DSL parses into the rules it describes.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::rules;
using namespace opfolg::rules::test;

TEST_CASE("default.rules loads with the three required rules and returned-not-resumed", "[rules][parse]") {
    RuleSet set;
    std::vector<Diagnostic> diags;
    bool ok = load_rules(std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules", set, diags);
    for (const auto& d : diags) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(ok);
    REQUIRE(set.rules.size() == 4);
    CHECK(set.rules[0].id == "postponed-not-resumed");
    CHECK(set.rules[1].id == "new-case-not-presented");
    CHECK(set.rules[2].id == "promised-followup-missing");
    CHECK(set.rules[3].id == "returned-not-resumed");
    REQUIRE(set.rules[3].when);
    CHECK(set.rules[3].when->decision_class == DecisionClass::returned);
    const Rule& r = set.rules[0];
    CHECK(r.title == "Udsat sag ikke genoptaget");
    CHECK(r.severity == Severity::high);
    REQUIRE(r.due.size() == 4);
    CHECK(r.due[0].kind == DueAlternative::Kind::deadline_in_decision);
    CHECK(r.due[1].kind == DueAlternative::Kind::promise_in_text);
    CHECK(r.due[2].kind == DueAlternative::Kind::next_meeting);
    CHECK(r.due[3].kind == DueAlternative::Kind::after_meeting);
    CHECK(r.due[3].amount == 60);
    REQUIRE(r.when);
    CHECK(r.when->kind == Condition::Kind::decision_class);
    CHECK(r.when->decision_class == DecisionClass::postponed);
    REQUIRE(r.unless);
    CHECK(r.unless->kind == Condition::Kind::any_of);
    CHECK(r.unless->text == "resolved or snoozed");
    CHECK(r.examples.size() >= 5);
    for (const auto& rule : set.rules) CHECK(!rule.examples.empty());
}

TEST_CASE("precedence: and binds tighter than or, not and parentheses", "[rules][parse]") {
    auto p = parse(R"(rule r {
        title "T" when closed or decision is noted and not has promise
        due end of year message "m" })");
    REQUIRE(p.ok);
    const auto& w = *p.set.rules[0].when;
    REQUIRE(w.kind == Condition::Kind::any_of);
    REQUIRE(w.children.size() == 2);
    CHECK(w.children[0].kind == Condition::Kind::closed);
    REQUIRE(w.children[1].kind == Condition::Kind::all_of);
    CHECK(w.children[1].children[1].kind == Condition::Kind::negation);
    CHECK(w.children[1].children[1].children[0].kind == Condition::Kind::has_promise);

    auto q = parse(R"(rule r { title "T" when (closed or resolved) and snoozed due end of year message "m" })");
    REQUIRE(q.ok);
    const auto& v = *q.set.rules[0].when;
    REQUIRE(v.kind == Condition::Kind::all_of);
    CHECK(v.children[0].kind == Condition::Kind::any_of);
}

TEST_CASE("all atoms and due alternatives parse", "[rules][parse]") {
    auto p = parse(R"(
# comment line
rule every-atom {  # trailing comment
  title "Alt"
  severity low
  when decision is investigate or title matches "budget\d+" or body matches "x" or text matches "y"
       or committee matches "udvalg$" or committee in ("Økonomiudvalget", "Børne- og Ungeudvalget")
       or case starts with "15." or from history or meeting within 30 days
  unless closed
  due first of (3 weeks after meeting, 2 months after meeting, end of quarter, end of year)
  flag if no later treatment within 45 days and no later treatment before due
  message "{rule}: {{literal}} {rule_title} {case} {decision} {status} {due_source}"
  example committee "Økonomiudvalget" case "15.20" title "Budget" history closed -> not flagged
})");
    for (const auto& d : p.diags) UNSCOPED_INFO(format_diagnostic(d));
    REQUIRE(p.ok);
    const Rule& r = p.set.rules[0];
    CHECK(r.severity == Severity::low);
    CHECK(r.when->children.size() == 9);
    CHECK(r.when->children[1].field == "title");
    CHECK(r.when->children[5].strings == std::vector<std::string>{"økonomiudvalget", "børne- og ungeudvalget"});
    CHECK(r.when->children[8].days == 30);
    REQUIRE(r.due.size() == 4);
    CHECK(r.due[0].unit == 'w');
    CHECK(r.due[1].unit == 'm');
    CHECK(r.due[2].kind == DueAlternative::Kind::end_of_quarter);
    CHECK(r.flag_if->children[0].kind == Condition::Kind::no_later_within);
    CHECK(r.flag_if->children[1].kind == Condition::Kind::no_later_before_due);
    REQUIRE(r.examples.size() == 1);
    CHECK(r.examples[0].closed);
    CHECK(r.examples[0].from_history);
    CHECK(r.examples[0].case_number == "15.20");
    CHECK(r.examples[0].where.line == 13);
}

TEST_CASE("strings keep backslashes except escaped quotes", "[rules][parse]") {
    auto p = parse(R"(rule r { title "Sagen \"X\"" when title matches "\d+\\." due end of year message "m" })");
    REQUIRE(p.ok);
    CHECK(p.set.rules[0].title == "Sagen \"X\"");
}

TEST_CASE("an empty file is a valid, empty rule set", "[rules][parse]") {
    auto p = parse("  # only a comment\n");
    CHECK(p.ok);
    CHECK(p.set.rules.empty());
}
