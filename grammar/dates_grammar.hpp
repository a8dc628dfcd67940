// Declaration of the Danish time-phrase grammar (definition: dates_grammar_def.hpp, instantiated once in
// dates_grammar.cpp). It parses one phrase starting at a word start of lowercased UTF-8 text.
#pragma once
#include "grammar/dates_ast.hpp"

#include <boost/spirit/home/x3.hpp>

namespace opfolg::dates::parser {

namespace x3 = boost::spirit::x3;
using iterator_type = const char*;
using context_type = x3::unused_type;

struct phrase_class;
using phrase_type = x3::rule<phrase_class, ast::phrase>;
BOOST_SPIRIT_DECLARE(phrase_type)

const phrase_type& phrase_grammar();

}  // namespace opfolg::dates::parser
