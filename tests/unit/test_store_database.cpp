#include <phoihop/core/error.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/org_store.hpp>

#include <SQLiteCpp/Exception.h>
#include <doctest/doctest.h>

#include "temp_dir.hpp"

// The store's own test: the translation of SQLite's errors is private to store/.
#include "../../src/store/sql.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

using phoihop::ExitStatus;
using phoihop::StoreError;
using phoihop::core::Agreement;
using phoihop::core::Date;
using phoihop::core::Organisation;
using phoihop::store::Access;
using phoihop::store::AgreementStore;
using phoihop::store::Database;
using phoihop::store::latest_schema_version;
using phoihop::store::OpenOptions;
using phoihop::store::OrgStore;
using phoihop::store::translate_exception;

namespace {

using phoihop::test::TempDir;

// 'PHOP', the application_id of a phoihop database.
constexpr long long k_application_id = 0x50484F50;

// A plain sqlite3 connection, to inspect and forge files behind phoihop's back.
class RawDb {
public:
  explicit RawDb(const std::string& path, int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
  {
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
      std::string message = sqlite3_errmsg(m_db);
      sqlite3_close(m_db);
      throw std::runtime_error("cannot open " + path + ": " + message);
    }
  }
  ~RawDb() { sqlite3_close(m_db); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const std::string& sql)
  {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(sql + ": " + message);
    }
  }

  // The first column of the first row, as text ("" for none or NULL).
  std::string text(const std::string& sql)
  {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(m_db));
    }
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }

  long long integer(const std::string& sql) { return std::stoll(text(sql)); }

private:
  sqlite3* m_db = nullptr;
};

std::string file_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

OpenOptions options(const std::string& path, Access access)
{
  OpenOptions out;
  out.path = path;
  out.access = access;
  return out;
}

// Creates a committed, empty phoihop database at `path`.
void create_database(const std::string& path)
{
  Database db(options(path, Access::write));
  db.commit();
}

Organisation org_named(const std::string& name)
{
  Organisation org;
  org.name = name;
  return org;
}

// The message and status of the StoreError opening `path` throws.
void check_refused(const std::string& path, Access access, const std::string& detail)
{
  CAPTURE(path);
  CAPTURE(static_cast<int>(access));
  try {
    Database db(options(path, access));
    FAIL("the database opened");
  } catch (const StoreError& e) {
    CHECK(e.status() == ExitStatus::unavailable);
    CHECK(std::string(e.what()).find(detail) != std::string::npos);
    CHECK(std::string(e.what()).find(path) != std::string::npos);
  }
}

} // namespace

TEST_CASE("latest_schema_version is positive")
{
  CHECK(latest_schema_version() >= 1);
}

TEST_CASE("opening for write creates the file and migrates it to the latest schema")
{
  TempDir dir;
  std::string path = dir.file("new.db");
  REQUIRE_FALSE(std::filesystem::exists(path));
  {
    Database db(options(path, Access::write));
    // Built under a temporary name: the file appears, whole, at commit.
    CHECK_FALSE(std::filesystem::exists(path));
    CHECK(db.created());
    CHECK(db.path() == path);
    CHECK(db.access() == Access::write);
    CHECK(db.schema_version() == latest_schema_version());
    db.commit();
    CHECK(std::filesystem::exists(path));
  }
  // Only the database is left in the directory: no temporary file, no journal.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                      std::filesystem::directory_iterator()) == 1);
  RawDb raw(path, SQLITE_OPEN_READONLY);
  CHECK(raw.integer("PRAGMA user_version") == latest_schema_version());
  CHECK(raw.integer("PRAGMA application_id") == k_application_id);
  CHECK(raw.text("PRAGMA journal_mode") == "wal");
  CHECK(raw.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'org'") == 1);
  CHECK(raw.integer("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'agreement'") == 1);
}

TEST_CASE("reopening an existing database neither creates nor migrates it again")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  create_database(path);
  {
    Database db(options(path, Access::write));
    CHECK_FALSE(db.created());
    CHECK(db.schema_version() == latest_schema_version());
  }
  Database reader(options(path, Access::read));
  CHECK_FALSE(reader.created());
  CHECK(reader.access() == Access::read);
  CHECK(reader.schema_version() == latest_schema_version());
  auto info = phoihop::store::database_info(reader);
  CHECK(info.schema_version == latest_schema_version());
  CHECK(info.journal_mode == "wal");
  CHECK(info.size_bytes > 0);
  REQUIRE_FALSE(info.counts.empty());
  CHECK(info.counts.front().first == "organisations");
  // Not a structured binding: clang 14 cannot capture one in CAPTURE's lambda.
  for (const auto& count : info.counts) {
    CAPTURE(count.first);
    CHECK(count.second == 0);
  }
}

TEST_CASE("opening for write in a missing directory is a StoreError naming it")
{
  TempDir dir;
  std::string path = dir.file("no/such/dir/x.db");
  check_refused(path, Access::write, "directory '" + dir.file("no/such/dir") + "' does not exist");
  CHECK_FALSE(std::filesystem::exists(dir.file("no")));
}

TEST_CASE("read access on a missing path throws StoreError and creates no file")
{
  TempDir dir;
  std::string path = dir.file("missing.db");
  CHECK_THROWS_AS(Database{options(path, Access::read)}, StoreError);
  check_refused(path, Access::read, "does not exist");
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("a write that is not committed leaves nothing")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  create_database(path);
  {
    Database db(options(path, Access::write));
    OrgStore orgs(db);
    auto org = org_named("Tỉnh đoàn Bến Tre");
    orgs.insert(org);
    CHECK(orgs.list().size() == 1); // visible inside the transaction
  } // destroyed without commit
  Database reader(options(path, Access::read));
  CHECK(OrgStore(reader).list().empty());
}

TEST_CASE("rollback() drops the writes and the object stays usable for reads")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  create_database(path);
  {
    Database db(options(path, Access::write));
    OrgStore orgs(db);
    auto org = org_named("Tỉnh đoàn Bến Tre");
    auto id = orgs.insert(org);
    db.rollback();
    CHECK_FALSE(orgs.find(id).has_value());
    CHECK(orgs.list().empty());
    db.commit(); // nothing left to commit: a no-op
  }
  Database reader(options(path, Access::read));
  CHECK(OrgStore(reader).list().empty());
}

TEST_CASE("an uncommitted creation leaves no file behind")
{
  TempDir dir;
  std::string path = dir.file("new.db");
  {
    Database db(options(path, Access::write));
    CHECK(db.created());
  }
  CHECK(std::filesystem::is_empty(dir.path()));
  check_refused(path, Access::read, "does not exist");
  // A later write creates it from scratch.
  Database db(options(path, Access::write));
  CHECK(db.created());
  CHECK(db.schema_version() == latest_schema_version());
}

TEST_CASE("a read after a writer died mid-transaction sees the last committed state")
{
  TempDir dir;
  std::string path = dir.file("hot.db");
  {
    Database db(options(path, Access::write));
    auto org = org_named("Tỉnh đoàn Bến Tre");
    OrgStore(db).insert(org);
    db.commit();
  }
  {
    // A rollback-journal database (a network filesystem keeps one) whose
    // writer died: its journal is "hot" and only a writer can roll it back.
    RawDb raw(path, SQLITE_OPEN_READWRITE);
    raw.exec("PRAGMA journal_mode = DELETE");
  }
  std::string journal = path + "-journal";
  {
    RawDb raw(path, SQLITE_OPEN_READWRITE);
    raw.exec("PRAGMA cache_size = 1");
    raw.exec("BEGIN IMMEDIATE");
    raw.exec("UPDATE org SET name = 'half-written'");
    raw.exec("DELETE FROM history_change");
    // Keep the journal and the changed pages as a killed process would.
    std::filesystem::copy_file(journal, journal + ".saved");
    std::filesystem::copy_file(path, path + ".saved");
  }
  std::filesystem::rename(path + ".saved", path);
  std::filesystem::rename(journal + ".saved", journal);
  Database reader(options(path, Access::read));
  auto orgs = OrgStore(reader).list();
  REQUIRE(orgs.size() == 1);
  CHECK(orgs[0].name == "Tỉnh đoàn Bến Tre");
}

TEST_CASE("commit keeps the writes")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  {
    Database db(options(path, Access::write));
    OrgStore orgs(db);
    auto org = org_named("Tỉnh đoàn Bến Tre");
    orgs.insert(org);
    db.commit();
  }
  Database reader(options(path, Access::read));
  auto all = OrgStore(reader).list();
  REQUIRE(all.size() == 1);
  CHECK(all.front().name == "Tỉnh đoàn Bến Tre");
}

TEST_CASE("a reader sees the last committed state while a writer holds the lock")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  create_database(path);
  Database writer(options(path, Access::write));
  OrgStore orgs(writer);
  auto org = org_named("Tỉnh đoàn Bến Tre");
  orgs.insert(org);
  Database reader(options(path, Access::read));
  CHECK(OrgStore(reader).list().empty());
}

TEST_CASE("a second writer past the busy timeout is translated to a busy StoreError")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  create_database(path);
  Database first(options(path, Access::write));
  auto busy = options(path, Access::write);
  busy.busy_timeout_ms = 0;
  try {
    Database second(busy);
    FAIL("the second writer got the lock");
  } catch (const phoihop::Error& e) {
    const auto* error = &e;
    CHECK(error->status() == ExitStatus::unavailable);
    CHECK(std::string(error->what()).find("is busy") != std::string::npos);
  }
}

TEST_CASE("a read-only open refuses writes with a read-only StoreError")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  create_database(path);
  std::string before = file_bytes(path);
  {
    Database reader(options(path, Access::read));
    auto org = org_named("Tỉnh đoàn Bến Tre");
    try {
      OrgStore(reader).insert(org);
      FAIL("a read-only connection wrote");
    } catch (const phoihop::Error& e) {
      const auto* error = &e;
      CHECK(error->status() == ExitStatus::unavailable);
      CHECK(std::string(error->what()).find("read-only") != std::string::npos);
    }
  }
  CHECK(file_bytes(path) == before);
}

TEST_CASE("a database made by a newer phoihop is refused for read and write, byte for byte untouched")
{
  TempDir dir;
  std::string path = dir.file("newer.db");
  create_database(path);
  {
    RawDb raw(path);
    raw.exec("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1));
  } // the last connection checkpoints the WAL into the file
  std::string before = file_bytes(path);
  REQUIRE_FALSE(before.empty());

  check_refused(path, Access::read, "made by a newer phoihop");
  check_refused(path, Access::write, "made by a newer phoihop");

  CHECK(file_bytes(path) == before);
  RawDb raw(path, SQLITE_OPEN_READONLY);
  CHECK(raw.integer("PRAGMA user_version") == latest_schema_version() + 1);
}

TEST_CASE("a foreign SQLite database is refused for read and write, byte for byte untouched")
{
  TempDir dir;
  std::string path = dir.file("foreign.db");
  {
    RawDb raw(path);
    raw.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
    raw.exec("INSERT INTO notes (text) VALUES ('keep me')");
  }
  std::string before = file_bytes(path);
  REQUIRE_FALSE(before.empty());

  check_refused(path, Access::read, "is an SQLite database but not a phoihop database");
  check_refused(path, Access::write, "is an SQLite database but not a phoihop database");

  CHECK(file_bytes(path) == before);
  RawDb raw(path, SQLITE_OPEN_READONLY);
  CHECK(raw.integer("PRAGMA application_id") == 0);
  CHECK(raw.text("PRAGMA journal_mode") != "wal");
  CHECK(raw.integer("SELECT count(*) FROM sqlite_schema") == 1);
}

TEST_CASE("an SQLite file with another application_id and no tables is refused")
{
  TempDir dir;
  std::string path = dir.file("other-app.db");
  {
    RawDb raw(path);
    raw.exec("PRAGMA application_id = 1234");
  }
  std::string before = file_bytes(path);
  check_refused(path, Access::write, "not a phoihop database");
  CHECK(file_bytes(path) == before);
}

TEST_CASE("a file that is not SQLite at all is translated to a StoreError, untouched")
{
  TempDir dir;
  std::string path = dir.file("notes.txt");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 100; ++i) {
      out << "Biên bản họp sơ kết, not a database.\n";
    }
  }
  std::string before = file_bytes(path);
  for (Access access : {Access::read, Access::write}) {
    CAPTURE(static_cast<int>(access));
    try {
      Database db(options(path, access));
      FAIL("a text file opened as a database");
    } catch (const phoihop::Error& e) {
      CHECK(e.status() == ExitStatus::unavailable);
      CHECK(std::string(e.what()) == "'" + path + "' is not an SQLite database");
    }
  }
  CHECK(file_bytes(path) == before);
}

TEST_CASE("an empty file is refused for read and becomes a database on write")
{
  TempDir dir;
  std::string path = dir.file("empty.db");
  { std::ofstream touch(path); }
  check_refused(path, Access::read, "is empty, not a phoihop database");
  CHECK(std::filesystem::file_size(path) == 0);
  {
    Database db(options(path, Access::write));
    CHECK(db.created()); // the database is new, though the file was there
  } // rolled back: the file is left as it was, not even switched to WAL
  CHECK(std::filesystem::file_size(path) == 0);
  {
    Database db(options(path, Access::write));
    CHECK(db.schema_version() == latest_schema_version());
    db.commit();
  }
  RawDb raw(path, SQLITE_OPEN_READONLY);
  CHECK(raw.text("PRAGMA journal_mode") == "wal");
  Database reader(options(path, Access::read));
  CHECK(reader.schema_version() == latest_schema_version());
}

TEST_CASE("a phoihop database at an older schema version needs migrating before a read")
{
  TempDir dir;
  std::string path = dir.file("old.db");
  {
    // Marked as phoihop's but never migrated: schema version 0.
    RawDb raw(path);
    raw.exec("PRAGMA application_id = " + std::to_string(k_application_id));
  }
  std::string before = file_bytes(path);
  check_refused(path, Access::read, "has schema version 0 and needs upgrading");
  CHECK(file_bytes(path) == before);
  // A write migrates it.
  {
    Database db(options(path, Access::write));
    CHECK(db.schema_version() == latest_schema_version());
    db.commit();
  }
  Database reader(options(path, Access::read));
  CHECK(reader.schema_version() == latest_schema_version());
}

TEST_CASE("a directory is not a database file, for read or write")
{
  TempDir dir;
  check_refused(dir.path(), Access::read, "is a directory");
  check_refused(dir.path(), Access::write, "is a directory");
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("translate_exception maps a non-SQLite exception to nullopt")
{
  CHECK_FALSE(translate_exception(std::runtime_error("boom"), "x.db").has_value());
  CHECK_FALSE(translate_exception(std::logic_error("boom"), "x.db").has_value());
  CHECK_FALSE(translate_exception(std::bad_alloc(), "x.db").has_value());
  // phoihop's own errors already carry a status; they are not SQLite's.
  CHECK_FALSE(translate_exception(phoihop::Conflict("taken"), "x.db").has_value());
  CHECK_FALSE(translate_exception(StoreError("busy"), "x.db").has_value());
}

TEST_CASE("a full disk names the database and the temporary files' directories")
{
  // A big statement's journal may spill into a temporary file on another
  // filesystem than the database's: the message must not blame only the
  // database's disk.
  auto error = translate_exception(SQLite::Exception("database or disk is full", SQLITE_FULL), "x.db");
  REQUIRE(error.has_value());
  CHECK(error->status() == ExitStatus::failed);
  std::string message = error->what();
  CHECK(message.find("'x.db'") != std::string::npos);
  CHECK(message.find("$TMPDIR") != std::string::npos);
}

TEST_CASE("foreign keys are enforced and a violation translates to a Conflict")
{
  TempDir dir;
  std::string path = dir.file("bentre.db");
  Database db(options(path, Access::write));

  Agreement agreement;
  agreement.title = "Quy chế phối hợp";
  agreement.start = Date{2018, 1, 1};
  agreement.end = Date{2022, 12, 31};
  agreement.parties.push_back({});
  agreement.parties.back().org_id = 999; // no such organisation
  try {
    AgreementStore(db).insert(agreement);
    FAIL("a party for a missing organisation was inserted");
  } catch (const phoihop::Error& e) {
    const auto* error = &e;
    CHECK(error->status() == ExitStatus::conflict);
  }

  // A parent that does not exist is refused the same way.
  auto child = org_named("Huyện đoàn Ba Tri");
  child.parent_id = 12345;
  CHECK_THROWS(OrgStore(db).insert(child));
  CHECK(OrgStore(db).list().empty());
}
