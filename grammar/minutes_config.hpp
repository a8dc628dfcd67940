// Iterator and context types the minutes grammar is instantiated for (once, in minutes_grammar.cpp).
#pragma once
#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include <string>
#include <vector>

namespace opfolg::parser {

namespace x3 = boost::spirit::x3;
using iterator_type = std::string::const_iterator;

// Collects positions of AST nodes (for line numbers) and recovered syntax errors (as warnings).
struct parse_context {
    x3::position_cache<std::vector<iterator_type>> positions;
    struct problem {
        iterator_type where;
        std::string message;
    };
    std::vector<problem> problems;

    parse_context(iterator_type first, iterator_type last) : positions(first, last) {}
    template <typename Node>
    void tag(Node& node, iterator_type first, iterator_type last) { positions.annotate(node, first, last); }
};

using context_type = x3::context<x3::error_handler_tag, std::reference_wrapper<parse_context>, x3::unused_type>;

}  // namespace opfolg::parser
