// JSON with a fixed key order (docs/report-json.md); scripts rely on it, so keys are only ever appended.
#include "notifier/render.hpp"

#include <nlohmann/json.hpp>

namespace opfolg::notifier {

std::string render_json(const Report& report) {
    nlohmann::ordered_json doc;
    doc["as_of"] = iso(report.as_of);
    auto& flags = doc["flags"] = nlohmann::ordered_json::array();
    for_each_shown(report, [&](const rules::Flag& f) {
        nlohmann::ordered_json j;
        j["id"] = f.id;
        j["rule"] = f.rule;
        j["status"] = rules::to_string(f.status);
        j["severity"] = severity_name(f.severity);
        j["committee"] = f.committee;
        j["meeting_date"] = iso(f.meeting_date);
        j["item_number"] = f.item_number;
        j["title"] = f.title;
        j["case_number"] = f.case_number;
        j["decision"] = f.decision;
        j["due"] = iso(f.due);
        j["days_overdue"] = f.days_overdue;
        j["source"] = f.source;
        j["closed"] = f.closed;
        j["rule_title"] = f.rule_title;
        j["due_source"] = f.due_source;
        j["message"] = f.message;
        flags.push_back(std::move(j));
    });
    // Invalid UTF-8 in a source file must not make the whole report fail: replace it.
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace opfolg::notifier
