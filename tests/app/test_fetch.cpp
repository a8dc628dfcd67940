// `opfolg fetch` against a loopback HTTP server that serves the real Greve agendas (../shared/realworld/greve, read
// by path) the way a FirstAgenda publication site does: byte-identical downloads, conditional re-runs, one-line
// errors with exit 3, no partial files, names that stay inside the folder, limits, discovery from the listing.
#include "../tracker/fixture_minutes.hpp"
#include "fetch_server.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using fetch_test::read_file;
using fetch_test::fetch;
using fetch_test::HttpServer;

namespace {
const std::string greve = std::string(OPFOLG_SOURCE_DIR) + "/../shared/realworld/greve";

bool have_greve() {
    if (fs::is_directory(greve)) return true;
    WARN("../shared/realworld/greve is absent; skipping");
    return false;
}

// agenda id → source file, from the file names (committee_start_id.json)
std::map<std::string, fs::path> greve_agendas() {
    std::map<std::string, fs::path> out;
    for (const auto& e : fs::directory_iterator(greve)) {
        const std::string name = e.path().filename().string();
        const auto underscore = name.rfind('_');
        if (underscore != std::string::npos && e.path().extension() == ".json")
            out.emplace(name.substr(underscore + 1, name.size() - underscore - 6), e.path());
    }
    return out;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
}

// The entries of a folder that are not fetch's own hidden state and lock.
std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (n != ".opfolg-fetch.json" && n != ".opfolg-fetch.lock") names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// A test's folder, a server on it that serves the Greve agendas (and its overlay), and the output folder.
struct GreveSite {
    fixture::TempDir dir;
    HttpServer server{dir.path, {greve}};
    fs::path out = dir.path / "out";
};
}  // namespace

TEST_CASE_METHOD(GreveSite, "fetch: 111 Greve agendas by id land byte-identical, a re-run is conditional and all unchanged",
                 "[app][fetch]") {
    if (!have_greve()) return;
    REQUIRE(server.running());
    const auto agendas = greve_agendas();
    REQUIRE(agendas.size() == 111);
    std::string list = "# Greve, three committees\n\n";
    for (const auto& [id, file] : agendas) list += "  " + id + "  \n";
    const auto ids = dir.file("ids.txt", list);
    // One agenda also by its URL: a Danish name with blanks, percent-encoded, is stored under its decoded name.
    const fs::path danish = agendas.begin()->second;
    std::string encoded;
    for (unsigned char c : danish.filename().string()) {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", c);
        encoded += std::isalnum(c) || c == '.' || c == '-' || c == '_' ? std::string(1, static_cast<char>(c)) : hex;
    }
    const std::string args = "--out " + cli::quote(out.string()) + " --base-url " + server.url("/") + " --list " +
                             cli::quote(ids) + " " + server.url("/files/" + encoded);

    const auto start = std::chrono::steady_clock::now();
    auto first = fetch(args);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    INFO(first.out << first.err);
    REQUIRE(first.status == 0);
    CHECK(first.err.empty());
    CHECK(count(first.out, "\nfetched ") + (first.out.rfind("fetched ", 0) == 0) == 112);
    CHECK(first.out.find("fetch: 112 fetched, 0 unchanged, 0 failed of 112 into ") != std::string::npos);
    WARN("first fetch of 112 agendas (7.8 MB) from the loopback server: " << ms.count() << " ms");
    for (const auto& [id, file] : agendas) CHECK(read_file(out / (id + ".json")) == read_file(file));
    CHECK(read_file(out / danish.filename()) == read_file(danish));
    CHECK(listing(out).size() == 112);  // no temporary file left

    // Second run: every request carries the validators, the server answers 304, nothing is rewritten.
    const auto mtime = fs::last_write_time(out / danish.filename());
    const std::size_t log_mark = server.log_text().size();
    auto second = fetch(args);
    INFO(second.out << second.err);
    CHECK(second.status == 0);
    CHECK(second.out.find("fetch: 0 fetched, 112 unchanged, 0 failed of 112") != std::string::npos);
    const auto requests = server.requests(log_mark);
    CHECK(requests.size() == 112);
    for (const auto& r : requests) {
        CHECK(r["status"] == 304);
        CHECK(r["if_none_match"].is_string());
        CHECK(r["if_modified_since"].is_string());
    }
    CHECK(fs::last_write_time(out / danish.filename()) == mtime);

    // A changed agenda is fetched again; the others stay unchanged.
    const auto changed = std::next(agendas.begin(), 5);
    const std::string new_text = read_file(changed->second) + "\n";
    std::ofstream(server.overlay / changed->second.filename(), std::ios::binary) << new_text;
    auto third = fetch(args);
    INFO(third.out << third.err);
    CHECK(third.status == 0);
    CHECK(third.out.find("fetch: 1 fetched, 111 unchanged, 0 failed of 112") != std::string::npos);
    CHECK(third.out.find("fetched " + server.url("/api/agenda/dagsorden/" + changed->first)) != std::string::npos);
    CHECK(read_file(out / (changed->first + ".json")) == new_text);

    // A file deleted from the folder is fetched in full, not asked for conditionally.
    fs::remove(out / (agendas.begin()->first + ".json"));
    const std::size_t mark2 = server.log_text().size();
    auto fourth = fetch(args);
    CHECK(fourth.out.find("fetch: 1 fetched, 111 unchanged") != std::string::npos);
    int asked = 0;
    for (const auto& r : server.requests(mark2))
        if (r["path"] == "/api/agenda/dagsorden/" + agendas.begin()->first) {
            ++asked;
            CHECK(r["if_none_match"].is_null());
        }
    CHECK(asked == 1);
    CHECK(read_file(out / (agendas.begin()->first + ".json")) == read_file(agendas.begin()->second));

    // ingest walks the folder and skips the hidden state; whatever it makes of JSON, it does not crash.
    auto ingest = cli::run("ingest --db " + cli::quote(dir.db()) + " " + cli::quote(out.string()));
    INFO(ingest.out << ingest.err);
    CHECK((ingest.status == 0 || ingest.status == 1 || ingest.status == 3));
    CHECK((ingest.out + ingest.err).find(".opfolg-fetch") == std::string::npos);
}

TEST_CASE_METHOD(GreveSite, "fetch: a 404 and a refused connection are one-line errors naming the URL, the rest is kept (exit 3)",
                 "[app][fetch]") {
    if (!have_greve()) return;
    REQUIRE(server.running());
    const auto agendas = greve_agendas();
    const std::string good = agendas.begin()->first, missing = server.url("/files/no-such-agenda.json"),
                      refused = "http://127.0.0.1:1/agenda.json";
    auto r = fetch("--out " + cli::quote(out.string()) + " --base-url " + server.url("") + " " + good + " " +
                   missing + " " + refused + " ftp://127.0.0.1/x ../../etc/x " + server.url("/always304"));
    INFO(r.out << r.err);
    CHECK(r.status == 3);
    CHECK(count(r.err, "\n") == 5);
    CHECK(r.err.find("opfolg: error: " + missing + ": HTTP 404 Not Found\n") != std::string::npos);
    CHECK(r.err.find("opfolg: error: " + refused + ": ") != std::string::npos);
    CHECK(r.err.find("opfolg: error: ftp://127.0.0.1/x: only http:// and https:// URLs are fetched\n") !=
          std::string::npos);
    CHECK(r.err.find("opfolg: error: ../../etc/x: not an agenda id") != std::string::npos);
    CHECK(r.err.find("opfolg: error: " + server.url("/always304") +
                     ": HTTP 304 Not Modified to a request that was not conditional\n") != std::string::npos);
    CHECK(r.out.find("fetch: 1 fetched, 0 unchanged, 5 failed of 6") != std::string::npos);
    CHECK(listing(out) == std::vector<std::string>{good + ".json"});

    // Nothing fetched at all: exit 1.
    auto none = fetch("--out " + cli::quote(out.string()) + " " + missing + " " + refused);
    CHECK(none.status == 1);
    CHECK(listing(out) == std::vector<std::string>{good + ".json"});
}

TEST_CASE_METHOD(GreveSite, "fetch: a server that dies mid-body leaves no partial file, and the old version stays",
                 "[app][fetch]") {
    if (!have_greve()) return;
    REQUIRE(server.running());
    const fs::path source = greve_agendas().begin()->second;
    fs::copy_file(source, server.overlay / "agenda.json");
    const std::string url = server.url("/files/agenda.json");
    REQUIRE(fetch("--out " + cli::quote(out.string()) + " " + url).status == 0);
    REQUIRE(read_file(out / "agenda.json") == read_file(source));

    // A new version is published, and the server dies halfway through sending it.
    std::ofstream(server.overlay / "agenda.json", std::ios::trunc) << read_file(source) << "\n";
    std::ofstream(server.overlay / "die-next") << "";
    std::ofstream(out / ".opfolg-fetch-tmp-stale1") << "left by a killed run";  // removed at the next start
    auto r = fetch("--out " + cli::quote(out.string()) + " " + url + " " + server.url("/die/agenda.json"));
    INFO(r.out << r.err);
    CHECK(r.status == 1);
    CHECK(r.err.rfind("opfolg: error: " + url + ": ", 0) == 0);
    CHECK(r.err.find("opfolg: error: " + server.url("/die/agenda.json") + ": ") != std::string::npos);
    CHECK(count(r.err, "\n") == 2);
    CHECK(listing(out) == std::vector<std::string>{"agenda.json"});
    CHECK(read_file(out / "agenda.json") == read_file(source));
}

TEST_CASE("fetch: hostile names stay inside the folder, and a tampered state cannot move them out", "[app][fetch]") {
    fixture::TempDir dir;
    HttpServer server(dir.path, {});
    REQUIRE(server.running());
    const fs::path out = dir.path / "a" / "b" / "out";
    const std::string hostile = server.url("/any/..%2F..%2Fetc%2Fx"), dots = server.url("/any/%2E%2E"),
                      slash = server.url("/any/x%2F..%2F..%2F..%2Fescaped");
    auto r = fetch("--out " + cli::quote(out.string()) + " " + hostile + " " + dots + " " + slash);
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(listing(out) == std::vector<std::string>{"_.._etc_x", "download", "x_.._.._.._escaped"});
    CHECK(read_file(out / "_.._etc_x") == "../../etc/x");
    CHECK_FALSE(fs::exists(dir.path / "a" / "etc"));
    CHECK_FALSE(fs::exists(dir.path / "etc"));

    // A state file edited to point a URL at ../../stolen is not followed: the URL gets its own safe name again.
    std::string state = read_file(out / ".opfolg-fetch.json");
    const auto at = state.find("\"_.._etc_x\"");
    REQUIRE(at != std::string::npos);
    state.replace(at, 11, "\"../../stolen\"");
    std::ofstream(out / ".opfolg-fetch.json", std::ios::binary | std::ios::trunc) << state;
    auto again = fetch("--out " + cli::quote(out.string()) + " " + hostile);
    INFO(again.out << again.err);
    CHECK(again.status == 0);
    CHECK(again.out.find("unchanged " + hostile) != std::string::npos);  // same bytes as the file there
    CHECK_FALSE(fs::exists(dir.path / "a" / "stolen"));

    // A state that is not ours is ignored with a warning, never a failure.
    std::ofstream(out / ".opfolg-fetch.json", std::ios::binary | std::ios::trunc) << "{not json";
    auto broken = fetch("--out " + cli::quote(out.string()) + " " + hostile);
    CHECK(broken.status == 0);
    CHECK(broken.err.find("is not an opfolg fetch state; ignoring it") != std::string::npos);
}

TEST_CASE_METHOD(GreveSite, "fetch: bounded: a stalled server times out, an oversized body is refused, redirects are followed",
                 "[app][fetch]") {
    if (!have_greve()) return;
    REQUIRE(server.running());
    const fs::path source = greve_agendas().begin()->second;
    fs::copy_file(source, server.overlay / "agenda.json");
    const auto start = std::chrono::steady_clock::now();
    auto r = fetch("--timeout 1 --out " + cli::quote(out.string()) + " " + server.url("/stall/agenda.json") + " " +
                   server.url("/huge") + " " + server.url("/redirect/files/agenda.json") + " " +
                   server.url("/noetag/agenda.json"));
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start);
    INFO(r.out << r.err);
    CHECK(seconds.count() < 10);
    CHECK(r.status == 3);
    CHECK(r.err.find("opfolg: error: " + server.url("/stall/agenda.json") + ": ") != std::string::npos);
    CHECK(r.err.find("opfolg: error: " + server.url("/huge") + ": response larger than 67108864 bytes") !=
          std::string::npos);
    CHECK(read_file(out / "agenda.json") == read_file(source));  // the redirect's target, under the URL's name
    // The same last segment from another URL gets a name of its own.
    const auto names = listing(out);
    REQUIRE(names.size() == 2);
    CHECK(names[0].rfind("agenda-", 0) == 0);
    CHECK(names[1] == "agenda.json");
    CHECK(read_file(out / names[0]) == read_file(source));

    // Redirects stay with http and https, and end.
    auto away = fetch("--out " + cli::quote(out.string()) + " " + server.url("/goto/file%3A%2F%2F%2Fetc%2Fpasswd") +
                      " " + server.url("/loop"));
    INFO(away.out << away.err);
    CHECK(away.status == 1);
    CHECK(count(away.err, "\n") == 2);
    CHECK(away.err.find("opfolg: error: " + server.url("/goto/file%3A%2F%2F%2Fetc%2Fpasswd") +
                        ": redirected outside http and https: ") != std::string::npos);
    CHECK(away.err.find("opfolg: error: " + server.url("/loop") + ": Maximum (5) redirects followed") !=
          std::string::npos);
    CHECK(listing(out).size() == 2);

    // A server without validators: equal bytes are reported unchanged and the file is not rewritten.
    const auto mtime = fs::last_write_time(out / names[0]);
    auto again = fetch("--out " + cli::quote(out.string()) + " " + server.url("/noetag/agenda.json"));
    CHECK(again.status == 0);
    CHECK(again.out.find("unchanged " + server.url("/noetag/agenda.json")) != std::string::npos);
    CHECK(fs::last_write_time(out / names[0]) == mtime);
}

TEST_CASE_METHOD(GreveSite, "fetch: a name without an extension gets one from the Content-Type, an agenda "
                             "that is an HTML page is an error", "[app][fetch]") {
    REQUIRE(server.running());
    const std::string html = "<!DOCTYPE html>\n<html><body>Referat</body></html>\n";
    std::ofstream(server.overlay / "referat-2025-10-01.html") << html;
    std::ofstream(server.overlay / "notes.v2.txt") << "Referat\n";
    // A publication site that answers every unknown path with its start page, with status 200.
    std::ofstream(server.overlay / "start-page_0a1b2c.json") << html;
    auto r = fetch("--out " + cli::quote(out.string()) + " --base-url " + server.url("") + " " +
                   server.url("/doc/referat-2025-10-01") + " " + server.url("/doc/notes.v2") + " 0a1b2c");
    INFO(r.out << r.err);
    CHECK(r.status == 3);
    CHECK(r.err == "opfolg: error: " + server.url("/api/agenda/dagsorden/0a1b2c") +
                       ": not an agenda: the body is not a JSON object (starts with \"<!DOCTYPE html>\")\n");
    CHECK(listing(out) == std::vector<std::string>{"notes.v2.txt", "referat-2025-10-01.html"});
    CHECK(read_file(out / "referat-2025-10-01.html") == html);
    // The next run asks for the same file under the name it got.
    auto again = fetch("--out " + cli::quote(out.string()) + " " + server.url("/doc/referat-2025-10-01"));
    CHECK(again.out.find("unchanged " + server.url("/doc/referat-2025-10-01") + " -> " +
                         (out / "referat-2025-10-01.html").string()) != std::string::npos);
    CHECK(server.requests().back()["if_none_match"].is_string());
}

TEST_CASE_METHOD(GreveSite, "fetch: --base-url alone fetches the meetings of the committee listing, --since narrows it",
                 "[app][fetch]") {
    if (!have_greve()) return;
    REQUIRE(server.running());
    // A listing in FirstAgenda's shape, built from the agendas themselves: committees by election period.
    std::map<std::string, nlohmann::json> committees;
    std::size_t since_2025 = 0;
    for (const auto& [id, file] : greve_agendas()) {
        const auto agenda = nlohmann::json::parse(read_file(file));
        const std::string name = agenda["Udvalg"]["Navn"], date = agenda["Moede"]["Dato"];
        auto& c = committees[name];
        if (c.is_null()) c = {{"Id", agenda["Udvalg"]["Id"]}, {"Navn", name}, {"Moeder", nlohmann::json::array()}};
        c["Moeder"].push_back({{"Id", id}, {"Dato", date}});
        if (date >= "2025-01-01") ++since_2025;
    }
    nlohmann::json period = nlohmann::json::array();
    for (auto& [name, c] : committees) period.push_back(c);
    const nlohmann::json listing_json = {{"Udvalg", {{"Aktuelle politiske udvalg", period}}}};
    std::ofstream(server.overlay / "udvalgsliste.json") << listing_json.dump();
    REQUIRE(since_2025 > 0);
    REQUIRE(since_2025 < 111);

    auto r = fetch("--out " + cli::quote(out.string()) + " --base-url " + server.url("") + " --since 2025-01-01");
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("listed 111 meetings at " + server.url("/api/agenda/udvalgsliste") + ", " +
                     std::to_string(since_2025) + " from 2025-01-01") != std::string::npos);
    CHECK(listing(out).size() == since_2025);
    auto all = fetch("--out " + cli::quote(out.string()) + " --base-url " + server.url(""));
    CHECK(all.status == 0);
    CHECK(all.out.find(std::to_string(111 - since_2025) + " fetched, " + std::to_string(since_2025) +
                       " unchanged, 0 failed of 111") != std::string::npos);

    // A listing of another shape: one line, exit 1, nothing fetched.
    std::ofstream(server.overlay / "udvalgsliste.json", std::ios::trunc) << R"({"Committees": []})";
    auto foreign = fetch("--out " + cli::quote((dir.path / "other").string()) + " --base-url " + server.url(""));
    CHECK(foreign.status == 1);
    CHECK(foreign.err == "opfolg: error: the committee listing names no meeting (expected committees with "
                         "\"Moeder\": [{\"Id\", \"Dato\"}])\n");
}

TEST_CASE("fetch: usage errors exit 2, a second run on a locked folder exits 1",
          "[app][fetch]") {
    fixture::TempDir dir;
    const std::string out = cli::quote((dir.path / "out").string());
    CHECK(fetch("http://127.0.0.1:1/x").status == 2);                                     // no --out
    CHECK(fetch("--out " + out).status == 2);                                             // nothing to fetch
    CHECK(fetch("--out " + out + " 1234").status == 1);  // an id without --base-url: nothing could be done
    CHECK(fetch("--out " + out + " --since 2025-01-01 http://127.0.0.1:1/x").status == 2);  // --since needs listing
    CHECK(fetch("--out " + out + " --base-url http://127.0.0.1:1 --since 2025-13-01").status == 2);
    CHECK(fetch("--out " + out + " --timeout 0 http://127.0.0.1:1/x").status == 2);
    CHECK(fetch("--out " + out + " --base-url file:///etc x").status == 2);
    CHECK(fetch("--out " + out + " --list " + cli::quote((dir.path / "absent.txt").string())).status == 2);

    // While another run holds the folder's lock, a second run says so and exits 1 instead of interleaving.
    fs::create_directories(dir.path / "out");
    const auto held = shell::run("flock " + cli::quote((dir.path / "out" / ".opfolg-fetch.lock").string()) +
                                 " env " + cli::quote(OPFOLG_BINARY) + " fetch --out " + out +
                                 " http://127.0.0.1:1/x 2>&1");
    CHECK(held.status == 1);
    CHECK(held.out.find("another opfolg fetch is writing") != std::string::npos);
}
