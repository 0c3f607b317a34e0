#include <phoihop/core/error.hpp>
#include <phoihop/io/input.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <filesystem>
#include <string>

using phoihop::io::read_input;
using phoihop::test::TempDir;

namespace {

std::string error_of(const std::string& file, std::string_view what = {})
{
  try {
    read_input(file, what);
  } catch (const phoihop::UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("read_input: the whole file, bytes as they are")
{
  TempDir dir;
  const std::string text("a\r\nb\0c\n\xff", 8); // CRLF, NUL, an invalid byte: the callers' business
  CHECK(read_input(dir.write("f.txt", text)) == text);
  CHECK(read_input(dir.write("empty.txt", "")).empty());
}

TEST_CASE("read_input: a missing file or a directory is refused, named as the caller says")
{
  TempDir dir;
  CHECK(error_of(dir.file("missing.toml")) == "cannot read '" + dir.file("missing.toml") + "'");
  CHECK(error_of(dir.file("missing"), "batch file") == "cannot read batch file '" + dir.file("missing") + "'");
  std::filesystem::create_directory(dir.file("d.csv"));
  CHECK(error_of(dir.file("d.csv")) == "cannot read '" + dir.file("d.csv") + "'");
  CHECK(error_of(dir.path(), "batch file") == "cannot read batch file '" + dir.path() + "'");
}
