// Why the linker says a later item treats an earlier one (tracker/linker.hpp has the rules). Stored in
// links.reason by name (schema 7); the number is what `opfolg case` prints ("reason 3").
#pragma once
#include <string>
#include <string_view>

namespace opfolg::tracker {

enum class LinkReason {
    none = 0,         // not linked: a look-alike the linker considered and rejected
    reference = 1,    // Tidligere behandling names the earlier meeting (and item)
    history = 2,      // a Sagens forløb entry names the earlier meeting
    case_number = 3,  // same case number and a similar title, nearest later look-alike
};

// The stored name ("reference", "history", "case_number"; "none" is never stored).
const char* to_string(LinkReason r);
// The reason a stored name stands for; false (out untouched) for an unknown name.
bool link_reason_from_string(std::string_view s, LinkReason& out);
// How the case timeline describes it ("Tidligere behandling", "Sagens forløb", "case number + similar title").
const char* describe(LinkReason r);
// The number users have seen since schema 1 (`opfolg case`: "reason 3").
inline int number(LinkReason r) { return static_cast<int>(r); }
// An SQL expression ordering `column` (a stored name) by number, so lists keep the order they had as ints.
std::string link_reason_order_sql(const std::string& column);

}  // namespace opfolg::tracker
