#pragma once

// A fresh directory under /tmp for one test, removed with everything in it.
// Shared by the unit tests that need real files (databases, config files).

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <stdlib.h>
#include <string>

namespace phoihop::test {

class TempDir {
public:
  TempDir()
  {
    std::string name = "/tmp/phoihop-unit-XXXXXX";
    if (::mkdtemp(name.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    m_path = name;
  }
  ~TempDir()
  {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return m_path; }
  std::string file(const std::string& name) const { return m_path + "/" + name; }

  // Writes `text` to `name` and returns its path.
  std::string write(const std::string& name, const std::string& text) const
  {
    std::ofstream out(file(name), std::ios::binary);
    out << text;
    return file(name);
  }

private:
  std::string m_path;
};

// The bytes of a file, as they are ("" if it cannot be read).
inline std::string file_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

} // namespace phoihop::test
