#include "rules/flag.hpp"
#include "grammar/code_names.hpp"

namespace opfolg::rules {

const char* to_string(Severity s) {
    switch (s) {
        case Severity::info: return "info";
        case Severity::low: return "low";
        case Severity::medium: return "medium";
        case Severity::high: return "high";
    }
    return "medium";
}

bool severity_from_string(std::string_view s, Severity& out) {
    for (Severity v : {Severity::info, Severity::low, Severity::medium, Severity::high}) {
        if (s == to_string(v)) {
            out = v;
            return true;
        }
    }
    return false;
}

namespace {
struct StatusName {
    FlagStatus code;
    const char* name;
};
constexpr StatusName status_names[] = {{FlagStatus::overdue, "overdue"}, {FlagStatus::pending, "pending"}};
}  // namespace

const char* to_string(FlagStatus s) { return codes::row_of(status_names, s).name; }

bool flag_status_from_string(std::string_view s, FlagStatus& out) { return codes::from_name(status_names, s, out); }

bool most_overdue_first(const Flag& a, const Flag& b) {
    if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
    if (a.meeting_date != b.meeting_date) return a.meeting_date < b.meeting_date;
    if (a.item_number != b.item_number) return a.item_number < b.item_number;
    return a.id < b.id;
}

const std::vector<std::string>& flag_status_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& n : status_names) v.push_back(n.name);
        return v;
    }();
    return names;
}

}  // namespace opfolg::rules
