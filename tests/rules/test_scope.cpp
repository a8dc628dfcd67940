// candidate_scope: the decisions a rule set can flag, pushed down into the store query. The property that
// matters: evaluating on the scoped load gives exactly the flags of evaluating on everything.
#include "helpers.hpp"
#include "grammar/dates.hpp"
#include "rules/scope.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/sqlite.hpp"
#include "tracker/store.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <unistd.h>

using namespace opfolg;
using namespace opfolg::rules;
namespace fs = std::filesystem;

namespace {

std::string rule(const std::string& id, const std::string& when, const std::string& extra = "") {
    return "rule " + id + " {\n  title \"T\"\n  when " + when + "\n" + extra +
           "  due first of (deadline in decision, promise in text, next meeting, 60 days after meeting)\n"
           "  message \"{title}\"\n}\n";
}

tracker::CandidateScope scope_of(const std::string& rules_text, const std::vector<std::string>& disabled = {}) {
    auto parsed = test::parse(rules_text);
    INFO(rules_text);
    REQUIRE(parsed.ok);
    return candidate_scope(parsed.set, disabled);
}

bool has(const tracker::CandidateScope& s, DecisionClass c) {
    return std::find(s.classes.begin(), s.classes.end(), c) != s.classes.end();
}

std::vector<std::string> flag_lines(const std::vector<Flag>& flags) {
    std::vector<std::string> out;
    for (const auto& f : flags)
        out.push_back(f.id + " " + f.rule + " " + to_string(f.status) + " " + dates::iso(f.due) + " " + f.source);
    std::sort(out.begin(), out.end());
    return out;
}

// Each flag with its due date's source and every line of why it fired.
std::vector<std::string> flag_reasons(const std::vector<Flag>& flags) {
    std::vector<std::string> out = flag_lines(flags);
    for (const auto& f : flags) {
        std::string why = f.id + " " + f.due_source + ":";
        for (const auto& w : f.why) why += " | " + w;
        out.push_back(why);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("the default rules need postponed, new-case and returned decisions and item-text promises, no bodies",
          "[rules][scope]") {
    RuleSet set;
    std::vector<Diagnostic> diags;
    REQUIRE(load_rules(std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules", set, diags));
    auto s = candidate_scope(set);
    CHECK_FALSE(s.everything);
    CHECK(s.classes.size() == 3);
    CHECK(has(s, DecisionClass::postponed));
    CHECK(has(s, DecisionClass::new_case));
    CHECK(has(s, DecisionClass::returned));
    CHECK(s.promise_items);
    CHECK_FALSE(s.bodies);

    auto without_promises = candidate_scope(set, {"promised-followup-missing"});
    CHECK_FALSE(without_promises.promise_items);
    CHECK(without_promises.classes.size() == 3);
}

TEST_CASE("conditions the store cannot filter on widen the scope to everything", "[rules][scope]") {
    CHECK(scope_of(rule("a", "not decision is noted")).everything);
    CHECK(scope_of(rule("a", "decision is postponed or title matches \"budget\"")).everything);
    CHECK(scope_of(rule("a", "closed")).everything);
    // One rule without a bound is enough.
    CHECK(scope_of(rule("a", "decision is postponed") + rule("b", "committee in (\"Økonomiudvalget\")")).everything);

    // A conjunction is bounded by its narrowest conjunct.
    auto narrow = scope_of(rule("a", "decision is postponed and committee in (\"Økonomiudvalget\")"));
    CHECK_FALSE(narrow.everything);
    CHECK(narrow.classes == std::vector<DecisionClass>{DecisionClass::postponed});
    CHECK_FALSE(narrow.promise_items);

    auto either = scope_of(rule("a", "decision is rejected or (has promise and closed)"));
    CHECK_FALSE(either.everything);
    CHECK(either.classes == std::vector<DecisionClass>{DecisionClass::rejected});
    CHECK(either.promise_items);

    // Every rule disabled: nothing to load.
    auto none = scope_of(rule("a", "closed"), {"a"});
    CHECK_FALSE(none.everything);
    CHECK(none.classes.empty());
    CHECK_FALSE(none.promise_items);
}

TEST_CASE("bodies are loaded only when a condition reads body or text", "[rules][scope]") {
    CHECK_FALSE(scope_of(rule("a", "decision is postponed and title matches \"skole\"")).bodies);
    CHECK(scope_of(rule("a", "decision is postponed and body matches \"skole\"")).bodies);
    CHECK(scope_of(rule("a", "decision is postponed", "  unless text matches \"trukket\"\n")).bodies);
    CHECK(scope_of(rule("a", "decision is postponed", "  flag if not body matches \"x\"\n")).bodies);
}

TEST_CASE("a scoped load raises exactly the flags of a full load (seeds and examples)", "[rules][scope]") {
    const fs::path db = fs::temp_directory_path() / ("opfolg-scope-" + std::to_string(::getpid()) + ".db");
    fs::remove(db);
    {
        tracker::Store store(db.string());
        tracker::Committees committees(store);
        tracker::Ingestor ingestor(store, committees);
        int stored = 0;
        for (const fs::path dir : {fs::path(OPFOLG_SEEDS_DIR), fs::path(OPFOLG_SOURCE_DIR) / "examples/minutes"}) {
            if (!fs::exists(dir)) continue;
            for (const auto& entry : fs::directory_iterator(dir)) {
                if (entry.path().filename().string().rfind("README", 0) == 0) continue;
                auto r = ingestor.ingest_file(entry.path().string());
                stored += r.status == tracker::IngestResult::Status::stored;
            }
        }
        REQUIRE(stored >= 4);
        tracker::relink(store);
    }
    tracker::Store store(db.string(), /*read_only=*/true);
    const auto as_of = test::ymd(2026, 11, 23);
    const auto everything = tracker::load_candidates(store, as_of);
    std::size_t all_items = 0;
    {
        tracker::Statement count(store.handle(), "SELECT COUNT(*) FROM items");
        count.step();
        all_items = static_cast<std::size_t>(count.integer(0));
    }

    RuleSet defaults;
    std::vector<Diagnostic> diags;
    REQUIRE(load_rules(std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules", defaults, diags));
    std::vector<std::pair<std::string, RuleSet>> sets{{"default.rules", defaults}};
    for (const std::string text :
         {rule("x", "decision is approved and not closed"), rule("x", "has promise", "  flag if no later treatment\n"),
          rule("x", "decision is noted or decision is recommended") + rule("y", "decision is none"),
          rule("x", "decision is approved and body matches \"budget\"")}) {
        auto parsed = test::parse(text);
        REQUIRE(parsed.ok);
        sets.emplace_back(text, parsed.set);
    }
    for (const auto& [name, set] : sets) {
        INFO(name);
        const auto scope = candidate_scope(set);
        const auto scoped = tracker::load_candidates(store, as_of, scope);
        CHECK(scoped.size() < everything.size());  // the push-down does narrow
        const auto full_flags = flag_lines(evaluate(set, everything, as_of));
        CHECK_FALSE(full_flags.empty());  // the comparison below compares something
        CHECK(flag_lines(evaluate(set, scoped, as_of)) == full_flags);
        // The ids a rebuild of the kept flags walks: only items in scope, and loading just those gives the
        // same candidates.
        auto by_ids = scope;
        by_ids.items = tracker::candidate_item_ids(store, scope);
        CHECK(by_ids.items->size() < all_items);
        CHECK(std::is_sorted(by_ids.items->begin(), by_ids.items->end()));
        const auto listed = tracker::load_candidates(store, as_of, by_ids);
        CHECK(listed.size() == scoped.size());
        CHECK(flag_lines(evaluate(set, listed, as_of)) == full_flags);
        // Only the time phrases rules read (as the kept flags load them): the same flags with the same reasons,
        // from fewer phrases.
        auto lean = by_ids;
        lean.all_time_phrases = false;
        const auto leaner = tracker::load_candidates(store, as_of, lean);
        REQUIRE(leaner.size() == listed.size());
        std::size_t phrases = 0, lean_phrases = 0;
        for (std::size_t i = 0; i < listed.size(); ++i) {
            phrases += listed[i].deadlines.size();
            lean_phrases += leaner[i].deadlines.size();
            for (const auto& d : leaner[i].deadlines) CHECK((d.in_decision || d.promise));
        }
        CHECK(lean_phrases < phrases);
        CHECK(flag_reasons(evaluate(set, leaner, as_of)) == flag_reasons(evaluate(set, listed, as_of)));
    }
    CHECK(tracker::candidate_item_ids(store, tracker::CandidateScope{}).size() == all_items);
    tracker::CandidateScope nothing;
    nothing.everything = false;
    CHECK(tracker::candidate_item_ids(store, nothing).empty());
    fs::remove(db);
}
