// Diagnostics: positions, caret display, "did you mean" and the wording of syntax errors.
#include "rules/check_detail.hpp"
#include "text/edit_distance.hpp"
#include "text/utf8.hpp"

#include <algorithm>
#include <sstream>

namespace opfolg::rules {

std::string format_diagnostic(const Diagnostic& d) {
    std::ostringstream out;
    out << d.file << ':' << d.line << ':' << d.column << ": " << d.message << '\n';
    if (!d.source_line.empty() || d.line > 0) {
        out << d.source_line << '\n';
        // The caret counts characters, not bytes, so it stands under the right letter after æøå.
        int col = 1;
        std::string pad;
        for (std::size_t i = 0; i < d.source_line.size() && col < d.column; ++i) {
            unsigned char c = d.source_line[i];
            if ((c & 0xC0) == 0x80) continue;
            pad += d.source_line[i] == '\t' ? '\t' : ' ';
            ++col;
        }
        out << pad << "^\n";
    }
    if (!d.suggestion.empty()) out << '(' << d.suggestion << ")\n";
    return out.str();
}

namespace detail {

namespace {
bool is_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}
}  // namespace

const char* Source::skip_blank(const char* p) const {
    const char* end = text.data() + text.size();
    if (!p) return end;
    while (p < end) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f' || *p == '\v') {
            ++p;
        } else if (*p == '#') {
            while (p < end && *p != '\n') ++p;
        } else {
            break;
        }
    }
    return p;
}

Diagnostic Source::at(const char* p, std::string message, std::string suggestion) const {
    Diagnostic d;
    d.file = file;
    d.message = std::move(message);
    d.suggestion = std::move(suggestion);
    const char* begin = text.data();
    const char* end = begin + text.size();
    if (!p || p < begin || p > end) p = end;
    int line = 1;
    const char* line_start = begin;
    for (const char* q = begin; q < p; ++q) {
        if (*q == '\n') {
            ++line;
            line_start = q + 1;
        }
    }
    int column = 1;
    for (const char* q = line_start; q < p; ++q) {
        if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80) ++column;
    }
    const char* line_end = line_start;
    while (line_end < end && *line_end != '\n') ++line_end;
    d.line = line;
    d.column = column;
    d.source_line.assign(line_start, line_end);
    if (!d.source_line.empty() && d.source_line.back() == '\r') d.source_line.pop_back();
    return d;
}

std::string Source::word_at(const char* p) const {
    const char* end = text.data() + text.size();
    p = skip_blank(p);
    const char* q = p;
    while (q < end && is_word_char(*q)) ++q;
    return std::string(p, q);
}

std::string suggest(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.empty()) return {};
    std::string lower = text::utf8_lower(word);
    std::string best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        std::size_t d = text::edit_distance(lower, c);
        if (best.empty() || d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    // Allow about a third of the word to be wrong, at least one edit and at most three.
    std::size_t limit = std::clamp<std::size_t>(std::max(word.size(), best.size()) / 3, 1, 3);
    if (best.empty() || best_distance > limit) return {};
    return "did you mean '" + best + "'?";
}

namespace {
const std::vector<std::string> top_words{"rule", "include", "vocabulary"};
const std::vector<std::string> clause_words{"title", "severity", "when", "unless", "due", "flag", "message", "example"};
const std::vector<std::string> condition_words{"decision", "title",  "body",     "text",    "committee", "closed",
                                               "case",     "has",    "no",       "not",     "resolved",  "snoozed",
                                               "meeting",  "from"};
const std::vector<std::string> due_words{"deadline", "promise", "next", "first", "end"};
const std::vector<std::string> example_words{"decision", "title", "text",    "committee", "case",     "meeting",
                                             "later",    "next",  "as",      "snoozed",   "closed",   "resolved",
                                             "history"};
}  // namespace

Diagnostic syntax_diagnostic(const Source& src, const char* where, const std::string& which) {
    const char* p = src.skip_blank(where);
    const char* end = src.text.data() + src.text.size();
    std::string word = src.word_at(p);
    auto unknown = [&](const char* what, const std::vector<std::string>& words, const char* expected) {
        if (!word.empty()) return src.at(p, std::string("unknown ") + what + " '" + word + "'", suggest(word, words));
        if (p >= end) return src.at(p, std::string("unexpected end of file: expected ") + expected);
        return src.at(p, std::string("expected ") + expected + ", found '" + std::string(1, *p) + "'");
    };
    if (which == "closing quote") {
        return src.at(where, "unterminated string: missing closing '\"' before the end of the line");
    }
    if (which == "'rule', 'vocabulary' or 'include'") return unknown("keyword", top_words, "'rule', 'vocabulary' or 'include'");
    if (which == "a phrase (\"...\") or '}'") {
        if (p >= end) return src.at(p, "unexpected end of file: missing '}' at the end of the vocabulary");
        return src.at(p, "expected a phrase in double quotes or '}' in the vocabulary" +
                             (word.empty() ? std::string() : ", found '" + word + "'"));
    }
    if (which == "a clause keyword or '}'") {
        if (p >= end) return src.at(p, "unexpected end of file: missing '}' at the end of the rule");
        return unknown("keyword", clause_words, "a clause keyword (title, severity, when, ...) or '}'");
    }
    if (which == "condition") return unknown("condition", condition_words, "a condition");
    if (which == "due alternative") return unknown("due alternative", due_words, "a due alternative");
    if (which == "'->'") return unknown("example field", example_words, "'->' after the example's fields");
    if (which == "string") {
        return src.at(p, "expected a string in double quotes" + (word.empty() ? std::string() : ", found '" + word + "'"));
    }
    if (which == "decision class") {
        return src.at(p, "expected a decision class after 'decision is'");
    }
    // A named keyword such as 'with': a near miss gets a suggestion.
    std::string message = "expected " + which;
    if (p >= end) {
        message = "unexpected end of file: " + message;
    } else if (!word.empty()) {
        message += ", found '" + word + "'";
    } else {
        message += ", found '" + std::string(1, *p) + "'";
    }
    std::string suggestion;
    if (which.size() > 2 && which.front() == '\'' && which.back() == '\'' && !word.empty()) {
        suggestion = suggest(word, {which.substr(1, which.size() - 2)});
    }
    return src.at(p, message, suggestion);
}

}  // namespace detail
}  // namespace opfolg::rules
