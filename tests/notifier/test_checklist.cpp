// The clerk's checklist: which flags belong on it, in which section, the meeting estimate, and its three formats.
#include "fixtures.hpp"
#include "notifier/checklist.hpp"
#include "notifier/output.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace opfolg::notifier;
using namespace date::literals;

namespace {
std::vector<opfolg::rules::Flag> checklist_flags() {
    using fixtures::flag;
    return {
        // Already overdue.
        flag("over1", "Børne- og Skoleudvalget", 2026_y / date::August / 17, 3, "Skolestruktur på Ærø", "17.01.00-G01-5-26",
             "Udsat. Forvaltningen undersøger sagen", 2026_y / date::October / 1, 53),
        // Postponed to the next meeting (pending, due on the meeting day).
        flag("post1", "Børne- og Skoleudvalget", 2026_y / date::November / 9, 5, "Madordning", "28.00.00-A00-1-26",
             "Udsættes til næste møde", 2026_y / date::December / 7, -14),
        // A promised new case due before the meeting.
        flag("prom1", "Børne- og Skoleudvalget", 2026_y / date::October / 12, 8, "Ny sag om ungdomsskole",
             "17.20.00-P20-2-26", "Godkendt. Ny sag forelægges i november", 2026_y / date::November / 30, -7,
             opfolg::rules::Severity::medium, "promised-new-case"),
        // Due after the meeting: not on the list.
        flag("late1", "Børne- og Skoleudvalget", 2026_y / date::October / 12, 9, "Status på trivsel", "17.01.00-A00-1-26",
             "Status forelægges i 1. kvartal 2027", 2027_y / date::March / 31, -128, opfolg::rules::Severity::low,
             "promised-status"),
        // Other committee: not on the list.
        flag("other1", "Teknik- og Miljøudvalget", 2026_y / date::November / 2, 12, "Vejbelysning", "05.01.00-G00-2-26",
             "Udsat", 2026_y / date::November / 10, 13),
    };
}
}  // namespace

TEST_CASE("checklist: postponed, promised and overdue flags due by the meeting, nothing else") {
    auto list = build_checklist(checklist_flags(), "børne", 2026_y / date::December / 7, 2026_y / date::November / 23);
    REQUIRE(list.postponed.size() == 1);
    CHECK(list.postponed[0].flag.id == "post1");
    REQUIRE(list.promised.size() == 1);
    CHECK(list.promised[0].flag.id == "prom1");
    REQUIRE(list.overdue.size() == 1);
    CHECK(list.overdue[0].flag.id == "over1");
    // An earlier meeting leaves the postponement and the promise off.
    auto earlier = build_checklist(checklist_flags(), "Børne", 2026_y / date::November / 24, 2026_y / date::November / 23);
    CHECK(earlier.postponed.empty());
    CHECK(earlier.promised.empty());
    CHECK(earlier.overdue.size() == 1);
}

TEST_CASE("checklist: meeting estimate from stored meetings") {
    std::string basis;
    CHECK(estimate_next_meeting({2026_y / date::March / 2}, basis) == 2026_y / date::April / 1);
    CHECK(basis.find("30 dage") != std::string::npos);
    // Gaps 28, 35, 28 → median 28.
    CHECK(estimate_next_meeting({2026_y / date::January / 5, 2026_y / date::February / 2, 2026_y / date::March / 9,
                                 2026_y / date::April / 6},
                                basis) == 2026_y / date::May / 4);
    CHECK(basis.find("median") != std::string::npos);
    CHECK(basis.find("skønnet") != std::string::npos);
    // Even count of gaps: 14 and 42 → 28.
    CHECK(estimate_next_meeting({2026_y / date::January / 1, 2026_y / date::January / 15, 2026_y / date::February / 26},
                                basis) == 2026_y / date::March / 26);
    CHECK_FALSE(estimate_next_meeting({}, basis).ok());
    // Old data: stepped on by the gap until on or after as-of, and said so.
    CHECK(estimate_next_meeting({2026_y / date::January / 5, 2026_y / date::February / 2}, basis,
                                2026_y / date::March / 20) == 2026_y / date::March / 30);
    CHECK(basis.find("fremskrevet til efter 2026-03-20") != std::string::npos);
    CHECK(estimate_next_meeting({2026_y / date::January / 5, 2026_y / date::February / 2}, basis,
                                2026_y / date::March / 2) == 2026_y / date::March / 2);
    CHECK(basis.find("fremskrevet") == std::string::npos);
}

TEST_CASE("checklist: markdown, text and html carry checkboxes, case numbers, origin and decision") {
    auto list = build_checklist(checklist_flags(), "Børne", 2026_y / date::December / 7, 2026_y / date::November / 23);
    list.committee = "Børne- og Skoleudvalget";
    list.estimated = true;
    list.estimate_basis = "skønnet: sidste møde 2026-11-09 + median-afstand 28 dage mellem 5 møder";
    const std::string md = render_checklist_markdown(list);
    CHECK(md.find("- [ ] **Madordning** (møde 2026-11-09 pkt. 5), sag 28.00.00-A00-1-26, frist 2026-12-07") !=
          std::string::npos);
    CHECK(md.find("Beslutning: Udsættes til næste møde") != std::string::npos);
    CHECK(md.find("skønnet") != std::string::npos);
    CHECK(md.find("Vejbelysning") == std::string::npos);
    CHECK(md.find("Status på trivsel") == std::string::npos);
    // Sections in order: postponed, promised, overdue.
    CHECK(md.find("Madordning") < md.find("ungdomsskole"));
    CHECK(md.find("ungdomsskole") < md.find("Skolestruktur"));
    const std::string text = render_checklist_text(list);
    CHECK(text.find("☐ Skolestruktur på Ærø (møde 2026-08-17 pkt. 3), sag 17.01.00-G01-5-26, frist 2026-10-01, 53 dage over") !=
          std::string::npos);
    const std::string html = render_checklist_html(list);
    CHECK(html.find("<input type=\"checkbox\" disabled>") != std::string::npos);
    CHECK(html.find("Ny sag om ungdomsskole") != std::string::npos);
    auto empty = build_checklist(checklist_flags(), "Økonomi", 2026_y / date::December / 7, 2026_y / date::November / 23);
    CHECK(empty.empty());
    CHECK(render_checklist_text(empty).find("Intet at medbringe") != std::string::npos);
}

TEST_CASE("checklist: closed items are redacted, hostile values escaped in html") {
    auto flags = checklist_flags();
    flags[0].closed = true;
    flags[1].title = "<img src=x onerror=alert(1)>";
    auto list = build_checklist(flags, "Børne", 2026_y / date::December / 7, 2026_y / date::November / 23);
    const std::string md = render_checklist_markdown(list);
    CHECK(md.find("Skolestruktur") == std::string::npos);
    CHECK(md.find("17.01.00-G01-5-26") == std::string::npos);
    CHECK(md.find("**lukket** (møde 2026-08-17 pkt. 3)") != std::string::npos);
    const std::string html = render_checklist_html(list);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
}

TEST_CASE("write_atomically: whole file or nothing, no temp files left") {
    const std::string dir = fixtures::temp_dir();
    write_atomically(dir + "/out.md", "first\n");
    write_atomically(dir + "/out.md", "second\n");
    CHECK(fixtures::read_file(dir + "/out.md") == "second\n");
    CHECK(fixtures::run("ls -A " + dir) == "out.md\n");
    struct stat st {};
    REQUIRE(stat((dir + "/out.md").c_str(), &st) == 0);
    CHECK((st.st_mode & 0044) == 0044);  // readable like any file the umask allows, not mkstemp's 0600
    CHECK_THROWS(write_atomically(dir + "/missing-dir/out.md", "x"));
    CHECK_THROWS(write_atomically(dir + "/out.md/x", "x"));
    CHECK(fixtures::run("ls -A " + dir) == "out.md\n");
    fixtures::run("rm -rf " + dir);
}
