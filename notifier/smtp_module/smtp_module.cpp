// libopfolg_smtp.so: the only code that touches libcurl.
#include "notifier/smtp_module/smtp_module.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

namespace {
struct Upload {
    const char* data;
    size_t size;
    size_t pos = 0;
};

size_t read_callback(char* buffer, size_t size, size_t nitems, void* userdata) {
    auto* up = static_cast<Upload*>(userdata);
    size_t n = std::min(size * nitems, up->size - up->pos);
    std::memcpy(buffer, up->data + up->pos, n);
    up->pos += n;
    return n;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};
}  // namespace

extern "C" int opfolg_smtp_send(const opfolg_smtp_request* request, char* error, size_t error_size) {
    static CurlGlobal global;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        std::snprintf(error, error_size, "curl_easy_init failed");
        return CURLE_FAILED_INIT;
    }
    curl_slist* rcpt = nullptr;
    for (size_t i = 0; i < request->to_count; ++i) rcpt = curl_slist_append(rcpt, request->to[i]);
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
    Upload upload{request->message, request->message_size};
    char curl_error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, request->url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, request->from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_callback);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_USE_SSL, request->require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                                              : static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, request->timeout_seconds);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_error);
    if (request->user && *request->user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, request->user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, request->password ? request->password : "");
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) std::snprintf(error, error_size, "%s", *curl_error ? curl_error : curl_easy_strerror(rc));
    return static_cast<int>(rc);
}
