// opfolg serve [--db FILE] [--listen HOST:PORT] [--rules FILE] [--read-only] [--auth FILE]: the clerks' web
// pages over cpp-httplib. Only wiring lives here: each request reads the store through the report's pipeline
// (a read connection of its own, so cron ingests are never blocked), web/ renders the page, and actions go
// through record_manual like the resolve/snooze/unresolve commands.
#include "app/commands.hpp"
#include "app/log.hpp"
#include "app/manual.hpp"
#include "app/pipeline.hpp"
#include "notifier/checklist.hpp"
#include "notifier/output.hpp"
#include "notifier/render.hpp"
#include "rules/ruleset.hpp"
#include "tracker/queries.hpp"
#include "web/auth.hpp"
#include "web/csrf.hpp"
#include "web/flag_view.hpp"
#include "web/pages.hpp"
#include "web/store_info.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <cctype>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <pthread.h>
#include <thread>

namespace opfolg::app {

namespace {

struct ServeOptions {
    CommonOptions common;
    std::string listen = "127.0.0.1:8080";
    std::string auth_file;
    bool read_only = false;
};

const char* const csrf_cookie = "opfolg_csrf";

// Everything a request handler shares; read-only after start except the login cache.
class Site {
public:
    Site(ServeOptions options, web::Users users) : o_(std::move(options)), users_(std::move(users)) {
        if (o_.common.db.empty()) o_.common.db = default_db_path();
    }

    void routes(httplib::Server& server);

private:
    struct Visit {
        web::PageContext ctx;
        std::string nonce;  // the CSRF cookie's nonce (new ones are set on the response)
        CommonOptions options;
    };

    Visit visit(const httplib::Request& req, httplib::Response& res) const;
    std::string logged_in_user(const httplib::Request& req) const;
    void last_ingest(web::PageContext& ctx) const;
    bool download(const std::string& format, const std::string& name, const std::string& body,
                  httplib::Response& res) const;

    void overdue(const httplib::Request& req, httplib::Response& res) const;
    void flag(const httplib::Request& req, httplib::Response& res) const;
    void action(const httplib::Request& req, httplib::Response& res) const;
    void search(const httplib::Request& req, httplib::Response& res) const;
    void checklist(const httplib::Request& req, httplib::Response& res) const;
    void audit(const httplib::Request& req, httplib::Response& res) const;
    void login(const httplib::Request& req, httplib::Response& res) const;

    ServeOptions o_;
    web::Users users_;
    web::Csrf csrf_;
    mutable std::mutex logins_mutex_;
    mutable std::map<std::string, std::string> logins_;  // Authorization header -> user, verified once
};

void html(httplib::Response& res, const std::string& body, int status = 200) {
    res.status = status;
    res.set_content(body, "text/html; charset=utf-8");
}

std::string cookie_value(const httplib::Request& req, const std::string& name) {
    const std::string cookies = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < cookies.size()) {
        std::size_t end = cookies.find(';', pos);
        if (end == std::string::npos) end = cookies.size();
        std::string pair = cookies.substr(pos, end - pos);
        pair.erase(0, pair.find_first_not_of(' '));
        if (pair.compare(0, name.size() + 1, name + "=") == 0) return pair.substr(name.size() + 1);
        pos = end + 1;
    }
    return {};
}

std::string Site::logged_in_user(const httplib::Request& req) const {
    if (o_.auth_file.empty() || !req.has_header("Authorization")) return {};
    const std::string header = req.get_header_value("Authorization");
    {
        std::lock_guard<std::mutex> lock(logins_mutex_);
        if (auto it = logins_.find(header); it != logins_.end()) return it->second;
    }
    std::string user, password;
    if (!web::parse_basic_auth(header, user, password)) return {};
    auto it = users_.find(user);
    if (it == users_.end() || !web::verify_password(password, it->second)) return {};
    std::lock_guard<std::mutex> lock(logins_mutex_);
    logins_[header] = user;  // PBKDF2 costs ~0.3 s; the header is checked once per process
    return user;
}

void Site::last_ingest(web::PageContext& ctx) const {
    try {
        tracker::Store store(o_.common.db, /*read_only=*/true);
        ctx.last_ingest = web::last_ingest(store);
    } catch (const std::exception&) {
        ctx.last_ingest.clear();  // no store yet: the footer says so
    }
}

Site::Visit Site::visit(const httplib::Request& req, httplib::Response& res) const {
    Visit v;
    v.ctx.viewer.user = logged_in_user(req);
    v.ctx.viewer.auth = !o_.auth_file.empty();
    v.ctx.viewer.read_only = o_.read_only;
    v.nonce = cookie_value(req, csrf_cookie);
    if (!web::Csrf::well_formed(v.nonce)) {
        v.nonce = web::Csrf::new_nonce();
        res.set_header("Set-Cookie", std::string(csrf_cookie) + "=" + v.nonce + "; Path=/; HttpOnly; SameSite=Strict");
    }
    v.ctx.viewer.csrf_token = csrf_.token(v.nonce);
    v.ctx.as_of = req.get_param_value("as_of");
    v.options = o_.common;
    v.options.as_of = v.ctx.as_of;
    resolve_as_of(v.options.as_of);  // a bad date is a 400 before any work
    last_ingest(v.ctx);
    return v;
}

bool Site::download(const std::string& format, const std::string& name, const std::string& body,
                    httplib::Response& res) const {
    const char* type = format == "csv" ? "text/csv; charset=utf-8"
                       : format == "json" ? "application/json; charset=utf-8"
                                          : "text/calendar; charset=utf-8";
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"");
    res.set_content(body, type);
    return true;
}

void Site::overdue(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    web::ListQuery q{req.get_param_value("committee"), req.get_param_value("rule"), req.get_param_value("status"),
                     req.get_param_value("severity"), v.ctx.as_of, req.get_param_value("sort")};
    const std::string format = req.get_param_value("format");
    if (!format.empty() && format != "html" && format != "csv" && format != "json" && format != "ics")
        throw UsageError("format: \"" + format + "\" is not html, csv, json or ics");
    notifier::Filter filter;
    try {
        filter = notifier::make_filter(q.committee, q.rule, q.severity, q.status, "");
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    Evaluation ev = evaluate_store(v.options);
    notifier::Report report;
    report.as_of = ev.as_of;
    report.flags = notifier::filter_flags(std::move(ev.flags), filter);
    report.generated_at = notifier::generation_time();
    report.show_closed = v.ctx.viewer.logged_in();
    if (format == "csv") download(format, "opfolgninger", notifier::render_csv(report), res);
    else if (format == "json") download(format, "opfolgninger", notifier::render_json(report), res);
    else if (format == "ics") download(format, "opfolgninger", notifier::render_ics(report), res);
    else {
        std::vector<std::string> rule_ids;
        for (const auto& r : ev.ruleset.rules) rule_ids.push_back(r.id);
        tracker::Store store(v.options.db, true);
        html(res, web::overdue_page(report, q, tracker::list_committees(store), rule_ids, v.ctx));
    }
}

void Site::flag(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    const std::string id = req.matches[1];
    Evaluation ev = evaluate_store(v.options, Need::candidates);
    tracker::Store store(v.options.db, true);
    auto view = web::load_flag_view(store, ev.ruleset, ev.candidates, ev.flags, ev.as_of, id);
    if (!view) return html(res, web::message_page("Ukendt opfølgning", "Ingen opfølgning med id " + id + " pr. " +
                                                  notifier::iso(ev.as_of) + ".", v.ctx), 404);
    html(res, web::flag_page(*view, v.ctx));
}

void Site::action(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    if (o_.read_only)
        return html(res, web::message_page("Ikke tilladt", "Serveren kører kun med læseadgang.", v.ctx), 403);
    if (v.ctx.viewer.auth && !v.ctx.viewer.logged_in()) {
        res.set_header("WWW-Authenticate", "Basic realm=\"opfolg\", charset=\"UTF-8\"");
        return html(res, web::message_page("Log ind", "Log ind for at registrere handlinger.", v.ctx), 401);
    }
    if (!csrf_.valid(cookie_value(req, csrf_cookie), req.get_param_value("csrf")))
        return html(res, web::message_page("Ikke tilladt", "Formularen er udløbet eller kom ikke fra denne side; "
                                           "hent siden igen.", v.ctx), 403);
    ManualRequest r{req.matches[2], req.matches[1],
                    v.ctx.viewer.logged_in() ? v.ctx.viewer.user : req.get_param_value("by"),
                    req.get_param_value("note"), req.get_param_value("until")};
    const auto entry = record_manual(v.options, r);
    spdlog::info("serve: {} {} by {}", entry.action, entry.flag_id, entry.by);
    res.status = 303;
    res.set_header("Location", "/flag/" + web::url_encode(r.flag_id) +
                                   (v.ctx.as_of.empty() ? "" : "?as_of=" + web::url_encode(v.ctx.as_of)));
}

void Site::search(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    const std::string text = req.get_param_value("q"), format = req.get_param_value("format");
    std::vector<tracker::SearchHit> hits;
    if (!text.empty()) {
        tracker::Store store(v.options.db, true);
        hits = web::visible_hits(tracker::search_items(store, text, 100), v.ctx.viewer.logged_in());
    }
    if (format == "csv") download(format, "soegning", web::search_csv(hits), res);
    else if (format == "json") download(format, "soegning", web::search_json(hits), res);
    else if (format.empty() || format == "html") html(res, web::search_page(text, hits, v.ctx));
    else throw UsageError("format: \"" + format + "\" is not html, csv or json");
}

void Site::checklist(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    const std::string committee = req.get_param_value("committee"), format = req.get_param_value("format");
    tracker::Store store(v.options.db, true);
    const auto committees = tracker::list_committees(store);
    if (committee.empty()) return html(res, web::checklist_page(nullptr, "", "", committees, v.ctx));
    Evaluation ev = evaluate_store(v.options);
    notifier::Checklist list;
    try {
        list = notifier::committee_checklist(store, ev.flags, committee, std::nullopt, ev.as_of);
    } catch (const std::invalid_argument& e) {
        return html(res, web::checklist_page(nullptr, committee, e.what(), committees, v.ctx), 404);
    }
    if (format.empty() || format == "html") return html(res, web::checklist_page(&list, committee, "", committees, v.ctx));
    notifier::Report report;  // the checklist's flags (already redacted) through the report renderers
    report.as_of = ev.as_of;
    report.generated_at = notifier::generation_time();
    report.title = "Tjekliste: " + list.committee;
    for (const auto* part : {&list.postponed, &list.promised, &list.overdue})
        for (const auto& e : *part) report.flags.push_back(e.flag);
    if (format == "csv") download(format, "tjekliste", notifier::render_csv(report), res);
    else if (format == "json") download(format, "tjekliste", notifier::render_json(report), res);
    else if (format == "ics") download(format, "tjekliste", notifier::render_ics(report), res);
    else throw UsageError("format: \"" + format + "\" is not html, csv, json or ics");
}

void Site::audit(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    const std::string format = req.get_param_value("format");
    tracker::Store store(v.options.db, true);
    const auto log = tracker::audit_log(store);
    if (format == "csv") download(format, "log", web::audit_csv(log), res);
    else if (format == "json") download(format, "log", web::audit_json(log), res);
    else if (format.empty() || format == "html") html(res, web::audit_page(log, v.ctx));
    else throw UsageError("format: \"" + format + "\" is not html, csv or json");
}

void Site::login(const httplib::Request& req, httplib::Response& res) const {
    Visit v = visit(req, res);
    if (!v.ctx.viewer.auth || v.ctx.viewer.logged_in()) {
        res.status = 303;
        res.set_header("Location", "/");
        return;
    }
    res.set_header("WWW-Authenticate", "Basic realm=\"opfolg\", charset=\"UTF-8\"");
    html(res, web::message_page("Log ind", "Brugernavn og adgangskode kræves.", v.ctx), 401);
}

void Site::routes(httplib::Server& server) {
    // Pages carry no scripts, no inline styles and no foreign resources; forms post only to this server.
    server.set_default_headers({
        {"Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                                    "frame-ancestors 'none'; base-uri 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Referrer-Policy", "same-origin"},
        {"X-Frame-Options", "DENY"},
        {"Cache-Control", "no-store"},
    });
    auto bind = [this](void (Site::*handler)(const httplib::Request&, httplib::Response&) const) {
        return [this, handler](const httplib::Request& req, httplib::Response& res) { (this->*handler)(req, res); };
    };
    server.Get("/style.css", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(web::stylesheet(), "text/css; charset=utf-8");
    });
    server.Get("/", bind(&Site::overdue));
    server.Get("/flag/([0-9a-f]{1,32})", bind(&Site::flag));
    server.Post("/flag/([0-9a-f]{1,32})/(resolve|snooze|unresolve)", bind(&Site::action));
    server.Get("/search", bind(&Site::search));
    server.Get("/checklist", bind(&Site::checklist));
    server.Get("/audit", bind(&Site::audit));
    server.Get("/login", bind(&Site::login));
    server.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        web::PageContext ctx;
        ctx.viewer.read_only = o_.read_only;
        ctx.viewer.auth = !o_.auth_file.empty();
        if (!std::filesystem::exists(o_.common.db)) {
            // Before the first ingest: not the request's fault, and not the server's.
            return html(res, web::message_page("Ingen data endnu", "Der er ikke indlæst referater i " +
                                               o_.common.db + " endnu.", ctx), 503);
        }
        try {
            std::rethrow_exception(ep);
        } catch (const UsageError& e) {
            html(res, web::message_page("Forkert forespørgsel", e.what(), ctx), 400);
        } catch (const std::exception& e) {
            spdlog::error("serve: {} {}: {}", req.method, req.path, e.what());
            html(res, web::message_page("Fejl", e.what(), ctx), 500);
        }
    });
    server.set_error_handler([this](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        web::PageContext ctx;
        ctx.viewer.read_only = o_.read_only;
        ctx.viewer.auth = !o_.auth_file.empty();
        html(res, web::message_page(res.status == 404 ? "Findes ikke" : "Fejl",
                                    res.status == 404 ? "Siden findes ikke." : "Forespørgslen kunne ikke besvares.", ctx),
             res.status);
    });
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        spdlog::debug("serve: {} {} -> {}", req.method, req.path, res.status);
    });
}

void split_listen(const std::string& listen, std::string& host, int& port) {
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0) throw UsageError("--listen: \"" + listen + "\" is not HOST:PORT");
    host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    try {
        std::size_t used = 0;
        port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1 || port < 0 || port > 65535) throw std::out_of_range("port");
    } catch (const std::exception&) {
        throw UsageError("--listen: \"" + listen + "\" has no port number 0-65535");
    }
}

int run_serve(const ServeOptions& o) {
    std::string host;
    int port = 0;
    split_listen(o.listen, host, port);
    web::Users users;
    if (!o.auth_file.empty()) {
        try {
            users = web::load_users(o.auth_file);
        } catch (const web::AuthError& e) {
            throw UsageError(std::string("--auth: ") + e.what());
        }
        if (users.empty()) throw UsageError("--auth: no users in " + o.auth_file + " (opfolg user add FILE NAME)");
    }
    {   // Bad rules are a start-up error, not a 400 on every page.
        rules::RuleSet check;
        std::vector<rules::Diagnostic> diags;
        for (const auto& file : o.common.rules_files.empty() ? std::vector<std::string>{default_rules_path()}
                                                             : o.common.rules_files)
            if (!rules::load_rules(file, check, diags)) {
                std::string first = diags.empty() ? file : rules::format_diagnostic(diags[0]);
                while (!first.empty() && std::isspace(static_cast<unsigned char>(first.back()))) first.pop_back();
                throw UsageError("invalid rules: " + first.substr(0, first.find('\n')));
            }
    }
    Site site(o, std::move(users));
    if (!std::filesystem::exists(o.common.db.empty() ? default_db_path() : o.common.db))
        spdlog::warn("serve: no database yet at {}; pages say so until the first ingest",
                     o.common.db.empty() ? default_db_path() : o.common.db);

    // SIGTERM/SIGINT stop the server from a thread of their own (httplib's stop() is not async-signal-safe);
    // stop() lets requests in flight finish. Blocked before any thread starts, so every thread inherits it.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not end the server

    httplib::Server server;
    site.routes(server);
    server.set_keep_alive_timeout(2);
    // httplib's default is SO_REUSEPORT, with which a second server (another store!) silently shares the port
    // and gets half of the connections. SO_REUSEADDR only: a restart can rebind at once, a second start fails.
    server.set_socket_options([](int sock) {
        int yes = 1;
        setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    const bool bound = port == 0 ? (port = server.bind_to_any_port(host)) > 0 : server.bind_to_port(host, port);
    if (!bound) throw std::runtime_error("cannot listen on " + o.listen + " (in use, or not a local address)");
    std::cout << "opfolg serve: listening on http://" << (host.find(':') != std::string::npos ? "[" + host + "]" : host)
              << ":" << port << "/" << (o.read_only ? " (read-only)" : "") << std::endl;

    std::atomic<bool> stopping{false};
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        stopping = true;
        server.stop();
    });
    const bool ok = server.listen_after_bind();
    if (!stopping) pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter when listening failed
    waiter.join();
    std::cout << "opfolg serve: stopped" << std::endl;
    return ok || stopping ? exit_ok : exit_failure;
}
}  // namespace

void register_serve(CLI::App& app, Commands& out) {
    auto o = std::make_shared<ServeOptions>();
    auto* cmd = app.add_subcommand("serve", "web pages for the clerks: overdue list, flags, search, checklist, log");
    cmd->add_option("--db", o->common.db, "database file (default $OPFOLG_DB or ./opfolg.db)");
    cmd->add_option("--rules", o->common.rules_files, "rules file(s) (default: rules/default.rules)");
    cmd->add_option("--listen", o->listen, "HOST:PORT to listen on (default 127.0.0.1:8080; port 0 = any free port)");
    cmd->add_flag("--read-only", o->read_only, "show no forms and refuse every POST");
    cmd->add_option("--auth", o->auth_file, "users file (opfolg user add): actions and closed items need a login");
    out.push_back({cmd, [o] { return run_serve(*o); }});
}

}  // namespace opfolg::app
