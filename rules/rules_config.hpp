// Iterator, skipper and context types the rules grammar is instantiated for (once, in rules_grammar.cpp).
#pragma once
#include <boost/spirit/home/x3.hpp>

#include <functional>
#include <string>

namespace opfolg::rules::parser {

namespace x3 = boost::spirit::x3;
using iterator_type = const char*;

// Whitespace and "# comment" lines are skipped between tokens.
namespace skipper_detail {
inline auto const comment = x3::lit('#') >> *(x3::standard::char_ - x3::eol);
inline auto const skipper = x3::ascii::space | comment;
}  // namespace skipper_detail
using skipper_type = std::remove_const_t<decltype(skipper_detail::skipper)>;
inline skipper_type const& skipper() { return skipper_detail::skipper; }

// The error handler records the first expectation failure here (X3 stops at it).
struct SyntaxError {
    bool failed = false;
    iterator_type where = nullptr;
    std::string which;  // the name of what was expected
};
struct syntax_error_tag;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type = x3::context<syntax_error_tag, std::reference_wrapper<SyntaxError>, phrase_context_type>;

}  // namespace opfolg::rules::parser
