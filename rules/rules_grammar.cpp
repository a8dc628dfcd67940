// Instantiates the rules grammar once for const char* input.
#include "rules/rules_grammar_def.hpp"

namespace opfolg::rules::parser {

BOOST_SPIRIT_INSTANTIATE(file_type, iterator_type, context_type)

file_type const& rules_file() { return file; }

bool parse_syntax(std::string_view text, ast::File& out, SyntaxError& error) {
    iterator_type first = text.data();
    iterator_type const last = text.data() + text.size();
    auto const parser = x3::with<syntax_error_tag>(std::ref(error))[rules_file()];
    bool ok = false;
    try {
        ok = x3::phrase_parse(first, last, parser, skipper(), out);
    } catch (x3::expectation_failure<iterator_type> const& e) {
        // Only reached if a failure escapes the handler; record it the same way.
        error.failed = true;
        error.where = e.where();
        error.which = e.which();
    }
    if (!ok && !error.failed) {
        error.failed = true;
        error.where = first;
        error.which = "'rule', 'vocabulary' or 'include'";
    }
    return ok && !error.failed;
}

}  // namespace opfolg::rules::parser
