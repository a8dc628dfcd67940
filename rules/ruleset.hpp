// The rule DSL: a checked, ready-to-evaluate rule set and the functions that load it.
//
// A rules file holds `include "other.rules"` lines, at most one vocabulary block, and rules.
//
// The vocabulary classifies decision texts (at ingest, and by `opfolg rules test` for examples):
//
//   vocabulary {
//     "genoptages på næste møde" -> postponed     # phrase -> class (the classes of `decision is` below)
//     "genoptages, hvis"         -> none          # consumed, owes nothing
//   }
//
// Matching: case-insensitive (also æøå/ÆØÅ), at word starts, the longest phrase starting there wins and counts
// only when a word boundary follows. Text after a remark marker ("med bemærkning", "med denne bemærkning:", ...)
// is the remark: there only postponed, new_case and returned phrases count, and approved becomes
// approved_with_remarks.
// Profiles: rows accumulate over the files read, includes first, so `include "../default.rules"` followed by
// `vocabulary { ... }` extends the default, and a phrase defined again redefines it (the later file wins:
// "tilbagesendes" -> returned in one town, approved in another). `vocabulary only { ... }` replaces every row read
// before it. A rule set whose files have no vocabulary block is given the default rules' vocabulary.
// The checker refuses unknown classes, empty phrases, a phrase given two classes in one file, and phrases that
// can never match (spaces at the ends or doubled, a no-break space, a remark marker inside, a remark-only
// position with a class that does not count there).
//
// Rules:
//
//   rule postponed-not-resumed {
//     title    "Udsat sag ikke genoptaget"          # Danish, shown to users (required)
//     severity high                                  # info | low | medium | high (default medium)
//     when     decision is postponed                 # required: which candidates the rule looks at
//     unless   resolved or snoozed                   # optional exemption
//     due      first of (deadline in decision, next meeting, 60 days after meeting)   # required
//     flag if  no later treatment                    # optional, default: always
//     message  "{title} blev udsat; ventet senest {due}"                           # required
//     example  decision "Udsættes" -> flagged        # run by `opfolg rules test`
//   }
//
// Conditions (when / unless / flag if) combine with and, or, not and parentheses:
//   decision is CLASS               CLASS: noted approved approved_with_remarks recommended postponed new_case
//                                   investigate rejected forwarded returned none (any of the decision's classes)
//   decision|title|body|text|committee matches "RE2 regex"   case-insensitive, UTF-8 (æøå = ÆØÅ);
//                                   text = title + body + decision
//   closed                          the item is closed (Lukket)
//   committee in ("A", "B")         case-insensitive
//   case starts with "15."          case-number prefix
//   has promise                     the item's text (not the decision) promises work by a date not past
//   no later treatment              no accepted later treatment dated <= as-of
//   no later treatment before due   no accepted later treatment dated <= min(due, as-of)
//   no later treatment within N days   none dated <= min(meeting + N days, as-of)
//   meeting within N days           the meeting was at most N days before as-of
//   resolved | snoozed              a manual resolve, or a snooze whose end is after as-of, made on this rule
//   from history                    the decision comes from a Sagens forløb entry
//
// Due alternatives (the first that yields a date wins):
//   deadline in decision            a time phrase in the decision that is not past
//   promise in text                 a promise phrase in the item's text (not the decision), not past
//   next meeting                    the committee's next stored meeting
//   N days|weeks|months after meeting,  end of quarter,  end of year   (of the meeting date)
// A "til næste møde" phrase resolves to the committee's next meeting when one is stored.
//
// Message placeholders: {title} (item title) {rule_title} {rule} {committee} {meeting_date} {item} {due}
// {due_source} {days_overdue} {status} {decision} {case}; "{{" is a literal "{".
//
// Examples: `example FIELD... -> flagged | not flagged [due YYYY-MM-DD] [status overdue|pending]` with fields
// decision "..", title "..", text "..", committee "..", case "..", meeting DATE (default 2020-01-15),
// later DATE (an accepted later treatment), next meeting DATE, as of DATE (default meeting + 365 days),
// snoozed until DATE, closed, resolved, history.
#pragma once
#include "grammar/model.hpp"
#include "grammar/vocabulary.hpp"
#include "rules/flag.hpp"
#include "text/fnv.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace opfolg::rules {

// Where a rule, clause or example stands, for messages.
struct Location {
    std::string file;
    int line = 0;
    int column = 0;
};

struct Condition {
    enum class Kind {
        any_of, all_of, negation,  // children
        decision_class, matches, closed, committee_in, case_prefix, has_promise, no_later, no_later_before_due,
        no_later_within, resolved, snoozed, meeting_within, from_history
    };
    Kind kind = Kind::closed;
    std::string text;                    // the condition as written (whitespace normalised), for `why`
    DecisionClass decision_class = DecisionClass::none;
    std::string field;                   // matches: decision | title | body | text | committee
    std::shared_ptr<re2::RE2> regex;     // matches
    std::vector<std::string> strings;    // committee_in: names; case_prefix: the prefix
    int days = 0;                        // within N days
    std::vector<Condition> children;
};

struct DueAlternative {
    enum class Kind { deadline_in_decision, promise_in_text, next_meeting, after_meeting, end_of_quarter, end_of_year };
    Kind kind = Kind::next_meeting;
    int amount = 0;   // after_meeting
    char unit = 'd';  // d, w, m
    std::string text; // as written
};

struct Example {
    Location where;
    std::string text;                      // the example as written
    std::string decision, title, body, committee = "Testudvalget", case_number;
    date::year_month_day meeting = date::year{2020} / 1 / 15;
    std::optional<date::year_month_day> as_of, next_meeting, snoozed_until;
    std::vector<date::year_month_day> later;
    bool closed = false, resolved = false, from_history = false;
    bool expect_flagged = false;
    std::optional<date::year_month_day> expect_due;
    std::optional<FlagStatus> expect_status;
};

struct Rule {
    std::string id;
    std::string title;
    Severity severity = Severity::medium;
    std::optional<Condition> when, unless, flag_if;
    std::vector<DueAlternative> due;
    std::string message;
    std::vector<Example> examples;
    Location where;
};

struct RuleSet {
    std::vector<Rule> rules;          // in file order; an included file's rules come before the includer's
    std::vector<std::string> files;   // every file read, for messages
    text::Fnv1a64 texts;              // the text of every file read, in that order (the kept flags' key: flags/)
    Vocabulary vocabulary;            // the decision vocabulary in force (rows of every file read, see above)
    bool has_vocabulary = false;      // some file had a vocabulary block
    const Rule* find(std::string_view id) const;
};

struct Diagnostic {
    std::string file;
    int line = 0, column = 0;
    std::string message;
    std::string source_line;  // the offending line, for the caret display
    std::string suggestion;   // "did you mean ...", may be empty
};

// Parses a file (following includes, relative to the including file). Returns false and fills diags on error;
// rules are appended to `out` either way (only trust them when it returned true).
bool load_rules(const std::string& path, RuleSet& out, std::vector<Diagnostic>& diags);
// The same for text in memory; `file_name` is used in messages and to resolve includes.
bool parse_rules(std::string_view text, const std::string& file_name, RuleSet& out, std::vector<Diagnostic>& diags);
// "FILE:LINE:COL: error: message\n<line>\n   ^\n(did you mean 'x'?)\n"
std::string format_diagnostic(const Diagnostic&);

// The vocabulary decisions are classified with under these rules: their own, or default_vocabulary() (which
// the opfolg command sets to the default rules' vocabulary) when no file had a vocabulary block.
const Vocabulary& vocabulary_in_force(const RuleSet& rules);

// The valid message placeholders, and a condition rendered back as text.
const std::vector<std::string>& message_placeholders();

}  // namespace opfolg::rules
