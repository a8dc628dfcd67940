// The open flags kept in the store answer exactly as evaluating everything would: for every as-of day, after each
// document of a corpus that arrives out of date order, after corrected minutes replace stored ones, after manual
// resolve / snooze / unresolve, and when the vocabulary or the rules change. And a weekly document re-evaluates
// a handful of items, not the archive.
#include "tracker/fixture_minutes.hpp"
#include "flags/open_flags.hpp"
#include "grammar/dates.hpp"
#include "rules/evaluate.hpp"
#include "rules/scope.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/queries.hpp"
#include "tracker/reclassify.hpp"
#include "tracker/sqlite.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

using namespace opfolg;
namespace fs = std::filesystem;

namespace {

date::year_month_day ymd(int y, unsigned m, unsigned d) { return date::year{y} / date::month{m} / date::day{d}; }

// Everything a report shows of a flag, one line each.
std::vector<std::string> lines(const std::vector<rules::Flag>& flags) {
    std::vector<std::string> out;
    for (const auto& f : flags)
        out.push_back(f.id + "|" + f.rule + "|" + f.rule_title + "|" + rules::to_string(f.severity) + "|" +
                      rules::to_string(f.status) + "|" + dates::iso(f.due) + "|" + std::to_string(f.days_overdue) +
                      "|" + f.due_source + "|" + f.committee + "|" + dates::iso(f.meeting_date) + "|" +
                      std::to_string(f.item_number) + "|" + f.title + "|" + f.case_number + "|" + f.decision + "|" +
                      (f.closed ? "closed" : "open") + "|" + f.source + "|" + f.candidate_key + "|" + f.message);
    return out;  // in the order given: both paths sort most overdue first
}

std::vector<std::string> evaluated(tracker::Store& store, const rules::RuleSet& set, date::year_month_day as_of,
                                   const std::vector<std::string>& disabled = {}) {
    rules::EvalOptions options;
    options.disabled = disabled;
    return lines(rules::evaluate(set, tracker::load_candidates(store, as_of, rules::candidate_scope(set, disabled)),
                                 as_of, options));
}

const std::vector<date::year_month_day> as_of_days{
    ymd(2023, 1, 1),  ymd(2023, 3, 15), ymd(2023, 6, 30), ymd(2023, 10, 2), ymd(2023, 11, 20), ymd(2024, 1, 1),
    ymd(2024, 4, 9),
    ymd(2024, 7, 1),  ymd(2024, 12, 31), ymd(2025, 3, 1), ymd(2026, 12, 1), ymd(2027, 6, 1), ymd(2031, 1, 1)};

// Kept and evaluated agree on every as-of day; returns how many flags were compared.
std::size_t agree(tracker::Store& store, const rules::RuleSet& set, const std::vector<std::string>& disabled = {}) {
    std::size_t compared = 0;
    for (auto day : as_of_days) {
        INFO("as of " << dates::iso(day));
        auto kept = flags::read_open_flags(store, set, day, disabled);
        REQUIRE(kept);
        const auto expected = evaluated(store, set, day, disabled);
        CHECK(lines(*kept) == expected);
        compared += expected.size();
    }
    return compared;
}

// Our own minutes: two committees, monthly and bi-monthly, with postponements, new cases, returned cases,
// promises in the text, references back, Sagens forløb entries (some of meetings the corpus has, some not) and
// case numbers that recur.
struct Corpus {
    std::vector<std::pair<std::string, std::string>> documents;  // (name, text)
};

Corpus make_corpus() {
    static const char* const months[] = {"januar", "februar", "marts", "april", "maj", "juni",
                                         "juli", "august", "september", "oktober", "november", "december"};
    static const char* const decisions[] = {
        "Godkendt.", "Udsættes.", "Ny sag forelægges.", "Taget til efterretning.",
        "Sagen sendes tilbage til administrationen.", "Sagen genoptages på næste møde.",
        "Godkendt. Ny sag fremlægges i 2. kvartal 2024.", "Udsættes til mødet i september 2023."};
    static const char* const texts[] = {
        "Forvaltningen har udarbejdet et notat.",
        "Der gives en status til udvalget i 4. kvartal 2023.",
        "Udvalget orienteres igen sidst i 2024.",
        "Et revideret forslag forelægges udvalget på august mødet."};
    std::mt19937 random(20261201);
    Corpus c;
    for (int k = 0; k < 20; ++k) {
        const bool tmu = k % 3 != 2;  // two of three documents are Teknik- og Miljøudvalget's
        const std::string committee = tmu ? "Teknik- og Miljøudvalget" : "Børne- og Skoleudvalget";
        const int month = 1 + (k * 7) % 12, year = 2023 + k / 12;
        const int day = tmu ? 10 : 14;
        std::vector<fixture::ItemSpec> items;
        for (int n = 1; n <= 5; ++n) {
            fixture::ItemSpec it{n, "Sag " + std::to_string(random() % 6) + " om vejenes vedligehold",
                                 "05.0" + std::to_string(n) + ".00-P00-" + std::to_string(random() % 4) + "-23",
                                 decisions[random() % 8], {}, {}, texts[random() % 4]};
            if (random() % 4 == 0) {
                const int pm = month == 1 ? 12 : month - 1, py = month == 1 ? year - 1 : year;
                it.tidligere.push_back(committee + " den " + std::to_string(day) + ". " + months[pm - 1] + " " +
                                       std::to_string(py) + " Punkt " + std::to_string(n));
            }
            if (random() % 5 == 0) {
                char dmy[16];
                // Økonomiudvalget is never in the corpus; the other committee's meetings may be.
                std::snprintf(dmy, sizeof dmy, "%02d-%02d-%d", tmu ? 14 : 3, 1 + (month + 10) % 12,
                              month == 1 ? year - 1 : year);
                it.forloeb.push_back(std::string(dmy) + (tmu ? " Børne- og Skoleudvalget" : " Økonomiudvalget"));
            }
            // A history decision of a meeting the corpus has (Børne- og Skoleudvalget 14-09-2023, document 8):
            // a candidate of its own until that meeting arrives, then that meeting's decision.
            // Its own case number: no case-number chain links it to that meeting's items.
            if (tmu && n == 5 && year * 12 + month > 2023 * 12 + 9) {
                it.forloeb.push_back("14-09-2023 Børne- og Skoleudvalget");
                it.case_number = "00.01.00-A00-" + std::to_string(k) + "-23";
            }
            items.push_back(it);
        }
        char dmy[16];
        std::snprintf(dmy, sizeof dmy, "%02d-%02d-%d", day, month, year);
        c.documents.emplace_back("m" + std::to_string(k) + ".txt", fixture::minutes(committee, dmy, items));
    }
    return c;
}

rules::RuleSet load(const std::vector<std::string>& files) {
    rules::RuleSet set;
    for (const auto& f : files) {
        std::vector<rules::Diagnostic> diags;
        INFO(f);
        REQUIRE(rules::load_rules(f, set, diags));
    }
    return set;
}

const std::string default_rules = std::string(OPFOLG_SOURCE_DIR) + "/rules/default.rules";

// A rule that reads the as-of day in every way the DSL can: a window after the meeting, treatments within N
// days, the next meeting, and a snooze.
const char* const time_rules = R"(
rule recent-postponed {
  title    "Nylig udsat"
  severity low
  when     (decision is postponed or decision is new_case) and meeting within 75 days
  unless   resolved or snoozed
  due      first of (deadline in decision, next meeting, 30 days after meeting)
  flag if  no later treatment within 40 days
  message  "{title}: {committee} {meeting_date} punkt {item}, {status}, {days_overdue} dage"
}
# A decision known only from a Sagens forløb entry, flagged for as long as its meeting is not in the store.
rule history-only {
  title    "Kun kendt fra sagens forløb"
  severity info
  when     from history
  due      first of (30 days after meeting)
  message  "{title}: {committee} {meeting_date}"
}
)";

}  // namespace

TEST_CASE("kept open flags equal a full evaluation on every as-of day, as documents arrive out of order",
          "[flags]") {
    fixture::TempDir dir;
    const rules::RuleSet set = load({default_rules, dir.file("time.rules", time_rules)});
    auto corpus = make_corpus();
    std::shuffle(corpus.documents.begin(), corpus.documents.end(), std::mt19937(7));

    tracker::Store store(dir.db());
    tracker::Committees committees(store);
    std::size_t compared = 0;
    {
        tracker::Ingestor ingestor(store, committees);
        for (std::size_t i = 0; i < corpus.documents.size(); ++i) {
            const auto& [name, text] = corpus.documents[i];
            INFO("after " << i + 1 << " documents, the last " << name);
            REQUIRE(ingestor.ingest_bytes(text, dir.path / name).status == tracker::IngestResult::Status::stored);
            tracker::relink_if_changed(store);
            const auto r = flags::refresh(store, set);
            CHECK(r.rebuilt == (i == 0));
            CHECK(flags::kept_state(store, set) == flags::KeptState::current);
            if (i % 4 == 3 || i + 1 == corpus.documents.size()) compared += agree(store, set);
        }
    }
    CHECK(compared > 200);  // the comparisons compared something

    SECTION("with a rule switched off") {
        CHECK(agree(store, set, {"promised-followup-missing"}) > 0);
    }
    SECTION("after manual resolve, snooze and unresolve") {
        const auto open = flags::read_open_flags(store, set, ymd(2026, 12, 1));
        REQUIRE(open);
        std::vector<rules::Flag> exemptable;  // flags of rules with `unless resolved or snoozed`
        for (const auto& f : *open)
            if (f.rule != "history-only") exemptable.push_back(f);
        REQUIRE(exemptable.size() >= 2);
        auto manual = [&](const rules::Flag& f, const std::string& action, const std::string& until) {
            tracker::ManualEntry e;
            e.flag_id = f.id;
            e.candidate_key = f.candidate_key;
            e.rule = f.rule;
            e.action = action;
            e.by = "test";
            e.note = "test";
            e.until = until;
            e.at = "2026-11-30T10:00:00Z";
            tracker::append_manual(store, e);
            CHECK(flags::kept_state(store, set) == flags::KeptState::pending);
            const auto r = flags::refresh(store, set);
            CHECK_FALSE(r.rebuilt);
            CHECK(r.items <= 2);
            agree(store, set);
        };
        manual(exemptable[0], "resolve", "");
        manual(exemptable[1], "snooze", "2027-03-01");
        manual(exemptable[0], "unresolve", "");
        const auto after = flags::read_open_flags(store, set, ymd(2026, 12, 1));
        CHECK(after->size() == open->size() - 1);  // the snoozed one
    }
    SECTION("after corrected minutes replace stored ones") {
        auto corrected = corpus.documents.front().second;
        for (auto at = corrected.find("Godkendt."); at != std::string::npos; at = corrected.find("Godkendt.", at))
            corrected.replace(at, 9, "Udsættes.");
        corrected += "Punkt 6: Tilføjet sag om cykelstier\n\nBeslutning\n\nNy sag forelægges.\n\n";
        tracker::Ingestor ingestor(store, committees);
        REQUIRE(ingestor.ingest_bytes(corrected, dir.path / "corrected.txt").status ==
                tracker::IngestResult::Status::replaced);
        tracker::relink_if_changed(store);
        CHECK_FALSE(flags::refresh(store, set).rebuilt);
        agree(store, set);
    }
    SECTION("after the vocabulary changes the stored classes") {
        Vocabulary vocabulary = rules::vocabulary_in_force(set);
        vocabulary.add("taget til efterretning", DecisionClass::new_case, "test.rules", 1);
        REQUIRE(tracker::reclassify_if_stale(store, vocabulary, "test.rules").changed > 0);
        CHECK(flags::kept_state(store, set) == flags::KeptState::pending);
        flags::refresh(store, set);
        agree(store, set);
    }
    SECTION("other rules are not answered from rows kept for these") {
        const rules::RuleSet defaults = load({default_rules});
        CHECK(flags::kept_state(store, defaults) == flags::KeptState::stale);
        CHECK_FALSE(flags::read_open_flags(store, defaults, ymd(2026, 12, 1)));
        CHECK(flags::refresh(store, defaults).rebuilt);
        agree(store, defaults);
    }
}

TEST_CASE("a new meeting re-evaluates its own items and its committee's recent ones, not the archive", "[flags]") {
    fixture::TempDir dir;
    const rules::RuleSet set = load({default_rules});
    auto corpus = make_corpus();
    tracker::Store store(dir.db());
    tracker::Committees committees(store);
    tracker::Ingestor ingestor(store, committees);
    const auto last = corpus.documents.back();
    corpus.documents.pop_back();
    for (const auto& [name, text] : corpus.documents)
        REQUIRE(ingestor.ingest_bytes(text, dir.path / name).status == tracker::IngestResult::Status::stored);
    tracker::relink_if_changed(store);
    const auto first = flags::refresh(store, set);
    CHECK(first.rebuilt);
    CHECK(first.items > 20);

    REQUIRE(ingestor.ingest_bytes(last.second, dir.path / last.first).status == tracker::IngestResult::Status::stored);
    tracker::relink_if_changed(store);
    tracker::Statement pending(store.handle(), "SELECT COUNT(*) FROM flags_pending");
    REQUIRE(pending.step());
    const auto queued = pending.integer(0);
    pending.reset();
    CHECK(queued >= 5);   // its own five items at least
    CHECK(queued <= 30);  // ... and the earlier items its links and its date touch, not all 95
    const auto r = flags::refresh(store, set);
    CHECK_FALSE(r.rebuilt);
    CHECK(r.items <= static_cast<std::size_t>(queued));
    agree(store, set);
}

TEST_CASE("an unchanged committees file at every run keeps the flags, and a rename rebuilds them", "[flags]") {
    fixture::TempDir dir;
    const rules::RuleSet set = load({default_rules});
    tracker::Store store(dir.db());
    tracker::Committees committees(store);
    const std::string conf = dir.file("committees.conf", "Teknik- og Miljøudvalget\n    TMU\n");
    committees.apply(tracker::load_committee_config(conf));
    {
        tracker::Ingestor ingestor(store, committees);
        for (const auto& [name, text] : make_corpus().documents)
            REQUIRE(ingestor.ingest_bytes(text, dir.path / name).status == tracker::IngestResult::Status::stored);
    }
    tracker::relink_if_changed(store);
    REQUIRE(flags::refresh(store, set).rebuilt);

    committees.apply(tracker::load_committee_config(conf));  // what a weekly cron run does
    CHECK(flags::kept_state(store, set) == flags::KeptState::current);

    committees.apply(tracker::load_committee_config(
        dir.file("renamed.conf", "Teknik-, Miljø- og Klimaudvalget\n    Teknik- og Miljøudvalget\n")));
    CHECK(flags::kept_state(store, set) == flags::KeptState::stale);  // every flag names the committee
    CHECK(flags::refresh(store, set).rebuilt);
    agree(store, set);
}
