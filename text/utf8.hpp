// UTF-8 encoding and Danish-aware case folding, shared by every layer.
#pragma once
#include <string>
#include <string_view>

namespace opfolg::text {

// Appends one code point as UTF-8; surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// Lower-cases ASCII A-Z and the Latin-1 supplement capitals U+00C0..U+00DE except U+00D7 (×): Æ Ø Å, Ä Ö Ü,
// É … Every other byte, and every invalid byte, is kept as it is, so the result has the same length in bytes.
std::string utf8_lower(std::string_view s);
// The same into `out`, reusing its buffer (a scan that lowercases line after line allocates once).
void utf8_lower_into(std::string_view s, std::string& out);

// True when needle occurs in haystack after both are folded with utf8_lower (an empty needle always does).
bool contains_folded(std::string_view haystack, std::string_view needle);

}  // namespace opfolg::text
