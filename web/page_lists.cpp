// Search (FTS5 with snippets), a committee's checklist for its next meeting, the audit log, and the downloads of
// the two lists that are not flag lists.
#include "notifier/render.hpp"
#include "web/pages.hpp"

#include <nlohmann/json.hpp>

namespace opfolg::web {

using notifier::html_escape;

namespace {
std::string downloads(const std::string& path_and_query, bool ics) {
    const char sep = path_and_query.find('?') == std::string::npos ? '?' : '&';
    std::string out = "<p class=\"downloads\">Hent listen: ";
    for (const auto& [format, text] : {std::pair{"csv", "CSV"}, {"json", "JSON"}, {"ics", "ICS (kalender)"}}) {
        if (!ics && std::string(format) == "ics") continue;
        out += "<a href=\"" + html_escape(path_and_query + sep + "format=" + format) + "\">" + text + "</a>";
    }
    return out + "</p>\n";
}

nlohmann::ordered_json item_json(const tracker::ItemRow& r) {
    return {{"committee", r.committee}, {"date", r.date},       {"item_number", r.number},
            {"title", r.title},         {"case_number", r.case_number}, {"decision", r.decision},
            {"classes", r.classes},     {"closed", r.closed},   {"source", r.source}};
}
}  // namespace

std::vector<tracker::SearchHit> visible_hits(std::vector<tracker::SearchHit> hits, bool show_closed) {
    if (show_closed) return hits;
    for (auto& h : hits) {
        if (!h.item.closed) continue;
        h.item.title = "lukket";
        h.item.case_number.clear();
        h.item.decision.clear();
        h.snippet.clear();
    }
    return hits;
}

std::string search_page(const std::string& text, const std::vector<tracker::SearchHit>& hits, const PageContext& ctx) {
    std::string body = "<h1>Søg i punkterne</h1>\n<form class=\"filters\" method=\"get\" action=\"/search\">\n"
                       "<label>Ord (alle skal forekomme; ord* for begyndelsen) <input type=\"search\" name=\"q\" "
                       "value=\"" + html_escape(text) + "\"></label>\n<button type=\"submit\">Søg</button>\n</form>\n";
    if (text.empty()) return page("Søg", body, ctx);
    body += "<p>" + std::to_string(hits.size()) + (hits.size() == 1 ? " punkt" : " punkter") + " fundet.</p>\n" +
            downloads("/search?q=" + url_encode(text), false) + "<ul class=\"hits\">\n";
    for (const auto& h : hits) {
        const auto& r = h.item;
        body += "<li><strong>" + html_escape(r.title) + "</strong><br>" + html_escape(r.date) + " " +
                html_escape(r.committee) + " punkt " + std::to_string(r.number) +
                (r.case_number.empty() ? "" : ", sag " + html_escape(r.case_number)) +
                (h.snippet.empty() ? "" : "<br>… " + html_escape(h.snippet) + " …") + "<br><span class=\"meta\">" +
                html_escape(r.source) + "</span></li>\n";
    }
    return page("Søg: " + text, body + "</ul>\n", ctx);
}

std::string checklist_page(const notifier::Checklist* list, const std::string& committee, const std::string& error,
                           const std::vector<std::string>& committees, const PageContext& ctx) {
    std::string body = "<form class=\"filters\" method=\"get\" action=\"/checklist\">\n<label>Udvalg <select "
                       "name=\"committee\">";
    for (const auto& c : committees)
        body += "<option value=\"" + html_escape(c) + "\"" + (c == committee ? " selected" : "") + ">" +
                html_escape(c) + "</option>";
    body += "</select></label>\n";
    if (!ctx.as_of.empty()) body += "<input type=\"hidden\" name=\"as_of\" value=\"" + html_escape(ctx.as_of) + "\">\n";
    body += "<button type=\"submit\">Vis tjekliste</button>\n</form>\n";
    if (!error.empty()) body += "<p class=\"status\">" + html_escape(error) + "</p>\n";
    if (!list) return page("Tjekliste", body, ctx);
    std::string self = "/checklist?committee=" + url_encode(list->committee);
    if (!ctx.as_of.empty()) self += "&as_of=" + url_encode(ctx.as_of);
    body += downloads(self, true) + "<p class=\"noprint meta\">Udskriv siden for en papirudgave (kun listen "
            "kommer med).</p>\n" + notifier::render_checklist_html_body(*list);
    return page("Tjekliste: " + list->committee, body, ctx);
}

std::string audit_page(const std::vector<tracker::ManualEntry>& log, const PageContext& ctx) {
    std::string body = "<h1>Log over manuelle beslutninger</h1>\n<p>Loggen kan kun udvides, aldrig rettes.</p>\n" +
                       downloads("/audit", false);
    if (log.empty()) return page("Log", body + "<p>Ingen endnu.</p>\n", ctx);
    body += "<div class=\"scroll\"><table>\n<tr><th>Tidspunkt</th><th>Handling</th><th>Opfølgning</th><th>Regel</th>"
            "<th>Af</th><th>Til</th><th>Note</th></tr>\n";
    for (auto it = log.rbegin(); it != log.rend(); ++it) {  // newest first
        const auto& e = *it;
        body += "<tr><td class=\"d\">" + html_escape(e.at) + "</td><td>" + html_escape(e.action) +
                "</td><td><a href=\"/flag/" + url_encode(e.flag_id) + "\">" + html_escape(e.flag_id) + "</a></td><td>" +
                html_escape(e.rule) + "</td><td>" + html_escape(e.by) + "</td><td>" + html_escape(e.until) +
                "</td><td>" + html_escape(e.note) + "</td></tr>\n";
    }
    return page("Log", body + "</table></div>\n", ctx);
}

std::string search_csv(const std::vector<tracker::SearchHit>& hits) {
    std::string out = notifier::csv_row({"committee", "date", "item_number", "title", "case_number", "decision",
                                         "classes", "closed", "source", "snippet"});
    for (const auto& h : hits) {
        const auto& r = h.item;
        out += notifier::csv_row({r.committee, r.date, std::to_string(r.number), r.title, r.case_number, r.decision,
                                  r.classes, r.closed ? "1" : "0", r.source, h.snippet});
    }
    return out;
}

std::string search_json(const std::vector<tracker::SearchHit>& hits) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& h : hits) {
        auto j = item_json(h.item);
        j["snippet"] = h.snippet;
        out.push_back(std::move(j));
    }
    return out.dump(2) + "\n";
}

std::string audit_csv(const std::vector<tracker::ManualEntry>& log) {
    std::string out = notifier::csv_row({"at", "action", "flag_id", "rule", "by", "until", "note", "candidate_key"});
    for (const auto& e : log)
        out += notifier::csv_row({e.at, e.action, e.flag_id, e.rule, e.by, e.until, e.note, e.candidate_key});
    return out;
}

std::string audit_json(const std::vector<tracker::ManualEntry>& log) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& e : log)
        out.push_back({{"at", e.at}, {"action", e.action}, {"flag_id", e.flag_id}, {"rule", e.rule}, {"by", e.by},
                       {"until", e.until}, {"note", e.note}, {"candidate_key", e.candidate_key}});
    return out.dump(2) + "\n";
}

}  // namespace opfolg::web
