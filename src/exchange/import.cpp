#include <phoihop/exchange/import.hpp>

#include "layout.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/catalogue.hpp>
#include <phoihop/store/interchange_store.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/org_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <stdexcept>
#include <string>
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
  // `checked`: this record rule is checked after each top-level record, so
  // that the record breaking it is named with its line (see store::Checkpoint).
  Importer(store::Database& db, const ImportSettings& settings, std::string name,
           MergePolicy policy = MergePolicy::import, const store::Invariant* checked = nullptr)
    : m_db(db), m_settings(settings), m_name(std::move(name)), m_store(db), m_policy(policy), m_checked(checked)
  {
    if (m_checked != nullptr) {
      m_mark = store::change_mark(db);
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
    // Long work shows where it is, when the caller gives it a stream (a terminal).
    m_progress = m_total >= 2000 && m_settings.progress != nullptr;
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
      *m_settings.progress << "\r\x1b[K" << std::flush;
    }
  }

private:
  store::Database& m_db;
  const ImportSettings& m_settings;
  std::string m_name;
  std::size_t m_total = 0;
  std::size_t m_done = 0;
  bool m_progress = false;
  store::InterchangeStore m_store;
  MergePolicy m_policy;
  const store::Invariant* m_checked = nullptr;
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
    if (auto v = store::first_violation(m_db, m_mark, m_checked)) {
      throw Error(v->rule->status, fmt::format("{}: {}", where(record), v->message));
    }
    m_mark = store::change_mark(m_db);
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
          if (m_checked != nullptr) {
            check_record(*record);
          }
          if (m_progress && ++m_done % 500 == 0) {
            *m_settings.progress << fmt::format("\rphoihop: {} record {} of {}", m_name, m_done, m_total)
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
      return core::checked_text(node.text, key, multiline);
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
          return store::OrgStore(m_db).resolve_or_create(text).id;
        }
        if (table == "agreement") {
          if (auto id = store::AgreementStore(m_db).id_by_code(text)) {
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
        return core::parse_date(text, m_settings.today, key).iso();
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
      auto found = store::OrgStore(m_db).match(std::get<std::string>(at("name")));
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
    } else if (spec.table == "org_name") {
      // One former name per organisation and last day.
      return m_store.uid_where(spec.table, {"org_id", "until"}, {parent, at("until")});
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
    if (!id && m_policy != MergePolicy::import && (spec.table == "org" || spec.table == "org_name")) {
      // Two offices typed the same organisation each its own way: one record
      // (and one former name per day, their difference a conflict to settle).
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

} // namespace

ImportCounts import_document(store::Database& db, const Node& root, const std::string& name,
                             const ImportSettings& settings)
{
  store::Checkpoint checkpoint(db);
  Importer importer(db, settings, name);
  importer.run(root);
  if (auto broken = checkpoint.violation()) {
    checkpoint.rollback();
    Importer(db, settings, name, MergePolicy::import, broken->rule).run(root);
    throw broken->error();
  }
  return ImportCounts{importer.inserted, importer.updated, importer.unchanged};
}

MergeResult merge_document(store::Database& db, const Node& theirs, const std::string& name, MergePolicy policy,
                           const ImportSettings& settings)
{
  store::Checkpoint checkpoint(db);
  Importer importer(db, settings, name, policy);
  importer.run(theirs);
  if (auto broken = checkpoint.violation()) {
    checkpoint.rollback();
    Importer(db, settings, name, policy, broken->rule).run(theirs);
    throw broken->error();
  }
  return MergeResult{importer.inserted, importer.unchanged, importer.settled, importer.conflicts};
}

} // namespace phoihop::exchange
