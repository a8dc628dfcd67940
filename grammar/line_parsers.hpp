// Small X3 parsers for single lines whose shape carries facts: the meeting title, participants,
// "Tidligere behandling" references and "Sagens forløb" entry heads.
#pragma once
#include "grammar/model.hpp"

#include <string_view>

namespace opfolg::lines {

// "REFERAT Erhvervs- og Beskæftigelsesudvalget d. 11-06-2019" -> kind, committee, date; also "Referat af
// mødet i Økonomiudvalget den 4. maj 2021", "Referat Økonomiudvalget" (no date) and "REFERAT" alone (committee
// and date from the following lines).
bool parse_meeting_title(std::string_view line, Meeting& out);
// The line after a bare "REFERAT": "Økonomiudvalget" or "Økonomiudvalget den 4. maj 2021".
bool parse_committee_line(std::string_view line, Meeting& out);
// "Mødedato Tirsdag d. 11. juni 2019 kl. 13:00" -> date (when not yet known) and time.
bool parse_meeting_date_line(std::string_view line, Meeting& out);
// "Mødedeltagere Musa Kecec (A), Per Kensø (centerchef for Skoler), Anja Holtze (A) (Afbud)"
std::vector<Participant> parse_participants(std::string_view list);
// "Erhvervs- og Beskæftigelsesudvalget den 12. marts 2019 Punkt 4 og 5"
bool parse_reference(std::string_view line, Reference& out);
// "08-12-2020 Erhvervs- og Beskæftigelsesudvalget"
bool parse_history_head(std::string_view line, HistoryEntry& out);

}  // namespace opfolg::lines
