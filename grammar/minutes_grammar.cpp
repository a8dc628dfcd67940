// The one translation unit that instantiates the minutes grammar.
#include "grammar/minutes_grammar_def.hpp"

namespace opfolg::parser {
BOOST_SPIRIT_INSTANTIATE(document_type, iterator_type, context_type)
}

namespace opfolg {
const parser::document_type& minutes_grammar() { return parser::document; }
}
