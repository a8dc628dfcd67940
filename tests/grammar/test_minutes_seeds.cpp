// The real minutes in ../shared/seeds, read by path (never copied). Facts checked against the documents.
#include "grammar/minutes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace opfolg;

namespace {
std::string seed(const char* name) { return std::string(OPFOLG_SEEDS_DIR) + "/" + name; }

const Item& item(const Minutes& m, int number) {
    auto it = std::find_if(m.items.begin(), m.items.end(), [&](const Item& i) { return i.number == number; });
    REQUIRE(it != m.items.end());
    return *it;
}

bool has_class(const Item& i, DecisionClass c) {
    return i.decision && std::find(i.decision->classes.begin(), i.decision->classes.end(), c) != i.decision->classes.end();
}

std::string iso(date::year_month_day d) { return dates::iso(d); }
}  // namespace

TEST_CASE("seed 001 (2019-06-11): header, items, decisions, references", "[grammar][seeds]") {
    Minutes m = read_minutes(seed("001_2f4229434464bb75.txt"));
    CHECK(m.kind == DocumentKind::minutes);
    CHECK(m.meeting.kind == "REFERAT");
    CHECK(m.meeting.committee == "Erhvervs- og Beskæftigelsesudvalget");
    CHECK(iso(m.meeting.date) == "2019-06-11");
    CHECK(m.meeting.time == "13:00");
    CHECK(m.meeting.line == 3);
    CHECK(m.meeting.place.find("Ballerup Rådhus") != std::string::npos);
    REQUIRE(m.items.size() == 10);
    CHECK(m.warnings.empty());

    const Item& p3 = item(m, 3);
    CHECK(p3.case_number == "15.00.00-P05-1-19");
    CHECK(p3.line == 84);
    CHECK(has_class(p3, DecisionClass::postponed));
    CHECK(p3.decision->line == 139);
    CHECK(item(m, 6).case_number == "15.00.00-P05-1-19");
    CHECK(item(m, 8).case_number == "15.00.00-000-1-18");
    CHECK(item(m, 9).case_number == "15.00.00-Ø00-1-18");

    const Item& p10 = item(m, 10);
    CHECK(has_class(p10, DecisionClass::investigate));
    CHECK(has_class(p10, DecisionClass::new_case));

    const Item& p4 = item(m, 4);
    REQUIRE(p4.references.size() == 1);
    CHECK(p4.references[0].committee == "Erhvervs- og beskæftigelsesudvalget");
    CHECK(iso(p4.references[0].date) == "2019-03-12");
    CHECK(p4.references[0].items == std::vector<int>{4});
    CHECK(p4.references[0].line == 151);

    // Punkt 1's Meddelelser mention nothing that is a decision: its decision is "Taget til efterretning".
    CHECK(item(m, 1).decision->classes == std::vector<DecisionClass>{DecisionClass::noted});
}

TEST_CASE("seed 003 (2019-05-14): closed items, two-line title, several references", "[grammar][seeds]") {
    Minutes m = read_minutes(seed("003_af2be25bd747af8d.txt"));
    CHECK(iso(m.meeting.date) == "2019-05-14");
    REQUIRE(m.items.size() == 12);
    CHECK(item(m, 11).closed);
    CHECK(item(m, 11).title == "Meddelelser");
    const Item& p12 = item(m, 12);
    CHECK(p12.closed);
    CHECK(p12.title == "Forslag til opgavebortfald og servicereduktioner som bidrag til omprioriteringspuljen til budget 2020");
    CHECK(p12.case_number == "00.15.25-P05-3-19");
    CHECK_FALSE(p12.decision.has_value());

    const Item& p5 = item(m, 5);
    REQUIRE(p5.references.size() == 2);
    CHECK(p5.references[0].committee == "Social- og Sundhedsudvalget");
    CHECK(iso(p5.references[0].date) == "2018-08-14");
    CHECK(p5.references[1].items == std::vector<int>{8});

    const Item& p10 = item(m, 10);
    REQUIRE(p10.references.size() == 1);
    CHECK(p10.references[0].items == std::vector<int>{4, 5});

    // An empty Tidligere behandling section gives no reference and no warning.
    CHECK(item(m, 6).references.empty());
}

TEST_CASE("seed 000 (2021-01-12): Sagens forløb becomes history, remarks are kept", "[grammar][seeds]") {
    Minutes m = read_minutes(seed("000_8923c1771b3bc6db.txt"));
    CHECK(iso(m.meeting.date) == "2021-01-12");
    REQUIRE(m.items.size() == 8);
    CHECK(m.meeting.participants.size() >= 6);
    CHECK(m.meeting.participants.at(0).party == "A");

    const Item& p3 = item(m, 3);
    CHECK(p3.title == "Præsentation af Brydehuset");
    CHECK(p3.decision->classes == std::vector<DecisionClass>{DecisionClass::noted});
    REQUIRE(p3.history.size() == 1);
    CHECK(iso(p3.history[0].date) == "2020-12-08");
    CHECK(p3.history[0].committee == "Erhvervs- og Beskæftigelsesudvalget");
    CHECK(p3.history[0].decision.classes == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(p3.history[0].line == 223);

    const Item& p7 = item(m, 7);
    CHECK(p7.decision->classes == std::vector<DecisionClass>{DecisionClass::approved_with_remarks});
    CHECK_FALSE(p7.decision->remarks.empty());

    REQUIRE(item(m, 6).references.size() == 1);
    CHECK(iso(item(m, 6).references[0].date) == "2020-08-18");
    CHECK(item(m, 6).references[0].items == std::vector<int>{8});
}

TEST_CASE("seed 002 (2022-06-07, Markdown-like): same structures through the markup", "[grammar][seeds]") {
    Minutes m = read_minutes(seed("002_428a7a86b5aec2c2.txt"));
    CHECK(m.meeting.committee == "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget");
    CHECK(iso(m.meeting.date) == "2022-06-07");
    CHECK(m.meeting.time == "08:30");
    REQUIRE(m.items.size() == 12);
    CHECK(item(m, 1).title == "Besøg hos TIC-ELKAS");
    CHECK(item(m, 1).absent.size() == 2);
    CHECK(item(m, 10).closed);
    CHECK(item(m, 11).closed);

    const Item& p7 = item(m, 7);
    CHECK(p7.case_number == "29.00.00-A00-3-22");
    CHECK(has_class(p7, DecisionClass::postponed));
    auto in_decision = std::find_if(p7.deadlines.begin(), p7.deadlines.end(), [](const Deadline& d) { return d.in_decision; });
    REQUIRE(in_decision != p7.deadlines.end());
    CHECK(iso(in_decision->phrase.last) == "2022-08-31");
    CHECK(in_decision->line == 469);
    REQUIRE(p7.history.size() == 1);
    CHECK(iso(p7.history[0].date) == "2022-05-10");
    CHECK(p7.history[0].committee == "Sundheds- og Ældreudvalget");

    const Item& p9 = item(m, 9);
    REQUIRE(p9.references.size() == 2);
    CHECK(p9.references[0].committee == "Børne- og Skoleudvalget");
    CHECK(p9.references[1].items == std::vector<int>{5});
    CHECK(item(m, 2).decision->classes == std::vector<DecisionClass>{DecisionClass::noted});
}

TEST_CASE("seed 001 Punkt 3 promises the August meeting", "[grammar][seeds][dates]") {
    Minutes m = read_minutes(seed("001_2f4229434464bb75.txt"));
    const Item& p3 = item(m, 3);
    auto promise = std::find_if(p3.deadlines.begin(), p3.deadlines.end(), [](const Deadline& d) { return d.promise; });
    REQUIRE(promise != p3.deadlines.end());
    CHECK(iso(promise->phrase.last) == "2019-08-31");
}

TEST_CASE("seed 004 is recognised as not minutes", "[grammar][seeds]") {
    Minutes m = read_minutes(seed("004_8e211799231ee99e.txt"));
    CHECK(m.kind == DocumentKind::not_minutes);
    CHECK(m.not_minutes_reason.find("budget") != std::string::npos);
    CHECK(m.items.empty());
}

TEST_CASE("seed 004's commitment belongs to its responsible committee, and it is still no meeting", "[grammar][seeds]") {
    Minutes m = read_minutes(seed("004_8e211799231ee99e.txt"));
    CHECK(m.kind == DocumentKind::not_minutes);
    CHECK(m.meeting.kind.empty());
    REQUIRE(m.commitments.size() == 1);
    const Commitment& c = m.commitments[0];
    CHECK(c.committee == "Erhvervs- og Beskæftigelsesudvalget");
    CHECK(c.frame == "20.04 Erhvervsudvikling, turisme og landdistrikter");
    CHECK(c.verb == "udarbejdes");
    CHECK(c.deadline.phrase.phrase == "ultimo 2015");
    CHECK(iso(c.deadline.phrase.last) == "2015-12-31");
    CHECK(c.line == 172);
}

TEST_CASE("commitments are read only from documents that are not minutes", "[grammar][seeds]") {
    // Minutes have items and deadlines; "Ansvarligt udvalg" text inside them is not a second source.
    Minutes m = read_minutes(seed("001_2f4229434464bb75.txt"));
    CHECK(m.commitments.empty());
}

TEST_CASE("seed deadlines that stand out of place are still found (issue 16)", "[grammar][seeds]") {
    // 000: the paragraph with "til 31. januar 2021" follows the Meddelelser item's Bilag block (PDF order).
    Minutes m000 = read_minutes(seed("000_8923c1771b3bc6db.txt"));
    const Item& meddelelser = item(m000, 1);
    CHECK(std::any_of(meddelelser.deadlines.begin(), meddelelser.deadlines.end(), [](const Deadline& d) {
        return d.phrase.phrase == "til 31. januar 2021" && iso(d.phrase.last) == "2021-01-31" && d.line == 58;
    }));
    // ... and a range's first date without a year lies before its last: in the past, as the range is.
    const Item& p5 = item(m000, 5);
    auto march = std::find_if(p5.deadlines.begin(), p5.deadlines.end(),
                              [](const Deadline& d) { return d.phrase.phrase == "den 9. marts"; });
    REQUIRE(march != p5.deadlines.end());
    CHECK(iso(march->phrase.first) == "2020-03-09");
    CHECK(march->phrase.past);
    // 002: a Meddelelser point rendered as a Markdown heading ("### 3. ...") is a paragraph: its promise counts.
    Minutes m002 = read_minutes(seed("002_428a7a86b5aec2c2.txt"));
    const Item& p2 = item(m002, 2);
    auto late = std::find_if(p2.deadlines.begin(), p2.deadlines.end(),
                             [](const Deadline& d) { return d.phrase.phrase == "sidst i 2022"; });
    REQUIRE(late != p2.deadlines.end());
    CHECK(iso(late->phrase.last) == "2022-12-31");
    CHECK(late->promise);
    CHECK(late->line == 70);
}
