// `opfolg rules check` and `opfolg rules test` as a rule author runs them.
#include "shell.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr
};

Run run(const std::string& args) {
    const auto output = shell::run(std::string(OPFOLG_BINARY) + " " + args + " 2>&1");
    REQUIRE(output.started);
    return Run{output.status, output.out};
}

std::string temp_file(const std::string& name, const std::string& text) {
    auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path.string();
}

const std::string default_rules = std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules";

}  // namespace

TEST_CASE("rules check accepts the default rules", "[rules][cli]") {
    auto r = run("rules check " + default_rules);
    CHECK(r.status == 0);
    CHECK(r.output == "ok: 4 rules in 1 file\n");
}

TEST_CASE("rules check prints each diagnostic and exits 1", "[rules][cli]") {
    auto path = temp_file("opfolg_cli_bad.rules",
                          "rule a {\n  title \"T\"\n  severity hgh\n  when decision is postponed\n"
                          "  due next meeting\n  message \"{titl}\"\n}\n");
    auto r = run("rules check " + path);
    CHECK(r.status == 1);
    CHECK(r.output.find(path + ":3:12: bad severity 'hgh'") != std::string::npos);
    CHECK(r.output.find("(did you mean 'high'?)") != std::string::npos);
    CHECK(r.output.find(path + ":6:12: unknown placeholder '{titl}' in message") != std::string::npos);
    std::filesystem::remove(path);
}

TEST_CASE("rules test runs the examples and ends with the counts", "[rules][cli]") {
    auto r = run("rules test " + default_rules);
    CHECK(r.status == 0);
    CHECK(r.output.substr(r.output.rfind('\n', r.output.size() - 2) + 1) == "28 passed, 0 failed\n");

    auto path = temp_file("opfolg_cli_failing.rules",
                          "rule a {\n  title \"T\"\n  when decision is postponed\n  due 5 days after meeting\n"
                          "  message \"m\"\n  example decision \"Udsættes.\" -> not flagged\n"
                          "  example decision \"Godkendt.\" -> not flagged\n}\n");
    auto f = run("rules test " + path);
    CHECK(f.status == 1);
    CHECK(f.output.find("FAIL a: decision \"Udsættes.\" -> not flagged") != std::string::npos);
    CHECK(f.output.find(":6: expected not flagged, got flagged") != std::string::npos);
    CHECK(f.output.substr(f.output.size() - 20) == "\n1 passed, 1 failed\n");
    std::filesystem::remove(path);
}
