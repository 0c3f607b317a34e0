#pragma once

#include <phoihop/core/error.hpp>

#include <string>
#include <sys/stat.h>
#include <sys/types.h>

namespace phoihop::io {

// An output refused by the rules below (another user's link, the database
// itself, …): a Failure (exit 1) whatever the writer, even where other
// errors of the same writer have another status (a new database's are 5).
class Refused : public Failure {
public:
  using Failure::Failure;
};

// A file no output may replace while this object lives: the store holds one
// for each database it has open (Database::Impl), so a report, an export or
// a backup can never be written over the database, its -wal, -shm or
// -journal. Outputs written meanwhile get no wider permission bits than the
// file (see OutputTarget::check_replace). `path` is held by reference and
// read at each check, so its owner may fill it in after constructing this;
// an empty path protects nothing.
class ProtectedFile {
public:
  explicit ProtectedFile(const std::string& path);
  ~ProtectedFile();
  ProtectedFile(const ProtectedFile&) = delete;
  ProtectedFile& operator=(const ProtectedFile&) = delete;

private:
  const std::string& m_path;
};

// Where a file phoihop writes really goes, and whether it may go there. The
// rules strengthen the kernel's protected_symlinks, protected_hardlinks and
// protected_regular, in every directory rather than only sticky ones:
//   - a symbolic link at the path is followed only if it is owned by the
//     effective user or by root, each hop of a chain (at most 40 hops); the
//     user's own link keeps working and stays a link (its pointee is written)
//   - an existing regular file is replaced only if the user may write it, it
//     is not another user's file with more than one hard link, and it is not
//     another user's file in a sticky directory (unless theirs is the directory)
//   - a device or FIFO (/dev/stdout, /dev/full, a pipe) is written in place,
//     only if it is owned by the effective user or by root
//   - nothing is written over a ProtectedFile (or its -wal, -shm, -journal,
//     by inode or by name) or over any regular file this process has open.
// The final component is never followed by the kernel: the directory is
// opened once and everything after happens inside it (fstatat, openat,
// renameat, linkat), so a link planted after the check is replaced, not
// followed. A refusal is Refused (exit 1), naming the path and saying why;
// other errors (a missing directory) are Failure.
class OutputTarget {
public:
  explicit OutputTarget(std::string path);
  ~OutputTarget();
  OutputTarget(const OutputTarget&) = delete;
  OutputTarget& operator=(const OutputTarget&) = delete;

  const std::string& shown() const { return m_shown; } // the path as given, for messages
  int dir_fd() const { return m_dir_fd; }
  const std::string& dir() const { return m_dir; } // that directory as a path (for SQLite)
  const std::string& name() const { return m_name; }
  // A device or FIFO: written in place (open_in_place), not replaced.
  bool in_place() const { return m_in_place; }

  // Checks that what is at the name now may be replaced by a new file and
  // returns the permission bits the new file gets: the old file's, else
  // 0666 & ~umask, narrowed to those of every ProtectedFile that exists (a
  // 0600 database gives 0600 files). Called again just before the rename.
  mode_t check_replace() const;
  // The same for a file that must not exist yet (linked into place, never
  // replacing): only the protected names are checked.
  mode_t new_file_mode() const;
  // Opens the device or FIFO for writing; the caller closes it.
  int open_in_place() const;

private:
  void resolve();
  void open_directory(int at, const std::string& dir, std::string shown_dir);
  int walk(int at, const std::string& dir, int& hops) const;
  bool through_proc();
  std::string read_link() const;
  void follow(const std::string& link_text);
  void classify(const struct stat& st);
  void check_file(const struct stat& st) const;
  void check_not_protected(const struct stat* st) const;
  [[noreturn]] void refuse(const std::string& why) const;
  [[noreturn]] void fail(const std::string& what, int error) const;

  std::string m_shown;
  std::string m_dir;
  std::string m_name;
  int m_dir_fd = -1;
  bool m_in_place = false;
  bool m_magic = false; // a /proc/self/fd link to a pipe, opened through the kernel
};

} // namespace phoihop::io
