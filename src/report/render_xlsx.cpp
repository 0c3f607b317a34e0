#include <phoihop/core/error.hpp>
#include <phoihop/io/workbook.hpp>
#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <ostream>

namespace phoihop::report {

namespace {

// A percentage with one decimal (66.7) as the fraction a cell formatted %
// holds: the double nearest 0.667, which 66.7 / 100 is not always.
double fraction(double percent)
{
  return std::round(percent * 10) / 1000;
}

using io::Workbook;
using Look = Workbook::Style;

// A column's letters as a formula names it: 0 is A, 26 is AA.
std::string column_letters(std::uint16_t col)
{
  std::string letters;
  for (int n = col + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::string cell_ref(std::uint32_t row, std::uint16_t col)
{
  return fmt::format("{}{}", column_letters(col), row + 1);
}

// An ISO date (YYYY-MM-DD) as the day it names; absent for anything else.
std::optional<core::Date> iso_date(const std::string& text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
  }
  try {
    return core::Date::from_ymd(std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)),
                                std::stoi(text.substr(8, 2)));
  } catch (const Error&) {
    return std::nullopt;
  }
}

// How a value is written: told by the value (a number, a boolean, text),
// or a date or percentage the column says it is.
enum class Cell { value, date, percent_whole, percent_decimal };

// One table in a workbook: a header row, then rows in order. Past a sheet's
// 1,048,576 rows it goes on in a new sheet of the same name with " (2)"
// (the last of the workbook: sheets are not inserted), the header repeated.
class SheetTable {
public:
  SheetTable(Workbook& book, std::string name, std::vector<std::string> headings)
    : m_book(book), m_name(std::move(name)), m_headings(std::move(headings))
  {
    start_sheet();
  }

  struct Place {
    Workbook::Sheet sheet;
    std::uint32_t row;
  };

  // Where the next row goes.
  Place next()
  {
    if (m_row == Workbook::k_max_rows) {
      close_sheet();
      start_sheet();
    }
    return {m_sheets.back(), m_row++};
  }

  Workbook::Sheet first_sheet() const { return m_sheets.front(); }
  std::uint16_t width() const { return static_cast<std::uint16_t>(m_headings.size()); }

  void write(const Place& at, std::uint16_t col, const Value& value, Cell cell, Look text = Look::plain)
  {
    if (value.is_null()) {
      return;
    }
    if (const bool* b = value.boolean()) {
      m_book.boolean(at.sheet, at.row, col, *b);
    } else if (auto number = value.number()) {
      switch (cell) {
      case Cell::percent_whole: m_book.number(at.sheet, at.row, col, *number / 100.0, Look::percent_whole); break;
      case Cell::percent_decimal: m_book.number(at.sheet, at.row, col, fraction(*number), Look::percent); break;
      default: m_book.number(at.sheet, at.row, col, *number, Look::decimal); break;
      }
    } else if (const std::string* s = value.string(); s && cell == Cell::date && iso_date(*s)) {
      m_book.date(at.sheet, at.row, col, *iso_date(*s));
    } else {
      std::string t = value.text();
      m_book.text(at.sheet, at.row, col, t, t.find('\n') == std::string::npos ? text : Look::wrap);
    }
  }

  // Widths, frozen header, autofilter and print set-up of every sheet written.
  void finish() { close_sheet(); }

private:
  void start_sheet()
  {
    auto sheet = m_book.add_sheet(m_sheets.empty() ? m_name : fmt::format("{} ({})", m_name, m_sheets.size() + 1));
    m_sheets.push_back(sheet);
    for (std::size_t c = 0; c < m_headings.size(); ++c) {
      m_book.text(sheet, 0, static_cast<std::uint16_t>(c), m_headings[c], Look::header);
    }
    m_row = 1;
  }

  void close_sheet()
  {
    if (m_closed == m_sheets.size()) {
      return;
    }
    auto last_col = static_cast<std::uint16_t>(std::max<std::size_t>(m_headings.size(), 1) - 1);
    m_book.fit_columns(m_sheets.back(), width());
    m_book.table_setup(m_sheets.back(), std::max<std::uint32_t>(m_row - 1, 1), last_col);
    m_closed = m_sheets.size();
  }

  Workbook& m_book;
  std::string m_name;
  std::vector<std::string> m_headings;
  std::vector<Workbook::Sheet> m_sheets;
  std::size_t m_closed = 0; // sheets set up
  std::uint32_t m_row = 0;
};

struct SheetNames {
  std::string_view summary, progress, tasks, meetings, awards, attention;
};

constexpr SheetNames k_sheets_en{"Summary", "Progress", "Tasks", "Meetings", "Awards", "Attention"};
constexpr SheetNames k_sheets_vi{"Tổng hợp", "Tiến độ", "Đầu việc", "Hội nghị", "Khen thưởng", "Cần lưu ý"};

// A register's stored words as people read them in Vietnamese (the English
// workbook keeps the CSV's values, which scripts and filters know).
Value register_value(bool vi, const detail::RegisterColumn& column, const Value& value)
{
  const std::string* s = value.string();
  if (!vi || s == nullptr) {
    return value;
  }
  switch (column.kind) {
  case detail::CellKind::task_status: return detail::task_status_label(vi, *s);
  case detail::CellKind::meeting_kind: return detail::meeting_kind_label(vi, *s);
  case detail::CellKind::award_kind: return detail::award_kind_label(vi, *s);
  case detail::CellKind::award_form: return detail::award_form_label(vi, *s);
  case detail::CellKind::attention_kind: return detail::attention_kind_label(vi, *s);
  default: return value;
  }
}

Cell register_cell(detail::CellKind kind)
{
  switch (kind) {
  case detail::CellKind::date: return Cell::date;
  case detail::CellKind::percent: return Cell::percent_whole;
  case detail::CellKind::decimal_percent: return Cell::percent_decimal;
  default: return Cell::value;
  }
}

// The sheet of one register: its columns' headings in the report's language.
class RegisterSheet {
public:
  RegisterSheet(Workbook& book, std::string_view name, View view, bool vi)
    : m_columns(detail::register_columns(view)), m_vi(vi), m_table(book, std::string(name), headings(view, vi))
  {
  }

  void write(const std::vector<Object>& rows)
  {
    for (const auto& row : rows) {
      auto at = m_table.next();
      for (std::size_t c = 0; c < row.size() && c < m_columns.size(); ++c) {
        m_table.write(at, static_cast<std::uint16_t>(c), register_value(m_vi, m_columns[c], row[c].value),
                      register_cell(m_columns[c].kind));
      }
    }
  }

  void finish() { m_table.finish(); }

private:
  static std::vector<std::string> headings(View view, bool vi)
  {
    std::vector<std::string> out;
    for (const auto& column : detail::register_columns(view)) {
      out.emplace_back(vi ? column.vi : column.en);
    }
    return out;
  }

  const std::vector<detail::RegisterColumn>& m_columns;
  bool m_vi;
  SheetTable m_table;
};

// The summary sheet's columns: the summary CSV's, in its order.
std::vector<std::string> summary_headings(bool vi)
{
  std::vector<std::string> out{vi ? "Từ ngày" : "Period start", vi ? "Đến ngày" : "Period end",
                               vi ? "Mã quy chế" : "Agreement id", vi ? "Quy chế" : "Agreement",
                               vi ? "Tên quy chế" : "Title"};
  for (const auto& figure : k_figures) {
    out.emplace_back(vi ? figure.vi : figure.en);
  }
  return out;
}

constexpr std::uint16_t k_code_col = 3;
constexpr std::uint16_t k_title_col = 4;
constexpr std::uint16_t k_figures_col = 5;
// The chart of progress per agreement shows this many agreements at most:
// more bars than this cannot be read.
constexpr std::uint32_t k_chart_agreements = 50;

std::uint16_t figure_col(std::string_view key)
{
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    if (k_figures[i].key == key) {
      return static_cast<std::uint16_t>(k_figures_col + i);
    }
  }
  throw Failure(fmt::format("no figure {}", key));
}

// A sub-period's totals as the over-time chart shows them.
struct SectionTotals {
  core::Period period;
  std::optional<double> completion;
  std::optional<double> progress;
};

class XlsxSink : public SummarySink {
public:
  XlsxSink(std::ostream& out, View view, const RenderOptions& options)
    : m_out(out), m_view(view), m_vi(detail::is_vi(options)), m_rows(view)
  {
  }

  void begin(const core::Period& period, const core::Date& today, std::size_t sections) override
  {
    const auto& w = detail::words(m_vi);
    m_book.emplace(today, fmt::format("{} — {}", detail::title_of(w, m_view), detail::period_name(m_vi, period)));
    m_sections = sections;
    const SheetNames& names = m_vi ? k_sheets_vi : k_sheets_en;
    Workbook& book = *m_book;
    if (m_view == View::summary) {
      m_summary.emplace(book, std::string(names.summary), summary_headings(m_vi));
      m_progress = book.add_sheet(names.progress);
    } else {
      std::string_view name = m_view == View::tasks      ? names.tasks
                              : m_view == View::meetings ? names.meetings
                              : m_view == View::awards   ? names.awards
                                                         : names.attention;
      m_register.emplace(book, name, m_view, m_vi);
    }
  }

  void begin_section(const PeriodSection& section) override
  {
    m_rows.begin(section);
    m_section_first.reset();
    m_section_last = {};
  }

  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    if (m_view != View::summary) {
      m_register->write(m_rows.agreement(section, agreement));
      return;
    }
    summary_row(section, agreement);
  }

  void attention(const PeriodSection& section, const Attention& item) override
  {
    if (m_view == View::attention) {
      m_register->write({m_rows.attention(section, item)});
    }
  }

  void end_section(const PeriodSection& section) override
  {
    if (m_view != View::summary) {
      m_register->write(m_rows.end());
      return;
    }
    totals_row(section);
    m_over_time.push_back({section.period, section.totals.completion_pct, section.totals.progress_avg});
  }

  void end() override
  {
    Workbook& book = *m_book;
    if (m_view == View::summary) {
      m_summary->finish();
      progress_sheet();
    } else {
      m_register->finish();
    }
    book.finish(m_out);
  }

private:
  void summary_row(const PeriodSection& section, const AgreementSection& agreement)
  {
    auto at = m_summary->next();
    Workbook& book = *m_book;
    book.date(at.sheet, at.row, 0, section.period.first);
    book.date(at.sheet, at.row, 1, section.period.last);
    book.number(at.sheet, at.row, 2, static_cast<double>(agreement.id), Look::integer);
    book.text(at.sheet, at.row, k_code_col, agreement.code);
    book.text(at.sheet, at.row, k_title_col, agreement.title);
    for (std::size_t i = 0; i < k_figures.size(); ++i) {
      const Figure& figure = k_figures[i];
      auto col = static_cast<std::uint16_t>(k_figures_col + i);
      if (figure.count) {
        book.number(at.sheet, at.row, col, agreement.counts.*figure.count, Look::integer);
      } else if (const auto& value = agreement.counts.*figure.percent) {
        book.number(at.sheet, at.row, col, fraction(*value), Look::percent);
        m_charted = m_charted || m_agreements < k_chart_agreements;
      }
    }
    if (!m_section_first) {
      m_section_first = at;
    }
    m_section_last = at;
    ++m_agreements;
  }

  // A sub-period's totals: the task counts are the sum of its agreements'
  // (a SUM), the completion rate is worked out from those totals (a formula
  // over this row); the average progress, the meetings and the recipients
  // are not sums of the rows above (a meeting or a recipient shared by two
  // agreements is counted once), so they are written as numbers.
  void totals_row(const PeriodSection& section)
  {
    auto at = m_summary->next();
    Workbook& book = *m_book;
    const Counts& totals = section.totals;
    book.date(at.sheet, at.row, 0, section.period.first, Look::date);
    book.date(at.sheet, at.row, 1, section.period.last, Look::date);
    book.text(at.sheet, at.row, k_code_col, detail::words(m_vi).total, Look::total);
    book.text(at.sheet, at.row, k_title_col, detail::period_name(m_vi, section.period), Look::total);
    bool sums = m_section_first && m_section_first->sheet == at.sheet;
    for (std::size_t i = 0; i < k_figures.size(); ++i) {
      const Figure& figure = k_figures[i];
      auto col = static_cast<std::uint16_t>(k_figures_col + i);
      if (figure.count && figure.group == FigureGroup::tasks && sums) {
        book.formula(at.sheet, at.row, col,
                     fmt::format("SUM({}:{})", cell_ref(m_section_first->row, col), cell_ref(m_section_last.row, col)),
                     totals.*figure.count, Look::total_integer);
      } else if (figure.count) {
        book.number(at.sheet, at.row, col, totals.*figure.count, Look::total_integer);
      } else if (const auto& value = totals.*figure.percent; value && figure.key == "completion_pct") {
        std::string done = cell_ref(at.row, figure_col("tasks_done"));
        std::string total = cell_ref(at.row, figure_col("tasks_total"));
        std::string cancelled = cell_ref(at.row, figure_col("tasks_cancelled"));
        // Cached as ROUND gives it (the figure's one decimal is the same
        // rounding, but 99.9 / 100 is not the double nearest 0.999).
        const int counted = totals.tasks_total - totals.tasks_cancelled;
        book.formula(at.sheet, at.row, col, fmt::format("ROUND({}/({}-{}),3)", done, total, cancelled),
                     std::round(1000.0 * totals.tasks_done / counted) / 1000.0, Look::total_percent);
      } else if (value) {
        book.number(at.sheet, at.row, col, fraction(*value), Look::total_percent);
      }
    }
  }

  // The chart of progress: per agreement (the summary sheet's rows) when the
  // period is one, else per sub-period over time (a table of the totals on
  // this sheet).
  const char* nothing_to_chart() const
  {
    return m_vi ? "Không có tỷ lệ nào để vẽ: chưa có đầu việc được tính."
                : "Nothing to chart: no task counts towards a percentage.";
  }

  void progress_sheet()
  {
    Workbook& book = *m_book;
    const auto& w = detail::words(m_vi);
    const Figure& completion = k_figures[figure_col("completion_pct") - k_figures_col];
    const Figure& progress = k_figures[figure_col("progress_avg") - k_figures_col];
    auto name = [this](const Figure& f) { return std::string(m_vi ? f.vi : f.en); };
    book.page_setup(m_progress);
    Workbook::Chart chart;
    chart.axis_format = "0%";
    chart.series = {{name(completion), figure_col("completion_pct")}, {name(progress), figure_col("progress_avg")}};
    if (m_sections <= 1) {
      if (m_agreements == 0) {
        book.text(m_progress, 0, 0, w.no_agreements);
        return;
      }
      // No agreement charted has a percentage (no task, or all cancelled): an
      // empty chart would say nothing.
      if (!m_charted) {
        book.text(m_progress, 0, 0, nothing_to_chart());
        return;
      }
      chart.kind = Workbook::ChartKind::column;
      chart.title = m_vi ? "Tiến độ theo quy chế" : "Progress by agreement";
      chart.data = m_summary->first_sheet();
      chart.first_row = 1;
      chart.last_row = std::min(m_agreements, k_chart_agreements);
      chart.category_col = k_code_col;
      book.chart(m_progress, 0, 0, chart);
      return;
    }
    const bool any = std::any_of(m_over_time.begin(), m_over_time.end(),
                                 [](const SectionTotals& s) { return s.completion || s.progress; });
    if (!any) {
      book.text(m_progress, 0, 0, nothing_to_chart());
      return;
    }
    // One row per sub-period: its name and its totals' two percentages.
    book.text(m_progress, 0, 0, m_vi ? "Kỳ" : "Period", Look::header);
    book.text(m_progress, 0, 1, name(completion), Look::header);
    book.text(m_progress, 0, 2, name(progress), Look::header);
    std::uint32_t row = 1;
    for (const auto& s : m_over_time) {
      book.text(m_progress, row, 0, detail::period_name(m_vi, s.period));
      if (s.completion) {
        book.number(m_progress, row, 1, fraction(*s.completion), Look::percent);
      }
      if (s.progress) {
        book.number(m_progress, row, 2, fraction(*s.progress), Look::percent);
      }
      ++row;
    }
    book.fit_columns(m_progress, 3);
    chart.kind = Workbook::ChartKind::line;
    chart.title = m_vi ? "Tiến độ qua các kỳ" : "Progress over time";
    chart.data = m_progress;
    chart.first_row = 1;
    chart.last_row = row - 1;
    chart.category_col = 0;
    chart.series = {{name(completion), 1}, {name(progress), 2}};
    book.chart(m_progress, 0, 4, chart);
  }

  std::ostream& m_out;
  View m_view;
  bool m_vi;
  std::optional<Workbook> m_book;
  std::size_t m_sections = 0;
  detail::RegisterRows m_rows; // the view's own register
  std::optional<RegisterSheet> m_register;
  std::optional<SheetTable> m_summary;
  Workbook::Sheet m_progress = 0;
  std::optional<SheetTable::Place> m_section_first; // the sub-period's first agreement row
  SheetTable::Place m_section_last{};
  std::uint32_t m_agreements = 0;
  bool m_charted = false; // an agreement of the chart's has a percentage
  std::vector<SectionTotals> m_over_time;
};

Cell list_cell(ColumnKind kind)
{
  switch (kind) {
  case ColumnKind::date: return Cell::date;
  case ColumnKind::percent: return Cell::percent_whole;
  case ColumnKind::value: break;
  }
  return Cell::value;
}

// Whether a record's field names a day (a show has no columns to say so).
bool day_key(std::string_view key)
{
  auto ends = [key](std::string_view tail) {
    return key.size() >= tail.size() && key.compare(key.size() - tail.size(), tail.size(), tail) == 0;
  };
  return key == "date" || key == "start" || key == "end" || key == "due" || key == "as_of" || ends("_on") ||
         ends("_date") || ends("_start") || ends("_end") || ends("_due");
}

// A list's or record's workbook is dated the day phoihop takes for today.
core::Date workbook_day(const report::Style& style)
{
  return style.today ? *style.today : core::Date::from_ymd(1980, 1, 1);
}

} // namespace

std::unique_ptr<SummarySink> xlsx_sink(std::ostream& out, View view, const RenderOptions& options)
{
  // Without libxlsxwriter, fail before the report is read, not after.
  Workbook::load();
  return std::make_unique<XlsxSink>(out, view, options);
}

void render_xlsx(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *xlsx_sink(out, view, options));
}

void render_list_xlsx(std::ostream& out, const std::vector<Column>& columns, const std::vector<Object>& rows,
                      const report::Style& style)
{
  Workbook book(workbook_day(style));
  std::vector<std::string> headings;
  for (const auto& column : columns) {
    headings.push_back(column.key);
  }
  SheetTable table(book, "List", headings);
  for (const auto& row : rows) {
    auto at = table.next();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      auto it = std::find_if(row.begin(), row.end(), [&](const Field& f) { return f.key == columns[c].key; });
      if (it != row.end()) {
        table.write(at, static_cast<std::uint16_t>(c), it->value, list_cell(columns[c].kind));
      }
    }
  }
  table.finish();
  book.finish(out);
}

void render_show_xlsx(std::ostream& out, const Object& record, const report::Style& style)
{
  Workbook book(workbook_day(style));
  SheetTable table(book, "Record", {"key", "value"});
  for (const auto& field : record) {
    auto at = table.next();
    book.text(at.sheet, at.row, 0, field.key);
    // A list of records reads as its JSON, as in CSV. A day is a field
    // named as one (due, start, signed_on, …) holding an ISO date: a title
    // or a code that looks like a date stays text.
    bool date = day_key(field.key) && field.value.string() && iso_date(*field.value.string());
    table.write(at, 1, field.value, date ? Cell::date : Cell::value);
  }
  table.finish();
  book.finish(out);
}

} // namespace phoihop::report
