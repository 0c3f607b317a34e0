#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/io/csv.hpp>
#include <phoihop/report/summary.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::report {

// Which view of the model to print: the period summary, one of the
// registers behind it (one row per record), or the attention list alone
// (report attention: a row per item in CSV and JSON, the list in Markdown).
enum class View { summary, tasks, meetings, awards, attention };

// Who issues a filed document and under which number (a .docx in the
// layout of Decree 30/2020/NĐ-CP): the office profile of the config
// ([office], phoihop.toml(5)) with the report's own options over it. What
// is empty is printed as a visible blank to fill in, never invented.
struct Filing {
  std::string body;   // the issuing body, as printed: "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"
  std::string parent; // its parent body, printed above it; may be empty
  std::string place;  // of the date line
  std::string symbol; // after the number: "BC-UBND"
  std::string number; // "15"
  std::optional<core::Date> issued_on;
  std::string signer;
  std::string position;
  std::vector<std::string> capacity;   // "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
  std::vector<std::string> recipients; // Nơi nhận
  std::string subject;                 // the summary line; empty: said from the period
  // The narrative sections the officer writes, each a text of lines (one
  // paragraph per line), placed as Decree 30 reports place them.
  std::string assessment;      // đánh giá
  std::string shortcomings;    // hạn chế, nguyên nhân
  std::string direction;       // phương hướng, nhiệm vụ
  std::string recommendations; // kiến nghị, đề xuất
};

struct RenderOptions {
  std::string lang = "en"; // en: English headings, ISO dates; vi: Vietnamese, administrative dates
  bool bom = false;        // CSV only: a UTF-8 byte-order mark first, for Excel
  Filing filing;           // .docx only
  // Markdown on a terminal (never a file or a pipe): each task's progress and
  // the average progress drawn as block_bar()s this many columns wide; 0:
  // the text's own ▓░ bars, the same bytes wherever they go.
  int bar_width = 0;
  io::CsvDialect csv_dialect = io::CsvDialect::rfc4180; // CSV only: separator, decimal mark (io/csv.hpp)
};

void render_markdown(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);
void render_csv(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);
void render_json(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);

// The first key of the report JSON documents (the summary's object and the
// columns layout's), "format_version": raised when a key is removed, renamed
// or changes meaning; keys added after the existing ones do not raise it.
inline constexpr int k_json_format_version = 1;

// The same renderers as sinks for build_summary(): each writes an agreement's
// part as it arrives and keeps only what a later part needs (the totals
// rows; the attention items, spilled to a temporary file past a few MiB; the
// meeting register's one sub-period), so the output is the same bytes with
// memory bounded by the largest agreement.
std::unique_ptr<SummarySink> markdown_sink(std::ostream& out, View view, const RenderOptions& options);
std::unique_ptr<SummarySink> csv_sink(std::ostream& out, View view, const RenderOptions& options);
std::unique_ptr<SummarySink> json_sink(std::ostream& out, View view, const RenderOptions& options);

// A Word document (.docx, WordprocessingML in a zip) in the layout of
// Decree 30/2020/NĐ-CP: the header block, number, place and date, type and
// summary line, the figures as prose, the narrative sections, Nơi nhận and
// the signature block, and the wide tables as landscape appendices (Phụ
// lục). The registers and the attention list are the same document around
// their table or list. Written to `out` whole at end(); the text is held in
// temporary files meanwhile, so memory stays bounded.
std::unique_ptr<SummarySink> docx_sink(std::ostream& out, View view, const RenderOptions& options);
void render_docx(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);

// An Excel workbook (.xlsx) through libxlsxwriter, loaded when the first
// workbook is written (render_xlsx.cpp). The summary: a sheet of the summary
// CSV's columns with a totals row per sub-period (task counts as SUM
// formulas, the completion rate as a formula over them, each with its
// value) and a sheet with a chart of progress (per agreement, or per
// sub-period over time) — counts alone, like the summary CSV; a register
// view: its one sheet. Typed cells, headings and
// sheet names in options.lang. Written in constant memory (rows in order)
// and copied to `out` at end().
std::unique_ptr<SummarySink> xlsx_sink(std::ostream& out, View view, const RenderOptions& options);
void render_xlsx(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);

// One self-contained HTML page with inline SVG charts, for the screen and
// for printing on A4 (render_html.cpp).
std::unique_ptr<SummarySink> html_sink(std::ostream& out, View view, const RenderOptions& options);
void render_html(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);

// The columns layout of `report summary` (--layout columns): one table with
// a row per figure of k_figures and a column per sub-period, holding each
// sub-period's totals, in `format` md, csv or json (UsageError otherwise).
// It keeps one Counts per sub-period and writes the table at the end.
std::unique_ptr<SummarySink> columns_sink(std::ostream& out, std::string_view format, const RenderOptions& options);
void render_columns(std::ostream& out, const Summary& summary, std::string_view format, const RenderOptions& options);

// Markdown table cell text: |, \, newlines, leading #, and HTML escaped so no
// record can break the table or inject markup.
std::string markdown_cell(const std::string& text);
// Markdown paragraph/heading text, escaped the same way.
std::string markdown_text(const std::string& text);

} // namespace phoihop::report
