#include <phoihop/io/atomic_file.hpp>

#include <phoihop/core/crash.hpp>
#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
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

class TempGuard {
public:
  explicit TempGuard(const std::string& path)
  {
    if (path.size() < sizeof g_temp_path) {
      std::memcpy(g_temp_path, path.c_str(), path.size() + 1);
      g_temp_active = 1;
    }
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
      m_old[index(sig)] = ::signal(sig, remove_temp_and_die);
    }
  }
  ~TempGuard()
  {
    g_temp_active = 0;
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
      ::signal(sig, m_old[index(sig)]);
    }
  }
  TempGuard(const TempGuard&) = delete;
  TempGuard& operator=(const TempGuard&) = delete;

private:
  static int index(int sig) { return sig == SIGTERM ? 0 : sig == SIGINT ? 1 : 2; }
  sighandler_t m_old[3]{};
};

[[noreturn]] void fail(const std::string& path, const char* what, int error)
{
  throw Failure(fmt::format("cannot write '{}': {} ({})", path, what, std::strerror(error)));
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

void write_atomically(const std::string& path, std::string_view data)
{
  std::error_code status_ec;
  auto status = std::filesystem::status(path, status_ec);
  if (!status_ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status) &&
      !std::filesystem::is_directory(status)) {
    write_in_place(path, data);
    return;
  }
  std::filesystem::path target(path);
  std::error_code link_ec;
  if (std::filesystem::is_symlink(target, link_ec)) {
    // Replace what the link points at, so a link in a shared folder stays a link.
    auto pointee = std::filesystem::read_symlink(target, link_ec);
    if (!link_ec) {
      target = pointee.is_absolute() ? pointee : target.parent_path() / pointee;
    }
  }
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) {
    dir = ".";
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw Failure(fmt::format("cannot write '{}': directory '{}' does not exist", path, dir.string()));
  }
  std::string final_path = target.string();
  if (std::filesystem::is_directory(target, ec)) {
    throw Failure(fmt::format("cannot write '{}': it is a directory", path));
  }
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    fail(path, "cannot create a temporary file beside it", errno);
  }
  TempGuard guard(temp);
  auto abandon = [&](const char* what) {
    int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    fail(path, what, error);
  };
  // Keep the old file's permissions; a new report gets the usual 0666 & ~umask.
  struct stat st{};
  mode_t mode = 0;
  if (::stat(final_path.c_str(), &st) == 0) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  if (::fchmod(fd, mode) != 0) {
    abandon("cannot set permissions");
  }
  std::size_t written = 0;
  while (written < data.size()) {
    // Half first, then the rest: the `output-write` crash point sits between.
    std::size_t chunk = written == 0 && data.size() > 1 ? data.size() / 2 : data.size() - written;
    ssize_t n = ::write(fd, data.data() + written, chunk);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      abandon("write failed");
    }
    written += static_cast<std::size_t>(n);
    if (written < data.size()) {
      core::crash_point("output-write");
    }
  }
  if (::fsync(fd) != 0) {
    abandon("fsync failed");
  }
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, "close failed", error);
  }
  core::crash_point("output-rename");
  if (::rename(temp.c_str(), final_path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, "rename failed", error);
  }
  core::crash_point("output-renamed");
  // The rename itself is durable only once the directory is synced.
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

} // namespace phoihop::io
