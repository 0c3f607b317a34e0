#!/bin/sh
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer in
# build-asan and runs the whole test suite there; any report fails the run.
# clang, because it builds this code with the sanitizers in a third of the
# time gcc 12 takes (CI's time budget); the release build stays gcc.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
# -O0: it compiles in a third of the time -O2 takes under the sanitizers; the
# suite (mostly process start-up) runs slower, but build and suite together
# take less. NDEBUG as in the release build, so the header-only libraries'
# asserts behave as they do there.
CC=clang CXX=clang++ cmake -S . -B build-asan -DPHOIHOP_SANITIZE=ON -DPHOIHOP_WERROR=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O0 -g -DNDEBUG" >/dev/null
cmake --build build-asan -j2
# The binaries carry the same defaults (cmake/sanitizer_options.cpp), so the
# end-to-end suites, which clear the environment, get them too. LeakSanitizer
# is on: it stops the process's threads with ptrace, which works here and in
# CI; in a container that forbids ptrace, set detect_leaks=0 in both places.
export ASAN_OPTIONS="halt_on_error=1:exitcode=86:detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:exitcode=86:print_stacktrace=1"
ctest --test-dir build-asan --output-on-failure -j2
