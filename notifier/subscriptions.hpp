// Subscriptions: who gets which committees' flags by mail. Format (examples/subscriptions.conf):
//
//   # comment
//   [digest]                      settings for every message
//   from = Opfølgning <opfolg@kommune.dk>
//   to = sekretariat@kommune.dk   recipients of a plain `digest` (without --all), comma-separated
//   subject_prefix = [opfolg]
//   smtp = smtp://mail.kommune.dk:587
//   smtp_user = opfolg
//   sendmail = /usr/sbin/sendmail
//
//   [recipient jens@kommune.dk]   one block per recipient of `digest --all`
//   name = Jens Jensen
//   committees = Børne- og Skole, Teknik   comma-separated, case-insensitive substrings; empty or absent = all
//   min_severity = medium                  info|low|medium|high, default info
//   status = overdue                       overdue|pending|all, default all
//
// Keys are case-insensitive; values are trimmed. Unknown keys and sections are errors (typos must not silently
// send someone everything).
#pragma once
#include "notifier/mime.hpp"
#include "notifier/report.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace opfolg::notifier {

struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Subscription {
    mime::Mailbox recipient;
    std::vector<std::string> committees;  // empty = all
    std::optional<rules::Severity> min_severity;
    std::string status = "all";
    int line = 0;
};

struct DigestConfig {
    std::string from;
    std::vector<std::string> to;
    std::string subject_prefix;
    std::string smtp, smtp_user, smtp_password, sendmail;
    std::vector<Subscription> subscriptions;
};

DigestConfig parse_digest_config(const std::string& text, const std::string& filename = "config");
DigestConfig load_digest_config(const std::string& path);  // throws ConfigError

// The flags one subscriber gets: any of their committees, at least their severity, their status.
std::vector<rules::Flag> flags_for(const Subscription& s, const std::vector<rules::Flag>& flags);

}  // namespace opfolg::notifier
