#pragma once

#include <phoihop/report/summary.hpp>

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace phoihop::report {

// Which view of the model to print: the period summary, one of the
// registers behind it (one row per record), or the attention list alone
// (report attention: a row per item in CSV and JSON, the list in Markdown).
enum class View { summary, tasks, meetings, awards, attention };

struct RenderOptions {
  std::string lang = "en"; // en: English headings, ISO dates; vi: Vietnamese, administrative dates
  bool bom = false;        // CSV only: a UTF-8 byte-order mark first, for Excel
};

void render_markdown(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);
void render_csv(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);
void render_json(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);

// The same renderers as sinks for build_summary(): each writes an agreement's
// part as it arrives and keeps only what a later part needs (the totals
// rows; the attention items, spilled to a temporary file past a few MiB; the
// meeting register's one sub-period), so the output is the same bytes with
// memory bounded by the largest agreement.
std::unique_ptr<SummarySink> markdown_sink(std::ostream& out, View view, const RenderOptions& options);
std::unique_ptr<SummarySink> csv_sink(std::ostream& out, View view, const RenderOptions& options);
std::unique_ptr<SummarySink> json_sink(std::ostream& out, View view, const RenderOptions& options);

// The columns layout of `report summary` (--layout columns): one table with
// a row per figure of k_figures and a column per sub-period, holding each
// sub-period's totals, in `format` md, csv or json (UsageError otherwise).
// It keeps one Counts per sub-period and writes the table at the end.
std::unique_ptr<SummarySink> columns_sink(std::ostream& out, std::string_view format, const RenderOptions& options);
void render_columns(std::ostream& out, const Summary& summary, std::string_view format, const RenderOptions& options);

// A CSV cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
// is neutralised with a leading apostrophe; then quoted as RFC 4180 needs.
std::string safe_csv_cell(const std::string& text);
// Markdown table cell text: |, \, newlines, leading #, and HTML escaped so no
// record can break the table or inject markup.
std::string markdown_cell(const std::string& text);
// Markdown paragraph/heading text, escaped the same way.
std::string markdown_text(const std::string& text);

} // namespace phoihop::report
