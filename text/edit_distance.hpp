// The distance for "did you mean" suggestions and near-miss committee names.
#pragma once
#include <cstddef>
#include <string_view>

namespace opfolg::text {

// Optimal string alignment distance over bytes: insertions, deletions, substitutions and swaps of two adjacent
// bytes each cost 1 ("titel" -> "title" is 1, not 2). Bytes, not code points: "æ" -> "a" costs 2. Callers fold
// case first when case should not count.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace opfolg::text
