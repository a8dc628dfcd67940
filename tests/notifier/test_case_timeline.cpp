// The case timeline's words (`opfolg case`, the flag page): the lines tracker::case_timeline returned as text
// before it returned data, character for character.
#include "notifier/case_timeline.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;
using tracker::CaseDeadline;
using tracker::CaseLink;
using tracker::LinkReason;

TEST_CASE("case timeline deadlines and links are worded as before", "[notifier][case]") {
    CaseDeadline d;
    d.phrase = "i 4. kvartal 2019";
    d.last = "2019-12-31";
    d.promise = true;
    d.line = 370;
    CHECK(notifier::describe(d) == "\"i 4. kvartal 2019\" -> 2019-12-31 (promise) line 370");
    CaseDeadline next;
    next.phrase = "til næste møde";
    next.in_decision = true;
    next.past = true;
    next.line = 12;
    CHECK(notifier::describe(next) == "\"til næste møde\" -> next meeting (in decision) (past) line 12");

    CaseLink later;
    later.direction = CaseLink::Direction::treated_later_by;
    later.date = "2022-06-07";
    later.committee = "Økonomiudvalget";
    later.item_number = 9;
    later.reason = LinkReason::case_number;
    later.evidence = "title similarity 0.82";
    CHECK(notifier::describe(later) ==
          "treated later by 2022-06-07 Økonomiudvalget Punkt 9 (reason 3, case number + similar title: "
          "title similarity 0.82)");
    CaseLink earlier = later;
    earlier.direction = CaseLink::Direction::treats_earlier;
    earlier.reason = LinkReason::reference;
    earlier.evidence = "Økonomiudvalget den 11. juni 2019 Punkt 3";
    CHECK(notifier::describe(earlier) == "treats earlier 2022-06-07 Økonomiudvalget Punkt 9 (reason 1, Tidligere "
                                         "behandling: Økonomiudvalget den 11. juni 2019 Punkt 3)");
    CaseLink reported;
    reported.direction = CaseLink::Direction::reported_by;
    reported.date = "2022-06-07";
    reported.item_number = 4;
    CHECK(notifier::describe(reported) == "reported by 2022-06-07 Punkt 4");
}
