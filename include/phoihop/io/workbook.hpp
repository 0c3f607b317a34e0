#pragma once

#include <phoihop/core/date.hpp>

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::io {

// An Excel workbook (.xlsx) written through Debian's libxlsxwriter, loaded
// when the first workbook is made (dlopen of libxlsxwriter.so.4, which pulls
// in libcrypto): the many invocations that never write one do not pay for it
// at start-up; without it, making a workbook fails (exit 1) naming the
// package to install.
//
// The library writes in constant-memory mode: each sheet's rows must come in
// order (a row once left is on disk), so memory does not grow with the rows;
// its temporary files and the workbook itself are unnamed files in $TMPDIR
// (else /tmp), copied to the output stream by finish(). The document's
// creation time is `created` at midnight UTC and the zip entries carry a
// fixed time, so the same content gives the same bytes.
class Workbook {
public:
  // Excel's limits: rows of a sheet (the header included), characters of a
  // cell (UTF-16 units), characters of a sheet name.
  static constexpr std::uint32_t k_max_rows = 1048576;
  static constexpr std::size_t k_max_cell = 32767;
  static constexpr std::size_t k_max_sheet_name = 31;

  // How a cell is shown. Dates are day numbers shown dd/mm/yyyy; percent
  // and percent_whole are fractions (0.667) shown as 66.7% and 40%.
  enum class Style { plain, wrap, header, integer, decimal, date, percent, percent_whole, total, total_integer,
                     total_decimal, total_percent };

  explicit Workbook(const core::Date& created, std::string_view title = {});
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  // Loads libxlsxwriter now (a Failure without it), so a command fails before its work.
  static void load();

  // A sheet, named `name` made fit for a sheet name: []:*?/\ become spaces, cut
  // to 31 characters, a number appended when another sheet has the name. Returns
  // its index for the calls below.
  using Sheet = std::size_t;
  Sheet add_sheet(std::string_view name);
  // The name the sheet got (as a formula or a chart refers to it).
  const std::string& sheet_name(Sheet sheet) const;

  // Cells, row and column from 0. Text is always a string cell, never a
  // formula, whatever it starts with; past Excel's 32,767 characters it is cut
  // and ends with an ellipsis (…). Empty text leaves the cell blank.
  void text(Sheet sheet, std::uint32_t row, std::uint16_t col, std::string_view text, Style style = Style::plain);
  void number(Sheet sheet, std::uint32_t row, std::uint16_t col, double value, Style style = Style::plain);
  void date(Sheet sheet, std::uint32_t row, std::uint16_t col, const core::Date& date, Style style = Style::date);
  void boolean(Sheet sheet, std::uint32_t row, std::uint16_t col, bool value, Style style = Style::plain);
  // A formula (without the leading =) written with the value it gives, which
  // readers show until they recalculate. Only for formulas phoihop composes.
  void formula(Sheet sheet, std::uint32_t row, std::uint16_t col, const std::string& formula, double cached,
               Style style);

  // The text cells' display widths are tallied per column as they are
  // written: fit_columns() sets each column's width to its widest (capped).
  void fit_columns(Sheet sheet, std::uint16_t columns);
  // The header row frozen, an autofilter over rows 0..last_row, and the
  // print set-up: A4 landscape, the header row on every page, one page wide.
  void table_setup(Sheet sheet, std::uint32_t last_row, std::uint16_t last_col);
  // The print set-up alone (a sheet of a chart): A4 landscape, one page wide.
  void page_setup(Sheet sheet);

  // A native chart placed on `sheet` at (row, col): categories and each
  // series' values are ranges of a column of `data` (rows first..last).
  enum class ChartKind { column, line };
  struct Series {
    std::string name;
    std::uint16_t col = 0;
  };
  struct Chart {
    ChartKind kind = ChartKind::column;
    std::string title;
    std::string axis_format; // the value axis' number format: "0%"
    Sheet data = 0;
    std::uint32_t first_row = 0;
    std::uint32_t last_row = 0;
    std::uint16_t category_col = 0;
    std::vector<Series> series;
  };
  void chart(Sheet sheet, std::uint32_t row, std::uint16_t col, const Chart& chart);

  // Writes the workbook and copies its bytes to `out`; nothing may be added after.
  void finish(std::ostream& out);

  struct Impl; // libxlsxwriter's handles (workbook.cpp)

private:
  std::unique_ptr<Impl> m_impl;
};

// A day as Excel numbers it (the 1900 date system: 1 is 1900-01-01, 1900 taken as a leap year).
double excel_day(const core::Date& date);

// `text` cut to at most `limit` UTF-16 units, ending in "…" when cut (never
// inside a character).
std::string cell_text(std::string_view text, std::size_t limit = Workbook::k_max_cell);

} // namespace phoihop::io
