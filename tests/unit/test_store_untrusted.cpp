#include <phoihop/core/error.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/untrusted.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <string>

using phoihop::store::Access;
using phoihop::store::Database;
using phoihop::store::OpenOptions;
using phoihop::store::open_untrusted;
using phoihop::store::UntrustedLimits;
using phoihop::test::TempDir;

namespace {

// A phoihop database with one organisation, at `path`.
void make_database(const std::string& path)
{
  Database db(OpenOptions{path, Access::write, 5000, "test"});
  phoihop::store::OrgStore(db).resolve_or_create("Tỉnh đoàn Bến Tre");
  db.commit();
}

std::string error_of(const std::string& path, const UntrustedLimits& limits)
{
  try {
    open_untrusted(path, limits)->read([](Database& db) { phoihop::store::OrgStore(db).list({}); });
  } catch (const phoihop::StoreError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("open_untrusted: a sound database is read from a private copy that goes away")
{
  TempDir dir;
  make_database(dir.file("other.db"));
  ::setenv("TMPDIR", dir.path().c_str(), 1);
  CHECK(error_of(dir.file("other.db"), {}) == "no error");
  ::unsetenv("TMPDIR");
  // Only the database itself is left: no copy, no -wal or -shm beside it.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("open_untrusted: the limits stop the reading with an error naming the file and the setting")
{
  TempDir dir;
  make_database(dir.file("other.db"));
  UntrustedLimits none;
  none.time = std::chrono::milliseconds(0);
  CHECK(error_of(dir.file("other.db"), none).find("reading database '" + dir.file("other.db") +
                                                  "' took longer than merge.time_limit allows") == 0);
}

TEST_CASE("open_untrusted: a view, a trigger or a changed table is refused before any row is read")
{
  TempDir dir;
  make_database(dir.file("base.db"));
  for (const char* sql : {"CREATE VIEW v AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) "
                          "SELECT x FROM r",
                          "CREATE TRIGGER t AFTER INSERT ON org BEGIN SELECT 1; END",
                          "ALTER TABLE org ADD COLUMN extra TEXT"}) {
    CAPTURE(sql);
    std::filesystem::copy_file(dir.file("base.db"), dir.file("other.db"),
                               std::filesystem::copy_options::overwrite_existing);
    sqlite3* raw = nullptr;
    sqlite3_open(dir.file("other.db").c_str(), &raw);
    CHECK(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(raw);
    CHECK(error_of(dir.file("other.db"), {}).find("database '" + dir.file("other.db") +
                                                  "' is not a sound phoihop database: ") == 0);
  }
}
