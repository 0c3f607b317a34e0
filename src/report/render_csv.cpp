#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <ostream>

namespace phoihop::report {

namespace {

// CRLF after every record including the last, in the dialect of `csv`. The
// cells `numbers` marks are figures this file formatted (digits, a point, a
// leading minus): numbers, never guarded as formulas (a negative change
// stays a number), written with the dialect's decimal mark.
void write_record(std::ostream& out, const io::CsvStyle& csv, const std::vector<std::string>& cells,
                  const std::vector<bool>& numbers = {})
{
  write_delimited(out, "csv", cells, numbers, csv);
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

// The columns --compare appends after summary_csv_columns(): the other
// period's days, then each figure's change.
std::vector<std::string> compare_columns()
{
  std::vector<std::string> columns{"compare_period_start", "compare_period_end"};
  for (const auto& figure : k_figures) {
    columns.push_back(std::string(figure.key) + "_delta");
  }
  return columns;
}

// The cells of summary_csv_columns(), in order, then when the header has
// them (`compare_columns`) those of compare_columns(): the changes empty when
// the other period did not include the agreement, all empty for a section
// without one, so every row is as wide as the header.
void write_summary_row(std::ostream& out, const io::CsvStyle& csv, const PeriodSection& section, const AgreementSection& agreement,
                       bool with_compare, const std::optional<Comparison>& compare)
{
  std::vector<std::string> cells{
    section.period.first.iso(),
    section.period.last.iso(),
    fmt::format("{}", agreement.id),
    agreement.code,
    agreement.title,
  };
  // The figures and their changes are numbers; the rest is text.
  std::vector<bool> numbers(cells.size(), false);
  for (const auto& figure : k_figures) {
    cells.push_back(figure_cell(figure, agreement.counts));
  }
  if (with_compare && !compare) {
    cells.resize(cells.size() + compare_columns().size());
  } else if (with_compare) {
    cells.push_back(compare->period.first.iso());
    cells.push_back(compare->period.last.iso());
    const Counts* before = compare->of(agreement.id);
    for (const auto& figure : k_figures) {
      auto change = before ? delta(figure, agreement.counts, *before) : std::nullopt;
      cells.push_back(!change            ? std::string()
                      : figure.count     ? fmt::format("{}", static_cast<long long>(*change))
                                         : detail::one_decimal(*change));
    }
  }
  numbers.resize(cells.size(), true);
  if (with_compare && compare) {
    // The other period's first and last day: dates, not numbers.
    numbers[numbers.size() - k_figures.size() - 2] = false;
    numbers[numbers.size() - k_figures.size() - 1] = false;
  }
  write_record(out, csv, cells, numbers);
}

// register_rows() gives exactly the columns, in order; Value::text() writes
// null as an empty cell and booleans as true/false, and a decimal
// percentage keeps its one decimal (100.0, as the summary's percentages).
void write_rows(std::ostream& out, const io::CsvStyle& csv, const std::vector<detail::RegisterColumn>& columns,
                const std::vector<Object>& rows)
{
  std::vector<std::string> cells;
  std::vector<bool> numbers;
  for (const auto& row : rows) {
    cells.clear();
    numbers.assign(row.size(), false);
    for (std::size_t i = 0; i < row.size(); ++i) {
      numbers[i] = row[i].value.is_number(); // -5 is a number, not a formula
      std::string text = row[i].value.text();
      if (i < columns.size() && columns[i].kind == detail::CellKind::decimal_percent && !text.empty()) {
        double value = 0;
        std::from_chars(text.data(), text.data() + text.size(), value);
        text = detail::one_decimal(value);
      }
      cells.push_back(std::move(text));
    }
    write_record(out, csv, cells, numbers);
  }
}

class CsvSink : public SummarySink {
public:
  CsvSink(std::ostream& out, View view, const RenderOptions& options)
    : m_out(out), m_view(view), m_csv{options.csv_dialect, options.bom}, m_rows(view)
  {
  }

  void begin(const core::Period& /*period*/, const core::Date& /*today*/, std::size_t sections) override
  {
    // Headers and values are the fixed machine names whatever options.lang
    // says: scripts read these files.
    if (m_csv.with_bom()) {
      m_out << io::k_utf8_bom;
    }
    // The summary's header waits for the first section, which says whether
    // --compare appends its columns.
    if (m_view != View::summary || sections == 0) {
      header({});
    }
  }

  void begin_section(const PeriodSection& section) override
  {
    if (!m_header_written) {
      header(section.compare);
    }
    m_compare = section.compare;
    m_rows.begin(section);
  }

  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    if (m_view == View::summary) {
      write_summary_row(m_out, m_csv, section, agreement, m_compare_columns, m_compare);
    } else {
      write_rows(m_out, m_csv, detail::register_columns(m_view), m_rows.agreement(section, agreement));
    }
  }

  void attention(const PeriodSection& section, const Attention& item) override
  {
    if (m_view == View::attention) {
      write_rows(m_out, m_csv, detail::register_columns(m_view), {m_rows.attention(section, item)});
    }
  }

  void end_section(const PeriodSection& /*section*/) override
  {
    write_rows(m_out, m_csv, detail::register_columns(m_view), m_rows.end());
  }

  void end() override {}

private:
  void header(const std::optional<Comparison>& compare)
  {
    m_header_written = true;
    std::vector<std::string> header;
    if (m_view == View::summary) {
      const auto& columns = detail::summary_csv_columns();
      header.assign(columns.begin(), columns.end());
      m_compare_columns = compare.has_value();
      if (compare) {
        auto appended = compare_columns();
        header.insert(header.end(), appended.begin(), appended.end());
      }
    } else {
      for (const auto& column : detail::register_columns(m_view)) {
        header.emplace_back(column.key);
      }
    }
    write_record(m_out, m_csv, header);
  }

  std::ostream& m_out;
  View m_view;
  io::CsvStyle m_csv;
  detail::RegisterRows m_rows;
  bool m_header_written = false;
  std::optional<Comparison> m_compare; // of the current section
  bool m_compare_columns = false;      // the header has compare_columns()
};

} // namespace

std::unique_ptr<SummarySink> csv_sink(std::ostream& out, View view, const RenderOptions& options)
{
  return std::make_unique<CsvSink>(out, view, options);
}

void render_csv(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *csv_sink(out, view, options));
}

} // namespace phoihop::report
