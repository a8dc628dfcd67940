// Internals of the reader shared between its source files (not part of the grammar's interface).
#pragma once
#include "grammar/reader.hpp"

namespace opfolg::detail {

// A physical line before normalization, with where it came from.
struct RawLine {
    std::string text;
    int source_line = 0;
    int heading_level = 0;
};

// Every `from` in `s` replaced by `to`, in one pass.
void replace_all(std::string& s, std::string_view from, std::string_view to);

std::size_t repair_utf8(std::string_view s, std::string& out);
std::size_t count_multibyte_utf8(std::string_view s);

// HTML page -> lines of text: block elements break lines, <hN> sets the heading level, entities decoded,
// <script>/<style>/comments dropped. Input must already be UTF-8.
std::vector<RawLine> html_to_lines(std::string_view html);
bool looks_like_html(std::string_view text);

// FirstAgenda publication JSON (an agenda with its decisions) -> header and item lines; the item HTML goes
// through html_to_lines. `source_id` gets the agenda's own id. JSON of another shape is a ReadError.
// Problems that do not stop the reading (a point without a number) go to `notes`.
std::vector<RawLine> firstagenda_json_to_lines(std::string_view json, std::string& source_id,
                                               std::vector<ReadNote>& notes);
bool looks_like_json(std::string_view text);

// A FirstAgenda publication page (Aarhus): html_to_lines, then the page's label/value header and numbered
// point titles rewritten to the lines the minutes grammar reads.
std::vector<RawLine> firstagenda_page_to_lines(std::string_view html);
bool looks_like_firstagenda_page(std::string_view html);

// PDF bytes -> UTF-8 text of all pages (poppler-cpp), pages separated by form feeds. Throws ReadError.
std::string pdf_to_text(std::string_view bytes);
// One page of poppler's physical-layout text -> reading order: when the page is set in two columns (a gap
// of spaces at the same column on most lines), the left column comes first, then the right one. Pages
// without such a gap come back unchanged, so label/value rows and TOC page numbers stay on their lines.
std::string columns_in_reading_order(const std::string& page);

}  // namespace opfolg::detail
