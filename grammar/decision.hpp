// Classifies the text of a Beslutning (never a title or body) into decision classes with a vocabulary.
#pragma once
#include "grammar/model.hpp"
#include "grammar/vocabulary.hpp"

#include <string_view>
#include <vector>

namespace opfolg {

// Fills classes (in order of appearance, no duplicates; {none} when nothing is recognised or the text is
// empty), matched (the phrase and vocabulary row behind each class) and remarks (text after "med denne/dene
// bemærkning:"). Phrases match as vocabulary.hpp says. Text after a remark marker is the remark: only phrases
// of classes that owe a later treatment (postponed, new_case, returned) count there, and an approval with a
// remark is approved_with_remarks. A phrase of class none is consumed and owes nothing ("genoptages, hvis").
Decision classify_decision(std::string_view text, const Vocabulary& vocabulary, int line = 0);
// With default_vocabulary().
Decision classify_decision(std::string_view text, int line = 0);

// The lowercased remark markers ("med bemærkning", "med denne bemærkning", ...), for the rules checker.
const std::vector<const char*>& remark_markers();
// The classes a phrase can give inside a remark.
bool counts_in_remark(DecisionClass c);

}  // namespace opfolg
