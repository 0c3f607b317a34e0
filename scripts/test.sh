#!/bin/sh
# The README's second command: install what is missing, build with warnings
# as errors, run every test (unit, end-to-end, examples, man pages).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DPHOIHOP_WERROR=ON >/dev/null
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2
