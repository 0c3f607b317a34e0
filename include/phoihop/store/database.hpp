#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <phoihop/core/error.hpp>

namespace phoihop::store {

enum class Access {
  read,  // read-only; never creates, migrates or modifies the file
  write, // read-write; creates and migrates the file, holds one IMMEDIATE transaction
};

struct OpenOptions {
  std::string path;
  Access access = Access::read;
  int busy_timeout_ms = 5000;
  std::string command; // a write's command line, recorded in the history
};

// One connection and, for writes, the one transaction of this invocation.
// Nothing in store/ lets an SQLite exception out: every failure is a
// phoihop::Error with its exit status (busy → 5, constraint → 4, …).
// Opening for write begins IMMEDIATE (waiting up to the busy timeout for
// other writers) and migrates; nothing is kept unless commit() is called.
class Database {
public:
  explicit Database(const OpenOptions& options);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Checks the record rules (store/invariants.hpp) over the rows changed and
  // not yet checked; throws the first broken rule's error. commit() does it too.
  void check();
  void commit();
  // Checks the record rules, then rolls back the open write transaction
  // (the dry runs); the object stays usable for reads.
  void rollback();

  // A write transaction is open: neither committed nor rolled back yet.
  bool writing() const;
  const std::string& path() const;
  // A read of a file this user may not write takes no lock (it is read as
  // immutable): this fails (exit 5) if the file changed since it was
  // opened, so a report, export or backup of a torn state is never put in
  // place. Writers call it before replacing their output; commit() too.
  void verify_snapshot() const;
  // Things the user should hear about the file (a network filesystem).
  const std::vector<std::string>& warnings() const;
  Access access() const;
  int schema_version() const;
  bool created() const; // this open made a new database (a new file, or an empty one)

  struct Impl;
  Impl& impl() { return *m_impl; }
  // A connection prepared elsewhere in store/ (open_untrusted: a private copy
  // of another office's file, checked and limited); its path names the file
  // as the user gave it, for the errors.
  explicit Database(std::unique_ptr<Impl> impl);

private:
  void open(const OpenOptions& options); // the constructor's work, SQLite's errors untranslated
  std::unique_ptr<Impl> m_impl;
};

// What `db info` shows about an open database.
struct DatabaseInfo {
  int schema_version = 0;
  std::string journal_mode;
  long long size_bytes = 0;
  std::vector<std::pair<std::string, long long>> counts; // table → rows
};
DatabaseInfo database_info(Database& db);

// For tests (the query-plan test): `observer` is called with the SQL text of
// every statement run on connections opened from now on; nullptr stops it.
void observe_statements(std::function<void(const std::string&)> observer);

// The schema version this build writes and reads.
int latest_schema_version();

} // namespace phoihop::store
