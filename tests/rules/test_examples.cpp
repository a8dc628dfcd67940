// The DSL's own examples, run through the real classifier and date finder.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::rules;
using namespace opfolg::rules::test;

TEST_CASE("every example in default.rules passes", "[rules][examples]") {
    auto rules = default_rules();
    REQUIRE(rules.rules.size() == 4);
    auto results = run_examples(rules);
    REQUIRE(results.size() >= 15);
    for (const auto& r : results) {
        INFO(r.rule << ": " << r.example << "\n" << r.detail);
        CHECK(r.passed);
    }
}

TEST_CASE("a wrong expectation is reported with what differed", "[rules][examples]") {
    auto p = parse(R"(rule r {
  title "T"
  when decision is postponed
  due 10 days after meeting
  message "m"
  example decision "Udsættes." -> not flagged
  example decision "Udsættes." -> flagged due 2020-01-26
  example decision "Udsættes." -> flagged due 2020-01-25 status pending
  example decision "Udsættes." -> flagged due 2020-01-25 status overdue
})");
    REQUIRE(p.ok);
    auto results = run_examples(p.set);
    REQUIRE(results.size() == 4);
    CHECK_FALSE(results[0].passed);
    CHECK(results[0].detail.find("test.rules:6: expected not flagged, got flagged") == 0);
    CHECK_FALSE(results[1].passed);
    CHECK(results[1].detail.find("test.rules:7: expected due 2020-01-26, got 2020-01-25 (10 days after meeting)") == 0);
    CHECK_FALSE(results[2].passed);
    CHECK(results[2].detail.find("expected status pending, got overdue") != std::string::npos);
    CHECK(results[3].passed);
    CHECK(results[3].example == "decision \"Udsættes.\" -> flagged due 2020-01-25 status overdue");
}

TEST_CASE("example candidates are built like the tracker's", "[rules][examples]") {
    auto p = parse(R"(rule r {
  title "T" when closed due next meeting message "m"
  example meeting 2019-06-12 committee "Kultur- og Fritidsudvalget" case "18.20.00" title "Bibliotek"
          decision "Taget til efterretning." text "Der gives en status i 4. kvartal 2019."
          later 2019-12-04 next meeting 2019-08-14 as of 2020-01-01 closed snoozed until 2020-02-01 -> not flagged
})");
    REQUIRE(p.ok);
    const Example& e = p.set.rules[0].examples.at(0);
    auto c = example_candidate(e);
    CHECK(c.committee == "Kultur- og Fritidsudvalget");
    CHECK(c.case_number == "18.20.00");
    CHECK(c.meeting_date == ymd(2019, 6, 12));
    CHECK(c.closed);
    REQUIRE(c.later.size() == 1);
    CHECK(c.later[0].accepted);
    CHECK(c.next_meeting == ymd(2019, 8, 14));
    REQUIRE(c.manual);
    CHECK(c.manual->action == "snooze");
    CHECK(example_as_of(e) == ymd(2020, 1, 1));
    CHECK(c.decision.classes == std::vector<DecisionClass>{DecisionClass::noted});
    REQUIRE_FALSE(c.deadlines.empty());
    CHECK(c.deadlines.back().phrase.last == ymd(2019, 12, 31));
    CHECK(c.deadlines.back().promise);
    CHECK_FALSE(c.deadlines.back().in_decision);
}
