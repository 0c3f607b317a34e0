#include <phoihop/core/enums.hpp>
#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <locale>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

// `report summary --layout columns` (phoihop-report(1), FORMATS): one table,
// a row per figure of k_figures and a column per sub-period, of each
// sub-period's totals. Only the totals are kept, a Counts per sub-period, so
// the table is written at the end.
namespace phoihop::report {

namespace {

// A sub-period as its column shows it.
struct Column {
  core::Period period;
  core::Date as_of;
  Counts totals;
};

// Everything the table needs: the whole period and its columns, in order.
struct Table {
  core::Period period;
  core::Date today;
  std::vector<Column> columns;
};

// A figure's value in a column: a count, or a percentage, absent when no
// task counts (Figure::is_percent).
struct Cell {
  std::optional<int> count;
  std::optional<double> percent;
};

Cell cell_of(const Figure& figure, const Counts& totals)
{
  return figure.count ? Cell{totals.*figure.count, std::nullopt} : Cell{std::nullopt, totals.*figure.percent};
}

void write_markdown(std::ostream& out, const Table& table, bool vi)
{
  const detail::Words& w = detail::words(vi);
  bool recognised = true;
  const std::string name = markdown_text(detail::period_name(vi, table.period, &recognised));
  // The title of the rows layout: "Coordination report — 2022", "Báo cáo … năm 2022".
  out << "# " << w.summary_title << (vi && recognised ? " " : " — ") << name << "\n\n";
  out << w.period << ": " << (vi ? "từ " : "") << detail::date_prose(vi, table.period.first)
      << (vi ? " đến " : " to ") << detail::date_prose(vi, table.period.last) << ".\n\n";

  auto write_row = [&out](const std::string& first, const std::vector<std::string>& cells) {
    out << "| " << first << " |";
    for (const auto& cell : cells) {
      out << ' ' << cell << " |";
    }
    out << '\n';
  };
  std::vector<std::string> headings;
  std::vector<std::string> rule;
  std::vector<std::string> as_of;
  for (const Column& column : table.columns) {
    const std::string heading = detail::period_name(vi, column.period);
    headings.push_back(markdown_cell(vi ? detail::capitalize(heading) : heading));
    rule.emplace_back("---:");
    as_of.push_back(detail::date_cell(vi, column.as_of));
  }
  write_row(std::string(w.figure), headings);
  write_row("---", rule);
  // Each column counts as of its own day: a sub-period not over yet, today.
  write_row(detail::capitalize(std::string(w.as_of)), as_of);
  for (const Figure* read : figures_read()) {
    const Figure& figure = *read;
    std::vector<std::string> cells;
    for (const Column& column : table.columns) {
      // "3", "66.7%" (vi "66,7%"), "—".
      const Cell cell = cell_of(figure, column.totals);
      const std::string percent = detail::decimal_text(vi, cell.percent);
      cells.push_back(cell.count ? fmt::format("{}", *cell.count) : cell.percent ? percent + "%" : percent);
    }
    write_row(markdown_cell(std::string(vi ? figure.vi : figure.en)), cells);
  }
}

// The header "figure" and the sub-periods' labels (machine names, whatever
// --lang says); then the rows period_start, period_end and as_of (ISO dates)
// and one row per figure, its key first and its values numbers; CRLF after
// each, as the other CSV, in its dialect.
void write_csv(std::ostream& out, const Table& table, const io::CsvStyle& csv)
{
  if (csv.with_bom()) {
    out << io::k_utf8_bom;
  }
  std::vector<std::vector<std::string>> rows{{"figure"}, {"period_start"}, {"period_end"}, {"as_of"}};
  for (const Column& column : table.columns) {
    rows[0].push_back(column.period.label);
    rows[1].push_back(column.period.first.iso());
    rows[2].push_back(column.period.last.iso());
    rows[3].push_back(column.as_of.iso());
  }
  const std::size_t labels = rows.size();
  for (const Figure& figure : k_figures) {
    std::vector<std::string> row{std::string(figure.key)};
    for (const Column& column : table.columns) {
      const Cell cell = cell_of(figure, column.totals);
      row.push_back(cell.count     ? fmt::format("{}", *cell.count)
                    : cell.percent ? detail::one_decimal(*cell.percent)
                                   : std::string());
    }
    rows.push_back(std::move(row));
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<bool> numbers(rows[r].size(), r >= labels);
    numbers[0] = false;
    write_delimited(out, "csv", rows[r], numbers, csv);
  }
}

// Rounded as the CSV rounds it, so the two formats print the same figure.
Value json_value(const Cell& cell)
{
  if (cell.count) {
    return Value(*cell.count);
  }
  if (cell.percent) {
    return Value(detail::one_decimal_number(*cell.percent));
  }
  return Value();
}

Object json_period(const core::Period& period)
{
  return Object{{"first", period.first.iso()}, {"last", period.last.iso()}, {"label", period.label}};
}

// {"format_version", "period", "today", "periods": [{first, last, label, as_of}], "figures":
// {key: [a value per period]}}: counts as integers, percentages as numbers
// with one decimal or null.
void write_json(std::ostream& out, const Table& table)
{
  Array periods;
  for (const Column& column : table.columns) {
    Object period = json_period(column.period);
    period.push_back({"as_of", column.as_of.iso()});
    periods.emplace_back(std::move(period));
  }
  Object figures;
  for (const Figure& figure : k_figures) {
    Array values;
    for (const Column& column : table.columns) {
      values.push_back(json_value(cell_of(figure, column.totals)));
    }
    figures.push_back({std::string(figure.key), std::move(values)});
  }
  const Object document{{"format_version", k_json_format_version},
                        {"period", json_period(table.period)},
                        {"today", table.today.iso()},
                        {"periods", std::move(periods)},
                        {"figures", std::move(figures)}};
  // Value::write_json streams integers with operator<<, which follows a
  // stream's locale: written through a classic-locale buffer.
  std::ostringstream text;
  text.imbue(std::locale::classic());
  Value(document).write_json(text, 0);
  out << text.str() << '\n';
}

class ColumnsSink : public SummarySink {
public:
  ColumnsSink(std::ostream& out, std::string format, const RenderOptions& options)
    : m_out(out), m_format(std::move(format)), m_options(options)
  {
  }

  void begin(const core::Period& period, const core::Date& today, std::size_t sections) override
  {
    m_table.period = period;
    m_table.today = today;
    m_table.columns.reserve(sections);
  }

  void begin_section(const PeriodSection& /*section*/) override {}
  void agreement(const PeriodSection& /*section*/, const AgreementSection& /*agreement*/) override {}
  void attention(const PeriodSection& /*section*/, const Attention& /*item*/) override {}

  void end_section(const PeriodSection& section) override
  {
    m_table.columns.push_back({section.period, section.as_of, section.totals});
  }

  void end() override
  {
    if (m_format == "md") {
      write_markdown(m_out, m_table, detail::is_vi(m_options));
    } else if (m_format == "csv") {
      write_csv(m_out, m_table, {m_options.csv_dialect, m_options.bom});
    } else {
      write_json(m_out, m_table);
    }
  }

private:
  std::ostream& m_out;
  std::string m_format;
  RenderOptions m_options;
  Table m_table;
};

} // namespace

std::unique_ptr<SummarySink> columns_sink(std::ostream& out, std::string_view format, const RenderOptions& options)
{
  // The text formats: a .docx has the figures' table in its appendix.
  static const core::EnumSet k_formats{"format", {"md", "csv", "json"}};
  return std::make_unique<ColumnsSink>(out, k_formats.check(format, "--format"), options);
}

void render_columns(std::ostream& out, const Summary& summary, std::string_view format, const RenderOptions& options)
{
  replay(summary, *columns_sink(out, format, options));
}

} // namespace phoihop::report
