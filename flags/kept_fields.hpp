// The text a kept flag row holds beside its key columns (schema 14, flag_rows.fields): what a report shows but
// never orders or looks up by, as text/length_prefixed.hpp fields in one order — rule id, candidate key,
// committee, title, case number, decision, closed ("0"/"1"), due source, source. tracker/schema.cpp's migration 14
// writes the same from the columns it replaced. One text instead of nine columns: a report reads 100k rows, and
// decoding fourteen columns a row was a third of a CSV report's instructions.
#pragma once
#include "rules/flag.hpp"
#include "text/length_prefixed.hpp"

#include <string>
#include <string_view>

namespace opfolg::flags {

// Appends the fields of `f`, its rule id first.
void append_kept_fields(std::string& out, const rules::Flag& f);

// Reads `fields` back into `f` (its strings keep their buffers from row to row) and the rule id into `rule_id`
// (a view into `fields`). Throws tracker::StoreError when `fields` is not what append_kept_fields writes.
void read_kept_fields(std::string_view fields, rules::Flag& f, std::string_view& rule_id);

}  // namespace opfolg::flags
