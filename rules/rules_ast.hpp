// The syntax tree of a rules file, as the X3 grammar (rules_grammar_def.hpp) builds it.
// Nodes keep raw pointers into the parsed text so the checker (compile.cpp) can report line:column for
// semantic errors; the tree never outlives the text it was parsed from.
#pragma once
#include <string>
#include <vector>

namespace opfolg::rules::ast {

// A word or string together with where it starts in the text (the opening quote for strings).
struct WordAt {
    std::string text;
    const char* where = nullptr;
};

// A condition: op is "or" / "and" / "not" (children) or "atom" (kind + arguments).
// Atom kinds: class, matches, closed, committee_in, case_prefix, has_promise, no_later, no_later_before_due,
// no_later_within, resolved, snoozed, meeting_within, from_history.
struct Cond {
    std::string op;
    std::string kind;
    WordAt arg;                   // class name (class) or field (matches)
    std::vector<WordAt> strings;  // regex (matches), committees (committee_in), prefix (case_prefix)
    unsigned number = 0;          // N of "within N days"
    std::vector<Cond> children;
    const char* where = nullptr;  // the condition's source text is [where, end)
    const char* end = nullptr;
};

// One alternative of a due expression: deadline_in_decision, promise_in_text, next_meeting, after_meeting
// (number + unit), end_of_quarter, end_of_year.
struct DueAlt {
    std::string kind;
    unsigned number = 0;
    std::string unit;
    const char* where = nullptr;
    const char* end = nullptr;
};

struct ExampleField {
    std::string key;  // decision, title, text, committee, case, meeting, later, next_meeting, as_of, closed, ...
    WordAt value;
};

struct Example {
    std::vector<ExampleField> fields;
    bool flagged = false;
    WordAt due;     // expected due date, optional
    WordAt status;  // expected status, optional
    const char* where = nullptr;
    const char* end = nullptr;
};

struct Clause {
    WordAt keyword;             // title, severity, when, unless, due, flag, message, example
    WordAt value;               // title / message string, severity word
    Cond cond;                  // when / unless / flag if
    std::vector<DueAlt> due;    // due
    Example example;            // example
};

struct Rule {
    WordAt id;
    const char* where = nullptr;
    std::vector<Clause> clauses;
};

struct Include {
    WordAt path;
    const char* where = nullptr;
};

// `"genoptages på næste møde" -> postponed` in a vocabulary block.
struct VocabEntry {
    WordAt phrase;  // where: the opening quote
    WordAt decision_class;
};

// `vocabulary { entries }` extends the vocabulary in force; `vocabulary only { ... }` replaces it.
struct Vocabulary {
    bool only = false;
    std::vector<VocabEntry> entries;
    const char* where = nullptr;
};

struct File {
    std::vector<Include> includes;
    std::vector<Rule> rules;
    std::vector<Vocabulary> vocabularies;
};

}  // namespace opfolg::rules::ast
