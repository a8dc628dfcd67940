#include "app/fetch_listing.hpp"

#include "app/fetch_names.hpp"

#include <nlohmann/json.hpp>

#include <cctype>
#include <set>
#include <stdexcept>

namespace opfolg::app {

namespace {

std::string date_part(const nlohmann::json& meeting) {
    for (const char* key : {"Dato", "MeetingBeginUtc"}) {
        const auto it = meeting.find(key);
        if (it == meeting.end() || !it->is_string()) continue;
        const std::string s = it->get<std::string>();
        const bool iso = s.size() >= 10 && s[4] == '-' && s[7] == '-' &&
                         std::isdigit(static_cast<unsigned char>(s[0])) && std::isdigit(static_cast<unsigned char>(s[9]));
        if (iso) return s.substr(0, 10);
    }
    return "";
}

void collect(const nlohmann::json& node, std::vector<ListedMeeting>& out, std::set<std::string>& seen) {
    if (node.is_object()) {
        const auto meetings = node.find("Moeder");
        if (meetings != node.end() && meetings->is_array()) {
            for (const auto& m : *meetings) {
                if (!m.is_object() || !m.contains("Id") || !m["Id"].is_string()) continue;
                const std::string id = m["Id"].get<std::string>();
                if (valid_agenda_id(id) && seen.insert(id).second) out.push_back({id, date_part(m)});
            }
        }
        for (const auto& [key, value] : node.items())
            if (key != "Moeder") collect(value, out, seen);
    } else if (node.is_array()) {
        for (const auto& element : node) collect(element, out, seen);
    }
}

}  // namespace

std::vector<ListedMeeting> meetings_in_listing(const std::string& json_text) {
    const auto json = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) throw std::runtime_error("the committee listing is not JSON");
    std::vector<ListedMeeting> out;
    std::set<std::string> seen;
    collect(json, out, seen);
    if (out.empty())
        throw std::runtime_error("the committee listing names no meeting (expected committees with "
                                 "\"Moeder\": [{\"Id\", \"Dato\"}])");
    return out;
}

}  // namespace opfolg::app
