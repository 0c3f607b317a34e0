#pragma once

// Private to src/store: the SQLiteCpp connection and helpers to bind the
// optional values of core records. Nothing outside store/ includes this.

#include <phoihop/core/date.hpp>
#include <phoihop/core/model.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/io/output_target.hpp>
#include <phoihop/store/database.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <sys/types.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace phoihop::store {

// One schema step: its SQL, then code for what SQL alone cannot say (the
// history triggers are generated from the tables' columns).
struct Migration {
  const char* sql;
  void (*code)(SQLite::Database& db) = nullptr;
};
const std::vector<Migration>& migrations();

// How the schema of `db` differs from the one the first `version` migrations
// build ("view x is not part of phoihop's schema", "table task differs from
// this version's schema", "index y is missing"); empty when it is exactly
// that. Compares the SQL of every object, so a table with a changed column,
// a view in a table's place, an extra trigger or index are all found. Reads
// sqlite_schema only, never a row of a table or a view.
std::vector<std::string> schema_differences(SQLite::Database& db, int version);

// Opens the history record of this write invocation / closes it before COMMIT
// (an invocation that changed nothing is dropped).
void begin_invocation(Database::Impl& impl, const std::string& command);
void end_invocation(Database::Impl& impl);

// The tables whose every change is recorded in history_change: every table
// of the catalogue (catalogue.hpp).
const std::vector<const char*>& history_tables();
// A table's column names (PRAGMA table_info), and the SQL of a JSON object of
// all of them read from `row` ("NEW.", "OLD.", or "" for the table's own):
// the image the history triggers log, and what undo compares it with.
std::vector<std::string> table_columns(SQLite::Database& db, const std::string& table);
std::string json_object_sql(const std::vector<std::string>& columns, const std::string& row);

// For a connection opened outside Database's constructor (store/untrusted.cpp):
// a connection to `file` with SQLite's process-wide settings made (before
// its first use) and phoihop's SQL functions; the header check of a read (a phoihop database
// this build can read: its schema version, or a StoreError naming `path`);
// and the migrations up to this build's schema inside the open transaction.
std::unique_ptr<SQLite::Database> open_connection(const std::string& file, int flags);
int check_read_header(SQLite::Database& db, const std::string& path);
void migrate_schema(Database::Impl& impl);

// Maps an exception thrown by SQLite to a phoihop error with the right exit
// status (busy → 5, constraint → 4, …); nullopt when `e` is not from SQLite.
// The store calls it where SQLite is called (Statement, Impl::exec, the
// Database's own steps), so no SQLite result code leaves this folder.
// `system_errno` is sqlite3_system_errno() of the connection, where known.
std::optional<Error> translate_exception(const std::exception& e, const std::string& db_path,
                                         int system_errno = 0);

// An exclusive flock(2) on a directory, held while a new database file is
// built under a temporary name; released (closed) on destruction.
struct DirectoryLock {
  int fd = -1;
  DirectoryLock() = default;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;
  ~DirectoryLock();
};

// A prepared statement whose preparing, exec() and executeStep() throw
// phoihop errors (translate_exception) instead of SQLite's. Every store
// statement is one; the schema's migrations and db check's own steps use
// SQLiteCpp directly inside code that translates as a whole.
class Statement : public SQLite::Statement {
public:
  Statement(Database::Impl& impl, const std::string& sql);
  int exec();
  bool executeStep();

private:
  const std::string& m_path;
  sqlite3* m_handle;
};

// What tells a file's content apart from outside it: its device, inode, size
// and times. nullopt when there is no file.
struct FileStamp {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = 0;
  long long mtime_ns = 0;
  long long ctime_ns = 0;
  static std::optional<FileStamp> of(const std::string& path);
  bool same_file(const FileStamp& other) const { return device == other.device && inode == other.inode; }
  bool same_content(const FileStamp& other) const
  {
    return same_file(other) && size == other.size && mtime_ns == other.mtime_ns;
  }
  bool operator==(const FileStamp& other) const
  {
    return same_file(other) && size == other.size && mtime_ns == other.mtime_ns && ctime_ns == other.ctime_ns;
  }
};

// A write follows links at a database's path only where an output would:
// each link of the chain the user's own or root's; another user's is
// io::Refused (exit 1), naming it (database.cpp).
void refuse_foreign_link(const std::string& path);

// Notes the database's files as a write transaction begins (database.cpp).
void note_files_at_begin(Database::Impl& impl);

struct Database::Impl {
  std::string path;
  // A read of a file this user may not write takes no lock (SQLite's
  // immutable mode): the file as it was opened, compared at the end.
  std::optional<FileStamp> immutable_stamp;
  // A write's -wal as its transaction began, so a database replaced under
  // the running command does not inherit it.
  std::optional<FileStamp> wal_at_begin;
  // The database file and its WAL's checkpoint count (nBackfill) as the
  // write transaction began, in WAL mode: a file overwritten in place
  // (`cp backup.db d.db`) while the command ran changes the one and not the other.
  std::optional<FileStamp> file_at_begin;
  std::optional<std::uint32_t> backfill_at_begin;
  // While the connection lives, no output (report, export, backup) may be
  // the file or its -wal, -shm, -journal, and outputs are no more open than
  // it (io/output_target.hpp). Reads `path` as set by the constructor.
  io::ProtectedFile protection{path};
  Access access = Access::read;
  // Declared before `db` so they outlive the connection: creating a new file
  // holds the directory lock and builds the database under a temporary name
  // that commit() links into place, so a refused or interrupted first write
  // leaves no file behind.
  std::unique_ptr<DirectoryLock> creation_lock;
  std::unique_ptr<io::AtomicFile> new_file;
  std::vector<std::string> warnings;
  std::unique_ptr<SQLite::Database> db;
  bool in_transaction = false;
  bool created = false;
  bool wal_after_commit = false; // a new or empty file: switch to WAL once committed
  int version = 0;
  // Prepared statements are kept for the life of the connection: a batch of
  // thousands of adds prepares each statement once.
  std::unordered_map<const char*, std::unique_ptr<Statement>> statements;
  // Statements whose SQL is built at run time (from the catalogue: import's
  // per-table inserts, the record rules), by their text.
  std::unordered_map<std::string, std::unique_ptr<Statement>> built;
  // The newest history_change id up to which the record rules hold (set when
  // the invocation begins, moved on by every clean check that starts at or
  // before it): COMMIT checks the rows changed after it.
  long long checked_through = 0;
  // The newest history_change id when the invocation began, and its command.
  long long invocation_start = 0;
  std::string command;
  // Rolls the whole transaction back and begins it again, as the open did
  // (a Checkpoint at the start of the invocation: cheaper than a SAVEPOINT,
  // whose sub-journal grows with every page a bulk load touches).
  void restart();
  // Statements still stepping would keep SQLite from committing or rolling back.
  void clear_statements()
  {
    statements.clear();
    built.clear();
  }

  // Lookups a batch or an import repeats on every line (the same lead, the
  // same agreement), kept for the invocation: organisations by the text that
  // named them, agreements by their reference. A write connection drops them
  // whenever a row of org, org_alias, agreement or agreement_party changes
  // (SQLite's update hook, so every writer is covered) and on rollback.
  std::unordered_map<std::string, core::Organisation> org_cache;
  std::unordered_map<std::string, core::Agreement> agreement_cache;
  bool crash_on_write = false; // the `write` crash point is armed (tests)
  void clear_caches()
  {
    org_cache.clear();
    agreement_cache.clear();
  }

  // The cached statement for `sql` (a string literal), reset with bindings cleared.
  Statement& stmt(const char* sql);
  // A read-only connection to the same file, which sees it as last committed
  // (before this invocation): whether a broken rule was broken already.
  // nullptr for a new file.
  std::unique_ptr<SQLite::Database> before;
  SQLite::Database* committed();
  // The same for SQL built at run time, cached by its text.
  Statement& prepared(const std::string& sql);
  // Runs SQL without results (translated like Statement).
  void exec(const std::string& sql);
  long long last_id() const { return db->getLastInsertRowid(); }
  int changes() const { return db->getChanges(); }
};

// The value cached under `key`, or compute()'s, cached (see Impl::org_cache).
template <class T, class Compute>
T cached(std::unordered_map<std::string, T>& cache, const std::string& key, Compute compute)
{
  if (auto hit = cache.find(key); hit != cache.end()) {
    return hit->second;
  }
  T value = compute();
  cache.emplace(key, value);
  return value;
}

// Binding helpers: empty strings and absent values are stored as NULL.
void bind_text(Statement& s, int index, const std::string& value);
void bind_date(Statement& s, int index, const std::optional<core::Date>& value);
void bind_id(Statement& s, int index, const std::optional<long long>& value);

std::string column_text(const Statement& s, int index);
std::optional<core::Date> column_date(const Statement& s, int index);
std::optional<long long> column_id(const Statement& s, int index);
std::optional<double> column_real(const Statement& s, int index);

// One kind of record that may point at another: its name ("task") and a
// query giving count(*) and the ids (group_concat) for the pointed-at id ?1.
struct ReferenceQuery {
  const char* what;
  const char* sql;
};
// "2 tasks (#3, #4)" for each kind with at least one reference.
std::vector<std::string> count_references(Database::Impl& impl, const std::vector<ReferenceQuery>& queries,
                                          long long id);
// Runs each statement with ?1 bound to `id` (a documented --force cascade).
void run_cascade(Database::Impl& impl, const std::vector<const char*>& statements, long long id);

// Parses a stored ISO date; a malformed stored value means a damaged database.
core::Date stored_date(const std::string& iso);

// What keeps a sent report's stored `content` (nullopt: no row) from being
// the zlib stream of `size` bytes whose SHA-256 is `sha256`, for a person;
// nullopt when it is exactly that (sent_store.cpp; the SQL function
// phoihop_sent_fault(content, size, sha256) of the record rules).
std::optional<std::string> sent_content_fault(std::optional<std::string_view> content, std::int64_t size,
                                              std::string_view sha256);

} // namespace phoihop::store
