// Title similarity for linking items that share a case number (linking reason 3).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace opfolg::tracker {

// Sørensen–Dice coefficient over the character bigrams of the lowercased titles (0..1). Bigrams make it
// tolerant of typos and inflection ("Inveseringscase" ~ "Investeringscase"), and word order matters little.
double title_similarity(std::string_view a, std::string_view b);

// The same in two steps, for a caller that compares one title with many (the linker walks a case's chain):
// a title's sorted bigrams, computed once, and the coefficient of two of them.
using TitleBigrams = std::vector<std::uint64_t>;
TitleBigrams title_bigrams(std::string_view title);
double title_similarity(const TitleBigrams& a, const TitleBigrams& b);

constexpr double default_title_threshold = 0.5;

}  // namespace opfolg::tracker
