// The checker for a vocabulary block: each row becomes a row of RuleSet::vocabulary (with its file:line), or a
// diagnostic. Rows of an earlier file (an include) may be redefined; within one file a phrase has one class.
#include "rules/check_detail.hpp"

#include "grammar/decision.hpp"
#include "grammar/reader.hpp"

#include <map>

namespace opfolg::rules::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Why a phrase can never match a decision text, or "".
std::string never_matches(const std::string& lower, DecisionClass c) {
    if (is_space(lower.front()) || is_space(lower.back()))
        return "it starts or ends with a space (phrases match at word starts and end at a word boundary)";
    for (std::size_t i = 1; i < lower.size(); ++i)
        if (is_space(lower[i]) && (is_space(lower[i - 1]) || lower[i] != ' '))
            return "it has a doubled space, a tab or a line break (decision texts have single spaces)";
    if (lower.find("\xC2\xA0") != std::string::npos || lower.find("\xC2\xAD") != std::string::npos)
        return "it has a no-break space or a soft hyphen (the reader turns them into a space and nothing)";
    for (const char* marker : remark_markers()) {
        std::size_t at = lower.find(marker);
        if (at == std::string::npos) continue;
        if (at > 0)
            return std::string("the decision text is cut at the remark marker '") + marker +
                   "' inside it (the remark is read on its own)";
        if (!counts_in_remark(c) && c != DecisionClass::none)
            return std::string("it starts with the remark marker '") + marker +
                   "', and in a remark only postponed, new_case and returned phrases count";
    }
    return {};
}

}  // namespace

void compile_vocabulary(const Source& src, const ast::Vocabulary& block, RuleSet& out, std::vector<Diagnostic>& diags) {
    if (block.only) out.vocabulary.clear();
    out.has_vocabulary = true;
    std::map<std::string, std::pair<DecisionClass, int>> in_this_file;  // lowered phrase -> class, line
    for (const auto& e : block.entries) {
        DecisionClass c = DecisionClass::none;
        if (!decision_class_from_string(e.decision_class.text, c)) {
            diags.push_back(src.at(e.decision_class.where, "unknown decision class '" + e.decision_class.text + "'",
                                   suggest(e.decision_class.text, class_names())));
            continue;
        }
        const std::string lower = utf8_lower(e.phrase.text);
        if (lower.find_first_not_of(" \t\r\n") == std::string::npos) {
            diags.push_back(src.at(e.phrase.where, "empty phrase in the vocabulary"));
            continue;
        }
        if (std::string why = never_matches(lower, c); !why.empty()) {
            diags.push_back(src.at(e.phrase.where, "phrase \"" + e.phrase.text + "\" can never match: " + why));
            continue;
        }
        const int line = src.at(e.phrase.where, "").line;
        auto [seen, fresh] = in_this_file.emplace(lower, std::make_pair(c, line));
        if (!fresh) {
            const auto& [first_class, first_line] = seen->second;
            std::string message = first_class == c
                                      ? "duplicate phrase \"" + e.phrase.text + "\" (also at line " +
                                            std::to_string(first_line) + ")"
                                      : "phrase \"" + e.phrase.text + "\" is " + to_string(c) + " here but " +
                                            to_string(first_class) + " at line " + std::to_string(first_line) +
                                            " (one phrase, one class)";
            diags.push_back(src.at(e.phrase.where, message));
            continue;
        }
        out.vocabulary.add(e.phrase.text, c, src.file, line);
    }
}

}  // namespace opfolg::rules::detail

namespace opfolg::rules {

const Vocabulary& vocabulary_in_force(const RuleSet& rules) {
    return rules.has_vocabulary ? rules.vocabulary : default_vocabulary();
}

}  // namespace opfolg::rules
