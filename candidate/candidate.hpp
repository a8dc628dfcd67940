// What the rule engine sees: one candidate per decision (from the minutes or from a Sagens forløb entry),
// with everything a rule may ask about it. Loaded from the store by tracker::load_candidates(); built from a rule's
// examples by rules::example_candidate. Its own library (opfolg_candidate), so the rules need no SQLite.
#pragma once
#include "candidate/link_reason.hpp"
#include "grammar/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace opfolg::tracker {

// A later item the linker considered for a candidate, accepted or not, and why.
struct Treatment {
    std::int64_t item_id = 0;
    std::string committee;
    date::year_month_day meeting_date{};
    int item_number = 0;
    std::string title;
    LinkReason reason = LinkReason::none;  // none when rejected
    std::string evidence;    // the text that made the link (or why it was rejected)
    bool accepted = true;
    std::string source;      // "file:line" of the evidence
};

struct ManualDecision {
    std::string rule;        // the rule of the flag it was made on
    std::string action;      // "resolve" | "snooze" ("unresolve" rows cancel and are not loaded)
    std::string by, note;
    std::optional<date::year_month_day> until;  // snooze end
};

struct Candidate {
    std::string key;                 // stable identity across re-ingests: committee|date|item|origin
    std::int64_t item_id = 0;
    std::string committee;           // canonical committee name (committees.conf; else the first name seen)
    date::year_month_day meeting_date{};
    int item_number = 0;
    std::string title;
    std::string body;
    std::string case_number;
    bool closed = false;
    bool from_history = false;       // the decision is a Sagens forløb entry of a meeting not in the store
    Decision decision;               // text + classes; empty text and {none} when the item has no decision
    std::string source_file;
    int source_line = 0;             // line of the decision (or of the item when it has none)
    std::vector<Deadline> deadlines; // in_decision ones first, then the item's text
    std::optional<date::year_month_day> next_meeting;  // the committee's next stored meeting (within as-of)
    std::vector<Treatment> later;    // linked later treatments (accepted) and considered ones (rejected)
    std::optional<ManualDecision> manual;  // the newest manual resolve/snooze on this candidate's flags, made on
                                           // or before as-of; applies to flags of manual->rule only
};

// Which decisions a load needs: the rules' `when` conditions decide (rules::candidate_scope), so a report does
// not read the many decisions no rule can flag. The default loads everything, as explain-style callers expect.
struct CandidateScope {
    bool everything = true;              // when false, only the decisions below
    std::vector<DecisionClass> classes;  // decisions with any of these classes
    bool promise_items = false;          // items whose own text (not the decision) has a promise not yet past
    bool bodies = true;                  // load item bodies (only rules testing body/text read them)
    // Also the same-case items the linker did not link (explain and a flag's page show them; no rule reads them,
    // and for a standing item's case number they are hundreds per candidate).
    bool rejected_lookalikes = true;
    // Every time phrase of the item (explain and a flag's page list them). Rules read only the phrases in the
    // decision and the promises (rules/evaluate.cpp: due dates, `has promise`): four in a hundred of the phrases
    // of real minutes, most of them dates in the case description.
    bool all_time_phrases = true;
    // Only the candidates of these items (the kept open flags re-evaluate the items an ingest touched, or those
    // not settled at an early as-of); unset: every item.
    std::optional<std::vector<std::int64_t>> items;
};

}  // namespace opfolg::tracker
