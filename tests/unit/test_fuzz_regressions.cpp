// Inputs the fuzz targets (fuzz/) or the sanitizer build (scripts/sanitize.sh)
// once crashed on or mishandled, each kept here as a plain test so it stays
// fixed in every build. The same inputs are in fuzz/corpus/<target>/crash-*.
#include <phoihop/cli/app.hpp>
#include <phoihop/io/csv.hpp>

#include "temp_dir.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

struct Run {
  int status = 0;
  std::string out;
  std::string err;
};

// phoihop ARGS… on a database and an empty config file in `dir`.
Run phoihop_in(const phoihop::test::TempDir& dir, std::vector<std::string> args)
{
  const std::string config = dir.write("config.toml", "");
  args.insert(args.begin(), {"phoihop", "--db", dir.file("fuzz.db"), "--config", config});
  std::ostringstream out;
  std::ostringstream err;
  Run r;
  r.status = phoihop::cli::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

} // namespace

// fuzz/corpus/csv/crash-delimiter-at-end: the parser looked at the byte
// after the last one when a record ended with the delimiter at the very end
// of the input (out of bounds unless the text happened to be a std::string).
TEST_CASE("read_csv: a delimiter as the last byte of the input ends the record with an empty field")
{
  const std::string text = "a,b\n1,";
  // Exactly as many bytes as the text, so AddressSanitizer sees a read past them.
  const std::vector<char> bytes(text.begin(), text.end());
  const auto table = phoihop::io::read_csv(std::string_view(bytes.data(), bytes.size()));
  CHECK(table.header == std::vector<std::string>{"a", "b"});
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0] == std::vector<std::string>{"1", ""});
}

// fuzz/corpus/import/crash-target-inf.toml, crash-actual-nan.toml: TOML has
// inf and nan, import stored inf (which `export --format json` then wrote as
// `inf`, not JSON) and silently dropped nan (SQLite stores it as NULL).
TEST_CASE("import: a TOML number that is not finite is refused, as on the command line")
{
  for (const std::string value : {"inf", "-inf", "nan"}) {
    CAPTURE(value);
    phoihop::test::TempDir dir;
    const std::string doc = dir.write("doc.toml", "phoihop_export = 1\n"
                                                  "[[agreements]]\ncode = \"A\"\ntitle = \"t\"\n"
                                                  "start = 2026-01-01\nend = 2026-12-31\n"
                                                  "[[tasks]]\nagreement = \"A\"\ntitle = \"x\"\ntarget = " +
                                                    value + "\n");
    const Run r = phoihop_in(dir, {"import", doc});
    CHECK(r.status == 2);
    CHECK(r.err.find("expected a finite number") != std::string::npos);
  }
}
