#pragma once

#include <string>
#include <string_view>

namespace phoihop::io {

// A file replaced atomically: its new content goes to a temporary file beside
// the target (so the rename cannot cross filesystems), which commit() fsyncs
// and renames over the target before fsyncing the directory. A reader sees
// the old file or the whole new one, never a part. Until commit() the target
// is untouched; the destructor (or SIGTERM, SIGINT, SIGHUP) removes the
// temporary file. A symlinked target is written through, so the link stays.
// Errors are Failure (exit 1) naming the path and the reason.
class AtomicFile {
public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write the content (for writers that open the file themselves,
  // such as SQLite's backup).
  const std::string& temp_path() const { return m_temp; }
  // The file that commit() replaces (the symlink's target, if it is one).
  const std::string& target_path() const { return m_target; }
  void write(std::string_view data);
  // Syncs the temporary file and renames it over the target.
  void commit();
  // Links the temporary file to the target only if the target still does not
  // exist; false (and nothing changed) if it appeared meanwhile.
  bool commit_new();

private:
  void abandon(); // closes and removes the temporary file
  void sync();
  void sync_directory();

  std::string m_path;   // as the user gave it, for messages
  std::string m_target; // what is replaced
  std::string m_temp;
  int m_fd = -1;
  bool m_done = false;
};

// Replaces the file at `path` with `data` through an AtomicFile. A device or
// FIFO (/dev/stdout, /dev/full) is written in place instead: there is nothing
// to replace, and renaming over a device node would destroy it.
void write_atomically(const std::string& path, std::string_view data);

} // namespace phoihop::io
