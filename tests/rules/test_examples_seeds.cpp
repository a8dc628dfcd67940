// `opfolg rules test` and `opfolg report` cannot disagree on a deadline: for every time phrase in the seed
// minutes, an example written from its sentence (same committee, same meeting date, in the decision or in the
// text) gets the deadline the stored minutes got, promise or not.
#include "grammar/minutes.hpp"
#include "grammar/promise.hpp"
#include "rules/evaluate.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;

TEST_CASE("rule examples build the deadlines of the seed minutes the way the tracker does", "[rules][examples][seeds]") {
    int phrases = 0, promises = 0, verb_but_no_promise = 0;
    for (const char* name : {"000_8923c1771b3bc6db.txt", "001_2f4229434464bb75.txt", "002_428a7a86b5aec2c2.txt",
                             "003_af2be25bd747af8d.txt"}) {
        const Minutes m = read_minutes(std::string(OPFOLG_SEEDS_DIR) + "/" + name);
        for (const auto& item : m.items)
            for (const auto& d : item.deadlines) {
                rules::Example e;
                e.committee = m.meeting.committee;
                e.meeting = m.meeting.date;
                (d.in_decision ? e.decision : e.body) = d.phrase.sentence;
                const auto c = rules::example_candidate(e);
                const Deadline* same = nullptr;
                for (const auto& x : c.deadlines)
                    if (x.phrase.phrase == d.phrase.phrase && x.in_decision == d.in_decision) same = &x;
                INFO(name << " line " << d.line << ": " << d.phrase.sentence);
                REQUIRE(same != nullptr);
                CHECK(same->promise == d.promise);
                CHECK(same->promise_verb == d.promise_verb);
                CHECK(same->phrase.last == d.phrase.last);
                CHECK(same->phrase.next_meeting == d.phrase.next_meeting);
                ++phrases;
                promises += d.promise;
                std::string verb;
                verb_but_no_promise += !d.promise && find_promise(d.phrase.sentence, verb);
            }
    }
    CHECK(phrases > 20);
    CHECK(promises > 0);
    // Sentences with a promise verb that are no promise (in the decision, past, another committee's): the
    // examples marked these as promises before they used the tracker's construction.
    CHECK(verb_but_no_promise > 0);
}
