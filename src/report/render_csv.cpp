#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <ostream>

namespace phoihop::report {

namespace {

// UTF-8 byte-order mark: Excel takes a BOM-less CSV for the ANSI code page
// and garbles Vietnamese.
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

// RFC 4180: comma-separated, CRLF after every record including the last.
void write_record(std::ostream& out, const std::vector<std::string>& cells)
{
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) {
      line += ',';
    }
    line += safe_csv_cell(cells[i]);
  }
  line += "\r\n";
  out << line;
}

std::string number(int value)
{
  return fmt::format("{}", value);
}

std::string optional_decimal(const std::optional<double>& value)
{
  return value ? detail::one_decimal(*value) : std::string();
}

void write_summary(std::ostream& out, const Summary& summary)
{
  const auto& columns = detail::summary_csv_columns();
  write_record(out, std::vector<std::string>(columns.begin(), columns.end()));
  for (const auto& section : summary.sections) {
    for (const auto& agreement : section.agreements) {
      const Counts& c = agreement.counts;
      write_record(out, {
        section.period.first.iso(),
        section.period.last.iso(),
        fmt::format("{}", agreement.id),
        agreement.code,
        agreement.title,
        number(c.tasks_total),
        number(c.tasks_planned),
        number(c.tasks_in_progress),
        number(c.tasks_done),
        number(c.tasks_cancelled),
        number(c.tasks_overdue),
        number(c.tasks_done_in_period),
        optional_decimal(c.completion_pct),
        optional_decimal(c.progress_avg),
        number(c.meetings),
        number(c.awards_collective),
        number(c.awards_individual),
      });
    }
  }
}

void write_register(std::ostream& out, const Summary& summary, View view)
{
  const auto& columns = detail::register_columns(view);
  std::vector<std::string> header;
  for (const auto& column : columns) {
    header.emplace_back(column.key);
  }
  write_record(out, header);
  for (const auto& section : summary.sections) {
    for (const auto& row : detail::register_rows(section, view)) {
      // register_rows() gives exactly the columns, in order; Value::text()
      // writes null as an empty cell and booleans as true/false.
      std::vector<std::string> cells;
      cells.reserve(row.size());
      for (const auto& field : row) {
        cells.push_back(field.value.text());
      }
      write_record(out, cells);
    }
  }
}

} // namespace

std::string safe_csv_cell(const std::string& text)
{
  // OWASP "CSV injection": a spreadsheet runs a cell starting with one of
  // these as a formula (=HYPERLINK(...) exfiltrates data). A leading
  // apostrophe makes it text and is hidden by Excel and LibreOffice.
  if (!text.empty()) {
    char first = text.front();
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      return csv_cell("'" + text);
    }
  }
  return csv_cell(text);
}

void render_csv(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  // Headers and values are the fixed machine names whatever options.lang
  // says: scripts read these files.
  if (options.bom) {
    out << k_bom;
  }
  if (view == View::summary) {
    write_summary(out, summary);
  } else {
    write_register(out, summary, view);
  }
}

} // namespace phoihop::report
