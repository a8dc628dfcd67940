// Headless Chromium screenshots and their pixel statistics (tests/notifier/png_stats.py), shared by the HTML
// report test and the web server tests: a page counts as rendered when the PNG has many colours, enough ink,
// and the colours the test names.
#pragma once
#include "shell.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace browser {

inline std::string find_chromium() {
    for (const char* p : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
        if (access(p, X_OK) == 0) return p;
    return {};
}

inline std::string chromium_command(const std::string& chromium, const std::string& profile) {
    return "timeout 90 " + chromium + " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
           "--disable-background-networking --disable-component-update --disable-sync --user-data-dir=" + profile;
}

// Screenshots `url` (file:// or http://) into `png`; returns Chromium's exit status, its output in `log`.
inline int screenshot(const std::string& chromium, const std::string& url, const std::string& png,
                      const std::string& log, int width = 1000, int height = 800) {
    const auto r = shell::run(chromium_command(chromium, png + ".profile") + " --screenshot=" + png +
                              " --window-size=" + std::to_string(width) + "," + std::to_string(height) + " '" + url +
                              "' >" + log + " 2>&1; rm -rf " + png + ".profile");
    return r.status;
}

// The DOM after parsing (and after any script would have run): what the browser made of the page.
inline std::string dump_dom(const std::string& chromium, const std::string& url, const std::string& profile) {
    return shell::run(chromium_command(chromium, profile) + " --dump-dom '" + url + "' 2>/dev/null; rm -rf " + profile)
        .out;
}

// {"width", "height", "colours", "non_white", "hits": [pixels near each RRGGBB in `colours`]}
inline nlohmann::json png_stats(const std::string& png, const std::string& colours) {
    const auto r = shell::run("python3 " + std::string(OPFOLG_SOURCE_DIR) + "/tests/notifier/png_stats.py " + png +
                              " " + colours);
    return nlohmann::json::parse(r.out);
}

inline std::size_t file_size(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    return in ? static_cast<std::size_t>(in.tellg()) : 0;
}

}  // namespace browser
