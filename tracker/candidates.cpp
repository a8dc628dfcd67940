// load_candidates: the store as the rule engine sees it on a given day. Nothing dated after as-of is visible:
// not meetings, not later treatments, not manual decisions, so an old weekly report can be reproduced exactly.
#include "grammar/decision.hpp"
#include "grammar/reader.hpp"
#include "tracker/similarity.hpp"
#include "tracker/sqlite.hpp"

#include <sstream>

namespace opfolg::tracker {

namespace {
date::year_month_day ymd(const std::string& iso) {
    date::year_month_day d{};
    dates::parse_iso(iso, d);
    return d;
}

std::vector<DecisionClass> classes_of(const std::string& text) {
    std::vector<DecisionClass> out;
    std::istringstream in(text);
    std::string word;
    while (in >> word) {
        DecisionClass c;
        if (decision_class_from_string(word, c)) out.push_back(c);
    }
    if (out.empty()) out.push_back(DecisionClass::none);
    return out;
}

dates::Precision precision_of(const std::string& s) {
    for (auto p : {dates::Precision::day, dates::Precision::month, dates::Precision::quarter,
                   dates::Precision::half_year, dates::Precision::season, dates::Precision::year,
                   dates::Precision::next_meeting})
        if (s == dates::to_string(p)) return p;
    return dates::Precision::day;
}

// The per-candidate queries, prepared once per load_candidates call: preparing them for every candidate cost
// more than running them (bench/: about 100 µs per candidate, most of it in sqlite3_prepare).
struct CandidateQueries {
    explicit CandidateQueries(sqlite3* db)
        : deadlines(db, "SELECT in_decision, promise, promise_verb, phrase, sentence, precision, first, last, "
                        "next_meeting, past, line FROM deadlines WHERE item_id = ? ORDER BY in_decision DESC, id"),
          later(db, "SELECT l.later_item_id, (SELECT name FROM committees WHERE id = m.committee_id), m.date, i.number, i.title, l.reason, l.evidence, "
                    "doc.path, CASE WHEN l.line > 0 THEN l.line ELSE i.line END "
                    "FROM links l JOIN items i ON i.id = l.later_item_id JOIN meetings m ON m.id = i.meeting_id "
                    "JOIN documents doc ON doc.id = m.document_id "
                    "WHERE l.earlier_item_id = ? AND m.date <= ? ORDER BY m.date, i.number, l.reason"),
          rejected(db, "SELECT i.id, m.committee_name, m.date, i.number, i.title, doc.path, i.line, "
                       "(m.date = ?3) FROM items i JOIN meetings m ON m.id = i.meeting_id "
                       "JOIN documents doc ON doc.id = m.document_id "
                       "WHERE i.case_number = ?1 AND i.id <> ?2 AND m.date >= ?3 AND m.date <= ?4 "
                       "AND NOT EXISTS (SELECT 1 FROM links l WHERE l.earlier_item_id = ?2 AND l.later_item_id = i.id) "
                       "ORDER BY m.date, i.number"),
          manual(db, "SELECT rule, action, by, note, until FROM manual WHERE candidate_key = ? AND substr(at, 1, 10) <= ? "
                     "ORDER BY id DESC LIMIT 1") {}
    Statement deadlines, later, rejected, manual;
};

void load_deadlines(CandidateQueries& q, Candidate& c) {
    Statement& s = q.deadlines;
    s.reset();
    s.bind(1, c.item_id);
    while (s.step()) {
        Deadline d;
        d.in_decision = s.integer(0) != 0;
        d.promise = s.integer(1) != 0;
        d.promise_verb = s.text(2);
        d.phrase.phrase = s.text(3);
        d.phrase.sentence = s.text(4);
        d.phrase.precision = precision_of(s.text(5));
        if (!s.is_null(6)) d.phrase.first = ymd(s.text(6));
        if (!s.is_null(7)) d.phrase.last = ymd(s.text(7));
        d.phrase.next_meeting = s.integer(8) != 0;
        d.phrase.past = s.integer(9) != 0;
        d.line = static_cast<int>(s.integer(10));
        c.deadlines.push_back(std::move(d));
    }
}

void load_later(CandidateQueries& q, Candidate& c, const std::string& as_of) {
    Statement& s = q.later;
    s.reset();
    s.bind(1, c.item_id).bind(2, as_of);
    while (s.step()) {
        Treatment t;
        t.item_id = s.integer(0);
        t.committee = s.text(1);
        t.meeting_date = ymd(s.text(2));
        t.item_number = static_cast<int>(s.integer(3));
        t.title = s.text(4);
        t.reason = static_cast<int>(s.integer(5));
        t.evidence = s.text(6);
        t.source = s.text(7) + ":" + std::to_string(s.integer(8));
        c.later.push_back(std::move(t));
    }
    // Items the linker looked at and did not accept: same case number in the same meeting, or later with a
    // title too different. explain shows them so an auditor sees what was ruled out and why.
    if (c.case_number.empty()) return;
    Statement& r = q.rejected;
    r.reset();
    r.bind(1, c.case_number).bind(2, c.item_id).bind(3, dates::iso(c.meeting_date)).bind(4, as_of);
    while (r.step()) {
        Treatment t;
        t.item_id = r.integer(0);
        t.committee = r.text(1);
        t.meeting_date = ymd(r.text(2));
        t.item_number = static_cast<int>(r.integer(3));
        t.title = r.text(4);
        t.source = r.text(5) + ":" + std::to_string(r.integer(6));
        t.accepted = false;
        if (r.integer(7) != 0) {
            t.evidence = "same meeting: an item of the same meeting is never a later treatment";
        } else {
            std::ostringstream why;
            why.precision(2);
            why << std::fixed << "same case number, but title similarity " << title_similarity(c.title, t.title)
                << " is below the threshold " << default_title_threshold;
            t.evidence = why.str();
        }
        c.later.push_back(std::move(t));
    }
}

void load_manual(CandidateQueries& q, Candidate& c, const std::string& as_of) {
    Statement& s = q.manual;
    s.reset();
    s.bind(1, c.key).bind(2, as_of);
    if (!s.step() || s.text(1) == "unresolve") return;
    ManualDecision m;
    m.rule = s.text(0);
    m.action = s.text(1);
    m.by = s.text(2);
    m.note = s.text(3);
    if (!s.is_null(4)) m.until = ymd(s.text(4));
    c.manual = std::move(m);
}
}  // namespace

std::vector<Candidate> load_candidates(Store& store, date::year_month_day as_of_day) {
    sqlite3* db = store.handle();
    const std::string as_of = dates::iso(as_of_day);
    std::vector<Candidate> out;
    // Decisions from the minutes, items without a decision, and history decisions of meetings the store does
    // not have (a history decision of a stored meeting is that meeting's own decision, already here).
    Statement s(db, R"sql(
        SELECT i.id, cm.name, m.date, i.number, i.title, i.body, i.case_number, i.closed, doc.path,
               COALESCE(d.origin, 'minutes'), COALESCE(d.date, m.date), cd.name,
               COALESCE(d.text, ''), COALESCE(d.classes, 'none'), COALESCE(d.remarks, ''), COALESCE(d.line, i.line),
               m.committee_id, COALESCE(d.committee_id, m.committee_id), i.line
        FROM items i JOIN meetings m ON m.id = i.meeting_id JOIN documents doc ON doc.id = m.document_id
        LEFT JOIN decisions d ON d.item_id = i.id
        JOIN committees cm ON cm.id = m.committee_id JOIN committees cd ON cd.id = COALESCE(d.committee_id, m.committee_id)
        WHERE m.date <= ?1 AND (d.origin IS NULL OR d.origin = 'minutes' OR NOT EXISTS
              (SELECT 1 FROM meetings h WHERE h.committee_id = d.committee_id AND h.date = d.date))
        ORDER BY m.date, i.number, d.id)sql");
    s.bind(1, as_of);
    Statement next(db, "SELECT MIN(date) FROM meetings WHERE committee_id = ? AND date > ? AND date <= ?");
    CandidateQueries queries(db);
    while (s.step()) {
        Candidate c;
        c.item_id = s.integer(0);
        const std::string item_committee = s.text(1);
        const std::string item_date = s.text(2);
        c.item_number = static_cast<int>(s.integer(3));
        c.title = s.text(4);
        c.body = s.text(5);
        c.case_number = s.text(6);
        c.closed = s.integer(7) != 0;
        c.source_file = s.text(8);
        const std::string origin = s.text(9);
        c.from_history = origin == "history";
        c.meeting_date = ymd(s.text(10));
        c.committee = s.text(11);
        c.decision.text = s.text(12);
        c.decision.classes = classes_of(s.text(13));
        c.decision.remarks = s.text(14);
        c.decision.line = static_cast<int>(s.integer(15));
        c.source_line = c.decision.line;
        const std::int64_t committee_id = s.integer(17);
        c.key = c.committee + "|" + dates::iso(c.meeting_date) + "|" +
                (c.from_history ? "history:" + (c.case_number.empty() ? c.title : c.case_number)
                                : std::to_string(c.item_number));
        next.bind(1, committee_id).bind(2, dates::iso(c.meeting_date)).bind(3, as_of);
        if (next.step() && !next.is_null(0)) c.next_meeting = ymd(next.text(0));
        next.reset();
        if (c.from_history) {
            // Known only from this item's Sagens forløb: the item reporting it is its later treatment.
            Treatment t;
            t.item_id = c.item_id;
            t.committee = item_committee;
            t.meeting_date = ymd(item_date);
            t.item_number = c.item_number;
            t.title = c.title;
            t.reason = 2;
            t.evidence = "Sagens forløb of this item reports the " + dates::iso(c.meeting_date) + " decision";
            t.source = c.source_file + ":" + std::to_string(c.source_line);
            t.accepted = c.meeting_date < t.meeting_date;
            c.later.push_back(std::move(t));
        } else {
            load_deadlines(queries, c);
            load_later(queries, c, as_of);
        }
        load_manual(queries, c, as_of);
        out.push_back(std::move(c));
    }
    return out;
}

std::vector<MeetingRow> list_meetings(Store& store, const std::string& committee,
                                      std::optional<date::year_month_day> as_of) {
    Statement s(store.handle(),
                "SELECT m.id, c.name, m.date, d.path, (SELECT COUNT(*) FROM items i WHERE i.meeting_id = m.id), "
                "m.committee_name FROM meetings m JOIN committees c ON c.id = m.committee_id "
                "JOIN documents d ON d.id = m.document_id WHERE m.date <= ? ORDER BY m.date, c.name");
    s.bind(1, as_of ? dates::iso(*as_of) : std::string("9999-12-31"));
    std::vector<MeetingRow> out;
    const std::string wanted = utf8_lower(committee);
    while (s.step()) {
        MeetingRow r{s.integer(0), s.text(1), ymd(s.text(2)), s.text(3), static_cast<int>(s.integer(4))};
        if (!wanted.empty() && utf8_lower(r.committee).find(wanted) == std::string::npos &&
            utf8_lower(s.text(5)).find(wanted) == std::string::npos)
            continue;
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> list_committees(Store& store) {
    Statement s(store.handle(), "SELECT name FROM committees ORDER BY name");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
}

}  // namespace opfolg::tracker
