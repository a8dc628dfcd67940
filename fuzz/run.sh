#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for SECONDS (default 60). Fails on any crash, leak,
# sanitizer report or timeout. Usage: fuzz/run.sh [SECONDS] [harness...]   (harnesses: minutes dates rules)
#        fuzz/run.sh --runs N [harness...]   each harness for N executions instead (a long run, e.g. 10000000)
#   OPFOLG_FUZZ_BUILD   build directory (default build-fuzz in the repo root)
# fuzz/corpus/<harness>/ (in git, kept small with -merge=1) is what earlier long runs found: every run starts
# from it as well, so a 60 s smoke run begins where the long runs left off.
# Seeds come from our own examples (examples/minutes, rules/default.rules, tests/grammar/date_phrases.tsv) and
# are written into the build directory; ../shared/seeds, when present, is read by path as an extra corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
limit="-max_total_time=$seconds" label="${seconds} s"
if [ "$seconds" = "--runs" ]; then
    limit="-runs=${2:?--runs needs a number}" label="$2 runs"
    shift
fi
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(minutes dates rules)
build=${OPFOLG_FUZZ_BUILD:-build-fuzz}

CXX=${CXX_FUZZ:-clang++-14} cmake -S fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="${CXX_FUZZ:-clang++-14}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' "${harnesses[@]}")

seed_corpus() {
    local dir="$build/corpus/$1"
    mkdir -p "$dir"
    case "$1" in
        minutes)
            cp examples/minutes/* "$dir"/
            # Markup variants of the same document give the reader's other paths a start.
            for f in examples/minutes/*.txt; do
                sed 's/^Punkt/# Punkt/; s/^Beslutning/**Beslutning**/' "$f" >"$dir/md-$(basename "$f")"
                { echo '<html><body>'; sed 's/^\(Punkt.*\)$/<h2>\1<\/h2>/; s/^$/<p>/' "$f"; echo '</body></html>'; } \
                    >"$dir/html-$(basename "$f" .txt).html"
            done
            ;;
        dates)
            # Two bytes of meeting-date offset (2019-ish), then the text column of every phrase row.
            local n=0
            grep -v '^#' tests/grammar/date_phrases.tsv | cut -f2 | while IFS= read -r text; do
                n=$((n + 1))
                { printf '\x80\x1c'; printf '%s' "$text"; } >"$dir/phrase-$n"
            done
            ;;
        rules)
            cp rules/default.rules "$dir"/
            # Each rule on its own, so mutations start from small files.
            awk -v dir="$dir" '/^rule /{n++} n{print > (dir "/rule-" n ".rules")}' rules/default.rules
            ;;
    esac
}

extra_seeds() {
    [ -d "fuzz/corpus/$1" ] && echo "fuzz/corpus/$1"
    [ "$1" = minutes ] && [ -d ../shared/seeds ] && echo ../shared/seeds
    return 0
}

mkdir -p "$build/artifacts" "$build/logs"
status=0
for h in "${harnesses[@]}"; do
    seed_corpus "$h"
    log="$build/logs/$h.log"
    max_len=4096
    [ "$h" = minutes ] && max_len=65536
    echo "fuzz: $h for $label (log $log)"
    if ! "$build/fuzz_$h" $limit -timeout=20 -rss_limit_mb=2048 -max_len="$max_len" \
        -dict="fuzz/$h.dict" -print_final_stats=1 -artifact_prefix="$build/artifacts/$h-" \
        "$build/corpus/$h" $(extra_seeds "$h") >"$log" 2>&1; then
        echo "fuzz: $h FAILED — see $log and $build/artifacts/" >&2
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" >&2 || tail -20 "$log" >&2
        status=1
    fi
    grep -E '^stat::number_of_executed_units|^Done|^stat::peak_rss_mb' "$log" | sed "s/^/fuzz: $h: /" || true
    grep -E '^#[0-9]+.*cov:' "$log" | tail -1 | sed "s/^/fuzz: $h: last: /" || true
done
exit $status
