// The deadlines of an item's text: every time phrase, and which of them promise future work to this committee.
// The model builder (stored deadlines, so `opfolg report`) and the rule examples (`opfolg rules test`) both
// call find_deadlines, so a rule cannot pass its examples and judge the real minutes differently.
#pragma once
#include "grammar/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace opfolg {

// The time phrases of `text` (one line of the item, or an example's text), resolved against the meeting date.
// A phrase is a promise only outside the decision, when it is future (not past, not "til næste møde", starting
// after the meeting), its sentence is addressed to `committee` and carries a promise verb (promise.hpp).
std::vector<Deadline> find_deadlines(std::string_view text, int line, bool in_decision,
                                     date::year_month_day meeting_date, const std::string& committee);

}  // namespace opfolg
