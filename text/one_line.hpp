// One line of output from a value of the minutes: for plain-text reports, mail and checklists.
#pragma once
#include <string>
#include <string_view>

namespace opfolg::text {

// Every ASCII control character (below 0x20: CR, LF, TAB, ESC …) and DEL (0x7F) becomes one space, so a value
// can neither break the layout nor inject terminal escapes. Other bytes, UTF-8 included, are kept; the length in
// bytes does not change.
std::string one_line(std::string_view s);
// The same, appended to `out`.
void append_one_line(std::string& out, std::string_view s);
// Makes out[from, end) one line in place.
void make_one_line(std::string& out, std::size_t from);

}  // namespace opfolg::text
