#include "tracker/linker.hpp"
#include "grammar/reader.hpp"
#include "tracker/sqlite.hpp"

#include <map>
#include <sstream>
#include <unordered_map>

namespace opfolg::tracker {

namespace {
struct ItemRow {
    std::int64_t id, committee_id;
    std::string date, case_number, title, decision;
    int number;
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
}  // namespace

LinkStats relink(Store& store, double threshold) {
    sqlite3* db = store.handle();
    // Read and write under one write lock: an overlapping ingest must not replace items between the read and
    // the link inserts (that was a FOREIGN KEY failure under concurrent cron runs).
    Transaction tx(db);
    std::vector<ItemRow> items;
    std::unordered_map<std::int64_t, std::size_t> by_id;
    std::map<std::pair<std::int64_t, std::string>, std::vector<std::size_t>> by_meeting;
    std::unordered_map<std::string, std::vector<std::size_t>> by_case;
    {
        Statement s(db, "SELECT i.id, m.committee_id, m.date, i.case_number, i.title, i.number, "
                        "COALESCE((SELECT text FROM decisions d WHERE d.item_id = i.id AND d.origin = 'minutes' "
                        "LIMIT 1), '') FROM items i JOIN meetings m ON m.id = i.meeting_id ORDER BY m.date, i.number");
        while (s.step()) {
            ItemRow r{s.integer(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(6), static_cast<int>(s.integer(5))};
            by_id[r.id] = items.size();
            by_meeting[{r.committee_id, r.date}].push_back(items.size());
            if (!r.case_number.empty()) by_case[r.case_number].push_back(items.size());
            items.push_back(std::move(r));
        }
    }
    exec(db, "DELETE FROM links");
    Statement insert(db, "INSERT OR IGNORE INTO links(later_item_id, earlier_item_id, reason, evidence, line) "
                         "VALUES(?, ?, ?, ?, ?)");
    LinkStats stats;
    auto link = [&](const ItemRow& later, const ItemRow& earlier, int reason, const std::string& evidence, int line) {
        insert.bind(1, later.id).bind(2, earlier.id).bind(3, reason).bind(4, evidence).bind(5, line).run();
        if (sqlite3_changes(db) == 0) return;
        (reason == 1 ? stats.by_reference : reason == 2 ? stats.by_history : stats.by_case_number)++;
    };
    auto same_case = [](const ItemRow& a, const ItemRow& b) {
        return !a.case_number.empty() && a.case_number == b.case_number;
    };

    Statement refs(db, "SELECT item_id, committee_id, kind, date, item_numbers, decision, text, line FROM refs");
    while (refs.step()) {
        RefRow r{refs.integer(0), refs.integer(1), refs.text(2), refs.text(3), refs.text(4), refs.text(5), refs.text(6),
                 static_cast<int>(refs.integer(7))};
        auto later_it = by_id.find(r.item_id);
        auto targets = by_meeting.find({r.committee_id, r.date});
        if (later_it == by_id.end() || targets == by_meeting.end()) continue;
        const ItemRow& y = items[later_it->second];
        if (!(r.date < y.date)) continue;  // same meeting (or a reference forward in time) never links
        const auto& candidates = targets->second;
        for (std::size_t index : candidates) {
            const ItemRow& x = items[index];
            bool similar = title_similarity(x.title, y.title) >= threshold;
            if (r.kind == "tidligere") {
                bool accepted = r.numbers.empty() ? (candidates.size() == 1 || same_case(x, y) || similar)
                                                  : has_number(r.numbers, x.number);
                if (accepted) link(y, x, 1, r.text, r.line);
            } else {
                bool accepted = candidates.size() == 1 || same_case(x, y) || similar ||
                                (!r.decision.empty() && normalized(r.decision) == normalized(x.decision));
                if (accepted) link(y, x, 2, r.text, r.line);
            }
        }
    }
    for (const auto& [case_number, group] : by_case) {
        for (std::size_t a = 0; a < group.size(); ++a) {
            for (std::size_t b = 0; b < group.size(); ++b) {
                const ItemRow& x = items[group[a]];
                const ItemRow& y = items[group[b]];
                if (!(x.date < y.date)) continue;
                double similarity = title_similarity(x.title, y.title);
                if (similarity < threshold) continue;
                std::ostringstream evidence;
                evidence.precision(2);
                evidence << std::fixed << "case " << case_number << ", title similarity " << similarity;
                link(y, x, 3, evidence.str(), 0);
            }
        }
    }
    Statement done(db, "UPDATE link_state SET dirty = 0, threshold = ?");
    done.bind(1, threshold).run();
    tx.commit();
    return stats;
}

LinkStats link_counts(Store& store) {
    LinkStats stats;
    Statement s(store.handle(), "SELECT reason, COUNT(*) FROM links GROUP BY reason");
    while (s.step()) {
        const int count = static_cast<int>(s.integer(1));
        switch (s.integer(0)) {
            case 1: stats.by_reference = count; break;
            case 2: stats.by_history = count; break;
            case 3: stats.by_case_number = count; break;
            default: break;
        }
    }
    return stats;
}

LinkStats relink_if_changed(Store& store, double threshold, bool* relinked) {
    sqlite3* db = store.handle();
    {
        // State and counts from one snapshot.
        Transaction read(db, false);
        Statement state(db, "SELECT dirty, threshold FROM link_state");
        if (state.step() && state.integer(0) == 0 && !state.is_null(1) && state.real(1) == threshold) {
            LinkStats stats = link_counts(store);
            state.reset();
            read.commit();
            if (relinked) *relinked = false;
            return stats;
        }
    }
    if (relinked) *relinked = true;
    return relink(store, threshold);
}

}  // namespace opfolg::tracker
