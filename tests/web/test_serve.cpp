// `opfolg serve` over the seed minutes, driven over HTTP: the overdue list, downloads, search, checklist, the
// resolve/unresolve round trip into the audit log, CSRF, --read-only, --auth, hostile titles, clean shutdown.
#include "serve.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>

namespace {

struct SeedStore {
    fixture::TempDir dir;
    std::vector<std::string> flag_ids;  // open flags as of today, from `opfolg report`
    SeedStore() {
        auto ingest = cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(OPFOLG_SEEDS_DIR));
        REQUIRE(ingest.status == 3);  // seed 004 is not minutes
        auto report = cli::run("report --db " + cli::quote(dir.db()) + " --format json");
        REQUIRE(report.status == 0);
        const auto parsed = nlohmann::json::parse(report.out);
        for (const auto& f : parsed.at("flags")) flag_ids.push_back(f.at("id"));
        REQUIRE(flag_ids.size() >= 3);
    }
    std::string audit() const { return cli::run("audit --db " + cli::quote(dir.db())).out; }
};

httplib::Headers cookie(const std::string& c) { return {{"Cookie", c}}; }

// Loads a flag's page and posts one of its forms with the page's own cookie and token.
httplib::Result post_action(httplib::Client& c, const std::string& id, const std::string& action,
                            httplib::Params form, httplib::Headers extra = {}) {
    auto page = c.Get(("/flag/" + id).c_str(), extra);
    REQUIRE(page);
    REQUIRE(page->status == 200);
    form.emplace("csrf", serve::csrf_token(page->body));
    extra.emplace("Cookie", serve::csrf_cookie(page));
    return c.Post(("/flag/" + id + "/" + action).c_str(), extra, form);
}

}  // namespace

TEST_CASE("serve: the overdue list shows the seed flags, with the chart, CSP and every download", "[web]") {
    SeedStore s;
    serve::Process server({"--db", s.dir.db()}, s.dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();

    auto list = c.Get("/");
    REQUIRE(list);
    CHECK(list->status == 200);
    for (const auto& id : s.flag_ids) CHECK(list->body.find("href=\"/flag/" + id + "\"") != std::string::npos);
    CHECK(list->body.find("<svg") != std::string::npos);
    CHECK(list->body.find("Data pr. seneste indlæsning 20") != std::string::npos);
    CHECK(list->get_header_value("Content-Security-Policy").find("default-src 'none'") != std::string::npos);
    CHECK(list->body.find("<script") == std::string::npos);
    CHECK(list->body.find(" style=") == std::string::npos);  // CSP forbids inline styles: none are needed

    auto csv = c.Get("/?format=csv");
    REQUIRE(csv);
    CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
    for (const auto& id : s.flag_ids) CHECK(csv->body.find(id + ",") != std::string::npos);
    auto json = c.Get("/?format=json&rule=new-case-not-presented");
    REQUIRE(json);
    const auto flags = nlohmann::json::parse(json->body).at("flags");
    REQUIRE(flags.size() >= 1);
    for (const auto& f : flags) CHECK(f.at("rule") == "new-case-not-presented");
    auto ics = c.Get("/?format=ics");
    REQUIRE(ics);
    CHECK(ics->body.find("BEGIN:VCALENDAR") == 0);
    CHECK(c.Get("/?format=xml")->status == 400);
    CHECK(c.Get("/?as_of=someday")->status == 400);
    CHECK(c.Get("/flag/0000000000")->status == 404);
    CHECK(c.Get("/nowhere")->status == 404);

    // As of a day before the seeds' deadlines, nothing is overdue yet.
    auto early = c.Get("/?as_of=2019-01-01&format=json");
    REQUIRE(early);
    CHECK(nlohmann::json::parse(early->body).at("flags").empty());

    auto search = c.Get("/search?q=frikort");
    REQUIRE(search);
    CHECK(search->body.find("Socialt frikort") != std::string::npos);
    CHECK(c.Get("/search?q=frikort&format=csv")->body.find("Socialt frikort") != std::string::npos);

    auto checklist = c.Get("/checklist?committee=Erhvervs-%20og%20Besk%C3%A6ftigelsesudvalget&as_of=2019-08-01");
    REQUIRE(checklist);
    CHECK(checklist->status == 200);
    CHECK(checklist->body.find("<h1>Tjekliste: Erhvervs- og Beskæftigelsesudvalget</h1>") != std::string::npos);
    CHECK(c.Get("/checklist?committee=ingen-saadan")->status == 404);
    auto checklist_ics = c.Get("/checklist?committee=Erhvervs-%20og%20Besk%C3%A6ftigelsesudvalget&format=ics");
    CHECK(checklist_ics->body.find("BEGIN:VCALENDAR") == 0);
    CHECK(c.Get("/audit?format=csv")->body.find("at,action,flag_id") == 0);

    // Sorting: most overdue first by default (2649 days before 2527), by meeting date on request (2019-05-14
    // before 2019-06-11).
    const std::string most = c.Get("/")->body, by_meeting = c.Get("/?sort=meeting")->body;
    CHECK(most.find("Første udkast til revideret") < most.find("Socialt frikort"));
    CHECK(by_meeting.find("Socialt frikort") < by_meeting.find("Første udkast til revideret"));
    CHECK(c.Get("/style.css")->body.find("@media print") != std::string::npos);

    CHECK(server.stop(SIGTERM) == 0);
    CHECK(server.output().find("opfolg serve: stopped") != std::string::npos);
}

TEST_CASE("serve: resolving from a flag's page removes it from the list and logs who, unresolve brings it back",
          "[web]") {
    SeedStore s;
    serve::Process server({"--db", s.dir.db()}, s.dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();
    const std::string id = s.flag_ids.front();

    auto done = post_action(c, id, "resolve", {{"by", "Kirsten Kontor"}, {"note", "Behandlet <b>mundtligt</b>"}});
    REQUIRE(done);
    CHECK(done->status == 303);
    CHECK(done->get_header_value("Location") == "/flag/" + id);
    CHECK(c.Get("/")->body.find("/flag/" + id + "\"") == std::string::npos);
    for (std::size_t i = 1; i < s.flag_ids.size(); ++i)
        CHECK(c.Get("/")->body.find("/flag/" + s.flag_ids[i] + "\"") != std::string::npos);

    const std::string audit = c.Get("/audit")->body;
    CHECK(audit.find("Kirsten Kontor") != std::string::npos);
    CHECK(audit.find("Behandlet &lt;b&gt;mundtligt&lt;/b&gt;") != std::string::npos);
    CHECK(s.audit().find("resolve  " + id) != std::string::npos);  // the same log the CLI reads
    auto page = c.Get(("/flag/" + id).c_str());
    CHECK(page->status == 200);
    CHECK(page->body.find("Løst af Kirsten Kontor") != std::string::npos);
    CHECK(page->body.find("/unresolve\"") != std::string::npos);

    auto undone = post_action(c, id, "unresolve", {{"by", "Kirsten Kontor"}, {"note", "fejl"}});
    REQUIRE(undone);
    CHECK(undone->status == 303);
    CHECK(c.Get("/")->body.find("/flag/" + id + "\"") != std::string::npos);

    auto snoozed = post_action(c, id, "snooze", {{"by", "Bo"}, {"note", "venter"}, {"until", "2099-01-01"}});
    CHECK(snoozed->status == 303);
    CHECK(c.Get("/")->body.find("/flag/" + id + "\"") == std::string::npos);
    CHECK(c.Get(("/flag/" + id).c_str())->body.find("Udsat til 2099-01-01 af Bo") != std::string::npos);
    // A bad date is a 400 and writes nothing.
    CHECK(post_action(c, s.flag_ids[1], "snooze", {{"by", "Bo"}, {"note", "x"}, {"until", "snart"}})->status == 400);
    const auto log = nlohmann::json::parse(c.Get("/audit?format=json")->body);
    REQUIRE(log.size() == 3);
    CHECK(log[2].at("action") == "snooze");
    CHECK(log[2].at("until") == "2099-01-01");
}

TEST_CASE("serve: a POST without a valid CSRF token is refused (403) and changes nothing", "[web]") {
    SeedStore s;
    serve::Process server({"--db", s.dir.db()}, s.dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();
    const std::string id = s.flag_ids.front();
    auto page = c.Get(("/flag/" + id).c_str());
    REQUIRE(page);
    const std::string token = serve::csrf_token(page->body), jar = serve::csrf_cookie(page);
    REQUIRE(token.size() == 64);
    REQUIRE(jar.find("opfolg_csrf=") == 0);
    const std::string path = "/flag/" + id + "/resolve";
    const httplib::Params form = {{"by", "Mallory"}, {"note", "forged"}};
    auto with = [&](httplib::Params p, const std::string& t) {
        if (!t.empty()) p.emplace("csrf", t);
        return p;
    };
    CHECK(c.Post(path.c_str(), cookie(jar), form)->status == 403);                     // no token
    CHECK(c.Post(path.c_str(), with(form, token))->status == 403);                      // no cookie
    CHECK(c.Post(path.c_str(), cookie(jar), with(form, std::string(64, 'a')))->status == 403);  // wrong token
    // Another visitor's cookie with this visitor's token.
    auto other = c.Get("/");
    CHECK(c.Post(path.c_str(), cookie(serve::csrf_cookie(other)), with(form, token))->status == 403);
    CHECK(s.audit().empty());
    CHECK(c.Get("/")->body.find("/flag/" + id + "\"") != std::string::npos);
    // The same POST with both is accepted: the refusals were the token's doing.
    CHECK(c.Post(path.c_str(), cookie(jar), with(form, token))->status == 303);
    CHECK(s.audit().find("by Mallory") != std::string::npos);
}

TEST_CASE("serve --read-only shows no forms and refuses POSTs", "[web]") {
    SeedStore s;
    serve::Process server({"--db", s.dir.db(), "--read-only"}, s.dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();
    const std::string id = s.flag_ids.front();
    auto page = c.Get(("/flag/" + id).c_str());
    REQUIRE(page);
    CHECK(page->status == 200);
    CHECK(page->body.find("<form") == std::string::npos);
    CHECK(c.Get("/")->body.find("method=\"post\"") == std::string::npos);
    auto refused = c.Post(("/flag/" + id + "/resolve").c_str(), cookie(serve::csrf_cookie(page)),
                          httplib::Params{{"by", "x"}, {"note", "y"}, {"csrf", std::string(64, '0')}});
    CHECK(refused->status == 403);
    CHECK(s.audit().empty());
    CHECK(server.stop(SIGINT) == 0);  // Ctrl-C stops it as cleanly as SIGTERM
}

TEST_CASE("serve --auth: users made by `opfolg user add`, anonymous POSTs refused, the login names the actor",
          "[web]") {
    SeedStore s;
    const std::string users = s.dir.path.string() + "/users";
    // cli::run feeds /dev/null to stdin; the password goes through a pipe.
    const auto added = shell::run("printf 'hemmelig kode\\n' | " + cli::quote(OPFOLG_BINARY) + " user add " +
                                  cli::quote(users) + " kirsten");
    REQUIRE(added.status == 0);
    const std::string file = serve::read_file(users);
    CHECK(file.find("kirsten:pbkdf2-sha256:") != std::string::npos);
    CHECK(file.find("hemmelig") == std::string::npos);
    CHECK(shell::run("printf 'x\\n' | " + cli::quote(OPFOLG_BINARY) + " user add " + cli::quote(users) +
                     " 'a:b' 2>/dev/null").status == 2);

    serve::Process server({"--db", s.dir.db(), "--auth", users}, s.dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();
    const std::string id = s.flag_ids.front();

    auto anonymous = c.Get(("/flag/" + id).c_str());
    CHECK(anonymous->body.find("method=\"post\"") == std::string::npos);
    CHECK(anonymous->body.find("href=\"/login\"") != std::string::npos);
    // Even with a valid cookie and token (taken from a logged-in page), an anonymous POST is refused.
    httplib::Headers login = {httplib::make_basic_authentication_header("kirsten", "hemmelig kode")};
    auto mine = c.Get(("/flag/" + id).c_str(), login);
    REQUIRE(mine->status == 200);
    CHECK(mine->body.find("Logget ind som kirsten") != std::string::npos);
    const std::string token = serve::csrf_token(mine->body), jar = serve::csrf_cookie(mine);
    REQUIRE(!token.empty());
    const httplib::Params form = {{"by", "anonym"}, {"note", "x"}, {"csrf", token}};
    auto refused = c.Post(("/flag/" + id + "/resolve").c_str(), cookie(jar), form);
    CHECK(refused->status == 401);
    httplib::Headers wrong = {httplib::make_basic_authentication_header("kirsten", "forkert"), {"Cookie", jar}};
    CHECK(c.Post(("/flag/" + id + "/resolve").c_str(), wrong, form)->status == 401);
    CHECK(s.audit().empty());
    CHECK(c.Get("/login")->status == 401);
    CHECK(c.Get("/login")->get_header_value("WWW-Authenticate").find("Basic") == 0);

    login.emplace("Cookie", jar);
    CHECK(c.Post(("/flag/" + id + "/resolve").c_str(), login, form)->status == 303);
    CHECK(s.audit().find("by kirsten") != std::string::npos);  // the login, not the form's name
}

TEST_CASE("serve: a title containing <script> is shown as text", "[web]") {
    fixture::TempDir dir;
    fixture::ItemSpec item{1, "Vejplan <script>alert(\"x\")</script> & <img src=x onerror=alert(1)>", "05.01.00-G00-1-24",
                           "Udsættes", {}, {}};
    const std::string file = dir.file("hostile.txt", fixture::minutes("Teknik- og Miljøudvalget", "10-01-2024", {item}));
    REQUIRE(cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(file)).status == 0);
    serve::Process server({"--db", dir.db()}, dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();
    const auto flags = nlohmann::json::parse(c.Get("/?format=json")->body).at("flags");
    REQUIRE(flags.size() == 1);
    const std::string id = flags[0].at("id");
    for (const std::string& path : std::vector<std::string>{"/", "/flag/" + id, "/search?q=Vejplan"}) {
        auto r = c.Get(path.c_str());
        REQUIRE(r);
        INFO(path);
        CHECK(r->body.find("Vejplan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img") !=
              std::string::npos);
        CHECK(r->body.find("<script") == std::string::npos);
        CHECK(r->body.find("<img") == std::string::npos);
    }
}

TEST_CASE("serve: closed (lukket) items are shown only to logged-in users", "[web]") {
    fixture::TempDir dir;
    std::vector<fixture::ItemSpec> items = {
        {1, "Lukket: Personsag Hansen", "81.00.00-G01-1-24", "Udsættes", {}, {}, "Fortroligt notat om Hansen."},
        {2, "Cykelsti langs Ringvejen", "05.01.00-G00-1-24", "Udsættes", {}, {}},
    };
    const std::string file = dir.file("closed.txt", fixture::minutes("Teknik- og Miljøudvalget", "10-01-2024", items));
    REQUIRE(cli::run("ingest -q --db " + cli::quote(dir.db()) + " " + cli::quote(file)).status == 0);
    const std::string users = dir.path.string() + "/users";
    REQUIRE(shell::run("printf 'pw\\n' | " + cli::quote(OPFOLG_BINARY) + " user add " + cli::quote(users) + " bo")
                .status == 0);
    serve::Process server({"--db", dir.db(), "--auth", users}, dir.path.string());
    REQUIRE(server.port() > 0);
    auto c = server.client();
    const httplib::Headers login = {httplib::make_basic_authentication_header("bo", "pw")};

    const auto anonymous = c.Get("/");
    CHECK(anonymous->body.find("Cykelsti langs Ringvejen") != std::string::npos);
    CHECK(anonymous->body.find("Personsag") == std::string::npos);
    CHECK(anonymous->body.find(">lukket</a>") != std::string::npos);
    CHECK(c.Get("/?format=csv")->body.find("Personsag") == std::string::npos);
    CHECK(c.Get("/search?q=Hansen")->body.find("Personsag") == std::string::npos);
    CHECK(c.Get("/search?q=Hansen")->body.find("Fortroligt") == std::string::npos);
    const auto flags = nlohmann::json::parse(c.Get("/?format=json", login)->body).at("flags");
    std::string closed_id;
    for (const auto& f : flags)
        if (f.at("title") == "Personsag Hansen") closed_id = f.at("id");
    REQUIRE(!closed_id.empty());  // logged in, the JSON has the title
    const auto page = c.Get(("/flag/" + closed_id).c_str());
    CHECK(page->status == 200);
    CHECK(page->body.find("Personsag") == std::string::npos);
    CHECK(page->body.find("vises kun for brugere, der er logget ind") != std::string::npos);

    CHECK(c.Get("/", login)->body.find("Personsag Hansen") != std::string::npos);
    CHECK(c.Get(("/flag/" + closed_id).c_str(), login)->body.find("<h2>Forklaring</h2>") != std::string::npos);
}

TEST_CASE("serve: bad options are one-line errors with exit 2, a port in use is exit 1", "[web]") {
    SeedStore s;
    const std::string db = " --db " + cli::quote(s.dir.db());
    for (const std::string& args : {std::string("--listen nowhere"), std::string("--listen 127.0.0.1:70000"),
                                    std::string("--auth /nonexistent/users"), std::string("--rules /nonexistent.rules")}) {
        const auto r = cli::run("serve" + db + " " + args, "timeout 20");  // bounded even when it would serve
        INFO(args << ": " << r.err);
        CHECK(r.status == 2);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    {   // No store yet (before the first ingest): the server starts, and its pages say so.
        serve::Process early({"--db", s.dir.path.string() + "/later.db"}, s.dir.path.string());
        REQUIRE(early.port() > 0);
        auto r = early.client().Get("/");
        REQUIRE(r);
        CHECK(r->status == 503);
        CHECK(r->body.find("Ingen data endnu") != std::string::npos);
    }
    serve::Process server({"--db", s.dir.db()}, s.dir.path.string());
    REQUIRE(server.port() > 0);
    const auto taken = cli::run("serve" + db + " --listen 127.0.0.1:" + std::to_string(server.port()), "timeout 20");
    CHECK(taken.status == 1);
    CHECK(taken.err.find("cannot listen on") != std::string::npos);
}
