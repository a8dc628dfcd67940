// The clerk's checklist: what must be on (or brought to) a committee's next meeting.
#pragma once
#include "notifier/report.hpp"
#include "tracker/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace opfolg::notifier {

struct ChecklistEntry {
    rules::Flag flag;  // already redacted when closed
};

struct Checklist {
    std::string committee;              // as the user typed it, or the store's canonical name
    date::year_month_day meeting{};     // the meeting the list is for
    bool estimated = false;             // meeting date is an estimate, not given by --for-meeting
    std::string estimate_basis;         // how it was estimated, shown in the output
    date::year_month_day as_of{};
    std::vector<ChecklistEntry> postponed;  // udsat til mødet: postponements falling due by the meeting
    std::vector<ChecklistEntry> promised;   // lovede nye sager / statusser med frist senest mødet
    std::vector<ChecklistEntry> overdue;    // allerede overskredet (due before as_of)
    bool empty() const { return postponed.empty() && promised.empty() && overdue.empty(); }
};

// Next meeting after the last stored one: last + median gap between stored meetings, or last + 30 days when
// fewer than two are stored. `basis` gets a Danish sentence saying so. Dates must be sorted ascending (asserted).
// When `not_before` is given and the estimate falls before it (the store has no recent minutes), the estimate
// is stepped on by the same gap until it does not, and `basis` says so.
date::year_month_day estimate_next_meeting(const std::vector<date::year_month_day>& meetings, std::string& basis,
                                           std::optional<date::year_month_day> not_before = std::nullopt);

// Sorts the committee's flags (case-insensitive substring match) into the three lists. A flag belongs on the
// list when it falls due on or before the meeting. Overdue = due before as_of; among the rest, postponements
// (rule id mentions "postpon" or the decision says udsat/udsættes) are told apart from promised cases/statuses.
Checklist build_checklist(const std::vector<rules::Flag>& flags, const std::string& committee,
                          date::year_month_day meeting, date::year_month_day as_of);

// The format a checklist is rendered in: `asked` when given; else by the output file's extension (.md,
// .markdown, .html, .htm, .txt); else plain text on a terminal (no Markdown escapes to read around) and
// Markdown to a pipe or any other file, as before.
std::string checklist_format(const std::string& asked, const std::string& output, bool stdout_terminal);
// The checklist of that committee for `meeting`, or for its estimated next meeting when not given (throws
// std::invalid_argument when no meeting of it is stored). `flags` are all open flags as of `as_of`.
Checklist committee_checklist(tracker::Store& store, const std::vector<rules::Flag>& flags, const std::string& name,
                              std::optional<date::year_month_day> meeting, date::year_month_day as_of);

std::string render_checklist_markdown(const Checklist& list);
std::string render_checklist_text(const Checklist& list);
std::string render_checklist_html(const Checklist& list);
// The document's body content (headings and lists, no <html>/<style>): the web page wraps it in its own frame.
std::string render_checklist_html_body(const Checklist& list);

}  // namespace opfolg::notifier
