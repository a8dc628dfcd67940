// The rules DSL grammar (Boost.Spirit X3): declaration of the top rule and the parse entry point.
#pragma once
#include "rules/rules_ast.hpp"
#include "rules/rules_config.hpp"

#include <string_view>

namespace opfolg::rules::parser {

struct file_class;
using file_type = x3::rule<file_class, ast::File>;
BOOST_SPIRIT_DECLARE(file_type)

file_type const& rules_file();

// Parses a whole rules file. On failure `error` says where and what was expected; semantic checks
// (classes, regexes, placeholders, ...) are compile.cpp's job.
bool parse_syntax(std::string_view text, ast::File& out, SyntaxError& error);

}  // namespace opfolg::rules::parser
