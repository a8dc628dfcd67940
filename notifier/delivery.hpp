// Getting a built message out: to a stream (for `sendmail -t`), through a sendmail binary, or over SMTP.
#pragma once
#include "notifier/mime.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace opfolg::notifier {

// Several messages on one stream are written as an mbox (a "From " separator line before each).
void write_messages(std::ostream& out, const std::vector<std::string>& messages);

// Pipes the message to `PATH -t -i`; throws mime::MailError when it cannot start or exits non-zero.
void deliver_sendmail(const std::string& sendmail, const std::string& message);

struct SmtpOptions {
    std::string url;             // smtp://host:port (STARTTLS when offered) or smtps://host:port
    std::string user, password;  // optional
    long timeout_seconds = 60;
    bool require_tls = false;    // CURLUSESSL_ALL instead of CURLUSESSL_TRY
};

// Sends one message with libcurl; envelope sender/recipients are given separately from the headers.
// Throws mime::MailError with curl's error text.
void deliver_smtp(const SmtpOptions& options, const std::string& envelope_from,
                  const std::vector<std::string>& envelope_to, const std::string& message);

}  // namespace opfolg::notifier
