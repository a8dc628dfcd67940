// Renders the HTML report in headless Chromium and checks the screenshot shows a page with the chart on it.
#include "browser.hpp"
#include "fixtures.hpp"
#include "notifier/render.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace {
nlohmann::json screenshot_stats(const std::string& chromium, const std::string& dir, const std::string& html_file,
                                const std::string& png) {
    const int status = browser::screenshot(chromium, "file://" + html_file, dir + "/" + png, dir + "/chromium.log");
    INFO("chromium exit " << status << ": " << fixtures::read_file(dir + "/chromium.log"));
    REQUIRE(browser::file_size(dir + "/" + png) > 0);
    // #8e1b10 is the ">365 dage" band, #9aa5b1 the "afventer" band of the chart.
    return browser::png_stats(dir + "/" + png, "8e1b10 9aa5b1 b42318");
}
}  // namespace

TEST_CASE("html report renders in headless Chromium: not blank, chart bars visible", "[html][browser]") {
    const std::string chromium = browser::find_chromium();
    if (chromium.empty()) {
        WARN("chromium is not installed; skipping the browser rendering test");
        return;
    }
    const std::string dir = fixtures::temp_dir();
    fixtures::write_file(dir + "/report.html", opfolg::notifier::render_html(fixtures::report()));
    fixtures::write_file(dir + "/blank.html", "<!DOCTYPE html><html><body></body></html>");
    const auto report = screenshot_stats(chromium, dir, dir + "/report.html", "report.png");
    const auto blank = screenshot_stats(chromium, dir, dir + "/blank.html", "blank.png");
    CHECK(report["width"] == 1000);
    CHECK(blank["colours"].get<int>() <= 2);
    CHECK(report["colours"].get<int>() > 20);            // text is anti-aliased: many shades
    CHECK(report["non_white"].get<double>() > 0.01);
    CHECK(report["hits"][0].get<int>() > 100);           // the >365 bar segments
    CHECK(report["hits"][1].get<int>() > 100);           // the pending segment
    CHECK(report["hits"][2].get<int>() > 20);            // red "overskredet" status text
    CHECK(blank["hits"][0].get<int>() == 0);
    fixtures::run("rm -rf " + dir);
}
