// Classifies the text of a Beslutning (never a title or body) into decision classes.
#pragma once
#include "grammar/model.hpp"

#include <string_view>

namespace opfolg {

// Fills classes (in order of appearance, no duplicates; {none} when nothing is recognised or the text is
// empty) and remarks (text after "med denne/dene bemærkning:").
Decision classify_decision(std::string_view text, int line = 0);

}  // namespace opfolg
