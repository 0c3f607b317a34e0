#pragma once

#include <phoihop/core/error.hpp>
#include <phoihop/store/database.hpp>

#include <optional>
#include <string>
#include <vector>

// The rules a stored record must satisfy, in one table, whoever writes the
// record: a verb, a batch line, an import, a merge, an undo. Every write
// invocation checks them over the rows it changed before COMMIT
// (Database::commit), `batch`, `import` and `merge` after each line or record
// (Checkpoint), and `db check` over every row. A verb may check its words
// first for a friendlier hint; the store is the authority.
namespace phoihop::store {

// How a change to `table` can break a rule: the subject rows whose
// `subject` (SQL over the rule's subject row) equals `column` of the changed
// row, before or after the change. `column` "id" is the changed row itself.
// With `via` ("SELECT t.id FROM task t WHERE t.agreement_id"), `subject` is
// matched against what `via` selects for those values instead, so that an
// index finds the rows (a changed agreement → its tasks → their updates).
struct Touch {
  std::string table;
  std::string column;
  std::string subject;
  std::string via = {};
};

struct Invariant {
  std::string name;  // what `db check` lists under CHECK: "task_in_term"
  std::string table; // the subject table, whose rows are listed
  std::string column; // the column a catalogue rule is about ("" for the others)
  std::vector<Touch> touches;
  // SELECT <subject id>, <values…> … WHERE <the rule is broken> AND {scope};
  // {scope} becomes the rows a change may have broken, or true for all rows.
  std::string sql;
  // One line naming the record and the values at fault: {0} is the id,
  // {1}… the selected values (NULL shows as "(none)").
  std::string message;
  ExitStatus status = ExitStatus::usage;
  // A catalogue rule's test of one row (alias x), true when it is broken:
  // the rules of one table are screened together in one pass over its
  // changed rows, and only a row that fails the screen is looked at rule by rule.
  std::string row_fault = {};
};

// Every rule: the ones written by hand, then those the column catalogue
// (interchange_tables()) implies for each column: valid ISO dates, text
// that is NFC, trimmed and free of control characters, search keys equal
// to the folded text, values of closed sets, percentages.
const std::vector<Invariant>& invariants();

struct Violation {
  const Invariant* rule = nullptr;
  long long row = 0;
  std::string message;
  Error error() const { return Error(rule->status, message); }
};

// Every violation in the database (`db check`).
std::vector<Violation> check_invariants(Database& db);

// A point in the invocation's changes (the newest history_change id).
long long change_mark(Database& db);
// The first violation among the rows changed after `mark`, if any; with
// `only`, of that rule alone (the second pass of a Checkpoint looks for the
// rule the first pass found broken, after each line: one rule, not all).
std::optional<Violation> first_violation(Database& db, long long mark, const Invariant* only = nullptr);

// A change mark and a way back to it: `batch`, `import` and `merge` run their
// lines or records, ask violation() once for all of them, and when a rule
// is broken, rollback() and run them again asking after each one, so the
// error names the line that broke it. One check for a whole import costs a
// fraction of one per record.
class Checkpoint {
public:
  explicit Checkpoint(Database& db);
  ~Checkpoint();
  Checkpoint(const Checkpoint&) = delete;
  Checkpoint& operator=(const Checkpoint&) = delete;

  std::optional<Violation> violation() const { return first_violation(m_db, m_mark); }
  // Undoes everything since the checkpoint; the checkpoint stays usable.
  void rollback();

private:
  Database& m_db;
  long long m_mark = 0;
  // At the start of the invocation a rollback begins the transaction again;
  // later, a SAVEPOINT keeps what came before (a CSV import on a batch line).
  bool m_savepoint = false;
};

} // namespace phoihop::store
