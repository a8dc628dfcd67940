// What every renderer gets: the flags to show (already filtered) and the facts of the run.
#pragma once
#include "rules/flag.hpp"
#include "text/iso_date.hpp"

#include <date/date.h>

#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace opfolg::notifier {

struct Report {
    date::year_month_day as_of{};
    std::vector<rules::Flag> flags;  // already filtered; renderers order them, they do not drop any
    date::sys_seconds generated_at{};  // fixed in tests so output is deterministic
    std::string title = "Opfølgninger";
    // Closed items ("Lukket") show only their item number and "lukket" unless this is set (`report
    // --show-closed`, for the operator's own screen). Mail never sets it.
    bool show_closed = false;
};

// Filters the CLI applies before rendering. Unset/empty members do not filter.
struct Filter {
    std::string committee;                       // case-insensitive substring, æøå/ÆØÅ included
    std::string rule;                            // exact rule id
    std::optional<rules::Severity> min_severity; // minimum
    std::string status = "all";                  // overdue | pending | all
    std::optional<date::year_month_day> since;   // meeting date >= since
};

bool passes(const rules::Flag& flag, const Filter& filter);
std::vector<rules::Flag> filter_flags(const std::vector<rules::Flag>& flags, const Filter& filter);
// The same in place, for callers that no longer need the unfiltered list (no copy of 100k flags).
std::vector<rules::Flag> filter_flags(std::vector<rules::Flag>&& flags, const Filter& filter);

// The filter from command-line strings (empty = not given); throws std::invalid_argument naming the option.
Filter make_filter(const std::string& committee, const std::string& rule, const std::string& severity,
                   const std::string& status, const std::string& since);

// Severity names as the rules files write them (info, low, medium, high: rules::to_string); parsing ignores case.
const char* severity_name(rules::Severity s);
bool parse_severity(const std::string& s, rules::Severity& out);
using text::iso;                                      // 2026-11-23 (text/iso_date.hpp: "" when not ok())
using text::iso_timestamp;                            // 2026-11-23T07:00:00Z

// A flag as shown: closed items lose title, case number, decision, message and due source.
rules::Flag shown(const rules::Flag& flag, bool show_closed);
std::vector<rules::Flag> shown_flags(const Report& report);

// The flags as shown, most overdue first: pointers to the report's own flags, and to redacted copies of the
// closed ones. The renderers walk it instead of copying every flag (a national report lists 367k). It points
// into the report, which must outlive it.
class ShownFlags {
public:
    explicit ShownFlags(const Report& report);
    ShownFlags(const ShownFlags&) = delete;
    ShownFlags& operator=(const ShownFlags&) = delete;
    const std::vector<const rules::Flag*>& ordered() const { return order_; }
    bool empty() const { return order_.empty(); }

private:
    std::deque<rules::Flag> redacted_;  // a deque: its elements stay where they are while it grows
    std::vector<const rules::Flag*> order_;
};

// Pointers to the flags as they are (unredacted), most overdue first.
std::vector<const rules::Flag*> most_overdue_order(const std::vector<rules::Flag>& flags);

// Danish words used by every human-readable format.
std::string status_word(rules::FlagStatus status);  // "overskredet" | "afventer"
std::string summary_line(const Report& report);      // "3 åbne opfølgninger: 3 overskredne, 0 afventende pr. …"
std::string summary_line(std::size_t overdue, std::size_t pending, date::year_month_day as_of);  // the same, counted

// Flags grouped by committee: groups ordered by their most overdue flag, flags most overdue first. The groups
// point into what they group, which must outlive them.
struct CommitteeGroup {
    std::string committee;
    std::vector<const rules::Flag*> flags;
};
std::vector<CommitteeGroup> group_by_committee(const ShownFlags& shown);
std::vector<CommitteeGroup> group_by_committee(const std::vector<rules::Flag>& flags);  // as they are, unredacted
void sort_most_overdue_first(std::vector<rules::Flag>& flags);

// Age bands for the HTML chart: 0–30, 31–90, 91–365, >365 days overdue; pending flags get their own band.
enum class AgeBand { pending, d0_30, d31_90, d91_365, over_365 };
AgeBand age_band(const rules::Flag& flag);
const char* age_band_label(AgeBand band);
constexpr int age_band_count = 5;

}  // namespace opfolg::notifier
