#!/usr/bin/env bash
# opfolg set-up and entry points for a fresh Debian 12 machine.
#   ./opfolg.sh demo   install packages if missing, build (Release) into build/, ingest examples/, print the report
#   ./opfolg.sh test   install packages if missing, build, run the whole test suite through CTest
#   ./opfolg.sh build  install packages if missing and build
#   ./opfolg.sh sanitize  the whole test suite built with ASan+UBSan into build-asan/
#   ./opfolg.sh fuzz [SECONDS]  build the libFuzzer harnesses (clang) into build-fuzz/, run each SECONDS (60)
#   ./opfolg.sh fuzz --runs N [harness...]  a long run instead; --merge [harness...] keeps its corpus (docs/fuzzing.md)
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(
  build-essential cmake ninja-build pkg-config
  libboost-dev libsqlite3-dev libhowardhinnant-date-dev libspdlog-dev catch2
  libssl-dev libre2-dev libcli11-dev nlohmann-json3-dev libcurl4-openssl-dev libpoppler-cpp-dev libmimalloc-dev
  libcpp-httplib-dev poppler-utils python3 python3-aiosmtpd chromium groff libbenchmark-dev
  clang-14 libclang-rt-14-dev
)

log() { printf 'opfolg.sh: %s\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { log "need root or sudo to install: ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  log "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {
  local dir=${1:-build} type=${2:-Release}; shift 2 || true
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  cmake --build "$dir" -j"$(nproc)"
}

cmd=${1:-}
case "$cmd" in
  demo)
    install_packages
    build build Release
    db=$(mktemp -d)/demo.db
    log "ingesting examples/ into $db"
    ./build/opfolg ingest --db "$db" --committees examples/committees.conf examples/minutes
    ./build/opfolg report --db "$db"
    ;;
  test)
    install_packages
    build build Release
    ctest --test-dir build --output-on-failure -j"$(nproc)"
    ;;
  build)
    install_packages
    build build Release
    ;;
  sanitize)
    install_packages
    # A sanitizer report in a child opfolg process must not pass for its ordinary failure exit code (1).
    export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=86:detect_leaks=1:abort_on_error=0}
    export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
    build build-asan RelWithDebInfo -DOPFOLG_SANITIZE=ON
    ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 1500
    ;;
  fuzz)
    install_packages
    shift
    [ $# -eq 0 ] && set -- 60
    fuzz/run.sh "$@"
    ;;
  *)
    echo "usage: $0 demo|test|build|sanitize|fuzz [SECONDS | --runs N | --merge] [harness...]" >&2
    exit 2
    ;;
esac
