// Section kinds have one name table (grammar/model.cpp): every kind the layout table gives reads back from its
// name, and the name is what `opfolg parse --json` writes.
#include "grammar/layout.hpp"
#include "grammar/model.hpp"

#include <catch2/catch.hpp>

using namespace opfolg;

TEST_CASE("every section kind of the layout table has a name that reads back as itself", "[grammar][layout]") {
    for (const auto& row : layout::section_headings()) {
        SectionKind back = SectionKind::other;
        INFO(row.heading);
        CHECK(section_kind_from_string(to_string(row.kind), back));
        CHECK(back == row.kind);
        CHECK(layout::section_kind(row.heading) == row.kind);
    }
    CHECK(std::string(to_string(layout::section_kind("Sagsforløb"))) == "sagens_forloeb");
    CHECK(layout::section_kind("Ukendt overskrift") == SectionKind::other);
    SectionKind untouched = SectionKind::bilag;
    CHECK_FALSE(section_kind_from_string("Beslutning", untouched));  // names, not headings
    CHECK(untouched == SectionKind::bilag);
}
