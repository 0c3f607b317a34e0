// io::read_csv on any bytes, with each delimiter phoihop users pick: a table
// is returned only when it is rectangular, NFC and free of CR; written back
// (quoting every field, and with io::append_csv_text, the writer of every
// CSV phoihop writes, with ',' and ';') it reads back as the same table, a
// guarded cell with its apostrophe.
#include "fuzz.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/csv.hpp>
#include <phoihop/report/output.hpp>

#include <set>

using phoihop::io::CsvOptions;
using phoihop::io::CsvTable;
using phoihop::fuzz::require;

namespace {

std::string quoted(const std::string& cell)
{
  std::string out = "\"";
  for (char c : cell) {
    out += c == '"' ? "\"\"" : std::string(1, c);
  }
  return out + '"';
}

// The header quoted, then the rows joined by `delimiter`, each cell written
// by `cell_text`.
template <typename CellText>
std::string write(const CsvTable& table, char delimiter, CellText cell_text)
{
  std::string out;
  for (std::size_t i = 0; i < table.header.size(); ++i) {
    out += (i > 0 ? std::string(1, delimiter) : "") + quoted(table.header[i]);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += (i > 0 ? std::string(1, delimiter) : "") + cell_text(row[i]);
    }
    out += "\r\n";
  }
  return out;
}

void check_reads_back(const CsvTable& table, const std::string& text, const CsvOptions& options,
                      std::string_view what)
{
  CsvTable again;
  try {
    again = phoihop::io::read_csv(text, options);
  } catch (const phoihop::UsageError& e) {
    require(false, what, e.what());
  }
  require(again.header == table.header, what, "the header differs");
  require(again.rows == table.rows, what, "the rows differ");
}

void check_table(const CsvTable& table, const CsvOptions& options)
{
  require(!table.header.empty(), "a table has a header");
  require(table.rows.size() == table.row_lines.size(), "every row has its line");
  std::set<std::string> names;
  for (const auto& name : table.header) {
    const std::string trimmed = phoihop::core::clean(name);
    require(!trimmed.empty(), "header names are not empty", name);
    require(names.insert(trimmed).second, "header names are distinct", name);
  }
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    require(table.rows[i].size() == table.header.size(), "every row has as many cells as the header");
    require(table.row_lines[i] >= 2 && (i == 0 || table.row_lines[i] > table.row_lines[i - 1]),
            "rows start on increasing lines after the header");
    for (const auto& cell : table.rows[i]) {
      require(phoihop::core::is_valid_utf8(cell) && phoihop::core::nfc(cell) == cell, "cells are NFC", cell);
      require(cell.find('\r') == std::string::npos, "line breaks in cells are LF", cell);
    }
  }
  check_reads_back(table, write(table, options.delimiter, quoted), options, "quoted fields read back");
  if (options.delimiter == ',') {
    // One empty cell alone on the last line is an empty line, which a
    // reader drops; phoihop never writes a one-column CSV.
    const bool lone_empty_last =
      table.header.size() == 1 && !table.rows.empty() && table.rows.back().front().empty();
    if (!lone_empty_last) {
      // phoihop's own cell writer, for both separators: a cell it guards
      // reads back with its apostrophe, every other cell as it was.
      for (char separator : {',', ';'}) {
        CsvTable guarded = table;
        for (auto& row : guarded.rows) {
          for (auto& cell : row) {
            cell = phoihop::io::runs_as_formula(cell) ? "'" + cell : cell;
          }
        }
        CsvOptions read = options;
        read.delimiter = separator;
        auto cell_text = [separator](const std::string& cell) {
          std::string out;
          phoihop::io::append_csv_text(out, cell, separator);
          return out;
        };
        check_reads_back(guarded, write(table, separator, cell_text), read, "append_csv_text reads back");
      }
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text = phoihop::fuzz::as_text(data, size);
  for (char delimiter : {',', ';', '\t'}) {
    CsvOptions options;
    options.delimiter = delimiter;
    options.name = "fuzz.csv";
    CsvTable table;
    try {
      table = phoihop::io::read_csv(text, options);
    } catch (const phoihop::UsageError&) {
      continue;
    }
    check_table(table, options);
  }
  return 0;
}
