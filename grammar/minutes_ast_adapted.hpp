#pragma once
#include "grammar/minutes_ast.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(opfolg::ast::text_line, text)
BOOST_FUSION_ADAPT_STRUCT(opfolg::ast::section, heading, body)
BOOST_FUSION_ADAPT_STRUCT(opfolg::ast::item_heading, number, title)
BOOST_FUSION_ADAPT_STRUCT(opfolg::ast::item, heading, title_continuation, case_number, preamble, sections)
BOOST_FUSION_ADAPT_STRUCT(opfolg::ast::document, header, items)
