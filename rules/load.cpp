// Loading rules files: read, parse (X3), follow includes (relative to the including file, cycles reported),
// then check. Never throws on bad input: every problem becomes a Diagnostic.
#include "rules/check_detail.hpp"
#include "rules/rules_grammar.hpp"
#include "text/read_file.hpp"

#include <cctype>
#include <filesystem>

namespace opfolg::rules {

namespace {

namespace fs = std::filesystem;

std::string canonical_name(const std::string& path) {
    std::error_code ec;
    auto p = fs::weakly_canonical(fs::path(path), ec);
    return ec ? path : p.string();
}

bool parse_text(std::string_view text, const std::string& file_name, RuleSet& out, std::vector<Diagnostic>& diags,
                std::vector<std::string>& stack);

// The grammar and the evaluator recurse once per "(" and per "not"; a hostile file with thousands of them
// would exhaust the stack, so nesting beyond any sensible rule is refused before parsing.
constexpr int max_nesting = 100;
const char* too_deep(std::string_view text) {
    int depth = 0, nots = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '#') {
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '"') {
            for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
                if (text[i] == '\\') ++i;
            }
        } else if (c == '(') {
            if (++depth > max_nesting) return text.data() + i;
        } else if (c == ')') {
            depth = depth > 0 ? depth - 1 : 0;
        } else if (c == '}') {
            depth = 0;
            nots = 0;
        } else if (text.compare(i, 3, "not") == 0 && (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
            if (++nots > max_nesting) return text.data() + i;
        }
    }
    return nullptr;
}

// Parses an included file; `from` is the include directive, for messages.
void include_file(const detail::Source& src, const ast::Include& inc, RuleSet& out, std::vector<Diagnostic>& diags,
                  std::vector<std::string>& stack) {
    fs::path base = fs::path(src.file).parent_path();
    std::string path = (fs::path(inc.path.text).is_absolute() ? fs::path(inc.path.text) : base / inc.path.text).string();
    std::string canon = canonical_name(path);
    for (std::size_t i = 0; i < stack.size(); ++i) {
        if (stack[i] == canon) {
            std::string chain;
            for (std::size_t j = i; j < stack.size(); ++j) chain += stack[j] + " -> ";
            diags.push_back(src.at(inc.path.where, "include cycle: " + chain + canon));
            return;
        }
    }
    std::string text;
    if (std::string unread; !text::read_file(path, text, unread)) {
        diags.push_back(src.at(inc.path.where, "include not found: '" + inc.path.text + "' (looked for " + path + ")"));
        return;
    }
    // "profiles/../default.rules" is named "default.rules" in messages and in the vocabulary rows' origins.
    parse_text(text, fs::path(path).lexically_normal().string(), out, diags, stack);
}

bool parse_text(std::string_view text, const std::string& file_name, RuleSet& out, std::vector<Diagnostic>& diags,
                std::vector<std::string>& stack) {
    std::size_t before = diags.size();
    detail::Source src{file_name, text};
    out.files.push_back(file_name);
    out.texts.add(text).separate();
    if (const char* deep = too_deep(text)) {
        diags.push_back(src.at(deep, "conditions nested too deeply (more than " + std::to_string(max_nesting) +
                                         " parentheses or 'not's)"));
        return false;
    }
    ast::File file;
    parser::SyntaxError error;
    bool ok = false;
    try {
        ok = parser::parse_syntax(text, file, error);
    } catch (const std::exception& e) {  // defensive: X3 should not throw past the handler
        diags.push_back(src.at(nullptr, std::string("internal parser error: ") + e.what()));
        return false;
    }
    if (!ok) {
        diags.push_back(detail::syntax_diagnostic(src, error.where, error.which));
        return false;
    }
    stack.push_back(canonical_name(file_name));
    for (const auto& inc : file.includes) include_file(src, inc, out, diags, stack);
    stack.pop_back();
    detail::compile_file(src, file, out, diags);
    return diags.size() == before;
}

}  // namespace

bool parse_rules(std::string_view text, const std::string& file_name, RuleSet& out, std::vector<Diagnostic>& diags) {
    std::vector<std::string> stack;
    std::size_t before = diags.size();
    parse_text(text, file_name, out, diags, stack);
    return diags.size() == before;
}

bool load_rules(const std::string& path, RuleSet& out, std::vector<Diagnostic>& diags) {
    std::string text;
    if (std::string unread; !text::read_file(path, text, unread)) {
        Diagnostic d;
        d.file = path;
        d.message = "cannot read rules file '" + path + "'";
        diags.push_back(d);
        return false;
    }
    return parse_rules(text, path, out, diags);
}

}  // namespace opfolg::rules
