// Runs a shell command and captures its stdout and exit status: the one popen loop the test folders share.
// Callers add redirections (2>&1, </dev/null) to the command as they need.
#pragma once
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace shell {

struct Output {
    bool started = false;  // popen succeeded
    int status = -1;       // exit status; -1 when the command did not exit normally
    std::string out;       // stdout
};

inline Output run(const std::string& command) {
    Output r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return r;
    r.started = true;
    std::array<char, 4096> buffer{};
    std::size_t n;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) r.out.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

}  // namespace shell
