// One download into a folder, atomically: the body goes to a hidden temporary file in the folder, is synced and
// renamed over the target only when the whole body arrived with status 200. On any failure the temporary file
// is removed, so the folder never holds a partial download. libcurl is reached through libopfolg_fetch.so.
#pragma once
#include <filesystem>
#include <string>

namespace opfolg::app {

struct Validators {
    std::string etag, last_modified;  // as the server sent them; empty when unknown
};

struct DownloadLimits {
    long timeout_seconds = 60;
    long max_redirects = 5;
    long long max_bytes = 64LL << 20;
};

// What a download must be, beyond status 200 and a complete body.
struct Expectations {
    bool json_object = false;     // a FirstAgenda agenda: a JSON object, not an HTML page sent with 200
    bool extension_by_type = false;  // a target without a document extension gets one from the Content-Type
};

enum class Outcome { fetched, unchanged, failed };

struct DownloadResult {
    Outcome outcome = Outcome::failed;
    std::string error;      // one line, when failed
    Validators validators;  // of the response (fetched or unchanged)
    long long bytes = 0;
    std::filesystem::path target;  // where the file is (the given target, or with an extension added)
};

// Hidden temporary files of an interrupted run start with this; a new run removes them.
inline const char* const temp_prefix = ".opfolg-fetch-tmp-";

// GETs `url` with the conditional headers of `known` (when non-empty) and writes a 200 body to `target`
// (a file directly in `dir`). 304 is unchanged; a 200 body equal to the existing file is unchanged too and leaves
// the file (and its mtime) alone. Throws std::runtime_error only when the fetch module cannot be loaded.
DownloadResult download(const std::string& url, const Validators& known, const std::filesystem::path& dir,
                        const std::filesystem::path& target, const DownloadLimits& limits,
                        const Expectations& expect = {});

// GETs `url` into memory (a listing), same limits; throws std::runtime_error with a one-line reason.
std::string download_to_memory(const std::string& url, const DownloadLimits& limits);

}  // namespace opfolg::app
