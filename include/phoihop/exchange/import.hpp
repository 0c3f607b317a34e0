#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/sent_store.hpp>

#include <iosfwd>
#include <string>
#include <vector>

// An interchange document read back into the database (export.hpp writes
// it), and another database merged through its document.
namespace phoihop::exchange {

// How a record both the database and the document have is treated when its
// fields differ: import overwrites (plain import), report lists it as a
// conflict, ours keeps ours, theirs takes theirs (merge --prefer).
enum class MergePolicy { import, report, ours, theirs };

// What reading a document needs of the invocation.
struct ImportSettings {
  core::Date today;                 // the day relative dates are read against ("today")
  std::ostream* progress = nullptr; // where a long import says how far it is (a terminal), else nullptr
};

struct ImportCounts {
  int inserted = 0;
  int updated = 0;
  int unchanged = 0;
};

// The records of `root` written into `db`, in its open transaction: keyed on
// uid (importing twice changes nothing); a record without one is matched by
// its natural key (organisation name, agreement code, …) or inserted. Errors
// begin "NAME:LINE: " with `name` the file as the user gave it (a bad value
// is a UsageError; a store's refusal keeps its status). When the result
// breaks a record rule (store/invariants.hpp), the import is rolled back and
// done again checking after each record, so the error names the record that
// broke it.
ImportCounts import_document(store::Database& db, const io::Node& root, const std::string& name,
                             const ImportSettings& settings);

struct MergeResult {
  int added = 0;
  int identical = 0;
  int settled = 0;
  std::vector<std::string> conflicts; // with MergePolicy::report, one line per field
};

// Another phoihop database, as export_document() gives it (`theirs`), brought
// into `db` in its open transaction: records matched by uid (organisations
// also by folded name), new ones added, identical ones skipped, differing ones
// settled by `policy`. Errors name `name`, the other database's path. The
// merge verb reads `theirs` whole before it opens (and locks) its own database.
MergeResult merge_document(store::Database& db, const io::Node& theirs, const std::string& name,
                           MergePolicy policy, const ImportSettings& settings);

// Another database's register of sent reports (read whole, with the bytes,
// before `db` is opened), brought into `db` in its open transaction. Each is
// matched by uid, else by number, symbol and year of issue: the same bytes
// (sha256) are identical, a number new to `db` is added with its bytes, and
// a number `db` holds with other bytes is a conflict: listed under
// MergePolicy::report, kept as ours under ours and theirs alike (a report
// that was sent is never replaced; `settled` counts them). Errors name `name`.
MergeResult merge_sent(store::Database& db, const std::vector<store::SentCopy>& theirs, const std::string& name,
                       MergePolicy policy);

} // namespace phoihop::exchange
