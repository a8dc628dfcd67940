// Every plain-text format shows a value of the minutes on one line: no CR, LF, ESC or DEL gets through. The digest
// and the checklist had their own copies of one_line that let DEL (0x7F) pass while the text report replaced it.
#include "fixtures.hpp"
#include "notifier/checklist.hpp"
#include "notifier/digest.hpp"
#include "notifier/render.hpp"

#include <catch2/catch.hpp>

using namespace opfolg::notifier;
using namespace date::literals;

namespace {
bool has_control(const std::string& s) {
    for (char c : s)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n') || c == 0x7f) return true;
    return false;
}
}  // namespace

TEST_CASE("plain-text formats: control characters and DEL in a value become spaces") {
    auto f = fixtures::flag("ctl1", "Børne- og\x7fSkoleudvalget", 2026_y / date::August / 17, 3, "Skole\x7fstruktur\r\x1b[2J",
                            "17.01.00-G01-5-26", "Udsat.\x7f Forvaltningen\tundersøger", 2026_y / date::October / 1, 53);
    Report r;
    r.as_of = 2026_y / date::November / 23;
    r.flags = {f};
    CHECK_FALSE(has_control(render_text(r, false)));
    CHECK_FALSE(has_control(render_digest_text(r)));
    auto list = build_checklist(r.flags, "", 2026_y / date::December / 7, r.as_of);
    REQUIRE_FALSE(list.empty());
    const std::string text = render_checklist_text(list);
    CHECK_FALSE(has_control(text));
    CHECK(text.find("Skole struktur") != std::string::npos);
}
