#include <phoihop/core/error.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/io/output_target.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using phoihop::io::AtomicFile;
using phoihop::io::ProtectedFile;
using phoihop::io::write_atomically;
using phoihop::test::file_bytes;
using phoihop::test::TempDir;

namespace {

// The message of the Failure writing `data` to `path` throws, else "(no error)".
std::string error_of(const std::string& path, const std::string& data = "new")
{
  try {
    write_atomically(path, data);
  } catch (const phoihop::Failure& e) {
    return e.what();
  }
  return "(no error)";
}

bool refused(const std::string& path)
{
  try {
    write_atomically(path, "new");
  } catch (const phoihop::io::Refused&) {
    return true;
  }
  return false;
}

mode_t mode_of(const std::string& path)
{
  struct stat st{};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool root() { return ::geteuid() == 0; }

} // namespace

TEST_CASE("write_atomically: a new file gets the umask's mode, a replaced one keeps its own")
{
  TempDir dir;
  mode_t mask = ::umask(022);
  write_atomically(dir.file("r.md"), "one");
  CHECK(file_bytes(dir.file("r.md")) == "one");
  CHECK(mode_of(dir.file("r.md")) == 0644);
  ::chmod(dir.file("r.md").c_str(), 0640);
  write_atomically(dir.file("r.md"), "two");
  CHECK(file_bytes(dir.file("r.md")) == "two");
  CHECK(mode_of(dir.file("r.md")) == 0640);
  ::umask(mask);
}

TEST_CASE("write_atomically: the user's own link is written through and stays a link")
{
  TempDir dir;
  dir.write("real.md", "old");
  std::filesystem::create_symlink("real.md", dir.file("link.md"));
  write_atomically(dir.file("link.md"), "new");
  CHECK(std::filesystem::is_symlink(dir.file("link.md")));
  CHECK(file_bytes(dir.file("real.md")) == "new");
  // A chain of the user's links, and a dangling one (its pointee is created).
  std::filesystem::create_symlink("link.md", dir.file("chain.md"));
  write_atomically(dir.file("chain.md"), "chained");
  CHECK(file_bytes(dir.file("real.md")) == "chained");
  std::filesystem::create_symlink(dir.file("later.md"), dir.file("dangling.md"));
  write_atomically(dir.file("dangling.md"), "created");
  CHECK(file_bytes(dir.file("later.md")) == "created");
}

TEST_CASE("write_atomically: a loop of links, a directory and a missing directory are errors")
{
  TempDir dir;
  std::filesystem::create_symlink("b", dir.file("a"));
  std::filesystem::create_symlink("a", dir.file("b"));
  CHECK(has(error_of(dir.file("a")), "more than 40 symbolic links"));
  CHECK(has(error_of(dir.path()), "it is a directory"));
  CHECK(has(error_of(dir.file("none/r.md")), "does not exist"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos); // no temporary left
  }
}

TEST_CASE("write_atomically: a device is written in place")
{
  CHECK(error_of("/dev/null") == "(no error)");
  CHECK(has(error_of("/dev/full"), "No space left on device"));
  AtomicFile file("/dev/null");
  CHECK(file.in_place());
  CHECK(file.temp_path().empty());
}

TEST_CASE("ProtectedFile: no output is the database, its side files, or a file held open")
{
  TempDir dir;
  std::string db = dir.write("x.db", "database");
  {
    std::string path = db;
    ProtectedFile protection(path);
    CHECK(has(error_of(db), "refusing to write '" + db + "': it is the database phoihop is using"));
    std::filesystem::create_symlink("x.db", dir.file("link.md"));
    CHECK(has(error_of(dir.file("link.md")), "it is the database phoihop is using ('" + db + "')"));
    std::filesystem::create_hard_link(db, dir.file("hard.md"));
    CHECK(has(error_of(dir.file("hard.md")), "it is the database phoihop is using"));
    // -wal and -shm by name before they exist, -journal by inode too.
    CHECK(has(error_of(db + "-wal"), "beside the database phoihop is using"));
    CHECK(has(error_of(dir.file("x.db-shm")), "beside the database phoihop is using"));
    dir.write("x.db-journal", "journal");
    std::filesystem::create_symlink("x.db-journal", dir.file("j.md"));
    CHECK(refused(dir.file("j.md")));
    CHECK(file_bytes(db) == "database");
    CHECK(file_bytes(dir.file("x.db-journal")) == "journal");
    CHECK_FALSE(std::filesystem::exists(db + "-wal"));
  }
  // Protection ends with its owner.
  CHECK(error_of(dir.file("hard.md")) == "(no error)");

  std::string batch = dir.write("batch.txt", "lines");
  int fd = ::open(batch.c_str(), O_RDONLY | O_CLOEXEC);
  CHECK(has(error_of(batch), "it is a file phoihop has open"));
  ::close(fd);
  CHECK(error_of(batch) == "(no error)");
}

TEST_CASE("ProtectedFile: an output is never more open than the database")
{
  TempDir dir;
  mode_t mask = ::umask(022);
  std::string db = dir.write("x.db", "database");
  ::chmod(db.c_str(), 0600);
  {
    ProtectedFile protection(db);
    write_atomically(dir.file("new.md"), "report");
    CHECK(mode_of(dir.file("new.md")) == 0600);
    dir.write("old.md", "old");
    ::chmod(dir.file("old.md").c_str(), 0644);
    write_atomically(dir.file("old.md"), "report");
    CHECK(mode_of(dir.file("old.md")) == 0600);
    ::chmod(db.c_str(), 0640);
    ::chmod(dir.file("old.md").c_str(), 0604);
    write_atomically(dir.file("old.md"), "report");
    CHECK(mode_of(dir.file("old.md")) == 0600); // narrower than both
  }
  write_atomically(dir.file("free.md"), "report");
  CHECK(mode_of(dir.file("free.md")) == 0644);
  ::umask(mask);
}

TEST_CASE("AtomicFile: killed runs' temporary files and orphan journals are removed")
{
  TempDir dir;
  dir.write(".r.md.tmp-AAAAAA", "stale");          // no writer holds its lock
  dir.write(".r.md.tmp-BBBBBB-journal", "orphan");  // its temporary file is gone
  dir.write(".r.md.tmp-CCCCCC", "live");            // a writer still holds this one
  dir.write(".r.md.tmp-CCCCCC-journal", "live");
  dir.write(".r.md.tmp-DDDDDD-wal", "orphan");
  std::filesystem::create_symlink(dir.file("keep"), dir.file(".r.md.tmp-EEEEEE-shm")); // not a file
  int live = ::open(dir.file(".r.md.tmp-CCCCCC").c_str(), O_RDONLY | O_CLOEXEC);
  REQUIRE(::flock(live, LOCK_EX) == 0);
  write_atomically(dir.file("r.md"), "report");
  ::close(live);
  CHECK_FALSE(std::filesystem::exists(dir.file(".r.md.tmp-AAAAAA")));
  CHECK_FALSE(std::filesystem::exists(dir.file(".r.md.tmp-BBBBBB-journal")));
  CHECK_FALSE(std::filesystem::exists(dir.file(".r.md.tmp-DDDDDD-wal")));
  CHECK(std::filesystem::exists(dir.file(".r.md.tmp-CCCCCC")));
  CHECK(std::filesystem::exists(dir.file(".r.md.tmp-CCCCCC-journal")));
  CHECK(std::filesystem::is_symlink(dir.file(".r.md.tmp-EEEEEE-shm")));
}

TEST_CASE("write_atomically: another user's link or hard link is refused (as root)")
{
  if (!root()) {
    MESSAGE("skipped: needs root to make files owned by another user");
    return;
  }
  TempDir dir;
  constexpr uid_t other = 54321;
  std::string victim = dir.write("victim.txt", "notes");
  std::filesystem::create_symlink(victim, dir.file("r.md"));
  REQUIRE(::lchown(dir.file("r.md").c_str(), other, other) == 0);
  CHECK(error_of(dir.file("r.md")) ==
        "refusing to write '" + dir.file("r.md") + "': it is a symbolic link owned by another user (uid 54321)");
  // Through the user's own link to the other user's link.
  std::filesystem::create_symlink("r.md", dir.file("mine.md"));
  CHECK(has(error_of(dir.file("mine.md")), "leads through the symbolic link '" + dir.file("r.md") + "'"));
  // A dangling one: the pointee is never created.
  std::filesystem::create_symlink(dir.file("created.txt"), dir.file("d.md"));
  REQUIRE(::lchown(dir.file("d.md").c_str(), other, other) == 0);
  CHECK(refused(dir.file("d.md")));
  CHECK_FALSE(std::filesystem::exists(dir.file("created.txt")));
  // Another user's file with a second name.
  std::string theirs = dir.write("theirs.txt", "theirs");
  REQUIRE(::chown(theirs.c_str(), other, other) == 0);
  std::filesystem::create_hard_link(theirs, dir.file("h.md"));
  CHECK(has(error_of(dir.file("h.md")), "it has 2 hard links and is owned by another user (uid 54321)"));
  CHECK(file_bytes(victim) == "notes");
  CHECK(file_bytes(theirs) == "theirs");
}
