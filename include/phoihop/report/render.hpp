#pragma once

#include <phoihop/report/summary.hpp>

#include <iosfwd>
#include <string>

namespace phoihop::report {

// Which view of the model to print: the period summary, or one of the
// registers behind it (one row per record).
enum class View { summary, tasks, meetings, awards };

struct RenderOptions {
  std::string lang = "en"; // en: English headings, ISO dates; vi: Vietnamese, administrative dates
  bool bom = false;        // CSV only: a UTF-8 byte-order mark first, for Excel
};

void render_markdown(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);
void render_csv(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);
void render_json(std::ostream& out, const Summary& summary, View view, const RenderOptions& options);

// A CSV cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first)
// is neutralised with a leading apostrophe; then quoted as RFC 4180 needs.
std::string safe_csv_cell(const std::string& text);
// Markdown table cell text: |, \, newlines, leading #, and HTML escaped so no
// record can break the table or inject markup.
std::string markdown_cell(const std::string& text);
// Markdown paragraph/heading text, escaped the same way.
std::string markdown_text(const std::string& text);

} // namespace phoihop::report
