#include "notifier/case_timeline.hpp"

namespace opfolg::notifier {

std::string describe(const tracker::CaseDeadline& d) {
    std::string s = "\"" + d.phrase + "\" -> " + d.last.value_or("next meeting");
    if (d.promise) s += " (promise)";
    if (d.in_decision) s += " (in decision)";
    if (d.past) s += " (past)";
    return s + " line " + std::to_string(d.line);
}

std::string describe(const tracker::CaseLink& l) {
    using D = tracker::CaseLink::Direction;
    if (l.direction == D::reported_by) return "reported by " + l.date + " Punkt " + std::to_string(l.item_number);
    return std::string(l.direction == D::treats_earlier ? "treats earlier" : "treated later by") + " " + l.date + " " +
           l.committee + " Punkt " + std::to_string(l.item_number) + " (reason " +
           std::to_string(tracker::number(l.reason)) + ", " + tracker::describe(l.reason) + ": " + l.evidence + ")";
}

}  // namespace opfolg::notifier
