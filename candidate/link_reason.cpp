#include "candidate/link_reason.hpp"
#include "grammar/code_names.hpp"

namespace opfolg::tracker {

namespace {
struct ReasonName {
    LinkReason code;
    const char* name;
    const char* description;
};
constexpr ReasonName reason_names[] = {
    {LinkReason::reference, "reference", "Tidligere behandling"},
    {LinkReason::history, "history", "Sagens forløb"},
    {LinkReason::case_number, "case_number", "case number + similar title"},
    {LinkReason::none, "none", ""},  // last: what a value outside the enum falls back to
};
}  // namespace

const char* to_string(LinkReason r) { return codes::row_of(reason_names, r).name; }

const char* describe(LinkReason r) { return codes::row_of(reason_names, r).description; }

bool link_reason_from_string(std::string_view s, LinkReason& out) { return codes::from_name(reason_names, s, out); }

std::string link_reason_order_sql(const std::string& column) {
    std::string sql = "CASE " + column;
    for (const auto& n : reason_names)
        sql += std::string(" WHEN '") + n.name + "' THEN " + std::to_string(number(n.code));
    return sql + " END";
}

}  // namespace opfolg::tracker
