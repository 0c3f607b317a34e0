#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

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

// A figure as its column has it: a count, or a percentage with one decimal
// and an empty cell when absent.
std::string figure_cell(const Figure& figure, const Counts& counts)
{
  if (figure.count) {
    return fmt::format("{}", counts.*figure.count);
  }
  const std::optional<double>& value = counts.*figure.percent;
  return value ? detail::one_decimal(*value) : std::string();
}

// The cells of summary_csv_columns(), in order.
void write_summary_row(std::ostream& out, const PeriodSection& section, const AgreementSection& agreement)
{
  std::vector<std::string> cells{
    section.period.first.iso(),
    section.period.last.iso(),
    fmt::format("{}", agreement.id),
    agreement.code,
    agreement.title,
  };
  for (const auto& figure : k_figures) {
    cells.push_back(figure_cell(figure, agreement.counts));
  }
  write_record(out, cells);
}

// register_rows() gives exactly the columns, in order; Value::text() writes
// null as an empty cell and booleans as true/false.
void write_rows(std::ostream& out, const std::vector<Object>& rows)
{
  std::vector<std::string> cells;
  for (const auto& row : rows) {
    cells.clear();
    for (const auto& field : row) {
      cells.push_back(field.value.text());
    }
    write_record(out, cells);
  }
}

class CsvSink : public SummarySink {
public:
  CsvSink(std::ostream& out, View view, const RenderOptions& options)
    : m_out(out), m_view(view), m_bom(options.bom), m_rows(view)
  {
  }

  void begin(const core::Period& /*period*/, const core::Date& /*today*/, std::size_t /*sections*/) override
  {
    // Headers and values are the fixed machine names whatever options.lang
    // says: scripts read these files.
    if (m_bom) {
      m_out << k_bom;
    }
    if (m_view == View::summary) {
      const auto& columns = detail::summary_csv_columns();
      write_record(m_out, std::vector<std::string>(columns.begin(), columns.end()));
      return;
    }
    std::vector<std::string> header;
    for (const auto& column : detail::register_columns(m_view)) {
      header.emplace_back(column.key);
    }
    write_record(m_out, header);
  }

  void begin_section(const PeriodSection& section) override { m_rows.begin(section); }

  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    if (m_view == View::summary) {
      write_summary_row(m_out, section, agreement);
    } else {
      write_rows(m_out, m_rows.agreement(section, agreement));
    }
  }

  void attention(const PeriodSection& section, const Attention& item) override
  {
    if (m_view == View::attention) {
      write_rows(m_out, {m_rows.attention(section, item)});
    }
  }

  void end_section(const PeriodSection& /*section*/) override { write_rows(m_out, m_rows.end()); }

  void end() override {}

private:
  std::ostream& m_out;
  View m_view;
  bool m_bom;
  detail::RegisterRows m_rows;
};

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

std::unique_ptr<SummarySink> csv_sink(std::ostream& out, View view, const RenderOptions& options)
{
  return std::make_unique<CsvSink>(out, view, options);
}

void render_csv(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *csv_sink(out, view, options));
}

} // namespace phoihop::report
