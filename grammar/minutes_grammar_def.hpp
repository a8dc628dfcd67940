// The minutes grammar: a line grammar over the reader's normalized text (one line per '\n').
//
//   document   = header item*
//   header     = lines until the first "Punkt N: title"
//   item       = heading title-continuation* case-number? preamble section*
//   section    = known heading on a line of its own, then body lines | "Afbud names" on one line
//
// Every line the grammar does not know as structure is kept as text of the part it stands in, so nothing is
// dropped. An item heading with no title is an expectation failure: it is reported as a warning with its line
// and parsing continues (on_error accepts), so one malformed item never loses the rest of the document.
#pragma once
#include "grammar/minutes_ast.hpp"
#include "grammar/minutes_ast_adapted.hpp"
#include "grammar/layout.hpp"
#include "grammar/minutes_grammar.hpp"

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

#include <cstring>

namespace opfolg::parser {

namespace x3 = boost::spirit::x3;

// Section headings as municipalities write them (layout.cpp). Unknown headings stay text of the section
// before them.
struct section_headings_ : x3::symbols<> {
    section_headings_() {
        for (const auto& row : layout::section_headings()) add(row.heading);
    }
};
inline const section_headings_ section_headings;

// Handlers: annotate nodes with their position; recover from a malformed item heading.
struct text_line_class : x3::annotate_on_success {};
struct case_line_class : x3::annotate_on_success {};
struct section_class : x3::annotate_on_success {};
struct item_class : x3::annotate_on_success {};
struct document_class : x3::annotate_on_success {};
struct item_heading_class : x3::annotate_on_success {
    template <typename Iterator, typename Exception, typename Context>
    x3::error_handler_result on_error(Iterator& first, Iterator const& last, Exception const& x,
                                      Context const& context) {
        auto& ctx = x3::get<x3::error_handler_tag>(context).get();
        (void)x;  // x.which() names a parser type, not something a reader of the minutes can use
        ctx.problems.push_back({first, "item heading without a title: \"Punkt N:\" must be followed by the title"});
        while (first != last && *first != '\n') ++first;  // skip the broken heading line, keep the item
        if (first != last) ++first;
        return x3::error_handler_result::accept;
    }
};

const x3::rule<text_line_class, ast::text_line> text_line = "text line";
const x3::rule<case_line_class, ast::text_line> case_line = "case number";
const x3::rule<section_class, ast::section> section = "section";
const x3::rule<item_heading_class, ast::item_heading> item_heading = "item heading";
const x3::rule<item_class, ast::item> item = "item";
const document_type document = "minutes document";

const auto eol = x3::lit('\n');
const auto blank = x3::omit[eol];
// A case number is a whole line in one of the shapes of layout.cpp ("15.00.00-P05-3-20", "21-014448",
// "EMN-2025-003383"). A primitive parser: the rest of the line, accepted only in a known shape.
struct case_number_parser : x3::parser<case_number_parser> {
    using attribute_type = std::string;
    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr& attr) const {
        It end = first;
        while (end != last && *end != '\n') ++end;
        if (end == first || !layout::is_case_number(std::string_view(&*first, static_cast<std::size_t>(end - first))))
            return false;
        x3::traits::move_to(std::string(first, end), attr);
        first = end;
        return true;
    }
};
const case_number_parser case_number{};
// The rest of a line, at least one character, up to its '\n': one memchr, not a char_ - eol test per byte (the
// per-byte loop was most of the grammar's own instructions; every line of a document is read by it once).
struct rest_of_line_parser : x3::parser<rest_of_line_parser> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;
    template <typename It, typename Ctx, typename RCtx, typename Attr>
    bool parse(It& first, It const& last, Ctx const&, RCtx&, Attr&) const {
        if (first == last || *first == '\n') return false;
        const char* const from = &*first;
        const auto left = static_cast<std::size_t>(last - first);
        const void* const eol_at = std::memchr(from, '\n', left);
        first += eol_at ? static_cast<const char*>(eol_at) - from : static_cast<std::ptrdiff_t>(left);
        return true;
    }
};
const rest_of_line_parser rest_of_line{};
const auto item_start = x3::lit("Punkt") >> ' ' >> x3::uint_ >> ':';
const auto section_start = (section_headings >> eol) | (x3::lit("Afbud") >> ' ');
const auto plain_line = !item_start >> !section_start >> text_line;

// raw[]: the line is copied once, not appended character by character (bench/: 16% of parse_minutes).
const auto text_line_def = x3::raw[rest_of_line] >> eol;
const auto item_heading_def = item_start >> *x3::lit(' ') > x3::raw[rest_of_line] > eol;
const auto title_continuation = !x3::lit('\n') >> !(case_number >> eol) >> plain_line;
const auto case_line_def = case_number >> eol;
const auto body = *(*blank >> plain_line) >> *blank;
// The lookahead keeps a failed first alternative from leaving "Afbud" in the attribute (X3 alternatives do
// not roll back container attributes).
const auto section_def = (&(section_headings >> eol) >> x3::raw[section_headings] >> eol >> body) |
                         (x3::string("Afbud") >> ' ' >> x3::repeat(1)[text_line] >> *blank);
const auto item_def = item_heading >> *title_continuation >> *blank >> x3::repeat(0, 1)[case_line] >> body >>
                      *section;
const auto header = *(*blank >> !item_start >> text_line) >> *blank;
const auto document_def = header >> *item >> x3::eoi;

BOOST_SPIRIT_DEFINE(text_line, case_line, section, item_heading, item, document)

}  // namespace opfolg::parser

namespace opfolg {
inline const parser::document_type& minutes_grammar_def() { return parser::document; }
}  // namespace opfolg
