#pragma once

#include <phoihop/store/database.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

// A database file someone else produced (merge OTHER_DB; later a restore),
// read without trusting it: never written, checked to be a sound phoihop
// database before any row is read, and read under limits of time and memory.
namespace phoihop::store {

// What reading such a file may cost, and the settings that set them (named
// in the errors, so the user knows what to raise).
struct UntrustedLimits {
  std::chrono::milliseconds time{std::chrono::minutes(10)};
  std::size_t memory = std::size_t{2048} << 20; // heap bytes the reading may add
  std::string time_setting = "merge.time_limit";
  std::string memory_setting = "merge.memory_limit";
};

class UntrustedDatabase {
public:
  struct State;
  explicit UntrustedDatabase(std::unique_ptr<State> state);
  ~UntrustedDatabase(); // closes the copy and removes its private directory
  UntrustedDatabase(const UntrustedDatabase&) = delete;
  UntrustedDatabase& operator=(const UntrustedDatabase&) = delete;

  // Runs `work` on the checked copy, under the limits: past the deadline or
  // the memory limit SQLite stops and `work` ends in a StoreError (exit 5)
  // naming the file and the setting.
  void read(const std::function<void(Database&)>& work);

private:
  std::unique_ptr<State> m_state;
};

// Opens the file at `path` (named in every error as given) for reading only:
// - the file and its -journal/-wal are copied into a private temporary
//   directory ($TMPDIR, else /var/tmp; mode 0700, removed on close, on
//   SIGINT/SIGTERM/SIGHUP, and by the next open after a SIGKILL), the copy
//   retried when they change meanwhile; nothing is ever written or created
//   beside the original, and a hot journal is rolled back in the copy;
// - the copy is opened with SQLite's defensive settings: DEFENSIVE on,
//   trusted_schema off, triggers and views disabled, no memory mapping, a
//   small page cache, values longer than 16 MiB refused;
// - the header must be phoihop's (application_id) with a schema version this
//   build knows, and sqlite_schema must be exactly the schema phoihop's
//   migrations build for that version: any view, trigger, index or table of
//   its own, or a table defined differently, is refused; then PRAGMA
//   quick_check must pass. Only then is a row read;
// - an older schema is migrated in the copy.
// Every refusal is a StoreError (exit 5) naming the file.
std::unique_ptr<UntrustedDatabase> open_untrusted(const std::string& path, const UntrustedLimits& limits);

} // namespace phoihop::store
