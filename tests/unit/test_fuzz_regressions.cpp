// Inputs the fuzz targets (fuzz/) or the sanitizer build (scripts/sanitize.sh)
// once crashed on or mishandled, each kept here as a plain test so it stays
// fixed in every build. The same inputs are in fuzz/corpus/<target>/crash-*.
#include <phoihop/cli/app.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/io/config.hpp>
#include <phoihop/io/csv.hpp>
#include <phoihop/io/document.hpp>

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

// fuzz/corpus/documents/crash-toml-*, fuzz/corpus/import/crash-toml-non-ascii-key.toml:
// toml++ 3.3.0 reached __builtin_unreachable() (undefined behaviour) when it
// met a letter such as Đ or Ô where it looks for white space: outside quotes
// (also after a quote that cannot open a string, as in 0"TĐ" or a date
// followed by {"…), and after a line-ending backslash in a """string"""
// (src/io/toml_input.hpp).
TEST_CASE("TOML: Vietnamese text outside quotes is refused with a hint, not undefined behaviour")
{
  for (const std::string text : {"title = \u0110o\u00e0n\n", "\u0110\u01a1n = 1\n", "a = 1 \u00e9\n",
                                 "a = \"\"\"\\\u00d4ng\"\"\"\n", "a =0\"T\u0110 BT\"\n",
                                 "when = 2024-01-0{\"\ufcffa\"0]00Z\n"}) {
    CAPTURE(text);
    try {
      phoihop::io::parse_document(text, "toml", "doc.toml");
      FAIL("accepted");
    } catch (const phoihop::UsageError& e) {
      CHECK(std::string(e.what()).rfind("doc.toml:1: invalid TOML: ", 0) == 0);
    }
  }
  CHECK_THROWS_WITH_AS(phoihop::io::parse_document("title = \u0110o\u00e0n\n", "toml", "doc.toml"),
                       doctest::Contains("double quotes"), phoihop::UsageError);
}

TEST_CASE("TOML: a line-ending backslash before a Vietnamese letter reads the same text")
{
  const std::string text = "note = \"\"\"\\\n    \u0110o\u00e0n th\u1ef1c hi\u1ec7n \\\n    \u00d4ng A\"\"\"\n"
                           "bad = \n";
  try {
    phoihop::io::parse_document(text, "toml", "doc.toml");
    FAIL("accepted");
  } catch (const phoihop::UsageError& e) {
    // Escaping the letters kept every line where it was.
    CHECK(std::string(e.what()).rfind("doc.toml:4: ", 0) == 0);
  }
  const auto root = phoihop::io::parse_document(text.substr(0, text.find("bad")), "toml", "doc.toml");
  REQUIRE(root.find("note") != nullptr);
  CHECK(root.find("note")->text == "\u0110o\u00e0n th\u1ef1c hi\u1ec7n \u00d4ng A");
  // toml++ skips a zero-width no-break space there too, as white space.
  const auto bom = phoihop::io::parse_document("n = \"\"\"\\\n\ufeff \u00d4ng\"\"\"\n", "toml", "doc.toml");
  REQUIRE(bom.find("n") != nullptr);
  CHECK(bom.find("n")->text == "\u00d4ng");
}

TEST_CASE("config: Vietnamese text outside quotes is refused, not undefined behaviour")
{
  phoihop::test::TempDir dir;
  const std::string path = dir.write("config.toml", "[report]\nlang = ti\u1ebfng Vi\u1ec7t\n");
  phoihop::io::Config config;
  CHECK_THROWS_AS(phoihop::io::load_config_file(path, config), phoihop::UsageError);
}
