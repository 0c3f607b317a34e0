#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/import.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/interchange_store.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/org_store.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace phoihop::cli {

namespace {

using io::Node;
using store::Cell;
using store::ColumnKind;
using store::TableSpec;

// The document version this build writes and reads; a new layout gets a new number.
constexpr std::int64_t k_document_version = 1;
constexpr const char* k_version_key = "phoihop_export";

std::vector<const TableSpec*> children_of(const TableSpec& parent)
{
  std::vector<const TableSpec*> out;
  for (const auto& spec : store::interchange_tables()) {
    if (spec.parent_table == parent.table) {
      out.push_back(&spec);
    }
  }
  return out;
}

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

// Export ---------------------------------------------------------------------

struct ExportOptions {
  std::string format;
  std::string agreement;
  std::string output;
};

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

Node export_root(store::Database& db, const std::string& agreement_ref)
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

void run_export(Context& ctx, const ExportOptions& o)
{
  std::string format = o.format.empty() ? "toml" : o.format;
  if (format != "toml" && format != "json") {
    throw core::not_one_of("format", format, "export --format", {"toml", "json"});
  }
  std::string text = io::write_document(export_root(ctx.db(), o.agreement), format);
  if (o.output.empty()) {
    ctx.out() << text;
  } else {
    io::write_atomically(o.output, text);
  }
}

// Import ---------------------------------------------------------------------

bool looks_like_uid(const std::string& text)
{
  if (text.size() != 36) {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
      return false;
    }
  }
  return true;
}

class Importer {
public:
  // `checked`: the record rules are checked after each top-level record, so
  // that a broken one is named with its line (see store::Checkpoint).
  Importer(Context& ctx, std::string name, MergePolicy policy = MergePolicy::import, bool checked = false)
    : m_ctx(ctx), m_name(std::move(name)), m_store(ctx.db()), m_policy(policy), m_checked(checked)
  {
    if (m_checked) {
      m_mark = store::change_mark(ctx.db());
    }
  }

  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
  int settled = 0;                    // merge: differing records settled by --prefer
  std::vector<std::string> conflicts; // merge: one line per differing field

  void run(const Node& root)
  {
    check_version(root);
    std::set<std::string> known{k_version_key};
    for (const auto& spec : store::interchange_tables()) {
      if (spec.parent_table.empty()) {
        known.insert(std::string(spec.key));
      }
    }
    for (const auto& [key, value] : root.fields) {
      if (known.count(key) == 0) {
        throw error(value, fmt::format("unknown key {} at the top of the document (known: {})", quote_arg(key),
                                       fmt::join(known, ", ")));
      }
    }
    for (const auto& spec : store::interchange_tables()) {
      const Node* list = spec.parent_table.empty() ? root.find(spec.key) : nullptr;
      m_total += list ? records_of(spec, *list).size() : 0;
    }
    // Long work shows where it is, on a terminal only (cron logs stay clean).
    m_progress = m_total >= 2000 && ::isatty(STDERR_FILENO) == 1 && !m_ctx.flags.quiet;
    for (const auto& spec : store::interchange_tables()) {
      if (!spec.parent_table.empty()) {
        continue;
      }
      const Node* list = root.find(spec.key);
      if (list == nullptr) {
        continue;
      }
      import_top(spec, records_of(spec, *list));
    }
    if (m_progress) {
      m_ctx.err << "\r\x1b[K" << std::flush;
    }
  }

private:
  Context& m_ctx;
  std::string m_name;
  std::size_t m_total = 0;
  std::size_t m_done = 0;
  bool m_progress = false;
  store::InterchangeStore m_store;
  MergePolicy m_policy;
  bool m_checked = false;
  long long m_mark = 0;
  // merge: their uid → ours, for organisations matched by folded name.
  std::map<std::string, std::string> m_alias;
  // The records being imported, the innermost last: where() names them.
  std::vector<const Node*> m_records;

  std::string shown(const store::ColumnSpec& c, const Cell& cell)
  {
    if (std::holds_alternative<std::monostate>(cell)) {
      return "(none)";
    }
    if (c.kind == ColumnKind::ref) {
      auto uid = m_store.uid_where(c.ref_table, {"id"}, {cell});
      return uid ? *uid : "?";
    }
    if (const auto* d = std::get_if<double>(&cell)) {
      return fmt::format("{}", *d);
    }
    if (const auto* i = std::get_if<std::int64_t>(&cell)) {
      return std::to_string(*i);
    }
    return quote_arg(std::get<std::string>(cell));
  }

  std::string shown_list(const store::ListSpec& list, const std::vector<Cell>& values)
  {
    std::vector<std::string> out;
    for (const auto& v : values) {
      if (list.ref_table.empty()) {
        out.push_back(quote_arg(std::get<std::string>(v)));
      } else {
        auto uid = m_store.uid_where(list.ref_table, {"id"}, {v});
        out.push_back(uid ? *uid : "?");
      }
    }
    return "[" + fmt::format("{}", fmt::join(out, ", ")) + "]";
  }

  // Raised when a record names a record of its own table that comes later in
  // the file; the record is retried after the others.
  struct Deferred {};

  // A record being imported, for as long as it is.
  struct Entered {
    std::vector<const Node*>& records;
    Entered(std::vector<const Node*>& r, const Node& record) : records(r) { records.push_back(&record); }
    ~Entered() { records.pop_back(); }
    Entered(const Entered&) = delete;
    Entered& operator=(const Entered&) = delete;
  };

  UsageError error(const Node& at, const std::string& what) const
  {
    return UsageError(fmt::format("{}: {}", where(at), what));
  }

  // file:line, or for a merged database (whose records have no lines) the
  // file and the uid of the record, or of the record the value belongs to.
  std::string where(const Node& at) const
  {
    if (at.line > 0) {
      return fmt::format("{}:{}", m_name, at.line);
    }
    const Node* uid = at.find("uid");
    for (auto it = m_records.rbegin(); (uid == nullptr || uid->type != Node::Type::string) && it != m_records.rend();
         ++it) {
      uid = (*it)->find("uid");
    }
    return uid != nullptr && uid->type == Node::Type::string ? fmt::format("{}: record {}", m_name, uid->text)
                                                              : m_name;
  }

  // The record rules over what this record changed, with its place.
  void check_record(const Node& record)
  {
    if (auto v = store::first_violation(m_ctx.db(), m_mark)) {
      throw Error(v->rule->status, fmt::format("{}: {}", where(record), v->message));
    }
    m_mark = store::change_mark(m_ctx.db());
  }

  void check_version(const Node& root) const
  {
    const Node* version = root.find(k_version_key);
    if (version == nullptr) {
      throw error(root, fmt::format("not a phoihop export: the key {} = {} is missing", k_version_key,
                                    k_document_version));
    }
    if (version->type != Node::Type::integer || version->integer != k_document_version) {
      std::string shown = version->type == Node::Type::integer ? std::to_string(version->integer)
                          : version->type == Node::Type::string ? quote_arg(version->text)
                                                                : std::string(io::type_name(version->type));
      throw error(*version, fmt::format("unknown document version {} (this phoihop reads version {})", shown,
                                        k_document_version));
    }
  }

  std::vector<const Node*> records_of(const TableSpec& spec, const Node& list) const
  {
    if (list.type != Node::Type::array) {
      throw error(list, fmt::format("{} must be an array of tables ([[{}]])", spec.key, spec.key));
    }
    std::vector<const Node*> out;
    for (const auto& item : list.items) {
      if (item.type != Node::Type::table) {
        throw error(item, fmt::format("each of {} must be a table", spec.key));
      }
      out.push_back(&item);
    }
    return out;
  }

  // Records of tables that name their own table (an organisation's parent,
  // the agreement another renews) are written once what they name exists.
  void import_top(const TableSpec& spec, std::vector<const Node*> pending)
  {
    while (!pending.empty()) {
      std::vector<const Node*> later;
      for (const auto* record : pending) {
        try {
          import_record(spec, *record, std::nullopt, 0, &pending);
          if (m_checked) {
            check_record(*record);
          }
          if (m_progress && ++m_done % 500 == 0) {
            m_ctx.err << fmt::format("\rphoihop: {} record {} of {}", m_name, m_done, m_total)
                      << std::flush;
          }
        } catch (const Deferred&) {
          later.push_back(record);
        }
      }
      if (later.size() == pending.size()) {
        throw error(*later.front(), fmt::format("circular references among {}", spec.key));
      }
      pending = std::move(later);
    }
  }

  std::string text_of(const Node& node, std::string_view key, bool multiline = false) const
  {
    if (node.type != Node::Type::string) {
      throw error(node, fmt::format("bad value for {}: expected a string, not {}", key, io::type_name(node.type)));
    }
    try {
      // The command line's rules (phoihop(1), "These rules hold for every
      // command"): free text (the catalogue's multiline columns) keeps line
      // breaks and tabs and may be long; other text is one line.
      std::string what(key);
      return multiline ? long_text_arg(node.text, what.c_str()) : text_arg(node.text, what.c_str());
    } catch (const Error& e) {
      throw error(node, e.what());
    }
  }

  // The id a reference names: a uid in the database (this file's earlier
  // records are already there), an agreement code, or an organisation name,
  // which finds or creates it as `--party NAME` does.
  std::optional<core::Id> resolve_ref(std::string_view table, const Node& node, std::string_view key,
                                      const std::vector<const Node*>* same_table)
  {
    std::string text = text_of(node, key);
    if (text.empty()) {
      return std::nullopt;
    }
    if (auto it = m_alias.find(text); it != m_alias.end()) {
      text = it->second;
    }
    if (auto id = m_store.id_of(table, text)) {
      return id;
    }
    if (same_table != nullptr) {
      for (const auto* record : *same_table) {
        const Node* uid = record->find("uid");
        if (uid != nullptr && uid->type == Node::Type::string && uid->text == text) {
          throw Deferred{};
        }
      }
    }
    if (!looks_like_uid(text)) {
      try {
        if (table == "org") {
          return store::OrgStore(m_ctx.db()).resolve_or_create(text).id;
        }
        if (table == "agreement") {
          if (auto id = store::AgreementStore(m_ctx.db()).id_by_code(text)) {
            return id;
          }
        }
      } catch (const Error& e) {
        throw error(node, e.what());
      }
    }
    throw error(node, fmt::format("{}: no {} with uid{} {} in the file or the database", key, store::noun_of(table),
                                  table == "agreement" ? " or code" : "", quote_arg(text)));
  }

  Cell column_value(const TableSpec& spec, const store::ColumnSpec& c, const Node& node,
                    const std::vector<const Node*>* pending)
  {
    std::string key(c.key);
    switch (c.kind) {
    case ColumnKind::text: {
      std::string text = text_of(node, key, c.multiline);
      if (text.empty()) {
        return {};
      }
      if (c.values != nullptr && !c.values->contains(text)) {
        throw error(node, fmt::format("bad value {} for {}: expected one of {}", quote_arg(text), key,
                                      c.values->joined(", ")));
      }
      return text;
    }
    case ColumnKind::date: {
      std::string text = text_of(node, key);
      try {
        return core::parse_date(text, m_ctx.today(), key).iso();
      } catch (const Error& e) {
        throw error(node, e.what());
      }
    }
    case ColumnKind::integer: {
      if (node.type != Node::Type::integer) {
        throw error(node, fmt::format("bad value for {}: expected an integer, not {}", key, io::type_name(node.type)));
      }
      bool percent = c.column == "progress";
      if (percent ? (node.integer < 0 || node.integer > 100) : node.integer < 1) {
        throw error(node, fmt::format("bad value {} for {}: expected {}", node.integer, key,
                                      percent ? "a percentage from 0 to 100" : "a number from 1"));
      }
      return node.integer;
    }
    case ColumnKind::real:
      if (node.type == Node::Type::integer) {
        return static_cast<double>(node.integer);
      }
      if (node.type != Node::Type::real) {
        throw error(node, fmt::format("bad value for {}: expected a number, not {}", key, io::type_name(node.type)));
      }
      // TOML has inf and nan; SQLite would keep inf, which JSON cannot write,
      // and turn nan into NULL. The command line refuses both too (number_arg).
      if (!std::isfinite(node.real)) {
        throw error(node, fmt::format("bad value {} for {}: expected a finite number", node.real, key));
      }
      return node.real;
    case ColumnKind::ref: {
      auto id = resolve_ref(c.ref_table, node, key, c.ref_table == spec.table ? pending : nullptr);
      return id ? Cell(static_cast<std::int64_t>(*id)) : Cell();
    }
    case ColumnKind::ordinal: break;
    }
    return {};
  }

  static std::size_t index_of(const TableSpec& spec, std::string_view column)
  {
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      if (spec.columns[i].column == column) {
        return i;
      }
    }
    throw std::logic_error(fmt::format("no column {} in {}", column, spec.table));
  }

  // The uid of the stored record a record without one stands for, found by
  // its natural key, so a hand-written file can be imported again.
  std::optional<std::string> natural_match(const TableSpec& spec, const std::vector<Cell>& cells,
                                           const std::vector<bool>& given, std::optional<core::Id> parent_id,
                                           const Node& record)
  {
    auto at = [&](std::string_view column) { return cells[index_of(spec, column)]; };
    auto parent = parent_id ? Cell(static_cast<std::int64_t>(*parent_id)) : Cell();
    if (spec.table == "org") {
      auto found = store::OrgStore(m_ctx.db()).match(std::get<std::string>(at("name")));
      if (found.size() > 1) {
        std::vector<std::string> names;
        for (const auto& org : found) {
          names.push_back(store::describe(org));
        }
        throw error(record, fmt::format("organisation name {} is ambiguous: {}; give its uid",
                                        quote_arg(std::get<std::string>(at("name"))), fmt::join(names, ", ")));
      }
      if (found.size() == 1) {
        return found.front().uid;
      }
    } else if (spec.table == "agreement" && given[index_of(spec, "code")]) {
      return m_store.uid_where("agreement", {"code"}, {at("code")});
    } else if (spec.table == "agreement_party") {
      return m_store.uid_where(spec.table, {"agreement_id", "org_id"}, {parent, at("org_id")});
    } else if (spec.table == "task" && given[index_of(spec, "code")]) {
      return m_store.uid_where(spec.table, {"agreement_id", "code"}, {at("agreement_id"), at("code")});
    } else if (spec.table == "task_update" && given[index_of(spec, "seq")]) {
      return m_store.uid_where(spec.table, {"task_id", "date", "seq"}, {parent, at("date"), at("seq")});
    }
    return std::nullopt;
  }

  void import_record(const TableSpec& spec, const Node& record, std::optional<core::Id> parent_id, int position,
                     const std::vector<const Node*>* pending)
  {
    Entered entered(m_records, record);
    auto children = children_of(spec);
    // Unknown keys first: a misspelt key must not pass as an absent one.
    for (const auto& [key, value] : record.fields) {
      bool known = key == "uid";
      std::vector<std::string> names{"uid"};
      for (const auto& c : spec.columns) {
        if (c.kind != ColumnKind::ordinal) {
          known = known || c.key == key;
          names.emplace_back(c.key);
        }
      }
      for (const auto& l : spec.lists) {
        known = known || l.key == key;
        names.emplace_back(l.key);
      }
      for (const auto* child : children) {
        known = known || child->key == key;
        names.emplace_back(child->key);
      }
      if (!known) {
        throw error(value, fmt::format("unknown key {} in {} (known: {})", quote_arg(key), spec.key,
                                       fmt::join(names, ", ")));
      }
    }
    std::vector<Cell> cells;
    std::vector<bool> given;
    for (const auto& c : spec.columns) {
      const Node* node = c.kind == ColumnKind::ordinal ? nullptr : record.find(c.key);
      if (c.kind == ColumnKind::ordinal) {
        cells.emplace_back(static_cast<std::int64_t>(position));
        given.push_back(true);
        continue;
      }
      Cell value = node != nullptr && node->type != Node::Type::null ? column_value(spec, c, *node, pending) : Cell();
      given.push_back(node != nullptr);
      if (std::holds_alternative<std::monostate>(value) && !c.default_value.empty()) {
        value = std::string(c.default_value);
      }
      if (std::holds_alternative<std::monostate>(value) && c.required) {
        throw error(node != nullptr ? *node : record,
                    fmt::format("{} {} needs {}", store::noun_of(spec.table), spec.key, quote_arg(std::string(c.key))));
      }
      cells.push_back(std::move(value));
    }

    std::string uid;
    bool merge = false; // a record found by its natural key keeps what the file does not say
    if (const Node* u = record.find("uid")) {
      uid = text_of(*u, "uid");
    }
    if (uid.empty()) {
      if (auto found = natural_match(spec, cells, given, parent_id, record)) {
        uid = *found;
        merge = true;
      } else {
        uid = core::new_uid();
      }
    }
    std::optional<core::Id> id = m_store.id_of(spec.table, uid);
    if (!id && m_policy != MergePolicy::import && spec.table == "org") {
      // Two offices typed the same organisation each its own way: one record.
      if (auto found = natural_match(spec, cells, given, parent_id, record)) {
        m_alias[uid] = *found;
        uid = *found;
        merge = true;
        id = m_store.id_of(spec.table, uid);
      }
    }
    std::vector<Cell> stored = id ? m_store.current(spec, *id) : std::vector<Cell>{};
    if (id && merge && m_policy != MergePolicy::import) {
      // Matched by name: what they leave empty or spell otherwise is not a difference.
      for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        const auto* ours = std::get_if<std::string>(&stored[i]);
        const auto* theirs = std::get_if<std::string>(&cells[i]);
        if (std::holds_alternative<std::monostate>(cells[i]) ||
            (!spec.columns[i].fold_column.empty() && ours != nullptr && theirs != nullptr &&
             core::fold(*ours) == core::fold(*theirs))) {
          cells[i] = stored[i];
        }
      }
    }
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      const auto& c = spec.columns[i];
      bool numbered = c.kind == ColumnKind::integer && (c.column == "ordinal" || c.column == "seq");
      if (c.kind == ColumnKind::ordinal) {
        // Children keep their place; new ones go after their siblings, which
        // in an empty database is their position in the file.
        cells[i] = id ? stored[i]
                      : m_store.next_number(spec.table, "ordinal", {spec.parent_column},
                                            {Cell(static_cast<std::int64_t>(parent_id.value_or(0)))});
      } else if (id && !given[i] && (merge || numbered)) {
        cells[i] = stored[i];
      } else if (!id && numbered && std::holds_alternative<std::monostate>(cells[i])) {
        // Numbered within the agreement (tasks) or within the task's day (updates).
        cells[i] = spec.table == "task"
                     ? m_store.next_number("task", "ordinal", {"agreement_id"}, {cells[index_of(spec, "agreement_id")]})
                     : m_store.next_number("task_update", "seq", {"task_id", "date"},
                                           {Cell(static_cast<std::int64_t>(parent_id.value_or(0))),
                                            cells[index_of(spec, "date")]});
      }
    }
    if (id && m_policy != MergePolicy::import) {
      merge_record(spec, record, *id, uid, parent_id, stored, cells, merge);
      return;
    }
    bool same = false;
    try {
      if (!id) {
        id = m_store.insert(spec, uid, parent_id, cells);
        ++inserted;
      } else if (stored != cells || (parent_id && m_store.current_parent(spec, *id) != *parent_id)) {
        m_store.update(spec, *id, parent_id, cells);
        ++updated;
      } else {
        same = true;
      }
    } catch (const Error& e) {
      // A refusal of the store (a taken code or number): where it came from.
      throw Error(e.status(), fmt::format("{}: {}", where(record), e.what()));
    }
    for (const auto& list : spec.lists) {
      if (const Node* node = record.find(list.key)) {
        // A changed list changes its record; a new record's lists are part of its insert.
        if (import_list(spec, list, *node, *id, merge) && same) {
          same = false;
          ++updated;
        }
      }
    }
    unchanged += same ? 1 : 0;
    import_children(spec, record, *id);
  }

  // The owner's list as the record would leave it, or nullopt when that is what is stored.
  std::optional<std::vector<Cell>> list_change(const TableSpec& spec, const store::ListSpec& list, const Node& node,
                                               core::Id owner_id, bool merge)
  {
    if (node.type != Node::Type::array) {
      throw error(node, fmt::format("{} must be an array of strings", list.key));
    }
    std::vector<Cell> values = merge ? m_store.list_values(spec, list, owner_id) : std::vector<Cell>{};
    for (const auto& item : node.items) {
      Cell value;
      if (list.ref_table.empty()) {
        std::string text = text_of(item, list.key);
        if (text.empty()) {
          throw error(item, fmt::format("an empty string in {}", list.key));
        }
        value = text;
      } else {
        value = static_cast<std::int64_t>(*resolve_ref(list.ref_table, item, list.key, nullptr));
      }
      auto same = [&](const Cell& other) {
        return list.fold_column.empty() ? other == value
                                        : core::fold(std::get<std::string>(other)) ==
                                            core::fold(std::get<std::string>(value));
      };
      if (std::find_if(values.begin(), values.end(), same) == values.end()) {
        values.push_back(std::move(value));
      }
    }
    std::vector<Cell> stored = m_store.list_values(spec, list, owner_id);
    std::vector<Cell> wanted = values;
    if (list.ordinal_column.empty()) {
      // Without an ordinal the order is not data: compare as sets.
      std::sort(stored.begin(), stored.end());
      std::sort(wanted.begin(), wanted.end());
    }
    if (stored == wanted) {
      return std::nullopt;
    }
    return values;
  }

  bool import_list(const TableSpec& spec, const store::ListSpec& list, const Node& node, core::Id owner_id, bool merge)
  {
    auto values = list_change(spec, list, node, owner_id, merge);
    if (!values) {
      return false;
    }
    m_store.replace_list(spec, list, owner_id, *values);
    return true;
  }

  void import_children(const TableSpec& spec, const Node& record, core::Id id)
  {
    for (const auto* child : children_of(spec)) {
      if (const Node* node = record.find(child->key)) {
        int n = 0;
        for (const auto* item : records_of(*child, *node)) {
          import_record(*child, *item, id, ++n, nullptr);
        }
      }
    }
  }

  // merge: a record both databases have. Identical: skipped; differing: a
  // conflict, listed, or settled as --prefer says. Children are merged alike.
  void merge_record(const TableSpec& spec, const Node& record, core::Id id, const std::string& uid,
                    std::optional<core::Id> parent_id, const std::vector<Cell>& stored, const std::vector<Cell>& cells,
                    bool merge)
  {
    std::vector<std::string> diffs;
    for (std::size_t i = 0; i < spec.columns.size(); ++i) {
      if (stored[i] != cells[i]) {
        diffs.push_back(fmt::format("{}: ours {} vs theirs {}", spec.columns[i].key, shown(spec.columns[i], stored[i]),
                                    shown(spec.columns[i], cells[i])));
      }
    }
    if (parent_id && m_store.current_parent(spec, id) != *parent_id) {
      diffs.push_back(fmt::format("{}: moved to another parent", spec.parent_column));
    }
    std::vector<std::pair<const store::ListSpec*, std::vector<Cell>>> lists;
    for (const auto& list : spec.lists) {
      if (const Node* node = record.find(list.key)) {
        if (auto values = list_change(spec, list, *node, id, merge)) {
          diffs.push_back(fmt::format("{}: ours {} vs theirs {}", list.key,
                                      shown_list(list, m_store.list_values(spec, list, id)),
                                      shown_list(list, *values)));
          lists.emplace_back(&list, std::move(*values));
        }
      }
    }
    if (diffs.empty()) {
      ++unchanged;
    } else if (m_policy == MergePolicy::report) {
      std::string name;
      for (std::size_t i = 0; i < spec.columns.size(); ++i) {
        if (spec.columns[i].key == "code" || (name.empty() && spec.columns[i].key == "name")) {
          if (const auto* t = std::get_if<std::string>(&stored[i])) {
            name = fmt::format(" ({})", *t);
          }
        }
      }
      for (const auto& d : diffs) {
        conflicts.push_back(fmt::format("{} {}{}: {}", store::noun_of(spec.table), uid, name, d));
      }
    } else {
      ++settled;
      if (m_policy == MergePolicy::theirs) {
        m_store.update(spec, id, parent_id, cells);
        for (const auto& [list, values] : lists) {
          m_store.replace_list(spec, *list, id, values);
        }
      }
    }
    import_children(spec, record, id);
  }
};

std::string read_file(const std::string& file)
{
  std::stringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UsageError(fmt::format("cannot read {}", quote_arg(file)));
  }
  text << in.rdbuf();
  return text.str();
}

} // namespace

void run_document_import(Context& ctx, const ImportOptions& options)
{
  std::string format = options.format;
  if (format.empty()) {
    format = core::fold(options.file.substr(options.file.rfind('.') + 1));
  }
  std::string name = options.file == "-" ? "<stdin>" : options.file;
  Node root = io::parse_document(read_file(options.file), format, name);
  store::Checkpoint checkpoint(ctx.db());
  Importer importer(ctx, name);
  importer.run(root);
  if (auto broken = checkpoint.violation()) {
    checkpoint.rollback();
    Importer(ctx, name, MergePolicy::import, true).run(root);
    throw broken->error();
  }
  ctx.talk(fmt::format("import: {} inserted, {} updated, {} unchanged", importer.inserted, importer.updated,
                       importer.unchanged));
}

MergeResult merge_database(Context& ctx, store::Database& other, MergePolicy policy)
{
  Node root = export_root(other, "");
  store::Checkpoint checkpoint(ctx.db());
  Importer importer(ctx, other.path(), policy);
  importer.run(root);
  if (auto broken = checkpoint.violation()) {
    checkpoint.rollback();
    Importer(ctx, other.path(), policy, true).run(root);
    throw broken->error();
  }
  return MergeResult{importer.inserted, importer.unchanged, importer.settled, importer.conflicts};
}

void register_export(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = app.add_subcommand(
    "export", "Write the whole database, or one agreement with everything it names, as one TOML or JSON "
              "document that import reads back");
  cmd->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"export", Need::read, [&ctx, o] { run_export(ctx, *o); }};
  });
  cmd->add_option("--format", o->format, "toml|json (default: toml)")
    ->check(offers({"toml", "json"}));
  cmd->add_option("--agreement", o->agreement, "Only this agreement (id or code) and what hangs off it")
    ->check(offers(Offer::agreement))
    ->check(non_empty);
  cmd->add_option("--output", o->output, "Write to this file (atomically) instead of standard output")
    ->check(offers(Offer::file))
    ->check(non_empty);
}

} // namespace phoihop::cli
