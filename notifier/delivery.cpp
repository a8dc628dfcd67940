#include "notifier/delivery.hpp"

#include "grammar/plugin.hpp"
#include "notifier/smtp_module/smtp_module.h"

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

void deliver_smtp(const SmtpOptions& options, const std::string& envelope_from,
                  const std::vector<std::string>& envelope_to, const std::string& message) {
    if (options.url.rfind("smtp://", 0) != 0 && options.url.rfind("smtps://", 0) != 0)
        throw mime::MailError("SMTP URL must start with smtp:// or smtps://: " + options.url);
    if (!mime::valid_address(envelope_from)) throw mime::MailError("invalid envelope sender: " + envelope_from);
    std::vector<std::string> to;
    for (const auto& address : envelope_to) {
        if (!mime::valid_address(address)) throw mime::MailError("invalid recipient: " + address);
        to.push_back("<" + address + ">");
    }
    std::vector<const char*> to_pointers;
    for (const auto& t : to) to_pointers.push_back(t.c_str());
    using Send = decltype(&opfolg_smtp_send);
    Send send = nullptr;
    try {
        send = reinterpret_cast<Send>(plugin_symbol("opfolg_smtp", "opfolg_smtp_send"));
    } catch (const std::exception& e) {
        throw mime::MailError(std::string("SMTP support is not available: ") + e.what());
    }
    const std::string from = "<" + envelope_from + ">";
    opfolg_smtp_request request{options.url.c_str(), options.user.c_str(), options.password.c_str(),
                                options.timeout_seconds, options.require_tls ? 1 : 0, from.c_str(),
                                to_pointers.data(), to_pointers.size(), message.data(), message.size()};
    char error[512] = "";
    if (send(&request, error, sizeof error) != 0)
        throw mime::MailError("SMTP delivery to " + options.url + " failed: " + error);
}

}  // namespace opfolg::notifier
