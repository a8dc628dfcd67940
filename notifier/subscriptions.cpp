#include "notifier/subscriptions.hpp"

#include "notifier/utf8.hpp"
#include "text/utf8.hpp"

#include <fstream>
#include <sstream>

namespace opfolg::notifier {

namespace {
std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r");
    auto e = s.find_last_not_of(" \t\r");
    return b == std::string::npos ? std::string{} : s.substr(b, e - b + 1);
}

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, ',')) {
        cur = trim(cur);
        if (!cur.empty()) out.push_back(cur);
    }
    return out;
}

std::string lower_ascii(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}
}  // namespace

DigestConfig parse_digest_config(const std::string& text, const std::string& filename) {
    DigestConfig config;
    std::istringstream in(text);
    std::string raw;
    int lineno = 0;
    enum { none, digest, recipient } section = none;
    auto fail = [&](const std::string& what) {
        throw ConfigError(filename + ":" + std::to_string(lineno) + ": " + what);
    };
    while (std::getline(in, raw)) {
        ++lineno;
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#' || line[0] == ';') continue;
        if (line.front() == '[') {
            if (line.back() != ']') fail("section header without ]");
            std::string name = trim(line.substr(1, line.size() - 2));
            if (lower_ascii(name) == "digest") {
                section = digest;
            } else if (lower_ascii(name.substr(0, 10)) == "recipient ") {
                section = recipient;
                Subscription s;
                s.line = lineno;
                try {
                    s.recipient = mime::parse_mailbox(trim(name.substr(10)));
                } catch (const mime::MailError& e) {
                    fail(e.what());
                }
                config.subscriptions.push_back(std::move(s));
            } else {
                fail("unknown section [" + name + "] (expected [digest] or [recipient ADDRESS])");
            }
            continue;
        }
        auto eq = line.find('=');
        if (eq == std::string::npos) fail("expected key = value");
        std::string key = lower_ascii(trim(line.substr(0, eq)));
        std::string value = trim(line.substr(eq + 1));
        if (section == digest) {
            if (key == "from") config.from = value;
            else if (key == "to") config.to = split_list(value);
            else if (key == "subject_prefix") config.subject_prefix = value;
            else if (key == "smtp") config.smtp = value;
            else if (key == "smtp_user") config.smtp_user = value;
            else if (key == "smtp_password") config.smtp_password = value;
            else if (key == "sendmail") config.sendmail = value;
            else fail("unknown key '" + key + "' in [digest]");
        } else if (section == recipient) {
            auto& s = config.subscriptions.back();
            if (key == "name") {
                s.recipient.name = value;
            } else if (key == "committees") {
                s.committees = split_list(value);
            } else if (key == "min_severity") {
                rules::Severity sev;
                if (!parse_severity(value, sev)) fail("unknown severity '" + value + "'");
                s.min_severity = sev;
            } else if (key == "status") {
                if (value != "overdue" && value != "pending" && value != "all") fail("status must be overdue, pending or all");
                s.status = value;
            } else {
                fail("unknown key '" + key + "' in [recipient]");
            }
        } else {
            fail("key outside a section");
        }
    }
    return config;
}

DigestConfig load_digest_config(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return parse_digest_config(s.str(), path);
}

std::vector<rules::Flag> flags_for(const Subscription& s, const std::vector<rules::Flag>& flags) {
    Filter filter;
    filter.min_severity = s.min_severity;
    filter.status = s.status;
    std::vector<rules::Flag> out;
    for (const auto& f : filter_flags(flags, filter)) {
        bool match = s.committees.empty();
        for (const auto& c : s.committees) match = match || text::contains_folded(f.committee, c);
        if (match) out.push_back(f);
    }
    return out;
}

}  // namespace opfolg::notifier
