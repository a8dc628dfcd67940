// The inner shape of an item's sections, read after the line grammar has split the item into sections:
// the table of contents, Bilag, Indstilling, Meddelelser points and "Beslutningen træffes af".
#pragma once
#include "grammar/model.hpp"

#include <string_view>

namespace opfolg::structure {

// "Meddelelser.....\t3", "Lukket: LUKKET Køb af grund.....\t6" (after the reader: "... 6").
bool parse_toc_line(std::string_view line, TocEntry& out);
// Inside the Indholdsfortegnelse block only: an entry whose title was cut off together with its dot leader
// ("Lukket: LUKKET Forslag til ... omprioriteringsp 20"); the title is kept as far as it goes.
bool parse_toc_line_without_leader(std::string_view line, TocEntry& out);
// "2 bilag, heraf 1 anbefales", "2 bilag, hvoraf 1 anbefales", "0 bilag", "1 bilag".
bool parse_attachment_count(std::string_view line, int& count, int& recommended);
// "1.1. ANBEFALES DI Erhvervsklima ..." / "1.2 Metode og ..." / "Nye virksomheder i ..." -> title line.
Attachment parse_attachment_title(std::string_view line);
// "3. Der er modtaget brev ..." -> number and text. Not "1.1. ..." and not a date ("12. marts ...").
bool parse_numbered_point(std::string_view line, NumberedPoint& out);
// "Center for Arbejdsmarked indstiller, at" -> "Center for Arbejdsmarked".
bool parse_recommender(std::string_view line, std::string& by);

// Section bodies -> structures. Lines keep their source line numbers.
// stop_at_points: in a Meddelelser item the body goes on with the next numbered point, which is not a title.
Attachments read_attachments(const Section& bilag, bool stop_at_points = false);
Recommendation read_recommendation(const Section& indstilling);
// Numbered points of a Meddelelser item: from the preamble and every section but Beslutning, where a Bilag
// section between two points carries the next point in its body.
std::vector<NumberedPoint> read_announcements(const Item& item);

}  // namespace opfolg::structure
