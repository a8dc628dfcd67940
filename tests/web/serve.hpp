// Starts `opfolg serve --listen 127.0.0.1:0` as a child process and reads the port it printed; the destructor
// always stops it (SIGTERM, then SIGKILL after a bounded wait), so no test leaves a server behind.
#pragma once
#include "read_file.hpp"
#include "app/run.hpp"
#include "tracker/fixture_minutes.hpp"

#include <httplib.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace serve {

using testfs::read_file;

class Process {
public:
    // `args` after `opfolg serve --listen 127.0.0.1:0`.
    // Output files are per process: a second server in the same folder must not find the first one's port.
    Process(const std::vector<std::string>& args, const std::string& dir)
        : out_(dir + "/serve-" + std::to_string(++count()) + ".out"), err_(out_ + ".err") {
        std::vector<std::string> argv = {OPFOLG_BINARY, "serve", "--listen", "127.0.0.1:0"};
        argv.insert(argv.end(), args.begin(), args.end());
        pid_ = fork();
        if (pid_ == 0) {
            int out = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            int in = open("/dev/null", O_RDONLY);
            dup2(out, 1);
            dup2(err, 2);
            dup2(in, 0);
            std::vector<char*> raw;
            for (auto& a : argv) raw.push_back(a.data());
            raw.push_back(nullptr);
            execv(raw[0], raw.data());
            _exit(127);
        }
        const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)/");
        for (int i = 0; i < 300 && port_ == 0; ++i) {  // at most 15 s
            std::smatch m;
            const std::string out = read_file(out_);
            if (std::regex_search(out, m, listening)) port_ = std::stoi(m[1]);
            else if (exited()) break;
            else std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    ~Process() { stop(); }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    int port() const { return port_; }
    std::string output() const { return read_file(out_) + read_file(err_); }

    // Sends `sig`, waits up to 10 s, then SIGKILL. The exit status, or -1 when it had to be killed.
    int stop(int sig = SIGTERM) {
        if (pid_ <= 0) return status_;
        if (!exited()) {
            kill(pid_, sig);
            for (int i = 0; i < 200 && !exited(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
            if (!exited()) {
                kill(pid_, SIGKILL);
                waitpid(pid_, nullptr, 0);
                status_ = -1;
            }
        }
        pid_ = -1;
        return status_;
    }

    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port_);
        c.set_connection_timeout(5);
        c.set_read_timeout(60);
        return c;
    }

private:
    static int& count() {
        static int n = 0;
        return n;
    }
    bool exited() {
        if (pid_ <= 0) return true;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) != pid_) return false;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = 0;
        return true;
    }

    std::string out_, err_;
    pid_t pid_ = -1;
    int port_ = 0;
    int status_ = -1;
};

// A form's hidden CSRF token on a page ("" when the page has no form).
inline std::string csrf_token(const std::string& html) {
    std::smatch m;
    static const std::regex token("name=\"csrf\" value=\"([0-9a-f]+)\"");
    return std::regex_search(html, m, token) ? m[1].str() : std::string();
}

// "opfolg_csrf=..." from a response's Set-Cookie.
inline std::string csrf_cookie(const httplib::Result& r) {
    const std::string set = r ? r->get_header_value("Set-Cookie") : "";
    return set.substr(0, set.find(';'));
}

}  // namespace serve
