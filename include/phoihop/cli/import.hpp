#pragma once

#include <phoihop/cli/context.hpp>
#include <phoihop/store/database.hpp>

#include <string>
#include <vector>

namespace phoihop::cli {

// The options of `phoihop import FILE` (SPEC §6), shared by its two readers.
struct ImportOptions {
  std::string file;
  std::string format; // toml|json|csv; empty: from the file's extension
  std::string kind;   // CSV: task|award|org
  std::string agreement;
  std::vector<std::string> map; // CSV: "Spreadsheet header=field"
  std::string delimiter;        // CSV: one character, default ","
  bool skip_unknown = false;
  bool dry_run = false;
};

// A spreadsheet list of tasks, award recipients or organisations, every row
// one `add` in the invocation's transaction (src/cli/import_csv.cpp).
void run_csv_import(Context& ctx, const ImportOptions& options);

// An `export` document (TOML or JSON) read back, keyed on uid
// (src/cli/interchange.cpp).
void run_document_import(Context& ctx, const ImportOptions& options);

// How `merge` treats a record both databases have whose fields differ:
// import overwrites (plain import), report lists it as a conflict, ours keeps
// ours, theirs takes theirs.
enum class MergePolicy { import, report, ours, theirs };

struct MergeResult {
  int added = 0;
  int identical = 0;
  int settled = 0;
  std::vector<std::string> conflicts; // with MergePolicy::report, one line per field
};

// Another phoihop database brought in, through its export document, into the
// invocation's transaction (src/cli/interchange.cpp).
MergeResult merge_database(Context& ctx, store::Database& other, MergePolicy policy);

} // namespace phoihop::cli
