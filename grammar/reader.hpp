// The reader: bytes of any rendering (plain text from PDF, Markdown-like, HTML, PDF itself) and encoding
// (UTF-8 with/without BOM, Windows-1252/Latin-1) -> normalized UTF-8 lines plus a map back to source lines.
// The X3 grammar only ever sees this one clean shape.
#pragma once
#include "text/utf8.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace opfolg {

struct NormalizedLine {
    std::string_view text; // trimmed, markup removed, single spaces; empty for a blank line (in SourceText::text)
    int source_line = 0;   // 1-based line in the original (for PDF: in the extracted text)
    int heading_level = 0; // Markdown '#' count or HTML <hN>, 0 for body text
};

struct ReadNote {
    int line = 0;
    std::string message;
};

struct SourceText {
    std::string file;
    std::string encoding;   // "utf-8", "utf-8 (bom)", "windows-1252"
    std::string rendering;  // "plain", "markdown", "html", "pdf", "firstagenda-json"
    std::string source_id;  // the platform's own id of the meeting/agenda (FirstAgenda JSON), else empty
    // The normalized lines, each followed by '\n': what the minutes grammar reads. `lines` are views into it;
    // shared, so a copy of a SourceText keeps them valid.
    std::shared_ptr<const std::string> text;
    std::vector<NormalizedLine> lines;
    std::vector<ReadNote> notes;  // e.g. invalid UTF-8 replaced on line N
};

// The file cannot be read as text at all (binary, empty, unreadable). The message names no file; callers add it.
struct ReadError : std::runtime_error {
    int line;
    ReadError(const std::string& message, int line_ = 0) : std::runtime_error(message), line(line_) {}
};

SourceText read_source(const std::string& path);                           // throws ReadError
SourceText normalize_source(std::string_view bytes, const std::string& file);  // throws ReadError

// Helpers shared with other parts of the reader and grammar.
bool is_valid_utf8(std::string_view s);
std::string windows1252_to_utf8(std::string_view s);
// Case folding and UTF-8 encoding live in text/ (below grammar); the grammar's many callers use them unqualified.
using text::append_utf8;
using text::utf8_lower;

}  // namespace opfolg
