#include "sql.hpp"

#include <phoihop/core/text.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/maintenance.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <map>
#include <filesystem>
#include <sys/stat.h>

namespace phoihop::store {

namespace {

// Rows a query returns as problems: its first column is the row id, the
// second (optional) a detail.
void collect(Database::Impl& impl, std::vector<Problem>& out, const char* check, const std::string& table,
             const std::string& sql, const std::string& detail)
{
  Statement s(impl, sql);
  while (s.executeStep()) {
    Problem p{check, table, s.getColumn(0).getInt64(), detail};
    if (s.getColumnCount() > 1) {
      p.detail = fmt::format(fmt::runtime(detail), column_text(s, 1));
    }
    out.push_back(std::move(p));
  }
}

} // namespace

std::vector<Problem> check_database(Database& db)
{
  auto& impl = db.impl();
  std::vector<Problem> out;

  {
    Statement s(impl, "PRAGMA integrity_check(100)");
    while (s.executeStep()) {
      std::string line = s.getColumn(0).getString();
      if (line != "ok") {
        out.push_back({"integrity", "", 0, line});
      }
    }
  }
  if (!out.empty()) {
    return out; // a damaged file: the checks below would only repeat it
  }
  {
    Statement s(impl, "PRAGMA foreign_key_check");
    while (s.executeStep()) {
      out.push_back({"foreign_key", s.getColumn(0).getString(), s.getColumn(1).getInt64(),
                     fmt::format("points at a missing {} row", s.getColumn(2).getString())});
    }
  }

  for (auto& difference : schema_differences(*impl.db, latest_schema_version())) {
    out.push_back({"schema", "", 0, std::move(difference)});
  }
  for (const auto& v : check_invariants(db)) {
    out.push_back({v.rule->name, v.rule->table, v.row, v.message});
  }
  collect(impl, out, "history", "history_invocation",
          "SELECT id, command FROM history_invocation WHERE open <> 0",
          "invocation '{}' was never closed");
  return out;
}

long long backup_database(Database& db, const std::string& file)
{
  auto& impl = db.impl();
  // The database itself, its side files, another user's link: refused by
  // AtomicFile, as for every output.
  io::AtomicFile target(file);
  if (target.in_place()) {
    throw Failure(fmt::format("cannot write backup '{}': it is not a regular file", file));
  }
  try {
    SQLite::Database copy(target.temp_path(), SQLite::OPEN_READWRITE);
    // The source connection holds this invocation's read snapshot, so the
    // copy is one consistent state however long it takes; WAL lets writers
    // go on meanwhile. (A reader who may not write reads without locks: the
    // copy is checked against the file's stamp before it is put in place.)
    sqlite3_backup* backup = sqlite3_backup_init(copy.getHandle(), "main", impl.db->getHandle(), "main");
    if (backup == nullptr) {
      throw Failure(fmt::format("cannot back up to '{}': {}", file, sqlite3_errmsg(copy.getHandle())));
    }
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
      throw Failure(fmt::format("cannot back up to '{}': {}", file, sqlite3_errstr(rc)));
    }
    std::string verdict = copy.execAndGet("PRAGMA quick_check").getString();
    if (verdict != "ok") {
      throw Failure(fmt::format("the backup written to '{}' does not verify ({}); nothing was replaced",
                                file, verdict));
    }
  } catch (const SQLite::Exception& e) {
    throw *translate_exception(e, file);
  }
  struct stat st{};
  long long size = ::stat(target.temp_path().c_str(), &st) == 0 ? st.st_size : 0;
  db.verify_snapshot();
  target.commit();
  return size;
}

} // namespace phoihop::store
