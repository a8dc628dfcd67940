// The Danish time-phrase grammar, over lowercased UTF-8 text (the caller lowercases; æøå are matched as bytes).
//
//   phrase    = next_meeting | iso_date | numeric_date | modifier core | bare_core      (then a word end)
//   modifier  = "i" | "til" | "primo" | "sidst i" | "ved udgangen af" | "i løbet af" | ...
//   core      = day_month | month year? meeting? | ordinal "kvartal" year? | ordinal "halvår" year?
//             | season year? | year
//   bare_core = day_month | month (year meeting? | meeting) | ordinal "kvartal" year? | ordinal "halvår" year?
//             | season year
//   year      = ' ' ("af ")? YYYY | " i år" | " næste år"
//
// A bare year ("2019") or a bare month/season never counts: without a preposition they are too often labels.
// Every component reads a bounded number of characters, so one attempt costs O(window) and the scan is linear.
// Values are validated when resolved (dates.cpp), so "31. februar 2021" parses here and is dropped there.
#pragma once
#include "grammar/dates.hpp"
#include "grammar/dates_ast.hpp"
#include "grammar/dates_grammar.hpp"

#include <boost/spirit/home/x3.hpp>

namespace opfolg::dates::parser {

namespace x3 = boost::spirit::x3;

struct month_names_ : x3::symbols<int> {
    month_names_() {
        add("januar", 1)("februar", 2)("marts", 3)("april", 4)("maj", 5)("juni", 6)("juli", 7)("august", 8)
           ("september", 9)("oktober", 10)("november", 11)("december", 12);
    }
};
inline const month_names_ month_names;

struct modifiers_ : x3::symbols<int> {
    modifiers_() {
        using namespace ast;
        for (const char* p : {"i", "til", "på", "inden", "senest", "senest i", "fra", "frem til", "omkring",
                              "inden for", "allerede i", "til og med"})
            add(p, plain);
        for (const char* p : {"primo", "først i", "i starten af", "starten af", "i begyndelsen af", "begyndelsen af"})
            add(p, early);
        for (const char* p : {"medio", "midt i", "i midten af", "midten af"}) add(p, middle);
        for (const char* p : {"ultimo", "sidst i", "i slutningen af", "slutningen af"}) add(p, late);
        for (const char* p : {"ved udgangen af", "inden udgangen af", "med udgangen af", "udgangen af",
                              "senest ved udgangen af", "inden for udgangen af"})
            add(p, end_of);
        add("i løbet af", during)("løbet af", during);
    }
};
inline const modifiers_ modifiers;

// "4." / "4" / "fjerde"; "sidste" is the last one of its kind (resolved per kind).
struct ordinals_ : x3::symbols<int> {
    ordinals_() {
        add("1.", 1)("2.", 2)("3.", 3)("4.", 4)("1", 1)("2", 2)("3", 3)("4", 4)("første", 1)("andet", 2)("anden", 2)
           ("tredje", 3)("fjerde", 4)("sidste", -1);
    }
};
inline const ordinals_ ordinals;

struct seasons_ : x3::symbols<int> {
    seasons_() {
        add("foråret", 1)("forår", 1)("sommeren", 2)("sommer", 2)("efteråret", 3)("efterår", 3)("vinteren", 4)
           ("vinter", 4);
    }
};
inline const seasons_ seasons;

struct next_words_ : x3::symbols<> {
    next_words_() {
        add("næste")("næstkommende")("førstkommende");
    }
};
inline const next_words_ next_words;

struct meeting_words_ : x3::symbols<> {
    meeting_words_() {
        add("møde")("udvalgsmøde");
    }
};
inline const meeting_words_ meeting_words;

// Succeeds (consuming nothing) where no word character follows: "august" but not "augusts".
struct word_end_parser : x3::parser<word_end_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const&, RContext&, Attribute&) const {
        if (first == last) return true;
        return !is_word_char_at(std::string_view(&*first, static_cast<std::size_t>(last - first)), 0);
    }
};
inline const word_end_parser word_end{};

// Semantic actions: they write into the rule's attribute (_val), field by field.
template <int ast::phrase::*Field>
struct set_field {
    template <typename Context>
    void operator()(Context& ctx) const { x3::_val(ctx).*Field = static_cast<int>(x3::_attr(ctx)); }
};
template <int ast::phrase::*Field, int Value>
struct put_field {
    template <typename Context>
    void operator()(Context& ctx) const { x3::_val(ctx).*Field = Value; }
};
template <ast::kind Kind>
struct put_kind {
    template <typename Context>
    void operator()(Context& ctx) const { x3::_val(ctx).what = Kind; }
};
struct reset_all {
    template <typename Context>
    void operator()(Context& ctx) const { x3::_val(ctx) = ast::phrase{}; }
};
// Clears what a failed alternative may have left, but keeps the modifier already read.
struct reset_core {
    template <typename Context>
    void operator()(Context& ctx) const {
        int mod = x3::_val(ctx).mod;
        x3::_val(ctx) = ast::phrase{};
        x3::_val(ctx).mod = mod;
    }
};
struct mark_numeric {
    template <typename Context>
    void operator()(Context& ctx) const { x3::_val(ctx).numeric = true; }
};

using phrase_ast = ast::phrase;
const auto set_day = set_field<&phrase_ast::day>{};
const auto set_month = set_field<&phrase_ast::month>{};
const auto set_index = set_field<&phrase_ast::index>{};
const auto set_year = set_field<&phrase_ast::year>{};
const auto set_mod = set_field<&phrase_ast::mod>{};

// Spaces as PDF/HTML extraction leaves them: ' ', tab, line breaks and the UTF-8 no-break space.
const auto sp = +(x3::lit(' ') | x3::lit('\t') | x3::lit('\n') | x3::lit('\r') | x3::lit("\xc2\xa0"));
const auto digit = x3::char_('0', '9');
const auto year4 = x3::uint_parser<int, 10, 4, 4>{}[set_year] >> !digit;
const auto day2 = x3::uint_parser<int, 10, 1, 2>{};
const auto num2 = x3::uint_parser<int, 10, 2, 2>{};
const auto date_sep = x3::omit[x3::char_("-./")];

const auto year_suffix = sp >> ((-(x3::lit("af") >> sp) >> year4) |
                                x3::lit("i år")[put_field<&phrase_ast::relative_year, 0>{}] |
                                x3::lit("næste år")[put_field<&phrase_ast::relative_year, 1>{}]);
// "august mødet", "augustmødet", "august-mødet"
const auto meeting_suffix = -(sp | x3::lit('-')) >> (x3::lit("mødet") | x3::lit("møde"));

const auto day_numbers = x3::eps[reset_core{}] >> day2[set_day] >> -x3::lit('.') >> sp >> month_names[set_month] >>
                         -year_suffix >> x3::eps[put_kind<ast::kind::day>{}];
const auto day_month = -((x3::lit("den") | x3::lit("d.")) >> sp) >> day_numbers;

const auto numeric_date = x3::eps[reset_all{}] >> day2[set_day] >> date_sep >> day2[set_month] >> date_sep >> year4 >>
                          x3::eps[put_kind<ast::kind::day>{}] >> x3::eps[mark_numeric{}];
const auto iso_date = x3::eps[reset_all{}] >> year4 >> '-' >> num2[set_month] >> '-' >> num2[set_day] >>
                      x3::eps[put_kind<ast::kind::day>{}] >> x3::eps[mark_numeric{}];

const auto quarter = x3::eps[reset_core{}] >> ordinals[set_index] >> sp >> x3::lit("kvartal") >> -year_suffix >>
                     x3::eps[put_kind<ast::kind::quarter>{}];
const auto half_year = x3::eps[reset_core{}] >> ordinals[set_index] >> sp >> x3::lit("halvår") >> -year_suffix >>
                       x3::eps[put_kind<ast::kind::half_year>{}];
const auto month_with_modifier = x3::eps[reset_core{}] >> month_names[set_month] >> -year_suffix >>
                                 -meeting_suffix >> x3::eps[put_kind<ast::kind::month>{}];
const auto month_bare = x3::eps[reset_core{}] >> month_names[set_month] >>
                        ((year_suffix >> -meeting_suffix) | meeting_suffix) >> x3::eps[put_kind<ast::kind::month>{}];
const auto season_with_modifier = x3::eps[reset_core{}] >> seasons[set_index] >> -year_suffix >>
                                  x3::eps[put_kind<ast::kind::season>{}];
const auto season_bare = x3::eps[reset_core{}] >> seasons[set_index] >> year_suffix >>
                         x3::eps[put_kind<ast::kind::season>{}];
const auto year_only = x3::eps[reset_core{}] >> year4 >> x3::eps[put_kind<ast::kind::year>{}];

const auto modified = x3::eps[reset_all{}] >> modifiers[set_mod] >> sp >>
                      (day_month | quarter | half_year | month_with_modifier | season_with_modifier | year_only);
const auto bare = x3::eps[reset_all{}] >> (day_month | quarter | half_year | month_bare | season_bare);

// "til næste møde", "på det næste udvalgsmøde", "næstkommende ordinære møde"
const auto next_meeting = x3::eps[reset_all{}] >> -(modifiers >> sp) >> -((x3::lit("det") | x3::lit("et")) >> sp) >>
                          next_words >> sp >> -(x3::lit("ordinære") >> sp) >> meeting_words >>
                          x3::eps[put_kind<ast::kind::next_meeting>{}];

const phrase_type phrase = "time phrase";
const auto phrase_def = (next_meeting >> word_end) | (iso_date >> word_end) | (numeric_date >> word_end) |
                        (modified >> word_end) | (bare >> word_end);

BOOST_SPIRIT_DEFINE(phrase)

}  // namespace opfolg::dates::parser
