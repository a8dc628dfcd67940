// The evaluator on hand-built candidates: the default rules' semantics, conditions, due dates, flags.
#include "helpers.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using namespace opfolg::rules;
using namespace opfolg::rules::test;

namespace {
const auto june = ymd(2019, 6, 12);
const auto as_of = ymd(2020, 1, 10);

std::vector<Flag> run(const tracker::Candidate& c, date::year_month_day when = as_of, EvalOptions options = {}) {
    static const RuleSet rules = default_rules();
    REQUIRE(rules.rules.size() == 4);
    return evaluate(rules, {c}, when, options);
}
}  // namespace

TEST_CASE("postponed-not-resumed: due falls back to meeting + 60 days", "[rules][evaluate]") {
    auto flags = run(candidate({DecisionClass::postponed}, june, "Udsættes."));
    REQUIRE(flags.size() == 1);
    const Flag& f = flags[0];
    CHECK(f.rule == "postponed-not-resumed");
    CHECK(f.rule_title == "Udsat sag ikke genoptaget");
    CHECK(f.severity == Severity::high);
    CHECK(f.due == ymd(2019, 8, 11));
    CHECK(f.due_source == "60 days after meeting");
    CHECK(f.status == rules::FlagStatus::overdue);
    CHECK(f.days_overdue == 152);
    CHECK(f.source == "referat.txt:120");
    CHECK(f.item_number == 4);
    CHECK(f.decision == "Udsættes.");
    CHECK(f.id.size() == 10);
    CHECK(f.id == flag_id("postponed-not-resumed", "Økonomiudvalget|2019|4|minutes"));
    CHECK(f.message == "Udbud af rengøring (Økonomiudvalget 2019-06-12, punkt 4) blev udsat og er ikke genoptaget; "
                       "ventet senest 2019-08-11 (152 dage)");
    REQUIRE(f.why.size() >= 4);
    CHECK(f.why[0] == "when decision is postponed: holds (decision classes: postponed)");
    CHECK(f.why[1] == "unless resolved or snoozed: does not hold");
    CHECK(f.why[2] == "due 2019-08-11 from 60 days after meeting");
    CHECK(f.why.back() == "flag if no later treatment: holds");
}

TEST_CASE("postponed-not-resumed: due alternatives in order", "[rules][evaluate]") {
    auto c = candidate({DecisionClass::postponed}, june, "Udsættes til september.");
    c.next_meeting = ymd(2019, 8, 20);
    SECTION("next meeting beats the 60 days") {
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].due == ymd(2019, 8, 20));
        CHECK(f[0].due_source == "next meeting of Økonomiudvalget");
    }
    SECTION("a promise in the text beats the next meeting") {
        c.deadlines.push_back(deadline("på august mødet", ymd(2019, 8, 31), false, true, 88));
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].due == ymd(2019, 8, 31));
        CHECK(f[0].due_source == "promise in text: \"på august mødet\" (line 88)");
    }
    SECTION("a deadline in the decision beats everything") {
        c.deadlines.push_back(deadline("til september", ymd(2019, 9, 30), true, false, 120));
        c.deadlines.push_back(deadline("på august mødet", ymd(2019, 8, 31), false, true, 88));
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].due == ymd(2019, 9, 30));
        CHECK(f[0].due_source == "decision: \"til september\" (line 120)");
    }
    SECTION("past phrases and text phrases that are not promises are skipped") {
        auto past = deadline("i maj", ymd(2019, 5, 31), true, false);
        past.phrase.past = true;
        c.deadlines.push_back(past);
        c.deadlines.push_back(deadline("i 2020", ymd(2020, 12, 31), false, false));
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].due == ymd(2019, 8, 20));
    }
    SECTION("a 'til næste møde' phrase resolves to the next meeting") {
        auto next = deadline("til næste møde", {}, true, false, 121);
        next.phrase.next_meeting = true;
        next.phrase.last = date::year_month_day{};
        c.deadlines.push_back(next);
        c.next_meeting = ymd(2019, 9, 3);
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].due == ymd(2019, 9, 3));
        CHECK(f[0].due_source == "decision: \"til næste møde\" (line 121) = next meeting");
    }
}

TEST_CASE("postponed-not-resumed: later treatments", "[rules][evaluate]") {
    auto c = candidate({DecisionClass::postponed}, june);
    SECTION("an accepted later treatment within as-of resolves it") {
        c.later.push_back(later(ymd(2019, 12, 1)));
        CHECK(run(c).empty());
    }
    SECTION("a later treatment after the due date still counts (it was resumed)") {
        c.later.push_back(later(ymd(2019, 11, 1)));
        CHECK(run(c).empty());
    }
    SECTION("a treatment after as-of does not count") {
        c.later.push_back(later(ymd(2020, 2, 1)));
        auto f = run(c);
        REQUIRE(f.size() == 1);
        bool explained = false;
        for (const auto& w : f[0].why) explained |= w.find("accepted but after as-of 2020-01-10") != std::string::npos;
        CHECK(explained);
    }
    SECTION("a rejected link does not count, and says why") {
        c.later.push_back(later(ymd(2019, 9, 1), false));
        auto f = run(c);
        REQUIRE(f.size() == 1);
        bool explained = false;
        for (const auto& w : f[0].why) {
            explained |= w == "later treatment 2019-09-01 Økonomiudvalget punkt 7 \"Udbud af rengøring\": rejected "
                              "(different case number)";
        }
        CHECK(explained);
    }
}

TEST_CASE("pending flags and as-of", "[rules][evaluate]") {
    auto f = run(candidate({DecisionClass::postponed}, june), ymd(2019, 7, 1));
    REQUIRE(f.size() == 1);
    CHECK(f[0].status == rules::FlagStatus::pending);
    CHECK(f[0].days_overdue == -41);
    auto on_due = run(candidate({DecisionClass::postponed}, june), ymd(2019, 8, 11));
    REQUIRE(on_due.size() == 1);
    CHECK(on_due[0].status == rules::FlagStatus::pending);
    CHECK(on_due[0].days_overdue == 0);
}

TEST_CASE("resolve and snooze exempt a flag of their rule", "[rules][evaluate]") {
    auto c = candidate({DecisionClass::postponed}, june);
    c.manual = tracker::ManualDecision{"postponed-not-resumed", "resolve", "kbj", "Behandlet i byrådet", {}};
    CHECK(run(c).empty());
    c.manual = tracker::ManualDecision{"new-case-not-presented", "resolve", "kbj", "", {}};
    CHECK(run(c).size() == 1);  // made on another rule's flag
    c.manual = tracker::ManualDecision{"postponed-not-resumed", "snooze", "kbj", "", ymd(2020, 3, 1)};
    CHECK(run(c).empty());
    CHECK(run(c, ymd(2020, 3, 1)).size() == 1);  // the snooze has ended
}

TEST_CASE("new-case-not-presented", "[rules][evaluate]") {
    auto c = candidate({DecisionClass::approved, DecisionClass::new_case}, june, "Godkendt. Ny sag forelægges.");
    c.next_meeting = ymd(2019, 8, 20);  // not one of this rule's alternatives
    auto f = run(c);
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule == "new-case-not-presented");
    CHECK(f[0].due == ymd(2019, 9, 10));
    CHECK(f[0].severity == Severity::medium);
    c.later.push_back(later(ymd(2019, 10, 1)));
    CHECK(run(c).empty());
}

TEST_CASE("promised-followup-missing", "[rules][evaluate]") {
    auto c = candidate({DecisionClass::noted}, june, "Taget til efterretning.");
    c.deadlines.push_back(deadline("i 4. kvartal 2019", ymd(2019, 12, 31), false, true, 77));
    SECTION("fires with the promise as due") {
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].rule == "promised-followup-missing");
        CHECK(f[0].due == ymd(2019, 12, 31));
        CHECK(f[0].days_overdue == 10);
    }
    SECTION("a treatment by the due date keeps the promise") {
        c.later.push_back(later(ymd(2019, 12, 31)));
        CHECK(run(c).empty());
    }
    SECTION("a treatment after the due date was late") {
        c.later.push_back(later(ymd(2020, 1, 2)));
        CHECK(run(c).size() == 1);
    }
    SECTION("not for postponed or new-case decisions") {
        c.decision.classes = {DecisionClass::postponed};
        auto f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].rule == "postponed-not-resumed");
        c.decision.classes = {DecisionClass::new_case};
        f = run(c);
        REQUIRE(f.size() == 1);
        CHECK(f[0].rule == "new-case-not-presented");
    }
    SECTION("a promise in the decision is not a promise in the text") {
        c.deadlines[0].in_decision = true;
        CHECK(run(c).empty());
    }
    SECTION("a past promise is a fact, not a deadline") {
        c.deadlines[0].phrase.past = true;
        CHECK(run(c).empty());
    }
}

TEST_CASE("rules can be switched off", "[rules][evaluate]") {
    auto c = candidate({DecisionClass::postponed}, june);
    CHECK(run(c, as_of, EvalOptions{{"postponed-not-resumed"}}).empty());
    CHECK(run(c, as_of, EvalOptions{{"promised-followup-missing"}}).size() == 1);
}

TEST_CASE("flags are sorted most overdue first and ids are stable", "[rules][evaluate]") {
    auto a = candidate({DecisionClass::postponed}, ymd(2019, 3, 1));
    a.key = "a";
    auto b = candidate({DecisionClass::postponed}, ymd(2019, 9, 1));
    b.key = "b";
    auto c = candidate({DecisionClass::postponed}, ymd(2019, 6, 1));
    c.key = "c";
    auto rules = default_rules();
    auto flags = evaluate(rules, {b, a, c}, as_of);
    REQUIRE(flags.size() == 3);
    CHECK(flags[0].meeting_date == ymd(2019, 3, 1));
    CHECK(flags[1].meeting_date == ymd(2019, 6, 1));
    CHECK(flags[2].meeting_date == ymd(2019, 9, 1));
    CHECK(flags[0].days_overdue > flags[1].days_overdue);
    auto again = evaluate(rules, {a, b, c}, as_of);
    for (std::size_t i = 0; i < 3; ++i) CHECK(again[i].id == flags[i].id);
    CHECK(flags[0].id != flags[1].id);
    // fmix64(FNV-1a 64 of "r|k"), first 10 hex digits (computed independently in Python).
    CHECK(flag_id("r", "k") == "6a86071885");
}

TEST_CASE("conditions: regex with Danish case folding, committees, case prefixes", "[rules][evaluate]") {
    auto p = parse(R"(rule r {
        title "T"
        when (title matches "^ÆBLE.*søg" or body matches "\bfORÆLDRE\b") and committee in ("økonomiUDVALGET")
             and case starts with "15."
        unless closed
        due end of quarter
        message "{title}" })");
    REQUIRE(p.ok);
    auto c = candidate({DecisionClass::noted}, ymd(2019, 5, 3));
    c.title = "Æblehaven - ansøgning";
    auto flags = evaluate(p.set, {c}, as_of);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].due == ymd(2019, 6, 30));
    c.title = "ØBLE";
    CHECK(evaluate(p.set, {c}, as_of).empty());
    c.body = "Møde med forældre og skole";
    CHECK(evaluate(p.set, {c}, as_of).size() == 1);
    c.closed = true;
    CHECK(evaluate(p.set, {c}, as_of).empty());
    c.closed = false;
    c.case_number = "16.01.00";
    CHECK(evaluate(p.set, {c}, as_of).empty());
    c.case_number = "15.01.00";
    c.committee = "Børneudvalget";
    CHECK(evaluate(p.set, {c}, as_of).empty());
}

TEST_CASE("temporal conditions: within N days", "[rules][evaluate]") {
    auto p = parse(R"(rule r {
        title "T" when meeting within 100 days due first of (2 months after meeting, end of year)
        flag if no later treatment within 30 days message "{due}" })");
    REQUIRE(p.ok);
    auto c = candidate({DecisionClass::noted}, ymd(2019, 12, 31));
    auto f = evaluate(p.set, {c}, ymd(2020, 3, 1));
    REQUIRE(f.size() == 1);
    CHECK(f[0].due == ymd(2020, 2, 29));  // month arithmetic clamps to the month's end
    CHECK(evaluate(p.set, {c}, ymd(2020, 4, 10)).empty());  // 101 days after the meeting
    c.later.push_back(later(ymd(2020, 1, 30)));
    CHECK(evaluate(p.set, {c}, ymd(2020, 3, 1)).empty());
    c.later[0].meeting_date = ymd(2020, 1, 31);  // 31 days: too late to count
    CHECK(evaluate(p.set, {c}, ymd(2020, 3, 1)).size() == 1);
}

TEST_CASE("a rule without an applicable due alternative does not fire", "[rules][evaluate]") {
    auto p = parse(R"(rule r { title "T" when decision is none due next meeting message "m" })");
    REQUIRE(p.ok);
    auto c = candidate({DecisionClass::none}, june, "");
    std::vector<std::string> trace;
    CHECK_FALSE(evaluate_rule(p.set.rules[0], c, as_of, &trace));
    REQUIRE(trace.size() == 2);
    CHECK(trace[1] == "due: no alternative applies (next meeting), so no flag");
    c.next_meeting = ymd(2019, 7, 1);
    CHECK(evaluate_rule(p.set.rules[0], c, as_of));
}

TEST_CASE("explain tells the whole story", "[rules][evaluate]") {
    auto rules = default_rules();
    auto c = candidate({DecisionClass::postponed}, june, "Udsættes.");
    c.deadlines.push_back(deadline("på august mødet", ymd(2019, 8, 31), false, true, 88));
    c.later.push_back(later(ymd(2019, 9, 1), false));
    auto flags = evaluate(rules, {c}, as_of);
    REQUIRE(flags.size() == 1);
    std::string text = explain(rules, c, flags[0], as_of);
    CHECK(text.find("Flag " + flags[0].id + ": postponed-not-resumed \"Udsat sag ikke genoptaget\" (high, overdue)") == 0);
    CHECK(text.find("Source: referat.txt:120") != std::string::npos);
    CHECK(text.find("Time phrase: \"på august mødet\" line 88 -> 2019-08-31, in the text, promise (forelægges)") !=
          std::string::npos);
    CHECK(text.find("due 2019-08-31 from promise in text") != std::string::npos);
    CHECK(text.find("rejected (different case number)") != std::string::npos);
    CHECK(text.find("Due 2019-08-31, 132 days overdue.") != std::string::npos);
    c.later.push_back(later(ymd(2019, 10, 1)));
    CHECK(explain(rules, c, flags[0], as_of).find("no longer fires") != std::string::npos);
}

TEST_CASE("flag status names read back as themselves, in the order messages list them", "[rules][flag]") {
    CHECK(flag_status_names() == std::vector<std::string>{"overdue", "pending"});
    for (const auto& name : flag_status_names()) {
        FlagStatus s;
        REQUIRE(flag_status_from_string(name, s));
        CHECK(name == to_string(s));
    }
    FlagStatus untouched = FlagStatus::pending;
    CHECK_FALSE(flag_status_from_string("all", untouched));  // a report filter word, not a status
    CHECK(untouched == FlagStatus::pending);
}

TEST_CASE("message: every placeholder filled, doubled braces kept as one", "[rules][evaluate][message]") {
    auto p = parse(R"(rule r { title "Titel" severity high when decision is postponed due 60 days after meeting
        message "{{{title}}} {rule}/{rule_title} {committee} {meeting_date} {item} {case} [{decision}] {due} ({due_source}) {days_overdue} {status}}}" })");
    REQUIRE(p.ok);
    auto c = candidate({DecisionClass::postponed}, june, "Udsættes.");
    c.case_number = "27.12.00-P20-1-19";
    auto flags = evaluate(p.set, {c}, as_of);
    REQUIRE(flags.size() == 1);
    CHECK(flags[0].message == "{Udbud af rengøring} r/Titel Økonomiudvalget 2019-06-12 4 27.12.00-P20-1-19 [Udsættes.] "
                              "2019-08-11 (60 days after meeting) 152 overdue}");
    // An unknown day shows as "?": the message is filled again by date_flag from what a kept row holds.
    Flag f = flags[0];
    f.meeting_date = {};
    date_flag(p.set.rules[0], f, as_of);
    CHECK(f.message.find(" ? 4 ") != std::string::npos);
}
