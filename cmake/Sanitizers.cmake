# Sanitizer and fuzzing builds (issue 6). Included from the top-level
# CMakeLists.txt before any target, so the flags reach every target below it:
# phoihop_core, phoihop, the unit tests and the fuzz targets.
#
#   -DPHOIHOP_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer, any
#                          compiler (scripts/sanitize.sh)
#   -DPHOIHOP_FUZZ=ON      the same, plus libFuzzer coverage; clang only; adds
#                          the fuzz/ targets (scripts/fuzz.sh)
option(PHOIHOP_SANITIZE "Build every target with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PHOIHOP_FUZZ "Build the libFuzzer targets in fuzz/ (clang only; implies the sanitizers)" OFF)

if(PHOIHOP_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "PHOIHOP_FUZZ needs clang's libFuzzer: configure with CC=clang CXX=clang++ "
                      "(Debian packages clang and libclang-rt-14-dev)")
endif()

if(PHOIHOP_SANITIZE OR PHOIHOP_FUZZ)
  # Any report stops the program with a non-zero status, so a test cannot
  # pass over one. _GLIBCXX_ASSERTIONS adds bounds checks to std::vector,
  # std::string and std::string_view operator[] (no ABI change).
  set(PHOIHOP_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_compile_options(${PHOIHOP_SANITIZER_FLAGS})
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_link_options(${PHOIHOP_SANITIZER_FLAGS})
endif()

if(PHOIHOP_FUZZ)
  # Coverage instrumentation for everything; only the fuzz targets link
  # libFuzzer's main() (-fsanitize=fuzzer, fuzz/CMakeLists.txt).
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(PHOIHOP_SANITIZE OR PHOIHOP_FUZZ)
  # The sanitizers' default options, linked into every target defined after
  # this point (see the file for why they cannot come from the environment).
  add_library(phoihop_sanitizer_options OBJECT ${CMAKE_CURRENT_LIST_DIR}/sanitizer_options.cpp)
  link_libraries(phoihop_sanitizer_options)
endif()
