// The digest message, parsed back with Python's standard `email` package; header injection; SMTP delivery to a
// real loopback server (python3-aiosmtpd).
#include "fixtures.hpp"
#include "notifier/delivery.hpp"
#include "notifier/digest.hpp"
#include "notifier/subscriptions.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <thread>

using namespace opfolg::notifier;

namespace {
const std::string tests_dir = std::string(OPFOLG_SOURCE_DIR) + "/tests/notifier";

// Debian's python3 has python3-aiosmtpd; a pyenv python on PATH may not.
std::string system_python() { return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"; }

nlohmann::json parse_with_python(const std::string& message) {
    const std::string dir = fixtures::temp_dir();
    fixtures::write_file(dir + "/m.eml", message);
    int status = -1;
    const std::string out = fixtures::run(system_python() + " " + tests_dir + "/parse_mail.py " + dir + "/m.eml", &status);
    fixtures::run("rm -rf " + dir);
    INFO(out);
    REQUIRE(status == 0);
    return nlohmann::json::parse(out);
}

Report hostile() {
    Report r = fixtures::report();
    r.flags.push_back(fixtures::flag("bad0bad0bad0", "Økonomiudvalget", date::year{2026} / date::May / 4, 2,
                                     "Ny titel\r\nBcc: victim@example.com\r\n\r\n<script>alert(1)</script>",
                                     "00.01.00-A00-1-26", "Vedtaget.\nSubject: injected\n.\nFrom evil", 
                                     date::year{2026} / date::June / 1, 175));
    return r;
}
}  // namespace

TEST_CASE("mime: quoted-printable keeps lines <= 76 and round-trips through python", "[mail]") {
    std::string long_line(200, 'a');
    for (int i = 0; i < 30; ++i) long_line += "æøå ";
    const std::string qp = mime::quoted_printable(long_line + "\n.\nFrom here\nend  ");
    std::size_t start = 0, next;
    while ((next = qp.find("\r\n", start)) != std::string::npos) {
        CHECK(next - start <= 76);
        start = next + 2;
    }
    CHECK(qp.find("\r\n=2E\r\n") != std::string::npos);
    CHECK(qp.find("\r\n=46rom here") != std::string::npos);
    CHECK(qp.substr(qp.size() - 4) == " =20");  // trailing blank encoded
    CHECK(mime::base64("Mand") == "TWFuZA==");
}

TEST_CASE("mime: subject encoded-words for æøå, addresses validated against injection", "[mail]") {
    CHECK(mime::encode_header_value("plain ascii") == "plain ascii");
    const std::string enc = mime::encode_header_value("opfolg: 5 åbne opfølgninger med en meget lang emnelinje om ÆØÅ");
    CHECK(enc.rfind("=?UTF-8?B?", 0) == 0);
    std::size_t start = 0, next;
    do {
        next = enc.find("\r\n", start);
        CHECK((next == std::string::npos ? enc.size() : next) - start <= 76);
        start = next + 2;
    } while (next != std::string::npos);
    CHECK(mime::encode_header_value("a\r\nBcc: x@y").find('\n') == std::string::npos);
    CHECK(mime::valid_address("jens@kommune.dk"));
    CHECK_FALSE(mime::valid_address("jens@kommune.dk\r\nBcc: x@y.dk"));
    CHECK_FALSE(mime::valid_address("a@b.dk, c@d.dk"));
    CHECK_FALSE(mime::valid_address("<a@b.dk>"));
    CHECK_FALSE(mime::valid_address("nobody"));
    CHECK_THROWS_AS(mime::parse_mailbox("Evil\r\nBcc: x@y.dk <a@b.dk>"), mime::MailError);
    auto m = mime::parse_mailbox("Jens Ærøsen <jens@kommune.dk>");
    CHECK(m.name == "Jens Ærøsen");
    CHECK(m.address == "jens@kommune.dk");
    CHECK(mime::rfc5322_date(fixtures::report().generated_at) == "Mon, 23 Nov 2026 07:00:00 +0000");
}

TEST_CASE("digest: python's email parser decodes both parts back to the right UTF-8 text", "[mail]") {
    const Report r = hostile();
    const auto msg = digest_message(r, mime::parse_mailbox("Opfølgning <opfolg@kommune.dk>"),
                                    {mime::parse_mailbox("jens@kommune.dk"), mime::parse_mailbox("Åse <aase@kommune.dk>")});
    const std::string raw = mime::build(msg);
    const auto parsed = parse_with_python(raw);
    REQUIRE(parsed.size() == 1);
    const auto& p = parsed[0];
    CHECK(p["defects"].empty());
    CHECK(p["max_line"].get<int>() <= 78);
    CHECK(p["bare_lf"] == false);
    CHECK(p["subject"] == "opfolg: 6 åbne opfølgninger (5 overskredne) pr. 2026-11-23");
    CHECK(p["from"] == "Opfølgning <opfolg@kommune.dk>");
    CHECK(p["to"] == nlohmann::json::array({"jens@kommune.dk", "aase@kommune.dk"}));
    CHECK(p["date"] == "Mon, 23 Nov 2026 07:00:00 +0000");
    CHECK(p["mime_version"] == "1.0");
    CHECK(p["content_type"] == "multipart/alternative");
    CHECK(p["message_id"].get<std::string>().find("@kommune.dk>") != std::string::npos);
    // Decoded parts equal what we rendered (the parser normalises line ends to \n).
    CHECK(p["text"] == render_digest_text(r));
    CHECK(p["html"] == render_digest_html(r));
    const std::string text = p["text"], html = p["html"];
    CHECK(text.find("Skolestruktur på Ærø, Østby og Ålborg") != std::string::npos);
    // Injection: the hostile title/decision added no header and no markup.
    std::vector<std::string> headers = p["header_names"];
    CHECK(std::count(headers.begin(), headers.end(), "bcc") == 0);
    CHECK(std::count(headers.begin(), headers.end(), "subject") == 1);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;") != std::string::npos);
    CHECK(text.find("Ny titel  Bcc: victim@example.com") != std::string::npos);  // flattened onto one line
    // Closed items: only item number and "lukket".
    CHECK(text.find("- pkt. 9: lukket") != std::string::npos);
    CHECK(html.find("pkt. 9: lukket") != std::string::npos);
    for (const std::string s : {"Personsag", "Fortroligt", "81.00.00-G01-1-25"}) {
        CHECK(raw.find(s) == std::string::npos);
        CHECK(text.find(s) == std::string::npos);
        CHECK(html.find(s) == std::string::npos);
    }
}

TEST_CASE("digest: even show_closed reports are redacted in mail", "[mail]") {
    Report r = fixtures::report();
    r.show_closed = true;
    CHECK(render_digest_text(r).find("Personsag") == std::string::npos);
    CHECK(render_digest_html(r).find("Fortroligt") == std::string::npos);
}

TEST_CASE("subscriptions: parse, filter per recipient, reject typos", "[mail]") {
    const auto config = parse_digest_config(R"(# test
[digest]
from = Opfølgning <opfolg@kommune.dk>
to = a@kommune.dk, b@kommune.dk
subject_prefix = [opfolg]

[recipient jens@kommune.dk]
name = Jens
committees = BØRNE, teknik
min_severity = medium

[recipient Åse <aase@kommune.dk>]
status = pending
)");
    CHECK(config.from == "Opfølgning <opfolg@kommune.dk>");
    CHECK(config.to == std::vector<std::string>{"a@kommune.dk", "b@kommune.dk"});
    REQUIRE(config.subscriptions.size() == 2);
    const auto flags = fixtures::report().flags;
    auto jens = flags_for(config.subscriptions[0], flags);
    CHECK(config.subscriptions[0].recipient.name == "Jens");
    CHECK(jens.size() == 3);  // both Børne- og Skole flags and Teknik; all at least medium
    auto aase = flags_for(config.subscriptions[1], flags);
    REQUIRE(aase.size() == 1);
    CHECK(aase[0].status == opfolg::rules::FlagStatus::pending);
    CHECK(config.subscriptions[1].recipient.name == "Åse");
    CHECK_THROWS_AS(parse_digest_config("[recipient x@y.dk]\ncommitee = Teknik\n"), ConfigError);
    CHECK_THROWS_AS(parse_digest_config("[recipient not-an-address]\n"), ConfigError);
    CHECK_THROWS_AS(parse_digest_config("[digets]\n"), ConfigError);
    CHECK_THROWS_WITH(parse_digest_config("[digest]\nfrom = a@b.dk\n\n[recipient x@y.dk]\nmin_severity = huge\n", "s.conf"),
                      Catch::Contains("s.conf:5"));
}

TEST_CASE("example subscriptions.conf parses", "[mail]") {
    const auto config = load_digest_config(std::string(OPFOLG_SOURCE_DIR) + "/examples/subscriptions.conf");
    CHECK_FALSE(config.from.empty());
    CHECK(config.subscriptions.size() >= 2);
}

TEST_CASE("smtp: delivery to a loopback aiosmtpd server", "[mail][smtp]") {
    int has = -1;
    fixtures::run(system_python() + " -c 'import aiosmtpd' 2>/dev/null", &has);
    if (has != 0) {
        WARN("python3-aiosmtpd is not installed; skipping the SMTP test");
        return;
    }
    const std::string dir = fixtures::temp_dir();
    // The sink prints its port, then runs in the background for at most 20 s (it exits after one message).
    const std::string start = "cd " + dir + " && (" + system_python() + " " + tests_dir + "/smtp_sink.py " + dir +
                              " 20 > port.txt 2> sink.log & echo $! > sink.pid)";
    fixtures::run(start);
    std::string port;
    for (int i = 0; i < 100 && port.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        port = fixtures::read_file(dir + "/port.txt");
        if (!port.empty() && port.back() != '\n') port.clear();  // not fully written yet
    }
    INFO("sink log: " << fixtures::read_file(dir + "/sink.log"));
    REQUIRE_FALSE(port.empty());
    port.pop_back();

    const Report r = hostile();
    const auto msg = digest_message(r, mime::parse_mailbox("opfolg@kommune.dk"), {mime::parse_mailbox("jens@kommune.dk")});
    const std::string raw = mime::build(msg);
    SmtpOptions options;
    options.url = "smtp://127.0.0.1:" + port;
    options.timeout_seconds = 15;
    CHECK_NOTHROW(deliver_smtp(options, "opfolg@kommune.dk", {"jens@kommune.dk"}, raw));

    std::string received;
    for (int i = 0; i < 100 && received.empty(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (!fixtures::read_file(dir + "/msg1.json").empty()) received = fixtures::read_file(dir + "/msg1.eml");
    }
    fixtures::run("kill $(cat " + dir + "/sink.pid) 2>/dev/null");
    REQUIRE_FALSE(received.empty());
    const auto envelope = nlohmann::json::parse(fixtures::read_file(dir + "/msg1.json"));
    CHECK(envelope["mail_from"] == "opfolg@kommune.dk");
    CHECK(envelope["rcpt_tos"] == nlohmann::json::array({"jens@kommune.dk"}));
    const auto parsed = parse_with_python(received);
    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0]["subject"] == "opfolg: 6 åbne opfølgninger (5 overskredne) pr. 2026-11-23");
    CHECK(parsed[0]["text"] == render_digest_text(r));
    CHECK(parsed[0]["html"] == render_digest_html(r));
    fixtures::run("rm -rf " + dir);

    // A closed port fails with an error, within the timeout.
    options.url = "smtp://127.0.0.1:" + port;
    CHECK_THROWS_AS(deliver_smtp(options, "opfolg@kommune.dk", {"jens@kommune.dk"}, raw), mime::MailError);
}

TEST_CASE("sendmail: the message is piped to PATH -t -i", "[mail]") {
    const std::string dir = fixtures::temp_dir();
    fixtures::write_file(dir + "/fake-sendmail", "#!/bin/sh\necho \"$@\" > " + dir + "/args\ncat > " + dir + "/stdin\n");
    fixtures::run("chmod +x " + dir + "/fake-sendmail");
    deliver_sendmail(dir + "/fake-sendmail", "Subject: x\r\n\r\nbody\r\n");
    CHECK(fixtures::read_file(dir + "/args") == "-t -i\n");
    CHECK(fixtures::read_file(dir + "/stdin") == "Subject: x\r\n\r\nbody\r\n");
    fixtures::write_file(dir + "/failing", "#!/bin/sh\ncat >/dev/null\nexit 75\n");
    fixtures::run("chmod +x " + dir + "/failing");
    CHECK_THROWS_AS(deliver_sendmail(dir + "/failing", "x"), mime::MailError);
    fixtures::run("rm -rf " + dir);
}
