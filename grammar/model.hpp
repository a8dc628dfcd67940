// The minutes model: what a referat says, with provenance for every fact.
// Built from the X3 AST (minutes_ast.hpp) by model_builder; consumed by tracker/ and `opfolg parse`.
#pragma once
#include "grammar/dates.hpp"

#include <optional>
#include <string>
#include <vector>

namespace opfolg {

// Decision classes, ordered for display. A decision may carry several ("Udsættes. Ny sag forelægges").
enum class DecisionClass {
    noted, approved, approved_with_remarks, recommended, postponed, new_case, investigate, rejected, forwarded, none
};
const char* to_string(DecisionClass c);
bool decision_class_from_string(std::string_view s, DecisionClass& out);
const std::vector<DecisionClass>& all_decision_classes();

struct TextLine {
    std::string text;
    int line = 0;  // line number in the original file (1-based)
};

struct Participant {
    std::string name;
    std::string party;  // party letter, e.g. "A", "Ø"; empty when given a role instead
    std::string role;   // text in parentheses when not a party letter
    bool absent = false;  // "(Afbud)"
};

struct Decision {
    std::string text;      // the whole decision, lines joined with spaces
    std::vector<DecisionClass> classes;
    std::string remarks;   // text after "med denne/dene bemærkning:"
    int line = 0;
};

// "Erhvervs- og Beskæftigelsesudvalget den 12. marts 2019 Punkt 4 og 5" (Tidligere behandling)
struct Reference {
    std::string committee;
    date::year_month_day date{};
    std::vector<int> items;  // empty when the line names no item
    std::string text;
    int line = 0;
};

// "08-12-2020 Erhvervs- og Beskæftigelsesudvalget" + decision lines (Sagens forløb)
struct HistoryEntry {
    date::year_month_day date{};
    std::string committee;
    Decision decision;  // classified like any decision
    int line = 0;
};

// A time phrase found in an item, with where it stands and whether it is a promise of more work.
struct Deadline {
    dates::TimePhrase phrase;
    bool in_decision = false;  // found in the Beslutning text
    bool promise = false;      // its sentence promises a presentation/status/new case in future tense
    std::string promise_verb;  // the verb that made it a promise ("forelægges", "præsenteret", ...)
    int line = 0;
};

struct Section {
    std::string heading;   // as written ("Sagsfremstilling")
    std::string kind;      // canonical: tidligere_behandling, indhold, sammendrag, baggrund, sagsfremstilling,
                           // oekonomi, bilag, beslutningen_traeffes_af, indstilling, beslutning, sagens_forloeb,
                           // afbud, other
    std::vector<TextLine> lines;  // body lines, blank lines dropped
    int line = 0;
};

struct Item {
    int number = 0;
    std::string title;
    bool closed = false;          // "Lukket: LUKKET ..."
    std::string case_number;      // KLE shape, may be empty
    int line = 0;
    std::vector<TextLine> preamble;  // text between the case number and the first section (Meddelelser bodies)
    std::vector<Section> sections;
    std::optional<Decision> decision;
    std::vector<Reference> references;
    std::vector<HistoryEntry> history;
    std::vector<Deadline> deadlines;
    std::vector<std::string> absent;  // per-item Afbud names

    // Body text (everything but Beslutning), for full-text search and regex rules.
    std::string body_text() const;
};

struct Meeting {
    std::string kind;        // REFERAT, DAGSORDEN
    std::string committee;   // as written in the header
    date::year_month_day date{};
    std::string time;        // "13:00"
    std::string place;
    std::vector<Participant> participants;
    int line = 0;
};

struct Warning {
    int line = 0;
    std::string message;
};

enum class DocumentKind { minutes, not_minutes };

struct Minutes {
    std::string file;
    DocumentKind kind = DocumentKind::minutes;
    std::string not_minutes_reason;  // why it is not minutes, when kind == not_minutes
    Meeting meeting;
    std::vector<Item> items;
    std::vector<Warning> warnings;
};

}  // namespace opfolg
