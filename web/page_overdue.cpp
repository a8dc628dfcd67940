// The overdue list: filters, sorting, the report's age chart, one row per flag linking to its page, and the
// same list as CSV, JSON and ICS from the same URL.
#include "notifier/render.hpp"
#include "web/pages.hpp"

#include <algorithm>

namespace opfolg::web {

using notifier::html_escape;

std::string ListQuery::query_string(const std::string& format, const std::string& sort_override) const {
    std::string q;
    auto add = [&](const char* key, const std::string& value) {
        if (value.empty()) return;
        q += (q.empty() ? "?" : "&") + std::string(key) + "=" + url_encode(value);
    };
    add("committee", committee);
    add("rule", rule);
    add("status", status);
    add("severity", severity);
    add("as_of", as_of);
    add("sort", sort_override.empty() ? sort : sort_override);
    add("format", format);
    return q;
}

void sort_flags(std::vector<rules::Flag>& flags, const std::string& sort) {
    notifier::sort_most_overdue_first(flags);  // the tie-break order for every other key
    auto by = [&](auto key) {
        std::stable_sort(flags.begin(), flags.end(), [&](const auto& a, const auto& b) { return key(a) < key(b); });
    };
    if (sort == "due") by([](const rules::Flag& f) { return date::sys_days{f.due}; });
    else if (sort == "meeting") by([](const rules::Flag& f) { return date::sys_days{f.meeting_date}; });
    else if (sort == "committee") by([](const rules::Flag& f) { return f.committee; });
    else if (sort == "severity") by([](const rules::Flag& f) { return -static_cast<int>(f.severity); });
}

namespace {
std::string select(const char* name, const char* label, const std::string& chosen,
                   const std::vector<std::pair<std::string, std::string>>& options) {
    std::string out = "<label>" + std::string(label) + " <select name=\"" + name + "\">";
    for (const auto& [value, text] : options)
        out += "<option value=\"" + html_escape(value) + "\"" + (value == chosen ? " selected" : "") + ">" +
               html_escape(text) + "</option>";
    return out + "</select></label>\n";
}

std::string filter_form(const ListQuery& q, const std::vector<std::string>& committees,
                        const std::vector<std::string>& rule_ids) {
    std::vector<std::pair<std::string, std::string>> cs{{"", "alle"}}, rs{{"", "alle"}};
    for (const auto& c : committees) cs.emplace_back(c, c);
    for (const auto& r : rule_ids) rs.emplace_back(r, r);
    std::string out = "<form class=\"filters\" method=\"get\" action=\"/\">\n";
    out += select("committee", "Udvalg", q.committee, cs);
    out += select("rule", "Regel", q.rule, rs);
    out += select("status", "Status", q.status, {{"", "alle"}, {"overdue", "overskredet"}, {"pending", "afventer"}});
    out += select("severity", "Mindst alvor", q.severity,
                  {{"", "alle"}, {"low", "low"}, {"medium", "medium"}, {"high", "high"}});
    out += select("sort", "Sortering", q.sort,
                  {{"", "mest overskredet"}, {"due", "frist"}, {"meeting", "mødedato"}, {"committee", "udvalg"},
                   {"severity", "alvor"}});
    out += "<label>Pr. dato <input type=\"date\" name=\"as_of\" value=\"" + html_escape(q.as_of) + "\"></label>\n";
    out += "<button type=\"submit\">Vis</button>\n</form>\n";
    return out;
}
}  // namespace

std::string overdue_page(const notifier::Report& report, const ListQuery& q, const std::vector<std::string>& committees,
                         const std::vector<std::string>& rule_ids, const PageContext& ctx) {
    std::string body = "<h1>Opfølgninger</h1>\n" + filter_form(q, committees, rule_ids);
    body += "<p>" + html_escape(notifier::summary_line(report)) + "</p>\n<p class=\"downloads\">Hent listen: ";
    for (const auto& [format, text] : {std::pair{"csv", "CSV"}, {"json", "JSON"}, {"ics", "ICS (kalender)"}})
        body += "<a href=\"/" + html_escape(q.query_string(format)) + "\">" + text + "</a>";
    body += "</p>\n";
    auto flags = notifier::shown_flags(report);
    if (flags.empty()) return page("Opfølgninger", body + "<p>Ingen åbne opfølgninger.</p>\n", ctx);
    body += "<figure>\n" + notifier::render_age_chart_svg(report) + "</figure>\n";
    sort_flags(flags, q.sort);
    auto th = [&](const char* text, const char* sort) {
        return "<th><a href=\"/" + html_escape(q.query_string("", sort)) + "\">" + text + "</a></th>";
    };
    body += "<div class=\"scroll\"><table>\n<tr>" + th("Status", "overdue") + "<th>Dage</th>" + th("Frist", "due") +
            th("Udvalg", "committee") + th("Møde", "meeting") + "<th>Pkt.</th><th>Titel</th><th>Sag</th>" +
            th("Regel", "severity") + "</tr>\n";
    const std::string as_of = ctx.as_of.empty() ? "" : "?as_of=" + url_encode(ctx.as_of);
    for (const auto& f : flags) {
        body += "<tr><td class=\"" + std::string(rules::to_string(f.status)) + "\">" +
                html_escape(notifier::status_word(f.status)) + "</td><td class=\"num\">" +
                std::to_string(f.days_overdue) + "</td><td class=\"d\">" + notifier::iso(f.due) + "</td><td>" +
                html_escape(f.committee) + "</td><td class=\"d\">" + notifier::iso(f.meeting_date) +
                "</td><td class=\"num\">" + std::to_string(f.item_number) + "</td><td><a href=\"/flag/" +
                url_encode(f.id) + as_of + "\">" + html_escape(f.title) + "</a></td><td>" +
                html_escape(f.case_number) + "</td><td>" + html_escape(f.rule) + " (" +
                notifier::severity_name(f.severity) + ")</td></tr>\n";
    }
    body += "</table></div>\n";
    return page("Opfølgninger", body, ctx);
}

}  // namespace opfolg::web
