#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang and runs each for SECONDS (default 60). Fails on any crash, leak,
# sanitizer report or timeout. Usage: fuzz/run.sh [SECONDS] [harness...]   (harnesses: minutes dates rules)
#        fuzz/run.sh --runs N [harness...]   each harness for N executions instead (a long run, e.g. 10000000)
#        fuzz/run.sh --merge [harness...]    after a long run: minimize what it grew into fuzz/corpus/<harness>
#   OPFOLG_FUZZ_BUILD   build directory (default build-fuzz in the repo root)
# fuzz/corpus/<harness>/ (in git, kept small with -merge=1) is what earlier long runs found: every run starts
# from it as well, so a 60 s smoke run begins where the long runs left off. docs/fuzzing.md has the figures.
# Seeds come from our own examples (examples/minutes, rules/default.rules, tests/grammar/date_phrases.tsv) and
# are written into the build directory; ../shared/seeds, when present, is read by path as an extra corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
limit="-max_total_time=$seconds" label="${seconds} s" merge=0
if [ "$seconds" = "--runs" ]; then
    limit="-runs=${2:?--runs needs a number}" label="$2 runs"
    shift
elif [ "$seconds" = "--merge" ]; then
    merge=1
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

# Inputs of at most 4 KB for every harness. The minutes grammar reads line by line, so 4 KB holds a header and an
# item or two with all their parts; at 64 KB the minutes harness ran 218 exec/s, at 4 KB 914 exec/s, and reached
# more edges in the same minute (docs/fuzzing.md). Longer inputs only cost time in per-byte loops.
max_len=4096

# ../shared/seeds holds real minutes that are read by path and never copied into the project. A grown minutes
# input that still carries a piece of their text stays out of fuzz/corpus/: a piece is a 24-byte slice of a seed
# line with 8+ letters that our own examples do not hold as well (47+ bytes copied verbatim always hold one).
# Reads NUL-separated file names, prints the names of those without such a piece.
without_seed_text() {
    local patterns ours
    patterns=$(mktemp) ours=$(mktemp)
    if [ -d ../shared/seeds ]; then
        for f in ../shared/seeds/*.txt; do
            LC_ALL=C awk '{ for (i = 1; i + 23 <= length($0); i += 24) {
                               s = substr($0, i, 24); t = s; if (gsub(/[A-Za-z]/, "", t) >= 8) print s } }' "$f"
        done | LC_ALL=C sort -u >"$patterns"
        LC_ALL=C grep -o -h -a -F -f "$patterns" examples/minutes/* | LC_ALL=C sort -u >"$ours" || true
        LC_ALL=C comm -23 "$patterns" "$ours" >"$patterns.own" && mv "$patterns.own" "$patterns"
    fi
    if [ -s "$patterns" ]; then
        LC_ALL=C xargs -0 grep -L -a -F -f "$patterns" -- || true  # -L: the files in which no pattern occurs
    else
        xargs -0 -n1 echo
    fi
    rm -f "$patterns" "$ours"
}

# --merge: the kept corpus plus what the runs grew, minimized with libFuzzer's -merge=1 into a new folder that
# then replaces fuzz/corpus/<harness>.
merge_corpus() {
    local h=$1 kept="fuzz/corpus/$1" out candidates dirs=()
    for d in "$kept" "$build/corpus/$h"; do [ -d "$d" ] && dirs+=("$d"); done
    out=$(mktemp -d "fuzz/corpus-merge-$h.XXXX")
    candidates=$(mktemp -d "fuzz/corpus-candidates-$h.XXXX")
    if [ "$h" = minutes ]; then
        find "${dirs[@]}" -type f -print0 | without_seed_text | while IFS= read -r f; do cp -- "$f" "$candidates/"; done
    else
        find "${dirs[@]}" -type f -exec cp -t "$candidates/" -- {} +
    fi
    "$build/fuzz_$h" -merge=1 -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 "$out" "$candidates" \
        >"$build/logs/$h-merge.log" 2>&1
    rm -rf "$candidates" "$kept"
    mv "$out" "$kept"
    echo "fuzz: $h: fuzz/corpus/$h now $(find "$kept" -type f | wc -l) files," \
        "$(du -sh --apparent-size "$kept" | cut -f1); $(grep -E '^MERGE-OUTER: [0-9]+ new files' "$build/logs/$h-merge.log")"
}

mkdir -p "$build/artifacts" "$build/logs"
status=0
for h in "${harnesses[@]}"; do
    if [ "$merge" = 1 ]; then
        merge_corpus "$h"
        continue
    fi
    seed_corpus "$h"
    log="$build/logs/$h.log"
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
