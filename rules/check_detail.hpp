// Internals shared by the checker files: positions in a text, "did you mean" suggestions, diagnostics.
#pragma once
#include "rules/ruleset.hpp"
#include "rules/rules_ast.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace opfolg::rules::detail {

// A text being checked: its name and bytes, to turn pointers into line:column.
struct Source {
    std::string file;
    std::string_view text;

    // Skips whitespace and # comments from `p` (X3 reports positions before the skipper ran).
    const char* skip_blank(const char* p) const;
    Diagnostic at(const char* p, std::string message, std::string suggestion = {}) const;
    // The identifier-like word starting at p (after skip_blank), or empty.
    std::string word_at(const char* p) const;
};

// "did you mean 'x'?" for the closest candidate within a small edit distance, else "".
std::string suggest(std::string_view word, const std::vector<std::string>& candidates);

// The message for a syntax error: what was expected at p.
Diagnostic syntax_diagnostic(const Source& src, const char* where, const std::string& which);

// Turns a parsed file into rules (appended to out), reporting semantic errors.
void compile_file(const Source& src, const ast::File& file, RuleSet& out, std::vector<Diagnostic>& diags);

// The decision class names, for suggestions.
std::vector<std::string> class_names();

// Applies a file's vocabulary block to out.vocabulary, reporting bad rows.
void compile_vocabulary(const Source& src, const ast::Vocabulary& block, RuleSet& out, std::vector<Diagnostic>& diags);

}  // namespace opfolg::rules::detail
