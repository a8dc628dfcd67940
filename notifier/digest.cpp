#include "notifier/digest.hpp"

#include "notifier/render.hpp"
#include "text/one_line.hpp"

namespace opfolg::notifier {

namespace {
// Mail is never the operator's own screen: closed items are always redacted.
Report mail_report(const Report& report) {
    Report r = report;
    r.show_closed = false;
    return r;
}

using text::one_line;  // values of the minutes as one line: no CR/LF, no terminal escapes

std::string item_label(const rules::Flag& f) {
    return iso(f.meeting_date) + " pkt. " + std::to_string(f.item_number);
}

std::string days_label(const rules::Flag& f) {
    if (f.status == rules::FlagStatus::overdue) return std::to_string(f.days_overdue) + " dage over frist " + iso(f.due);
    return "frist " + iso(f.due);
}
}  // namespace

std::string render_digest_text(const Report& report) {
    const Report r = mail_report(report);
    std::string out = summary_line(r) + "\n";
    const ShownFlags shown_list(r);
    for (const auto& g : group_by_committee(shown_list)) {
        out += "\n" + one_line(g.committee) + "\n";
        for (const rules::Flag* p : g.flags) {
            const rules::Flag& f = *p;
            if (f.closed) {
                out += "- pkt. " + std::to_string(f.item_number) + ": lukket\n";
                continue;
            }
            out += "- " + item_label(f) + ": " + one_line(f.title) + " (" + status_word(f.status) + ", " +
                   days_label(f) + ")\n";
            if (!f.case_number.empty()) out += "  Sag: " + one_line(f.case_number) + "\n";
            if (!f.decision.empty()) out += "  Beslutning: " + one_line(f.decision) + "\n";
            out += "  Regel: " + one_line(f.rule) + ", id " + one_line(f.id) + "\n";
        }
    }
    out += "\n-- \nopfolg, dannet " + iso_timestamp(r.generated_at) + "\n";
    return out;
}

std::string render_digest_html(const Report& report) {
    const Report r = mail_report(report);
    std::string out = "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
                      html_escape(r.title) + "</title>\n</head>\n<body style=\"font-family:sans-serif\">\n<p>" +
                      html_escape(summary_line(r)) + "</p>\n";
    const ShownFlags shown_list(r);
    for (const auto& g : group_by_committee(shown_list)) {
        out += "<h3>" + html_escape(g.committee) + "</h3>\n<ul>\n";
        for (const rules::Flag* p : g.flags) {
            const rules::Flag& f = *p;
            if (f.closed) {
                out += "<li>pkt. " + std::to_string(f.item_number) + ": lukket</li>\n";
                continue;
            }
            out += "<li><strong>" + html_escape(item_label(f) + ": " + f.title) + "</strong> (" +
                   html_escape(status_word(f.status) + ", " + days_label(f)) + ")";
            if (!f.case_number.empty()) out += "<br>Sag: " + html_escape(f.case_number);
            if (!f.decision.empty()) out += "<br>Beslutning: " + html_escape(f.decision);
            out += "<br><small>Regel: " + html_escape(f.rule) + ", id " + html_escape(f.id) + "</small></li>\n";
        }
        out += "</ul>\n";
    }
    out += "<p><small>opfolg, dannet " + iso_timestamp(r.generated_at) + "</small></p>\n</body>\n</html>\n";
    return out;
}

std::string digest_subject(const Report& report, const std::string& prefix) {
    std::size_t overdue = 0;
    for (const auto& f : report.flags) overdue += f.status == rules::FlagStatus::overdue;
    std::size_t n = report.flags.size();
    std::string s = prefix.empty() ? "opfolg: " : prefix + " ";
    s += std::to_string(n) + (n == 1 ? " åben opfølgning" : " åbne opfølgninger") + " (" + std::to_string(overdue) +
         (overdue == 1 ? " overskreden" : " overskredne") + ") pr. " + iso(report.as_of);
    return s;
}

mime::Message digest_message(const Report& report, const mime::Mailbox& from, const std::vector<mime::Mailbox>& to,
                             const std::string& subject_prefix) {
    mime::Message m;
    m.from = from;
    m.to = to;
    m.subject = digest_subject(report, subject_prefix);
    m.date = report.generated_at;
    m.text = render_digest_text(report);
    m.html = render_digest_html(report);
    return m;
}

}  // namespace opfolg::notifier
