// The loopback HTTP server of the fetch tests (tests/app/http_server.py): started on a free port of 127.0.0.1,
// killed (by its own pid) when the object goes; it also exits by itself after 120 s should a test die first.
#pragma once
#include "read_file.hpp"
#include "run.hpp"
#include "shell.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fetch_test {

using testfs::read_file;

struct HttpServer {
    std::filesystem::path work;     // port file, request log
    std::filesystem::path overlay;  // served before the other roots: files a test changes or adds
    std::string pid, port;

    HttpServer(const std::filesystem::path& dir, const std::vector<std::string>& roots) : work(dir / "server") {
        overlay = work / "overlay";
        std::filesystem::create_directories(overlay);
        std::string command = "python3 " + cli::quote(std::string(OPFOLG_SOURCE_DIR) + "/tests/app/http_server.py") +
                              " " + cli::quote((work / "port").string()) + " " +
                              cli::quote((work / "log").string()) + " 120 " + cli::quote(overlay.string());
        for (const auto& r : roots) command += " " + cli::quote(r);
        pid = shell::run("(" + command + " >/dev/null 2>" + cli::quote((work / "stderr").string()) +
                         " </dev/null & echo $!)")
                  .out;
        while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
        for (int i = 0; i < 100 && port.empty(); ++i) {  // at most 10 s
            port = read_file(work / "port");
            if (port.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        while (!port.empty() && port.back() == '\n') port.pop_back();
    }
    ~HttpServer() { stop(); }
    void stop() {
        if (!pid.empty()) shell::run("kill " + pid + " 2>/dev/null; true");
        pid.clear();
    }
    bool running() const { return !port.empty(); }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + port + path; }
    std::string log_text() const { return read_file(work / "log"); }
    // The requests logged since `from` (a size of log_text() taken earlier).
    std::vector<nlohmann::json> requests(std::size_t from = 0) const {
        std::vector<nlohmann::json> out;
        std::istringstream lines(log_text().substr(from));
        for (std::string line; std::getline(lines, line);)
            if (!line.empty()) out.push_back(nlohmann::json::parse(line));
        return out;
    }
};

// The fetch command line with no proxy in the way of the loopback server.
inline cli::Result fetch(const std::string& args) {
    return cli::run("fetch " + args, "env -u http_proxy -u HTTP_PROXY -u https_proxy -u HTTPS_PROXY -u all_proxy "
                                     "-u ALL_PROXY");
}

}  // namespace fetch_test
