#include "flags/open_flags.hpp"

#include "flags/kept_fields.hpp"
#include "flags/settled.hpp"
#include "rules/evaluate.hpp"
#include "rules/scope.hpp"
#include "text/fnv.hpp"
#include "text/iso_date.hpp"
#include "tracker/row_batch.hpp"
#include "tracker/sqlite.hpp"

#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace opfolg::flags {

namespace {

using tracker::Statement;

// Raised when what the evaluator computes changes for the same rule files, so stores made by an older opfolg
// are evaluated again instead of answering with the old semantics.
constexpr const char* evaluator_generation = "opfolg-flags-1";

// Items evaluated per load when refreshing (the candidates of 20,000 items are a few tens of MB).
constexpr std::size_t slice_items = 20000;

// Evaluating as of this day sees everything stored: later treatments, next meetings, ended snoozes.
const date::year_month_day far_future = date::year{9999} / date::December / 31;

struct State {
    std::string digest;
    bool complete = false;
};

State read_state(sqlite3* db) {
    Statement s(db, "SELECT digest, complete FROM flag_state WHERE id = 1");
    State out;
    if (s.step()) {
        out.digest = s.text(0);
        out.complete = s.integer(1) != 0;
    }
    return out;
}

bool any_pending(sqlite3* db) {
    Statement s(db, "SELECT 1 FROM flags_pending LIMIT 1");
    return s.step();
}

// A candidate of a same-day meeting is keyed with the meeting ("…|2024-03-12@17:00|1"); manual decisions made
// before the second meeting arrived carry the plain key. Both lead to the item.
std::string plain_key(const tracker::Candidate& c) {
    return c.committee + "|" + text::iso(c.meeting_date) + "|" + std::to_string(c.item_number);
}

// The day of the newest manual decision per candidate key (the audit log is small: read whole).
std::unordered_map<std::string, date::year_month_day> manual_days(sqlite3* db) {
    Statement s(db, "SELECT candidate_key, max(substr(at, 1, 10)) FROM manual GROUP BY candidate_key");
    std::unordered_map<std::string, date::year_month_day> out;
    while (s.step()) {
        date::year_month_day d{};
        if (text::parse_iso(s.text(1), d)) out.emplace(s.text(0), d);
    }
    return out;
}

std::vector<std::int64_t> ids_of(sqlite3* db, const char* sql, const std::string& bind = {}) {
    Statement s(db, sql);
    if (!bind.empty()) s.bind(1, bind);
    std::vector<std::int64_t> out;
    while (s.step()) out.push_back(s.integer(0));
    return out;
}

// What settles a candidate besides its own data: read once per refresh, not per slice.
struct Settling {
    std::unordered_map<std::string, date::year_month_day> manual;  // newest manual decision per key
    int window = 0;                                                 // meeting_window_days of the rules
};

void store_evaluation(sqlite3* db, const rules::RuleSet& rules, const Settling& settling,
                      const std::vector<tracker::Candidate>& candidates, RefreshSummary& summary) {
    const auto& manual = settling.manual;
    std::map<std::int64_t, date::year_month_day> settled;  // item -> the latest of its candidates' days
    // Keys and items many rows to a statement (tracker/row_batch.hpp): a first ingest's refresh writes 7,000 and
    // 3,500 of them.
    tracker::RowBatch keys(db, "flag_keys(key, item_id)", 2, "INSERT OR IGNORE");
    Statement row(db, "INSERT INTO flag_rows(item_id, id, meeting_date, item_number, due, n, fields) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)");
    std::string fields;  // flags/kept_fields.hpp; its buffer kept from row to row
    std::unordered_map<std::int64_t, std::int64_t> rows_of;  // item -> its rows so far, for `n`
    for (const auto& c : candidates) {
        std::optional<date::year_month_day> newest_manual;
        for (std::string k : {c.key, plain_key(c)}) {
            if (auto m = manual.find(k); m != manual.end() && (!newest_manual || m->second > *newest_manual))
                newest_manual = m->second;
            keys.add_copy(std::move(k)).add(c.item_id);
        }
        const auto day = settled_from(c, settling.window, newest_manual);
        auto [it, fresh] = settled.emplace(c.item_id, day);
        if (!fresh && day > it->second) it->second = day;
        for (const auto& rule : rules.rules) {
            auto f = rules::evaluate_rule(rule, c, far_future);
            if (!f) continue;
            fields.clear();
            append_kept_fields(fields, *f);
            row.bind(1, c.item_id).bind(2, f->id).bind(3, text::iso(f->meeting_date));
            row.bind(4, static_cast<std::int64_t>(f->item_number)).bind(5, text::iso(f->due));
            // n = item id × 2^16 + the item's row count: unique in the table without reading it (an item's
            // rows are all written by one refresh).
            const std::int64_t n = (c.item_id << 16) + ++rows_of[c.item_id];
            row.bind(6, n).bind(7, fields);
            row.step();
            row.reset();
            ++summary.flags;
        }
    }
    keys.flush();
    tracker::RowBatch items(db, "flag_items(item_id, settled_from)", 2, "INSERT OR REPLACE");
    for (const auto& [id, day] : settled) items.add(id).add_copy(text::iso(day));
    items.flush();
    summary.items += settled.size();
}

}  // namespace

std::string rules_digest(const rules::RuleSet& rules) {
    return text::Fnv1a64().add(evaluator_generation).separate().add(rules.texts.hex()).hex();
}

KeptState kept_state(tracker::Store& store, const rules::RuleSet& rules) {
    const State s = read_state(store.handle());
    if (!s.complete || s.digest != rules_digest(rules)) return KeptState::stale;
    return any_pending(store.handle()) ? KeptState::pending : KeptState::current;
}

RefreshSummary refresh(tracker::Store& store, const rules::RuleSet& rules) {
    sqlite3* db = store.handle();
    RefreshSummary summary;
    const std::string digest = rules_digest(rules);
    {  // the common case, nothing to do, takes no write lock
        const State s = read_state(db);
        if (s.complete && s.digest == digest && !any_pending(db)) return summary;
    }
    tracker::Transaction tx(db);
    const State s = read_state(db);
    summary.rebuilt = !s.complete || s.digest != digest;
    std::vector<std::int64_t> items;
    if (summary.rebuilt) {
        tracker::exec(db, "DELETE FROM flag_rows; DELETE FROM flag_items; DELETE FROM flag_keys; "
                          "DELETE FROM flags_pending;");
        // Only items some rule can flag: reading every item row (an item's whole text) to find them was most
        // of a first ingest's refresh.
        items = tracker::candidate_item_ids(store, rules::candidate_scope(rules));
    } else {
        items = ids_of(db, "SELECT item_id FROM flags_pending ORDER BY item_id");
        if (items.empty()) return summary;  // another process refreshed meanwhile
        tracker::exec(db, "DELETE FROM flag_rows WHERE item_id IN (SELECT item_id FROM flags_pending); "
                          "DELETE FROM flag_items WHERE item_id IN (SELECT item_id FROM flags_pending); "
                          "DELETE FROM flag_keys WHERE item_id IN (SELECT item_id FROM flags_pending); "
                          "DELETE FROM flags_pending;");
    }
    // In slices of items, so memory follows the slice, not the store (a national store has millions of items;
    // each candidate is a dozen strings with its treatments and deadlines).
    auto scope = rules::candidate_scope(rules);  // every rule: --disable filters when reading
    scope.rejected_lookalikes = false;             // the rows keep flags, not their explanations
    scope.all_time_phrases = false;
    const Settling settling{manual_days(db), meeting_window_days(rules)};
    for (std::size_t from = 0; from < items.size(); from += slice_items) {
        const auto end = items.begin() + static_cast<std::ptrdiff_t>(std::min(items.size(), from + slice_items));
        scope.items = std::vector<std::int64_t>(items.begin() + static_cast<std::ptrdiff_t>(from), end);
        store_evaluation(db, rules, settling, tracker::load_candidates(store, far_future, scope), summary);
    }
    Statement done(db, "UPDATE flag_state SET digest = ?, complete = 1, built_at = ? WHERE id = 1");
    done.bind(1, digest).bind(2, text::iso_timestamp_now());
    done.step();
    tx.commit();
    return summary;
}

bool for_each_open_flag(tracker::Store& store, const rules::RuleSet& rules, date::year_month_day as_of,
                        const std::vector<std::string>& disabled, const FlagVisitor& visit, bool messages) {
    sqlite3* db = store.handle();
    // One read transaction: the state checked is the state read, even while an ingest commits.
    const bool own_transaction = sqlite3_get_autocommit(db) != 0;
    std::optional<tracker::Transaction> snapshot;
    if (own_transaction) snapshot.emplace(db, /*immediate=*/false);
    if (kept_state(store, rules) != KeptState::current) return false;

    auto enabled = [&](std::string_view id) -> const rules::Rule* {
        for (const auto& d : disabled)
            if (d == id) return nullptr;
        return rules.find(id);
    };
    const std::string day = text::iso(as_of);
    // Items not settled by as-of (recent meetings, treatments or decisions still to come that day) are few: their
    // stored rows are skipped and they are evaluated as the full path would, then merged into the stream.
    auto scope = rules::candidate_scope(rules, disabled);
    scope.rejected_lookalikes = false;  // flags are listed, not explained
    scope.all_time_phrases = false;
    scope.items = ids_of(db, "SELECT item_id FROM flag_items WHERE settled_from > ?", day);
    const std::unordered_set<std::int64_t> skip(scope.items->begin(), scope.items->end());
    std::vector<rules::Flag> fresh;
    if (!scope.items->empty()) {
        rules::EvalOptions options;
        options.disabled = disabled;
        fresh = rules::evaluate(rules, tracker::load_candidates(store, as_of, scope), as_of, options);  // sorted
    }
    auto next_fresh = fresh.cbegin();

    // The rows in their stored order (most overdue first). A join to flag_items per row was a tenth of a report;
    // one Flag refilled per row keeps its strings' buffers (a fresh Flag per row was a third of a report in malloc).
    Statement s(db, "SELECT id, meeting_date, item_number, due, item_id, fields "
                    "FROM flag_rows ORDER BY due, meeting_date, item_number, id");
    rules::Flag f;
    const rules::Rule* last_rule = nullptr;
    while (s.step()) {
        if (!skip.empty() && skip.count(s.integer(4))) continue;
        std::string_view rule_id;
        read_kept_fields(s.view(5), f, rule_id);
        const rules::Rule* rule = last_rule && last_rule->id == rule_id ? last_rule : enabled(rule_id);
        if (!rule) continue;
        if (rule != last_rule) {
            f.rule = rule->id;
            f.rule_title = rule->title;
            f.severity = rule->severity;
            last_rule = rule;
        }
        f.id = s.view(0);
        f.meeting_date = {};  // parse_iso leaves its output alone on a bad date: not the last row's
        text::parse_iso(s.view(1), f.meeting_date);
        f.item_number = static_cast<int>(s.integer(2));
        f.due = {};
        text::parse_iso(s.view(3), f.due);
        rules::date_flag(*rule, f, as_of, messages);
        // Stable as a merge: on a tie the stored row goes first, as std::inplace_merge of the two lists did.
        for (; next_fresh != fresh.cend() && rules::most_overdue_first(*next_fresh, f); ++next_fresh) visit(*next_fresh);
        visit(f);
    }
    for (; next_fresh != fresh.cend(); ++next_fresh) visit(*next_fresh);
    if (snapshot) snapshot->commit();
    return true;
}

std::optional<std::vector<rules::Flag>> read_open_flags(tracker::Store& store, const rules::RuleSet& rules,
                                                        date::year_month_day as_of,
                                                        const std::vector<std::string>& disabled) {
    std::vector<rules::Flag> out;
    if (!for_each_open_flag(store, rules, as_of, disabled, [&out](const rules::Flag& f) { out.push_back(f); }))
        return std::nullopt;
    return out;
}

}  // namespace opfolg::flags
