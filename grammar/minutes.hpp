// Entry point of grammar/: a file (or normalized source) in, the minutes model out.
#pragma once
#include "grammar/model.hpp"
#include "grammar/reader.hpp"
#include "grammar/vocabulary.hpp"

namespace opfolg {

// Parses normalized lines into the model. Never throws on content: problems become Minutes::warnings and
// documents that are not minutes come back with kind == not_minutes and a reason.
// Decisions are classified with `vocabulary` (vocabulary.hpp); without one, with default_vocabulary().
Minutes parse_minutes(const SourceText& source, const Vocabulary& vocabulary);
Minutes parse_minutes(const SourceText& source);

// read_source + parse_minutes. Throws ReadError when the bytes are not readable text.
Minutes read_minutes(const std::string& path);

}  // namespace opfolg
