#include <phoihop/exchange/export.hpp>

#include "layout.hpp"

#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/catalogue.hpp>
#include <phoihop/store/interchange_store.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace phoihop::exchange {

namespace {

using detail::children_of;
using detail::k_document_version;
using detail::k_version_key;
using io::Node;
using store::Cell;
using store::ColumnKind;
using store::TableSpec;

Node cell_node(const Cell& cell)
{
  if (const auto* i = std::get_if<std::int64_t>(&cell)) {
    return Node::of_integer(*i);
  }
  if (const auto* d = std::get_if<double>(&cell)) {
    return Node::of_real(*d);
  }
  if (const auto* t = std::get_if<std::string>(&cell)) {
    return Node::of_text(*t);
  }
  return Node{};
}

struct TableData {
  std::vector<store::ExportRow> rows;
  std::vector<std::vector<store::ExportListItem>> lists; // one per spec list
};

using Included = std::map<std::string_view, std::set<std::string>>;

// The records one agreement brings with it: its tasks, the meetings about it
// and its awards, then everything those name (organisations, renewed or
// parent agreements, source meetings), so the file imports on its own.
Included closure(const std::map<std::string_view, TableData>& data, const std::string& agreement_uid)
{
  Included in;
  std::map<std::string, std::string> parent_of; // child uid → parent uid
  for (const auto& spec : store::interchange_tables()) {
    for (const auto& row : data.at(spec.table).rows) {
      if (!spec.parent_table.empty()) {
        parent_of[row.uid] = row.parent_uid;
      }
    }
  }
  auto include = [&](std::string_view table, const std::string& uid) {
    const auto& spec = store::interchange_table(table);
    if (!spec.parent_table.empty()) {
      // A child is exported with its parent.
      return in[spec.parent_table].insert(parent_of[uid]).second;
    }
    return in[table].insert(uid).second;
  };
  include("agreement", agreement_uid);
  for (const auto& row : data.at("task").rows) {
    if (std::get<std::string>(row.cells[0]) == agreement_uid) { // task.agreement is its first column
      include("task", row.uid);
    }
  }
  for (const auto& item : data.at("meeting").lists[0]) {
    if (item.value == agreement_uid) {
      include("meeting", item.owner_uid);
    }
  }
  const auto& award = store::interchange_table("award_decision");
  for (const auto& row : data.at("award_decision").rows) {
    for (std::size_t i = 0; i < award.columns.size(); ++i) {
      if (award.columns[i].column == "agreement_id" && row.cells[i] == Cell(agreement_uid)) {
        include("award_decision", row.uid);
      }
    }
  }
  bool grew = true;
  while (grew) {
    grew = false;
    for (const auto& spec : store::interchange_tables()) {
      const auto& table = data.at(spec.table);
      for (const auto& row : table.rows) {
        bool row_in = spec.parent_table.empty() ? in[spec.table].count(row.uid) > 0
                                                : in[spec.parent_table].count(row.parent_uid) > 0;
        if (spec.table == "org_succession") {
          // A succession comes along with either of its organisations.
          row_in = in["org"].count(std::get<std::string>(row.cells[0])) > 0 ||
                   in["org"].count(std::get<std::string>(row.cells[1])) > 0;
          if (row_in) {
            grew = include(spec.table, row.uid) || grew;
          }
        }
        if (!row_in) {
          continue;
        }
        for (std::size_t i = 0; i < spec.columns.size(); ++i) {
          const auto* uid = std::get_if<std::string>(&row.cells[i]);
          if (spec.columns[i].kind == ColumnKind::ref && uid != nullptr) {
            grew = include(spec.columns[i].ref_table, *uid) || grew;
          }
        }
      }
      for (std::size_t l = 0; l < spec.lists.size(); ++l) {
        if (spec.lists[l].ref_table.empty()) {
          continue;
        }
        for (const auto& item : table.lists[l]) {
          if (in[spec.table].count(item.owner_uid) > 0) {
            grew = include(spec.lists[l].ref_table, item.value) || grew;
          }
        }
      }
    }
  }
  return in;
}

Node record_node(const TableSpec& spec, const store::ExportRow& row, const std::map<std::string_view, TableData>& data,
                 const std::map<std::string_view, std::map<std::string, std::vector<const store::ExportRow*>>>& by_parent)
{
  Node record = Node::table();
  record.add("uid", Node::of_text(row.uid));
  for (std::size_t i = 0; i < spec.columns.size(); ++i) {
    if (spec.columns[i].kind != ColumnKind::ordinal) {
      record.add(std::string(spec.columns[i].key), cell_node(row.cells[i]));
    }
  }
  const auto& table = data.at(spec.table);
  for (std::size_t l = 0; l < spec.lists.size(); ++l) {
    Node list = Node::array();
    for (const auto& item : table.lists[l]) {
      if (item.owner_uid == row.uid) {
        list.items.push_back(Node::of_text(item.value));
      }
    }
    if (!list.items.empty()) {
      record.add(std::string(spec.lists[l].key), std::move(list));
    }
  }
  for (const auto* child : children_of(spec)) {
    Node list = Node::array();
    const auto& groups = by_parent.at(child->table);
    if (auto it = groups.find(row.uid); it != groups.end()) {
      for (const auto* child_row : it->second) {
        list.items.push_back(record_node(*child, *child_row, data, by_parent));
      }
    }
    if (!list.items.empty()) {
      record.add(std::string(child->key), std::move(list));
    }
  }
  return record;
}

} // namespace

Node export_document(store::Database& db, const std::string& agreement_ref)
{
  store::InterchangeStore st(db);
  std::map<std::string_view, TableData> data;
  for (const auto& spec : store::interchange_tables()) {
    auto& table = data[spec.table];
    table.rows = st.read_rows(spec);
    for (const auto& list : spec.lists) {
      table.lists.push_back(st.read_list(spec, list));
    }
  }
  std::optional<Included> in;
  if (!agreement_ref.empty()) {
    auto agreement = store::AgreementStore(db).resolve(agreement_ref);
    in = closure(data, agreement.uid);
  }
  std::map<std::string_view, std::map<std::string, std::vector<const store::ExportRow*>>> by_parent;
  for (const auto& spec : store::interchange_tables()) {
    auto& groups = by_parent[spec.table];
    for (const auto& row : data.at(spec.table).rows) {
      if (!spec.parent_table.empty()) {
        groups[row.parent_uid].push_back(&row);
      }
    }
  }
  Node root = Node::table();
  root.add(k_version_key, Node::of_integer(k_document_version));
  for (const auto& spec : store::interchange_tables()) {
    if (!spec.parent_table.empty()) {
      continue;
    }
    Node list = Node::array();
    for (const auto& row : data.at(spec.table).rows) {
      if (!in || (*in)[spec.table].count(row.uid) > 0) {
        list.items.push_back(record_node(spec, row, data, by_parent));
      }
    }
    root.add(std::string(spec.key), std::move(list));
  }
  return root;
}

} // namespace phoihop::exchange
