#!/bin/sh
# Builds everything with clang, ASan + UBSan and libFuzzer coverage in
# build-fuzz, runs the whole test suite there (the sanitizer run; the
# fuzz_*_corpus tests replay every corpus once; PHOIHOP_FUZZ_ONLY=1 builds and
# replays only the fuzz targets), then fuzzes each target for SECONDS
# (default 20: about two and a half minutes for the six; `scripts/fuzz.sh 600`
# is the long run). Fails when a target crashes; the input that did it is
# left in build-fuzz/crashes/<target>/.
#
# New inputs that reach new code go to build-fuzz/found/<target>/, never to
# the repository. To keep the ones worth keeping, minimise them into the
# corpus (libFuzzer only adds inputs that bring new coverage):
#   build-fuzz/fuzz/fuzz_dates -merge=1 fuzz/corpus/dates build-fuzz/found/dates
# A crash becomes a regression: fix it, copy the input into fuzz/corpus/<target>/
# as crash-<what>, and add the case to tests/unit/test_fuzz_regressions.cpp.
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-20}
case $seconds in
'' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS per target]" >&2; exit 2 ;;
esac
targets="dates periods csv documents import writers"

scripts/deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DPHOIHOP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [ "${PHOIHOP_FUZZ_ONLY:-0}" = 1 ]; then
  cmake --build build-fuzz -j2 --target fuzz
  ctest --test-dir build-fuzz --output-on-failure -j2 -R '^fuzz_'
else
  # Everything in this build runs under ASan + UBSan (cmake/Sanitizers.cmake),
  # so the whole suite here is also the sanitizer run of scripts/test.sh; the
  # fuzz_*_corpus tests replay every corpus input once.
  cmake --build build-fuzz -j2
  export ASAN_OPTIONS="halt_on_error=1:exitcode=86:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
  export UBSAN_OPTIONS="halt_on_error=1:exitcode=86:print_stacktrace=1"
  ctest --test-dir build-fuzz --output-on-failure -j2
fi

failed=""
for t in $targets; do
  found=build-fuzz/found/$t
  crashes=build-fuzz/crashes/$t
  mkdir -p "$found" "$crashes"
  echo "fuzz_$t: $seconds s"
  # The first directory is written to, the repository's corpus only read.
  # -rss_limit_mb and -timeout catch runaway memory and hangs as crashes.
  if ! build-fuzz/fuzz/fuzz_$t -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes/" -print_final_stats=1 "$found" "fuzz/corpus/$t" \
      >"build-fuzz/fuzz_$t.log" 2>&1; then
    tail -n 60 "build-fuzz/fuzz_$t.log" >&2
    failed="$failed $t"
  fi
  grep -E '^stat::number_of_executed_units|^Done' "build-fuzz/fuzz_$t.log" || true
done
if [ -n "$failed" ]; then
  echo "fuzz: crashed:$failed (inputs in build-fuzz/crashes/)" >&2
  exit 1
fi
