// Decision classes from the text of a Beslutning, by the vocabulary's phrases over the lowercased text (see
// vocabulary.hpp for the matching). The phrases come from the rule files; this file keeps only how a decision
// text is read: remarks apart, each class once, in order.
#include "grammar/decision.hpp"
#include "grammar/reader.hpp"

#include <algorithm>
#include <cstring>

namespace opfolg {

namespace {
bool is_word_byte(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || u >= 0x80;
}

// Calls on_row for each phrase in `text` (lowercased) from `from` on: longest phrase at a word start, word
// boundary after.
template <typename F>
void scan_phrases(const Vocabulary& vocabulary, std::string_view text, std::size_t from, F on_row) {
    std::size_t at = from;
    while (at < text.size()) {
        bool at_word_start = at == from || !is_word_byte(text[at - 1]);
        std::size_t end = 0;
        const VocabularyRow* row = at_word_start ? vocabulary.match(text, at, end) : nullptr;
        if (row) {
            on_row(*row);
            at = end;
        } else {
            ++at;
        }
    }
}
}  // namespace

const std::vector<const char*>& remark_markers() {
    static const std::vector<const char*> markers{"med denne bemærkning", "med dene bemærkning",
                                                  "med følgende bemærkning", "med følgende bemærkninger",
                                                  "med bemærkning", "med de bemærkninger"};
    return markers;
}

bool counts_in_remark(DecisionClass c) {
    return c == DecisionClass::postponed || c == DecisionClass::new_case || c == DecisionClass::returned;
}

Decision classify_decision(std::string_view text, int line) { return classify_decision(text, default_vocabulary(), line); }

Decision classify_decision(std::string_view text, const Vocabulary& vocabulary, int line) {
    Decision d;
    d.text = std::string(text);
    d.line = line;
    const std::string lower = utf8_lower(text);

    // Remarks: everything after the marker (and its colon) belongs to the remark, not to the decision proper.
    std::size_t remark_at = std::string::npos;
    for (const char* marker : remark_markers()) {
        std::size_t at = lower.find(marker);
        if (at != std::string::npos && at < remark_at) {
            remark_at = at;
            std::size_t colon = lower.find(':', at);
            std::size_t start = colon == std::string::npos ? at + std::strlen(marker) : colon + 1;
            std::string remark = std::string(text.substr(std::min(start, text.size())));
            remark.erase(0, remark.find_first_not_of(' '));
            d.remarks = remark;
        }
    }
    auto add = [&](const VocabularyRow& row) {
        if (row.decision_class == DecisionClass::none) return;  // a phrase that says nothing is owed
        if (std::find(d.classes.begin(), d.classes.end(), row.decision_class) != d.classes.end()) return;
        d.classes.push_back(row.decision_class);
        d.matched.push_back(PhraseMatch{row.decision_class, row.phrase, row.file, row.line});
    };
    scan_phrases(vocabulary, std::string_view(lower).substr(0, remark_at), 0, add);
    if (remark_at != std::string::npos) {
        // A remark can still say that the case comes back ("Taget til efterretning med bemærkning om, at sagen
        // genoptages på næste udvalgsmøde"): the classes that owe a later treatment are read from it too.
        scan_phrases(vocabulary, lower, remark_at, [&](const VocabularyRow& row) {
            if (counts_in_remark(row.decision_class)) add(row);
        });
        auto approved = std::find(d.classes.begin(), d.classes.end(), DecisionClass::approved);
        if (approved != d.classes.end()) {
            *approved = DecisionClass::approved_with_remarks;
            for (auto& m : d.matched)
                if (m.decision_class == DecisionClass::approved) m.decision_class = DecisionClass::approved_with_remarks;
        }
    }
    if (d.classes.empty()) d.classes.push_back(DecisionClass::none);
    return d;
}

}  // namespace opfolg
