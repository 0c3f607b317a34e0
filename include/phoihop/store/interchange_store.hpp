#pragma once

#include <phoihop/core/enums.hpp>
#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// Export and import (SPEC §6): every table read whole with references as
// uids, and records upserted by uid. The layout below is the one place that
// says which column a document key is, so export and import cannot drift.
namespace phoihop::store {

enum class ColumnKind {
  text,    // NFC text, trimmed
  date,    // ISO date text
  integer, // a whole number
  real,    // a number
  ref,     // the id of a row of ref_table; the document names its uid
  ordinal, // the record's 1-based position among its siblings (not in the document)
};

struct ColumnSpec {
  std::string_view key;    // the document's key
  std::string_view column; // the SQL column
  ColumnKind kind = ColumnKind::text;
  std::string_view ref_table; // kind ref: the table the id points into
  const core::EnumSet* values = nullptr;
  bool required = false;
  std::string_view default_value; // used when absent (NOT NULL enum columns)
  std::string_view fold_column;   // a *_key column holding core::fold() of the value
  bool multiline = false;         // text: free text (line feeds, tabs, core::k_max_text bytes)
};

// A list of values hanging off a record without records of its own:
// aliases, task partners, the agreements a meeting concerns.
struct ListSpec {
  std::string_view key;
  std::string_view table;
  std::string_view owner_column;
  std::string_view value_column;
  std::string_view ref_table;      // the values are ids of this table; empty: text
  std::string_view fold_column;    // text values: their folded key
  std::string_view ordinal_column; // empty: ordered by value
  bool has_uid = false;
};

struct TableSpec {
  std::string_view table;
  std::string_view key;           // "organisations", or "parties" under its parent
  std::string_view parent_table;  // empty for top-level records
  std::string_view parent_column; // the child's column holding the parent's id
  std::vector<ColumnSpec> columns;
  std::vector<ListSpec> lists;
  int timestamps = 0; // 0 none, 1 created_at, 2 created_at and updated_at
  std::string_view order_by; // SQL of a stable order (natural key, then uid)
};

// Every table in the order import must write them (a row's references come first).
const std::vector<TableSpec>& interchange_tables();
const TableSpec& interchange_table(std::string_view table);

using Cell = std::variant<std::monostate, std::int64_t, double, std::string>;

// One row as export reads it: references given as uids.
struct ExportRow {
  std::string uid;
  std::string parent_uid;
  std::vector<Cell> cells; // one per spec column
};

// One value of a list, by owner uid.
struct ExportListItem {
  std::string owner_uid;
  std::string value; // a uid for ref lists, else the text
};

class InterchangeStore {
public:
  explicit InterchangeStore(Database& db) : m_db(db) {}

  // Every row of the table in its stable order (children: grouped by parent).
  std::vector<ExportRow> read_rows(const TableSpec& spec);
  std::vector<ExportListItem> read_list(const TableSpec& owner, const ListSpec& list);

  std::optional<core::Id> id_of(std::string_view table, const std::string& uid);
  // The uid of the row whose `columns` equal `values` (a natural key), if any.
  std::optional<std::string> uid_where(std::string_view table, const std::vector<std::string_view>& columns,
                                       const std::vector<Cell>& values);
  // The stored cells of row `id` (references as ids), one per spec column.
  std::vector<Cell> current(const TableSpec& spec, core::Id id);
  // The parent id of child row `id` (nullopt for top-level tables).
  std::optional<core::Id> current_parent(const TableSpec& spec, core::Id id);
  core::Id insert(const TableSpec& spec, const std::string& uid, std::optional<core::Id> parent_id,
                  const std::vector<Cell>& cells);
  void update(const TableSpec& spec, core::Id id, std::optional<core::Id> parent_id,
              const std::vector<Cell>& cells);

  // The owner's list (ids or text) and its replacement.
  std::vector<Cell> list_values(const TableSpec& owner, const ListSpec& list, core::Id owner_id);
  void replace_list(const TableSpec& owner, const ListSpec& list, core::Id owner_id,
                    const std::vector<Cell>& values);

  // What a record without an ordinal or seq gets: the next free one.
  std::int64_t next_number(std::string_view table, std::string_view column,
                           const std::vector<std::string_view>& columns, const std::vector<Cell>& values);

private:
  Database& m_db;
};

} // namespace phoihop::store
