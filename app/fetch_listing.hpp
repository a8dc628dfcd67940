// The meetings in a FirstAgenda committee listing (GET {base}/api/agenda/udvalgsliste). The shape seen in the
// wild: {"Udvalg": {"<election period>": [{"Id", "Navn", "Moeder": [{"Id", "Dato"}, …]}, …]}}. Read tolerantly:
// every "Moeder" array anywhere in the document counts, so another grouping of the committees still works.
#pragma once
#include <string>
#include <vector>

namespace opfolg::app {

struct ListedMeeting {
    std::string id;
    std::string date;  // YYYY-MM-DD from "Dato", empty when absent or not a date
};

// In document order, each id once. Throws std::runtime_error when the text is not JSON or lists no meeting.
std::vector<ListedMeeting> meetings_in_listing(const std::string& json_text);

}  // namespace opfolg::app
