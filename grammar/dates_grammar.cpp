// The one translation unit that instantiates the time-phrase grammar.
#include "grammar/dates_grammar_def.hpp"

namespace opfolg::dates::parser {
BOOST_SPIRIT_INSTANTIATE(phrase_type, iterator_type, context_type)

const phrase_type& phrase_grammar() { return phrase; }
}  // namespace opfolg::dates::parser
