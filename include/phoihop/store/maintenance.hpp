#pragma once

#include <phoihop/store/database.hpp>
#include <phoihop/store/untrusted.hpp>

#include <string>
#include <vector>

namespace phoihop::store {

// One thing wrong with a database, found by check_database().
struct Problem {
  std::string check;  // integrity, foreign_key, schema, history, or the name of a record rule
  std::string table;  // where it is ("" for the file as a whole)
  long long row = 0;  // the row's id (0: not about one row)
  std::string detail; // what is wrong, for a person
};

// SQLite's integrity and foreign-key checks, the schema against the one this
// version's migrations build, every record rule (store/invariants.hpp) over
// every row, and no history invocation left open. Empty when all is well.
std::vector<Problem> check_database(Database& db);

// Copies the database, as of this invocation's snapshot, to `file` with
// SQLite's online backup API, while other processes go on writing. The copy
// is built beside `file`, verified (integrity check) and renamed into place,
// so `file` is the old file or a complete new backup, never a part. Returns
// the size of the backup in bytes.
long long backup_database(Database& db, const std::string& file);

// Puts the backup `file` in place of the database `options.path`, safely
// while others use it: `file` is read as any file from elsewhere is
// (open_untrusted: a private copy, checked to be a sound phoihop database,
// then SQLite's full integrity check); its pages are copied into the live
// database in one write transaction (SQLite's backup API, waiting for the
// write lock up to the busy timeout), so the database keeps its file, mode,
// -wal and -shm, and every reader sees the old database or the restored one.
// A missing database is created from the backup; a damaged one is refused
// (to be moved aside first). A backup of an older schema is then migrated.
// Returns the number of pages restored.
long long restore_database(const OpenOptions& options, const std::string& file, const UntrustedLimits& limits);

} // namespace phoihop::store
