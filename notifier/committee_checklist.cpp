// The checklist of one stored committee: which committee a name means, its next meeting, and its flags. Shared
// by `opfolg checklist` and the checklist page of `opfolg serve`.
#include "notifier/checklist.hpp"
#include "notifier/utf8.hpp"
#include "text/utf8.hpp"
#include "tracker/committees.hpp"
#include "tracker/store.hpp"

#include <algorithm>
#include <stdexcept>

namespace opfolg::notifier {

Checklist committee_checklist(tracker::Store& store, const std::vector<rules::Flag>& all_flags,
                              const std::string& name, std::optional<date::year_month_day> meeting,
                              date::year_month_day as_of) {
    const std::string committee = tracker::match_stored_committee(store, name);
    std::vector<date::year_month_day> dates;
    for (const auto& m : tracker::list_meetings(store, committee, as_of))
        if (m.committee == committee) dates.push_back(m.date);
    std::sort(dates.begin(), dates.end());
    dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
    std::string basis;
    const bool estimated = !meeting;
    if (!meeting) {
        if (dates.empty())
            throw std::invalid_argument("no meetings of " + committee + " stored; give --for-meeting DATE");
        meeting = estimate_next_meeting(dates, basis, as_of);
    }
    // A flag is the committee's when it carries the canonical name, or when it comes from one of the committee's
    // meetings under a former name (a flag may carry the name the minutes used) that is no other committee's.
    const auto committees = tracker::list_committees(store);
    std::vector<rules::Flag> flags;
    for (const auto& f : all_flags) {
        const bool own_meeting = std::binary_search(dates.begin(), dates.end(), f.meeting_date);
        const bool other_committee =
            f.committee != committee && std::find(committees.begin(), committees.end(), f.committee) != committees.end();
        if (f.committee == committee || (own_meeting && !other_committee)) flags.push_back(f);
    }
    auto list = build_checklist(flags, "", *meeting, as_of);
    list.committee = committee;
    list.estimated = estimated;
    list.estimate_basis = basis;
    return list;
}

}  // namespace opfolg::notifier
