// One example meeting in four renderings (plain text, Markdown-like, HTML, PDF) must give the same model.
// The PDF is made at test time from the plain text with groff (-Tpdf, Debian package "groff"); no binary
// fixture is committed. Line numbers may differ between renderings, so the comparison leaves them out.
#include "read_file.hpp"
#include "grammar/minutes.hpp"
#include "groff_pdf.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace opfolg;
namespace fs = std::filesystem;

namespace {

const std::string example = std::string(OPFOLG_SOURCE_DIR) + "/examples/minutes/2024-03-12-natur-og-fritid.txt";
const std::string renderings = std::string(OPFOLG_SOURCE_DIR) + "/tests/grammar/renderings/";

std::string iso(date::year_month_day d) { return d.ok() ? dates::iso(d) : "-"; }

std::string decision_text(const Decision& d) {
    std::string s = d.text + " [";
    for (auto c : d.classes) s += std::string(to_string(c)) + " ";
    return s + "] remarks=" + d.remarks;
}

// Everything the model says except line numbers, one fact per line so a failure shows the difference.
std::string canonical(const Minutes& m) {
    std::ostringstream o;
    o << "kind " << (m.kind == DocumentKind::minutes ? "minutes" : "not_minutes") << '\n';
    const Meeting& mt = m.meeting;
    o << "meeting " << mt.kind << " | " << mt.committee << " | " << iso(mt.date) << " | " << mt.time << " | "
      << mt.place << '\n';
    for (const auto& p : mt.participants)
        o << "participant " << p.name << " | " << p.party << " | " << p.role << " | " << p.absent << '\n';
    for (const auto& t : mt.toc) o << "toc " << t.title << " | " << t.page << " | " << t.closed << '\n';
    for (const auto& it : m.items) {
        o << "item " << it.number << " | " << it.title << " | " << it.closed << " | " << it.case_number << '\n';
        for (const auto& l : it.preamble) o << "  preamble " << l.text << '\n';
        for (const auto& s : it.sections) {
            o << "  section " << to_string(s.kind) << " | " << s.heading << '\n';
            for (const auto& l : s.lines) o << "    " << l.text << '\n';
        }
        if (it.decision) o << "  decision " << decision_text(*it.decision) << '\n';
        for (const auto& r : it.references) {
            o << "  reference " << r.committee << " | " << iso(r.date) << " |";
            for (int n : r.items) o << ' ' << n;
            o << '\n';
        }
        for (const auto& h : it.history)
            o << "  history " << iso(h.date) << " | " << h.committee << " | " << decision_text(h.decision) << '\n';
        for (const auto& d : it.deadlines)
            o << "  deadline " << d.phrase.phrase << " | " << iso(d.phrase.first) << " | " << iso(d.phrase.last)
              << " | promise=" << d.promise << " in_decision=" << d.in_decision << '\n';
        for (const auto& a : it.absent) o << "  afbud " << a << '\n';
        if (it.decided_by) o << "  decided_by " << *it.decided_by << '\n';
        if (it.recommendation) {
            o << "  indstilling " << it.recommendation->by << '\n';
            for (const auto& p : it.recommendation->points) o << "    " << p.number << ". " << p.text << '\n';
        }
        for (const auto& a : it.announcements) o << "  meddelelse " << a.number << ". " << a.text << '\n';
        for (const auto& b : it.attachments) {
            o << "  bilag " << b.count << " / " << b.recommended << '\n';
            for (const auto& t : b.titles) o << "    " << t.title << " | " << t.recommended << '\n';
        }
    }
    for (const auto& w : m.warnings) o << "warning " << w.message << '\n';
    return o.str();
}

using testfs::read_file;

}  // namespace

TEST_CASE("the example meeting as plain text is a complete model", "[grammar][roundtrip]") {
    Minutes m = read_minutes(example);
    REQUIRE(m.kind == DocumentKind::minutes);
    CHECK(m.warnings.empty());
    REQUIRE(m.items.size() == 5);
    CHECK(m.meeting.toc.size() == 5);
    CHECK(m.items[2].decision->classes == std::vector<DecisionClass>{DecisionClass::investigate, DecisionClass::new_case});
}

TEST_CASE("Markdown-like and HTML renderings of the example give the same model", "[grammar][roundtrip]") {
    const std::string expected = canonical(read_minutes(example));
    for (const char* name : {"2024-03-12-natur-og-fritid.md", "2024-03-12-natur-og-fritid.html"}) {
        INFO(name);
        Minutes m = read_minutes(renderings + name);
        CHECK(canonical(m) == expected);
    }
}

TEST_CASE("a PDF made from the example gives the same model, æøå included", "[grammar][roundtrip][pdf]") {
    if (!groff_pdf_available()) {
        WARN("groff with the pdf device is not installed (Debian package groff): PDF round trip skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("opfolg-roundtrip-" + std::to_string(::getpid()));
    REQUIRE(groff_to_pdf(dir, "example", to_roff(read_file(example))));
    SourceText src = read_source((dir / "example.pdf").string());
    CHECK(src.rendering == "pdf");
    Minutes m = parse_minutes(src);
    CHECK(m.meeting.committee == "Natur- og Fritidsudvalget");
    REQUIRE(m.items.size() == 5);
    CHECK(m.items[1].title == "Renovering af Åhusets legeplads");
    CHECK(m.meeting.participants.at(1).name == "Jens Østergaard");
    CHECK(canonical(m) == canonical(read_minutes(example)));
    fs::remove_all(dir);
}

TEST_CASE("PDF pages in two columns are read column by column", "[grammar][roundtrip][pdf]") {
    if (!groff_pdf_available()) {
        WARN("groff with the pdf device is not installed (Debian package groff): two-column PDF skipped");
        return;
    }
    // Left column: items 1 and 2; right column: items 3 and 4. Read row by row they would interleave.
    std::string roff = ".pl 11i\n.ll 3i\n.po 0.7i\n.nf\n.mk a\n"
                       "REFERAT Natur- og Fritidsudvalget d. 12-03-2024\n\n"
                       "Punkt 1: Meddelelser\n\nBeslutning\n\nTaget til efterretning\n\n"
                       "Punkt 2: Hundeskov ved Mosevej\n\nSagsfremstilling\n\nBorgere foreslår en skov.\n\n"
                       "Beslutning\n\nUdsættes.\n"
                       ".po 4.2i\n.rt \\na\n\n\n"
                       "Punkt 3: Budget for fritidsområdet\n\nSagsfremstilling\n\nForbruget følger budgettet.\n\n"
                       "Beslutning\n\nGodkendt.\n\nPunkt 4: Åhusets legeplads\n\nBeslutning\n\nAnbefales.\n";
    const fs::path dir = fs::temp_directory_path() / ("opfolg-columns-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "columns.roff", std::ios::binary) << roff;
    const std::string cmd = "groff -Tpdf -K utf8 '" + (dir / "columns.roff").string() + "' > '" +
                            (dir / "columns.pdf").string() + "' 2>/dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    Minutes m = read_minutes((dir / "columns.pdf").string());
    REQUIRE(m.items.size() == 4);
    CHECK(m.items[1].title == "Hundeskov ved Mosevej");
    CHECK(m.items[1].section_text("sagsfremstilling") == "Borgere foreslår en skov.");
    CHECK(m.items[1].decision->classes == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK(m.items[2].decision->classes == std::vector<DecisionClass>{DecisionClass::approved});
    CHECK(m.items[3].title == "Åhusets legeplads");
    fs::remove_all(dir);
}
