// The minutes model: what a referat says, with provenance for every fact.
// Built from the X3 AST (minutes_ast.hpp) by model_builder; consumed by tracker/ and `opfolg parse`.
#pragma once
#include "grammar/dates.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace opfolg {

// Decision classes, ordered for display. A decision may carry several ("Udsættes. Ny sag forelægges").
// returned: sent back to the administration or a committee for another round ("Sagen sendes tilbage til
// administrationen"): a new treatment is owed.
enum class DecisionClass {
    noted, approved, approved_with_remarks, recommended, postponed, new_case, investigate, rejected, forwarded,
    returned, none
};
const char* to_string(DecisionClass c);
bool decision_class_from_string(std::string_view s, DecisionClass& out);
const std::vector<DecisionClass>& all_decision_classes();

// Section kinds: what a heading means (grammar/layout.cpp maps the headings municipalities write to these).
enum class SectionKind {
    tidligere_behandling, indhold, sammendrag, baggrund, sagsfremstilling, oekonomi, bilag,
    beslutningen_traeffes_af, indstilling, beslutning, sagens_forloeb, afbud, other
};
const char* to_string(SectionKind k);  // "sagens_forloeb", as `opfolg parse --json` writes it
bool section_kind_from_string(std::string_view s, SectionKind& out);

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

// The vocabulary row that gave a decision one of its classes (grammar/vocabulary.hpp), for `opfolg explain`.
struct PhraseMatch {
    DecisionClass decision_class = DecisionClass::none;
    std::string phrase;
    std::string file;  // where the row is defined
    int line = 0;
};

struct Decision {
    std::string text;      // the whole decision, lines joined with spaces
    std::vector<DecisionClass> classes;
    std::vector<PhraseMatch> matched;  // for each class that a phrase gave: the first such phrase, in class order
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
    SectionKind kind = SectionKind::other;
    std::vector<TextLine> lines;  // body lines, blank lines dropped
    int line = 0;
};

// "1. Det billigste tilbud vælges." — a numbered point of an Indstilling or of Meddelelser.
struct NumberedPoint {
    int number = 0;
    std::string text;  // the point's lines joined with spaces
    int line = 0;
};

// Indstilling: "Center for Natur og Fritid indstiller, at" + numbered points.
struct Recommendation {
    std::string by;  // who recommends ("Center for Natur og Fritid"); empty when not written
    std::vector<NumberedPoint> points;
    std::string text;  // the whole section, lines joined, for sections without the usual shape
    int line = 0;
};

struct Attachment {
    std::string title;         // "DI Erhvervsklima undersøgelse Ballerup resultater", number and mark removed
    std::string number;        // "1.1" when numbered, else empty
    bool recommended = false;  // marked "ANBEFALES"
    int line = 0;
};

// One Bilag section: "2 bilag, heraf 1 anbefales" and/or a list of attachment titles.
struct Attachments {
    int count = -1;        // -1 when the section gives no count
    int recommended = -1;  // "heraf/hvoraf N anbefales"; -1 when not said
    std::vector<Attachment> titles;
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
    std::optional<std::string> decided_by;  // Beslutningen træffes af (a committee or council)
    std::optional<Recommendation> recommendation;  // Indstilling
    std::vector<NumberedPoint> announcements;      // Meddelelser points ("1. Formanden orienterede ...")
    std::vector<Attachments> attachments;          // Bilag sections, in order

    // The joined body of the first section of a kind; empty when the item has no such section.
    std::string section_text(SectionKind kind) const;
    // The same by the kind's name ("sagsfremstilling"); empty for a name that is no kind.
    std::string section_text(std::string_view kind_name) const;

    // Body text (everything but Beslutning), for full-text search and regex rules.
    std::string body_text() const;
};

// Indholdsfortegnelse entry: "Meddelelser.....	3"
struct TocEntry {
    std::string title;  // without the dot leader and "Lukket: LUKKET"
    int page = 0;       // 0 when no page number is given
    bool closed = false;
    int line = 0;
};

struct Meeting {
    std::string kind;        // REFERAT, DAGSORDEN
    std::string committee;   // as written in the header
    date::year_month_day date{};
    std::string time;        // "13:00" (local start time), empty when the document gives none
    std::string source_id;   // the publishing platform's own meeting/agenda id (FirstAgenda's agenda id), else
                             // empty; part of the meeting's identity in the store
    std::string place;
    std::vector<Participant> participants;
    std::vector<TocEntry> toc;
    int line = 0;
};

struct Warning {
    int line = 0;
    std::string message;
};

// A commitment in a document that is not minutes (a budget frame description): "Der udarbejdes ... ultimo
// 2015" under "Ansvarligt udvalg X". It belongs to that committee, but it is no meeting and is never stored as one.
struct Commitment {
    std::string committee;  // Ansvarligt udvalg
    std::string frame;      // Bevillingsramme ("20.04 Erhvervsudvikling, turisme og landdistrikter")
    std::string verb;       // the future-tense verb that makes it a commitment ("udarbejdes")
    Deadline deadline;      // the time phrase; deadline.promise is true
    int line = 0;
};

enum class DocumentKind { minutes, not_minutes };

struct Minutes {
    std::string file;
    DocumentKind kind = DocumentKind::minutes;
    std::string not_minutes_reason;  // why it is not minutes, when kind == not_minutes
    Meeting meeting;
    std::vector<Item> items;
    std::vector<Warning> warnings;
    std::vector<Commitment> commitments;  // only for not_minutes documents with "Ansvarligt udvalg"
};

}  // namespace opfolg
