// A PDF in the FirstAgenda layout (Aarhus's city-council PDFs): "Punkt N:" titles, EMN- case numbers and
// "Beslutninger" headings. Made at test time with groff from our own fictional minutes.
#include "grammar/minutes.hpp"
#include "groff_pdf.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

using namespace opfolg;
namespace fs = std::filesystem;

namespace {
const char* minutes_text = R"(Referat
Fritidsudvalget
Mødedato: onsdag den 4. september 2024 kl. 16.00

Punkt 1: Skaterbane ved hallen
EMN-2024-000123

Resume
Forvaltningen foreslår en skaterbane ved hallen i Testby.

Beslutninger
Udvalget besluttede at udsætte sagens behandling med henblik på besvarelse af udvalgets spørgsmål.

Punkt 2: Tilskud til spejderhytte
EMN-2024-000456

Beslutninger
Godkendt.

Punkt 3: Kunstgræsbane i Prøvested
EMN-2023-004567

Beslutninger
Fremsendes til Økonomiudvalget til behandling.

Punkt 4: Helhedsplan for idrætsanlæg
EMN-2022-010101

Beslutninger
Tilbagesendes Kultur og Fritid med bemærkning, at byrådet har vedtaget helhedsplanen.

Punkt 5: Forvaltningen orienterer
EMN-2024-000789

Beslutninger
Udvalget blev orienteret om sommerens aktiviteter.
)";
}  // namespace

TEST_CASE("a FirstAgenda-layout PDF gives every decision with its class", "[grammar][firstagenda][pdf]") {
    if (!groff_pdf_available()) {
        WARN("groff with the pdf device is not installed (Debian package groff): FirstAgenda PDF skipped");
        return;
    }
    const fs::path dir = fs::temp_directory_path() / ("opfolg-firstagenda-" + std::to_string(::getpid()));
    REQUIRE(groff_to_pdf(dir, "minutes", to_roff(minutes_text)));
    SourceText src = read_source((dir / "minutes.pdf").string());
    CHECK(src.rendering == "pdf");
    Minutes m = parse_minutes(src);
    fs::remove_all(dir);

    CHECK(m.meeting.committee == "Fritidsudvalget");
    CHECK(dates::iso(m.meeting.date) == "2024-09-04");
    CHECK(m.meeting.time == "16:00");
    using C = DecisionClass;
    const std::vector<std::pair<std::string, C>> want = {
        {"EMN-2024-000123", C::postponed}, {"EMN-2024-000456", C::approved}, {"EMN-2023-004567", C::forwarded},
        {"EMN-2022-010101", C::approved_with_remarks}, {"EMN-2024-000789", C::noted},
    };
    REQUIRE(m.items.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("Punkt " << m.items[i].number);
        CHECK(m.items[i].number == static_cast<int>(i + 1));
        CHECK(m.items[i].case_number == want[i].first);
        REQUIRE(m.items[i].decision);
        CHECK(m.items[i].decision->classes == std::vector<C>{want[i].second});
    }
}
