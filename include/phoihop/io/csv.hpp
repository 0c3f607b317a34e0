#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phoihop::io {

// A CSV file read whole: the first record is the header, every other record
// a row with exactly as many cells as the header has names.
struct CsvTable {
  std::vector<std::string> header;            // as written (NFC), BOM stripped
  std::vector<std::vector<std::string>> rows; // each exactly header.size() cells
  std::vector<int> row_lines;                 // the physical line each row starts on (for messages)
};

struct CsvOptions {
  char delimiter = ',';        // ',' ';' or '\t' in practice; any ASCII byte but '"', CR and LF
  std::string name = "input"; // the file name that error messages show
};

// Parses `data` as RFC 4180 CSV:
// - fields are separated by `delimiter`, records by CRLF, LF or a lone CR
//   (CR LF is one break); the final line break is optional and empty lines
//   at the end are ignored;
// - a field may be quoted: "" inside it is one quote, and it may hold the
//   delimiter and line breaks; every line break inside quotes becomes LF, so
//   a cell reads the same whichever system wrote the file;
// - white space around unquoted fields is kept (the caller trims);
// - a UTF-8 byte order mark at the start (Excel writes one) is dropped;
// - every cell and header name is converted to NFC.
// Lines are counted as physical lines (a quoted line break starts a new one).
// Throws UsageError naming `name` and the line (and field where it helps) for:
// invalid UTF-8, a NUL byte, an empty file or one without a header row, an
// empty header name or one repeated (compared after trimming), a row with a
// different number of fields than the header, a quote inside an unquoted
// field, anything but the delimiter or a line break after a closing quote,
// and a quoted field never closed (naming the line where it opened). Nothing
// is returned unless the whole input is valid.
CsvTable read_csv(std::string_view data, const CsvOptions& options = {});

} // namespace phoihop::io
