// Declaration of the minutes grammar (definition: minutes_grammar_def.hpp, instantiated once in
// minutes_grammar.cpp).
#pragma once
#include "grammar/minutes_ast.hpp"
#include "grammar/minutes_config.hpp"

namespace opfolg::parser {

struct document_class;
using document_type = x3::rule<document_class, ast::document>;
BOOST_SPIRIT_DECLARE(document_type)

}  // namespace opfolg::parser

namespace opfolg {
const parser::document_type& minutes_grammar();
}
