// UTF-8 helpers for aligned columns (æøå count as one column). Case folding: text/utf8.hpp.
#pragma once
#include <string>
#include <string_view>

namespace opfolg::notifier::utf8 {

// Terminal columns: one per code point, zero for combining marks (U+0300–U+036F) and continuation bytes.
std::size_t width(std::string_view s);
// Pads with spaces on the right (left when right_align) to `columns`; longer text is left alone.
std::string pad(const std::string& s, std::size_t columns, bool right_align = false);
// Cuts to at most `columns` columns without splitting a code point, marking the cut with "…".
std::string truncate(const std::string& s, std::size_t columns);
// The same, appended to `out` (renderers that write a row in place); returns the columns appended.
std::size_t append_truncated(std::string& out, std::string_view s, std::size_t columns);
// Length in bytes of the UTF-8 sequence starting with byte c (1 for invalid lead bytes).
std::size_t sequence_length(unsigned char c);

}  // namespace opfolg::notifier::utf8
