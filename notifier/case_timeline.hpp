// The words for a case's timeline (tracker::case_timeline): one line per deadline and per link, shared by
// `opfolg case` and the flag page of `opfolg serve`.
#pragma once
#include "tracker/queries.hpp"

#include <string>

namespace opfolg::notifier {

// "\"i 4. kvartal 2019\" -> 2019-12-31 (promise) line 370"; "next meeting" when the deadline names no date.
std::string describe(const tracker::CaseDeadline& d);
// "treated later by 2022-06-07 Økonomiudvalget Punkt 9 (reason 3, case number + similar title: ...)",
// "reported by 2022-06-07 Punkt 9".
std::string describe(const tracker::CaseLink& l);

}  // namespace opfolg::notifier
