#include "notifier/report.hpp"

#include "notifier/utf8.hpp"
#include "text/iso_date.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace opfolg::notifier {

bool passes(const rules::Flag& f, const Filter& filter) {
    if (!filter.committee.empty() && !text::contains_folded(f.committee, filter.committee)) return false;
    if (!filter.rule.empty() && f.rule != filter.rule) return false;
    if (filter.min_severity && static_cast<int>(f.severity) < static_cast<int>(*filter.min_severity)) return false;
    if (filter.status != "all" && !filter.status.empty() && rules::to_string(f.status) != filter.status) return false;
    if (filter.since && f.meeting_date < *filter.since) return false;
    return true;
}

std::vector<rules::Flag> filter_flags(const std::vector<rules::Flag>& flags, const Filter& filter) {
    std::vector<rules::Flag> out;
    for (const auto& f : flags)
        if (passes(f, filter)) out.push_back(f);
    return out;
}

std::vector<rules::Flag> filter_flags(std::vector<rules::Flag>&& flags, const Filter& filter) {
    flags.erase(std::remove_if(flags.begin(), flags.end(), [&](const rules::Flag& f) { return !passes(f, filter); }),
                flags.end());
    return std::move(flags);
}

Filter make_filter(const std::string& committee, const std::string& rule, const std::string& severity,
                   const std::string& status, const std::string& since) {
    Filter f;
    f.committee = committee;
    f.rule = rule;
    if (!severity.empty()) {
        rules::Severity s;
        if (!parse_severity(severity, s))
            throw std::invalid_argument("--severity: \"" + severity + "\" is not info, low, medium or high");
        f.min_severity = s;
    }
    if (!status.empty()) {
        rules::FlagStatus known;
        if (status != "all" && !rules::flag_status_from_string(status, known))
            throw std::invalid_argument("--status: \"" + status + "\" is not overdue, pending or all");
        f.status = status;
    }
    if (!since.empty()) {
        date::year_month_day d;
        if (!text::parse_iso(since, d)) throw std::invalid_argument("--since: \"" + since + "\" is not a date (YYYY-MM-DD)");
        f.since = d;
    }
    return f;
}

// The one name table is the Severity type's own (rules/flag.cpp, no evaluator code); users may type any case.
const char* severity_name(rules::Severity s) { return rules::to_string(s); }

bool parse_severity(const std::string& s, rules::Severity& out) {
    return rules::severity_from_string(text::utf8_lower(s), out);
}

rules::Flag shown(const rules::Flag& flag, bool show_closed) {
    if (!flag.closed || show_closed) return flag;
    // Field by field: what is withheld is never copied.
    rules::Flag f;
    f.id = flag.id;
    f.rule = flag.rule;
    f.rule_title = flag.rule_title;
    f.severity = flag.severity;
    f.status = flag.status;
    f.committee = flag.committee;
    f.meeting_date = flag.meeting_date;
    f.item_number = flag.item_number;
    f.title = "lukket";
    f.closed = true;
    f.due = flag.due;
    f.days_overdue = flag.days_overdue;
    f.source = flag.source;
    f.candidate_key = flag.candidate_key;
    return f;
}

std::vector<rules::Flag> shown_flags(const Report& report) {
    std::vector<rules::Flag> out;
    out.reserve(report.flags.size());
    const ShownFlags shown_list(report);  // named: a temporary's ordered() would dangle in the loop
    for (const rules::Flag* f : shown_list.ordered()) out.push_back(*f);
    return out;
}

namespace {
bool before(const rules::Flag* a, const rules::Flag* b) { return rules::most_overdue_first(*a, *b); }

// Pointers to flags, most overdue first (the evaluator and the kept open flags already deliver that order).
void order_most_overdue_first(std::vector<const rules::Flag*>& order) {
    if (!std::is_sorted(order.begin(), order.end(), before)) std::stable_sort(order.begin(), order.end(), before);
}

std::vector<CommitteeGroup> group_ordered(const std::vector<const rules::Flag*>& ordered) {
    std::vector<CommitteeGroup> groups;
    std::map<std::string, std::size_t, std::less<>> index;
    // Flags arrive most overdue first, so groups appear in order of their most overdue flag.
    for (const rules::Flag* f : ordered) {
        auto it = index.find(f->committee);
        if (it == index.end()) {
            it = index.emplace(f->committee, groups.size()).first;
            groups.push_back({f->committee, {}});
        }
        groups[it->second].flags.push_back(f);
    }
    return groups;
}
}  // namespace

ShownFlags::ShownFlags(const Report& report) : order_(most_overdue_order(report.flags)) {
    if (report.show_closed) return;
    for (const rules::Flag*& f : order_)
        if (f->closed) f = &redacted_.emplace_back(shown(*f, false));
}

std::string status_word(rules::FlagStatus status) {
    return status == rules::FlagStatus::overdue ? "overskredet" : "afventer";
}

std::string summary_line(const Report& report) {
    std::size_t overdue = 0, pending = 0;
    for (const auto& f : report.flags) (f.status == rules::FlagStatus::overdue ? overdue : pending) += 1;
    return summary_line(overdue, pending, report.as_of);
}

std::string summary_line(std::size_t overdue, std::size_t pending, date::year_month_day as_of) {
    const std::size_t total = overdue + pending;
    std::string s = std::to_string(total) + (total == 1 ? " åben opfølgning: " : " åbne opfølgninger: ");
    s += std::to_string(overdue) + (overdue == 1 ? " overskreden, " : " overskredne, ");
    s += std::to_string(pending) + " afventende pr. " + iso(as_of);
    return s;
}

void sort_most_overdue_first(std::vector<rules::Flag>& flags) {
    // Flags from the evaluator and the kept open flags come sorted: one pass instead of moving 100k flags around.
    if (std::is_sorted(flags.begin(), flags.end(), rules::most_overdue_first)) return;
    std::stable_sort(flags.begin(), flags.end(), rules::most_overdue_first);
}

std::vector<CommitteeGroup> group_by_committee(const ShownFlags& shown) { return group_ordered(shown.ordered()); }

std::vector<const rules::Flag*> most_overdue_order(const std::vector<rules::Flag>& flags) {
    std::vector<const rules::Flag*> order;
    order.reserve(flags.size());
    for (const auto& f : flags) order.push_back(&f);
    order_most_overdue_first(order);
    return order;
}

std::vector<CommitteeGroup> group_by_committee(const std::vector<rules::Flag>& flags) {
    return group_ordered(most_overdue_order(flags));
}

AgeBand age_band(const rules::Flag& flag) {
    if (flag.status != rules::FlagStatus::overdue) return AgeBand::pending;
    if (flag.days_overdue <= 30) return AgeBand::d0_30;
    if (flag.days_overdue <= 90) return AgeBand::d31_90;
    if (flag.days_overdue <= 365) return AgeBand::d91_365;
    return AgeBand::over_365;
}

const char* age_band_label(AgeBand band) {
    switch (band) {
        case AgeBand::pending: return "afventer";
        case AgeBand::d0_30: return "0–30 dage";
        case AgeBand::d31_90: return "31–90 dage";
        case AgeBand::d91_365: return "91–365 dage";
        case AgeBand::over_365: return ">365 dage";
    }
    return "";
}

}  // namespace opfolg::notifier
