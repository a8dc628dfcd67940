#include "notifier/delivery.hpp"

#include <curl/curl.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace opfolg::notifier {

void write_messages(std::ostream& out, const std::vector<std::string>& messages) {
    if (messages.size() == 1) {
        out << messages.front();
        return;
    }
    // Bodies are quoted-printable with "From " lines encoded, so no mbox quoting is needed.
    for (const auto& m : messages) out << "From opfolg Thu Jan  1 00:00:00 1970\r\n" << m << "\r\n";
}

void deliver_sendmail(const std::string& sendmail, const std::string& message) {
    if (sendmail.empty() || sendmail.find_first_of("'\"`$\\;&|<>\n\r") != std::string::npos)
        throw mime::MailError("refusing sendmail path: " + sendmail);
    const std::string command = "'" + sendmail + "' -t -i";
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) throw mime::MailError("cannot start " + sendmail + ": " + std::strerror(errno));
    std::size_t written = std::fwrite(message.data(), 1, message.size(), pipe);
    int status = pclose(pipe);
    if (written != message.size()) throw mime::MailError("short write to " + sendmail);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw mime::MailError(sendmail + " failed (status " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

namespace {
struct Upload {
    const std::string* data;
    std::size_t pos = 0;
};

std::size_t read_callback(char* buffer, std::size_t size, std::size_t nitems, void* userdata) {
    auto* up = static_cast<Upload*>(userdata);
    std::size_t n = std::min(size * nitems, up->data->size() - up->pos);
    std::memcpy(buffer, up->data->data() + up->pos, n);
    up->pos += n;
    return n;
}

struct CurlGlobal {
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};
}  // namespace

void deliver_smtp(const SmtpOptions& options, const std::string& envelope_from,
                  const std::vector<std::string>& envelope_to, const std::string& message) {
    static CurlGlobal global;
    if (options.url.rfind("smtp://", 0) != 0 && options.url.rfind("smtps://", 0) != 0)
        throw mime::MailError("SMTP URL must start with smtp:// or smtps://: " + options.url);
    if (!mime::valid_address(envelope_from)) throw mime::MailError("invalid envelope sender: " + envelope_from);
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw mime::MailError("curl_easy_init failed");
    struct curl_slist* rcpt = nullptr;
    for (const auto& to : envelope_to) {
        if (!mime::valid_address(to)) {
            curl_slist_free_all(rcpt);
            throw mime::MailError("invalid recipient: " + to);
        }
        rcpt = curl_slist_append(rcpt, ("<" + to + ">").c_str());
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt_guard(rcpt, curl_slist_free_all);
    const std::string from = "<" + envelope_from + ">";
    Upload upload{&message};
    char error[CURL_ERROR_SIZE] = "";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, options.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_callback);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_USE_SSL, options.require_tls ? static_cast<long>(CURLUSESSL_ALL)
                                                             : static_cast<long>(CURLUSESSL_TRY));
    curl_easy_setopt(c, CURLOPT_TIMEOUT, options.timeout_seconds);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    if (!options.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, options.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, options.password.c_str());
    }
    CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        throw mime::MailError("SMTP delivery to " + options.url + " failed: " + (*error ? error : curl_easy_strerror(rc)));
}

}  // namespace opfolg::notifier
