#include "app/fetch_http.hpp"

#include "app/fetch_module/fetch_module.h"
#include "app/fetch_names.hpp"
#include "grammar/plugin.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace opfolg::app {

namespace fs = std::filesystem;

namespace {

using Get = decltype(&opfolg_fetch_get);

Get get_function() {
    try {
        return reinterpret_cast<Get>(plugin_symbol("opfolg_fetch", "opfolg_fetch_get"));
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("fetching is not available: ") + e.what());
    }
}

// A header value read back from the state file goes into a request header: no line breaks.
std::string header_safe(const std::string& v) {
    return v.find_first_of("\r\n") == std::string::npos ? v : std::string();
}

struct Response {
    int rc = 0;
    std::string error;
    opfolg_fetch_response r{};
};

Response get(const std::string& url, const Validators& known, int fd, const DownloadLimits& limits) {
    static const Get fetch = get_function();
    const std::string etag = header_safe(known.etag), since = header_safe(known.last_modified);
    opfolg_fetch_request request{url.c_str(), etag.c_str(), since.c_str(), limits.timeout_seconds,
                                 limits.max_redirects, limits.max_bytes, fd};
    Response out;
    char error[512] = "";
    out.rc = fetch(&request, &out.r, error, sizeof error);
    out.error = error;
    return out;
}

// "HTTP 404 Not Found" from the status line, or the bare code.
std::string status_text(const opfolg_fetch_response& r) {
    std::string line = r.status_line;
    const auto space = line.find(' ');
    if (space != std::string::npos && line.size() > space + 1) return "HTTP " + line.substr(space + 1);
    return "HTTP " + std::to_string(r.status);
}

bool same_content(const fs::path& a, const fs::path& b) {
    std::error_code ec;
    if (!fs::is_regular_file(b, ec) || fs::file_size(a, ec) != fs::file_size(b, ec) || ec) return false;
    std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
    char ba[65536], bb[65536];
    while (fa && fb) {
        fa.read(ba, sizeof ba);
        fb.read(bb, sizeof bb);
        if (fa.gcount() != fb.gcount() || std::memcmp(ba, bb, static_cast<size_t>(fa.gcount())) != 0) return false;
    }
    return fa.eof() && fb.eof();
}

// A JSON object, checked without building it (an agenda can be megabytes).
bool json_object(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char c = 0;
    while (in.get(c) && std::isspace(static_cast<unsigned char>(c))) {
    }
    if (c != '{') return false;
    in.seekg(0);
    return nlohmann::json::accept(in);
}

// The first bytes of a body, printable, for an error message ("<!DOCTYPE html>…").
std::string body_start(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    char buffer[40] = {};
    in.read(buffer, sizeof buffer);
    std::string start = "starts with \"";
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
        const unsigned char c = static_cast<unsigned char>(buffer[i]);
        if (c == '\n' || c == '\r') break;
        start += c < 0x20 || c == 0x7f ? '?' : static_cast<char>(c);
    }
    return in.gcount() == 0 ? "empty" : start + "\"";
}

void sync_dir(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

DownloadResult download(const std::string& url, const Validators& known, const fs::path& dir, const fs::path& given,
                        const DownloadLimits& limits, const Expectations& expect) {
    DownloadResult result;
    result.target = given;
    std::string temp = (dir / (std::string(temp_prefix) + "XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        result.error = "cannot create a file in " + dir.string() + ": " + std::strerror(errno);
        return result;
    }
    // From here on the temporary file is removed on every path that does not rename it.
    struct Cleanup {
        std::string path;
        bool keep = false;
        ~Cleanup() {
            if (!keep) ::unlink(path.c_str());
        }
    } cleanup{temp};
    // mkstemp made it 0600; a fetched document gets the mode any new file would (fetch is single-threaded, so
    // reading the process-wide umask is safe).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
    const Response response = get(url, known, fd, limits);
    const bool synced = ::fsync(fd) == 0;
    const int sync_errno = errno;
    ::close(fd);
    result.validators = {response.r.etag, response.r.last_modified};
    result.bytes = response.r.bytes;
    if (response.rc != 0) {
        result.error = response.error;
        return result;
    }
    if (response.r.status == 304 && known.etag.empty() && known.last_modified.empty()) {
        result.error = "HTTP 304 Not Modified to a request that was not conditional";
        return result;
    }
    if (response.r.status == 304) {
        result.outcome = Outcome::unchanged;
        // A 304 may omit validators it did not change; keep the ones we sent.
        if (result.validators.etag.empty()) result.validators.etag = known.etag;
        if (result.validators.last_modified.empty()) result.validators.last_modified = known.last_modified;
        return result;
    }
    if (response.r.status != 200) {
        result.error = status_text(response.r);
        return result;
    }
    if (!synced) {
        result.error = "cannot write the download: " + std::string(std::strerror(sync_errno));
        return result;
    }
    if (expect.json_object && !json_object(temp)) {
        result.error = "not an agenda: the body is not a JSON object (" + body_start(temp) + ")";
        return result;
    }
    fs::path target = given;
    if (expect.extension_by_type && !has_document_extension(target.filename().string()))
        target += extension_for(response.r.content_type);
    result.target = target;
    if (same_content(temp, target)) {
        result.outcome = Outcome::unchanged;  // a server without validators: the file keeps its mtime
        return result;
    }
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        result.error = "cannot write " + target.string() + ": " + std::strerror(errno);
        return result;
    }
    cleanup.keep = true;
    sync_dir(dir);
    result.outcome = Outcome::fetched;
    return result;
}

std::string download_to_memory(const std::string& url, const DownloadLimits& limits) {
    std::unique_ptr<FILE, decltype(&std::fclose)> file(std::tmpfile(), std::fclose);
    if (!file) throw std::runtime_error(std::string("cannot create a temporary file: ") + std::strerror(errno));
    const Response response = get(url, {}, fileno(file.get()), limits);
    if (response.rc != 0) throw std::runtime_error(url + ": " + response.error);
    if (response.r.status != 200) throw std::runtime_error(url + ": " + status_text(response.r));
    std::string body(static_cast<size_t>(response.r.bytes), '\0');
    std::rewind(file.get());
    if (std::fread(body.data(), 1, body.size(), file.get()) != body.size())
        throw std::runtime_error(url + ": cannot read the download back");
    return body;
}

}  // namespace opfolg::app
