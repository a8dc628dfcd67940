// Golden files for every format from the fixed fixture report. OPFOLG_UPDATE_GOLDEN=1 rewrites them.
#include "fixtures.hpp"
#include "notifier/render.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace {
void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = fixtures::golden_dir() + "/" + name;
    const char* update = std::getenv("OPFOLG_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        fixtures::write_file(path, actual);
        WARN("updated " << path);
        return;
    }
    const std::string expected = fixtures::read_file(path);
    INFO("golden file " << path << " (regenerate with OPFOLG_UPDATE_GOLDEN=1)");
    REQUIRE_FALSE(expected.empty());
    CHECK(actual == expected);
}
}  // namespace

TEST_CASE("golden: every report format matches its golden file", "[golden]") {
    using namespace opfolg::notifier;
    const Report r = fixtures::report();
    check_golden("report.txt", render_text(r, false));
    check_golden("report-colour.txt", render_text(r, true));
    check_golden("report.json", render_json(r));
    check_golden("report.md", render_markdown(r));
    check_golden("report.html", render_html(r));
    check_golden("report.csv", render_csv(r, false));
    check_golden("report-excel.csv", render_csv(r, true));
    check_golden("report.ics", render_ics(r));
}
