#include "text/edit_distance.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace opfolg::text {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the usual matrix: a transposition looks back two rows. Committee look-ups compare a new name
    // against every known one, so no full matrix.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    std::size_t d = previous[b.size()];
    assert(d <= std::max(a.size(), b.size()));
    assert(d >= (a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()));
    return d;
}

}  // namespace opfolg::text
