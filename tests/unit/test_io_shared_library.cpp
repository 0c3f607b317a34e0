#include <phoihop/io/shared_library.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstring>
#include <string>

using phoihop::io::SharedLibrary;

TEST_CASE("SharedLibrary: a missing library or function fails with exit 1, naming the package")
{
  try {
    SharedLibrary("libphoihop-absent.so.9", "writing a test file", "libphoihop-absent9");
    FAIL("a missing library loaded");
  } catch (const phoihop::Error& e) {
    CHECK(e.status() == phoihop::ExitStatus::failed);
    const std::string what = e.what();
    CHECK(what.find("writing a test file needs libphoihop-absent.so.9 (Debian package libphoihop-absent9)") == 0);
    CHECK(what.find('\n') == std::string::npos);
  }
  // libc is always there: a function binds, an absent one names the library's age.
  const SharedLibrary libc("libc.so.6", "a test", "libc6");
  std::size_t (*length)(const char*) = nullptr;
  libc.bind(length, "strlen", "too old");
  REQUIRE(static_cast<bool>(length));
  CHECK(length("phối hợp") == std::strlen("phối hợp"));
  void (*absent)() = nullptr;
  CHECK_THROWS_WITH_AS(libc.bind(absent, "phoihop_absent_function", "a libc older than 2.36"),
                       "libc.so.6 has no function phoihop_absent_function: a libc older than 2.36",
                       phoihop::Failure);
}
