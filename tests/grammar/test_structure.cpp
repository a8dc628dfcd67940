// Inner structures of minutes: table of contents, participants, Bilag, Indstilling, Meddelelser points,
// Beslutningen træffes af, Tidligere behandling forms, and what happens to malformed or unknown text.
#include "grammar/item_structure.hpp"
#include "grammar/line_parsers.hpp"
#include "grammar/minutes.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace opfolg;

namespace {
Minutes parse_text(const std::string& text) { return parse_minutes(normalize_source(text, "test.txt")); }

const std::string header =
    "REFERAT Natur- og Fritidsudvalget d. 12-03-2024\n\nMødedato Tirsdag d. 12. marts 2024 kl. 16:30\n\n";

bool has_warning(const Minutes& m, int line, const std::string& part) {
    return std::any_of(m.warnings.begin(), m.warnings.end(), [&](const Warning& w) {
        return w.line == line && w.message.find(part) != std::string::npos;
    });
}

std::string seed(const char* name) { return std::string(OPFOLG_SEEDS_DIR) + "/" + name; }
}  // namespace

TEST_CASE("header: REFERAT and DAGSORDEN titles", "[grammar][structure]") {
    Meeting m;
    REQUIRE(lines::parse_meeting_title("DAGSORDEN Økonomiudvalget d. 07-09-2021", m));
    CHECK(m.kind == "DAGSORDEN");
    CHECK(m.committee == "Økonomiudvalget");
    Meeting r;
    REQUIRE(lines::parse_meeting_title("Referat Børne- og Skoleudvalget den 3. maj 2022", r));
    CHECK(r.kind == "REFERAT");
    CHECK(r.committee == "Børne- og Skoleudvalget");
    CHECK_FALSE(lines::parse_meeting_title("Punkt 1: Meddelelser", r));
}

TEST_CASE("header: participants with party, role and Afbud", "[grammar][structure]") {
    auto p = lines::parse_participants(
        "Hanne Ravn (A), Per Kensø (centerchef for Skoler), Åse Lind (Ø) (Afbud), Bo Kjær (V) (formand)");
    REQUIRE(p.size() == 4);
    CHECK(p[0].name == "Hanne Ravn");
    CHECK(p[0].party == "A");
    CHECK_FALSE(p[0].absent);
    CHECK(p[1].party.empty());
    CHECK(p[1].role == "centerchef for Skoler");
    CHECK(p[2].party == "Ø");
    CHECK(p[2].absent);
    CHECK(p[3].party == "V");
    CHECK(p[3].role == "formand");
}

TEST_CASE("header: table of contents entries", "[grammar][structure]") {
    TocEntry e;
    REQUIRE(structure::parse_toc_line("Meddelelser..... 3", e));
    CHECK(e.title == "Meddelelser");
    CHECK(e.page == 3);
    CHECK_FALSE(e.closed);
    REQUIRE(structure::parse_toc_line("Lukket: LUKKET Køb af grund ved Engvej..... 16", e));
    CHECK(e.title == "Køb af grund ved Engvej");
    CHECK(e.page == 16);
    CHECK(e.closed);
    REQUIRE(structure::parse_toc_line("Status på affaldssortering i 4. kvartal 2024.....", e));
    CHECK(e.title == "Status på affaldssortering i 4. kvartal 2024");
    CHECK(e.page == 0);
    CHECK_FALSE(structure::parse_toc_line("Taget til efterretning.", e));
    CHECK_FALSE(structure::parse_toc_line("Lukket: LUKKET Forslag til opgavebortfald 20", e));
    REQUIRE(structure::parse_toc_line_without_leader("Lukket: LUKKET Forslag til opgavebortfald 20", e));
    CHECK(e.title == "Forslag til opgavebortfald");
    CHECK(e.closed);
    CHECK(e.page == 20);
    CHECK_FALSE(structure::parse_toc_line_without_leader("Mødested Rådhuset", e));
    CHECK_FALSE(structure::parse_toc_line("..... 3", e));

    Minutes m = read_minutes(std::string(OPFOLG_SOURCE_DIR) + "/examples/minutes/2024-03-12-natur-og-fritid.txt");
    REQUIRE(m.meeting.toc.size() == 5);
    CHECK(m.meeting.toc[1].title == "Renovering af Åhusets legeplads");
    CHECK(m.meeting.toc[1].line == 14);
    CHECK(m.meeting.toc[4].closed);
}

TEST_CASE("Bilag: counts with and without recommended, titles with ANBEFALES", "[grammar][structure]") {
    int count = -2, recommended = -2;
    REQUIRE(structure::parse_attachment_count("2 bilag, heraf 1 anbefales", count, recommended));
    CHECK(count == 2);
    CHECK(recommended == 1);
    REQUIRE(structure::parse_attachment_count("2 bilag, hvoraf 0 anbefales", count, recommended));
    CHECK(recommended == 0);
    REQUIRE(structure::parse_attachment_count("0 bilag", count, recommended));
    CHECK(count == 0);
    CHECK(recommended == -1);
    CHECK_FALSE(structure::parse_attachment_count("2 bilagsmapper", count, recommended));

    Attachment a = structure::parse_attachment_title("1.1. ANBEFALES DI Erhvervsklima undersøgelse");
    CHECK(a.number == "1.1");
    CHECK(a.recommended);
    CHECK(a.title == "DI Erhvervsklima undersøgelse");
    a = structure::parse_attachment_title("1.2 Metode og datagrundlag");
    CHECK(a.number == "1.2");
    CHECK_FALSE(a.recommended);
    CHECK(a.title == "Metode og datagrundlag");
    a = structure::parse_attachment_title("Nye virksomheder i første kvartal 2019");
    CHECK(a.number.empty());
    CHECK(a.title == "Nye virksomheder i første kvartal 2019");
}

TEST_CASE("numbered points are not dates", "[grammar][structure]") {
    NumberedPoint p;
    REQUIRE(structure::parse_numbered_point("3. Der er modtaget brev.", p));
    CHECK(p.number == 3);
    CHECK(p.text == "Der er modtaget brev.");
    CHECK_FALSE(structure::parse_numbered_point("12. marts 2024 blev sagen drøftet", p));
    CHECK_FALSE(structure::parse_numbered_point("1.1. ANBEFALES Notat", p));
    CHECK_FALSE(structure::parse_numbered_point("2024. Året", p));
    std::string by;
    REQUIRE(structure::parse_recommender("Center for Natur og Fritid indstiller, at", by));
    CHECK(by == "Center for Natur og Fritid");
    REQUIRE(structure::parse_recommender("Direktør Mette Vaaben Mortensen indstiller, at:", by));
    CHECK(by == "Direktør Mette Vaaben Mortensen");
    CHECK_FALSE(structure::parse_recommender("Forvaltningen indstillede sidste år", by));
}

TEST_CASE("an item's Indstilling, Beslutningen træffes af, Bilag and text sections", "[grammar][structure]") {
    Minutes m = parse_text(header +
                           "Punkt 1: Hundeskov\n\n01.05.00-P19-7-24\n\nSammendrag\n\nKort om sagen.\n\n"
                           "Sagsfremstilling\n\nBorgere har foreslået en hundeskov.\nNaboerne høres.\n\n"
                           "Økonomi\n\nIngen udgifter.\n\nBilag\n\n2 bilag, heraf 1 anbefales\n\n"
                           "Beslutningen træffes af\n\nByrådet\n\nIndstilling\n\n"
                           "Center for Natur og Fritid indstiller, at\n\n1. Hundeskoven etableres.\n"
                           "2. Udgiften afholdes\ninden for rammen.\n\nBeslutning\n\nAnbefales.\n\n"
                           "Bilag\n\n1.1. ANBEFALES Kort over skoven\n1.2 Høringssvar\n");
    REQUIRE(m.items.size() == 1);
    CHECK(m.warnings.empty());
    const Item& it = m.items[0];
    CHECK(it.section_text("sammendrag") == "Kort om sagen.");
    CHECK(it.section_text("sagsfremstilling") == "Borgere har foreslået en hundeskov. Naboerne høres.");
    CHECK(it.section_text("oekonomi") == "Ingen udgifter.");
    CHECK(it.section_text("baggrund").empty());
    REQUIRE(it.decided_by);
    CHECK(*it.decided_by == "Byrådet");
    REQUIRE(it.recommendation);
    CHECK(it.recommendation->by == "Center for Natur og Fritid");
    REQUIRE(it.recommendation->points.size() == 2);
    CHECK(it.recommendation->points[0].text == "Hundeskoven etableres.");
    CHECK(it.recommendation->points[1].text == "Udgiften afholdes inden for rammen.");
    CHECK(it.recommendation->points[1].line == 35);
    REQUIRE(it.attachments.size() == 2);
    CHECK(it.attachments[0].count == 2);
    CHECK(it.attachments[0].recommended == 1);
    REQUIRE(it.attachments[1].titles.size() == 2);
    CHECK(it.attachments[1].count == -1);
    CHECK(it.attachments[1].titles[0].recommended);
    CHECK(it.attachments[1].titles[0].title == "Kort over skoven");
    CHECK(it.announcements.empty());  // only Meddelelser items have announcement points
    CHECK(it.decision->classes == std::vector<DecisionClass>{DecisionClass::recommended});
}

TEST_CASE("Meddelelser points across Bilag sections", "[grammar][structure]") {
    Minutes m = parse_text(header +
                           "Punkt 1: Meddelelser\n\n00.01.10-P35-2-24\n\n1. Formanden orienterede.\n\n"
                           "Det var et godt besøg.\n\nBilag\n\n1 bilag, heraf 1 anbefales\n\n"
                           "2. Studieturen udsættes.\n\nBeslutning\n\nTaget til efterretning\n");
    REQUIRE(m.items.size() == 1);
    const Item& it = m.items[0];
    REQUIRE(it.announcements.size() == 2);
    CHECK(it.announcements[0].text == "Formanden orienterede. Det var et godt besøg.");
    CHECK(it.announcements[0].line == 9);
    CHECK(it.announcements[1].number == 2);
    CHECK(it.announcements[1].text == "Studieturen udsættes.");
    REQUIRE(it.attachments.size() == 1);
    CHECK(it.attachments[0].count == 1);
    CHECK(it.attachments[0].titles.empty());  // the point after the count is not an attachment title
}

TEST_CASE("Tidligere behandling: pkt., lists of items and a closing full stop", "[grammar][structure]") {
    struct Row {
        const char* line;
        std::vector<int> items;
    };
    const Row rows[] = {
        {"Natur- og Fritidsudvalget den 6. februar 2024 pkt. 3", {3}},
        {"Natur- og Fritidsudvalget den 6. februar 2024 Pkt. 3", {3}},
        {"Natur- og Fritidsudvalget den 6. februar 2024 Punkt 4, 5 og 7", {4, 5, 7}},
        {"Natur- og Fritidsudvalget den 6. februar 2024 Punkt 8.", {8}},
        {"Natur- og Fritidsudvalget d. 06-02-2024 Punkt 4 og 5", {4, 5}},
        {"Natur- og Fritidsudvalget den 6. februar 2024", {}},
    };
    for (const auto& row : rows) {
        INFO(row.line);
        Reference r;
        REQUIRE(lines::parse_reference(row.line, r));
        CHECK(r.committee == "Natur- og Fritidsudvalget");
        CHECK(dates::iso(r.date) == "2024-02-06");
        CHECK(r.items == row.items);
    }
    Reference r;
    CHECK_FALSE(lines::parse_reference("Sagen har ikke været behandlet før.", r));
}

TEST_CASE("a heading without a title is a warning with its line, the rest is read", "[grammar][structure][honesty]") {
    Minutes m = parse_text(header + "Punkt 1: Meddelelser\n\nBeslutning\n\nTaget til efterretning\n\n"
                                    "Punkt 2:\n\nSagsfremstilling\n\nTekst.\n\n"
                                    "Punkt 3: Budget\n\nBeslutning\n\nGodkendt.\n");
    CHECK(has_warning(m, 11, "without a title"));
    REQUIRE(m.items.size() == 3);
    CHECK(m.items[1].number == 2);
    CHECK(m.items[2].title == "Budget");
    CHECK(m.items[2].decision->classes == std::vector<DecisionClass>{DecisionClass::approved});
}

TEST_CASE("a heading with a word for a number is a warning and stays text", "[grammar][structure][honesty]") {
    Minutes m = parse_text(header + "Punkt 1: Meddelelser\n\nBeslutning\n\nTaget til efterretning\n\n"
                                    "Punkt x: Budget\n\nGodkendt.\n\nPunkt 3: Hundeskov\n\nBeslutning\n\nUdsættes.\n");
    CHECK(has_warning(m, 11, "no number"));
    REQUIRE(m.items.size() == 2);
    CHECK(m.items[1].number == 3);
    CHECK(m.items[1].decision->classes == std::vector<DecisionClass>{DecisionClass::postponed});
}

TEST_CASE("a broken case number line is a warning, the item is still read", "[grammar][structure][honesty]") {
    Minutes m = parse_text(header + "Punkt 1: Hundeskov\n\n01.05.00-P19-7\n\nBeslutning\n\nUdsættes.\n\n"
                                    "Punkt 2: Budget\n\n00.30.02-P21-3-24\n\nBeslutning\n\nGodkendt.\n");
    CHECK(has_warning(m, 7, "malformed case number"));
    REQUIRE(m.items.size() == 2);
    CHECK(m.items[0].case_number.empty());
    CHECK(m.items[0].decision);
    CHECK(m.items[1].case_number == "00.30.02-P21-3-24");
}

TEST_CASE("unknown section headings are kept as text of the section before", "[grammar][structure][honesty]") {
    Minutes m = parse_text(header + "Punkt 1: Hundeskov\n\nSagsfremstilling\n\nBorgere foreslår en hundeskov.\n\n"
                                    "Naboernes synspunkter\n\nNaboerne er imod.\n\nBeslutning\n\nUdsættes.\n");
    REQUIRE(m.items.size() == 1);
    const std::string text = m.items[0].section_text("sagsfremstilling");
    CHECK(text.find("Naboernes synspunkter") != std::string::npos);
    CHECK(text.find("Naboerne er imod.") != std::string::npos);
    CHECK(m.items[0].body_text().find("Naboerne er imod.") != std::string::npos);
    CHECK(m.warnings.empty());
}

TEST_CASE("a Sagens forløb line without a date is a warning, the entries around it stay", "[grammar][structure][honesty]") {
    Minutes m = parse_text(header + "Punkt 1: Hundeskov\n\nSagens forløb\n\nNoget uden dato\n\n"
                                    "08-12-2023 Natur- og Fritidsudvalget\n\nUdsættes\n\nBeslutning\n\nGodkendt.\n");
    CHECK(has_warning(m, 9, "Sagens forløb"));
    REQUIRE(m.items.size() == 1);
    REQUIRE(m.items[0].history.size() == 1);
    CHECK(m.items[0].history[0].decision.classes == std::vector<DecisionClass>{DecisionClass::postponed});
}

TEST_CASE("seed structures: TOC, Bilag, Indstilling, Meddelelser", "[grammar][structure][seeds]") {
    Minutes m0 = read_minutes(seed("000_8923c1771b3bc6db.txt"));
    CHECK(m0.meeting.toc.size() == 8);
    CHECK(m0.meeting.toc[0].title == "Meddelelser");
    CHECK(m0.meeting.toc[0].page == 3);
    const Item& medd = m0.items.at(0);
    CHECK(medd.announcements.size() == 6);
    REQUIRE(medd.attachments.size() == 4);
    CHECK(medd.attachments[0].count == 2);
    CHECK(medd.attachments[0].recommended == 1);
    CHECK(medd.attachments[2].recommended == 1);  // "hvoraf"
    CHECK(medd.attachments[3].titles.size() == 5);
    CHECK(medd.attachments[3].titles[0].recommended);
    CHECK(medd.attachments[3].titles[0].number == "1.1");
    const Item& p2 = m0.items.at(1);
    REQUIRE(p2.recommendation);
    CHECK(p2.recommendation->by == "Center for Arbejdsmarked");
    CHECK(p2.recommendation->points.size() == 1);
    REQUIRE(p2.decided_by);
    CHECK(*p2.decided_by == "Erhvervs- og Beskæftigelsesudvalget");

    // One TOC entry per item, also where the export cut a long title off with its dot leader.
    Minutes m3 = read_minutes(seed("003_af2be25bd747af8d.txt"));
    REQUIRE(m3.meeting.toc.size() == 12);
    CHECK(m3.meeting.toc[11].closed);
    CHECK(m3.meeting.toc[11].page == 20);
    CHECK(m3.items[11].title.rfind(m3.meeting.toc[11].title, 0) == 0);

    Minutes m2 = read_minutes(seed("002_428a7a86b5aec2c2.txt"));
    REQUIRE(m2.items.size() == 12);
    CHECK(m2.meeting.toc.size() == 12);
    CHECK(*m2.items[0].decided_by == "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget");
    CHECK(m2.items[0].recommendation->by == "Center for Politik og Organisation");
}

TEST_CASE("the four real minutes seeds parse without warnings", "[grammar][structure][seeds]") {
    for (const char* name : {"000_8923c1771b3bc6db.txt", "001_2f4229434464bb75.txt", "002_428a7a86b5aec2c2.txt",
                             "003_af2be25bd747af8d.txt"}) {
        INFO(name);
        Minutes m = read_minutes(seed(name));
        CHECK(m.kind == DocumentKind::minutes);
        for (const auto& w : m.warnings) FAIL_CHECK(w.line << ": " << w.message);
    }
}
