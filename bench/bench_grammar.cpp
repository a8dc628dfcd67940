// Reader, minutes grammar and date grammar over the generated corpus, per rendering.
#include "bench/bench_corpus.hpp"
#include "grammar/dates.hpp"
#include "grammar/minutes.hpp"

#include <benchmark/benchmark.h>

namespace {
using opfolg::bench::corpus;

// Bytes of the original documents of one rendering per second.
void reader(benchmark::State& state, bool markdown) {
    const auto& c = corpus();
    for (auto _ : state)
        for (const auto& d : c.documents)
            if (d.markdown == markdown) benchmark::DoNotOptimize(opfolg::normalize_source(d.bytes, d.path));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes(markdown)));
}

// The minutes grammar and model builder on normalized lines (reader excluded), per source byte.
void grammar(benchmark::State& state, bool markdown) {
    const auto& c = corpus();
    std::vector<opfolg::SourceText> sources;
    for (const auto& d : c.documents)
        if (d.markdown == markdown) sources.push_back(opfolg::normalize_source(d.bytes, d.path));
    for (auto _ : state)
        for (const auto& s : sources) benchmark::DoNotOptimize(opfolg::parse_minutes(s));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * c.bytes(markdown)));
    state.counters["docs/s"] = benchmark::Counter(static_cast<double>(sources.size()) * state.iterations(),
                                                  benchmark::Counter::kIsRate);
}

void BM_Reader_Plain(benchmark::State& s) { reader(s, false); }
void BM_Reader_Markdown(benchmark::State& s) { reader(s, true); }
void BM_MinutesGrammar_Plain(benchmark::State& s) { grammar(s, false); }
void BM_MinutesGrammar_Markdown(benchmark::State& s) { grammar(s, true); }
BENCHMARK(BM_Reader_Plain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Reader_Markdown)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MinutesGrammar_Plain)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MinutesGrammar_Markdown)->Unit(benchmark::kMillisecond);

// The Danish time-phrase grammar on sentences with and without phrases, as it meets them in decisions and bodies.
void BM_DateGrammar(benchmark::State& state) {
    const std::vector<std::string> sentences = {
        "Ny sag forelægges i 3. kvartal 2024.",
        "Der gives en status til udvalget i 4. kvartal 2019.",
        "Et revideret forslag forelægges udvalget på august mødet.",
        "Udsættes til næste møde.",
        "Sagen genoptages sidst i 2022, når evalueringen foreligger.",
        "Tilbuddene ligger på 410.000 kr. og 525.000 kr., og forvaltningen anbefaler det billigste.",
        "Sagen har været drøftet med de berørte foreninger og grundejere.",
        "Taget til efterretning."};
    const date::year_month_day meeting{date::year{2019} / 6 / 12};
    std::size_t bytes = 0;
    for (const auto& s : sentences) bytes += s.size();
    for (auto _ : state)
        for (const auto& s : sentences) benchmark::DoNotOptimize(opfolg::dates::find_time_phrases(s, meeting));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * sentences.size()));
}
BENCHMARK(BM_DateGrammar);

// The time-phrase scan alone over every normalized line of the corpus, as the model builder runs it: most lines
// hold no phrase, so this measures how cheaply the scan passes over ordinary text.
void BM_TimePhraseScan_Lines(benchmark::State& state) {
    const auto& c = corpus();
    std::vector<std::string> lines;
    std::size_t bytes = 0;
    for (const auto& d : c.documents)
        for (const auto& l : opfolg::normalize_source(d.bytes, d.path).lines) {
            bytes += l.text.size();
            lines.emplace_back(l.text);
        }
    const date::year_month_day meeting{date::year{2019} / 6 / 12};
    for (auto _ : state)
        for (const auto& l : lines) benchmark::DoNotOptimize(opfolg::dates::find_time_phrases(l, meeting));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_TimePhraseScan_Lines)->Unit(benchmark::kMillisecond);
}  // namespace
