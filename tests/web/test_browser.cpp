// `opfolg serve` in headless Chromium: screenshots of the overdue list (desktop and phone width) and of a flag
// page, kept in build/screenshots/ and checked for being rendered pages; the DOM Chromium builds from a hostile
// title holds it as text, not as an element; and a resolve through the page's form (cdp_resolve.py drives the
// browser over the DevTools pipe).
#include "browser.hpp"
#include "serve.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>

namespace {
std::string screenshot_dir() {
    const auto dir = std::filesystem::path(OPFOLG_BINARY).parent_path() / "screenshots";
    std::filesystem::create_directories(dir);
    return dir.string();
}

nlohmann::json shot(const std::string& chromium, const std::string& url, const std::string& png, int width,
                    int height) {
    const int status = browser::screenshot(chromium, url, png, png + ".log", width, height);
    INFO("chromium exit " << status << ": " << serve::read_file(png + ".log"));
    REQUIRE(browser::file_size(png) > 0);
    std::remove((png + ".log").c_str());
    // #8e1b10: the chart's ">365 dage" band; #b42318: the red "overskredet" status; #243b53: the navigation bar.
    return browser::png_stats(png, "8e1b10 b42318 243b53");
}
// The seed store and a server over it; `first_flag` is the most overdue open flag.
struct SeededServer {
    fixture::TempDir dir;
    std::string first_flag;
    std::unique_ptr<serve::Process> server;
    SeededServer() {
        REQUIRE(cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(OPFOLG_SEEDS_DIR)).status == 3);
        const auto report = nlohmann::json::parse(cli::run("report --db " + cli::quote(dir.db()) + " --format json").out);
        REQUIRE(!report.at("flags").empty());
        first_flag = report.at("flags")[0].at("id");
        server = std::make_unique<serve::Process>(std::vector<std::string>{"--db", dir.db()}, dir.path.string());
        REQUIRE(server->port() > 0);
    }
};
}  // namespace

TEST_CASE("serve in Chromium: the overdue list and a flag page render (screenshots)", "[web][browser]") {
    const std::string chromium = browser::find_chromium();
    if (chromium.empty()) {
        WARN("chromium is not installed; skipping the browser test");
        return;
    }
    SeededServer seeded;
    const std::string base = "http://127.0.0.1:" + std::to_string(seeded.server->port());
    const std::string out = screenshot_dir();

    const auto list = shot(chromium, base + "/", out + "/serve-overdue.png", 1280, 900);
    CHECK(list["width"] == 1280);
    CHECK(list["colours"].get<int>() > 20);
    CHECK(list["non_white"].get<double>() > 0.05);
    CHECK(list["hits"][0].get<int>() > 100);  // chart bars: the stylesheet and SVG arrived and rendered
    CHECK(list["hits"][1].get<int>() > 20);   // overdue status text
    CHECK(list["hits"][2].get<int>() > 1000); // the navigation bar (CSS from /style.css, allowed by the CSP)

    const auto phone = shot(chromium, base + "/", out + "/serve-overdue-phone.png", 390, 844);
    CHECK(phone["width"] == 390);
    CHECK(phone["colours"].get<int>() > 20);
    CHECK(phone["hits"][2].get<int>() > 1000);

    const auto flag = shot(chromium, base + "/flag/" + seeded.first_flag, out + "/serve-flag.png", 1280, 900);
    CHECK(flag["colours"].get<int>() > 20);
    CHECK(flag["non_white"].get<double>() > 0.05);
    CHECK(flag["hits"][2].get<int>() > 1000);
}

TEST_CASE("serve in Chromium: a hostile title stays text in the DOM", "[web][browser]") {
    const std::string chromium = browser::find_chromium();
    if (chromium.empty()) {
        WARN("chromium is not installed; skipping the browser test");
        return;
    }
    fixture::TempDir dir;
    fixture::ItemSpec item{1, "Vejplan <script>document.title='pwned'</script>", "05.01.00-G00-1-24", "Udsættes", {}, {}};
    const std::string file = dir.file("hostile.txt", fixture::minutes("Teknik- og Miljøudvalget", "10-01-2024", {item}));
    REQUIRE(cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(file)).status == 0);
    serve::Process server({"--db", dir.db()}, dir.path.string());
    REQUIRE(server.port() > 0);
    const std::string dom = browser::dump_dom(chromium, "http://127.0.0.1:" + std::to_string(server.port()) + "/",
                                              dir.path.string() + "/profile");
    INFO(dom.substr(0, 2000));
    CHECK(dom.find("Vejplan &lt;script&gt;document.title='pwned'&lt;/script&gt;") != std::string::npos);
    CHECK(dom.find("<script") == std::string::npos);
    CHECK(dom.find("pwned</title>") == std::string::npos);
}

TEST_CASE("serve in Chromium: a clerk resolves a flag by its form, it leaves the list and the log names them",
          "[web][browser]") {
    const std::string chromium = browser::find_chromium();
    if (chromium.empty()) {
        WARN("chromium is not installed; skipping the browser test");
        return;
    }
    SeededServer s;
    // The browser keeps the CSRF cookie of the page and posts the form's token, as a clerk's browser does.
    const auto run = shell::run("timeout 90 python3 " + std::string(OPFOLG_SOURCE_DIR) + "/tests/web/cdp_resolve.py " +
                                chromium + " http://127.0.0.1:" + std::to_string(s.server->port()) + " " +
                                s.first_flag + " " + s.dir.path.string() + "/profile 2>&1");
    INFO(run.out);
    REQUIRE(run.status == 0);
    const auto result = nlohmann::json::parse(run.out.substr(run.out.find('{')));
    CHECK(result.at("submitted") == true);
    CHECK(result.at("after_submit") == "/flag/" + s.first_flag);
    CHECK(result.at("page_text").get<std::string>().find("Løst af Chromium Klik") != std::string::npos);
    CHECK(result.at("list_loaded") == "Opfølgninger");
    CHECK(result.at("listed_after") == false);
    const std::string audit = cli::run("audit --db " + cli::quote(s.dir.db())).out;
    CHECK(audit.find("resolve  " + s.first_flag + "  ") != std::string::npos);
    CHECK(audit.find("by Chromium Klik") != std::string::npos);
}
