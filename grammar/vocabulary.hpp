// The decision vocabulary: phrase -> decision class, each row with the file:line that defines it. The rows live
// in the rule files (`vocabulary { ... }`, parsed by rules/); grammar/ only matches them, so a municipality's
// wording is data the clerk edits, not code.
//
// Matching (classify_decision): over the lowercased decision text, at each word start the longest phrase that
// begins there is taken, and it counts only when a word boundary follows ("ikke godkendt" is rejected, not
// approved; "Udsættelse" never matches "udsat"). Phrases are case-insensitive, also æ/Æ, ø/Ø, å/Å.
#pragma once
#include "grammar/model.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace opfolg {

struct VocabularyRow {
    std::string phrase;  // lowercased
    DecisionClass decision_class = DecisionClass::none;
    std::string file;    // where the row is defined
    int line = 0;
};

class Vocabulary {
public:
    Vocabulary();
    // Adds a row; a phrase already present (after lowercasing) is redefined by the new row.
    void add(std::string_view phrase, DecisionClass c, std::string file, int line);
    void clear();
    const std::vector<VocabularyRow>& rows() const { return rows_; }
    const VocabularyRow* find(std::string_view phrase) const;  // exact phrase (any case)
    bool empty() const { return rows_.empty(); }
    // The row of the longest phrase that starts at `at` in `lower` (lowercased text), when a word boundary
    // follows it; `end` receives where it ends. nullptr otherwise (also when the longest one has no boundary).
    const VocabularyRow* match(std::string_view lower, std::size_t at, std::size_t& end) const;
    // A fingerprint of every row (phrase, class, file:line): stored with the classes made with it, so a store
    // knows when its classes are stale.
    std::string hash() const;

private:
    struct Index;
    std::vector<VocabularyRow> rows_;
    std::shared_ptr<Index> index_;  // rebuilt on change; shared by copies (immutable once built)
};

// The vocabulary parse_minutes and classify_decision use when none is passed: empty until a program installs
// one (the opfolg command installs the rules' vocabulary before it parses anything). Install before starting
// threads that parse.
const Vocabulary& default_vocabulary();
void set_default_vocabulary(Vocabulary v);

}  // namespace opfolg
