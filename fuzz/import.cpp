// The whole `phoihop import` of a TOML or JSON document, through cli::run
// as the command line runs it, into a database already holding the example
// agreement (examples/new-agreement.toml), so records can be found again,
// updated and referred to. Input phoihop refuses must be refused with one
// of its own errors, never an internal one; input it accepts must export
// (TOML and JSON) to documents that read back, and importing that export
// again must change nothing.
#include "fuzz.hpp"

#include <phoihop/cli/app.hpp>
#include <phoihop/io/document.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <stdlib.h> // mkdtemp, setenv

using phoihop::fuzz::require;

namespace {

namespace fs = std::filesystem;

struct Result {
  int status = 0;
  std::string out;
  std::string err;
};

Result phoihop_run(std::vector<std::string> args)
{
  args.insert(args.begin(), "phoihop");
  std::ostringstream out;
  std::ostringstream err;
  Result r;
  r.status = phoihop::cli::run(args, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

struct Files {
  std::string dir;
  std::string seed_db; // the example agreement, imported once
  std::string db;      // a fresh copy of seed_db for each input that changed it
  bool db_changed = true;
};

Files& files()
{
  static Files f;
  return f;
}

void write_file(const std::string& path, std::string_view text)
{
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  require(static_cast<bool>(out), "the fuzz input is written", path);
}

void remove_database(const std::string& path)
{
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::remove(path + suffix);
  }
}

void remove_dir()
{
  std::error_code ignored;
  fs::remove_all(files().dir, ignored);
}

// An error phoihop reports as its own: usage (2), not found (3) or conflict (4).
bool refused_cleanly(const Result& r)
{
  // An internal error is printed as "phoihop: error: internal error: …"; the
  // words elsewhere are the input's own, quoted back (a key named so).
  return r.status >= 2 && r.status <= 4 && r.err.rfind("phoihop: error: ", 0) == 0 &&
         r.err.rfind("phoihop: error: internal error", 0) != 0;
}

phoihop::io::Node exported(std::string_view format)
{
  const Result r = phoihop_run({"--db", files().db, "export", "--format", std::string(format)});
  require(r.status == 0, "export succeeds after an import", r.err);
  try {
    return phoihop::io::parse_document(r.out, format, "export");
  } catch (const std::exception& e) {
    require(false, "an export reads back", std::string(format) + ": " + e.what() + "\n" + r.out);
  }
  return {};
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
  std::string dir = (fs::temp_directory_path() / "phoihop-fuzz-XXXXXX").string();
  require(::mkdtemp(dir.data()) != nullptr, "a temporary directory", dir);
  Files& f = files();
  f.dir = dir;
  f.seed_db = dir + "/seed.db";
  f.db = dir + "/fuzz.db";
  std::atexit(remove_dir);
  // The environment of the end-to-end suites: no user config, a pinned day.
  ::setenv("HOME", dir.c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("PHOIHOP_TODAY", "2026-11-26", 1);
  ::setenv("TZ", "Asia/Ho_Chi_Minh", 1);
  ::unsetenv("PHOIHOP_DB");
  ::unsetenv("PHOIHOP_CONFIG");
  const Result seeded =
    phoihop_run({"--db", f.seed_db, "import", PHOIHOP_SOURCE_DIR "/examples/new-agreement.toml"});
  require(seeded.status == 0, "the example agreement imports", seeded.err);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  Files& f = files();
  if (f.db_changed) {
    remove_database(f.db);
    fs::copy_file(f.seed_db, f.db);
    f.db_changed = false;
  }
  const std::string_view text = phoihop::fuzz::as_text(data, size);
  // A JSON document is an object; anything else is tried as TOML.
  const std::size_t start = text.find_first_not_of(" \t\r\n");
  const std::string format = start != std::string_view::npos && text[start] == '{' ? "json" : "toml";
  const std::string doc = f.dir + "/input." + format;
  write_file(doc, text);

  const Result imported = phoihop_run({"--db", f.db, "import", doc});
  if (imported.status != 0) {
    require(refused_cleanly(imported), "a refused import is one of phoihop's errors", imported.err);
    return 0;
  }
  f.db_changed = true;
  exported("toml");
  exported("json");
  // Export keys every record on its uid, so importing it again changes nothing.
  const Result before = phoihop_run({"--db", f.db, "export", "--format", "json"});
  const std::string again = f.dir + "/again.json";
  write_file(again, before.out);
  const Result reimported = phoihop_run({"--db", f.db, "import", again});
  require(reimported.status == 0, "an export imports back", reimported.err);
  require(reimported.err.find(" 0 inserted, 0 updated,") != std::string::npos,
          "importing an export again changes nothing", reimported.err);
  const Result after = phoihop_run({"--db", f.db, "export", "--format", "json"});
  require(after.out == before.out, "importing an export again leaves the same export");
  return 0;
}
