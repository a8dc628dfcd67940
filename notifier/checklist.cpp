#include "notifier/checklist.hpp"

#include "notifier/render.hpp"
#include "notifier/utf8.hpp"
#include "text/one_line.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cassert>
#include <cctype>

namespace opfolg::notifier {

date::year_month_day estimate_next_meeting(const std::vector<date::year_month_day>& meetings, std::string& basis,
                                           std::optional<date::year_month_day> not_before) {
    assert(std::is_sorted(meetings.begin(), meetings.end()));  // the median gap needs them in order
    if (meetings.empty()) {
        basis = "ingen møder i databasen";
        return {};
    }
    const date::sys_days last{meetings.back()};
    auto step_on = [&](date::sys_days estimate, long gap) {
        if (!not_before || estimate >= date::sys_days{*not_before}) return date::year_month_day{estimate};
        assert(gap > 0);  // else the loop below never ends
        while (estimate < date::sys_days{*not_before}) estimate += date::days{gap};
        basis += ", fremskrevet til efter " + iso(*not_before) + " da der ikke er nyere møder";
        return date::year_month_day{estimate};
    };
    if (meetings.size() < 2) {
        basis = "skønnet: sidste møde " + iso(meetings.back()) + " + 30 dage (færre end to møder kendt)";
        return step_on(last + date::days{30}, 30);
    }
    std::vector<long> gaps;
    for (std::size_t i = 1; i < meetings.size(); ++i)
        gaps.push_back((date::sys_days{meetings[i]} - date::sys_days{meetings[i - 1]}).count());
    std::sort(gaps.begin(), gaps.end());
    long median = gaps.size() % 2 ? gaps[gaps.size() / 2] : (gaps[gaps.size() / 2 - 1] + gaps[gaps.size() / 2]) / 2;
    if (median <= 0) median = 30;  // several meetings on one day would otherwise "estimate" the same day
    basis = "skønnet: sidste møde " + iso(meetings.back()) + " + median-afstand " + std::to_string(median) +
            " dage mellem " + std::to_string(meetings.size()) + " møder";
    return step_on(last + date::days{median}, median);
}

namespace {
bool is_postponement(const rules::Flag& f) {
    if (f.rule.find("postpon") != std::string::npos || f.rule.find("udsat") != std::string::npos) return true;
    const std::string d = text::utf8_lower(f.decision);
    return d.find("udsat") != std::string::npos || d.find("udsæt") != std::string::npos;
}
}  // namespace

Checklist build_checklist(const std::vector<rules::Flag>& flags, const std::string& committee,
                          date::year_month_day meeting, date::year_month_day as_of) {
    Checklist list;
    list.committee = committee;
    list.meeting = meeting;
    list.as_of = as_of;
    std::vector<rules::Flag> sorted = flags;
    sort_most_overdue_first(sorted);
    for (const auto& raw : sorted) {
        if (!committee.empty() && !text::contains_folded(raw.committee, committee)) continue;
        if (!raw.due.ok() || raw.due > meeting) continue;
        rules::Flag f = shown(raw, false);  // a checklist is printed and carried to the meeting: redact
        if (raw.due < as_of || raw.status == rules::FlagStatus::overdue) list.overdue.push_back({f});
        else if (is_postponement(raw)) list.postponed.push_back({f});
        else list.promised.push_back({f});
    }
    return list;
}

namespace {
struct Section {
    const char* heading;
    const std::vector<ChecklistEntry>* entries;
};
std::vector<Section> sections(const Checklist& l) {
    return {{"Udsat til dette møde", &l.postponed},
            {"Lovede nye sager og statusser med frist senest mødet", &l.promised},
            {"Allerede overskredet", &l.overdue}};
}

using text::one_line;  // values of the minutes as one line: no CR/LF, no terminal escapes

std::string meeting_line(const Checklist& l) {
    std::string s = "Møde " + iso(l.meeting);
    if (l.estimated) s += " (" + l.estimate_basis + ")";
    return s;
}

std::string origin(const rules::Flag& f) {
    return "møde " + iso(f.meeting_date) + " pkt. " + std::to_string(f.item_number);
}
}  // namespace

std::string render_checklist_markdown(const Checklist& l) {
    std::string out = "# Tjekliste: " + markdown_escape(l.committee) + "\n\n" + markdown_escape(meeting_line(l)) +
                      "\n\nPr. " + iso(l.as_of) + "\n";
    if (l.empty()) out += "\nIntet at medbringe.\n";
    for (const auto& s : sections(l)) {
        if (s.entries->empty()) continue;
        out += "\n## " + std::string(s.heading) + "\n\n";
        for (const auto& e : *s.entries) {
            const auto& f = e.flag;
            out += "- [ ] **" + markdown_escape(f.title) + "** (" + origin(f) + ")";
            if (!f.case_number.empty()) out += ", sag " + markdown_escape(f.case_number);
            out += ", frist " + iso(f.due);
            if (f.days_overdue > 0) out += ", " + std::to_string(f.days_overdue) + " dage over";
            out += "\n";
            if (!f.decision.empty()) out += "  - Beslutning: " + markdown_escape(f.decision) + "\n";
            out += "  - Regel " + markdown_escape(f.rule) + ", id " + markdown_escape(f.id) + ", kilde " +
                   markdown_escape(f.source) + "\n";
        }
    }
    return out;
}

std::string render_checklist_text(const Checklist& l) {
    std::string out = "Tjekliste: " + one_line(l.committee) + "\n" + one_line(meeting_line(l)) + "\nPr. " +
                      iso(l.as_of) + "\n";
    if (l.empty()) out += "\nIntet at medbringe.\n";
    for (const auto& s : sections(l)) {
        if (s.entries->empty()) continue;
        out += "\n" + std::string(s.heading) + "\n";
        for (const auto& e : *s.entries) {
            const auto& f = e.flag;
            out += "  ☐ " + one_line(f.title) + " (" + origin(f) + ")";
            if (!f.case_number.empty()) out += ", sag " + one_line(f.case_number);
            out += ", frist " + iso(f.due);
            if (f.days_overdue > 0) out += ", " + std::to_string(f.days_overdue) + " dage over";
            out += "\n";
            if (!f.decision.empty()) out += "      Beslutning: " + one_line(f.decision) + "\n";
            out += "      Regel " + one_line(f.rule) + ", id " + one_line(f.id) + ", kilde " + one_line(f.source) + "\n";
        }
    }
    return out;
}

std::string render_checklist_html_body(const Checklist& l) {
    std::string out = "<h1>Tjekliste: " + html_escape(l.committee) + "</h1>\n<p>" + html_escape(meeting_line(l)) +
                      "</p>\n<p class=\"meta\">Pr. " + iso(l.as_of) + "</p>\n";
    if (l.empty()) out += "<p>Intet at medbringe.</p>\n";
    for (const auto& s : sections(l)) {
        if (s.entries->empty()) continue;
        out += "<h2>" + std::string(s.heading) + "</h2>\n<ul>\n";
        for (const auto& e : *s.entries) {
            const auto& f = e.flag;
            out += "<li><label><input type=\"checkbox\" disabled> <strong>" + html_escape(f.title) + "</strong> (" +
                   html_escape(origin(f)) + ")";
            if (!f.case_number.empty()) out += ", sag " + html_escape(f.case_number);
            out += ", frist " + iso(f.due);
            if (f.days_overdue > 0) out += ", " + std::to_string(f.days_overdue) + " dage over";
            out += "</label>";
            if (!f.decision.empty()) out += "<br>Beslutning: " + html_escape(f.decision);
            out += "<br><span class=\"meta\">Regel " + html_escape(f.rule) + ", id " + html_escape(f.id) +
                   ", kilde " + html_escape(f.source) + "</span></li>\n";
        }
        out += "</ul>\n";
    }
    return out;
}

std::string render_checklist_html(const Checklist& l) {
    return "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>Tjekliste: " +
           html_escape(l.committee) +
           "</title>\n<style>\nbody{font-family:system-ui,sans-serif;margin:2em;color:#1f2933}\n"
           "li{margin:.5em 0;list-style:none}.meta{color:#616e7c;font-size:12px}\n</style>\n</head>\n"
           "<body>\n" + render_checklist_html_body(l) + "</body>\n</html>\n";
}

std::string checklist_format(const std::string& asked, const std::string& output, bool stdout_terminal) {
    if (!asked.empty()) return asked;
    auto ends_with = [&](const char* ext) {
        const std::string e = ext;
        if (output.size() < e.size()) return false;
        std::string tail = output.substr(output.size() - e.size());
        for (auto& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return tail == e;
    };
    if (ends_with(".md") || ends_with(".markdown")) return "markdown";
    if (ends_with(".html") || ends_with(".htm")) return "html";
    if (ends_with(".txt")) return "text";
    return output.empty() && stdout_terminal ? "text" : "markdown";
}

}  // namespace opfolg::notifier
