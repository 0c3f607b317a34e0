#!/bin/sh
# The README's second command: install what is missing, build with warnings
# as errors, run every test (unit, end-to-end, reliability, examples, man
# pages); then the whole suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer, and each libFuzzer target over its corpus for a
# bounded time (RELIABILITY.md has the long versions).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DPHOIHOP_WERROR=ON >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
scripts/sanitize.sh
scripts/fuzz.sh "${PHOIHOP_FUZZ_SECONDS:-20}"
