// ISO 8601 calendar dates (YYYY-MM-DD), the one format the store, the rule files and the outputs use.
#pragma once
#include <date/date.h>

#include <string>
#include <string_view>

namespace opfolg::text {

// "2019-08-31"; "" for a date that is not ok() (unset or invalid). A caller that shows something else for an
// unknown date says so itself.
std::string iso(date::year_month_day d);
// The same, appended to `out` (renderers that write a row in place).
void append_iso(std::string& out, date::year_month_day d);

// Exactly ten characters YYYY-MM-DD, ASCII digits only, a real calendar day. On success sets out and returns true;
// otherwise leaves out alone. No spaces, signs or short fields ("2019-1-5" is not a date).
bool parse_iso(std::string_view text, date::year_month_day& out);
// A date as the store writes it (iso()): the date, or year_month_day{} (not ok()) for "" or anything that is not
// a date. For reading stored columns, where an unset date is written as "".
date::year_month_day parse_iso_or_unset(std::string_view text);

// "2026-11-23T07:00:00Z": an instant in UTC to the second, as the store, the fetch state and the outputs write it.
std::string iso_timestamp(date::sys_seconds t);
// The current time, as iso_timestamp writes it.
std::string iso_timestamp_now();

}  // namespace opfolg::text
