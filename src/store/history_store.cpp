#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/history_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace phoihop::store {

namespace {

// Column names of a recorded table. Identifiers cannot be bound; these come
// from the schema itself, checked against the list of recorded tables.
std::vector<std::string> columns_of(Database::Impl& impl, const std::string& table)
{
  const auto& tables = history_tables();
  if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
    throw StoreError(fmt::format("damaged history: unknown table '{}'", table));
  }
  try {
    return table_columns(*impl.db, table);
  } catch (const SQLite::Exception& e) {
    throw *translate_exception(e, impl.path);
  }
}

// Rows of recorded tables as JSON objects of all their columns, the form the
// history triggers log, and their later changes; statements prepared once
// (an undone import checks thousands of rows).
class RowImages {
public:
  explicit RowImages(Database::Impl& impl) : m_impl(impl) {}

  // The row as it is now; empty when it no longer exists.
  std::string current(const std::string& table, core::Id row_id)
  {
    auto& slot = m_current[table];
    if (!slot) {
      std::string sql = "SELECT " + json_object_sql(columns_of(m_impl, table), "") + " FROM " + table +
                        " WHERE rowid = ?1";
      slot = std::make_unique<Statement>(m_impl, sql);
    }
    slot->reset();
    slot->bind(1, static_cast<int64_t>(row_id));
    return slot->executeStep() ? slot->getColumn(0).getString() : std::string();
  }

  // A logged image as the table's columns are now: a column a later
  // migration added (task_update.due) is null in an image logged before it.
  std::string in_today_columns(const std::string& table, const std::string& image)
  {
    auto& slot = m_normalize[table];
    if (!slot) {
      std::string sql = "SELECT json_object(";
      const auto columns = columns_of(m_impl, table);
      for (std::size_t i = 0; i < columns.size(); ++i) {
        sql += (i ? ", '" : "'") + columns[i] + "', json_extract(?1, '$." + columns[i] + "')";
      }
      slot = std::make_unique<Statement>(m_impl, sql + ")");
    }
    slot->reset();
    slot->bind(1, image);
    return slot->executeStep() ? slot->getColumn(0).getString() : std::string();
  }

  // The newest invocation after `invocation` that changed the row, if any:
  // its number and command line.
  std::optional<std::pair<core::Id, std::string>> changed_later(const HistoryChange& c, core::Id invocation)
  {
    if (!m_later) {
      m_later = std::make_unique<Statement>(
        m_impl, "SELECT i.id, i.command FROM history_change c JOIN history_invocation i "
                    "ON i.id = c.invocation_id WHERE c.tbl = ?1 AND c.row_id = ?2 AND "
                    "c.invocation_id > ?3 ORDER BY c.id DESC LIMIT 1");
    }
    m_later->reset();
    m_later->bind(1, c.table);
    m_later->bind(2, static_cast<int64_t>(c.row_id));
    m_later->bind(3, static_cast<int64_t>(invocation));
    if (!m_later->executeStep()) {
      return std::nullopt;
    }
    return std::make_pair(m_later->getColumn(0).getInt64(), column_text(*m_later, 1));
  }

private:
  Database::Impl& m_impl;
  std::map<std::string, std::unique_ptr<Statement>> m_current;
  std::map<std::string, std::unique_ptr<Statement>> m_normalize;
  std::unique_ptr<Statement> m_later;
};

} // namespace

void begin_invocation(Database::Impl& impl, const std::string& command)
{
  impl.exec("UPDATE history_invocation SET open = 0 WHERE open = 1");
  auto& s = impl.stmt("INSERT INTO history_invocation (at, command, open) VALUES (?1, ?2, 1)");
  s.bind(1, core::utc_timestamp());
  s.bind(2, command);
  s.exec();
}

void end_invocation(Database::Impl& impl)
{
  // An invocation that changed nothing leaves no trace.
  impl.exec("DELETE FROM history_invocation WHERE open = 1 AND undo_of IS NULL AND NOT EXISTS "
                "(SELECT 1 FROM history_change c WHERE c.invocation_id = history_invocation.id)");
  impl.exec("UPDATE history_invocation SET open = 0 WHERE open = 1");
}

std::vector<Invocation> HistoryStore::list(const HistoryFilter& filter)
{
  auto& impl = m_db.impl();
  std::vector<Invocation> out;
  Statement inv(impl,
                        "SELECT id, at, command, undo_of, undone_by FROM history_invocation "
                        "WHERE open = 0 ORDER BY id DESC");
  std::set<std::string> tables(filter.tables.begin(), filter.tables.end());
  while (inv.executeStep() && static_cast<int>(out.size()) < filter.limit) {
    Invocation i{inv.getColumn(0).getInt64(), column_text(inv, 1), column_text(inv, 2),
                 column_id(inv, 3), column_id(inv, 4), {}};
    Statement ch(impl, "SELECT id, tbl, row_id, op, before, after FROM history_change "
                                   "WHERE invocation_id = ?1 ORDER BY id");
    ch.bind(1, static_cast<int64_t>(i.id));
    while (ch.executeStep()) {
      HistoryChange c{ch.getColumn(0).getInt64(), column_text(ch, 1), ch.getColumn(2).getInt64(),
                      column_text(ch, 3), column_text(ch, 4), column_text(ch, 5)};
      bool record = !filter.row_id || (*filter.row_id == c.row_id && !filter.tables.empty() &&
                                       c.table == filter.tables.front());
      if ((tables.empty() || tables.count(c.table)) && record) {
        i.changes.push_back(std::move(c));
      }
    }
    if (!i.changes.empty() || (tables.empty() && !filter.row_id)) {
      out.push_back(std::move(i));
    }
  }
  return out;
}

std::optional<Invocation> HistoryStore::last_undoable()
{
  HistoryFilter all;
  all.limit = 1 << 30;
  Statement s(m_db.impl(),
                      "SELECT id FROM history_invocation WHERE open = 0 AND undo_of IS NULL AND "
                      "undone_by IS NULL ORDER BY id DESC LIMIT 1");
  if (!s.executeStep()) {
    return std::nullopt;
  }
  core::Id id = s.getColumn(0).getInt64();
  for (auto& i : list(all)) {
    if (i.id == id) {
      return i;
    }
  }
  return std::nullopt;
}

void HistoryStore::undo(const Invocation& target)
{
  auto& impl = m_db.impl();
  // Every record must still be as the target left it: otherwise a later
  // change depends on it, and reverting would silently lose that change.
  RowImages images(impl);
  std::set<std::pair<std::string, core::Id>> checked;
  for (auto it = target.changes.rbegin(); it != target.changes.rend(); ++it) {
    if (!checked.insert({it->table, it->row_id}).second) {
      continue;
    }
    const std::string now = images.current(it->table, it->row_id);
    if (now == it->after || (!now.empty() && !it->after.empty() &&
                             now == images.in_today_columns(it->table, it->after))) {
      continue;
    }
    auto later = images.changed_later(*it, target.id);
    std::string by = later ? fmt::format("by invocation #{} ({})", later->first, quote_arg(later->second))
                           : std::string("since");
    throw Conflict(fmt::format("cannot undo #{} ({}): {} #{} was changed later {}; undo that first",
                               target.id, quote_arg(target.command), it->table, it->row_id, by));
  }
  // Rows come back in reverse order; foreign keys are checked at COMMIT, when
  // parents and children are all back.
  impl.exec("PRAGMA defer_foreign_keys = ON");
  // One statement per table and operation: an undone import reverts
  // thousands of rows of the same table.
  std::map<std::string, std::unique_ptr<Statement>> reverts;
  auto revert_of = [&](const HistoryChange& c) -> Statement& {
    auto& slot = reverts[c.op + " " + c.table];
    if (slot) {
      slot->reset();
      slot->clearBindings();
      return *slot;
    }
    auto columns = columns_of(impl, c.table);
    std::string sql;
    if (c.op == "insert") {
      sql = "DELETE FROM " + c.table + " WHERE rowid = ?2";
    } else if (c.op == "update") {
      sql = "UPDATE " + c.table + " SET ";
      for (std::size_t i = 0; i < columns.size(); ++i) {
        sql += (i ? ", " : "") + columns[i] + " = json_extract(?1, '$." + columns[i] + "')";
      }
      sql += " WHERE rowid = ?2";
    } else {
      std::string names = "rowid";
      std::string values = "?2";
      for (const auto& column : columns) {
        names += ", " + column;
        values += ", json_extract(?1, '$." + column + "')";
      }
      sql = "INSERT INTO " + c.table + " (" + names + ") VALUES (" + values + ")";
    }
    slot = std::make_unique<Statement>(impl, sql);
    return *slot;
  };
  for (auto it = target.changes.rbegin(); it != target.changes.rend(); ++it) {
    auto& s = revert_of(*it);
    if (it->op != "insert") {
      s.bind(1, it->before);
    }
    s.bind(2, static_cast<int64_t>(it->row_id));
    s.exec();
  }
  auto& mark = impl.stmt("UPDATE history_invocation SET undone_by = (SELECT id FROM "
                         "history_invocation WHERE open = 1) WHERE id = ?1");
  mark.bind(1, static_cast<int64_t>(target.id));
  mark.exec();
  auto& self = impl.stmt("UPDATE history_invocation SET undo_of = ?1 WHERE open = 1");
  self.bind(1, static_cast<int64_t>(target.id));
  self.exec();
}

} // namespace phoihop::store
