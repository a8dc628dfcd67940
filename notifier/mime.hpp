// RFC 5322 / MIME building blocks for the digest: encodings, header values, a multipart/alternative message.
#pragma once
#include <date/date.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace opfolg::notifier::mime {

struct MailError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Quoted-printable (RFC 2045 6.7): CRLF line ends, soft breaks so no line exceeds 76 characters,
// "=" / non-ASCII / trailing blanks / a leading "." or "From " encoded.
std::string quoted_printable(const std::string& text);
// Base64 with CRLF every 76 characters.
std::string base64(const std::string& data, bool wrap = true);
// RFC 2047 "B" encoded-words (UTF-8) when the value is not plain printable ASCII, folded so no line exceeds 76
// characters given `first_line_used` characters before it ("Subject: " = 9); never splits a UTF-8 sequence.
// CR/LF never survive: they become spaces first.
std::string encode_header_value(const std::string& value, std::size_t first_line_used = 0);
// "Mon, 23 Nov 2026 07:00:00 +0000" (RFC 5322 3.3).
std::string rfc5322_date(date::sys_seconds t);

// A bare addr-spec (local@domain): printable ASCII, one "@", no spaces, no CR/LF, no <>(),;:\" — anything
// that could end a header line or start another address is refused.
bool valid_address(const std::string& address);
// "Name <addr>" or "addr" -> {display name, address}; throws MailError when the address is not valid.
struct Mailbox {
    std::string name;
    std::string address;
};
Mailbox parse_mailbox(const std::string& text);
std::string format_mailbox(const Mailbox& m);  // display name encoded when needed

struct Message {
    Mailbox from;
    std::vector<Mailbox> to;
    std::string subject;
    date::sys_seconds date{};
    std::string message_id;  // without <>; generated from the content when empty
    std::string text;        // text/plain body, UTF-8
    std::string html;        // text/html body, UTF-8
};

// The whole message with CRLF line ends: headers, then multipart/alternative (text/plain, text/html), both
// quoted-printable UTF-8. Throws MailError for invalid addresses.
std::string build(const Message& message);

}  // namespace opfolg::notifier::mime
