// Definition of the rules DSL grammar. Attributes are built in semantic actions so every node keeps the
// position it came from (ast::WordAt / where pointers); expectation points (>) name what they expect, and
// the error handler on the top rule records the first failure (file:line:col is computed by compile.cpp).
//
//   file      = { include | vocabulary | rule } end
//   include   = "include" string
//   vocabulary = "vocabulary" ["only"] "{" { string "->" word } "}"
//   rule      = "rule" id "{" { clause } "}"
//   clause    = "title" string | "severity" word | "when" cond | "unless" cond | "due" due
//             | "flag" "if" cond | "message" string | "example" example
//   cond      = and { "or" and } ;  and = unary { "and" unary } ;  unary = "not" unary | "(" cond ")" | atom
//   atom      = "decision" "is" word | field "matches" string | "closed" | "committee" "in" "(" strings ")"
//             | "case" "starts" "with" string | "has" "promise" | "no" "later" "treatment" [ "before" "due"
//             | "within" N "days" ] | "resolved" | "snoozed" | "meeting" "within" N "days" | "from" "history"
//   due       = "first" "of" "(" alt { "," alt } ")" | alt
//   alt       = "deadline" "in" "decision" | "promise" "in" "text" | "next" "meeting"
//             | N ("days"|"weeks"|"months") "after" "meeting" | "end" "of" ("quarter"|"year")
//   example   = { field } "->" ["not"] "flagged" [ "due" date ] [ "status" word ]
#pragma once
#include "rules/rules_grammar.hpp"

namespace opfolg::rules::parser {

using x3::lexeme;
using x3::lit;
using x3::raw;

// --- lexical helpers -----------------------------------------------------------------------------------

// A whole keyword: "no" must not match the start of "not".
inline auto kw(char const* w) { return lexeme[lit(w) >> !x3::char_("a-zA-Z0-9_-")]; }

// A keyword at an expectation point, named so the error reads "expected 'with'".
#define OPFOLG_KW(word) (x3::rule<struct kw_##word##_tag>{"'" #word "'"} = kw(#word))

inline ast::WordAt word_at(boost::iterator_range<iterator_type> const& r) {
    return ast::WordAt{std::string(r.begin(), r.end()), r.begin()};
}

// Inside strings \" and \\ are escapes; any other backslash stays, so regexes read naturally ("\d+").
inline std::string unescape(iterator_type b, iterator_type e) {
    std::string out;
    for (auto p = b; p != e; ++p) {
        if (*p == '\\' && p + 1 != e && (p[1] == '"' || p[1] == '\\')) ++p;
        out.push_back(*p);
    }
    return out;
}

x3::rule<class closing_quote_class> const closing_quote = "closing quote";
x3::rule<class quoted_class, ast::WordAt> const quoted = "string";
x3::rule<class word_class, ast::WordAt> const word = "word";
x3::rule<class class_word_class, ast::WordAt> const class_word = "decision class";
x3::rule<class date_word_class, ast::WordAt> const date_word = "date (YYYY-MM-DD)";
x3::rule<class number_class, unsigned> const number = "number";
x3::rule<class lparen_class> const lparen = "'('";
x3::rule<class rparen_class> const rparen = "')'";

auto const closing_quote_def = lit('"');
auto const quoted_def = lexeme['"' >> raw[*(('\\' >> ~x3::standard::char_('\n')) | ~x3::standard::char_("\"\\\n"))]
                               > closing_quote][([](auto& ctx) {
    auto const& r = x3::_attr(ctx);
    x3::_val(ctx) = ast::WordAt{unescape(r.begin(), r.end()), r.begin() - 1};
})];
auto const word_def = raw[lexeme[x3::char_("a-zA-Z_") >> *x3::char_("a-zA-Z0-9_-")]][([](auto& ctx) {
    x3::_val(ctx) = word_at(x3::_attr(ctx));
})];
auto const class_word_def = word;
auto const date_word_def = raw[lexeme[+x3::char_("0-9-")]][([](auto& ctx) { x3::_val(ctx) = word_at(x3::_attr(ctx)); })];
auto const number_def = x3::uint_;
auto const lparen_def = lit('(');
auto const rparen_def = lit(')');

BOOST_SPIRIT_DEFINE(closing_quote, quoted, word, class_word, date_word, number, lparen, rparen)

// Boost 1.74's _where in actions starts at the end of the match, so node spans are set by the on_success
// hook of a rule instead, which sees the matched range (after the skipper). X3 passes no attribute to
// on_success of a rule whose definition has actions, so each tagged rule X is defined as X_body (the
// actions) and X = X_body (tagged).
struct span_tagger {
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const& last, ast::Cond& node, Context const&) const {
        node.where = first;
        node.end = last;
    }
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const& last, ast::DueAlt& node, Context const&) const {
        node.where = first;
        node.end = last;
    }
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const& last, ast::Example& node, Context const&) const {
        node.where = first;
        node.end = last;
    }
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const&, ast::Clause& node, Context const&) const {
        node.keyword.where = first;
    }
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const&, ast::Rule& node, Context const&) const {
        node.where = first;
    }
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const&, ast::Include& node, Context const&) const {
        node.where = first;
    }
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const&, ast::Vocabulary& node, Context const&) const {
        node.where = first;
    }
};
struct cond_class : span_tagger {};
struct and_cond_class : span_tagger {};
struct unary_class : span_tagger {};
struct atom_class : span_tagger {};
struct due_alt_class : span_tagger {};
struct example_class : span_tagger {};
struct clause_class : span_tagger {};
struct rule_class : span_tagger {};
struct include_class : span_tagger {};
struct vocabulary_class : span_tagger {};

// --- conditions ----------------------------------------------------------------------------------------

x3::rule<class cond_body_class, ast::Cond> const cond_body = "condition";
x3::rule<cond_class, ast::Cond> const cond = "condition";
x3::rule<class and_cond_body_class, ast::Cond> const and_cond_body = "condition";
x3::rule<and_cond_class, ast::Cond> const and_cond = "condition";
x3::rule<class unary_body_class, ast::Cond> const unary_body = "condition";
x3::rule<unary_class, ast::Cond> const unary = "condition";
x3::rule<class atom_body_class, ast::Cond> const atom_body = "condition";
x3::rule<atom_class, ast::Cond> const atom = "condition";
x3::rule<class days_class> const days = "'days'";

template <typename Ctx>
ast::Cond make_atom(Ctx& ctx, char const* kind) {
    ast::Cond c;
    c.op = "atom";
    c.kind = kind;
    c.where = x3::_where(ctx).begin();
    c.end = x3::_where(ctx).end();
    return c;
}
// An action that builds an atom of `kind` with no arguments.
inline auto atom_of(char const* kind) {
    return [kind](auto& ctx) { x3::_val(ctx) = make_atom(ctx, kind); };
}
inline auto atom_number(char const* kind) {
    return [kind](auto& ctx) {
        auto c = make_atom(ctx, kind);
        c.number = x3::_attr(ctx);
        x3::_val(ctx) = c;
    };
}

// Folds "a or b or c" into one node; a single operand stays itself.
inline auto first_operand = [](auto& ctx) { x3::_val(ctx) = x3::_attr(ctx); };
inline auto join(char const* op) {
    return [op](auto& ctx) {
        auto& v = x3::_val(ctx);
        if (v.op != op) {
            ast::Cond node;
            node.op = op;
            node.where = v.where;
            node.children.push_back(std::move(v));
            v = std::move(node);
        }
        v.children.push_back(x3::_attr(ctx));
        v.end = v.children.back().end;
    };
}

x3::rule<class field_word_class, ast::WordAt> const field_word = "field";
auto const field_word_def = raw[kw("decision") | kw("title") | kw("body") | kw("text") | kw("committee")][(
    [](auto& ctx) { x3::_val(ctx) = word_at(x3::_attr(ctx)); })];

auto const days_def = kw("days");
auto const cond_body_def = and_cond[first_operand] >> *(kw("or") > and_cond[join("or")]);
auto const and_cond_body_def = unary[first_operand] >> *(kw("and") > unary[join("and")]);
auto const unary_body_def =
    (kw("not") > unary)[([](auto& ctx) {
        ast::Cond c;
        c.op = "not";
        c.where = x3::_where(ctx).begin();
        c.end = x3::_where(ctx).end();
        c.children.push_back(x3::_attr(ctx));
        x3::_val(ctx) = c;
    })]
    | (lit('(') > cond > rparen)[([](auto& ctx) {
          auto c = x3::_attr(ctx);
          c.where = x3::_where(ctx).begin();
          c.end = x3::_where(ctx).end();
          x3::_val(ctx) = c;
      })]
    | atom[first_operand];

auto const atom_body_def =
    ((kw("decision") >> kw("is")) > class_word)[([](auto& ctx) {
        auto c = make_atom(ctx, "class");
        c.arg = x3::_attr(ctx);
        x3::_val(ctx) = c;
    })]
    | (field_word >> kw("matches") > quoted)[([](auto& ctx) {
          auto c = make_atom(ctx, "matches");
          c.arg = boost::fusion::at_c<0>(x3::_attr(ctx));
          c.strings.push_back(boost::fusion::at_c<1>(x3::_attr(ctx)));
          x3::_val(ctx) = c;
      })]
    | kw("closed")[atom_of("closed")]
    | ((kw("committee") >> kw("in")) > lparen > quoted > *(',' > quoted) > rparen)[([](auto& ctx) {
          auto c = make_atom(ctx, "committee_in");
          c.strings.push_back(boost::fusion::at_c<0>(x3::_attr(ctx)));
          for (auto const& s : boost::fusion::at_c<1>(x3::_attr(ctx))) c.strings.push_back(s);
          x3::_val(ctx) = c;
      })]
    | ((kw("case") >> kw("starts")) > OPFOLG_KW(with) > quoted)[([](auto& ctx) {
          auto c = make_atom(ctx, "case_prefix");
          c.strings.push_back(x3::_attr(ctx));
          x3::_val(ctx) = c;
      })]
    | (kw("has") > OPFOLG_KW(promise))[atom_of("has_promise")]
    | ((kw("no") >> kw("later") >> kw("treatment") >> kw("before")) > OPFOLG_KW(due))[atom_of("no_later_before_due")]
    | ((kw("no") >> kw("later") >> kw("treatment") >> kw("within")) > number > days)[atom_number("no_later_within")]
    | (kw("no") > OPFOLG_KW(later) > OPFOLG_KW(treatment))[atom_of("no_later")]
    | kw("resolved")[atom_of("resolved")]
    | kw("snoozed")[atom_of("snoozed")]
    | ((kw("meeting") >> kw("within")) > number > days)[atom_number("meeting_within")]
    | (kw("from") > OPFOLG_KW(history))[atom_of("from_history")];

auto const cond_def = cond_body;  // tagged with its span by cond_class::on_success
auto const and_cond_def = and_cond_body;  // tagged with its span by and_cond_class::on_success
auto const unary_def = unary_body;  // tagged with its span by unary_class::on_success
auto const atom_def = atom_body;  // tagged with its span by atom_class::on_success
BOOST_SPIRIT_DEFINE(cond, and_cond, unary, atom, days, field_word, cond_body, and_cond_body, unary_body, atom_body)

// --- due expressions -----------------------------------------------------------------------------------

x3::rule<class due_alt_body_class, ast::DueAlt> const due_alt_body = "due alternative";
x3::rule<due_alt_class, ast::DueAlt> const due_alt = "due alternative";
x3::rule<class due_body_class, std::vector<ast::DueAlt>> const due_body = "due alternative";
x3::rule<class unit_class, std::string> const unit = "'days', 'weeks' or 'months'";
x3::rule<class period_class, std::string> const period = "'quarter' or 'year'";

inline auto due_of(char const* kind) {
    return [kind](auto& ctx) {
        ast::DueAlt d;
        d.kind = kind;
        d.where = x3::_where(ctx).begin();
        d.end = x3::_where(ctx).end();
        x3::_val(ctx) = d;
    };
}

auto const unit_def = raw[kw("days") | kw("day") | kw("weeks") | kw("week") | kw("months") | kw("month")];
auto const period_def = raw[kw("quarter") | kw("year")];
auto const due_alt_body_def =
    (kw("deadline") > OPFOLG_KW(in) > OPFOLG_KW(decision))[due_of("deadline_in_decision")]
    | (kw("promise") > OPFOLG_KW(in) > OPFOLG_KW(text))[due_of("promise_in_text")]
    | (kw("next") > OPFOLG_KW(meeting))[due_of("next_meeting")]
    | (number > unit > OPFOLG_KW(after) > OPFOLG_KW(meeting))[([](auto& ctx) {
          due_of("after_meeting")(ctx);
          x3::_val(ctx).number = boost::fusion::at_c<0>(x3::_attr(ctx));
          x3::_val(ctx).unit = boost::fusion::at_c<1>(x3::_attr(ctx));
      })]
    | (kw("end") > OPFOLG_KW(of) > period)[([](auto& ctx) {
          due_of(x3::_attr(ctx) == "quarter" ? "end_of_quarter" : "end_of_year")(ctx);
      })];
auto const due_body_def =
    ((kw("first") > OPFOLG_KW(of) > lparen > due_alt > *(',' > due_alt) > rparen)[([](auto& ctx) {
        auto& v = x3::_val(ctx);
        v.clear();
        v.push_back(boost::fusion::at_c<0>(x3::_attr(ctx)));
        for (auto const& d : boost::fusion::at_c<1>(x3::_attr(ctx))) v.push_back(d);
    })])
    | due_alt[([](auto& ctx) { x3::_val(ctx) = std::vector<ast::DueAlt>{x3::_attr(ctx)}; })];

auto const due_alt_def = due_alt_body;  // tagged with its span by due_alt_class::on_success
BOOST_SPIRIT_DEFINE(due_alt, due_body, unit, period, due_alt_body)

// --- examples ------------------------------------------------------------------------------------------

x3::rule<class example_field_class, ast::ExampleField> const example_field = "example field";
x3::rule<class example_body_class, ast::Example> const example_body = "example";
x3::rule<example_class, ast::Example> const example = "example";
x3::rule<class arrow_class> const arrow = "'->'";
x3::rule<class outcome_class, bool> const outcome = "'flagged' or 'not flagged'";

inline auto field_of(char const* key) {
    return [key](auto& ctx) { x3::_val(ctx) = ast::ExampleField{key, x3::_attr(ctx)}; };
}
inline auto flag_field(char const* key) {
    return [key](auto& ctx) { x3::_val(ctx) = ast::ExampleField{key, ast::WordAt{"", x3::_where(ctx).begin()}}; };
}

auto const example_field_def =
    (kw("decision") > quoted)[field_of("decision")]
    | (kw("title") > quoted)[field_of("title")]
    | (kw("text") > quoted)[field_of("text")]
    | (kw("committee") > quoted)[field_of("committee")]
    | (kw("case") > quoted)[field_of("case")]
    | (kw("meeting") > date_word)[field_of("meeting")]
    | (kw("later") > date_word)[field_of("later")]
    | (kw("next") > OPFOLG_KW(meeting) > date_word)[field_of("next_meeting")]
    | (kw("as") > OPFOLG_KW(of) > date_word)[field_of("as_of")]
    | (kw("snoozed") > OPFOLG_KW(until) > date_word)[field_of("snoozed_until")]
    | kw("closed")[flag_field("closed")]
    | kw("resolved")[flag_field("resolved")]
    | kw("history")[flag_field("history")];
auto const arrow_def = lit("->");
auto const outcome_def = (kw("not") > OPFOLG_KW(flagged))[([](auto& ctx) { x3::_val(ctx) = false; })]
                         | kw("flagged")[([](auto& ctx) { x3::_val(ctx) = true; })];
auto const example_body_def = (*example_field > arrow > outcome > -(kw("due") > date_word) > -(kw("status") > word))[(
    [](auto& ctx) {
        auto& a = x3::_attr(ctx);
        ast::Example e;
        e.fields = boost::fusion::at_c<0>(a);
        e.flagged = boost::fusion::at_c<1>(a);
        if (auto const& d = boost::fusion::at_c<2>(a)) e.due = *d;
        if (auto const& s = boost::fusion::at_c<3>(a)) e.status = *s;
        e.where = x3::_where(ctx).begin();
        e.end = x3::_where(ctx).end();
        x3::_val(ctx) = e;
    })];

auto const example_def = example_body;  // tagged with its span by example_class::on_success
BOOST_SPIRIT_DEFINE(example_field, example, arrow, outcome, example_body)

// --- clauses, rules, files -----------------------------------------------------------------------------

x3::rule<class clause_body_class, ast::Clause> const clause_body = "clause";
x3::rule<clause_class, ast::Clause> const clause = "clause";
x3::rule<class rule_end_class> const rule_end = "a clause keyword or '}'";
x3::rule<class lbrace_class> const lbrace = "'{'";
x3::rule<class rule_body_class, ast::Rule> const rule_body = "rule";
x3::rule<rule_class, ast::Rule> const rule = "rule";
x3::rule<class include_body_class, ast::Include> const include_body = "include";
x3::rule<include_class, ast::Include> const include = "include";
x3::rule<class top_end_class> const top_end = "'rule', 'vocabulary' or 'include'";
x3::rule<class vocab_entry_class, ast::VocabEntry> const vocab_entry = "vocabulary row";
x3::rule<class vocab_end_class> const vocab_end = "a phrase (\"...\") or '}'";
x3::rule<class vocab_arrow_class> const vocab_arrow = "'->' and a decision class after the phrase";
x3::rule<class vocabulary_body_class, ast::Vocabulary> const vocabulary_body = "vocabulary";
x3::rule<vocabulary_class, ast::Vocabulary> const vocabulary = "vocabulary";
file_type const file = "rules file";

template <typename Ctx>
ast::Clause make_clause(Ctx& ctx, char const* keyword) {
    ast::Clause c;
    c.keyword = ast::WordAt{keyword, x3::_where(ctx).begin()};
    return c;
}
inline auto value_clause(char const* keyword) {
    return [keyword](auto& ctx) {
        auto c = make_clause(ctx, keyword);
        c.value = x3::_attr(ctx);
        x3::_val(ctx) = c;
    };
}
inline auto cond_clause(char const* keyword) {
    return [keyword](auto& ctx) {
        auto c = make_clause(ctx, keyword);
        c.cond = x3::_attr(ctx);
        x3::_val(ctx) = c;
    };
}

auto const clause_body_def =
    (kw("title") > quoted)[value_clause("title")]
    | (kw("severity") > word)[value_clause("severity")]
    | (kw("when") > cond)[cond_clause("when")]
    | (kw("unless") > cond)[cond_clause("unless")]
    | (kw("flag") > OPFOLG_KW(if) > cond)[cond_clause("flag if")]
    | (kw("due") > due_body)[([](auto& ctx) {
          auto c = make_clause(ctx, "due");
          c.due = x3::_attr(ctx);
          x3::_val(ctx) = c;
      })]
    | (kw("message") > quoted)[value_clause("message")]
    | (kw("example") > example)[([](auto& ctx) {
          auto c = make_clause(ctx, "example");
          c.example = x3::_attr(ctx);
          x3::_val(ctx) = c;
      })];
auto const rule_end_def = lit('}');
auto const lbrace_def = lit('{');
auto const rule_body_def = (kw("rule") > word > lbrace > *clause > rule_end)[([](auto& ctx) {
    ast::Rule r;
    r.where = x3::_where(ctx).begin();
    r.id = boost::fusion::at_c<0>(x3::_attr(ctx));
    r.clauses = boost::fusion::at_c<1>(x3::_attr(ctx));
    x3::_val(ctx) = r;
})];
auto const include_body_def = (kw("include") > quoted)[([](auto& ctx) {
    x3::_val(ctx) = ast::Include{x3::_attr(ctx), x3::_where(ctx).begin()};
})];
auto const top_end_def = x3::eoi;
auto const vocab_arrow_def = lit("->");
auto const vocab_entry_def = (quoted > vocab_arrow > class_word)[([](auto& ctx) {
    x3::_val(ctx) = ast::VocabEntry{boost::fusion::at_c<0>(x3::_attr(ctx)), boost::fusion::at_c<1>(x3::_attr(ctx))};
})];
auto const vocab_end_def = lit('}');
auto const vocabulary_body_def = (kw("vocabulary") > x3::matches[kw("only")] > lbrace > *vocab_entry > vocab_end)[(
    [](auto& ctx) {
    ast::Vocabulary v;
    v.only = boost::fusion::at_c<0>(x3::_attr(ctx));
    v.entries = boost::fusion::at_c<1>(x3::_attr(ctx));
    x3::_val(ctx) = v;
})];
auto const file_def = *(include[([](auto& ctx) { x3::_val(ctx).includes.push_back(x3::_attr(ctx)); })]
                        | vocabulary[([](auto& ctx) { x3::_val(ctx).vocabularies.push_back(x3::_attr(ctx)); })]
                        | rule[([](auto& ctx) { x3::_val(ctx).rules.push_back(x3::_attr(ctx)); })])
                      > top_end;

auto const vocabulary_def = vocabulary_body;  // tagged with its span by vocabulary_class::on_success
auto const clause_def = clause_body;  // tagged with its span by clause_class::on_success
auto const rule_def = rule_body;  // tagged with its span by rule_class::on_success
auto const include_def = include_body;  // tagged with its span by include_class::on_success
BOOST_SPIRIT_DEFINE(clause, rule_end, lbrace, rule, include, top_end, file, clause_body, rule_body, include_body,
                    vocab_entry, vocab_end, vocab_arrow, vocabulary, vocabulary_body)

// Records the first expectation failure; X3 then stops and parse_syntax() returns false.
struct file_class {
    template <typename Iterator, typename Exception, typename Context>
    x3::error_handler_result on_error(Iterator&, Iterator const&, Exception const& x, Context const& context) {
        SyntaxError& error = x3::get<syntax_error_tag>(context).get();
        if (!error.failed) {
            error.failed = true;
            error.where = x.where();
            error.which = x.which();
        }
        return x3::error_handler_result::fail;
    }
};

}  // namespace opfolg::rules::parser
