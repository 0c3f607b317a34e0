#pragma once

#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace phoihop::io {

// A zip archive built in memory (the container of a .docx) through Debian's
// libzip. The library is loaded when the first archive is made (dlopen of
// libzip.so.4), so the many invocations that never write one do not pay for
// it and its dependencies at start-up; without it, making an archive fails
// (exit 1) naming the package to install.
//
// Entries are written in the order added, deflated (fastest level), each stamped with the
// same fixed time (midday of 1980-01-01, the zip format's first day), so the
// same entries give the same bytes.
class ZipArchive {
public:
  ZipArchive();
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  // An entry holding `bytes`.
  void add(const std::string& name, std::string bytes);
  // Loads libzip now (a Failure without it), so a command fails before its work.
  static void load();

  struct Fclose {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  using File = std::unique_ptr<std::FILE, Fclose>;
  // A piece of an entry: text, or what an open file holds from its start
  // (a temporary file for what is too large to keep in memory).
  struct Piece {
    std::string text;
    File file;
  };
  // An entry holding its pieces one after the other, read as the archive is
  // written, so a large entry is never copied whole.
  void add_pieces(const std::string& name, std::vector<Piece> pieces);
  // Writes the archive and returns its bytes; nothing may be added after.
  std::string finish();

  struct Impl; // libzip's handles (zip_archive.cpp)

private:
  std::unique_ptr<Impl> m_impl;
  std::deque<std::string> m_buffers; // the entries' bytes, alive until finish()
};

} // namespace phoihop::io
