// Commitments with deadlines in documents that are not minutes (budget frame descriptions): what the
// responsible committee ("Ansvarligt udvalg") has promised, e.g. "Der udarbejdes ... ultimo 2015".
#pragma once
#include "grammar/model.hpp"
#include "grammar/reader.hpp"

namespace opfolg {

std::vector<Commitment> find_commitments(const SourceText& source);

}  // namespace opfolg
