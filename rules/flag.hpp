// A flag: one rule firing on one candidate, with everything a report, checklist or mail needs.
#pragma once
#include <date/date.h>

#include <string>
#include <string_view>
#include <vector>

namespace opfolg::rules {

enum class Severity { info, low, medium, high };
const char* to_string(Severity s);
bool severity_from_string(std::string_view s, Severity& out);

// overdue when the due date is before as-of, else pending (rules/evaluate.hpp).
enum class FlagStatus { overdue, pending };
const char* to_string(FlagStatus s);  // "overdue" | "pending", as the JSON/CSV outputs and rule examples say it
bool flag_status_from_string(std::string_view s, FlagStatus& out);
const std::vector<std::string>& flag_status_names();  // in order, for messages and suggestions

// A new field: say in notifier::shown (notifier/report.cpp) whether a closed item shows it.
struct Flag {
    std::string id;            // stable: hash of rule id + candidate key; survives re-ingests
    std::string rule;          // rule id, e.g. "postponed-not-resumed"
    std::string rule_title;    // Danish title shown to users
    Severity severity = Severity::medium;
    FlagStatus status = FlagStatus::pending;
    std::string committee;
    date::year_month_day meeting_date{};
    int item_number = 0;
    std::string title;
    std::string case_number;
    std::string decision;
    bool closed = false;
    date::year_month_day due{};
    std::string due_source;    // how the due date was found, e.g. "decision: i august 2022 (line 469)"
    long days_overdue = 0;     // as_of - due in days; negative when pending
    std::string source;        // "file:line"
    std::string candidate_key; // tracker::Candidate::key the flag fired on (manual decisions attach to it)
    std::string message;       // the rule's message template, filled in
    std::vector<std::string> why;  // the conditions that held, in order, for `explain`
};

// "Most overdue first", the order of every flag list: days overdue descending, then meeting date, item number
// and id (unique per flag, so the order is total and the same on every run).
bool most_overdue_first(const Flag& a, const Flag& b);

}  // namespace opfolg::rules
