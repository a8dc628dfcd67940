// FirstAgenda sources: the publication JSON (Greve's shape) and the publication page (Aarhus's shape), on our
// own fictional minutes. Both must come out as the same minutes model the text readers give.
#include "grammar/minutes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

using namespace opfolg;

namespace {
// Pretty-printed like the platform's API answers: one value per line, so line numbers can be checked.
const char* agenda_json = R"({
  "Dagsordenpunkter": [
    {
      "Felter": [
        {
          "Navn": "",
          "Html": "<div><h3>Beslutning</h3>\r\n<span>Sagen sendes tilbage til administrationen med henblik på en ny model.<br><br>Afbud: Bo Testesen</span></div><h3>Fremstilling</h3><h4>Resume</h4><p>Udvalget skal tage stilling til en ny model for tilskud.</p><h3>Sagens forløb</h3>\r\n<span class='sagsforloeb'><u>02-02-2023 Fritidsudvalget 2022</u><br>\r\n<p>Punktet udsat til næste møde.</p><br>\r\n\r\n<u>01/03/2023 Økonomiudvalget</u><br>\r\n<p>Anbefales.</p></span>"
        }
      ],
      "SagsNummer": "23-001234",
      "Navn": "Tilskudsmodel for foreninger",
      "Punktnummer": "3",
      "IsOpen": false
    },
    {
      "Felter": [
        {
          "Html": "<div><h3>Beslutning</h3><span>Taget til efterretning.</span></div>"
        }
      ],
      "SagsNummer": "19-011922K",
      "Navn": "Lukket: Personalesag",
      "Punktnummer": "5",
      "IsOpen": false
    }
  ],
  "Udvalg": {
    "Navn": "Fritidsudvalget"
  },
  "Moede": {
    "Dato": "2023-04-03T16:30:00+02:00",
    "Sted": "Mødelokale 2",
    "Afsluttet": true,
    "Moededeltagere": [
      { "Name": "Bo Testesen", "Absent": true },
      { "Name": "Anne Prøvesen", "Absent": false }
    ]
  },
  "Id": "0f0f0f0f-1111-2222-3333-444444444444"
}
)";

bool has(const std::vector<DecisionClass>& v, DecisionClass c) { return std::find(v.begin(), v.end(), c) != v.end(); }
}  // namespace

TEST_CASE("FirstAgenda JSON: meeting, numbered items, decisions, history, with JSON line numbers", "[grammar][firstagenda]") {
    SourceText src = normalize_source(agenda_json, "agenda.data");  // the name says nothing: content decides
    CHECK(src.rendering == "firstagenda-json");
    Minutes m = parse_minutes(src);
    CHECK(m.kind == DocumentKind::minutes);
    CHECK(m.meeting.kind == "REFERAT");
    CHECK(m.meeting.committee == "Fritidsudvalget");
    CHECK(date::format("%F", date::sys_days(m.meeting.date)) == "2023-04-03");
    CHECK(m.meeting.time == "16:30");
    CHECK(m.meeting.source_id == "0f0f0f0f-1111-2222-3333-444444444444");
    CHECK(m.meeting.place == "Mødelokale 2");
    REQUIRE(m.meeting.participants.size() == 2);
    CHECK(m.meeting.participants[0].absent);
    CHECK(m.warnings.empty());

    REQUIRE(m.items.size() == 2);
    const Item& first = m.items[0];
    CHECK(first.number == 3);
    CHECK(first.title == "Tilskudsmodel for foreninger");
    CHECK(first.line == 11);  // the "Navn" value
    CHECK(first.case_number == "23-001234");
    REQUIRE(first.decision);
    CHECK(first.decision->classes == std::vector<DecisionClass>{DecisionClass::returned});
    CHECK(first.decision->line == 7);  // the "Html" value the decision stands in
    CHECK(first.decision->text.find("Afbud") == std::string::npos);
    CHECK(first.absent == std::vector<std::string>{"Bo Testesen"});
    CHECK(first.section_text("sammendrag") == "Udvalget skal tage stilling til en ny model for tilskud.");
    // Sagens forløb: "<u>date committee period</u><br> decision", entries split at <u>, "/" dates too.
    REQUIRE(first.history.size() == 2);
    CHECK(first.history[0].committee == "Fritidsudvalget");
    CHECK(has(first.history[0].decision.classes, DecisionClass::postponed));
    CHECK(first.history[1].committee == "Økonomiudvalget");
    CHECK(date::format("%F", date::sys_days(first.history[1].date)) == "2023-03-01");

    const Item& closed = m.items[1];
    CHECK(closed.number == 5);
    CHECK(closed.closed);  // from the "Lukket:" title: IsOpen is false on open points as well
    CHECK(closed.title == "Personalesag");
    CHECK(closed.case_number == "19-011922K");
}

TEST_CASE("FirstAgenda JSON: an unfinished meeting is an agenda", "[grammar][firstagenda]") {
    std::string text = agenda_json;
    text.replace(text.find("\"Afsluttet\": true"), 17, "\"Afsluttet\": false");
    CHECK(parse_minutes(normalize_source(text, "x.json")).meeting.kind == "DAGSORDEN");
}

TEST_CASE("JSON of another shape, or broken JSON, is a one-line read error with a reason", "[grammar][firstagenda]") {
    try {
        normalize_source("{\n  \"items\": [1, 2]\n}\n", "other.json");
        FAIL("accepted JSON of another shape");
    } catch (const ReadError& e) {
        CHECK(std::string(e.what()).find("not a FirstAgenda agenda") != std::string::npos);
        CHECK(std::string(e.what()).find('\n') == std::string::npos);
    }
    try {
        normalize_source("{\n  \"Udvalg\": {\n    \"Navn\": \"X\",,\n  }\n}\n", "broken.json");
        FAIL("accepted broken JSON");
    } catch (const ReadError& e) {
        CHECK(std::string(e.what()).find("JSON") != std::string::npos);
        CHECK(e.line == 3);
    }
    CHECK_THROWS_AS(normalize_source("[\"a\", \"b\"]", "list.json"), ReadError);
    // A number beyond a double is nlohmann's out_of_range, not a parse_error: still a read error, on its line.
    try {
        normalize_source("{\n  \"Udvalg\": {\n    \"Id\": 1e99999\n  }\n}\n", "huge.json");
        FAIL("accepted a number beyond a double");
    } catch (const ReadError& e) {
        CHECK(std::string(e.what()).find("number overflow") != std::string::npos);
        CHECK(e.line == 3);
    }
}

TEST_CASE("FirstAgenda publication page: label table and numbered <h2> titles become the meeting and items",
          "[grammar][firstagenda]") {
    const char* page = R"(<!DOCTYPE html><html><head><title>Fritidsudvalget - Mødelokale 1</title></head><body>
<div>Referat 4. maj 2024 kl. 17.00</div>
<table><tr><td>Udvalg:</td><td><span class="udvalg">Fritidsudvalget</span></td></tr>
<tr><td>Mødedato:</td><td><span class="dato">lørdag den 4. maj 2024 kl. 17.00</span></td></tr></table>
<table><tr class="punktrow"><td><span class="label">1</span></td><td><h2 class="overskrift">Skaterbane i Testby</h2>
<span class="sagsnummer">EMN-2024-000123</span><div class="punkt"><h3></h3>
<h3>Beslutninger</h3><div>Udvalget besluttede at udsætte sagens behandling.</div>
<h3></h3><div>Forslag til en skaterbane ved hallen.</div>
<h3>Sagsforløb</h3><div>Udvalg: Fritidsudvalget</div><div>Dato: 02-04-2024</div><div>Punktnummer: 7</div>
<div>Sagen blev udsat.</div></div><ul><li>Hent som PDF</li></ul></td></tr>
<tr class="punktrow"><td><span class="label">2</span></td><td><h2 class="overskrift">Eventuelt</h2>
<h3>Beslutninger</h3><div>Tilbagesendes Kultur og Fritid med bemærkning, at byrådet har vedtaget planen.</div></td></tr>
</table></body></html>)";
    Minutes m = parse_minutes(normalize_source(page, "side.html"));
    CHECK(m.meeting.kind == "REFERAT");
    CHECK(m.meeting.committee == "Fritidsudvalget");
    CHECK(date::format("%F", date::sys_days(m.meeting.date)) == "2024-05-04");
    CHECK(m.meeting.time == "17:00");
    REQUIRE(m.items.size() == 2);
    CHECK(m.items[0].title == "Skaterbane i Testby");
    CHECK(m.items[0].case_number == "EMN-2024-000123");
    REQUIRE(m.items[0].decision);
    CHECK(m.items[0].decision->classes == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(m.items[0].decision->text == "Udvalget besluttede at udsætte sagens behandling.");  // intro not in it
    REQUIRE(m.items[0].references.size() == 1);
    CHECK(m.items[0].references[0].committee == "Fritidsudvalget");
    CHECK(m.items[0].references[0].items == std::vector<int>{7});
    REQUIRE(m.items[0].history.size() == 1);
    CHECK(has(m.items[0].history[0].decision.classes, DecisionClass::postponed));
    REQUIRE(m.items[1].decision);
    // Adopted and handed back for execution: never postponed or returned.
    CHECK(m.items[1].decision->classes == std::vector<DecisionClass>{DecisionClass::approved_with_remarks});
}

TEST_CASE("deeply nested JSON stays fast, and a leading bracket that is not JSON is text", "[grammar][firstagenda]") {
    const std::string deep = R"({"Udvalg":{"Navn":"Fritidsudvalget"},"Moede":{"Dato":"2024-01-01T10:00:00"},)"
                             R"("Dagsordenpunkter":[],"x":)" +
                             std::string(200000, '[') + std::string(200000, ']') + "}";
    const auto start = std::chrono::steady_clock::now();
    Minutes m = parse_minutes(normalize_source(deep, "deep.json"));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));  // was minutes: paths per value
    CHECK(m.meeting.committee == "Fritidsudvalget");

    SourceText md = normalize_source("[Referat](https://example.invalid)\nREFERAT Fritidsudvalget d. 01-02-2024\n",
                                     "x.md");
    CHECK(md.rendering != "firstagenda-json");
}

TEST_CASE("a point without a plain Punktnummer keeps its place and is reported", "[grammar][firstagenda]") {
    std::string text = agenda_json;
    text.replace(text.find("\"Punktnummer\": \"5\""), 18, "\"Punktnummer\": \"5a\"");
    Minutes m = parse_minutes(normalize_source(text, "x.json"));
    REQUIRE(m.items.size() == 2);
    CHECK(m.items[1].number == 2);
    REQUIRE(m.warnings.size() == 1);
    CHECK(m.warnings[0].message.find("Punktnummer \"5a\"") != std::string::npos);
    CHECK(m.warnings[0].line == 23);
}
