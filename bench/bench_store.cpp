// The SQLite insert path (one transaction per document), loading candidates, and rule evaluation.
#include "bench/bench_corpus.hpp"
#include "rules/evaluate.hpp"
#include "rules/ruleset.hpp"
#include "tracker/committees.hpp"
#include "tracker/ingest.hpp"
#include "tracker/linker.hpp"
#include "tracker/store.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <stdexcept>

namespace {
using opfolg::bench::corpus;
using opfolg::bench::temp_path;

// Everything of ingest but reading files: hash, parse, one transaction per document.
void BM_Ingest_Documents(benchmark::State& state) {
    const auto& c = corpus();
    int round = 0;
    for (auto _ : state) {
        state.PauseTiming();
        const std::string db = temp_path("ingest-" + std::to_string(round++) + ".db");
        {
            opfolg::tracker::Store store(db);
            opfolg::tracker::Committees committees(store);
            opfolg::tracker::Ingestor ingestor(store, committees);
            state.ResumeTiming();
            for (const auto& d : c.documents) benchmark::DoNotOptimize(ingestor.ingest_bytes(d.bytes, d.path));
            state.PauseTiming();
        }
        std::filesystem::remove(db);
        std::filesystem::remove(db + "-wal");
        std::filesystem::remove(db + "-shm");
        state.ResumeTiming();
    }
    state.counters["docs/s"] = benchmark::Counter(static_cast<double>(c.documents.size()) * state.iterations(),
                                                  benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ingest_Documents)->Unit(benchmark::kMillisecond);

struct Loaded {
    std::string db;
    date::year_month_day as_of{};
    opfolg::rules::RuleSet rules;
};

const Loaded& loaded() {
    static const Loaded l = [] {
        Loaded l;
        const auto& c = corpus();
        l.db = temp_path("loaded.db");
        opfolg::tracker::Store store(l.db);
        opfolg::tracker::Committees committees(store);
        opfolg::tracker::Ingestor ingestor(store, committees);
        for (const auto& d : c.documents) ingestor.ingest_bytes(d.bytes, d.path);
        opfolg::tracker::relink(store, opfolg::tracker::default_title_threshold);
        opfolg::dates::parse_iso(c.as_of, l.as_of);
        std::vector<opfolg::rules::Diagnostic> diags;
        if (!opfolg::rules::load_rules(OPFOLG_SOURCE_DIR "/rules/default.rules", l.rules, diags))
            throw std::runtime_error("cannot load rules/default.rules");
        return l;
    }();
    return l;
}

void BM_Relink(benchmark::State& state) {
    const auto& l = loaded();
    opfolg::tracker::Store store(l.db);
    for (auto _ : state) benchmark::DoNotOptimize(opfolg::tracker::relink(store, opfolg::tracker::default_title_threshold));
}
BENCHMARK(BM_Relink)->Unit(benchmark::kMillisecond);

void BM_LoadCandidates(benchmark::State& state) {
    const auto& l = loaded();
    opfolg::tracker::Store store(l.db, true);
    std::size_t n = 0;
    for (auto _ : state) {
        auto candidates = opfolg::tracker::load_candidates(store, l.as_of);
        n = candidates.size();
        benchmark::DoNotOptimize(candidates);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_LoadCandidates)->Unit(benchmark::kMillisecond);

void BM_RuleEvaluation(benchmark::State& state) {
    const auto& l = loaded();
    opfolg::tracker::Store store(l.db, true);
    const auto candidates = opfolg::tracker::load_candidates(store, l.as_of);
    std::size_t flags = 0;
    for (auto _ : state) {
        auto f = opfolg::rules::evaluate(l.rules, candidates, l.as_of);
        flags = f.size();
        benchmark::DoNotOptimize(f);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * candidates.size()));
    state.counters["flags"] = static_cast<double>(flags);
}
BENCHMARK(BM_RuleEvaluation)->Unit(benchmark::kMillisecond);
}  // namespace
