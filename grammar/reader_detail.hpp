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

std::size_t repair_utf8(std::string_view s, std::string& out);
std::size_t count_multibyte_utf8(std::string_view s);

// HTML page -> lines of text: block elements break lines, <hN> sets the heading level, entities decoded,
// <script>/<style>/comments dropped. Input must already be UTF-8.
std::vector<RawLine> html_to_lines(std::string_view html);
bool looks_like_html(std::string_view text);

// PDF bytes -> UTF-8 text of all pages (poppler-cpp), pages separated by form feeds. Throws ReadError.
std::string pdf_to_text(std::string_view bytes);
// One page of poppler's physical-layout text -> reading order: when the page is set in two columns (a gap
// of spaces at the same column on most lines), the left column comes first, then the right one. Pages
// without such a gap come back unchanged, so label/value rows and TOC page numbers stay on their lines.
std::string columns_in_reading_order(const std::string& page);

}  // namespace opfolg::detail
