// The pages of `opfolg serve`: pure functions from what the store said to one HTML document. Every value from
// the store is escaped (minutes text is hostile input); pages carry no scripts and no inline styles, so the
// server's Content-Security-Policy can forbid both.
#pragma once
#include "notifier/checklist.hpp"
#include "notifier/report.hpp"
#include "candidate/candidate.hpp"
#include "tracker/queries.hpp"

#include <string>
#include <vector>

namespace opfolg::web {

// Who looks at the page, and what the server allows them.
struct Viewer {
    std::string user;           // logged-in user; empty = anonymous
    bool auth = false;          // the server runs with --auth
    bool read_only = false;     // --read-only: no forms at all
    std::string csrf_token;     // carried by every form
    bool logged_in() const { return !user.empty(); }
    bool can_act() const { return !read_only && (!auth || logged_in()); }
};

struct PageContext {
    Viewer viewer;
    std::string last_ingest;    // newest documents.ingested_at, empty when the store holds none
    std::string as_of;          // the as-of date the user asked for (YYYY-MM-DD), empty = today
};

// Shared frame: navigation, who is logged in, "data as of the last ingest at ...", then `body`.
std::string page(const std::string& title, const std::string& body, const PageContext& ctx);
std::string message_page(const std::string& title, const std::string& text, const PageContext& ctx);
// Served at /style.css (the pages link it: no inline styles). Includes the print rules of the checklist.
const char* stylesheet();

std::string url_encode(const std::string& s);

// The overdue list's URL parameters, as given (empty = not given).
struct ListQuery {
    std::string committee, rule, status, severity, as_of, sort;
    std::string query_string(const std::string& format = "", const std::string& sort_override = "") const;
};
// Orders flags for the list: "" / "overdue" (most overdue first), "due", "meeting", "committee", "severity".
void sort_flags(std::vector<rules::Flag>& flags, const std::string& sort);
// `report.flags` are filtered already; `committees` and `rule_ids` fill the filter form.
std::string overdue_page(const notifier::Report& report, const ListQuery& query,
                         const std::vector<std::string>& committees, const std::vector<std::string>& rule_ids,
                         const PageContext& ctx);

// Everything a flag's page shows. `open` is false when the flag is resolved or snoozed as of the day shown.
struct FlagView {
    rules::Flag flag;
    bool open = true;
    std::string explain;                         // rules::explain
    std::vector<tracker::Treatment> rejected;    // look-alikes the linker turned down
    std::vector<tracker::CaseEvent> timeline;    // the case across committees
    std::vector<tracker::ManualEntry> audit;     // this flag's manual decisions, oldest first
};
std::string flag_page(const FlagView& view, const PageContext& ctx);

// Closed items keep only date, committee and item number unless `show_closed` (logged-in users).
std::vector<tracker::SearchHit> visible_hits(std::vector<tracker::SearchHit> hits, bool show_closed);
std::string search_page(const std::string& text, const std::vector<tracker::SearchHit>& hits, const PageContext& ctx);
// `list` is null when no committee was chosen (or `error` says why it could not be built).
std::string checklist_page(const notifier::Checklist* list, const std::string& committee, const std::string& error,
                           const std::vector<std::string>& committees, const PageContext& ctx);
std::string audit_page(const std::vector<tracker::ManualEntry>& log, const PageContext& ctx);

// Downloads of the lists that are not flag lists (flag lists use the report renderers).
std::string search_csv(const std::vector<tracker::SearchHit>& hits);
std::string search_json(const std::vector<tracker::SearchHit>& hits);
std::string audit_csv(const std::vector<tracker::ManualEntry>& log);
std::string audit_json(const std::vector<tracker::ManualEntry>& log);

}  // namespace opfolg::web
