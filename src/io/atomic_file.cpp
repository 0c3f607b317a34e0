#include <phoihop/io/atomic_file.hpp>

#include <phoihop/core/crash.hpp>
#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace phoihop::io {

namespace {

// The journals SQLite may make beside a file it opens as a database (a new
// database is built under the temporary name).
constexpr const char* k_journals[] = {"-journal", "-wal", "-shm"};

// The temporary file being written and its journals, for the signal handler:
// a run stopped by SIGTERM, SIGINT or SIGHUP (cron's timeout, Ctrl-C) removes
// them before dying. The names are made beforehand, relative to the opened
// directory, so the handler calls nothing but unlinkat (async-signal-safe).
// (SIGKILL cannot be caught; the next run removes what it leaves.)
constexpr std::size_t k_name_room = 512;
char g_temp_names[4][k_name_room];
volatile sig_atomic_t g_temp_dir = -1;
volatile sig_atomic_t g_temp_active = 0;

extern "C" void remove_temp_and_die(int sig)
{
  if (g_temp_active) {
    for (const auto& name : g_temp_names) {
      ::unlinkat(g_temp_dir, name, 0);
    }
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Arms the signal handler for one temporary file (the latest armed; an
// invocation writes one file at a time) / restores the previous handlers.
sighandler_t g_old_handlers[3];
constexpr int k_signals[3] = {SIGTERM, SIGINT, SIGHUP};

void arm_cleanup(int dir_fd, const std::string& temp_name)
{
  if (temp_name.size() + std::strlen("-journal") >= k_name_room) {
    return;
  }
  bool armed = g_temp_active != 0;
  g_temp_active = 0; // the handler must not see the names half copied
  std::memcpy(g_temp_names[0], temp_name.c_str(), temp_name.size() + 1);
  for (int i = 0; i < 3; ++i) {
    std::string journal = temp_name + k_journals[i];
    std::memcpy(g_temp_names[i + 1], journal.c_str(), journal.size() + 1);
  }
  g_temp_dir = dir_fd;
  if (!armed) {
    for (int i = 0; i < 3; ++i) {
      g_old_handlers[i] = ::signal(k_signals[i], remove_temp_and_die);
    }
  }
  g_temp_active = 1;
}

void disarm_cleanup()
{
  if (g_temp_active) {
    g_temp_active = 0;
    for (int i = 0; i < 3; ++i) {
      ::signal(k_signals[i], g_old_handlers[i]);
    }
  }
}

// Writes all of `data` to `fd`; 0, or the errno of the failure. With
// `crash_midway`, the `output-write` crash point sits after the first half.
int write_all(int fd, std::string_view data, bool crash_midway)
{
  std::size_t written = 0;
  while (written < data.size()) {
    std::size_t chunk = written == 0 && crash_midway && data.size() > 1 ? data.size() / 2 : data.size() - written;
    ssize_t n = ::write(fd, data.data() + written, chunk);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    written += static_cast<std::size_t>(n);
    if (crash_midway && written < data.size()) {
      core::crash_point("output-write");
    }
  }
  return 0;
}

// Removes a regular file of this user's at `name` in `dir_fd`; never a link
// (unlinkat does not follow one, and a link is not this user's file here).
void remove_own_file(int dir_fd, const std::string& name)
{
  struct stat st{};
  if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
      st.st_uid == ::geteuid()) {
    ::unlinkat(dir_fd, name.c_str(), 0);
  }
}

// Removes a temporary file a killed run left, with its journals: each live
// one is flock()ed by its writer until it is renamed into place, so a file
// that can be locked has no writer left.
void remove_if_stale(int dir_fd, const std::string& name)
{
  int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return;
  }
  struct stat st{};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == ::geteuid() &&
      ::flock(fd, LOCK_EX | LOCK_NB) == 0) {
    ::unlinkat(dir_fd, name.c_str(), 0);
    for (const char* journal : k_journals) {
      remove_own_file(dir_fd, name + journal);
    }
  }
  ::close(fd);
}

// The names in `dir_fd` that start with `prefix`.
std::vector<std::string> names_with_prefix(int dir_fd, const std::string& prefix)
{
  std::vector<std::string> out;
  int fd = ::dup(dir_fd);
  DIR* dir = fd < 0 ? nullptr : ::fdopendir(fd);
  if (dir == nullptr) {
    if (fd >= 0) {
      ::close(fd);
    }
    return out;
  }
  ::rewinddir(dir);
  while (const dirent* entry = ::readdir(dir)) {
    if (std::strncmp(entry->d_name, prefix.c_str(), prefix.size()) == 0) {
      out.emplace_back(entry->d_name);
    }
  }
  ::closedir(dir);
  return out;
}

// Removes what killed runs left beside the target (.NAME.tmp-XXXXXX): stale
// temporary files, then journals whose temporary file is gone (a new
// database killed by SIGKILL mid-transaction, or by a signal between the
// handler's unlinks). Only this user's regular files.
void remove_stale_temps(int dir_fd, const std::string& prefix)
{
  constexpr std::size_t k_random = 6;
  auto names = names_with_prefix(dir_fd, prefix);
  for (const auto& name : names) {
    if (name.size() == prefix.size() + k_random) {
      remove_if_stale(dir_fd, name);
    }
  }
  for (const auto& name : names) {
    std::string temp = name.substr(0, std::min(name.size(), prefix.size() + k_random));
    struct stat st{};
    for (const char* journal : k_journals) {
      if (name == temp + journal && ::fstatat(dir_fd, temp.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 &&
          errno == ENOENT) {
        remove_own_file(dir_fd, name);
      }
    }
  }
}

// Six random letters or digits, as mkstemp(3) would choose.
std::string random_suffix()
{
  static const char k_letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[6] = {};
  if (::getrandom(bytes, sizeof bytes, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof bytes)) {
    // No entropy yet (early boot): any name will do, O_EXCL makes it ours.
    auto clock = std::chrono::steady_clock::now().time_since_epoch().count();
    for (auto& b : bytes) {
      b = static_cast<unsigned char>(clock);
      clock = clock / 61 + ::getpid();
    }
  }
  std::string out;
  for (unsigned char b : bytes) {
    out += k_letters[b % (sizeof k_letters - 1)];
  }
  return out;
}

} // namespace

AtomicFile::AtomicFile(std::string path) : m_target(std::move(path))
{
  if (m_target.in_place()) {
    m_done = true; // no temporary file to remove
    return;
  }
  std::string prefix = "." + m_target.name() + ".tmp-";
  remove_stale_temps(m_target.dir_fd(), prefix);
  create_temp();
}

// Creates .NAME.tmp-XXXXXX inside the opened directory, never through a
// link (O_EXCL, O_NOFOLLOW), locked as "still being written" (see
// remove_if_stale) and private (0600) until commit() gives it its mode.
void AtomicFile::create_temp()
{
  for (int attempt = 0; m_fd < 0; ++attempt) {
    m_temp_name = "." + m_target.name() + ".tmp-" + random_suffix();
    m_fd = ::openat(m_target.dir_fd(), m_temp_name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                    0600);
    if (m_fd < 0 && (errno != EEXIST || attempt == 100)) {
      m_done = true;
      fail("cannot create a temporary file beside it", errno);
    }
  }
  m_temp = m_target.dir() == "." ? "./" + m_temp_name : m_target.dir() + "/" + m_temp_name;
  ::flock(m_fd, LOCK_EX | LOCK_NB);
  arm_cleanup(m_target.dir_fd(), m_temp_name);
}

AtomicFile::~AtomicFile()
{
  if (!m_done) {
    abandon();
  }
}

void AtomicFile::fail(const char* what, int error)
{
  if (error == ENOSPC || error == EDQUOT) {
    what = "disk full"; // what the user must act on, whichever step met it
  }
  throw Failure(fmt::format("cannot write '{}': {} ({})", m_target.shown(), what, std::strerror(error)));
}

void AtomicFile::abandon()
{
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
  if (!m_temp_name.empty()) {
    ::unlinkat(m_target.dir_fd(), m_temp_name.c_str(), 0);
  }
  disarm_cleanup();
  m_done = true;
}

void AtomicFile::write(std::string_view data)
{
  if (in_place()) {
    m_pending.append(data);
    return;
  }
  if (int error = write_all(m_fd, data, true); error != 0) {
    m_write_error = error; // a stream writing through us may swallow the exception: commit() repeats it
    abandon();
    fail("write failed", error);
  }
}

// Checks the target again (the database may have been opened since, as a
// report opens it while it builds, or a link put in the target's place),
// gives the temporary file its permission bits and syncs it.
void AtomicFile::prepare(bool is_new)
{
  if (m_write_error != 0) {
    fail("write failed", m_write_error);
  }
  mode_t mode = 0;
  try {
    mode = is_new ? m_target.new_file_mode() : m_target.check_replace();
  } catch (...) {
    abandon();
    throw;
  }
  if (::fchmod(m_fd, mode) != 0) {
    int error = errno;
    abandon();
    fail("cannot set permissions", error);
  }
  if (::fsync(m_fd) != 0) {
    int error = errno;
    abandon();
    fail("fsync failed", error);
  }
}

void AtomicFile::write_in_place()
{
  int fd = m_target.open_in_place();
  if (int error = write_all(fd, m_pending, false); error != 0) {
    ::close(fd);
    fail("write failed", error);
  }
  if (::close(fd) != 0) {
    fail("close failed", errno);
  }
}

void AtomicFile::commit()
{
  if (in_place()) {
    write_in_place();
    return;
  }
  prepare(false);
  core::crash_point("output-rename");
  // Renamed while still open and locked, so no other run takes it for stale.
  int dir_fd = m_target.dir_fd();
  if (::renameat(dir_fd, m_temp_name.c_str(), dir_fd, m_target.name().c_str()) != 0) {
    int error = errno;
    abandon();
    fail("rename failed", error);
  }
  m_done = true;
  disarm_cleanup();
  int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail("close failed", errno);
  }
  core::crash_point("output-renamed");
  ::fsync(dir_fd); // a rename is durable only once the directory is synced
}

bool AtomicFile::commit_new()
{
  if (in_place()) {
    throw Failure(fmt::format("cannot create '{}': it is a device or FIFO", m_target.shown()));
  }
  prepare(true);
  int dir_fd = m_target.dir_fd();
  if (::linkat(dir_fd, m_temp_name.c_str(), dir_fd, m_target.name().c_str(), 0) != 0) {
    int error = errno;
    abandon();
    if (error == EEXIST) {
      return false;
    }
    fail("cannot link the new file into place", error);
  }
  abandon(); // the temporary name only; the file lives on under the target's
  ::fsync(dir_fd);
  return true;
}

void write_atomically(const std::string& path, std::string_view data)
{
  AtomicFile file(path);
  file.write(data);
  file.commit();
}

AtomicFileBuffer::AtomicFileBuffer(AtomicFile& file) : m_file(file), m_buffer(std::size_t{1} << 16)
{
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

AtomicFileBuffer::int_type AtomicFileBuffer::overflow(int_type c)
{
  drain();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int AtomicFileBuffer::sync()
{
  drain();
  return 0;
}

void AtomicFileBuffer::drain()
{
  m_file.write(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
  setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
}

} // namespace phoihop::io
