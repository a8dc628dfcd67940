// The meeting header in the shapes municipalities print it: the one-line title of the seeds, "Referat af
// mødet i …", a bare "REFERAT" with the committee on the next line, and titles without a date (the date then
// comes from Mødedato).
#include "grammar/minutes.hpp"
#include "grammar/reader.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;

namespace {
Minutes parse(const std::string& header) {
    const std::string text = header + "\n\nPunkt 1: Budget 2022\nSagsnr.: 00.01.00-A00-1-21\nBeslutning\nGodkendt.\n";
    return parse_minutes(normalize_source(text, "header.txt"));
}
std::string iso(date::year_month_day d) { return d.ok() ? date::format("%F", d) : "?"; }
}  // namespace

TEST_CASE("meeting headers: committee and date in every common shape", "[grammar][header]") {
    struct Case {
        const char* header;
        const char* kind;
        const char* committee;
        const char* date;
        int line = 1;  // the title line
    };
    const Case cases[] = {
        {"REFERAT Erhvervsudvalget d. 11-06-2019", "REFERAT", "Erhvervsudvalget", "2019-06-11"},
        {"Referat af mødet i Økonomiudvalget den 4. maj 2021", "REFERAT", "Økonomiudvalget", "2021-05-04"},
        {"Dagsorden for Byrådet d. 2-3-2021", "DAGSORDEN", "Byrådet", "2021-03-02"},
        {"Referat fra mødet i Børne- og Ungeudvalget, 12-01-2022", "REFERAT", "Børne- og Ungeudvalget", "2022-01-12"},
        {"REFERAT\nØkonomiudvalget\nMødedato Tirsdag d. 4. maj 2021 kl. 15:00", "REFERAT", "Økonomiudvalget",
         "2021-05-04"},
        {"Referat\nSocialudvalget den 7. september 2020", "REFERAT", "Socialudvalget", "2020-09-07"},
        {"Referat Teknik- og Miljøudvalget\nMødedato 3. februar 2020", "REFERAT", "Teknik- og Miljøudvalget",
         "2020-02-03"},
        {"Beslutningsprotokol\nKommunalbestyrelsen\nMødedato: 28-01-2021", "BESLUTNINGSPROTOKOL", "Kommunalbestyrelsen",
         "2021-01-28"},
        // A bare "Referat" before the real title (an HTML <title>) does not take the title line as a name.
        {"Referat\nREFERAT Fritidsudvalget d. 01-02-2023", "REFERAT", "Fritidsudvalget", "2023-02-01", 2},
    };
    for (const auto& c : cases) {
        INFO(c.header);
        Minutes m = parse(c.header);
        REQUIRE(m.kind == DocumentKind::minutes);
        CHECK(m.meeting.kind == c.kind);
        CHECK(m.meeting.committee == c.committee);
        CHECK(iso(m.meeting.date) == c.date);
        CHECK(m.meeting.line == c.line);
    }
}

TEST_CASE("a sentence mentioning a Referat is not a committee", "[grammar][header]") {
    // Body text after the first item never reaches the header parser; in the header a dated title wins.
    Minutes m = parse("REFERAT Erhvervsudvalget d. 11-06-2019\nReferat godkendt 2019");
    CHECK(m.meeting.committee == "Erhvervsudvalget");
    CHECK(iso(m.meeting.date) == "2019-06-11");
}
