// The mail digest: the open flags as a short text + HTML mail. Closed items show only their item number and
// "lukket", whatever the caller asks for.
#pragma once
#include "notifier/mime.hpp"
#include "notifier/report.hpp"

#include <string>

namespace opfolg::notifier {

std::string render_digest_text(const Report& report);
std::string render_digest_html(const Report& report);
// "opfolg: 3 åbne opfølgninger (3 overskredne) pr. 2026-11-23", with an optional prefix from the config.
std::string digest_subject(const Report& report, const std::string& prefix = "");

// The whole digest message for these recipients.
mime::Message digest_message(const Report& report, const mime::Mailbox& from, const std::vector<mime::Mailbox>& to,
                             const std::string& subject_prefix = "");

}  // namespace opfolg::notifier
