#include "notifier/report.hpp"

#include "notifier/utf8.hpp"
#include "text/iso_date.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace opfolg::notifier {

namespace {
bool passes(const rules::Flag& f, const Filter& filter) {
    if (!filter.committee.empty() && !text::contains_folded(f.committee, filter.committee)) return false;
    if (!filter.rule.empty() && f.rule != filter.rule) return false;
    if (filter.min_severity && static_cast<int>(f.severity) < static_cast<int>(*filter.min_severity)) return false;
    if (filter.status != "all" && !filter.status.empty() && rules::to_string(f.status) != filter.status) return false;
    if (filter.since && f.meeting_date < *filter.since) return false;
    return true;
}
}  // namespace

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
    rules::Flag f = flag;
    f.title = "lukket";
    f.case_number.clear();
    f.decision.clear();
    f.message.clear();
    f.due_source.clear();
    f.why.clear();
    return f;
}

std::vector<rules::Flag> shown_flags(const Report& report) {
    std::vector<rules::Flag> out;
    out.reserve(report.flags.size());
    for_each_shown(report, [&out](const rules::Flag& f) { out.push_back(f); });
    return out;
}

void for_each_shown(const Report& report, const std::function<void(const rules::Flag&)>& visit) {
    std::vector<const rules::Flag*> order;
    order.reserve(report.flags.size());
    for (const auto& f : report.flags) order.push_back(&f);
    auto before = [](const rules::Flag* a, const rules::Flag* b) { return rules::most_overdue_first(*a, *b); };
    if (!std::is_sorted(order.begin(), order.end(), before)) std::stable_sort(order.begin(), order.end(), before);
    for (const rules::Flag* f : order) {
        if (f->closed && !report.show_closed) visit(shown(*f, false));
        else visit(*f);
    }
}

std::string status_word(rules::FlagStatus status) {
    return status == rules::FlagStatus::overdue ? "overskredet" : "afventer";
}

std::string summary_line(const Report& report) {
    std::size_t overdue = 0, pending = 0;
    for (const auto& f : report.flags) (f.status == rules::FlagStatus::overdue ? overdue : pending) += 1;
    std::size_t total = report.flags.size();
    std::string s = std::to_string(total) + (total == 1 ? " åben opfølgning: " : " åbne opfølgninger: ");
    s += std::to_string(overdue) + (overdue == 1 ? " overskreden, " : " overskredne, ");
    s += std::to_string(pending) + " afventende pr. " + iso(report.as_of);
    return s;
}

void sort_most_overdue_first(std::vector<rules::Flag>& flags) {
    // Flags from the evaluator and the kept open flags come sorted: one pass instead of moving 100k flags around.
    if (std::is_sorted(flags.begin(), flags.end(), rules::most_overdue_first)) return;
    std::stable_sort(flags.begin(), flags.end(), rules::most_overdue_first);
}

std::vector<CommitteeGroup> group_by_committee(std::vector<rules::Flag> flags) {
    sort_most_overdue_first(flags);
    std::vector<CommitteeGroup> groups;
    std::map<std::string, std::size_t> index;
    // Flags arrive most overdue first, so groups appear in order of their most overdue flag.
    for (auto& f : flags) {
        auto it = index.find(f.committee);
        if (it == index.end()) {
            it = index.emplace(f.committee, groups.size()).first;
            groups.push_back({f.committee, {}});
        }
        groups[it->second].flags.push_back(std::move(f));
    }
    return groups;
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
