// The report, checklist and digest commands end to end: the real binary on a database ingested from the seed
// minutes (read by path). Skipped with a warning only when the binary has not been built.
#include "fixtures.hpp"
#include "notifier/checklist.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>

namespace {
const std::string binary = OPFOLG_BINARY;
const std::string tests_dir = std::string(OPFOLG_SOURCE_DIR) + "/tests/notifier";

struct Db {
    std::string dir, path;
    Db() : dir(fixtures::temp_dir()), path(dir + "/t.db") {
        int status = -1;
        // The committee file merges the renamed committee, as a real installation would.
        fixtures::run("'" + binary + "' ingest -q --db " + path + " --committees " + OPFOLG_SOURCE_DIR +
                          "/examples/committees.conf " + OPFOLG_SEEDS_DIR + " >/dev/null 2>&1",
                      &status);
        ingest_status = status;
    }
    ~Db() { fixtures::run("rm -rf " + dir); }
    int ingest_status = -1;
};

// Runs opfolg with arguments (shell-quoted by the caller); stdout returned, stderr to a file.
std::string run_opfolg(const Db& db, const std::string& args, int& status, const std::string& env = "NO_COLOR=") {
    return fixtures::run(env + " '" + binary + "' " + args + " --db " + db.path + " --as-of 2026-11-23 2>" + db.dir +
                             "/stderr",
                         &status);
}

bool have_binary() {
    if (access(binary.c_str(), X_OK) == 0) return true;
    WARN("opfolg binary not built at " << binary << "; skipping CLI tests");
    return false;
}
}  // namespace

TEST_CASE("cli report: every format from the same flags, exit codes, atomic --output", "[cli]") {
    if (!have_binary()) return;
    Db db;
    REQUIRE((db.ingest_status == 0 || db.ingest_status == 3));  // 004 is not minutes and may be rejected
    int status = -1;
    const std::string json = run_opfolg(db, "report --format json", status);
    REQUIRE(status == 0);
    const auto doc = nlohmann::ordered_json::parse(json);
    CHECK(doc["as_of"] == "2026-11-23");
    const std::size_t n = doc["flags"].size();
    INFO(n << " flags from the seeds");
    CHECK(n > 0);  // the seeds postpone items and promise new cases years before 2026
    for (const auto& f : doc["flags"]) {
        CHECK(f.begin().key() == "id");
        CHECK((f["status"] == "overdue" || f["status"] == "pending"));
        CHECK(f["committee"].get<std::string>().find("Erhvervs") != std::string::npos);
    }
    // Same flags in CSV (header + one row per flag) and ICS (one VTODO per flag).
    const std::string csv = run_opfolg(db, "report --format csv", status);
    CHECK(status == 0);
    std::size_t ids_in_csv = 0;
    for (const auto& f : doc["flags"]) ids_in_csv += csv.find("\r\n" + f["id"].get<std::string>() + ",") != std::string::npos;
    CHECK(ids_in_csv == n);
    const std::string ics = run_opfolg(db, "report --format ics", status);
    CHECK(status == 0);
    std::size_t todos = 0;
    for (std::size_t p = 0; (p = ics.find("BEGIN:VTODO\r\n", p)) != std::string::npos; ++p) ++todos;
    CHECK(todos == n);
    // Text to a pipe: no colour even without NO_COLOR; summary first.
    const std::string text = run_opfolg(db, "report", status, "");
    CHECK(status == 0);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find(std::to_string(n) + (n == 1 ? " åben" : " åbne")) == 0);
    for (const char* fmt : {"markdown", "html"}) {
        run_opfolg(db, std::string("report --format ") + fmt + " --output " + db.dir + "/out." + fmt, status);
        CHECK(status == 0);
        CHECK(fixtures::read_file(db.dir + "/out." + fmt).size() > 100);
    }
    CHECK(fixtures::read_file(db.dir + "/out.html").find("</html>") != std::string::npos);
    // Filters: status splits the flags; a committee nobody has gives an empty, valid document.
    const auto overdue = nlohmann::json::parse(run_opfolg(db, "report --format json --status overdue", status));
    const auto pending = nlohmann::json::parse(run_opfolg(db, "report --format json --status pending", status));
    CHECK(overdue["flags"].size() + pending["flags"].size() == n);
    const auto none = nlohmann::json::parse(run_opfolg(db, "report --format json --committee Ældreråd", status));
    CHECK(status == 0);
    CHECK(none["flags"].empty());
    const auto upper = nlohmann::json::parse(run_opfolg(db, "report --format json --committee ERHVERVS", status));
    CHECK(upper["flags"].size() == n);
}

TEST_CASE("cli report: usage errors exit 2, failures exit 1, no partial output file", "[cli]") {
    if (!have_binary()) return;
    Db db;
    int status = -1;
    run_opfolg(db, "report --severity huge", status);
    CHECK(status == 2);
    run_opfolg(db, "report --status later", status);
    CHECK(status == 2);
    run_opfolg(db, "report --since 2026-13-01", status);
    CHECK(status == 2);
    run_opfolg(db, "report --format pdf", status);
    CHECK(status == 2);
    run_opfolg(db, "report --excel", status);
    CHECK(status == 2);
    run_opfolg(db, "report --output " + db.dir + "/no-such-dir/r.txt", status);
    CHECK(status == 1);
    CHECK(fixtures::run("ls -A " + db.dir).find(".opfolg-tmp") == std::string::npos);
}

TEST_CASE("cli checklist: estimated next meeting, sections, unknown committee", "[cli]") {
    if (!have_binary()) return;
    Db db;
    int status = -1;
    const std::string md = run_opfolg(db, "checklist --committee erhvervs", status);
    INFO(fixtures::read_file(db.dir + "/stderr"));
    REQUIRE(status == 0);
    CHECK(md.find("# Tjekliste: Erhvervs-, Beskæftigelses- og Uddannelsesudvalget") == 0);
    CHECK(md.find("skønnet") != std::string::npos);
    CHECK(md.find("- [ ] ") != std::string::npos);  // the seeds' postponements are long overdue by 2026
    const std::string text = run_opfolg(db, "checklist --committee erhvervs --format text --for-meeting 2026-12-01", status);
    CHECK(status == 0);
    CHECK(text.find("Møde 2026-12-01\n") != std::string::npos);
    CHECK(text.find("skønnet") == std::string::npos);
    CHECK(text.find("☐") != std::string::npos);
    run_opfolg(db, "checklist --committee 'Ingen sådan'", status);
    CHECK(status == 2);
    run_opfolg(db, "checklist --committee erhvervs --for-meeting tomorrow", status);
    CHECK(status == 2);

    // On a terminal (script(1) gives it one) the checklist is plain text: no Markdown escapes to read around.
    const std::string tty = fixtures::run("script -qec \"NO_COLOR= '" + binary + "' checklist --committee erhvervs --db " +
                                              db.path + " --as-of 2026-11-23\" /dev/null",
                                          &status);
    CHECK(status == 0);
    CHECK(tty.find("☐") != std::string::npos);
    CHECK(tty.find("skønnet") != std::string::npos);
    CHECK(tty.find("\\(") == std::string::npos);
    CHECK(tty.find("\\_") == std::string::npos);
    CHECK(tty.find("\\+") == std::string::npos);
    // A .md file gets Markdown, whatever stdout is.
    run_opfolg(db, "checklist --committee erhvervs -o " + db.dir + "/liste.md", status);
    CHECK(status == 0);
    CHECK(fixtures::read_file(db.dir + "/liste.md").find("# Tjekliste:") == 0);
}

TEST_CASE("checklist format: asked, by file extension, else text on a terminal", "[cli]") {
    using opfolg::notifier::checklist_format;
    CHECK(checklist_format("html", "x.md", true) == "html");
    CHECK(checklist_format("", "liste.MD", true) == "markdown");
    CHECK(checklist_format("", "liste.html", false) == "html");
    CHECK(checklist_format("", "liste.txt", false) == "text");
    CHECK(checklist_format("", "", true) == "text");
    CHECK(checklist_format("", "", false) == "markdown");
    CHECK(checklist_format("", "liste", true) == "markdown");
}

TEST_CASE("cli digest: stdout message parses, --quiet-if-empty, SMTP failure exits 1", "[cli]") {
    if (!have_binary()) return;
    Db db;
    int status = -1;
    const std::string raw =
        run_opfolg(db, "digest --from 'Opfølgning <opfolg@kommune.example>' --to a@kommune.example,b@kommune.example", status);
    REQUIRE(status == 0);
    fixtures::write_file(db.dir + "/m.eml", raw);
    const auto parsed = nlohmann::json::parse(
        fixtures::run((access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3 " : "python3 ") + tests_dir +
                      "/parse_mail.py " + db.dir + "/m.eml"));
    REQUIRE(parsed.size() == 1);
    CHECK(parsed[0]["defects"].empty());
    CHECK(parsed[0]["to"] == nlohmann::json::array({"a@kommune.example", "b@kommune.example"}));
    CHECK(parsed[0]["subject"].get<std::string>().find("åbne opfølgninger") != std::string::npos);
    CHECK(parsed[0]["text"].get<std::string>().find("Erhvervs") != std::string::npos);
    CHECK(parsed[0]["html"].get<std::string>().find("<ul>") != std::string::npos);

    const std::string quiet = run_opfolg(db, "digest --from a@b.dk --to c@d.dk --committee Ældreråd --quiet-if-empty", status);
    CHECK(status == 0);
    CHECK(quiet.empty());
    const std::string loud = run_opfolg(db, "digest --from a@b.dk --to c@d.dk --committee Ældreråd", status);
    CHECK(status == 0);
    CHECK(loud.find("Subject: ") != std::string::npos);

    run_opfolg(db, "digest --from a@b.dk", status);
    CHECK(status == 2);
    run_opfolg(db, "digest --from 'x@y.dk\r\nBcc: z@w.dk' --to a@b.dk", status);
    CHECK(status == 2);
    run_opfolg(db, "digest --from a@b.dk --to c@d.dk --smtp smtp://127.0.0.1:9", status);  // discard port: refused
    CHECK(status == 1);
}

TEST_CASE("cli digest --all: one message per subscriber with only their flags", "[cli]") {
    if (!have_binary()) return;
    Db db;
    fixtures::write_file(db.dir + "/subs.conf", "[digest]\nfrom = opfolg@kommune.example\n\n"
                                                "[recipient erhverv@kommune.example]\ncommittees = erhvervs\n\n"
                                                "[recipient teknik@kommune.example]\ncommittees = Teknik\n");
    int status = -1;
    const std::string mbox = run_opfolg(db, "digest --config " + db.dir + "/subs.conf --all --quiet-if-empty", status);
    REQUIRE(status == 0);
    // Only the Erhvervs subscriber has flags; Teknik's empty message is suppressed, so it is a single message.
    CHECK(mbox.find("To: erhverv@kommune.example") != std::string::npos);
    CHECK(mbox.find("teknik@") == std::string::npos);
    const std::string both = run_opfolg(db, "digest --config " + db.dir + "/subs.conf --all", status);
    CHECK(status == 0);
    CHECK(both.rfind("From opfolg ", 0) == 0);  // mbox of two messages
    CHECK(both.find("To: teknik@kommune.example") != std::string::npos);
    fixtures::write_file(db.dir + "/bad.conf", "[recipient x@y.dk]\ncomittees = Teknik\n");
    run_opfolg(db, "digest --config " + db.dir + "/bad.conf --all", status);
    CHECK(status == 2);
}
