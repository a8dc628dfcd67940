// load_candidates: the store as the rule engine sees it on a given day. Nothing dated after as-of is visible:
// not meetings, not later treatments, not manual decisions, so an old weekly report can be reproduced exactly.
#include "grammar/decision.hpp"
#include "grammar/reader.hpp"
#include "tracker/reclassify.hpp"
#include "tracker/similarity.hpp"
#include "tracker/stored_deadlines.hpp"
#include "tracker/sqlite.hpp"
#include "text/iso_date.hpp"

#include <algorithm>
#include <cassert>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace opfolg::tracker {

namespace {

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

// The treatments and deadlines of the candidates in scope are read with one query each over a temp table of
// their item ids, not one query per candidate: per-candidate statements were 30% of a report (a statement
// reset, a sorter and index seeks for every candidate). The temp table drives each query (CROSS JOIN): it has no
// statistics, and SQLite otherwise scanned all links or deadlines to probe it — 1 s of a weekly refresh of
// 1,300 items on a national store.
using ItemIndex = std::unordered_map<std::int64_t, std::vector<std::size_t>>;  // item id -> candidates

// A temp table of item ids (table names are ours, never user text).
void fill_id_table(sqlite3* db, const std::string& table, const std::vector<std::int64_t>& ids) {
    exec(db, ("CREATE TEMP TABLE IF NOT EXISTS " + table + "(id INTEGER PRIMARY KEY)").c_str());
    exec(db, ("DELETE FROM temp." + table).c_str());
    Statement insert(db, "INSERT OR IGNORE INTO temp." + table + "(id) VALUES (?)");
    for (std::int64_t id : ids) {
        insert.bind(1, id);
        insert.step();
        insert.reset();
    }
}

void load_deadlines(sqlite3* db, const ItemIndex& items, bool all_time_phrases, std::vector<Candidate>& out) {
    // Rows first, then (for explain) the packed plain phrases of the same items, merged into the order found.
    std::unordered_map<std::int64_t, std::vector<Deadline>> rows;
    Statement s(db, std::string("SELECT d.item_id, ") + kDeadlineColumns +
                        " FROM temp.opfolg_scope_items t CROSS JOIN deadlines d ON d.item_id = t.id "
                        "ORDER BY d.item_id, d.id");
    while (s.step()) rows[s.integer(0)].push_back(deadline_from_row(s, 1));
    std::unordered_map<std::int64_t, std::vector<PackedTimePhrase>> packed;
    if (all_time_phrases) {
        Statement p(db, "SELECT x.item_id, x.time_phrases FROM temp.opfolg_scope_items t "
                        "CROSS JOIN item_texts x ON x.item_id = t.id WHERE x.time_phrases <> ''");
        while (p.step()) packed[p.integer(0)] = unpack_time_phrases(p.view(1));
    }
    for (const auto& [item_id, candidates] : items) {
        auto r = rows.find(item_id);
        auto p = packed.find(item_id);
        if (r == rows.end() && p == packed.end()) continue;
        std::vector<Deadline> found =
            merge_time_phrases(r == rows.end() ? std::vector<Deadline>{} : std::move(r->second),
                               p == packed.end() ? std::vector<PackedTimePhrase>{} : std::move(p->second));
        // Candidate::deadlines: the decision's first, then the text's, each in the order found.
        std::stable_partition(found.begin(), found.end(), [](const Deadline& d) { return d.in_decision; });
        for (std::size_t i : candidates) out[i].deadlines.insert(out[i].deadlines.end(), found.begin(), found.end());
    }
}

// Linked later treatments (accepted), then the items the linker looked at and did not accept: same case
// number in the same meeting, or later with a title too different, up to the nearest look-alike it linked
// (it looks no further). explain shows those so an auditor sees what was ruled out and why.
void load_later(sqlite3* db, const ItemIndex& items, const std::string& as_of, bool rejected_lookalikes,
                std::vector<Candidate>& out) {
    Statement s(db, "SELECT l.earlier_item_id, l.later_item_id, (SELECT name FROM committees WHERE id = m.committee_id), "
                    "m.date, i.number, i.title, l.reason, l.evidence, doc.path, "
                    "CASE WHEN l.line > 0 THEN l.line ELSE i.line END "
                    "FROM temp.opfolg_scope_items t CROSS JOIN links l ON l.earlier_item_id = t.id "
                    "JOIN items i ON i.id = l.later_item_id JOIN meetings m ON m.id = i.meeting_id "
                    "JOIN documents doc ON doc.id = m.document_id "
                    "WHERE m.date <= ? ORDER BY l.earlier_item_id, m.date, i.number, " +
                        link_reason_order_sql("l.reason"));
    s.bind(1, as_of);
    while (s.step()) {
        Treatment t;
        t.item_id = s.integer(1);
        t.committee = s.text(2);
        t.meeting_date = text::parse_iso_or_unset(s.text(3));
        t.item_number = static_cast<int>(s.integer(4));
        t.title = s.text(5);
        const bool known = link_reason_from_string(s.text(6), t.reason);
        assert(known && "links.reason holds only the names of LinkReason");
        (void)known;
        t.evidence = s.text(7);
        t.source = s.text(8) + ":" + std::to_string(s.integer(9));
        for (std::size_t i : items.at(s.integer(0))) out[i].later.push_back(t);
    }
    if (!rejected_lookalikes) return;
    double threshold = default_title_threshold;
    {
        Statement t(db, "SELECT threshold FROM link_state WHERE threshold IS NOT NULL");
        if (t.step()) threshold = t.real(0);
    }
    Statement r(db, std::string("SELECT t.id, i.id, m.committee_name, m.date, i.number, i.title, doc.path, i.line, ") +
                    "(m.date = om.date) FROM temp.opfolg_scope_items t CROSS JOIN items o ON o.id = t.id "
                    "JOIN meetings om ON om.id = o.meeting_id "
                    "JOIN items i ON i.case_number = o.case_number AND i.id <> o.id "
                    "JOIN meetings m ON m.id = i.meeting_id JOIN documents doc ON doc.id = m.document_id "
                    "WHERE o.case_number <> '' AND m.date >= om.date AND m.date <= ?1 "
                    // No further than the nearest linked look-alike (the linker looks no further): a standing
                    // item's case number recurs at hundreds of meetings, and reading all of them for every
                    // candidate was quadratic (15 s of refreshing the kept flags on the issue's 2,000-minute corpus).
                    "AND m.date <= COALESCE((SELECT min(nm.date) FROM links nl JOIN items ni ON ni.id = nl.later_item_id "
                    "JOIN meetings nm ON nm.id = ni.meeting_id WHERE nl.earlier_item_id = o.id AND nl.reason = '" +
                        to_string(LinkReason::case_number) + "'), ?1) "
                    "AND NOT EXISTS (SELECT 1 FROM links l WHERE l.earlier_item_id = o.id AND l.later_item_id = i.id) "
                    "ORDER BY t.id, m.date, i.number");
    r.bind(1, as_of);
    while (r.step()) {
        Treatment t;
        t.item_id = r.integer(1);
        t.committee = r.text(2);
        t.meeting_date = text::parse_iso_or_unset(r.text(3));
        t.item_number = static_cast<int>(r.integer(4));
        t.title = r.text(5);
        t.source = r.text(6) + ":" + std::to_string(r.integer(7));
        t.accepted = false;
        const bool same_meeting = r.integer(8) != 0;
        for (std::size_t i : items.at(r.integer(0))) {
            Treatment rejected = t;
            if (same_meeting) {
                rejected.evidence = "same meeting: an item of the same meeting is never a later treatment";
            } else {
                std::ostringstream why;
                why.precision(2);
                why << std::fixed << "same case number, but title similarity "
                    << title_similarity(out[i].title, t.title) << " is below the threshold " << threshold;
                rejected.evidence = why.str();
            }
            out[i].later.push_back(std::move(rejected));
        }
    }
}

// The newest manual decision per candidate key made on or before as-of ("unresolve" cancels: not loaded).
// The manual log is small (one row per clerk action), so it is read once rather than per candidate.
std::unordered_map<std::string, ManualDecision> load_manual(sqlite3* db, const std::string& as_of) {
    Statement s(db, "SELECT candidate_key, rule, action, by, note, until FROM manual "
                    "WHERE substr(at, 1, 10) <= ? ORDER BY id");
    s.bind(1, as_of);
    std::unordered_map<std::string, ManualDecision> out;
    while (s.step()) {
        ManualDecision m;
        m.rule = s.text(1);
        m.action = s.text(2);
        m.by = s.text(3);
        m.note = s.text(4);
        if (!s.is_null(5)) m.until = text::parse_iso_or_unset(s.text(5));
        out[s.text(0)] = std::move(m);  // later rows win
    }
    for (auto it = out.begin(); it != out.end();) it = it->second.action == "unresolve" ? out.erase(it) : std::next(it);
    return out;
}

// Each committee's meeting dates up to as-of, sorted, for "the committee's next meeting" without a query per
// candidate. With `of_listed_items`, only the committees the items in temp.opfolg_only_items met in or have a
// decision from: a weekly refresh of a thousand items read all 323,400 meetings of a national store for them
// (a tenth of the batch's instructions).
std::unordered_map<std::int64_t, std::vector<std::string>> load_meeting_dates(sqlite3* db, const std::string& as_of,
                                                                              bool of_listed_items) {
    Statement s(db, of_listed_items
                        ? "SELECT committee_id, date FROM meetings WHERE date <= ?1 AND committee_id IN ("
                          "SELECT m.committee_id FROM temp.opfolg_only_items o CROSS JOIN items i ON i.id = o.id "
                          "JOIN meetings m ON m.id = i.meeting_id UNION SELECT d.committee_id "
                          "FROM temp.opfolg_only_items o CROSS JOIN decisions d ON d.item_id = o.id) "
                          "ORDER BY committee_id, date"
                        : "SELECT committee_id, date FROM meetings WHERE date <= ?1 ORDER BY committee_id, date");
    s.bind(1, as_of);
    std::unordered_map<std::int64_t, std::vector<std::string>> out;
    while (s.step()) out[s.integer(0)].push_back(s.text(1));
    return out;
}

// How many of the committee's meetings up to as-of fall on `date` (its dates are sorted, one per meeting).
std::size_t meetings_that_day(const std::unordered_map<std::int64_t, std::vector<std::string>>& meeting_dates,
                              std::int64_t committee_id, const std::string& date) {
    auto dates = meeting_dates.find(committee_id);
    if (dates == meeting_dates.end()) return 0;
    auto range = std::equal_range(dates->second.begin(), dates->second.end(), date);
    return static_cast<std::size_t>(range.second - range.first);
}

// The SQL that keeps only decisions in scope; class names come from to_string, never from users. `column` is
// the classes column of the decisions table in the query at hand.
std::string class_test(const CandidateScope& scope, const std::string& column) {
    std::string any;
    for (DecisionClass c : scope.classes)
        any += std::string(any.empty() ? "" : " OR ") + "instr(' ' || COALESCE(NULLIF(" + column +
               ", ''), 'none') || ' ', ' " + to_string(c) + " ') > 0";
    return any;
}
// The very condition of the partial index deadlines_promises (schema 12): SQLite uses a partial index only for a
// query that states its WHERE term by term, so the two must stay the same.
const char* const promise_test = "x.promise = 1 AND x.in_decision = 0 AND x.past = 0";

std::string scope_condition(const CandidateScope& scope) {
    if (scope.everything) return "";
    std::string any = class_test(scope, "d.classes");
    if (scope.promise_items)
        any += std::string(any.empty() ? "" : " OR ") + "EXISTS (SELECT 1 FROM deadlines x WHERE x.item_id = i.id AND " +
               promise_test + ")";
    return any.empty() ? " AND 0" : " AND (" + any + ")";
}

// The ids of the items a scoped load starts from, as SQL with one column, item_id (distinct); empty for every
// item. Found through the (narrow) decisions and deadlines tables, so the wide items table is read only for
// them (a third of the time of walking every item on a 92,400-document store).
std::string scope_item_ids(const CandidateScope& scope) {
    if (scope.everything) return "";
    std::vector<std::string> parts;
    if (const std::string classes = class_test(scope, "classes"); !classes.empty())
        parts.push_back("SELECT item_id FROM decisions WHERE " + classes);
    if (std::find(scope.classes.begin(), scope.classes.end(), DecisionClass::none) != scope.classes.end())
        parts.push_back("SELECT id AS item_id FROM items WHERE NOT EXISTS (SELECT 1 FROM decisions WHERE item_id = items.id)");
    if (scope.promise_items) parts.push_back(std::string("SELECT item_id FROM deadlines x WHERE ") + promise_test);
    if (parts.empty()) return "";  // nothing in scope: the condition (AND 0) keeps a load empty
    // UNION makes the ids distinct; a single part (an item has several deadlines) needs DISTINCT itself.
    static const std::string select = "SELECT ";
    std::string pick = parts.size() == 1 ? "SELECT DISTINCT " + parts.front().substr(select.size()) : "";
    if (parts.size() > 1)
        for (const auto& part : parts) pick += (pick.empty() ? "" : " UNION ") + part;
    return pick;
}

std::string scope_items_source(const CandidateScope& scope) {
    const std::string pick = scope_item_ids(scope);
    return pick.empty() ? "items i" : "(" + pick + ") pick JOIN items i ON i.id = pick.item_id";
}
}  // namespace

std::vector<std::int64_t> candidate_item_ids(Store& store, const CandidateScope& scope) {
    const std::string pick = scope_item_ids(scope);
    std::vector<std::int64_t> out;
    if (pick.empty() && !scope.everything) return out;  // nothing in scope
    Statement s(store.handle(), pick.empty() ? std::string("SELECT id FROM items ORDER BY id")
                                             : "SELECT item_id FROM (" + pick + ") ORDER BY 1");
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

std::vector<Candidate> load_candidates(Store& store, date::year_month_day as_of_day, const CandidateScope& scope) {
    sqlite3* db = store.handle();
    const std::string as_of = dates::iso(as_of_day);
    // One read transaction: the several queries below see one snapshot even while an ingest commits.
    const bool own_transaction = sqlite3_get_autocommit(db) != 0;
    std::optional<Transaction> snapshot;
    if (own_transaction) snapshot.emplace(db, /*immediate=*/false);
    std::vector<Candidate> out;
    if (scope.items) fill_id_table(db, "opfolg_only_items", *scope.items);
    // Decisions from the minutes, items without a decision, and history decisions of meetings the store does
    // not have (a history decision of a stored meeting is that meeting's own decision, already here).
    Statement s(db, R"sql(
        SELECT i.id, cm.name, m.date, i.number, i.title,
               CASE WHEN ?2 THEN (SELECT body FROM item_texts WHERE item_id = i.id) ELSE '' END, i.case_number,
               i.closed, doc.path, COALESCE(d.origin, 'minutes'), COALESCE(d.date, m.date), cd.name,
               COALESCE(d.text, ''), COALESCE(d.classes, 'none'), COALESCE(d.remarks, ''), COALESCE(d.line, i.line),
               m.committee_id, COALESCE(d.committee_id, m.committee_id),
               m.id, COALESCE(NULLIF(m.time, ''), NULLIF(m.source_id, ''), m.id), COALESCE(d.matched, '')
        FROM )sql" + (scope.items ? std::string("temp.opfolg_only_items o CROSS JOIN items i ON i.id = o.id")
                                  : scope_items_source(scope)) + R"sql( JOIN meetings m ON m.id = i.meeting_id JOIN documents doc ON doc.id = m.document_id
        LEFT JOIN decisions d ON d.item_id = i.id
        JOIN committees cm ON cm.id = m.committee_id JOIN committees cd ON cd.id = COALESCE(d.committee_id, m.committee_id)
        WHERE m.date <= ?1 AND (d.origin IS NULL OR d.origin = 'minutes' OR NOT EXISTS
              (SELECT 1 FROM meetings h WHERE h.committee_id = d.committee_id AND h.date = d.date)))sql" +
                        scope_condition(scope) + " ORDER BY m.date, i.number, d.id");
    s.bind(1, as_of).bind(2, static_cast<std::int64_t>(scope.bodies ? 1 : 0));
    const auto meeting_dates = load_meeting_dates(db, as_of, scope.items.has_value());
    // Asked only for a day with two or more meetings of the committee (rare), not for every candidate.
    Statement first_of_day(db, "SELECT id FROM meetings WHERE committee_id = ? AND date = ? "
                               "ORDER BY COALESCE(time, ''), id LIMIT 1");
    auto manual = load_manual(db, as_of);
    ItemIndex scope_items;
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
        const std::string decision_date = s.text(10);
        c.meeting_date = text::parse_iso_or_unset(decision_date);
        c.committee = s.text(11);
        c.decision.text = s.text(12);
        c.decision.classes = classes_of(s.text(13));
        c.decision.remarks = s.text(14);
        c.decision.line = static_cast<int>(s.integer(15));
        c.decision.matched = decode_matches(s.text(20));
        c.source_line = c.decision.line;
        const std::int64_t committee_id = s.integer(17);
        c.key = c.committee + "|" + decision_date + "|" +
                (c.from_history ? "history:" + (c.case_number.empty() ? c.title : c.case_number)
                                : std::to_string(c.item_number));
        // Two meetings of one committee on one day: the key names the meeting (its start time, else the
        // platform's id). Manual decisions made before the second meeting arrived were made under the plain key;
        // they stay with the day's first meeting.
        std::string legacy_key;
        if (!c.from_history && meetings_that_day(meeting_dates, s.integer(16), item_date) > 1) {
            // The day's first meeting (by start time, then id) keeps the resolutions made under the plain key.
            first_of_day.bind(1, s.integer(16)).bind(2, item_date);
            const bool first = first_of_day.step() && first_of_day.integer(0) == s.integer(18);
            first_of_day.reset();
            legacy_key = first ? c.key : std::string();
            c.key = c.committee + "|" + decision_date + "@" + s.text(19) + "|" + std::to_string(c.item_number);
        }
        if (auto dates = meeting_dates.find(committee_id); dates != meeting_dates.end()) {
            auto next = std::upper_bound(dates->second.begin(), dates->second.end(), decision_date);
            if (next != dates->second.end()) c.next_meeting = text::parse_iso_or_unset(*next);
        }
        if (c.from_history) {
            // Known only from this item's Sagens forløb: the item reporting it is its later treatment.
            Treatment t;
            t.item_id = c.item_id;
            t.committee = item_committee;
            t.meeting_date = text::parse_iso_or_unset(item_date);
            t.item_number = c.item_number;
            t.title = c.title;
            t.reason = LinkReason::history;
            t.evidence = "Sagens forløb of this item reports the " + decision_date + " decision";
            t.source = c.source_file + ":" + std::to_string(c.source_line);
            t.accepted = c.meeting_date < t.meeting_date;
            c.later.push_back(std::move(t));
        } else {
            scope_items[c.item_id].push_back(out.size());
        }
        if (auto m = manual.find(c.key); m != manual.end()) c.manual = m->second;
        else if (auto l = legacy_key.empty() ? manual.end() : manual.find(legacy_key); l != manual.end())
            c.manual = l->second;
        out.push_back(std::move(c));
    }
    s.reset();
    std::vector<std::int64_t> scope_ids;
    scope_ids.reserve(scope_items.size());
    for (const auto& entry : scope_items) scope_ids.push_back(entry.first);
    fill_id_table(db, "opfolg_scope_items", scope_ids);
    load_deadlines(db, scope_items, scope.all_time_phrases, out);
    load_later(db, scope_items, as_of, scope.rejected_lookalikes, out);
    if (snapshot) snapshot->commit();
    return out;
}

std::vector<MeetingRow> list_meetings(Store& store, const std::string& committee,
                                      std::optional<date::year_month_day> as_of) {
    Statement s(store.handle(),
                "SELECT m.id, c.name, m.date, d.path, (SELECT COUNT(*) FROM items i WHERE i.meeting_id = m.id), "
                "m.committee_name, COALESCE(m.time, ''), m.document_id FROM meetings m "
                "JOIN committees c ON c.id = m.committee_id "
                "JOIN documents d ON d.id = m.document_id WHERE m.date <= ? ORDER BY m.date, c.name, m.time, m.id");
    s.bind(1, as_of ? dates::iso(*as_of) : std::string("9999-12-31"));
    std::vector<MeetingRow> out;
    const std::string wanted = utf8_lower(committee);
    while (s.step()) {
        MeetingRow r{s.integer(0), s.text(1), text::parse_iso_or_unset(s.text(2)), s.text(3),
                     static_cast<int>(s.integer(4)), s.text(6), s.integer(7)};
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
