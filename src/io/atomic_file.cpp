#include <phoihop/io/atomic_file.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace phoihop::io {

namespace {

[[noreturn]] void fail(const std::string& path, const char* what, int error)
{
  throw Failure(fmt::format("cannot write '{}': {} ({})", path, what, std::strerror(error)));
}

} // namespace

void write_atomically(const std::string& path, std::string_view data)
{
  std::filesystem::path target(path);
  std::filesystem::path dir = target.parent_path();
  if (dir.empty()) {
    dir = ".";
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw Failure(fmt::format("cannot write '{}': directory '{}' does not exist", path, dir.string()));
  }
  if (std::filesystem::is_directory(target, ec)) {
    throw Failure(fmt::format("cannot write '{}': it is a directory", path));
  }
  std::string temp = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) {
    fail(path, "cannot create a temporary file beside it", errno);
  }
  auto abandon = [&](const char* what) {
    int error = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    fail(path, what, error);
  };
  // Keep the old file's permissions; a new report gets the usual 0666 & ~umask.
  struct stat st{};
  mode_t mode = 0;
  if (::stat(path.c_str(), &st) == 0) {
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
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      abandon("write failed");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    abandon("fsync failed");
  }
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, "close failed", error);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    fail(path, "rename failed", error);
  }
  // The rename itself is durable only once the directory is synced.
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

} // namespace phoihop::io
