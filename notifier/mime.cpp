#include "notifier/mime.hpp"

#include "notifier/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace opfolg::notifier::mime {

namespace {
const char hex[] = "0123456789ABCDEF";

std::string qp_byte(unsigned char c) { return std::string{'=', hex[c >> 4], hex[c & 15]}; }

// One logical line (no line breaks inside) as QP lines joined by soft breaks.
std::string qp_line(const std::string& line) {
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < line.size(); ++i) {
        auto c = static_cast<unsigned char>(line[i]);
        bool last = i + 1 == line.size();
        bool plain = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
        if (i == 0 && c == '.') plain = false;                          // SMTP dot-stuffing safety
        if (i == 0 && line.compare(0, 5, "From ") == 0) plain = false;  // mbox "From " lines
        tokens.push_back(plain ? std::string(1, static_cast<char>(c)) : qp_byte(c));
    }
    std::string out, cur;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        // Room for the soft-break "=" unless this is the last token of the line.
        std::size_t limit = i + 1 == tokens.size() ? 76 : 75;
        if (cur.size() + tokens[i].size() > limit) {
            out += cur + "=\r\n";
            cur.clear();
        }
        cur += tokens[i];
    }
    return out + cur;
}
}  // namespace

std::string quoted_printable(const std::string& text) {
    std::string out, line;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '\n' || text[i] == '\r') {
            out += qp_line(line);
            line.clear();
            if (i == text.size()) break;
            if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\r\n";
        } else {
            line += text[i];
        }
    }
    return out;
}

std::string base64(const std::string& data, bool wrap) {
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t col = 0;
    for (std::size_t i = 0; i < data.size(); i += 3) {
        unsigned v = static_cast<unsigned char>(data[i]) << 16;
        if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
        if (i + 2 < data.size()) v |= static_cast<unsigned char>(data[i + 2]);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += i + 1 < data.size() ? table[(v >> 6) & 63] : '=';
        out += i + 2 < data.size() ? table[v & 63] : '=';
        col += 4;
        if (wrap && col >= 76 && i + 3 < data.size()) {
            out += "\r\n";
            col = 0;
        }
    }
    return out;
}

std::string encode_header_value(const std::string& raw, std::size_t first_line_used) {
    std::string value;
    for (char c : raw) value += (c == '\r' || c == '\n' || c == '\t') ? ' ' : c;
    bool plain = true;
    for (unsigned char c : value)
        if (c < 32 || c > 126) plain = false;
    if (plain && value.find("=?") == std::string::npos) return value;
    // Each line holding an encoded-word stays within 76 characters: 12 for "=?UTF-8?B?" and "?=", the rest
    // base64 (4 characters per 3 bytes). The first line also holds the header name; later ones a leading space.
    auto capacity = [](std::size_t used) { return (76 - 12 - std::min<std::size_t>(used, 60)) / 4 * 3; };
    std::size_t limit = capacity(first_line_used);
    std::string out;
    std::string chunk;
    auto flush = [&] {
        if (chunk.empty()) return;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(chunk, false) + "?=";
        chunk.clear();
        limit = capacity(1);
    };
    for (std::size_t i = 0; i < value.size();) {
        std::size_t n = utf8::sequence_length(static_cast<unsigned char>(value[i]));
        if (i + n > value.size()) n = value.size() - i;
        if (chunk.size() + n > limit) flush();
        chunk.append(value, i, n);
        i += n;
    }
    flush();
    return out;
}

std::string rfc5322_date(date::sys_seconds t) { return date::format("%a, %d %b %Y %H:%M:%S +0000", t); }

bool valid_address(const std::string& a) {
    auto at = a.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string::npos)
        return false;
    if (a.size() > 254) return false;
    for (unsigned char c : a) {
        if (c <= 32 || c >= 127) return false;
        if (std::string_view("<>(),;:\\\"[]").find(static_cast<char>(c)) != std::string_view::npos) return false;
    }
    return true;
}

Mailbox parse_mailbox(const std::string& text) {
    auto trim = [](std::string s) {
        auto b = s.find_first_not_of(" \t");
        auto e = s.find_last_not_of(" \t");
        return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
    };
    Mailbox m;
    std::string t = trim(text);
    auto lt = t.rfind('<');
    if (lt != std::string::npos && !t.empty() && t.back() == '>') {
        m.address = t.substr(lt + 1, t.size() - lt - 2);
        m.name = trim(t.substr(0, lt));
        if (m.name.size() >= 2 && m.name.front() == '"' && m.name.back() == '"') m.name = m.name.substr(1, m.name.size() - 2);
    } else {
        m.address = t;
    }
    for (char c : m.name)
        if (c == '\r' || c == '\n') throw MailError("line break in display name: " + text);
    if (!valid_address(m.address)) throw MailError("not a valid e-mail address: " + text);
    return m;
}

std::string format_mailbox(const Mailbox& m) {
    if (m.name.empty()) return m.address;
    std::string name = encode_header_value(m.name, 6);
    if (name == m.name) {  // plain ASCII: quote it so commas and the like stay inside the name
        std::string q = "\"";
        for (char c : m.name) {
            if (c == '"' || c == '\\') q += '\\';
            q += c;
        }
        name = q + "\"";
    }
    return name + " <" + m.address + ">";
}

std::string build(const Message& msg) {
    if (!valid_address(msg.from.address)) throw MailError("not a valid From address: " + msg.from.address);
    if (msg.to.empty()) throw MailError("no recipients");
    std::string to;
    for (const auto& m : msg.to) {
        if (!valid_address(m.address)) throw MailError("not a valid To address: " + m.address);
        to += (to.empty() ? "" : ",\r\n ") + format_mailbox(m);
    }
    const std::size_t digest = std::hash<std::string>{}(msg.subject + msg.text + msg.html + to);
    char digest_hex[20];
    std::snprintf(digest_hex, sizeof digest_hex, "%016zx", digest);
    std::string id = msg.message_id;
    if (id.empty()) {
        std::string domain = msg.from.address.substr(msg.from.address.find('@') + 1);
        id = date::format("%Y%m%d%H%M%S", msg.date) + "." + digest_hex + "@" + domain;
    }
    if (!valid_address(id)) throw MailError("not a valid Message-ID: " + id);
    const std::string boundary = std::string("=_opfolg_") + digest_hex;  // "=_" cannot occur in QP output

    std::string out;
    out += "From: " + format_mailbox(msg.from) + "\r\n";
    out += "To: " + to + "\r\n";
    out += "Subject: " + encode_header_value(msg.subject, 9) + "\r\n";
    out += "Date: " + rfc5322_date(msg.date) + "\r\n";
    out += "Message-ID: <" + id + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    out += "\r\n";
    out += "This is a MIME message.\r\n";
    auto part = [&](const char* type, const std::string& body) {
        out += "\r\n--" + boundary + "\r\n";
        out += std::string("Content-Type: ") + type + "; charset=UTF-8\r\n";
        out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
        out += quoted_printable(body);  // the CRLF before the next boundary belongs to the boundary
    };
    part("text/plain", msg.text);
    part("text/html", msg.html);
    out += "\r\n--" + boundary + "--\r\n";
    return out;
}

}  // namespace opfolg::notifier::mime
