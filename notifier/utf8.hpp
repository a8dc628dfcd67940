// UTF-8 helpers for aligned columns and user-typed patterns (æøå count as one column and match ÆØÅ).
#pragma once
#include <string>

namespace opfolg::notifier::utf8 {

// Terminal columns: one per code point, zero for combining marks (U+0300–U+036F) and continuation bytes.
std::size_t width(const std::string& s);
// Pads with spaces on the right (left when right_align) to `columns`; longer text is left alone.
std::string pad(const std::string& s, std::size_t columns, bool right_align = false);
// Cuts to at most `columns` columns without splitting a code point, marking the cut with "…".
std::string truncate(const std::string& s, std::size_t columns);
// Lower-cases ASCII and the Danish/Latin-1 letters (ÆØÅ, ÄÖÜ, É …) for case-insensitive matching.
std::string fold(const std::string& s);
bool contains_folded(const std::string& haystack, const std::string& needle);
// Length in bytes of the UTF-8 sequence starting with byte c (1 for invalid lead bytes).
std::size_t sequence_length(unsigned char c);

}  // namespace opfolg::notifier::utf8
