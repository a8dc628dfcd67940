#include "text/read_file.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using opfolg::text::read_file;

namespace {
fs::path temp_file(const std::string& name, const std::string& content) {
    const fs::path p = fs::temp_directory_path() / ("opfolg-read-file-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(p, std::ios::binary) << content;
    return p;
}
}  // namespace

TEST_CASE("read_file returns every byte of a file, NULs and invalid UTF-8 included", "[text][read_file]") {
    std::string content("Punkt 1: M\xc3\xb8" "de\r\n\0\xff tail", 21);
    for (int i = 0; i < 3000; ++i) content += "Udsættes til næste møde. ";  // well past the first 4 KiB
    const auto p = temp_file("bytes", content);
    std::string out = "previous content is replaced", error;
    REQUIRE(read_file(p.string(), out, error));
    CHECK(out == content);
    CHECK(error.empty());
    fs::remove(p);
}

TEST_CASE("read_file reads an empty file and a file whose size the system does not know", "[text][read_file]") {
    const auto p = temp_file("empty", "");
    std::string out = "x", error;
    REQUIRE(read_file(p.string(), out, error));
    CHECK(out.empty());
    fs::remove(p);
    // /proc files report size 0 but have content: read to the end all the same.
    REQUIRE(read_file("/proc/self/status", out, error));
    CHECK(out.find("Name:") != std::string::npos);
    CHECK(out.back() == '\n');
}

TEST_CASE("read_file says why it cannot read", "[text][read_file]") {
    std::string out, error;
    CHECK_FALSE(read_file("/nonexistent/minutes.txt", out, error));
    CHECK(error == "cannot open: No such file or directory");
    CHECK_FALSE(read_file(fs::temp_directory_path().string(), out, error));
    CHECK(error == "cannot read: Is a directory");
}
