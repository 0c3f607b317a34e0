#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <optional>
#include <string>
#include <vector>

namespace phoihop::store {

// One row changed by an invocation, as the history triggers logged it.
struct HistoryChange {
  core::Id id = 0;
  std::string table; // org, agreement, task, …
  core::Id row_id = 0;
  std::string op; // insert|update|delete
  std::string before; // JSON object of the row, empty for an insert
  std::string after;  // JSON object of the row, empty for a delete
};

// One write invocation of phoihop (a whole batch is one).
struct Invocation {
  core::Id id = 0;
  std::string at; // UTC
  std::string command;
  std::optional<core::Id> undo_of;
  std::optional<core::Id> undone_by;
  std::vector<HistoryChange> changes;
};

struct HistoryFilter {
  int limit = 20;                    // invocations, newest first
  std::vector<std::string> tables;   // only changes to these tables
  std::optional<core::Id> row_id;    // only changes to this record of the first table
};

// The history of changes: every write invocation is recorded (store/schema.cpp
// creates the triggers), shown by `log` and reverted by `undo`.
class HistoryStore {
public:
  explicit HistoryStore(Database& db) : m_db(db) {}

  std::vector<Invocation> list(const HistoryFilter& filter);

  // The newest invocation that changed something and is neither an undo nor
  // undone already; nullopt when there is none.
  std::optional<Invocation> last_undoable();
  // Reverts `target` within the current invocation (which becomes its undo).
  // A record that a later invocation changed again is a Conflict naming it.
  void undo(const Invocation& target);

private:
  Database& m_db;
};

} // namespace phoihop::store
