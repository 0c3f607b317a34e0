#pragma once

#include <phoihop/cli/context.hpp>
#include <phoihop/exchange/import.hpp>
#include <phoihop/io/input.hpp>

#include <string>
#include <vector>

namespace phoihop::cli {

// The options of `phoihop import FILE` (phoihop-import(1)), shared by its two readers.
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

// The largest file import reads (import.max_size), for each of its readers.
io::SizeLimit import_size_limit(Context& ctx);

// What the document engine (exchange::import_document, merge_document) takes
// from the invocation: its today, and stderr for the progress line when that
// is a terminal and -q was not given.
exchange::ImportSettings import_settings(Context& ctx);

} // namespace phoihop::cli
