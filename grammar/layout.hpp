// Layout knowledge as data: how municipalities' minutes spell their section headings, case numbers and
// history blocks. The grammar and the model builder read these tables; a new municipality or publishing
// platform is new rows here (docs/sources.md), not new code.
#pragma once
#include "grammar/model.hpp"

#include <string_view>
#include <vector>

namespace opfolg::layout {

// A section heading as written on a line of its own -> its kind (model.hpp SectionKind).
struct HeadingRow {
    const char* heading;
    SectionKind kind;
};
const std::vector<HeadingRow>& section_headings();
// The kind of a heading (case-insensitive), SectionKind::other when it is not a known heading.
SectionKind section_kind(std::string_view heading);

// Case-number shapes, one pattern per row: '9' a digit, 'A' an ASCII capital, 'X' a letter or digit (also
// æøå...), '+' one or more of the class before it; any other character stands for itself.
const std::vector<const char*>& case_number_shapes();
bool is_case_number(std::string_view text);

// History blocks written as labelled lines (Aarhus's Sagsforløb: "Udvalg: X", "Dato: DD-MM-YYYY",
// "Punktnummer: N", then the decision lines). The labels, each ending in ": ".
struct HistoryLabels {
    const char* committee;
    const char* date;
    const char* item;
};
const std::vector<HistoryLabels>& history_labels();

// Standing items: on the agenda of every meeting under one case number (Godkendelse af dagsorden, Orientering
// fra formanden, ...). Title beginnings, compared case-insensitively after a "Lukket: " and numbering.
const std::vector<const char*>& standing_item_titles();
bool is_standing_item(std::string_view title);

}  // namespace opfolg::layout
