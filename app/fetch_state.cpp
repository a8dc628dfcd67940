#include "app/fetch_state.hpp"

#include "app/fetch_names.hpp"
#include "notifier/output.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace opfolg::app {

namespace fs = std::filesystem;

namespace {
constexpr const char* format_tag = "opfolg-fetch 1";

std::string string_at(const nlohmann::json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}
}  // namespace

FetchState FetchState::load(const fs::path& dir) {
    FetchState state;
    const fs::path path = dir / state_file_name;
    std::ifstream in(path, std::ios::binary);
    if (!in) return state;
    std::stringstream text;
    text << in.rdbuf();
    const auto json = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
    if (!json.is_object() || string_at(json, "format") != format_tag || !json.contains("urls") ||
        !json["urls"].is_object()) {
        std::cerr << "opfolg: warning: " << path.string()
                  << " is not an opfolg fetch state; ignoring it (every URL is fetched in full)\n";
        return state;
    }
    for (const auto& [url, entry] : json["urls"].items()) {
        if (!entry.is_object()) continue;
        StateEntry e{string_at(entry, "file"),
                     {string_at(entry, "etag"), string_at(entry, "last_modified")},
                     string_at(entry, "fetched")};
        if (safe_file_name(e.file)) state.by_url.emplace(url, std::move(e));
    }
    return state;
}

void FetchState::save(const fs::path& dir) const {
    nlohmann::json urls = nlohmann::json::object();
    for (const auto& [url, e] : by_url)
        urls[url] = {{"file", e.file},
                     {"etag", e.validators.etag},
                     {"last_modified", e.validators.last_modified},
                     {"fetched", e.fetched_at}};
    const nlohmann::json json = {{"format", format_tag}, {"urls", urls}};
    // Invalid UTF-8 in a server's header is replaced rather than making the state unwritable.
    notifier::write_atomically((dir / state_file_name).string(),
                               json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

FolderLock::FolderLock(const fs::path& dir) {
    const fs::path path = dir / ".opfolg-fetch.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot open " + path.string() + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd_);
        throw std::runtime_error("another opfolg fetch is writing " + dir.string());
    }
}

FolderLock::~FolderLock() { ::close(fd_); }

void remove_stale_temp_files(const fs::path& dir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(temp_prefix, 0) == 0) fs::remove(entry.path(), ec);
    }
}

}  // namespace opfolg::app
