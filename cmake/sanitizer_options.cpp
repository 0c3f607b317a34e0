// Linked into every program of a sanitizer build (cmake/Sanitizers.cmake).
// The end-to-end suites run phoihop under `env -i`, so ASAN_OPTIONS and
// UBSAN_OPTIONS never reach it; these defaults do (the environment still
// overrides them). A report exits 86, a status phoihop never uses, so a test
// expecting one of phoihop's statuses 1-5 cannot mistake a sanitizer report
// (or a leak found at exit) for the error it expected.

extern "C" const char* __asan_default_options();
extern "C" const char* __ubsan_default_options();

extern "C" const char* __asan_default_options()
{
  return "halt_on_error=1:exitcode=86:detect_leaks=1:check_initialization_order=1:strict_init_order=1";
}

extern "C" const char* __ubsan_default_options()
{
  return "halt_on_error=1:exitcode=86:print_stacktrace=1";
}
