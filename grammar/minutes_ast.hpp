// The X3 AST of a minutes document: lines grouped into header, items and sections. Semantics (dates,
// references, decision classes) are read from it by model_builder, with their own small grammars.
#pragma once
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>

#include <string>
#include <vector>

namespace opfolg::ast {

namespace x3 = boost::spirit::x3;

struct text_line : x3::position_tagged {
    std::string text;
};

struct section : x3::position_tagged {
    std::string heading;
    std::vector<text_line> body;
};

struct item_heading : x3::position_tagged {
    unsigned number = 0;
    std::string title;
};

struct item : x3::position_tagged {
    item_heading heading;
    std::vector<text_line> title_continuation;  // a title broken over more lines
    std::vector<text_line> case_number;         // zero or one line in KLE shape
    std::vector<text_line> preamble;            // text before the first section (Meddelelser points)
    std::vector<section> sections;
};

struct document : x3::position_tagged {
    std::vector<text_line> header;
    std::vector<item> items;
};

}  // namespace opfolg::ast
