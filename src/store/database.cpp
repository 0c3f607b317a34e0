#include "sql.hpp"

#include <phoihop/store/invariants.hpp>

#include <phoihop/io/output_target.hpp>

#include <phoihop/core/crash.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace phoihop::store {

namespace {

// 'PHOP': marks a file as a phoihop database (PRAGMA application_id).
constexpr int k_application_id = 0x50484F50;

bool file_exists(const std::string& path)
{
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0;
}

std::string newer_message(const std::string& path, int version)
{
  return fmt::format("database '{}' was made by a newer phoihop (schema version {}; this "
                     "version knows up to {}); upgrade phoihop to use it",
                     path, version, latest_schema_version());
}

// Checks the file is a phoihop database this build can use, before anything
// writes to it: a foreign or newer file must be left byte-for-byte untouched.
int check_header(SQLite::Database& db, const std::string& path, Access access)
{
  int app_id = db.execAndGet("PRAGMA application_id").getInt();
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (app_id != k_application_id) {
    int objects = db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt();
    if (objects > 0 || version != 0 || app_id != 0) {
      throw StoreError(fmt::format("'{}' is an SQLite database but not a phoihop database", path));
    }
    if (access == Access::read) {
      throw StoreError(fmt::format(
        "'{}' is empty, not a phoihop database (create one with 'phoihop db init')", path));
    }
    return 0;
  }
  if (version > latest_schema_version()) {
    throw StoreError(newer_message(path, version));
  }
  if (version == 0 && db.execAndGet("SELECT count(*) FROM sqlite_schema").getInt() > 0) {
    throw StoreError(fmt::format("database '{}' is damaged: it has tables but no schema version", path));
  }
  return version;
}

void migrate(Database::Impl& impl)
{
  const auto& steps = migrations();
  int version = impl.db->execAndGet("PRAGMA user_version").getInt();
  if (version > static_cast<int>(steps.size())) {
    throw StoreError(newer_message(impl.path, version));
  }
  for (auto i = static_cast<std::size_t>(version); i < steps.size(); ++i) {
    impl.exec(steps[i].sql);
    if (steps[i].code != nullptr) {
      steps[i].code(*impl.db);
    }
  }
  if (version < static_cast<int>(steps.size())) {
    // PRAGMA arguments cannot be bound; these are integers this code controls.
    impl.exec(fmt::format("PRAGMA application_id = {}", k_application_id));
    impl.exec(fmt::format("PRAGMA user_version = {}", steps.size()));
  }
  impl.version = static_cast<int>(steps.size());
}

// The network filesystem holding `dir`, if it is one. PHOIHOP_TEST_FILESYSTEM
// pretends one for the tests ("nfs"), since they cannot mount one.
std::optional<std::string> network_filesystem(const std::filesystem::path& dir)
{
  if (const char* fake = std::getenv("PHOIHOP_TEST_FILESYSTEM"); fake != nullptr && *fake != '\0') {
    return std::string(fake);
  }
  struct statfs fs{};
  if (::statfs(dir.empty() ? "." : dir.c_str(), &fs) != 0) {
    return std::nullopt;
  }
  switch (static_cast<unsigned long>(fs.f_type)) {
  case 0x6969UL: return "nfs";
  case 0x517BUL: return "smb";
  case 0xFF534D42UL: return "cifs";
  case 0xFE534D42UL: return "smb2";
  case 0x01021997UL: return "9p";
  case 0x5346414FUL: return "afs";
  case 0x00C36400UL: return "ceph";
  case 0x013111A8UL: return "ibrix";
  case 0x47504653UL: return "gpfs";
  case 0x0BD00BD0UL: return "lustre";
  default: return std::nullopt;
  }
}

// Takes an exclusive lock on `dir`, waiting up to the busy timeout.
std::unique_ptr<DirectoryLock> lock_directory(const std::filesystem::path& dir, const OpenOptions& options)
{
  auto lock = std::make_unique<DirectoryLock>();
  lock->fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (lock->fd < 0) {
    throw StoreError(fmt::format("cannot create database '{}': {}", options.path, std::strerror(errno)));
  }
  for (int waited = 0;; waited += 5) {
    if (::flock(lock->fd, LOCK_EX | LOCK_NB) == 0) {
      return lock;
    }
    if (errno != EWOULDBLOCK && errno != EINTR) {
      return lock; // no flock here (some network filesystems): go on unlocked
    }
    if (waited >= options.busy_timeout_ms) {
      throw StoreError(fmt::format("database '{}' is busy: another process is creating it "
                                   "(waited {} ms; database.busy_timeout)",
                                   options.path, options.busy_timeout_ms));
    }
    ::usleep(5000);
  }
}

void register_functions(SQLite::Database& db);
extern "C" void on_row_change(void* arg, int op, const char* db, const char* table, sqlite3_int64 row);

// After the first COMMIT of a new database: switch it to WAL, close it and
// link it into place under its real name, then reopen it there.
void publish_new_file(Database::Impl& impl)
{
  impl.clear_statements();
  if (impl.wal_after_commit) { // not on a network filesystem
    impl.exec("PRAGMA journal_mode = WAL");
  }
  impl.db.reset(); // the last close folds the WAL into the file and removes it
  if (!impl.new_file->commit_new()) {
    throw StoreError(fmt::format("database '{}' was created by another program meanwhile; "
                                 "nothing was written (run the command again)",
                                 impl.path));
  }
  impl.new_file.reset();
  impl.creation_lock.reset();
  impl.db = std::make_unique<SQLite::Database>(impl.path, SQLite::OPEN_READWRITE);
  register_functions(*impl.db);
  impl.clear_caches();
  sqlite3_update_hook(impl.db->getHandle(), on_row_change, &impl);
}

// phoihop_fold(text): core::fold() for SQL, so searches, migrations and
// `db check` compute keys exactly as the stores do.
extern "C" void sql_fold(sqlite3_context* context, int, sqlite3_value** argv)
{
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
  std::string folded = core::fold(std::string_view(text == nullptr ? "" : text, size));
  sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

std::function<void(const std::string&)>& statement_observer()
{
  static std::function<void(const std::string&)> observer;
  return observer;
}

extern "C" int trace_statement(unsigned, void*, void* statement, void*)
{
  if (const char* sql = sqlite3_sql(static_cast<sqlite3_stmt*>(statement))) {
    statement_observer()(sql);
  }
  return 0;
}

// phoihop_text_fault(text, multiline): what keeps a stored text value from
// being one (core::text_fault), or NULL.
extern "C" void sql_text_fault(sqlite3_context* context, int, sqlite3_value** argv)
{
  if (sqlite3_value_type(argv[0]) != SQLITE_TEXT) {
    sqlite3_result_null(context);
    return;
  }
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
  auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
  const char* fault = core::text_fault(std::string_view(text == nullptr ? "" : text, size),
                                       sqlite3_value_int(argv[1]) != 0);
  if (fault == nullptr) {
    sqlite3_result_null(context);
  } else {
    sqlite3_result_text(context, fault, -1, SQLITE_STATIC);
  }
}

// phoihop_sent_fault(content, size, sha256): what keeps a sent report's
// content from being the bytes its register entry describes, or NULL.
extern "C" void sql_sent_fault(sqlite3_context* context, int, sqlite3_value** argv)
{
  std::optional<std::string_view> content;
  if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    const void* blob = sqlite3_value_blob(argv[0]);
    content = std::string_view(static_cast<const char*>(blob), static_cast<std::size_t>(sqlite3_value_bytes(argv[0])));
  }
  const auto* sha = reinterpret_cast<const char*>(sqlite3_value_text(argv[2]));
  // No C++ exception may cross SQLite's C frames.
  std::optional<std::string> fault;
  try {
    fault = sent_content_fault(content, sqlite3_value_int64(argv[1]),
                               std::string_view(sha == nullptr ? "" : sha,
                                                static_cast<std::size_t>(sqlite3_value_bytes(argv[2]))));
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(context);
    return;
  } catch (const std::exception& e) {
    sqlite3_result_error(context, e.what(), -1);
    return;
  }
  if (fault) {
    sqlite3_result_text(context, fault->data(), static_cast<int>(fault->size()), SQLITE_TRANSIENT);
  } else {
    sqlite3_result_null(context);
  }
}

void register_functions(SQLite::Database& db)
{
  if (statement_observer()) {
    sqlite3_trace_v2(db.getHandle(), SQLITE_TRACE_STMT, trace_statement, nullptr);
  }
  sqlite3_create_function_v2(db.getHandle(), "phoihop_fold", 1,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, sql_fold,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db.getHandle(), "phoihop_text_fault", 2,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, sql_text_fault,
                             nullptr, nullptr, nullptr);
  sqlite3_create_function_v2(db.getHandle(), "phoihop_sent_fault", 3,
                             SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr, sql_sent_fault,
                             nullptr, nullptr, nullptr);
}

// file:PATH?immutable=1, with the characters a URI gives meaning escaped.
std::string immutable_uri(const std::string& path)
{
  std::string uri = "file:";
  for (unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      uri += fmt::format("%{:02X}", c);
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?immutable=1";
}

// Every row a write connection changes: drops the cached lookups that the
// change may make stale, and counts rows for the `write` crash point (tests).
extern "C" void on_row_change(void* arg, int, const char*, const char* table, sqlite3_int64)
{
  auto* impl = static_cast<Database::Impl*>(arg);
  if (impl->crash_on_write) {
    core::crash_point("write");
  }
  if (std::strcmp(table, "org") == 0 || std::strcmp(table, "org_alias") == 0 ||
      std::strcmp(table, "agreement") == 0 || std::strcmp(table, "agreement_party") == 0) {
    impl->clear_caches();
  }
}

} // namespace

void observe_statements(std::function<void(const std::string&)> observer)
{
  statement_observer() = std::move(observer);
}

DirectoryLock::~DirectoryLock()
{
  if (fd >= 0) {
    ::close(fd); // releases the flock
  }
}

namespace {

// `handle`, when there is one, gives the error number of the system call
// that failed (a full disk is an I/O error to SQLite, "disk full" to a user).
[[noreturn]] void rethrow_translated(const SQLite::Exception& e, const std::string& path, sqlite3* handle = nullptr)
{
  throw *translate_exception(e, path, handle != nullptr ? sqlite3_system_errno(handle) : 0);
}

} // namespace

Statement::Statement(Database::Impl& impl, const std::string& sql) try : SQLite::Statement(*impl.db, sql),
                                                                         m_path(impl.path),
                                                                         m_handle(impl.db->getHandle())
{
} catch (const SQLite::Exception& e) {
  rethrow_translated(e, impl.path, impl.db->getHandle());
}

int Statement::exec()
{
  try {
    return SQLite::Statement::exec();
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, m_path, m_handle);
  }
}

bool Statement::executeStep()
{
  try {
    return SQLite::Statement::executeStep();
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, m_path, m_handle);
  }
}

void Database::Impl::exec(const std::string& sql)
{
  try {
    db->exec(sql);
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, path, db->getHandle());
  }
}

Statement& Database::Impl::prepared(const std::string& sql)
{
  auto& slot = built[sql];
  if (!slot) {
    slot = std::make_unique<Statement>(*this, sql);
  } else {
    slot->reset();
    slot->clearBindings();
  }
  return *slot;
}

SQLite::Database* Database::Impl::committed()
{
  if (new_file || access != Access::write) {
    return nullptr; // a new file has no committed state; a reader sees only that
  }
  if (!before) {
    before = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, 5000);
    register_functions(*before);
  }
  return before.get();
}

void Database::Impl::restart()
{
  try {
    clear_statements();
    clear_caches();
    db->exec("ROLLBACK");
    in_transaction = false;
    db->exec("BEGIN IMMEDIATE");
    in_transaction = true;
    if (!new_file) {
      note_files_at_begin(*this); // the lock was let go for a moment
    }
    migrate(*this);
    begin_invocation(*this, command);
    auto& s = stmt("SELECT coalesce(max(id), 0) FROM history_change");
    s.executeStep();
    checked_through = invocation_start = s.getColumn(0).getInt64();
    s.reset();
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, path, db->getHandle());
  }
}

Statement& Database::Impl::stmt(const char* sql)
{
  auto it = statements.find(sql);
  if (it == statements.end()) {
    it = statements.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
  } else {
    it->second->reset();
    it->second->clearBindings();
  }
  return *it->second;
}

namespace {

// Process-wide SQLite settings, before SQLite initialises itself. A
// connection is never shared between threads, so the per-connection mutexes
// go (multi-thread mode), and so does the memory accounting, which takes a
// global mutex on every allocation: together about a tenth of a read
// invocation's instructions. Where SQLite was already initialised (a test
// that opened it directly first), the calls fail harmlessly.
void configure_sqlite()
{
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    // A statement journal (see open for write) is kept in memory up to this
    // size, in one piece; past it SQLite moves it into a temporary file (in
    // $TMPDIR, /var/tmp or /tmp) for the rest of the transaction. A bulk
    // load of 100,000 rows then made 2.7 million pwrite calls: the default,
    // 64 KiB, was passed by some of the inserts that split b-tree pages.
    // Below 128 KiB: the piece is written to that file in one call, and
    // SQLite's unix VFS cuts a write's length to 17 bits (0x1ffff), so a
    // 256 KiB piece became an empty write and "disk full" when a
    // migration's journal spilled (test_migrate).
    sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 127 << 10);
    return true;
  }();
  (void)configured;
}

// Whether this user may write the file, as open(2) would decide (effective ids).
bool may_write(const std::string& path)
{
  return ::faccessat(AT_FDCWD, path.c_str(), W_OK, AT_EACCESS) == 0;
}

// The size of a file, or -1 when there is none.
long long file_size(const std::string& path)
{
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<long long>(st.st_size) : -1;
}

// Opens the file as immutable: SQLite takes no lock and creates nothing, so
// the read is checked instead — verify_snapshot() compares the file with
// this stamp before an output file is put in place and at commit(), so a
// file a writer changed meanwhile fails the command rather than leave a
// report, export or backup of a torn state (stdout is already written).
void open_immutable(Database::Impl& impl, const OpenOptions& options)
{
  impl.db.reset();
  impl.immutable_stamp = FileStamp::of(options.path);
  impl.db = std::make_unique<SQLite::Database>(immutable_uri(options.path), SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                                               options.busy_timeout_ms);
  impl.version = check_header(*impl.db, options.path, Access::read);
}

// Opens an existing database for reading. A reader must never leave files
// that get in a writer's way: in a shared folder a -wal/-shm pair made by a
// member who may only read is theirs, and the owner's next write fails on it.
// So a user who cannot write the database creates nothing beside it: with no
// -wal (no writer, nothing outside the main file) it is read as an immutable
// file; with a writer's -wal and -shm, through them read-only. A user who may
// write reads as SQLite does, and falls back to the immutable read where the
// -shm index cannot be made (a read-only directory or filesystem, a disk too
// full for its 32 KiB) and nothing is outside the main file.
void open_for_reading(Database::Impl& impl, const OpenOptions& options)
{
  const std::string& path = options.path;
  const long long wal = file_size(path + "-wal");
  const bool hot_journal = file_size(path + "-journal") > 0;
  if (!may_write(path) && !hot_journal) {
    if (wal <= 0) {
      open_immutable(impl, options);
      return;
    }
    if (file_size(path + "-shm") < 0) {
      throw StoreError(fmt::format("database '{}' has committed changes in '{}-wal' that only a user who "
                                   "may write it can fold in: run any command on it as its owner",
                                   path, path));
    }
    std::string uri = immutable_uri(path);
    uri.replace(uri.size() - std::strlen("immutable=1"), std::string::npos, "readonly_shm=1");
    impl.db = std::make_unique<SQLite::Database>(uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI,
                                                 options.busy_timeout_ms);
    impl.version = check_header(*impl.db, path, Access::read);
    return;
  }
  try {
    impl.db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, options.busy_timeout_ms);
    impl.version = check_header(*impl.db, path, Access::read);
  } catch (const SQLite::Exception& e) {
    int code = e.getErrorCode() & 0xff;
    sqlite3* handle = impl.db ? impl.db->getHandle() : nullptr;
    if (e.getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK) {
      // A writer died mid-transaction and left a hot rollback journal, which
      // a read-only connection cannot roll back. Rolling it back restores
      // the last committed state (what any reader must see), so do that
      // once through a read-write connection and read on.
      impl.db.reset();
      {
        SQLite::Database recover(path, SQLite::OPEN_READWRITE, options.busy_timeout_ms);
        recover.execAndGet("PRAGMA schema_version");
      }
      impl.db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, options.busy_timeout_ms);
      impl.version = check_header(*impl.db, path, Access::read);
      return;
    }
    const bool side_files_failed = code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_IOERR;
    if (side_files_failed && !hot_journal && file_size(path + "-wal") <= 0) {
      open_immutable(impl, options);
      return;
    }
    rethrow_translated(e, path, handle);
  }
}

} // namespace

std::optional<FileStamp> FileStamp::of(const std::string& path)
{
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) {
    return std::nullopt;
  }
  constexpr long long k_ns = 1000000000LL;
  return FileStamp{st.st_dev, st.st_ino, st.st_size, st.st_mtim.tv_sec * k_ns + st.st_mtim.tv_nsec,
                   st.st_ctim.tv_sec * k_ns + st.st_ctim.tv_nsec};
}

namespace {

// Before COMMIT: the file this connection writes must still be the one at
// the database's path. A restore (`mv backup.db d.db`) or a deletion while
// the command ran would otherwise end in exit 0 with the change gone — and
// the -wal left beside the path, still ours, would be replayed onto the
// restored file by the next run, wiping it. So the change is rolled back,
// what the old file committed is folded into it (it may live on under
// another name), our side files are taken away from the new file, and the
// command fails naming it.
// The connection's own handle on the database file, through which its WAL
// index is reached with SQLite's own mapping and locks. (Opening the -shm
// here and closing it would drop every POSIX lock this process holds on it,
// the write lock included.)
sqlite3_file* database_file(const Database::Impl& impl)
{
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(impl.db->getHandle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
      file == nullptr || file->pMethods == nullptr || file->pMethods->iVersion < 2 ||
      file->pMethods->xShmMap == nullptr || file->pMethods->xShmLock == nullptr) {
    return nullptr;
  }
  return file;
}

// The WAL's checkpoint count, nBackfill: the first field of the checkpoint
// information that follows the two 48-byte copies of the WAL index header
// at the start of the -shm (SQLite's documented WAL-index format).
std::optional<std::uint32_t> wal_backfill(const Database::Impl& impl)
{
  sqlite3_file* file = database_file(impl);
  volatile void* region = nullptr;
  if (file == nullptr || file->pMethods->xShmMap(file, 0, 32768, 0, &region) != SQLITE_OK || region == nullptr) {
    return std::nullopt;
  }
  return *reinterpret_cast<volatile std::uint32_t*>(static_cast<volatile char*>(region) + 96);
}

// Whether another connection is checkpointing the WAL now: it holds the
// checkpoint lock (lock 1), which this one then cannot take.
bool checkpoint_running(const Database::Impl& impl)
{
  sqlite3_file* file = database_file(impl);
  if (file == nullptr) {
    return false;
  }
  constexpr int k_checkpoint_lock = 1;
  if (file->pMethods->xShmLock(file, k_checkpoint_lock, 1, SQLITE_SHM_LOCK | SQLITE_SHM_EXCLUSIVE) != SQLITE_OK) {
    return true;
  }
  file->pMethods->xShmLock(file, k_checkpoint_lock, 1, SQLITE_SHM_UNLOCK | SQLITE_SHM_EXCLUSIVE);
  return false;
}

// In WAL mode nothing but a checkpoint writes the database file while a
// write transaction holds the lock: a file whose content changed with no
// checkpoint done or running was written by something that is not SQLite —
// a backup copied over it in place.
bool overwritten_in_place(const Database::Impl& impl)
{
  if (!impl.file_at_begin) {
    return false;
  }
  auto now = FileStamp::of(impl.path);
  return now && !now->same_content(*impl.file_at_begin) && wal_backfill(impl) == impl.backfill_at_begin &&
         !checkpoint_running(impl);
}

void refuse_if_replaced(Database::Impl& impl)
{
  int moved = 0;
  if (sqlite3_file_control(impl.db->getHandle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) {
    moved = 0;
  }
  const bool overwritten = !moved && overwritten_in_place(impl);
  if (!moved && !overwritten) {
    return;
  }
  impl.clear_statements();
  sqlite3* handle = impl.db->getHandle();
  try {
    impl.db->exec("ROLLBACK");
    impl.in_transaction = false;
    if (moved) {
      // A moved file may live on under another name: it gets what it
      // committed. An overwritten one must never get the old frames.
      impl.db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
  } catch (const SQLite::Exception&) {
    // The change is not committed either way; the error below says so.
  }
  // Closing would fold the WAL into the file and delete the -wal by name,
  // which is no longer this file's: the connection leaves both alone.
  sqlite3_db_config(handle, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
  int persist = 1;
  sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  // SQLite's own word that the path is another file now: the side files,
  // if still the ones this write used, are the old file's and go with it.
  // (An overwrite is inferred, and other processes may be using them.)
  auto wal = FileStamp::of(impl.path + "-wal");
  if (moved && wal && impl.wal_at_begin && wal->same_file(*impl.wal_at_begin)) {
    ::unlink((impl.path + "-wal").c_str());
    ::unlink((impl.path + "-shm").c_str());
  }
  throw StoreError(fmt::format("database '{}' was {} while this command ran; nothing was written to it "
                               "(restore a backup with 'phoihop db restore', which waits for writers)",
                               impl.path, moved ? "replaced or deleted" : "overwritten"));
}

} // namespace

// Notes the files as a write transaction begins (holding the write lock),
// for refuse_if_replaced() before COMMIT. A -wal means WAL mode.
void note_files_at_begin(Database::Impl& impl)
{
  impl.wal_at_begin = FileStamp::of(impl.path + "-wal");
  if (impl.wal_at_begin) {
    impl.file_at_begin = FileStamp::of(impl.path);
    impl.backfill_at_begin = wal_backfill(impl);
  }
}

namespace {

// In a group-shared folder every member must be able to write the side
// files SQLite makes: it gives them the database's mode, and the
// database's group is given here where SQLite gave the maker's own
// (a folder without the setgid bit).
void share_side_files(const std::string& path)
{
  struct stat db{};
  if (::stat(path.c_str(), &db) != 0) {
    return;
  }
  for (const char* suffix : {"-wal", "-shm"}) {
    std::string side = path + suffix;
    struct stat st{};
    if (::lstat(side.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
        st.st_gid != db.st_gid) {
      // Allowed only if we are in the group; otherwise the side file stays ours.
      [[maybe_unused]] int refused = ::chown(side.c_str(), static_cast<uid_t>(-1), db.st_gid);
    }
  }
}

} // namespace

std::unique_ptr<SQLite::Database> open_connection(const std::string& file, int flags)
{
  configure_sqlite();
  auto db = std::make_unique<SQLite::Database>(file, flags);
  register_functions(*db);
  return db;
}

int check_read_header(SQLite::Database& db, const std::string& path)
{
  return check_header(db, path, Access::read);
}

void migrate_schema(Database::Impl& impl)
{
  migrate(impl);
}

void refuse_foreign_link(const std::string& path)
{
  std::filesystem::path at(path);
  for (int hop = 0; hop < 40; ++hop) {
    struct stat st{};
    if (::lstat(at.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) {
      return;
    }
    if (st.st_uid != ::geteuid() && st.st_uid != 0) {
      throw io::Refused(fmt::format("refusing to write database '{}': '{}' is a symbolic link owned by another "
                                    "user (uid {})",
                                    path, at.string(), st.st_uid));
    }
    std::error_code ec;
    auto next = std::filesystem::read_symlink(at, ec);
    if (ec) {
      return; // SQLite's open will say what is wrong
    }
    at = next.is_absolute() ? next : at.parent_path() / next;
  }
}

Database::Database(const OpenOptions& options) : m_impl(std::make_unique<Impl>())
{
  try {
    open(options);
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, options.path, m_impl->db ? m_impl->db->getHandle() : nullptr);
  }
}

void Database::open(const OpenOptions& options)
{
  configure_sqlite();
  auto& impl = *m_impl;
  if (options.access == Access::write) {
    refuse_foreign_link(options.path);
  }
  impl.path = options.path;
  impl.access = options.access;
  bool existed = file_exists(options.path);
  if (existed && std::filesystem::is_directory(options.path)) {
    throw StoreError(fmt::format("'{}' is a directory, not a database file", options.path));
  }
  if (existed && !std::filesystem::is_regular_file(options.path)) {
    // A FIFO or device would block a read forever or be written raw.
    throw StoreError(fmt::format("'{}' is not a regular file, so it cannot be a database", options.path));
  }
  if (options.access == Access::read) {
    if (!existed) {
      throw StoreError(fmt::format("database '{}' does not exist (create it with 'phoihop db "
                                   "init', or give another with --db)",
                                   options.path));
    }
    open_for_reading(impl, options);
    register_functions(*impl.db);
    if (auto fs = network_filesystem(std::filesystem::path(options.path).parent_path())) {
      impl.warnings.push_back(fmt::format(
        "warning: database '{}' is on a network filesystem ({}); SQLite locking there is unreliable",
        options.path, *fs));
    }
    if (impl.version < latest_schema_version()) {
      throw StoreError(fmt::format("database '{}' has schema version {} and needs upgrading: run "
                                   "'phoihop db migrate'",
                                   options.path, impl.version));
    }
    impl.exec("PRAGMA foreign_keys = ON");
    // One snapshot for the whole invocation: a report never mixes two states.
    impl.exec("BEGIN");
    impl.in_transaction = true;
    return;
  }

  std::filesystem::path parent = std::filesystem::path(options.path).parent_path();
  if (!existed) {
    if (!parent.empty() && !std::filesystem::is_directory(parent)) {
      throw StoreError(fmt::format("cannot create database '{}': directory '{}' does not exist",
                                   options.path, parent.string()));
    }
    // Two first writes at once: the second waits here, then finds the file.
    impl.creation_lock = lock_directory(parent, options);
    existed = file_exists(options.path);
  }
  if (!existed) {
    try {
      impl.new_file = std::make_unique<io::AtomicFile>(options.path);
    } catch (const io::Refused&) {
      throw; // another user's link at the path: exit 1, as for every output
    } catch (const Error& e) {
      throw StoreError(fmt::format("cannot create database '{}': {}", options.path, e.what()));
    }
  }
  const std::string& file = impl.new_file ? impl.new_file->temp_path() : options.path;
  impl.db = std::make_unique<SQLite::Database>(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                               options.busy_timeout_ms);
  impl.created = !existed;
  register_functions(*impl.db);
  core::crash_point("open");
  if (check_header(*impl.db, options.path, Access::write) == 0) {
    impl.created = true; // an empty file becomes a database now
  }
  impl.exec("PRAGMA foreign_keys = ON");
  std::string mode = impl.db->execAndGet("PRAGMA journal_mode").getString();
  if (auto fs = network_filesystem(parent)) {
    // WAL needs shared memory between the processes, which a network
    // filesystem cannot give: keep (or return to) the rollback journal.
    impl.warnings.push_back(fmt::format(
      "warning: database '{}' is on a network filesystem ({}); using a rollback journal instead "
      "of WAL — keep writers on one machine",
      options.path, *fs));
    if (mode == "wal") {
      impl.exec("PRAGMA journal_mode = DELETE");
    }
  } else if (mode != "wal") {
    // Switching to WAL writes the file's header, so a new or empty file is
    // switched only after its first commit: a refused first command must
    // leave it as it was.
    bool empty = impl.db->execAndGet("PRAGMA page_count").getInt64() == 0;
    if (empty || impl.new_file) {
      impl.wal_after_commit = true;
    } else {
      impl.exec("PRAGMA journal_mode = WAL");
    }
  }
  impl.exec("PRAGMA synchronous = FULL");
  // The record rules (store/invariants.cpp) hold every CHECK of the schema
  // with a message naming the record and the values and the exit status the
  // verbs give; they run before COMMIT, so SQLite's own CHECKs, which fire
  // at once with "CHECK constraint failed", would only preempt them.
  impl.exec("PRAGMA ignore_check_constraints = ON");
  // The history triggers and foreign keys make SQLite keep a statement
  // journal for every statement. temp_store stays at its default: with
  // temp_store = MEMORY SQLite keeps that journal in 1 KiB pieces, which
  // cost a logged insert a third of its instructions in malloc and free;
  // otherwise it takes the whole spill size at once (configure_sqlite()).
  // Room for a big transaction (a batch or import of many rows) to keep its
  // dirty pages instead of spilling them into the WAL and reading them back.
  // Pages are allocated as they are used, so a small write costs nothing more.
  impl.exec("PRAGMA cache_size = -131072");
  // IMMEDIATE takes the write lock now, waiting for other writers; a plain
  // BEGIN that reads first would fail at once with "database is locked".
  impl.exec("BEGIN IMMEDIATE");
  impl.in_transaction = true;
  if (!impl.new_file) {
    note_files_at_begin(impl);
    share_side_files(options.path);
  }
  core::crash_point("begin");
  migrate(impl);
  core::crash_point("migrate");
  impl.crash_on_write = core::crash_armed("write");
  sqlite3_update_hook(impl.db->getHandle(), on_row_change, &impl);
  impl.command = options.command;
  begin_invocation(impl, options.command);
  impl.checked_through = impl.invocation_start = change_mark(*this);
}

Database::Database(std::unique_ptr<Impl> impl) : m_impl(std::move(impl))
{
}

Database::~Database()
{
  if (m_impl && m_impl->db && m_impl->in_transaction) {
    try {
      m_impl->clear_statements();
      m_impl->db->exec("ROLLBACK");
    } catch (...) {
      // The connection is closing; SQLite rolls back an open transaction anyway.
    }
  }
}

void Database::check()
{
  if (m_impl->in_transaction && m_impl->access == Access::write) {
    if (auto v = first_violation(*this, m_impl->checked_through)) {
      throw v->error();
    }
  }
}

void Database::commit()
{
  try {
    if (m_impl->in_transaction) {
      if (m_impl->access == Access::write) {
        // The store refuses invalid records, whoever wrote them.
        check();
        end_invocation(*m_impl);
      }
      m_impl->clear_statements();
      bool write = m_impl->access == Access::write;
      if (write && !m_impl->new_file) {
        refuse_if_replaced(*m_impl);
      }
      if (write) {
        core::crash_point("commit");
      }
      m_impl->db->exec(write ? "COMMIT" : "END");
      m_impl->in_transaction = false;
      verify_snapshot();
      if (m_impl->new_file) {
        publish_new_file(*m_impl);
      } else if (m_impl->wal_after_commit) {
        m_impl->db->exec("PRAGMA journal_mode = WAL");
        m_impl->wal_after_commit = false;
      }
      if (write) {
        core::crash_point("committed");
      }
    }
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, m_impl->path, m_impl->db ? m_impl->db->getHandle() : nullptr);
  }
}

void Database::rollback()
{
  // A dry run says what the real run would: refused by the rules too.
  check();
  try {
    m_impl->clear_caches();
    if (m_impl->in_transaction) {
      m_impl->clear_statements();
      m_impl->db->exec("ROLLBACK");
      m_impl->in_transaction = false;
    }
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, m_impl->path, m_impl->db ? m_impl->db->getHandle() : nullptr);
  }
}

void Database::verify_snapshot() const
{
  if (m_impl->immutable_stamp && FileStamp::of(m_impl->path) != m_impl->immutable_stamp) {
    throw StoreError(fmt::format("database '{}' changed while it was read (this user may not write "
                                 "it, so it is read without locks); nothing was written: run the command again",
                                 m_impl->path));
  }
}

bool Database::writing() const { return m_impl->in_transaction && m_impl->access == Access::write; }
const std::string& Database::path() const { return m_impl->path; }
const std::vector<std::string>& Database::warnings() const { return m_impl->warnings; }
Access Database::access() const { return m_impl->access; }
int Database::schema_version() const { return m_impl->version; }
bool Database::created() const { return m_impl->created; }

DatabaseInfo database_info(Database& db)
{
  try {
    auto& impl = db.impl();
    DatabaseInfo info;
    info.schema_version = impl.version;
    info.journal_mode = impl.db->execAndGet("PRAGMA journal_mode").getString();
    info.size_bytes = impl.db->execAndGet("PRAGMA page_count").getInt64() *
                      impl.db->execAndGet("PRAGMA page_size").getInt64();
    static const char* const k_tables[][2] = {
      {"organisations", "SELECT count(*) FROM org"},
      {"agreements", "SELECT count(*) FROM agreement"},
      {"tasks", "SELECT count(*) FROM task"},
      {"task_updates", "SELECT count(*) FROM task_update"},
      {"meetings", "SELECT count(*) FROM meeting"},
      {"award_decisions", "SELECT count(*) FROM award_decision"},
      {"award_recipients", "SELECT count(*) FROM award_recipient"},
      {"sent_reports", "SELECT count(*) FROM sent_report"},
    };
    for (const auto& table : k_tables) {
      info.counts.emplace_back(table[0], impl.db->execAndGet(table[1]).getInt64());
    }
    return info;
  } catch (const SQLite::Exception& e) {
    rethrow_translated(e, db.impl().path);
  }
}

namespace {

bool on_read_only_filesystem(const std::string& path)
{
  struct statvfs fs{};
  std::string dir = std::filesystem::path(path).parent_path().string();
  return ::statvfs(dir.empty() ? "." : dir.c_str(), &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0;
}

} // namespace

std::optional<Error> translate_exception(const std::exception& e, const std::string& db_path, int system_errno)
{
  const auto* sqlite_error = dynamic_cast<const SQLite::Exception*>(&e);
  if (sqlite_error == nullptr) {
    return std::nullopt;
  }
  int code = sqlite_error->getErrorCode() & 0xff;
  switch (code) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return StoreError(fmt::format(
      "database '{}' is busy: another process held its lock past the busy timeout (database.busy_timeout)", db_path));
  case SQLITE_NOTADB:
    return StoreError(fmt::format("'{}' is not an SQLite database", db_path));
  case SQLITE_CORRUPT:
    return StoreError(fmt::format("database '{}' is damaged ({})", db_path, e.what()));
  case SQLITE_READONLY:
    if (sqlite_error->getExtendedErrorCode() == SQLITE_READONLY_ROLLBACK) {
      return StoreError(fmt::format("database '{}' needs recovery from an interrupted write, and this "
                                    "user cannot write to it: run any write as its owner",
                                    db_path));
    }
    [[fallthrough]];
  case SQLITE_PERM:
    return StoreError(fmt::format("database '{}' is read-only ({})", db_path, e.what()));
  case SQLITE_CANTOPEN:
    if (system_errno == EROFS || on_read_only_filesystem(db_path)) {
      return StoreError(fmt::format("database '{}' is read-only (it is on a read-only filesystem)", db_path));
    }
    return StoreError(fmt::format("cannot open database '{}' ({})", db_path, e.what()));
  case SQLITE_TOOBIG:
    // A value longer than the connection's length limit (store/untrusted.cpp
    // keeps it low for a file someone else produced).
    return StoreError(fmt::format("database '{}' holds a value too large to read ({})", db_path, e.what()));
  case SQLITE_INTERRUPT:
    return StoreError(fmt::format("reading database '{}' was interrupted ({})", db_path, e.what()));
  case SQLITE_CONSTRAINT:
    return Conflict(fmt::format("the change conflicts with existing records ({})", e.what()));
  case SQLITE_FULL:
    // The file SQLite could not grow may also be one of its temporary files
    // (a big statement's journal, a sort): they go to another filesystem.
    return Failure(fmt::format("disk full while writing '{}' or SQLite's temporary files (in "
                               "$TMPDIR, else /var/tmp or /tmp)",
                               db_path));
  case SQLITE_IOERR:
    if (system_errno == ENOSPC || system_errno == EDQUOT) {
      return Failure(fmt::format("disk full while writing '{}' (or its -wal, -shm or -journal beside it)",
                                 db_path));
    }
    return StoreError(fmt::format("I/O error on database '{}' ({})", db_path, e.what()));
  default:
    return Failure(fmt::format("database error on '{}': {}", db_path, e.what()));
  }
}

void bind_text(Statement& s, int index, const std::string& value)
{
  if (value.empty()) {
    s.bind(index);
  } else {
    s.bind(index, value);
  }
}

void bind_date(Statement& s, int index, const std::optional<core::Date>& value)
{
  if (value) {
    s.bind(index, value->iso());
  } else {
    s.bind(index);
  }
}

void bind_id(Statement& s, int index, const std::optional<long long>& value)
{
  if (value) {
    s.bind(index, static_cast<int64_t>(*value));
  } else {
    s.bind(index);
  }
}

std::string column_text(const Statement& s, int index)
{
  auto column = s.getColumn(index);
  return column.isNull() ? std::string() : column.getString();
}

std::optional<core::Date> column_date(const Statement& s, int index)
{
  auto column = s.getColumn(index);
  if (column.isNull()) {
    return std::nullopt;
  }
  return stored_date(column.getString());
}

std::optional<long long> column_id(const Statement& s, int index)
{
  auto column = s.getColumn(index);
  if (column.isNull()) {
    return std::nullopt;
  }
  return column.getInt64();
}

std::optional<double> column_real(const Statement& s, int index)
{
  auto column = s.getColumn(index);
  if (column.isNull()) {
    return std::nullopt;
  }
  return column.getDouble();
}

std::vector<std::string> count_references(Database::Impl& impl, const std::vector<ReferenceQuery>& queries,
                                          long long id)
{
  std::vector<std::string> out;
  for (const auto& q : queries) {
    auto& s = impl.stmt(q.sql);
    s.bind(1, static_cast<int64_t>(id));
    s.executeStep();
    auto count = s.getColumn(0).getInt64();
    if (count > 0) {
      out.push_back(fmt::format("{} {}{} (#{})", count, q.what, count == 1 ? "" : "s",
                                fmt::join(core::split_list(column_text(s, 1), ','), ", #")));
    }
  }
  return out;
}

void run_cascade(Database::Impl& impl, const std::vector<const char*>& statements, long long id)
{
  for (const char* sql : statements) {
    auto& s = impl.stmt(sql);
    s.bind(1, static_cast<int64_t>(id));
    s.exec();
  }
}

core::Date stored_date(const std::string& iso)
{
  // YYYY-MM-DD exactly (read for every date of every listed row: no sscanf).
  const auto digits = [&](std::size_t from, std::size_t count) {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (iso[i] < '0' || iso[i] > '9') {
        return -1;
      }
      value = value * 10 + (iso[i] - '0');
    }
    return value;
  };
  const bool shaped = iso.size() == 10 && iso[4] == '-' && iso[7] == '-';
  const int y = shaped ? digits(0, 4) : -1;
  const int m = shaped ? digits(5, 2) : -1;
  const int d = shaped ? digits(8, 2) : -1;
  if (y < 0 || m < 0 || d < 0 || !core::Date::is_valid(y, m, d)) {
    throw StoreError(fmt::format("damaged date '{}' in the database", iso));
  }
  return core::Date{y, m, d};
}

} // namespace phoihop::store
