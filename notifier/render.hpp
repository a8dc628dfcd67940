// The report formats. Pure functions of a Report; one .cpp per format.
#pragma once
#include "notifier/report.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace opfolg::notifier {

// Aligned plain text for a terminal; ANSI colour only when `colour` (caller checks isatty and NO_COLOR).
std::string render_text(const Report& report, bool colour = false);
// The stable JSON schema of docs/report-json.md.
std::string render_json(const Report& report);
std::string render_markdown(const Report& report);
// One self-contained HTML file: inline CSS and SVG, no scripts, no external references.
std::string render_html(const Report& report);
// RFC 4180 with CRLF; `excel` adds a UTF-8 BOM and uses ';' as Danish Excel expects.
std::string render_csv(const Report& report, bool excel = false);
// One CSV row of the same quoting (and formula guard), CRLF-terminated: for other lists (web downloads).
std::string csv_row(const std::vector<std::string>& cells, char sep = ',');
// RFC 5545 calendar with one VTODO per open flag.
std::string render_ics(const Report& report);

// Shared by the HTML report, the checklist and the mail digest.
std::string html_escape(const std::string& s);
// The same, appended to `out` (a report row written in place).
void append_html_escaped(std::string& out, std::string_view s);
// The inline SVG bar chart of open flags per committee by age band.
std::string render_age_chart_svg(const Report& report);
struct CommitteeBlock;  // notifier/grouped_writer.hpp
std::string render_age_chart_svg(const std::vector<CommitteeBlock>& committees);  // the same from counts
// Escapes Markdown punctuation and flattens line breaks so a value cannot break the table or add markup.
std::string markdown_escape(const std::string& s);
void append_markdown_escaped(std::string& out, std::string_view s);  // the same, appended to `out`

}  // namespace opfolg::notifier
