// Hostile and odd input: each case has a defined outcome (stored, with warnings where the text was damaged, or
// rejected with a one-line reason), runs under a time bound, and never loses what is already stored.
#include "support.hpp"

using namespace hard;

namespace {

// A store that already holds one good meeting (generated document 0), and the hostile file's folder.
struct Guarded {
    TempDir tmp;
    std::string db = tmp.db();
    Doc good = doc_spec(0);
    Guarded() {
        auto r = run("ingest -q --db " + quote(db) + " " + quote(tmp.file("good/" + doc_name(0), doc_text(0))));
        INFO(r.out << r.err);
        REQUIRE(r.status == 0);
    }
    Result ingest(const std::string& args, int bound = time_bound_seconds) const {
        auto r = run("ingest -q --db " + quote(db) + " " + args, bound);
        INFO("ingest " << args << "\nstdout: " << r.out.substr(0, 2000) << "\nstderr: " << r.err.substr(0, 2000));
        CHECK(r.status != 124);  // no hang
        // 0 stored, 3 partly rejected, 2 nothing to ingest; never 1 (store failure) or a crash.
        CHECK((r.status == 0 || r.status == 2 || r.status == 3));
        return r;
    }
    // The good meeting survived, complete, and the store is sound.
    void check_good_kept() const {
        Db check(db);
        CHECK(check.one("PRAGMA integrity_check") == "ok");
        CHECK(check.one("SELECT count(*) FROM items i JOIN meetings m ON i.meeting_id = m.id WHERE m.date = '" +
                        good.iso() + "'") == std::to_string(good.items));
    }
    std::string one(const std::string& sql) const { return Db(db).one(sql); }
};

// "rejected: FILE:LINE: reason" on one line of stdout, naming the file.
void check_rejected(const Result& r, const std::string& file, const std::string& reason) {
    INFO(r.out);
    CHECK(r.status == 3);
    auto at = r.out.find("rejected: " + file);
    REQUIRE(at != std::string::npos);
    const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
    CHECK(line.find(reason) != std::string::npos);
}

std::string good_minutes(const std::string& committee, const std::string& dmy, const std::string& title,
                         const std::string& decision = "Godkendt.") {
    return "REFERAT " + committee + " d. " + dmy + "\n\nMødedato Torsdag kl. 17:00\n\nPunkt 1: " + title +
           "\n\nSagsfremstilling\n\nForvaltningen har skrevet et notat om sagen.\n\nBeslutning\n\n" + decision +
           "\n";
}

}  // namespace

TEST_CASE("hostile: empty file is rejected", "[hardening][hostile]") {
    Guarded g;
    auto file = g.tmp.file("empty.txt", "");
    check_rejected(g.ingest(quote(file)), file, "empty");
    auto blank = g.tmp.file("blank.txt", "\n\n   \r\n\t\n");
    check_rejected(g.ingest(quote(blank)), blank, "empty");
    g.check_good_kept();
}

TEST_CASE("hostile: a PNG image is rejected as binary", "[hardening][hostile]") {
    Guarded g;
    // A valid 1x1 PNG: signature, IHDR, IDAT, IEND.
    static const unsigned char png[] = {
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00,
        0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01,
        0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};
    const std::string bytes(reinterpret_cast<const char*>(png), sizeof png);
    auto as_png = g.tmp.file("scan.png", bytes);
    check_rejected(g.ingest(quote(as_png)), as_png, "binary");
    // The same bytes behind a minutes extension, found by walking a folder.
    auto as_txt = g.tmp.file("inbox/scan.txt", bytes);
    check_rejected(g.ingest(quote((g.tmp.path / "inbox").string())), as_txt, "binary");
    g.check_good_kept();
}

TEST_CASE("hostile: NUL bytes are rejected with their line", "[hardening][hostile]") {
    Guarded g;
    std::string text = good_minutes("Kulturudvalget", "03-03-2021", "Bibliotekets åbningstider");
    text.insert(text.find("Beslutning"), std::string("skjult\0tekst\n\n", 14));
    auto file = g.tmp.file("nul.txt", text);
    check_rejected(g.ingest(quote(file)), file, "NUL");
    CHECK(g.one("SELECT count(*) FROM meetings") == "1");
    g.check_good_kept();
}

TEST_CASE("hostile: invalid UTF-8 in a valid document is replaced and warned about", "[hardening][hostile]") {
    Guarded g;
    std::string text = good_minutes("Kulturudvalget", "03-03-2021", "Tilskud til foreninger");
    text.insert(text.find("Forvaltningen"), "Bel\xc3\xb8" "b: 10\xff\xfe" "0 kr. \xe2\x82\n\n");
    auto file = g.tmp.file("damaged.txt", text);
    auto r = g.ingest(quote(file));
    CHECK(r.status == 0);
    CHECK(g.one("SELECT count(*) FROM meetings WHERE date = '2021-03-03'") == "1");
    CHECK(g.one("SELECT title FROM items i JOIN meetings m ON i.meeting_id = m.id WHERE m.date = '2021-03-03'") ==
          "Tilskud til foreninger");
    // What is stored is valid UTF-8 again (SQLite's own check: a round trip through a BLOB keeps the bytes).
    const std::string body =
        g.one("SELECT t.body FROM items i JOIN item_texts t ON t.item_id = i.id JOIN meetings m ON i.meeting_id = m.id "
              "WHERE m.date = '2021-03-03'");
    CHECK(body.find('\xff') == std::string::npos);
    CHECK(body.find("Bel\xc3\xb8" "b") != std::string::npos);
    CHECK(g.one("SELECT warnings FROM documents WHERE path LIKE '%damaged.txt'") != "0");
    g.check_good_kept();
}

TEST_CASE("hostile: Latin-1 and Windows-1252 files are decoded", "[hardening][hostile]") {
    Guarded g;
    // Latin-1: æ=E6 ø=F8 å=E5 Æ=C6 Ø=D8.
    const std::string latin1 = "REFERAT Fritidsudvalget d. 04-05-2021\n\nPunkt 1: S\xf8" "ren \xc6" "bles "
                               "h\xe5ndboldhal\n\nSagsfremstilling\n\nForvaltningen har set p\xe5 sagen.\n\n"
                               "Beslutning\n\nGodkendt.\n";
    auto f1 = g.tmp.file("latin1.txt", latin1);
    auto r1 = g.ingest(quote(f1));
    CHECK(r1.status == 0);
    CHECK(g.one("SELECT title FROM items i JOIN meetings m ON i.meeting_id = m.id WHERE m.date = '2021-05-04'") ==
          "Søren Æbles håndboldhal");
    // Windows-1252: curly quotes 93/94 and the euro sign 80 sit in the range Latin-1 leaves to control codes.
    const std::string cp1252 = "REFERAT Fritidsudvalget d. 01-06-2021\n\nPunkt 1: \x93" "Gr\xf8n by\x94 \x96 "
                               "200 \x80 pr. m\xb2\n\nSagsfremstilling\n\nTekst.\n\nBeslutning\n\nGodkendt.\n";
    auto f2 = g.tmp.file("cp1252.txt", cp1252);
    auto r2 = g.ingest(quote(f2));
    CHECK(r2.status == 0);
    CHECK(g.one("SELECT title FROM items i JOIN meetings m ON i.meeting_id = m.id WHERE m.date = '2021-06-01'") ==
          "\xe2\x80\x9cGr\xc3\xb8n by\xe2\x80\x9d \xe2\x80\x93 200 \xe2\x82\xac pr. m\xc2\xb2");
    CHECK(g.one("SELECT encoding FROM documents WHERE path LIKE '%cp1252.txt'") == "windows-1252");
    g.check_good_kept();
}

TEST_CASE("hostile: a 50 MB single line is handled in bounded time", "[hardening][hostile][slow]") {
    Guarded g;
    // Words, markup the reader strips (**, <b>) and a date-like phrase, so the line goes through every stage.
    std::string line;
    line.reserve(50u << 20);
    const std::string chunk = "Punkt **1** <b>udsættes</b> til næste møde i 4. kvartal 2019; æøå ÆØÅ \\_ ";
    while (line.size() < (50u << 20)) line += chunk;
    auto file = g.tmp.file("huge-line.txt", line);
    auto r = g.ingest(quote(file));
    check_rejected(r, file, "");  // not minutes: no meeting header
    g.check_good_kept();
}

TEST_CASE("hostile: a document with 10,000 items is stored completely", "[hardening][hostile][slow]") {
    Guarded g;
    std::string text = "REFERAT Økonomiudvalget d. 07-09-2021\n\nMødedato Tirsdag kl. 9:00\n\n";
    for (int i = 1; i <= 10000; ++i)
        text += "Punkt " + std::to_string(i) + ": Bevilling nr. " + std::to_string(i) +
                "\n\nSagsfremstilling\n\nKort tekst.\n\nBeslutning\n\n" + (i % 2 ? "Godkendt." : "Udsat.") + "\n\n";
    auto file = g.tmp.file("many.txt", text);
    auto r = g.ingest(quote(file));
    CHECK(r.status == 0);
    CHECK(r.out.find("10000 items") != std::string::npos);
    CHECK(g.one("SELECT count(*) FROM items i JOIN meetings m ON i.meeting_id = m.id WHERE m.date = '2021-09-07'") ==
          "10000");
    // And the read path copes with it too.
    auto report = run("report --db " + quote(g.db) + " --as-of 2022-06-01 --format csv");
    CHECK(report.status == 0);
    CHECK(report.status != 124);
    g.check_good_kept();
}

TEST_CASE("hostile: deeply repeated headings", "[hardening][hostile]") {
    Guarded g;
    std::string text = "REFERAT Planudvalget d. 12-10-2021\n\nPunkt 1: Lokalplan for havnen\n\n";
    for (int i = 0; i < 5000; ++i)
        text += "Sagsfremstilling\n\n## Beslutning\n\n###### Indstilling\n\n# # # # # # # # Tidligere behandling\n\n"
                "Sagens forløb\n\n";
    text += "Beslutning\n\nGodkendt.\n";
    auto file = g.tmp.file("headings.md", text);
    auto r = g.ingest(quote(file));
    CHECK(r.status == 0);
    CHECK(g.one("SELECT count(*) FROM meetings WHERE date = '2021-10-12'") == "1");
    g.check_good_kept();
}

TEST_CASE("hostile: CR/LF, <script> and SQL in a title are stored as text and escaped on output",
          "[hardening][hostile]") {
    Guarded g;
    const std::string title = "Vej<script>alert('x')</script>'; DROP TABLE items; --";
    std::string text = good_minutes("Trafikudvalget", "02-11-2021", title + "\r\nFortsat titel\rmed CR",
                                    "Udsættes.");
    auto file = g.tmp.file("evil.txt", text);
    auto r = g.ingest(quote(file));
    CHECK(r.status == 0);
    const std::string stored =
        g.one("SELECT title FROM items i JOIN meetings m ON i.meeting_id = m.id WHERE m.date = '2021-11-02'");
    CHECK(stored.find(title) == 0);  // verbatim: parameters, not SQL text
    CHECK(stored.find('\r') == std::string::npos);
    CHECK(stored.find('\n') == std::string::npos);
    CHECK(g.one("SELECT count(*) FROM sqlite_master WHERE name = 'items'") == "1");
    // The postponed item is flagged; the HTML report shows the title escaped.
    auto html = run("report --db " + quote(g.db) + " --as-of 2022-06-01 --format html");
    INFO(html.err);
    CHECK(html.status == 0);
    CHECK(html.out.find("<script>alert") == std::string::npos);
    CHECK(html.out.find("&lt;script&gt;") != std::string::npos);
    g.check_good_kept();
}

TEST_CASE("hostile: a catastrophic-backtracking regex stays linear (RE2)", "[hardening][hostile]") {
    TempDir tmp;
    const std::string rules = R"(rule nested-plus {
  title    "Katastrofal regex"
  when     title matches "^(a+)+$" or text matches "(x+x+)+y" or decision matches "(.*a){20}"
  due      first of (30 days after meeting)
  message  "{title}"
  example  title ")" + std::string(5000, 'a') + R"(!" -> not flagged
  example  title ")" + std::string(5000, 'a') + R"(" -> flagged
  example  text ")" + std::string(5000, 'x') + R"(" -> not flagged
}
)";
    auto file = tmp.file("evil.rules", rules);
    auto check = run("rules check " + quote(file), 60);
    INFO(check.out << check.err);
    CHECK(check.status == 0);
    auto test = run("rules test " + quote(file), 60);
    INFO(test.out << test.err);
    CHECK(test.status == 0);
    CHECK(test.seconds < 30);

    // And on stored data through the report.
    const std::string db = tmp.db();
    auto doc = tmp.file("in/a.txt", good_minutes("Testudvalget", "01-02-2021", std::string(20000, 'a') + "!"));
    REQUIRE(run("ingest -q --db " + quote(db) + " " + quote(doc)).status == 0);
    auto report = run("report --db " + quote(db) + " --rules " + quote(file) + " --as-of 2021-06-01", 60);
    INFO(report.out << report.err);
    CHECK(report.status == 0);
    CHECK(report.seconds < 30);
}

TEST_CASE("hostile: a symlink loop in an ingested folder", "[hardening][hostile]") {
    Guarded g;
    const fs::path inbox = g.tmp.path / "loop";
    g.tmp.file("loop/sub/" + doc_name(1), doc_text(1));
    fs::create_directory_symlink(inbox, inbox / "sub" / "back");     // a directory cycle
    fs::create_symlink(inbox / "b.txt", inbox / "a.txt");            // a.txt -> b.txt -> a.txt (ELOOP)
    fs::create_symlink(inbox / "a.txt", inbox / "b.txt");
    auto r = g.ingest(quote(inbox.string()), 60);
    CHECK(r.out.find("ingested 1 of 1 documents") != std::string::npos);  // the loops are skipped
    CHECK(g.one("SELECT count(*) FROM meetings WHERE date = '" + doc_spec(1).iso() + "'") == "1");
    // Named directly, the looping link is a one-line problem, not a crash.
    auto direct = g.ingest(quote((inbox / "a.txt").string()), 60);
    CHECK(direct.status != 0);
    g.check_good_kept();
}

TEST_CASE("hostile: unreadable entries (FIFO, dangling link, no permission)", "[hardening][hostile]") {
    Guarded g;
    const fs::path inbox = g.tmp.path / "odd";
    g.tmp.file("odd/" + doc_name(2), doc_text(2));
    // A FIFO named like minutes: opening it for reading would block until a writer came; it must be skipped.
    const std::string fifo = (inbox / "pipe.txt").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    fs::create_symlink(inbox / "gone.txt", inbox / "dangling.txt");
    auto r = g.ingest(quote(inbox.string()), 60);
    CHECK(r.out.find("ingested 1 of 1 documents") != std::string::npos);
    // Named directly: refused as not a regular file, without blocking (exit 2: nothing left to ingest).
    auto direct = g.ingest(quote(fifo), 60);
    CHECK(direct.status == 2);
    CHECK(direct.err == "opfolg: " + fifo + ": not a regular file\n");
    auto dangling = g.ingest(quote((inbox / "dangling.txt").string()), 60);
    CHECK(dangling.status == 2);
    CHECK(dangling.err.find("dangling.txt") != std::string::npos);
    g.check_good_kept();
}

TEST_CASE("hostile: a file without read permission (checked as user nobody)", "[hardening][hostile]") {
    // Tests run as root, where chmod 000 does not stop reading; setpriv runs the ingest as nobody instead.
    if (::geteuid() != 0 || std::system("command -v setpriv >/dev/null 2>&1") != 0) {
        WARN("skipped: needs root and setpriv to drop to nobody");
        return;
    }
    TempDir tmp;
    fs::permissions(tmp.path, fs::perms::all);
    const std::string db = tmp.db();
    auto good = tmp.file("in/" + doc_name(3), doc_text(3));
    auto secret = tmp.file("in/secret.txt", doc_text(4));
    fs::permissions(secret, fs::perms::none);
    fs::permissions(tmp.path / "in", fs::perms::all);
    const std::string as_nobody = "setpriv --reuid=nobody --regid=nogroup --clear-groups --";
    // nobody must be able to reach the binary; when the build lives somewhere nobody cannot read, say so.
    if (run("--version", 30, as_nobody).status != 0) {
        WARN("skipped: user nobody cannot run " << OPFOLG_BINARY);
        return;
    }
    auto r = run("ingest -q --db " + quote(db) + " " + quote((tmp.path / "in").string()), 60, as_nobody);
    INFO(r.out << r.err);
    CHECK(r.status == 3);
    CHECK(r.out.find("rejected: " + secret) != std::string::npos);
    CHECK(r.out.find("Permission denied") != std::string::npos);
    CHECK(r.out.find("ingested 1 of 2 documents") != std::string::npos);
    CHECK(Db(db).one("SELECT count(*) FROM meetings WHERE date = '" + doc_spec(3).iso() + "'") == "1");
}
