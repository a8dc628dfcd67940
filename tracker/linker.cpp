#include "tracker/linker.hpp"
#include "tracker/row_batch.hpp"
#include "grammar/layout.hpp"
#include "grammar/reader.hpp"
#include "candidate/link_reason.hpp"
#include "tracker/sqlite.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

namespace opfolg::tracker {

namespace {
int& count_of(LinkStats& stats, LinkReason reason) {
    assert(reason != LinkReason::none);
    return reason == LinkReason::reference ? stats.by_reference
           : reason == LinkReason::history ? stats.by_history
                                           : stats.by_case_number;
}

struct ItemRow {
    std::int64_t id, committee_id;
    std::string date, case_number, title, decision;
    int number;
    TitleBigrams grams;  // of the title, computed once: the chain rule compares a title with many
};

struct RefRow {
    std::int64_t item_id, committee_id;
    std::string kind, date, numbers, decision, text;
    int line;
};

std::string normalized(const std::string& s) {
    std::string lower = utf8_lower(s);
    while (!lower.empty() && (lower.back() == '.' || lower.back() == ' ')) lower.pop_back();
    return lower;
}

bool has_number(const std::string& numbers, int n) {
    std::istringstream in(numbers);
    int v;
    while (in >> v)
        if (v == n) return true;
    return false;
}

const char* const kItemSql =
    "SELECT i.id, m.committee_id, m.date, i.case_number, i.title, i.number, "
    "COALESCE((SELECT text FROM decisions d WHERE d.item_id = i.id AND d.origin = 'minutes' LIMIT 1), '') "
    "FROM items i JOIN meetings m ON m.id = i.meeting_id ";
// The same columns without the decision, for the case-number chains only (the chain rule reads no decision; the
// look-up per item was a third of loading a weekly batch's 50,000 chain items). An item loaded this way must not
// be read by the reference rules: load chains after references, or into a cleared Linker.
const char* const kChainItemSql = "SELECT i.id, m.committee_id, m.date, i.case_number, i.title, i.number, '' "
                                  "FROM items i JOIN meetings m ON m.id = i.meeting_id ";
const char* const kRefSql = "SELECT r.item_id, r.committee_id, r.kind, r.date, r.item_numbers, r.decision, r.text, "
                            "r.line FROM refs r ";

// The link rules over the items loaded so far. A full relink loads every item; an incremental one only the
// items around the meetings stored since the last relink.
class Linker {
public:
    Linker(sqlite3* db, double threshold)
        : db_(db), threshold_(threshold),
          insert_(db, "INSERT OR IGNORE INTO links(later_item_id, earlier_item_id, reason, evidence, line) "
                      "VALUES(?, ?, ?, ?, ?)"),
          flags_built_(flags_built(db)),
          queue_(db, "INSERT OR IGNORE INTO flags_pending(item_id) VALUES(?)") {}

    // Adds the items a kItemSql query returns (ones already loaded are not added twice). A meeting's item
    // list is only ever set from a query that returns all of its items (`whole_meetings`): the reference rules
    // count them.
    void load(Statement& s, bool whole_meetings) {
        std::map<std::pair<std::int64_t, std::string>, std::vector<std::size_t>> meetings;
        while (s.step()) {
            const std::size_t index = add(s);
            if (whole_meetings) meetings[{items_[index].committee_id, items_[index].date}].push_back(index);
        }
        s.reset();
        for (auto& [key, list] : meetings) by_meeting_[key] = std::move(list);
    }

    // Adds the item of the current kItemSql row (once); its index.
    std::size_t add(Statement& s) {
        const std::int64_t id = s.integer(0);
        if (auto known = by_id_.find(id); known != by_id_.end()) return known->second;
        ItemRow r{id, s.integer(1), s.text(2), s.text(3), s.text(4), s.text(6), static_cast<int>(s.integer(5)), {}};
        r.grams = title_bigrams(r.title);
        const std::size_t index = items_.size();
        by_id_[id] = index;
        if (!r.case_number.empty()) by_case_[r.case_number].push_back(index);
        items_.push_back(std::move(r));
        return index;
    }

    // Forgets the items loaded (not the counts): a full relink works through the store a meeting or a case at
    // a time, so its memory follows the largest meeting or case, not the store.
    void clear() {
        items_.clear();
        by_id_.clear();
        by_meeting_.clear();
        by_case_.clear();
    }

    // Links one Tidligere behandling / Sagens forløb reference to the items of the meeting it names.
    void reference(Statement& refs) {
        RefRow r{refs.integer(0), refs.integer(1), refs.text(2), refs.text(3), refs.text(4), refs.text(5), refs.text(6),
                 static_cast<int>(refs.integer(7))};
        auto later_it = by_id_.find(r.item_id);
        auto targets = by_meeting_.find({r.committee_id, r.date});
        if (later_it == by_id_.end() || targets == by_meeting_.end()) return;
        const ItemRow& y = items_[later_it->second];
        if (!(r.date < y.date)) return;  // same meeting (or a reference forward in time) never links
        const auto& candidates = targets->second;
        for (std::size_t index : candidates) {
            const ItemRow& x = items_[index];
            bool similar = title_similarity(x.grams, y.grams) >= threshold_;
            if (r.kind == "tidligere") {
                bool accepted = r.numbers.empty() ? (candidates.size() == 1 || same_case(x, y) || similar)
                                                  : has_number(r.numbers, x.number);
                if (accepted) link(y, x, LinkReason::reference, r.text, r.line);
            } else {
                bool accepted = candidates.size() == 1 || same_case(x, y) || similar ||
                                (!r.decision.empty() && normalized(r.decision) == normalized(x.decision));
                if (accepted) link(y, x, LinkReason::history, r.text, r.line);
            }
        }
    }

    // Same case number and a similar title: each item links to its nearest later look-alike only (every similar
    // item on the first later date that has one), so a case's items form a chain and links grow with the items,
    // not with their square (a standing item at 220 meetings made 24,090 links; now 219). Every loaded case.
    void case_numbers() {
        for (const auto& [case_number, group] : by_case_)
            for (const ChainLink& l : chain(case_number, group)) {
                if (flags_built_) {  // each new link queues its earlier item: one at a time, as link() does
                    link(items_[l.later], items_[l.earlier], LinkReason::case_number, l.evidence, 0);
                    continue;
                }
                assert(items_[l.earlier].date < items_[l.later].date);
                chain_rows_.add(items_[l.later].id).add(items_[l.earlier].id)
                    .add_view(to_string(LinkReason::case_number)).add_copy(l.evidence).add(0);
                if (chain_rows_.rows() >= kChainRowsHeld) flush_chain_links();
            }
    }

    // Inserts the chain links case_numbers() holds and counts those SQLite stored (OR IGNORE, as link() inserts,
    // though a full relink's chains never repeat a link). Call before the counts are read.
    void flush_chain_links() {
        const sqlite3_int64 before = sqlite3_total_changes64(db_);  // links have no insert trigger to count too
        chain_rows_.flush();
        stats_.by_case_number += static_cast<int>(sqlite3_total_changes64(db_) - before);
    }

    // One case's chain again (its items loaded whole), changing only the stored links that differ: a weekly
    // batch extends a few thousand cases by an item each, and deleting and re-inserting their ~50,000 chain
    // links was half of its relink. `stored` reads a case's chain links (earlier, later, evidence); `drop`
    // deletes one (earlier, later).
    void update_chain(const std::string& case_number, Statement& stored, Statement& drop) {
        auto group = by_case_.find(case_number);
        std::map<std::pair<std::int64_t, std::int64_t>, std::string> have;
        stored.bind(1, case_number);
        while (stored.step()) have.emplace(std::pair{stored.integer(0), stored.integer(1)}, stored.text(2));
        stored.reset();
        std::vector<ChainLink> wanted;
        if (group != by_case_.end()) wanted = chain(case_number, group->second);
        std::vector<const ChainLink*> missing;
        for (const ChainLink& l : wanted) {
            auto it = have.find({items_[l.earlier].id, items_[l.later].id});
            if (it != have.end() && it->second == l.evidence) {
                have.erase(it);  // kept as it is
            } else {
                missing.push_back(&l);  // new, or its evidence changed (dropped below, then inserted)
            }
        }
        for (const auto& [key, evidence] : have) drop.bind(1, key.first).bind(2, key.second).run();
        for (const ChainLink* l : missing)
            link(items_[l->later], items_[l->earlier], LinkReason::case_number, l->evidence, 0);
    }

    bool has_meeting(std::int64_t committee_id, const std::string& date) const {
        return by_meeting_.count({committee_id, date}) > 0;
    }
    bool has_item(std::int64_t id) const { return by_id_.count(id) > 0; }
    const std::vector<ItemRow>& items() const { return items_; }
    const LinkStats& stats() const { return stats_; }

private:
    struct ChainLink {
        std::size_t later, earlier;  // indexes into items_
        std::string evidence;
    };

    // The case-number links of one case's items (rule 3 in linker.hpp), in chain order.
    std::vector<ChainLink> chain(const std::string& case_number, const std::vector<std::size_t>& group) const {
        std::vector<ChainLink> out;
        std::vector<std::size_t> order = group;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const ItemRow& x = items_[a];
            const ItemRow& y = items_[b];
            return std::tie(x.date, x.number, x.id) < std::tie(y.date, y.number, y.id);
        });
        for (std::size_t a = 0; a < order.size(); ++a) {
            const ItemRow& x = items_[order[a]];
            // A standing item (one case number at every meeting) is treated again at its own committee's
            // next meeting, never by another committee's standing item of the same name.
            const bool standing = layout::is_standing_item(x.title);
            const std::string* found_date = nullptr;
            for (std::size_t b = a + 1; b < order.size(); ++b) {
                const ItemRow& y = items_[order[b]];
                if (!(x.date < y.date)) continue;
                if (standing && y.committee_id != x.committee_id) continue;
                if (found_date && *found_date != y.date) break;
                double similarity = title_similarity(x.grams, y.grams);
                if (similarity < threshold_) continue;
                found_date = &y.date;
                out.push_back({order[b], order[a], chain_evidence(case_number, similarity)});
            }
        }
        return out;
    }

    // "case 05.01.00-P20-2-24, title similarity 0.87": what a case-number link keeps as its evidence, and what
    // update_chain compares with the stored one. to_chars gives the digits printf's "%.2f" (and so an ostream in
    // fixed precision 2) gives, without building a stream for every link (a weekly relink built 45,000).
    static std::string chain_evidence(const std::string& case_number, double similarity) {
        char digits[32];
        const auto written = std::to_chars(digits, digits + sizeof digits, similarity, std::chars_format::fixed, 2);
        return "case " + case_number + ", title similarity " + std::string(digits, written.ptr);
    }
    static bool same_case(const ItemRow& a, const ItemRow& b) {
        return !a.case_number.empty() && a.case_number == b.case_number;
    }
    void link(const ItemRow& later, const ItemRow& earlier, LinkReason reason, const std::string& evidence, int line) {
        assert(reason != LinkReason::none);
        assert(earlier.date < later.date && "a later treatment is always in a later meeting (linker.hpp)");
        insert_.bind(1, later.id).bind(2, earlier.id).bind(3, to_string(reason)).bind(4, evidence).bind(5, line).run();
        if (sqlite3_changes(db_) == 0) return;
        ++count_of(stats_, reason);
        // The earlier item's flags may close now; queued here, as no trigger does it for a new link (schema 10).
        if (flags_built_) queue_.bind(1, earlier.id).run();
    }

    // Whether the kept flags were built (flags/open_flags.cpp): only then are changed items queued. Read once:
    // the linker runs inside one write transaction, in which nothing else changes it.
    static bool flags_built(sqlite3* db) {
        Statement s(db, "SELECT complete FROM flag_state");
        return s.step() && s.integer(0) != 0;
    }

    sqlite3* db_;
    double threshold_;
    Statement insert_;
    bool flags_built_;
    Statement queue_;
    // A full relink's case-number links, many to a statement (row_batch.hpp): 656,000 in a national first ingest,
    // a single-row insert each was most of the relink's writing. Only while the kept flags are not built: a new
    // link must then queue its earlier item, which a batch cannot tell apart.
    static constexpr std::size_t kChainRowsHeld = 1024;
    RowBatch chain_rows_{db_, "links(later_item_id, earlier_item_id, reason, evidence, line)", 5, "INSERT OR IGNORE"};
    std::vector<ItemRow> items_;
    std::unordered_map<std::int64_t, std::size_t> by_id_;
    std::map<std::pair<std::int64_t, std::string>, std::vector<std::size_t>> by_meeting_;
    std::map<std::string, std::vector<std::size_t>> by_case_;
    LinkStats stats_;
};

// Counts the links per reason (GROUP BY over the whole table): only when the kept counts are unknown.
LinkStats count_links(sqlite3* db) {
    LinkStats stats;
    Statement s(db, "SELECT reason, COUNT(*) FROM links GROUP BY reason");
    while (s.step()) {
        LinkReason reason;
        const bool known = link_reason_from_string(s.text(0), reason) && reason != LinkReason::none;
        assert(known && "links.reason holds only the names of LinkReason (schema 7 CHECK)");
        if (known) count_of(stats, reason) = static_cast<int>(s.integer(1));
    }
    return stats;
}

// The kept counts (schema 9), if counted.
std::optional<LinkStats> kept_counts(sqlite3* db) {
    Statement s(db, "SELECT by_reference, by_history, by_case_number FROM link_state WHERE by_reference IS NOT NULL");
    if (!s.step()) return std::nullopt;
    return LinkStats{static_cast<int>(s.integer(0)), static_cast<int>(s.integer(1)), static_cast<int>(s.integer(2))};
}

void keep_counts(sqlite3* db, const std::optional<LinkStats>& stats) {
    Statement s(db, "UPDATE link_state SET by_reference = ?, by_history = ?, by_case_number = ?");
    if (stats)
        s.bind(1, stats->by_reference).bind(2, stats->by_history).bind(3, stats->by_case_number);
    else
        s.bind_null(1).bind_null(2).bind_null(3);
    s.run();
}

void mark_current(sqlite3* db, double threshold) {
    exec(db, "DELETE FROM relink_pending");
    exec(db, "DELETE FROM relink_pending_cases");
    Statement done(db, "UPDATE link_state SET dirty = 0, threshold = ?");
    done.bind(1, threshold).run();
}

// Links into and out of the meetings stored since the last relink (relink_pending). Links between two other
// items cannot have changed: their meetings' items are the same (a meeting's items are only ever written with
// it, or deleted with it, which deletes their links; anything else sets dirty), and every rule reads only the
// two items, the reference and the item set of the meeting it names.
LinkStats relink_pending(sqlite3* db, double threshold) {
    Linker linker(db, threshold);
    {
        Statement touched(db, std::string(kItemSql) + "WHERE i.meeting_id IN (SELECT meeting_id FROM relink_pending) "
                                                      "ORDER BY m.date, i.number");
        linker.load(touched, true);
    }
    std::unordered_set<std::int64_t> fresh;
    for (const auto& it : linker.items()) fresh.insert(it.id);
    Statement by_meeting(db, std::string(kItemSql) + "WHERE m.committee_id = ? AND m.date = ? ORDER BY m.date, i.number");
    Statement meeting_of(db, std::string(kItemSql) + "WHERE i.meeting_id = (SELECT meeting_id FROM items WHERE id = ?) "
                                                     "ORDER BY m.date, i.number");
    // The references were linked above, so no item loaded here is read by them (kChainItemSql).
    Statement by_case(db, std::string(kChainItemSql) + "WHERE i.case_number = ? ORDER BY m.date, i.number");
    // References from the new items, and references to the new meetings, in table order (as relink reads
    // them), so a link two references would make keeps the same evidence.
    // Index look-ups starting from the new meetings (CROSS JOIN keeps that order: relink_pending has no
    // statistics, and SQLite otherwise scanned every reference and meeting — 0.8–2.5 s per weekly run on a
    // national store).
    Statement refs(db, std::string(kRefSql) +
                           "WHERE r.id IN (SELECT f.id FROM relink_pending p CROSS JOIN items i ON i.meeting_id = "
                           "p.meeting_id CROSS JOIN refs f ON f.item_id = i.id UNION SELECT t.id FROM relink_pending p "
                           "CROSS JOIN meetings m ON m.id = p.meeting_id "
                           "CROSS JOIN refs t ON t.committee_id = m.committee_id AND t.date = m.date) ORDER BY r.id");
    while (refs.step()) {
        if (!linker.has_item(refs.integer(0))) {
            meeting_of.bind(1, refs.integer(0));
            linker.load(meeting_of, true);
        }
        if (!linker.has_meeting(refs.integer(1), refs.text(3))) {
            by_meeting.bind(1, refs.integer(1)).bind(2, refs.text(3));
            linker.load(by_meeting, true);
        }
        linker.reference(refs);
    }
    // Case-number chains change where an item arrived or went (a replaced meeting's items, recorded by a
    // trigger): those groups are linked again whole, as a full relink links them.
    std::set<std::string> cases;
    for (const auto& it : linker.items())
        if (fresh.count(it.id) && !it.case_number.empty()) cases.insert(it.case_number);
    {
        Statement gone(db, "SELECT case_number FROM relink_pending_cases");
        while (gone.step()) cases.insert(gone.text(0));
    }
    for (const auto& c : cases) {
        by_case.bind(1, c);
        linker.load(by_case, false);
    }
    const std::string chain_reason = to_string(LinkReason::case_number);
    Statement stored(db, "SELECT l.earlier_item_id, l.later_item_id, l.evidence FROM items i CROSS JOIN links l "
                         "ON l.earlier_item_id = i.id WHERE i.case_number = ? AND l.reason = '" + chain_reason + "'");
    Statement drop(db, "DELETE FROM links WHERE earlier_item_id = ? AND later_item_id = ? AND reason = '" +
                           chain_reason + "'");
    for (const auto& c : cases) linker.update_chain(c, stored, drop);
    return linker.stats();  // the links inserted
}
}  // namespace

LinkStats relink(Store& store, double threshold) {
    sqlite3* db = store.handle();
    const ForeignKeysOff keys_off(db);  // see relink_if_changed
    // Read and write under one write lock: an overlapping ingest must not replace items between the read and
    // the link inserts (that was a FOREIGN KEY failure under concurrent cron runs).
    Transaction tx(db);
    Linker linker(db, threshold);
    keep_counts(db, std::nullopt);  // the trigger need not count down a million deletions
    exec(db, "DELETE FROM links");
    {
        // References grouped by the meeting they name, with that meeting's items and the referring item loaded
        // for the group only. Within a group in table order: of two references making one link, the first
        // gives the evidence, as before (two references can make one link only when they name one meeting).
        Statement refs(db, std::string(kRefSql) + "ORDER BY r.committee_id, r.date, r.id");
        Statement meeting(db, std::string(kItemSql) + "WHERE m.committee_id = ? AND m.date = ? ORDER BY i.number");
        Statement item(db, std::string(kItemSql) + "WHERE i.id = ?");
        std::optional<std::pair<std::int64_t, std::string>> named;
        while (refs.step()) {
            std::pair<std::int64_t, std::string> key{refs.integer(1), refs.text(3)};
            if (key != named) {
                linker.clear();
                meeting.bind(1, key.first).bind(2, key.second);
                linker.load(meeting, true);
                named = std::move(key);
            }
            // A meeting not in the store (often older than the archive) has nothing to link to: the referring
            // item is not loaded for it (12,000 look-ups for the issue corpus's 6,500 such references).
            if (!linker.has_meeting(named->first, named->second)) continue;
            if (!linker.has_item(refs.integer(0))) {
                item.bind(1, refs.integer(0));
                linker.load(item, false);
            }
            linker.reference(refs);
        }
    }
    {
        // Case-number chains one case at a time (the index on items.case_number gives them in order).
        linker.clear();
        Statement items(db, std::string(kChainItemSql) + "WHERE i.case_number <> '' ORDER BY i.case_number");
        std::string current;
        while (items.step()) {
            if (items.text(3) != current) {
                linker.case_numbers();
                linker.clear();
                current = items.text(3);
            }
            linker.add(items);
        }
        linker.case_numbers();
        linker.flush_chain_links();
        linker.clear();
    }
    mark_current(db, threshold);
    keep_counts(db, linker.stats());
    tx.commit();
    return linker.stats();
}


LinkStats link_counts(Store& store) {
    if (auto kept = kept_counts(store.handle())) return *kept;
    return count_links(store.handle());
}

LinkStats relink_if_changed(Store& store, double threshold, Relinked* how) {
    sqlite3* db = store.handle();
    {
        // A link joins two items the linker has just read under the same write lock, so both exist. Checked by
        // SQLite, each insert looked both up again in the items table, whose rows (the item's whole text) fill
        // a page each: a random page read per link, 40 % of a first ingest's relink. (relink has its own.)
        const ForeignKeysOff keys_off(db);
        // Decided and done under the write lock: another ingest must not store meetings in between.
        Transaction tx(db);
        Statement state(db, "SELECT dirty, threshold, (SELECT COUNT(*) FROM relink_pending) FROM link_state");
        if (state.step() && state.integer(0) == 0 && !state.is_null(1) && state.real(1) == threshold) {
            const bool pending = state.integer(2) > 0;
            state.reset();
            // Run first: the trigger takes every link it deletes off the kept counts; the links it inserts are
            // added here.
            const LinkStats added = pending ? relink_pending(db, threshold) : LinkStats{};
            if (pending) mark_current(db, threshold);
            std::optional<LinkStats> stats = kept_counts(db);
            const bool recount = !stats;
            if (stats) {
                stats->by_reference += added.by_reference;
                stats->by_history += added.by_history;
                stats->by_case_number += added.by_case_number;
            }
            if (recount) stats = count_links(db);
            if (pending || recount) keep_counts(db, stats);
            tx.commit();
            if (how) *how = pending ? Relinked::new_meetings : Relinked::no;
            return *stats;
        }
    }
    if (how) *how = Relinked::all;
    return relink(store, threshold);
}

}  // namespace opfolg::tracker
