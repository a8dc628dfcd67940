#include "tracker/similarity.hpp"
#include "grammar/reader.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace opfolg::tracker {

namespace {
// Code points of the lowercased text with punctuation folded to spaces, so bigrams are per character.
std::vector<std::u32string::value_type> letters(std::string_view text) {
    std::string lower = utf8_lower(text);
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < lower.size();) {
        unsigned char c = static_cast<unsigned char>(lower[i]);
        char32_t cp;
        std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (i + n > lower.size()) n = 1;
        cp = n == 1 ? c : (static_cast<char32_t>(c) << 16) | static_cast<unsigned char>(lower[i + 1]);
        if (n == 1 && !std::isalnum(c)) cp = ' ';
        if (!(cp == ' ' && (out.empty() || out.back() == ' '))) out.push_back(cp);
        i += n;
    }
    return out;
}

}  // namespace

TitleBigrams title_bigrams(std::string_view text) {
    auto cps = letters(text);
    TitleBigrams out;
    for (std::size_t i = 0; i + 1 < cps.size(); ++i)
        if (cps[i] != ' ' && cps[i + 1] != ' ')
            out.push_back((static_cast<std::uint64_t>(cps[i]) << 32) | cps[i + 1]);
    std::sort(out.begin(), out.end());
    return out;
}

double title_similarity(std::string_view a, std::string_view b) {
    return title_similarity(title_bigrams(a), title_bigrams(b));
}

double title_similarity(const TitleBigrams& x, const TitleBigrams& y) {
    if (x.empty() && y.empty()) return 1.0;
    if (x.empty() || y.empty()) return 0.0;
    std::size_t common = 0;
    for (std::size_t i = 0, j = 0; i < x.size() && j < y.size();) {
        if (x[i] == y[j]) {
            ++common;
            ++i;
            ++j;
        } else if (x[i] < y[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return 2.0 * static_cast<double>(common) / static_cast<double>(x.size() + y.size());
}

}  // namespace opfolg::tracker
