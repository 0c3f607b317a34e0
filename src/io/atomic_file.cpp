#include <phoihop/io/atomic_file.hpp>

#include <phoihop/core/crash.hpp>
#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace phoihop::io {

namespace {

// The temporary file being written, for the signal handler: a run stopped by
// SIGTERM, SIGINT or SIGHUP (cron's timeout, Ctrl-C) removes it before dying.
// (SIGKILL cannot be caught; the old file is intact then too.)
char g_temp_path[4096];
volatile sig_atomic_t g_temp_active = 0;

extern "C" void remove_temp_and_die(int sig)
{
  if (g_temp_active) {
    ::unlink(g_temp_path);
  }
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

// Arms the signal handler for one temporary file (the latest armed; an
// invocation writes one file at a time) / restores the previous handlers.
sighandler_t g_old_handlers[3];
constexpr int k_signals[3] = {SIGTERM, SIGINT, SIGHUP};

void arm_cleanup(const std::string& path)
{
  if (path.size() >= sizeof g_temp_path) {
    return;
  }
  std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
  if (!g_temp_active) {
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

[[noreturn]] void fail(const std::string& path, const char* what, int error)
{
  throw Failure(fmt::format("cannot write '{}': {} ({})", path, what, std::strerror(error)));
}

// Removes temporary files that a process killed with SIGKILL (or a power
// cut) left beside `target`: each live one is flock()ed by its writer until it
// is renamed into place, so a file that can be locked has no writer left.
void remove_stale_temps(const std::filesystem::path& dir, const std::string& prefix)
{
  std::error_code ec;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() != prefix.size() + 6 || name.compare(0, prefix.size(), prefix) != 0) {
      continue;
    }
    int fd = ::open(it->path().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      continue;
    }
    struct stat st{};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::flock(fd, LOCK_EX | LOCK_NB) == 0) {
      ::unlink(it->path().c_str());
      // A new database built under the temporary name may have left its journal.
      for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        ::unlink((it->path().string() + suffix).c_str());
      }
    }
    ::close(fd);
  }
}

// A device or pipe (/dev/stdout, a FIFO, /dev/full) is written in place:
// there is no file to replace, and renaming over a device node would destroy it.
void write_in_place(const std::string& path, std::string_view data)
{
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    fail(path, "cannot open", errno);
  }
  std::size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      int error = errno;
      ::close(fd);
      fail(path, "write failed", error);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) {
    fail(path, "close failed", errno);
  }
}

} // namespace

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path))
{
  std::filesystem::path target(m_path);
  std::error_code ec;
  if (std::filesystem::is_symlink(target, ec)) {
    // Replace what the link points at, so a link in a shared folder stays a link.
    auto pointee = std::filesystem::read_symlink(target, ec);
    if (!ec) {
      target = pointee.is_absolute() ? pointee : target.parent_path() / pointee;
    }
  }
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) {
    dir = ".";
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    throw Failure(fmt::format("cannot write '{}': directory '{}' does not exist", m_path, dir.string()));
  }
  m_target = target.string();
  if (std::filesystem::is_directory(target, ec)) {
    throw Failure(fmt::format("cannot write '{}': it is a directory", m_path));
  }
  std::string prefix = "." + target.filename().string() + ".tmp-";
  remove_stale_temps(dir, prefix);
  m_temp = (dir / (prefix + "XXXXXX")).string();
  m_fd = ::mkstemp(m_temp.data());
  if (m_fd < 0) {
    fail(m_path, "cannot create a temporary file beside it", errno);
  }
  ::flock(m_fd, LOCK_EX | LOCK_NB); // "still being written" (see remove_stale_temps)
  arm_cleanup(m_temp);
  // Keep the old file's permissions; a new file gets the usual 0666 & ~umask.
  struct stat st{};
  mode_t mode = 0;
  if (::stat(m_target.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(m_fd, mode) != 0) {
    int error = errno;
    abandon();
    fail(m_path, "cannot set permissions", error);
  }
}

AtomicFile::~AtomicFile()
{
  if (!m_done) {
    abandon();
  }
}

void AtomicFile::abandon()
{
  if (m_fd >= 0) {
    ::close(m_fd);
    m_fd = -1;
  }
  ::unlink(m_temp.c_str());
  disarm_cleanup();
  m_done = true;
}

void AtomicFile::write(std::string_view data)
{
  std::size_t written = 0;
  while (written < data.size()) {
    // Half first, then the rest: the `output-write` crash point sits between.
    std::size_t chunk = written == 0 && data.size() > 1 ? data.size() / 2 : data.size() - written;
    ssize_t n = ::write(m_fd, data.data() + written, chunk);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      int error = errno;
      abandon();
      fail(m_path, "write failed", error);
    }
    written += static_cast<std::size_t>(n);
    if (written < data.size()) {
      core::crash_point("output-write");
    }
  }
}

void AtomicFile::sync()
{
  if (::fsync(m_fd) != 0) {
    int error = errno;
    abandon();
    fail(m_path, "fsync failed", error);
  }
}

void AtomicFile::sync_directory()
{
  // A rename or link is durable only once the directory is synced.
  std::string dir = std::filesystem::path(m_target).parent_path().string();
  int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

void AtomicFile::commit()
{
  sync();
  core::crash_point("output-rename");
  // Renamed while still open and locked, so no other run takes it for stale.
  if (::rename(m_temp.c_str(), m_target.c_str()) != 0) {
    int error = errno;
    abandon();
    fail(m_path, "rename failed", error);
  }
  m_done = true;
  disarm_cleanup();
  int fd = m_fd;
  m_fd = -1;
  if (::close(fd) != 0) {
    fail(m_path, "close failed", errno);
  }
  core::crash_point("output-renamed");
  sync_directory();
}

bool AtomicFile::commit_new()
{
  sync();
  if (::link(m_temp.c_str(), m_target.c_str()) != 0) {
    int error = errno;
    abandon();
    if (error == EEXIST) {
      return false;
    }
    fail(m_path, "cannot link the new file into place", error);
  }
  abandon(); // the temporary name only; the file lives on under the target's
  sync_directory();
  return true;
}

void write_atomically(const std::string& path, std::string_view data)
{
  std::error_code status_ec;
  auto status = std::filesystem::status(path, status_ec);
  if (!status_ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status)) {
    write_in_place(path, data);
    return;
  }
  AtomicFile file(path);
  file.write(data);
  file.commit();
}

} // namespace phoihop::io
