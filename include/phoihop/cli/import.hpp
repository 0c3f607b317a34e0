#pragma once

#include <phoihop/cli/context.hpp>

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

} // namespace phoihop::cli
