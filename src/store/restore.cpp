#include "sql.hpp"

#include <phoihop/store/maintenance.hpp>
#include <phoihop/store/untrusted.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>
#include <sys/stat.h>

namespace phoihop::store {

namespace {

// Copies every page of `from` into `to` in one step: SQLite's backup API
// takes the destination's write lock (waiting through its busy handler),
// replaces its content in one transaction and keeps its journal mode, so
// other connections to it see the old database or the restored one, never
// a mix, and its -wal and -shm stay its own.
void copy_pages(sqlite3* to, sqlite3* from, const std::string& path)
{
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr) {
    throw StoreError(fmt::format("cannot restore into '{}': {}", path, sqlite3_errmsg(to)));
  }
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    throw StoreError(fmt::format("database '{}' is busy: another process held its lock past the busy "
                                 "timeout (database.busy_timeout); nothing was restored",
                                 path));
  }
  if (rc == SQLITE_READONLY) {
    throw StoreError(fmt::format("cannot restore into '{}': it is read-only, or its page size differs from "
                                 "the backup's while it is in WAL mode; nothing was restored",
                                 path));
  }
  if (rc != SQLITE_DONE) {
    throw StoreError(fmt::format("cannot restore into '{}': {}; nothing was restored", path, sqlite3_errstr(rc)));
  }
}

// The live file must be an SQLite database to be restored into (its
// readers and writers then see the change as one transaction). A damaged
// file or someone else's is not replaced behind their back.
void check_restorable(SQLite::Database& live, const std::string& path)
{
  try {
    int app_id = live.execAndGet("PRAGMA application_id").getInt();
    int objects = live.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    if (app_id != 0x50484F50 && objects > 0) {
      throw StoreError(fmt::format("'{}' is an SQLite database but not a phoihop database; it was not replaced",
                                   path));
    }
  } catch (const SQLite::Exception& e) {
    int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
      throw StoreError(fmt::format("database '{}' is damaged ({}), so nothing is restored into it: move it "
                                   "aside ('mv {} {}.damaged') and run 'db restore' again",
                                   path, e.what(), path, path));
    }
    throw *translate_exception(e, path, sqlite3_system_errno(live.getHandle()));
  }
}

} // namespace

long long restore_database(const OpenOptions& options, const std::string& file, const UntrustedLimits& limits)
{
  const std::string& path = options.path;
  std::error_code ec;
  if (std::filesystem::equivalent(file, path, ec)) {
    throw UsageError(fmt::format("cannot restore '{}' from itself; give a backup file", path));
  }
  // The backup is read as any file from elsewhere is: a private copy,
  // checked to be a sound phoihop database (schema, quick_check) first.
  auto backup = open_untrusted(file, limits);
  refuse_foreign_link(path);
  struct stat st{};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    throw StoreError(fmt::format("'{}' is not a regular file, so it cannot be a database", path));
  }
  long long pages = 0;
  backup->read([&](Database& from) {
    sqlite3* source = from.impl().db->getHandle();
    try {
      auto integrity = from.impl().db->execAndGet("PRAGMA integrity_check").getString();
      if (integrity != "ok") {
        throw StoreError(fmt::format("the backup '{}' is damaged ({}); nothing was restored", file, integrity));
      }
      pages = from.impl().db->execAndGet("PRAGMA page_count").getInt64();
    } catch (const SQLite::Exception& e) {
      throw *translate_exception(e, file, sqlite3_system_errno(source));
    }
    if (!exists) {
      // Nothing to restore into: the backup becomes the database, built
      // under a temporary name and linked into place as a new database is.
      io::AtomicFile target(path);
      try {
        SQLite::Database copy(target.temp_path(), SQLite::OPEN_READWRITE);
        copy_pages(copy.getHandle(), source, path);
      } catch (const SQLite::Exception& e) {
        throw *translate_exception(e, path);
      }
      if (!target.commit_new()) {
        throw StoreError(fmt::format("database '{}' was created by another program meanwhile; nothing was "
                                     "restored (run the command again)",
                                     path));
      }
      return;
    }
    try {
      SQLite::Database live(path, SQLite::OPEN_READWRITE, options.busy_timeout_ms);
      check_restorable(live, path);
      copy_pages(live.getHandle(), source, path);
    } catch (const SQLite::Exception& e) {
      throw *translate_exception(e, path);
    }
  });
  // A backup made by an older phoihop is brought up to this version's
  // schema now, as the first write to it would.
  OpenOptions write = options;
  write.access = Access::write;
  Database restored(write);
  restored.commit();
  return pages;
}

} // namespace phoihop::store
