// A flag's page: the decision and its source line, the due date and why, the explain chain, the look-alikes the
// linker rejected, the case's timeline, who did what when, and the resolve / snooze / unresolve forms.
#include "notifier/case_timeline.hpp"
#include "notifier/render.hpp"
#include "web/pages.hpp"

namespace opfolg::web {

using notifier::html_escape;

namespace {
std::string field(const char* label, const char* name, const char* type, bool required = true) {
    return std::string("<label>") + label + " <input type=\"" + type + "\" name=\"" + name + "\"" +
           (required ? " required" : "") + "></label>\n";
}

std::string action_form(const FlagView& v, const char* action, const char* button, const PageContext& ctx) {
    std::string out = "<form class=\"action\" method=\"post\" action=\"/flag/" + url_encode(v.flag.id) + "/" + action +
                      "\">\n<input type=\"hidden\" name=\"csrf\" value=\"" + html_escape(ctx.viewer.csrf_token) +
                      "\">\n<input type=\"hidden\" name=\"as_of\" value=\"" + html_escape(ctx.as_of) + "\">\n";
    if (!ctx.viewer.logged_in()) out += field("Navn", "by", "text");
    out += field("Note", "note", "text");
    if (std::string(action) == "snooze") out += field("Udsat til", "until", "date");
    return out + "<button type=\"submit\">" + button + "</button>\n</form>\n";
}

std::string audit_rows(const std::vector<tracker::ManualEntry>& log) {
    std::string out = "<div class=\"scroll\"><table>\n<tr><th>Tidspunkt</th><th>Handling</th><th>Af</th>"
                      "<th>Til</th><th>Note</th></tr>\n";
    for (const auto& e : log)
        out += "<tr><td class=\"d\">" + html_escape(e.at) + "</td><td>" + html_escape(e.action) + "</td><td>" +
               html_escape(e.by) + "</td><td>" + html_escape(e.until) + "</td><td>" + html_escape(e.note) +
               "</td></tr>\n";
    return out + "</table></div>\n";
}

std::string state(const FlagView& v) {
    const auto& f = v.flag;
    if (!v.open && !v.audit.empty() && v.audit.back().action != "unresolve") {
        const auto& last = v.audit.back();
        std::string s = last.action == "snooze" ? "Udsat til " + last.until : std::string("Løst");
        return "<p class=\"status done\">" + html_escape(s) + " af " + html_escape(last.by) + " (" +
               html_escape(last.at) + "): " + html_escape(last.note) + "</p>\n";
    }
    std::string s = f.status == rules::FlagStatus::overdue ? "Overskredet med " + std::to_string(f.days_overdue) + " dage"
                                          : "Afventer, frist om " + std::to_string(-f.days_overdue) + " dage";
    return "<p class=\"status\">" + html_escape(s) + "</p>\n";
}
}  // namespace

std::string flag_page(const FlagView& v, const PageContext& ctx) {
    const rules::Flag f = notifier::shown(v.flag, ctx.viewer.logged_in());
    const bool hidden = v.flag.closed && !ctx.viewer.logged_in();
    std::string body = "<h1>" + html_escape(f.title) + "</h1>\n<p>" + html_escape(f.committee) + " · møde " +
                       notifier::iso(f.meeting_date) + " · punkt " + std::to_string(f.item_number) +
                       (f.case_number.empty() ? "" : " · sag " + html_escape(f.case_number)) + "</p>\n" + state(v);
    body += "<dl>\n<dt>Regel</dt><dd>" + html_escape(f.rule_title) + " (" + html_escape(f.rule) + ", " +
            notifier::severity_name(f.severity) + ")</dd>\n<dt>Beslutning</dt><dd>" + html_escape(f.decision) +
            "</dd>\n<dt>Kilde</dt><dd>" + html_escape(f.source) + "</dd>\n<dt>Frist</dt><dd>" +
            notifier::iso(f.due) + "</dd>\n<dt>Hvorfor denne frist</dt><dd>" + html_escape(f.due_source) +
            "</dd>\n<dt>Besked</dt><dd>" + html_escape(f.message) + "</dd>\n<dt>Id</dt><dd>" + html_escape(f.id) +
            "</dd>\n</dl>\n";
    if (hidden) {
        body += "<p>Lukket punkt: beslutning, forklaring og sagens forløb vises kun for brugere, der er logget ind.</p>\n";
    } else {
        body += "<h2>Forklaring</h2>\n<pre>" + html_escape(v.explain) + "</pre>\n";
        body += "<h2>Afviste lignende punkter</h2>\n";
        if (v.rejected.empty()) body += "<p>Ingen.</p>\n";
        else {
            body += "<div class=\"scroll\"><table>\n<tr><th>Møde</th><th>Udvalg</th><th>Pkt.</th><th>Titel</th>"
                    "<th>Hvorfor afvist</th><th>Kilde</th></tr>\n";
            for (const auto& t : v.rejected)
                body += "<tr><td class=\"d\">" + notifier::iso(t.meeting_date) + "</td><td>" + html_escape(t.committee) +
                        "</td><td class=\"num\">" + std::to_string(t.item_number) + "</td><td>" + html_escape(t.title) +
                        "</td><td>" + html_escape(t.evidence) + "</td><td>" + html_escape(t.source) + "</td></tr>\n";
            body += "</table></div>\n";
        }
        body += "<h2>Sagens forløb</h2>\n";
        if (v.timeline.empty()) body += "<p>Intet sagsnummer eller ingen andre punkter med det.</p>\n";
        else {
            body += "<ul>\n";
            for (const auto& e : v.timeline) {
                const bool closed = e.item.closed && !ctx.viewer.logged_in();
                body += "<li><strong>" + html_escape(e.item.date) + " " + html_escape(e.item.committee) + "</strong> " +
                        (e.origin == "history" ? std::string("(Sagens forløb)")
                                               : "punkt " + std::to_string(e.item.number)) +
                        ": " + html_escape(closed ? "lukket" : e.item.title);
                if (!closed)
                    body += "<br>Beslutning [" + html_escape(e.item.classes) + "]: " + html_escape(e.item.decision);
                body += " <span class=\"meta\">" + html_escape(e.item.source) + "</span>";
                for (const auto& d : e.deadlines)
                    body += "<br><span class=\"meta\">frist: " + html_escape(notifier::describe(d)) + "</span>";
                for (const auto& l : e.links)
                    body += "<br><span class=\"meta\">" + html_escape(notifier::describe(l)) + "</span>";
                body += "</li>\n";
            }
            body += "</ul>\n";
        }
    }
    body += "<h2>Handlinger</h2>\n";
    if (v.audit.empty()) body += "<p>Ingen endnu.</p>\n";
    else body += audit_rows(v.audit);
    if (ctx.viewer.can_act()) {
        if (v.open) {
            body += action_form(v, "resolve", "Markér som løst", ctx);
            body += action_form(v, "snooze", "Udsæt", ctx);
        } else if (!v.audit.empty() && v.audit.back().action != "unresolve") {
            body += action_form(v, "unresolve", "Genåbn", ctx);
        }
    } else if (!ctx.viewer.read_only && ctx.viewer.auth) {
        body += "<p><a href=\"/login\">Log ind</a> for at markere som løst eller udsætte.</p>\n";
    }
    return page(f.title, body, ctx);
}

}  // namespace opfolg::web
