#include <phoihop/store/interchange_store.hpp>

#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>

#include <fmt/format.h>

namespace phoihop::store {

namespace {

using K = ColumnKind;

void bind_cell(Statement& s, int index, const Cell& cell)
{
  if (const auto* i = std::get_if<std::int64_t>(&cell)) {
    s.bind(index, static_cast<int64_t>(*i));
  } else if (const auto* d = std::get_if<double>(&cell)) {
    s.bind(index, *d);
  } else if (const auto* t = std::get_if<std::string>(&cell)) {
    s.bind(index, *t);
  } else {
    s.bind(index);
  }
}

Cell column_cell(const Statement& s, int index, ColumnKind kind)
{
  auto c = s.getColumn(index);
  if (c.isNull()) {
    return {};
  }
  switch (kind) {
  case K::integer:
  case K::ordinal: return static_cast<std::int64_t>(c.getInt64());
  case K::real: return c.getDouble();
  case K::ref: return static_cast<std::int64_t>(c.getInt64());
  default: return c.getString();
  }
}

// The folded key of a text cell, NULL for NULL.
Cell folded(const Cell& cell)
{
  if (const auto* t = std::get_if<std::string>(&cell)) {
    return core::fold(*t);
  }
  return {};
}

std::string where_clause(const std::vector<std::string_view>& columns, int first)
{
  std::string sql;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += fmt::format("{}{} IS ?{}", i == 0 ? "" : " AND ", columns[i], first + static_cast<int>(i));
  }
  return sql;
}

} // namespace

std::vector<ExportRow> InterchangeStore::read_rows(const TableSpec& spec)
{
  // Table and column names come from the fixed layout above, never from input.
  std::string sql = "SELECT t.uid, ";
  sql += spec.parent_table.empty()
           ? std::string("NULL")
           : fmt::format("(SELECT p.uid FROM {} p WHERE p.id = t.{})", spec.parent_table, spec.parent_column);
  for (const auto& c : spec.columns) {
    if (c.kind == K::ref) {
      sql += fmt::format(", (SELECT r.uid FROM {} r WHERE r.id = t.{})", c.ref_table, c.column);
    } else {
      sql += fmt::format(", t.{}", c.column);
    }
  }
  sql += fmt::format(" FROM {} t ORDER BY {}", spec.table, spec.order_by);
  Statement s(m_db.impl(), sql);
  std::vector<ExportRow> rows;
  while (s.executeStep()) {
    ExportRow row;
    row.uid = s.getColumn(0).getString();
    row.parent_uid = column_text(s, 1);
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      ColumnKind kind = spec.columns[i].kind == K::ref ? K::text : spec.columns[i].kind;
      row.cells.push_back(column_cell(s, static_cast<int>(i) + 2, kind));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<ExportListItem> InterchangeStore::read_list(const TableSpec& owner, const ListSpec& list)
{
  std::string value = list.ref_table.empty()
                        ? fmt::format("l.{}", list.value_column)
                        : fmt::format("(SELECT r.uid FROM {} r WHERE r.id = l.{})", list.ref_table,
                                      list.value_column);
  std::string order = !list.ordinal_column.empty() ? fmt::format("l.{}", list.ordinal_column)
                      : !list.fold_column.empty()  ? fmt::format("l.{}, l.{}", list.fold_column, list.value_column)
                                                   : std::string("2");
  std::string sql = fmt::format("SELECT (SELECT o.uid FROM {} o WHERE o.id = l.{}), {} FROM {} l ORDER BY 1, {}",
                                owner.table, list.owner_column, value, list.table, order);
  Statement s(m_db.impl(), sql);
  std::vector<ExportListItem> items;
  while (s.executeStep()) {
    items.push_back({s.getColumn(0).getString(), s.getColumn(1).getString()});
  }
  return items;
}

std::optional<core::Id> InterchangeStore::id_of(std::string_view table, const std::string& uid)
{
  auto& s = m_db.impl().prepared(fmt::format("SELECT id FROM {} WHERE uid = ?1", table));
  s.bind(1, uid);
  if (s.executeStep()) {
    return s.getColumn(0).getInt64();
  }
  return std::nullopt;
}

std::optional<std::string> InterchangeStore::uid_where(std::string_view table,
                                                       const std::vector<std::string_view>& columns,
                                                       const std::vector<Cell>& values)
{
  auto& s = m_db.impl().prepared(
    fmt::format("SELECT uid FROM {} WHERE {} ORDER BY id LIMIT 1", table, where_clause(columns, 1)));
  for (std::size_t i = 0; i < values.size(); ++i) {
    bind_cell(s, static_cast<int>(i) + 1, values[i]);
  }
  if (s.executeStep()) {
    return s.getColumn(0).getString();
  }
  return std::nullopt;
}

std::vector<Cell> InterchangeStore::current(const TableSpec& spec, core::Id id)
{
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    sql += fmt::format("{}{}", i == 0 ? "" : ", ", spec.columns[i].column);
  }
  sql += fmt::format(" FROM {} WHERE id = ?1", spec.table);
  auto& s = m_db.impl().prepared(sql);
  s.bind(1, static_cast<int64_t>(id));
  std::vector<Cell> cells;
  if (s.executeStep()) {
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      cells.push_back(column_cell(s, static_cast<int>(i), spec.columns[i].kind));
    }
  }
  return cells;
}

std::optional<core::Id> InterchangeStore::current_parent(const TableSpec& spec, core::Id id)
{
  if (spec.parent_column.empty()) {
    return std::nullopt;
  }
  auto& s = m_db.impl().prepared(fmt::format("SELECT {} FROM {} WHERE id = ?1", spec.parent_column, spec.table));
  s.bind(1, static_cast<int64_t>(id));
  if (s.executeStep()) {
    return s.getColumn(0).getInt64();
  }
  return std::nullopt;
}

core::Id InterchangeStore::insert(const TableSpec& spec, const std::string& uid, std::optional<core::Id> parent_id,
                                  const std::vector<Cell>& cells)
{
  std::vector<std::string> names{"uid"};
  std::vector<Cell> values{uid};
  if (!spec.parent_column.empty()) {
    names.emplace_back(spec.parent_column);
    values.emplace_back(parent_id ? Cell(static_cast<std::int64_t>(*parent_id)) : Cell());
  }
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    names.emplace_back(spec.columns[i].column);
    values.push_back(cells[i]);
    if (!spec.columns[i].fold_column.empty()) {
      names.emplace_back(spec.columns[i].fold_column);
      values.push_back(folded(cells[i]));
    }
  }
  std::string now = core::utc_timestamp();
  if (spec.timestamps >= 1) {
    names.emplace_back("created_at");
    values.emplace_back(now);
  }
  if (spec.timestamps >= 2) {
    names.emplace_back("updated_at");
    values.emplace_back(now);
  }
  std::string columns;
  std::string marks;
  for (std::size_t i = 0; i < names.size(); ++i) {
    columns += (i == 0 ? "" : ", ") + names[i];
    marks += fmt::format("{}?{}", i == 0 ? "" : ", ", i + 1);
  }
  auto& s = m_db.impl().prepared(fmt::format("INSERT INTO {} ({}) VALUES ({})", spec.table, columns, marks));
  for (std::size_t i = 0; i < values.size(); ++i) {
    bind_cell(s, static_cast<int>(i) + 1, values[i]);
  }
  s.exec();
  return m_db.impl().last_id();
}

void InterchangeStore::update(const TableSpec& spec, core::Id id, std::optional<core::Id> parent_id,
                              const std::vector<Cell>& cells)
{
  std::vector<std::string> names;
  std::vector<Cell> values;
  if (!spec.parent_column.empty()) {
    names.emplace_back(spec.parent_column);
    values.emplace_back(parent_id ? Cell(static_cast<std::int64_t>(*parent_id)) : Cell());
  }
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    names.emplace_back(spec.columns[i].column);
    values.push_back(cells[i]);
    if (!spec.columns[i].fold_column.empty()) {
      names.emplace_back(spec.columns[i].fold_column);
      values.push_back(folded(cells[i]));
    }
  }
  if (spec.timestamps >= 2) {
    names.emplace_back("updated_at");
    values.emplace_back(core::utc_timestamp());
  }
  std::string set;
  for (std::size_t i = 0; i < names.size(); ++i) {
    set += fmt::format("{}{} = ?{}", i == 0 ? "" : ", ", names[i], i + 1);
  }
  auto& s = m_db.impl().prepared(fmt::format("UPDATE {} SET {} WHERE id = ?{}", spec.table, set, names.size() + 1));
  for (std::size_t i = 0; i < values.size(); ++i) {
    bind_cell(s, static_cast<int>(i) + 1, values[i]);
  }
  s.bind(static_cast<int>(names.size()) + 1, static_cast<int64_t>(id));
  s.exec();
}

std::vector<Cell> InterchangeStore::list_values(const TableSpec& /*owner*/, const ListSpec& list, core::Id owner_id)
{
  std::string order = !list.ordinal_column.empty() ? std::string(list.ordinal_column)
                      : !list.fold_column.empty()  ? fmt::format("{}, {}", list.fold_column, list.value_column)
                                                   : std::string(list.value_column);
  auto& s = m_db.impl().prepared(fmt::format("SELECT {} FROM {} WHERE {} = ?1 ORDER BY {}", list.value_column,
                                                   list.table, list.owner_column, order));
  s.bind(1, static_cast<int64_t>(owner_id));
  std::vector<Cell> values;
  while (s.executeStep()) {
    values.push_back(column_cell(s, 0, list.ref_table.empty() ? K::text : K::ref));
  }
  return values;
}

void InterchangeStore::replace_list(const TableSpec& /*owner*/, const ListSpec& list, core::Id owner_id,
                                    const std::vector<Cell>& values)
{
  auto& del = m_db.impl().prepared(fmt::format("DELETE FROM {} WHERE {} = ?1", list.table, list.owner_column));
  del.bind(1, static_cast<int64_t>(owner_id));
  del.exec();
  std::string columns = fmt::format("{}, {}", list.owner_column, list.value_column);
  std::string marks = "?1, ?2";
  int n = 2;
  if (!list.fold_column.empty()) {
    columns += fmt::format(", {}", list.fold_column);
    marks += fmt::format(", ?{}", ++n);
  }
  if (!list.ordinal_column.empty()) {
    columns += fmt::format(", {}", list.ordinal_column);
    marks += fmt::format(", ?{}", ++n);
  }
  if (list.has_uid) {
    columns += ", uid";
    marks += fmt::format(", ?{}", ++n);
  }
  auto& s = m_db.impl().prepared(fmt::format("INSERT INTO {} ({}) VALUES ({})", list.table, columns, marks));
  std::int64_t position = 0;
  for (const auto& value : values) {
    s.reset();
    s.clearBindings();
    s.bind(1, static_cast<int64_t>(owner_id));
    bind_cell(s, 2, value);
    int i = 2;
    if (!list.fold_column.empty()) {
      bind_cell(s, ++i, folded(value));
    }
    if (!list.ordinal_column.empty()) {
      s.bind(++i, static_cast<int64_t>(++position));
    }
    if (list.has_uid) {
      s.bind(++i, core::new_uid());
    }
    s.exec();
  }
}

std::int64_t InterchangeStore::next_number(std::string_view table, std::string_view column,
                                           const std::vector<std::string_view>& columns,
                                           const std::vector<Cell>& values)
{
  auto& s = m_db.impl().prepared(fmt::format("SELECT coalesce(max({}), 0) + 1 FROM {} WHERE {}", column, table,
                                                   where_clause(columns, 1)));
  for (std::size_t i = 0; i < values.size(); ++i) {
    bind_cell(s, static_cast<int>(i) + 1, values[i]);
  }
  s.executeStep();
  return s.getColumn(0).getInt64();
}

} // namespace phoihop::store
