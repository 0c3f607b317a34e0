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

// How phoihop writes CSV: RFC 4180 (`,`, decimal point, CRLF; the default,
// fixed for scripts), or for Excel and LibreOffice under a Vietnamese locale
// (`;`, decimal comma in the cells written as numbers, a byte-order mark, CRLF).
enum class CsvDialect { rfc4180, excel_vi };

// "rfc4180" or "excel-vi"; anything else is a UsageError naming `what` (the
// option or config key) with the closest word.
CsvDialect csv_dialect(std::string_view name, std::string_view what);
std::string_view csv_dialect_name(CsvDialect dialect);

// What a CSV file is written as: its dialect, and whether a byte-order mark
// comes first (--bom; excel-vi always has one).
struct CsvStyle {
  CsvDialect dialect = CsvDialect::rfc4180;
  bool bom = false;

  char separator() const { return dialect == CsvDialect::excel_vi ? ';' : ','; }
  bool with_bom() const { return bom || dialect == CsvDialect::excel_vi; }
};

// The UTF-8 byte-order mark (Excel takes a file without one for the ANSI code page).
inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// The one formula guard of every CSV and TSV phoihop writes: whether a
// spreadsheet would run `text`, a text cell, as a formula. True when, after
// any leading tabs and line breaks (some programs trim them), it starts with
// `=` and has more after it (LibreOffice Calc and Excel), or with `+`, `-`
// or `@` (Excel) and is not
// - that character alone ("-" is a dash, "=" a sign),
// - a decimal number ("-5", "+24.8", "-1e3", "-5%": read as a number, not run),
// - a list item: the character, a space and a letter ("- Tuyên truyền",
//   "+ Ưu điểm"), holding no `(` nor `|` (a function call or a DDE link).
// Such a cell is written with a leading apostrophe, which both programs show
// as text; phoihop(1), CSV AND SPREADSHEETS, says the rule for users.
bool runs_as_formula(std::string_view text);

// One text cell of a CSV record: guarded as runs_as_formula() says, then
// quoted ("" for a quote) only when it holds `separator`, a quote, CR or LF.
void append_csv_text(std::string& out, std::string_view text, char separator);
// A cell phoihop wrote as a number (digits, a point, a minus, an exponent):
// never guarded; in excel-vi its decimal point becomes a comma (66.7 → 66,7).
void append_csv_number(std::string& out, std::string_view number, CsvDialect dialect);
// One TSV cell: guarded as above, then tab, LF, CR and backslash escaped as
// \t \n \r \\ (the "linear TSV" convention); numbers are never guarded.
void append_tsv_cell(std::string& out, std::string_view text, bool number = false);

} // namespace phoihop::io
