#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/catalogue.hpp>
#include <phoihop/store/database.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// Export and import: every table of the catalogue (catalogue.hpp) read whole
// with references as uids, and records upserted by uid.
namespace phoihop::store {

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
