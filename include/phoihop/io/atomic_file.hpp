#pragma once

#include <phoihop/io/output_target.hpp>

#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::io {

// A file replaced atomically: its new content goes to a temporary file
// (.NAME.tmp-XXXXXX) beside the target, so the rename cannot cross
// filesystems, which commit() fsyncs and renames over the target before
// fsyncing the directory. A reader sees the old file or the whole new one,
// never a part. Until commit() the target is untouched; the destructor (or
// SIGTERM, SIGINT, SIGHUP) removes the temporary file and the journals SQLite
// may have made beside it, and the next AtomicFile in that directory removes
// what a killed run left (its own user's files only).
//
// Where the file goes and whether it may go there is OutputTarget's (see
// output_target.hpp): a symbolic link is followed only if it is the user's
// or root's, and the user's own link stays a link (its pointee is replaced);
// another user's link or hard link, a file the user may not write, the
// database in use and its side files are refused (Refused, exit 1). The
// checks run again just before the rename, inside the directory opened at
// the start (renameat, linkat), so nothing planted meanwhile is followed.
// The new file keeps the old one's permission bits (else 0666 & ~umask),
// never wider than a database this process has open. A device or FIFO
// (/dev/stdout, /dev/full, a pipe), the user's or root's, is written in
// place, whole, at commit(): there is nothing to replace, and renaming over a
// device node would destroy it. Errors are Failure (exit 1) naming the path
// and the reason.
class AtomicFile {
public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // A device or FIFO: there is no temporary file, and write() collects what
  // commit() writes.
  bool in_place() const { return m_target.in_place(); }
  // Where to write the content (for writers that open the file themselves,
  // such as SQLite's backup); empty when in_place().
  const std::string& temp_path() const { return m_temp; }
  void write(std::string_view data);
  // Syncs the temporary file and renames it over the target.
  void commit();
  // Links the temporary file to the target only if the target still does not
  // exist; false (and nothing changed) if it appeared meanwhile.
  bool commit_new();

private:
  void create_temp();
  void abandon(); // closes and removes the temporary file
  void prepare(bool is_new);
  void write_in_place();
  [[noreturn]] void fail(const char* what, int error);

  OutputTarget m_target;
  std::string m_temp_name; // in m_target's directory
  std::string m_temp;      // the same as a path
  std::string m_pending;   // an in-place target's content, written at commit()
  int m_fd = -1;
  bool m_done = false;
  int m_write_error = 0; // errno of a failed write, repeated by commit()
};

// Replaces the file at `path` with `data` through an AtomicFile (a device or
// FIFO is written in place).
void write_atomically(const std::string& path, std::string_view data);

// A stream buffer writing through an AtomicFile in 64 KiB chunks, so a
// renderer writing to an std::ostream streams into the temporary file.
class AtomicFileBuffer : public std::streambuf {
public:
  explicit AtomicFileBuffer(AtomicFile& file);

protected:
  int_type overflow(int_type c) override;
  int sync() override;

private:
  void drain();

  AtomicFile& m_file;
  std::vector<char> m_buffer;
};

} // namespace phoihop::io
