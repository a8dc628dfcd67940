// Optional features are modules loaded on first use (grammar/plugin.hpp): the binary must not link them, and a
// missing module must give a clear error instead of a crash.
#include "grammar/plugin.hpp"
#include "grammar/reader.hpp"
#include "shell.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

TEST_CASE("the opfolg binary does not link poppler or libcurl at start-up", "[grammar][plugin]") {
    const auto readelf = shell::run("readelf -d '" + std::string(OPFOLG_BINARY) + "' 2>&1");
    REQUIRE(readelf.started);
    const std::string& needed = readelf.out;
    REQUIRE(needed.find("NEEDED") != std::string::npos);  // readelf worked and the binary is dynamic
    CHECK(needed.find("libsqlite3") != std::string::npos);
    CHECK(needed.find("poppler") == std::string::npos);
    CHECK(needed.find("libcurl") == std::string::npos);
}

TEST_CASE("the PDF and SMTP modules are found and export their entry points", "[grammar][plugin]") {
    CHECK(opfolg::plugin_symbol("opfolg_pdf", "opfolg_pdf_pages") != nullptr);
    CHECK(opfolg::plugin_symbol("opfolg_smtp", "opfolg_smtp_send") != nullptr);
    CHECK_THROWS_WITH(opfolg::plugin_symbol("opfolg_pdf", "no_such_symbol"),
                      Catch::Contains("libopfolg_pdf.so has no no_such_symbol"));
}

TEST_CASE("a missing module is a one-line error naming it and where it was looked for", "[grammar][plugin]") {
    try {
        opfolg::plugin_symbol("opfolg_missing", "entry");
        FAIL("no exception");
    } catch (const std::runtime_error& e) {
        const std::string what = e.what();
        CHECK(what.find("libopfolg_missing.so not found") != std::string::npos);
        CHECK(what.find("OPFOLG_PLUGIN_DIR") != std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
    }
}

TEST_CASE("a damaged PDF is rejected with the module's reason", "[grammar][plugin][pdf]") {
    const std::string not_pdf = "%PDF-1.4\nthis is not really a PDF\n%%EOF\n";
    try {
        opfolg::normalize_source(not_pdf, "broken.pdf");
        FAIL("no exception");
    } catch (const opfolg::ReadError& e) {
        CHECK(std::string(e.what()).find("not a readable PDF") != std::string::npos);
    }
}
