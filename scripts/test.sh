#!/bin/sh
# The README's second command: install what is missing, build with warnings
# as errors, run every test (unit, end-to-end, reliability, examples, man
# pages); then build again with clang under AddressSanitizer +
# UndefinedBehaviorSanitizer with libFuzzer coverage, run the whole suite
# there, and fuzz each target over its corpus for a bounded time
# (scripts/fuzz.sh; RELIABILITY.md has the long versions).
# scripts/sanitize.sh is the same sanitizer run with gcc.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DPHOIHOP_WERROR=ON >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
scripts/fuzz.sh "${PHOIHOP_FUZZ_SECONDS:-20}"
