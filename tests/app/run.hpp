// Runs the built opfolg binary and captures its output and exit status.
#pragma once
#include "shell.hpp"

#include <array>
#include <cstdio>
#include <string>

namespace cli {

struct Result {
    int status = -1;
    std::string out;  // stdout (stderr goes to err)
    std::string err;
};

inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// `args` is appended to the binary path as shell words (quote() them where needed).
inline Result run(const std::string& args, const std::string& env = "") {
    static int counter = 0;
    std::string err_file = "/tmp/opfolg-cli-err-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    std::string command = env + " " + quote(OPFOLG_BINARY) + " " + args + " 2>" + err_file + " </dev/null";
    Result r;
    const auto output = shell::run(command);
    if (!output.started) return r;
    r.out = output.out;
    r.status = output.status;
    std::array<char, 4096> buffer{};
    std::size_t n;
    if (FILE* f = std::fopen(err_file.c_str(), "r")) {
        while ((n = std::fread(buffer.data(), 1, buffer.size(), f)) > 0) r.err.append(buffer.data(), n);
        std::fclose(f);
    }
    std::remove(err_file.c_str());
    return r;
}

}  // namespace cli
