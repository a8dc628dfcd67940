// A whole file's bytes, for tests (empty when it cannot be read): the one copy the test folders share.
#pragma once
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace testfs {

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace testfs
