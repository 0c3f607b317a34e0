#pragma once

#include <phoihop/store/database.hpp>

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

} // namespace phoihop::store
