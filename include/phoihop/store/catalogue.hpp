#pragma once

#include <phoihop/core/enums.hpp>

#include <string>
#include <string_view>
#include <vector>

// The one catalogue of phoihop's records: the tables, their columns and what
// kind of value each holds (dates, stored text, folded keys, closed sets,
// references), the lists hanging off a record, and the kinds of record the
// commands name. Export, import, merge, the record rules (invariants.cpp),
// the history triggers and `log --entity` are derived from it.
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

// Every table in the order import must write them (a row's references come
// first): the column catalogue that export, import, merge, the record rules
// and the history triggers read.
const std::vector<TableSpec>& interchange_tables();
const TableSpec& interchange_table(std::string_view table);

// The tables outside the interchange document: the register of sent reports
// (store/sent_store.hpp). The history logs them and the record rules read
// their columns as they read the document's, but export leaves them out and
// merge carries them on their own (exchange/merge_sent.cpp): a sent report
// is the bytes that were sent, kept beside it in sent_report_content, which
// neither a document nor a history image holds.
const std::vector<TableSpec>& archive_tables();

// What a person calls a row of `table`: "organisation", "task update".
std::string noun_of(std::string_view table);

// The kinds of record the commands name (log --entity, undo): each is one or
// more tables of the catalogue.
struct RecordKind {
  std::string_view name; // org, agreement, task, meeting, award, sent
  std::vector<std::string_view> tables;
};
const std::vector<RecordKind>& record_kinds();

} // namespace phoihop::store
