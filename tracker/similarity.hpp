// Title similarity for linking items that share a case number (linking reason 3).
#pragma once
#include <string_view>

namespace opfolg::tracker {

// Sørensen–Dice coefficient over the character bigrams of the lowercased titles (0..1). Bigrams make it
// tolerant of typos and inflection ("Inveseringscase" ~ "Investeringscase"), and word order matters little.
double title_similarity(std::string_view a, std::string_view b);

constexpr double default_title_threshold = 0.5;

}  // namespace opfolg::tracker
