// Declaration of the Danish time-phrase grammar (definition: dates_grammar_def.hpp, instantiated once in
// dates_grammar.cpp). It parses one phrase starting at a word start of lowercased UTF-8 text.
#pragma once
#include "grammar/dates_ast.hpp"

#include <boost/spirit/home/x3.hpp>

#include <string>
#include <vector>

namespace opfolg::dates::parser {

namespace x3 = boost::spirit::x3;
using iterator_type = const char*;
using context_type = x3::unused_type;

struct phrase_class;
using phrase_type = x3::rule<phrase_class, ast::phrase>;
BOOST_SPIRIT_DECLARE(phrase_type)

const phrase_type& phrase_grammar();

// Every phrase the grammar accepts contains an ASCII digit or one of these words (lowercased): the month
// names, the seasons, "kvartal", "halvår" and the meeting words. Text with neither cannot hold a phrase, so
// the scan skips it (most lines of minutes) without trying the grammar at every word.
const std::vector<std::string>& anchor_words();

// The words a phrase can begin with (its first word, lowercased; digits aside): the first words of the
// modifiers, ordinals, month names, seasons and "next" words, and the literals "den", "d", "det", "et".
// The scan tries the grammar only at word starts that are a digit or one of these.
const std::vector<std::string>& first_words();

}  // namespace opfolg::dates::parser
