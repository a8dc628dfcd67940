// libopfolg_fetch.so: the only code of `opfolg fetch` that touches libcurl.
#include "app/fetch_module/fetch_module.h"

#include <curl/curl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

namespace {
// One connection cache (and DNS and TLS session cache) for all requests of a run: a weekly fetch of hundreds of
// agendas from one host then costs one TLS handshake, not one per agenda. `opfolg fetch` is single-threaded, so
// the share needs no lock callbacks.
struct CurlGlobal {
    CURLSH* share = nullptr;
    CurlGlobal() {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        share = curl_share_init();
        if (share) {
            curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
            curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
            curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
        }
    }
    ~CurlGlobal() {
        if (share) curl_share_cleanup(share);
        curl_global_cleanup();
    }
};

struct Transfer {
    CURL* curl;
    const opfolg_fetch_request* request;
    opfolg_fetch_response* response;
    std::string failure;  // our own reason for aborting (too large, write error)
};

void copy(char* to, size_t size, const std::string& from) { std::snprintf(to, size, "%s", from.c_str()); }

std::string trimmed(const char* data, size_t n) {
    size_t b = 0;
    while (b < n && (data[b] == ' ' || data[b] == '\t')) ++b;
    while (n > b && (data[n - 1] == '\r' || data[n - 1] == '\n' || data[n - 1] == ' ' || data[n - 1] == '\t')) --n;
    return std::string(data + b, n - b);
}

bool header_is(const char* line, size_t n, const char* name) {
    const size_t len = std::strlen(name);
    return n > len && line[len] == ':' && strncasecmp(line, name, len) == 0;
}

// Each response (a redirect's too) starts with its status line; only the last response's headers count.
size_t on_header(char* line, size_t size, size_t nitems, void* userdata) {
    auto* t = static_cast<Transfer*>(userdata);
    const size_t n = size * nitems;
    if (n >= 5 && std::strncmp(line, "HTTP/", 5) == 0) {
        copy(t->response->status_line, sizeof t->response->status_line, trimmed(line, n));
        t->response->etag[0] = t->response->last_modified[0] = t->response->content_type[0] = '\0';
    } else if (header_is(line, n, "ETag")) {
        copy(t->response->etag, sizeof t->response->etag, trimmed(line + 5, n - 5));
    } else if (header_is(line, n, "Last-Modified")) {
        copy(t->response->last_modified, sizeof t->response->last_modified, trimmed(line + 14, n - 14));
    } else if (header_is(line, n, "Content-Type")) {
        copy(t->response->content_type, sizeof t->response->content_type, trimmed(line + 13, n - 13));
    }
    return n;
}

size_t on_body(char* data, size_t size, size_t nmemb, void* userdata) {
    auto* t = static_cast<Transfer*>(userdata);
    const size_t n = size * nmemb;
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) return n;  // an error page or a 304: nothing to keep
    if (t->response->bytes + static_cast<long long>(n) > t->request->max_bytes) {
        t->failure = "response larger than " + std::to_string(t->request->max_bytes) + " bytes";
        return 0;  // aborts the transfer
    }
    for (size_t done = 0; done < n;) {
        const ssize_t w = ::write(t->request->fd, data + done, n - done);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            t->failure = std::string("cannot write the download: ") + std::strerror(errno);
            return 0;
        }
        done += static_cast<size_t>(w);
    }
    t->response->bytes += static_cast<long long>(n);
    return n;
}
}  // namespace

extern "C" int opfolg_fetch_get(const opfolg_fetch_request* request, opfolg_fetch_response* response, char* error,
                                size_t error_size) {
    static CurlGlobal global;
    *response = opfolg_fetch_response{};
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        std::snprintf(error, error_size, "curl_easy_init failed");
        return CURLE_FAILED_INIT;
    }
    curl_slist* headers = nullptr;
    if (request->if_none_match && *request->if_none_match)
        headers = curl_slist_append(headers, ("If-None-Match: " + std::string(request->if_none_match)).c_str());
    if (request->if_modified_since && *request->if_modified_since)
        headers = curl_slist_append(headers,
                                    ("If-Modified-Since: " + std::string(request->if_modified_since)).c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers_guard(headers, curl_slist_free_all);

    Transfer transfer{curl.get(), request, response, {}};
    char curl_error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request->url);
    if (global.share) curl_easy_setopt(c, CURLOPT_SHARE, global.share);
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85: the string forms; the bitmask forms are deprecated
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    curl_easy_setopt(c, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, request->max_redirects);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "opfolg-fetch/0.1");
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");  // gzip/deflate when the server offers; bodies are decoded
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request->max_bytes));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, request->timeout_seconds);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, request->timeout_seconds < 15 ? request->timeout_seconds : 15L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    const CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response->status);
    if (rc != CURLE_OK) {
        if (rc == CURLE_FILESIZE_EXCEEDED && transfer.failure.empty())  // the declared Content-Length
            transfer.failure = "response larger than " + std::to_string(request->max_bytes) + " bytes";
        if (rc == CURLE_UNSUPPORTED_PROTOCOL && transfer.failure.empty())  // the request's own URL was http(s)
            transfer.failure = std::string("redirected outside http and https: ") + curl_error;
        const std::string why = !transfer.failure.empty() ? transfer.failure
                                : *curl_error             ? std::string(curl_error)
                                                          : std::string(curl_easy_strerror(rc));
        std::snprintf(error, error_size, "%s", why.c_str());
    }
    return static_cast<int>(rc);
}
