#include "sql.hpp"

#include <phoihop/store/untrusted.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <malloc.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace phoihop::store {

namespace {

// The longest value the copy may hand out: far above any text phoihop
// stores (core::k_max_text) or a history image, far below what would let
// one cell take the memory limit.
constexpr int k_max_value = 16 << 20;
// The page cache of the copy, in KiB (PRAGMA cache_size = -N): reading is one
// pass over each table, so a big cache would only hold memory.
constexpr int k_cache_kib = 16 << 10;
// SQLite calls the progress handler every this many virtual-machine steps of
// a statement (some microseconds); the clock is read each time, the heap
// every 16th time (mallinfo2 walks the allocator's free lists).
constexpr int k_progress_steps = 1000;

// The private directory's name in the temporary directory; the rest is mkdtemp's.
constexpr const char* k_dir_prefix = "phoihop-other-";

// Where the copy goes: $TMPDIR as SQLite and most programs use it, else
// /var/tmp, which is on disk (a database copied to a RAM-backed /tmp would
// cost its size in memory).
std::filesystem::path temp_root()
{
  const char* dir = std::getenv("TMPDIR");
  if (dir != nullptr && *dir == '/') {
    return dir;
  }
  return ::access("/var/tmp", W_OK) == 0 ? "/var/tmp" : "/tmp";
}

// The files of the private copy, for the signal handler, which may only make
// async-signal-safe calls: fixed buffers, written before it is armed.
constexpr int k_copy_files = 4; // the database, -journal, -wal, -shm
char g_copy_dir[4096];
char g_copy_files[k_copy_files][4096 + 16];
volatile sig_atomic_t g_copy_armed = 0;
constexpr int k_cleanup_signals[3] = {SIGTERM, SIGINT, SIGHUP};
sighandler_t g_previous[3];

extern "C" void remove_copy_and_die(int sig)
{
  if (g_copy_armed) {
    for (auto& file : g_copy_files) {
      ::unlink(file);
    }
    ::rmdir(g_copy_dir);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// A private directory that a process killed by SIGKILL left behind: each
// live one is flock()ed by its owner for as long as it exists.
void remove_stale_copies(const std::filesystem::path& root)
{
  std::error_code ec;
  for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    struct stat st{};
    if (name.rfind(k_dir_prefix, 0) != 0 || ::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) ||
        st.st_uid != ::getuid()) {
      continue;
    }
    int fd = ::open(it->path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      std::filesystem::remove_all(it->path(), ec);
    }
    if (fd >= 0) {
      ::close(fd);
    }
  }
}

// The private directory holding the copy: mode 0700, locked while it lives,
// removed with everything in it on destruction or on a catchable signal.
class PrivateDir {
public:
  explicit PrivateDir(const std::string& shown)
  {
    auto root = temp_root();
    remove_stale_copies(root);
    std::string pattern = (root / (std::string(k_dir_prefix) + "XXXXXX")).string();
    if (pattern.size() + 16 >= sizeof g_copy_dir || ::mkdtemp(pattern.data()) == nullptr) {
      throw StoreError(fmt::format("cannot read database '{}': no private directory in '{}' for its copy ({})",
                                   shown, root.string(), std::strerror(errno)));
    }
    m_dir = pattern;
    m_lock = ::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_lock >= 0) {
      ::flock(m_lock, LOCK_EX | LOCK_NB);
    }
    arm();
  }
  ~PrivateDir()
  {
    disarm();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
    if (m_lock >= 0) {
      ::close(m_lock);
    }
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;

  // The copy's name; SQLite finds its journals beside it by adding suffixes.
  std::string database() const { return m_dir + "/other.db"; }

private:
  void arm()
  {
    if (g_copy_armed) {
      return; // one copy at a time has the handler; the sweep gets any other
    }
    std::memcpy(g_copy_dir, m_dir.c_str(), m_dir.size() + 1);
    const char* suffixes[k_copy_files] = {"", "-journal", "-wal", "-shm"};
    for (int i = 0; i < k_copy_files; ++i) {
      std::string file = database() + suffixes[i];
      std::memcpy(g_copy_files[i], file.c_str(), file.size() + 1);
    }
    for (int i = 0; i < 3; ++i) {
      g_previous[i] = ::signal(k_cleanup_signals[i], remove_copy_and_die);
    }
    g_copy_armed = 1;
    m_armed = true;
  }
  void disarm()
  {
    if (m_armed) {
      g_copy_armed = 0;
      for (int i = 0; i < 3; ++i) {
        ::signal(k_cleanup_signals[i], g_previous[i]);
      }
    }
  }

  std::string m_dir;
  int m_lock = -1;
  bool m_armed = false;
};

// What identifies one state of a file: were it written, renamed over or
// truncated between two looks, one of these would differ.
struct Look {
  bool exists = false;
  dev_t dev = 0;
  ino_t ino = 0;
  off_t size = 0;
  timespec mtime{};
  timespec ctime{};
  bool operator==(const Look& o) const
  {
    return exists == o.exists && dev == o.dev && ino == o.ino && size == o.size &&
           mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec && ctime.tv_sec == o.ctime.tv_sec &&
           ctime.tv_nsec == o.ctime.tv_nsec;
  }
};

Look look_at(const struct stat& st)
{
  return Look{true, st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
}

Look look_at_path(const std::string& path)
{
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 ? look_at(st) : Look{};
}

// Copies the open file `in` to `to` (created, 0600): 0, or the errno of the
// read or write that failed (ENOSPC when the private directory is full).
int copy_contents(int in, const std::string& to)
{
  int out = ::open(to.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) {
    return errno;
  }
  int error = 0;
  char buffer[1 << 16];
  for (off_t at = 0; error == 0;) {
    ssize_t n = ::pread(in, buffer, sizeof buffer, at);
    if (n == 0) {
      break;
    }
    if (n < 0) {
      error = errno == EINTR ? 0 : errno;
      continue;
    }
    for (ssize_t done = 0; done < n && error == 0;) {
      ssize_t w = ::write(out, buffer + done, static_cast<std::size_t>(n - done));
      if (w < 0) {
        error = errno == EINTR ? 0 : errno;
      } else {
        done += w;
      }
    }
    at += n;
  }
  if (::close(out) != 0 && error == 0) {
    error = errno;
  }
  return error;
}

// SQLite writes its files page after page, never leaving holes: a file (or
// -wal, -journal) with far fewer blocks than its size was made to look big,
// and copying it would write all of its apparent size to the private directory.
void refuse_sparse(const struct stat& st, const std::string& path, const std::string& from)
{
  constexpr off_t k_slack = off_t{1} << 20;
  if (st.st_size > k_slack && static_cast<off_t>(st.st_blocks) * 512 + k_slack < st.st_size / 2) {
    throw StoreError(fmt::format("cannot read database '{}': '{}' is a sparse file ({} bytes in {} allocated), "
                                 "which SQLite never writes",
                                 path, from, st.st_size, static_cast<long long>(st.st_blocks) * 512));
  }
}

// The copy must fit where it goes, with room to spare for SQLite's recovery.
void check_room(const struct stat& st, const std::string& from, const std::string& to)
{
  struct statvfs fs{};
  std::string dir = std::filesystem::path(to).parent_path().string();
  if (::statvfs(dir.c_str(), &fs) == 0 &&
      static_cast<unsigned long long>(st.st_size) + (1ULL << 20) >
        static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize) {
    throw StoreError(fmt::format("cannot copy '{}' to read it: disk full in '{}' ({} bytes needed; set TMPDIR "
                                 "to a folder with room)",
                                 from, dir, st.st_size));
  }
}

// Copies `path` and its -journal and -wal (when there are) into the private
// directory, once: true when no file changed, appeared or went away meanwhile.
bool copy_once(const std::string& path, const std::string& copy)
{
  constexpr const char* k_suffixes[] = {"", "-journal", "-wal"};
  // The three files are one state together (a checkpoint moves pages from
  // the -wal into the file): all are looked at before any is copied and
  // again after all are, so a change to any of them meanwhile is seen.
  Look before[3];
  for (int i = 0; i < 3; ++i) {
    before[i] = look_at_path(path + k_suffixes[i]);
  }
  for (int i = 0; i < 3; ++i) {
    const char* suffix = k_suffixes[i];
    const std::string from = path + suffix;
    // O_NONBLOCK: a FIFO under the name would block the open forever.
    int fd = ::open(from.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
      if (errno == ENOENT && *suffix != '\0') {
        continue;
      }
      throw StoreError(errno == ENOENT
                         ? fmt::format("database '{}' does not exist", path)
                         : fmt::format("cannot read database '{}' ({})", from, std::strerror(errno)));
    }
    struct stat st{};
    const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    int copy_errno = 0;
    try {
      if (!regular) {
        throw StoreError(fmt::format("'{}' is not a regular file, so it cannot be a database", from));
      }
      refuse_sparse(st, path, from);
      check_room(st, from, copy + suffix);
      copy_errno = copy_contents(fd, copy + suffix);
    } catch (...) {
      ::close(fd);
      throw;
    }
    ::close(fd);
    if (copy_errno != 0) {
      throw StoreError(fmt::format("cannot copy database '{}' to read it ({}{})", from,
                                   copy_errno == ENOSPC || copy_errno == EDQUOT ? "disk full in $TMPDIR: " : "",
                                   std::strerror(copy_errno)));
    }
  }
  for (int i = 0; i < 3; ++i) {
    if (!(look_at_path(path + k_suffixes[i]) == before[i])) {
      return false;
    }
  }
  return true;
}

// Copies until one copy saw the files stand still: a writer working on the
// file meanwhile would leave a copy mixing two states.
void copy_steady(const std::string& path, const std::string& copy)
{
  constexpr int k_attempts = 5;
  for (int attempt = 0; attempt < k_attempts; ++attempt) {
    if (copy_once(path, copy)) {
      return;
    }
    for (const char* suffix : {"", "-journal", "-wal"}) {
      ::unlink((copy + suffix).c_str());
    }
    ::usleep(200000);
  }
  throw StoreError(fmt::format("database '{}' kept changing while it was read (another program is writing "
                               "it); try again when it is quiet",
                               path));
}

// Heap bytes in use: the allocator's own count, no system call.
std::size_t heap_in_use()
{
  struct mallinfo2 info = ::mallinfo2();
  return info.uordblks + info.hblkhd;
}

} // namespace

// What an open untrusted database holds: the private copy and the limits,
// declared before the connection so they outlive it.
struct UntrustedDatabase::State {
  std::string path; // as the user gave it
  UntrustedLimits limits;
  PrivateDir dir;
  std::chrono::steady_clock::time_point deadline;
  std::size_t heap_ceiling = 0;
  unsigned calls = 0;
  enum class Stop { none, time, memory } stopped = Stop::none;
  std::unique_ptr<Database> db;

  State(const std::string& shown, const UntrustedLimits& l) : path(shown), limits(l), dir(shown) {}

  // The error for work stopped by a limit (nullopt: it was not).
  std::optional<StoreError> limit_error() const
  {
    if (stopped == Stop::time) {
      return StoreError(fmt::format("reading database '{}' took longer than {} allows ({} s); it may hold "
                                    "a hostile query, or raise the limit",
                                    path, limits.time_setting, std::chrono::duration<double>(limits.time).count()));
    }
    if (stopped == Stop::memory) {
      return StoreError(fmt::format("reading database '{}' needed more memory than {} allows ({} MiB)", path,
                                    limits.memory_setting, limits.memory >> 20));
    }
    return std::nullopt;
  }
};

namespace {

// SQLite's progress handler on the copy: a nonzero return interrupts the
// statement (SQLITE_INTERRUPT), which State::limit_error() then explains.
extern "C" int check_limits(void* arg)
{
  auto& state = *static_cast<UntrustedDatabase::State*>(arg);
  if (std::chrono::steady_clock::now() > state.deadline) {
    state.stopped = UntrustedDatabase::State::Stop::time;
  } else if (++state.calls % 16 == 0 && heap_in_use() > state.heap_ceiling) {
    state.stopped = UntrustedDatabase::State::Stop::memory;
  }
  return state.stopped == UntrustedDatabase::State::Stop::none ? 0 : 1;
}

// The defensive settings: nothing in the file may run code or write the
// schema, and one cell or the page cache cannot take the memory.
void harden(SQLite::Database& db, UntrustedDatabase::State& state)
{
  sqlite3* handle = db.getHandle();
  sqlite3_db_config(handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
  sqlite3_limit(handle, SQLITE_LIMIT_LENGTH, k_max_value);
  sqlite3_limit(handle, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_progress_handler(handle, k_progress_steps, check_limits, &state);
  db.exec("PRAGMA mmap_size = 0");
  // quick_check would report a row breaking a CHECK of the schema as damage;
  // such a row is the record rules' to name (merge refuses it, exit 2, with
  // its uid), as for ours. The pages are what quick_check is for.
  db.exec("PRAGMA ignore_check_constraints = ON");
  db.exec(fmt::format("PRAGMA cache_size = -{}", k_cache_kib));
}

// The first value of `sql` (a PRAGMA's verdict).
std::string first_text(SQLite::Database& db, const char* sql)
{
  return db.execAndGet(sql).getString();
}

// Refuses a copy that is not a sound phoihop database, before any row of it
// is read (the header and sqlite_schema only, then SQLite's page checks).
void check_sound(Database::Impl& impl)
{
  auto& db = *impl.db;
  impl.version = check_read_header(db, impl.path); // also rolls back a hot journal, in the copy
  if (impl.version == 0) {
    throw StoreError(fmt::format("'{}' is empty, not a phoihop database", impl.path));
  }
  auto differences = schema_differences(db, impl.version);
  if (!differences.empty()) {
    throw StoreError(fmt::format("database '{}' is not a sound phoihop database: {}{}", impl.path,
                                 differences.front(),
                                 differences.size() > 1 ? fmt::format(" (and {} more)", differences.size() - 1)
                                                        : std::string()));
  }
  if (std::string verdict = first_text(db, "PRAGMA quick_check(1)"); verdict != "ok") {
    // One line, as every error is: SQLite's verdict may hold several.
    const std::string prefix = "*** in database main ***\n";
    if (verdict.rfind(prefix, 0) == 0) {
      verdict.erase(0, prefix.size());
    }
    std::replace(verdict.begin(), verdict.end(), '\n', ' ');
    throw StoreError(fmt::format("database '{}' is damaged ({})", impl.path, verdict));
  }
}

// Opens, checks and (if older) migrates the copy; then one read snapshot, as
// a read-only Database would hold.
std::unique_ptr<Database> open_copy(UntrustedDatabase::State& state)
{
  auto impl = std::make_unique<Database::Impl>();
  impl->path = state.path;
  impl->access = Access::read;
  impl->db = open_connection(state.dir.database(), SQLite::OPEN_READWRITE);
  harden(*impl->db, state);
  check_sound(*impl);
  if (impl->version < latest_schema_version()) {
    // The schema is exactly that of its version, so the migrations run on
    // what they were written for; the original stays as it was.
    impl->exec("BEGIN IMMEDIATE");
    migrate_schema(*impl);
    impl->exec("COMMIT");
  }
  impl->exec("PRAGMA query_only = ON");
  impl->exec("BEGIN");
  impl->in_transaction = true;
  return std::make_unique<Database>(std::move(impl));
}

} // namespace

UntrustedDatabase::UntrustedDatabase(std::unique_ptr<State> state) : m_state(std::move(state)) {}

UntrustedDatabase::~UntrustedDatabase()
{
  if (m_state) {
    m_state->db.reset(); // the connection closes before its directory goes
  }
}

void UntrustedDatabase::read(const std::function<void(Database&)>& work)
{
  try {
    work(*m_state->db);
  } catch (const Error&) {
    if (auto limit = m_state->limit_error()) {
      throw *limit;
    }
    throw;
  }
}

std::unique_ptr<UntrustedDatabase> open_untrusted(const std::string& path, const UntrustedLimits& limits)
{
  auto state = std::make_unique<UntrustedDatabase::State>(path, limits);
  state->deadline = std::chrono::steady_clock::now() + limits.time;
  state->heap_ceiling = heap_in_use() + limits.memory;
  copy_steady(path, state->dir.database());
  try {
    state->db = open_copy(*state);
  } catch (const SQLite::Exception& e) {
    if (auto limit = state->limit_error()) {
      throw *limit;
    }
    throw *translate_exception(e, path);
  } catch (const Error&) {
    if (auto limit = state->limit_error()) {
      throw *limit;
    }
    throw;
  }
  return std::make_unique<UntrustedDatabase>(std::move(state));
}

} // namespace phoihop::store
