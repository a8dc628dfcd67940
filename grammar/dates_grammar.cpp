// The one translation unit that instantiates the time-phrase grammar.
#include "grammar/dates_grammar_def.hpp"

#include <algorithm>

namespace opfolg::dates::parser {
BOOST_SPIRIT_INSTANTIATE(phrase_type, iterator_type, context_type)

const phrase_type& phrase_grammar() { return phrase; }

const std::vector<std::string>& anchor_words() {
    // Read from the grammar's own tables so the list cannot drift from them; "kvartal" and "halvår" are
    // literals of the quarter and half-year rules.
    static const std::vector<std::string> words = [] {
        std::vector<std::string> all{"kvartal", "halvår"};
        auto add = [&all](const std::string& key, const auto&) { all.push_back(key); };
        month_names.for_each(add);
        seasons.for_each(add);
        meeting_words.for_each(add);
        // A word that contains another adds nothing ("sommeren" holds "sommer", "udvalgsmøde" holds "møde").
        std::vector<std::string> minimal;
        for (const auto& w : all) {
            bool covered = false;
            for (const auto& other : all)
                if (other != w && w.find(other) != std::string::npos) covered = true;
            if (!covered) minimal.push_back(w);
        }
        return minimal;
    }();
    return words;
}
const std::vector<std::string>& first_words() {
    static const std::vector<std::string> words = [] {
        // Literals of the day_month and next_meeting rules ("den 4. maj", "d. 4. maj", "det næste møde").
        std::vector<std::string> all{"den", "d", "det", "et"};
        auto add = [&all](const std::string& key, const auto&) {
            const std::string first = key.substr(0, key.find(' '));
            if (!first.empty() && !(first[0] >= '0' && first[0] <= '9') &&
                std::find(all.begin(), all.end(), first) == all.end())
                all.push_back(first);
        };
        modifiers.for_each(add);
        ordinals.for_each(add);
        month_names.for_each(add);
        seasons.for_each(add);
        next_words.for_each(add);
        return all;
    }();
    return words;
}

}  // namespace opfolg::dates::parser
