#include <phoihop/io/output_target.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <sys/vfs.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace phoihop::io {

namespace {

// The kernel's own bound on the links one path may pass through.
constexpr int k_max_hops = 40;
constexpr long k_proc_super_magic = 0x9fa0;
// SQLite's files beside a database: what it writes there is the database too.
constexpr const char* k_side_files[] = {"", "-wal", "-shm", "-journal"};

// The files of ProtectedFile objects alive now (by their owners' strings).
std::mutex g_protected_mutex;
std::vector<const std::string*> g_protected;

std::vector<std::string> protected_paths()
{
  std::lock_guard<std::mutex> lock(g_protected_mutex);
  std::vector<std::string> out;
  for (const auto* path : g_protected) {
    if (!path->empty()) {
      out.push_back(*path);
    }
  }
  return out;
}

// Whose links and devices phoihop trusts: the user's own and the system's.
bool trusted_owner(uid_t uid) { return uid == ::geteuid() || uid == 0; }

bool same_file(const struct stat& a, const struct stat& b) { return a.st_dev == b.st_dev && a.st_ino == b.st_ino; }

// "a/b/c" → {"a/b", "c"}, "c" → {"", "c"}, "/c" → {"/", "c"}.
std::pair<std::string, std::string> split(const std::string& path)
{
  auto slash = path.rfind('/');
  if (slash == std::string::npos) {
    return {"", path};
  }
  return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

std::string join(const std::string& dir, const std::string& sub)
{
  if (sub.empty() || dir.empty() || dir == ".") {
    return sub.empty() ? dir : sub;
  }
  return dir.back() == '/' ? dir + sub : dir + "/" + sub;
}

// An absolute path without links for `path`, whose last parts need not exist.
std::string canonical_name(const std::string& path)
{
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path : canonical.string();
}

// Whether a regular file this process holds open (other than standard
// input, output and error) is `st`: a database another connection opened,
// a batch file being read, a temporary file.
bool held_open(const struct stat& st)
{
  DIR* fds = ::opendir("/proc/self/fd");
  if (fds == nullptr) {
    return false; // no /proc: the ProtectedFile list still guards the databases
  }
  bool found = false;
  while (const dirent* entry = ::readdir(fds)) {
    char* end = nullptr;
    long fd = std::strtol(entry->d_name, &end, 10);
    struct stat open_st{};
    if (*end != '\0' || end == entry->d_name || fd <= 2 || fd == ::dirfd(fds) ||
        ::fstat(static_cast<int>(fd), &open_st) != 0) {
      continue;
    }
    if (S_ISREG(open_st.st_mode) && same_file(open_st, st)) {
      found = true;
      break;
    }
  }
  ::closedir(fds);
  return found;
}

} // namespace

ProtectedFile::ProtectedFile(const std::string& path) : m_path(path)
{
  std::lock_guard<std::mutex> lock(g_protected_mutex);
  g_protected.push_back(&m_path);
}

ProtectedFile::~ProtectedFile()
{
  std::lock_guard<std::mutex> lock(g_protected_mutex);
  std::erase(g_protected, &m_path);
}

OutputTarget::OutputTarget(std::string path) : m_shown(std::move(path))
{
  try {
    resolve();
  } catch (...) {
    if (m_dir_fd >= 0) {
      ::close(m_dir_fd);
    }
    throw;
  }
}

OutputTarget::~OutputTarget()
{
  if (m_dir_fd >= 0) {
    ::close(m_dir_fd);
  }
}

void OutputTarget::refuse(const std::string& why) const
{
  throw Refused(fmt::format("refusing to write '{}': {}", m_shown, why));
}

void OutputTarget::fail(const std::string& what, int error) const
{
  throw Failure(fmt::format("cannot write '{}': {} ({})", m_shown, what, std::strerror(error)));
}

// Opens `dir` (relative to `at`) component by component. A component that
// is a symbolic link is followed only when it is the user's or root's, by
// the same rule as the last component, so another user's link in a shared
// folder cannot choose where the file goes, whatever fs.protected_symlinks
// says. Returns -1 with errno set when a component cannot be opened.
int OutputTarget::walk(int at, const std::string& dir, int& hops) const
{
  int fd = ::openat(dir.rfind('/', 0) == 0 ? AT_FDCWD : at, dir.rfind('/', 0) == 0 ? "/" : ".",
                    O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  std::size_t from = 0;
  while (fd >= 0 && from <= dir.size()) {
    std::size_t slash = std::min(dir.find('/', from), dir.size());
    const std::string component = dir.substr(from, slash - from);
    from = slash + 1;
    if (component.empty() || component == ".") {
      continue;
    }
    struct stat st{};
    int next = -1;
    if (::fstatat(fd, component.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
      if (!trusted_owner(st.st_uid)) {
        ::close(fd);
        refuse(fmt::format("its folder leads through the symbolic link '{}', owned by another user (uid {})",
                           component, st.st_uid));
      }
      if (++hops > k_max_hops) {
        ::close(fd);
        refuse(fmt::format("it leads through more than {} symbolic links", k_max_hops));
      }
      char text[PATH_MAX];
      ssize_t n = ::readlinkat(fd, component.c_str(), text, sizeof text);
      if (n < 0 || n == static_cast<ssize_t>(sizeof text)) {
        int error = n < 0 ? errno : ENAMETOOLONG;
        ::close(fd);
        errno = error;
        return -1;
      }
      next = walk(fd, std::string(text, static_cast<std::size_t>(n)), hops);
    } else {
      next = ::openat(fd, component.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    }
    int error = errno;
    ::close(fd);
    errno = error;
    fd = next;
  }
  return fd;
}

// Opens the directory the name is looked up in from now on.
void OutputTarget::open_directory(int at, const std::string& dir, std::string shown_dir)
{
  int hops = 0;
  int fd = walk(at, dir, hops);
  if (fd < 0) {
    int error = errno;
    if (error == ENOENT) {
      throw Failure(fmt::format("cannot write '{}': directory '{}' does not exist", m_shown, shown_dir));
    }
    if (error == ENOTDIR) {
      throw Failure(fmt::format("cannot write '{}': '{}' is not a directory", m_shown, shown_dir));
    }
    fail(fmt::format("cannot open directory '{}'", shown_dir), error);
  }
  if (m_dir_fd >= 0) {
    ::close(m_dir_fd);
  }
  m_dir_fd = fd;
  m_dir = std::move(shown_dir);
}

// Follows the path's last component link by link, checking each link's
// owner before reading it, until it names something that is not a link.
void OutputTarget::resolve()
{
  auto [dir, name] = split(m_shown);
  m_name = name;
  open_directory(AT_FDCWD, dir.empty() ? "." : dir, dir.empty() ? "." : dir);
  for (int hop = 0;; ++hop) {
    if (m_name.empty() || m_name == "." || m_name == "..") {
      throw Failure(fmt::format("cannot write '{}': it is a directory", m_shown));
    }
    struct stat st{};
    if (::fstatat(m_dir_fd, m_name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
      if (errno == ENOENT) {
        check_not_protected(nullptr);
        return; // a new file
      }
      fail("cannot examine it", errno);
    }
    if (!S_ISLNK(st.st_mode)) {
      classify(st);
      return;
    }
    if (hop == k_max_hops) {
      refuse(fmt::format("it leads through more than {} symbolic links", k_max_hops));
    }
    if (!trusted_owner(st.st_uid)) {
      refuse(hop == 0 ? fmt::format("it is a symbolic link owned by another user (uid {})", st.st_uid)
                      : fmt::format("it leads through the symbolic link '{}', owned by another user (uid {})",
                                    join(m_dir, m_name), st.st_uid));
    }
    if (through_proc()) {
      return;
    }
    follow(read_link());
  }
}

// /proc/self/fd/N (where /dev/stdout leads) may name a pipe or a terminal,
// which has no path to follow: the kernel opens it through the link. A
// regular file or directory there has a path and is followed by name.
bool OutputTarget::through_proc()
{
  struct statfs fs{};
  struct stat pointee{};
  if (::fstatfs(m_dir_fd, &fs) != 0 || fs.f_type != k_proc_super_magic ||
      ::fstatat(m_dir_fd, m_name.c_str(), &pointee, 0) != 0 || S_ISREG(pointee.st_mode) ||
      S_ISDIR(pointee.st_mode)) {
    return false;
  }
  m_magic = true;
  classify(pointee);
  return true;
}

std::string OutputTarget::read_link() const
{
  char text[PATH_MAX];
  ssize_t n = ::readlinkat(m_dir_fd, m_name.c_str(), text, sizeof text);
  if (n < 0 || n == static_cast<ssize_t>(sizeof text)) {
    fail("cannot read the symbolic link", n < 0 ? errno : ENAMETOOLONG);
  }
  return std::string(text, static_cast<std::size_t>(n));
}

// Moves to what the link names: its directory (relative to the link's) and
// its last component, which the next hop examines.
void OutputTarget::follow(const std::string& link_text)
{
  auto [dir, name] = split(link_text);
  bool absolute = !link_text.empty() && link_text[0] == '/';
  if (!dir.empty()) {
    open_directory(absolute ? AT_FDCWD : m_dir_fd, dir, absolute ? dir : join(m_dir, dir));
  }
  m_name = name;
}

// What the last link (or the path itself) names: a directory is an error,
// a regular file must pass check_file, a device or FIFO is written in place.
void OutputTarget::classify(const struct stat& st)
{
  if (S_ISDIR(st.st_mode)) {
    throw Failure(fmt::format("cannot write '{}': it is a directory", m_shown));
  }
  if (S_ISREG(st.st_mode)) {
    check_file(st);
    check_not_protected(&st);
    return;
  }
  if (!trusted_owner(st.st_uid)) {
    refuse(fmt::format("it is a device or FIFO owned by another user (uid {})", st.st_uid));
  }
  m_in_place = true;
}

// An existing regular file may be replaced only by someone entitled to it:
// another user's file with a second name (a hard link planted to make
// phoihop replace it), another user's file in a sticky directory (the
// kernel's protected_regular case) and a file the user may not write stay.
void OutputTarget::check_file(const struct stat& st) const
{
  uid_t me = ::geteuid();
  if (st.st_uid != me && st.st_nlink > 1) {
    refuse(fmt::format("it has {} hard links and is owned by another user (uid {})", st.st_nlink, st.st_uid));
  }
  struct stat dir{};
  if (st.st_uid != me && ::fstat(m_dir_fd, &dir) == 0 && (dir.st_mode & S_ISVTX) != 0 &&
      st.st_uid != dir.st_uid) {
    refuse(fmt::format("it is owned by another user (uid {}) in a sticky directory", st.st_uid));
  }
  if (::faccessat(m_dir_fd, m_name.c_str(), W_OK, AT_EACCESS) != 0) {
    refuse(fmt::format("you may not write it ({})", std::strerror(errno)));
  }
}

// No output replaces a database in use (by inode: through any link or
// name) or SQLite's files beside it (also by name: a -wal written before
// SQLite makes one would be taken for its log), nor any file held open.
void OutputTarget::check_not_protected(const struct stat* st) const
{
  std::string target = canonical_name(join(m_dir, m_name));
  for (const auto& path : protected_paths()) {
    std::string database = canonical_name(path);
    for (std::string suffix : k_side_files) {
      struct stat side{};
      bool same_inode = st != nullptr && ::stat((database + suffix).c_str(), &side) == 0 && same_file(side, *st);
      bool same_name = !suffix.empty() && target == database + suffix;
      if (!same_inode && !same_name) {
        continue;
      }
      if (suffix.empty()) {
        refuse(path == m_shown ? "it is the database phoihop is using"
                               : fmt::format("it is the database phoihop is using ('{}')", path));
      }
      refuse(fmt::format("it is '{}{}', beside the database phoihop is using", path, suffix));
    }
  }
  if (st != nullptr && held_open(*st)) {
    refuse("it is a file phoihop has open");
  }
}

namespace {

// The permission bits of a new file: the old file's, else the umask's; never
// wider than a database in use (a report of a private database is private).
mode_t allowed_mode(const struct stat* old)
{
  mode_t mode = 0;
  if (old != nullptr) {
    mode = old->st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  for (const auto& path : protected_paths()) {
    struct stat st{};
    if (::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
      mode &= st.st_mode & 07777;
    }
  }
  return mode;
}

} // namespace

mode_t OutputTarget::check_replace() const
{
  struct stat st{};
  if (::fstatat(m_dir_fd, m_name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno != ENOENT) {
      fail("cannot examine it", errno);
    }
    check_not_protected(nullptr);
    return allowed_mode(nullptr);
  }
  if (S_ISLNK(st.st_mode)) {
    refuse("a symbolic link was put in its place while phoihop was writing");
  }
  if (S_ISDIR(st.st_mode)) {
    throw Failure(fmt::format("cannot write '{}': it is a directory", m_shown));
  }
  if (!S_ISREG(st.st_mode)) {
    refuse("it stopped being a regular file while phoihop was writing");
  }
  check_file(st);
  check_not_protected(&st);
  return allowed_mode(&st);
}

mode_t OutputTarget::new_file_mode() const
{
  check_not_protected(nullptr);
  return allowed_mode(nullptr);
}

int OutputTarget::open_in_place() const
{
  // Not O_NOFOLLOW through /proc/self/fd: that link is the way to the pipe.
  int fd = ::openat(m_dir_fd, m_name.c_str(), O_WRONLY | O_CLOEXEC | (m_magic ? 0 : O_NOFOLLOW));
  if (fd < 0) {
    fail("cannot open", errno);
  }
  // What was opened must still be what was checked.
  struct stat st{};
  if (::fstat(fd, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode) || !trusted_owner(st.st_uid)) {
    ::close(fd);
    refuse("it changed while phoihop was writing");
  }
  return fd;
}

} // namespace phoihop::io
