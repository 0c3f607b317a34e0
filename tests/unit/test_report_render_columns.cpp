#include <phoihop/core/error.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using phoihop::UsageError;
using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::columns_sink;
using phoihop::report::figures_read;
using phoihop::report::k_figures;
using phoihop::report::PeriodSection;
using phoihop::report::render_columns;
using phoihop::report::RenderOptions;
using phoihop::report::Summary;

namespace {

// A sub-period with its period and as-of day; its totals are set by the caller.
PeriodSection section(const Date& first, const Date& last, const std::string& label, const Date& as_of)
{
  PeriodSection s;
  s.period = Period{first, last, label};
  s.as_of = as_of;
  return s;
}

// Three sub-periods of 2022 as --each quarter clips them to 2022-01-01..2022-08-15
// (the last one still running on today): no task in the first (no rates),
// tasks and an award in the others.
Summary quarters()
{
  Summary s;
  s.period = Period{{2022, 1, 1}, {2022, 8, 15}, "2022-01-01..2022-08-15"};
  s.today = {2022, 8, 10};
  PeriodSection q1 = section({2022, 1, 1}, {2022, 3, 31}, "2022-Q1", {2022, 3, 31});
  PeriodSection q2 = section({2022, 4, 1}, {2022, 6, 30}, "2022-Q2", {2022, 6, 30});
  q2.totals.tasks_total = 3;
  q2.totals.tasks_done = 2;
  q2.totals.tasks_in_progress = 1;
  q2.totals.completion_pct = 200.0 / 3.0;
  q2.totals.progress_avg = 70.0;
  q2.totals.meetings = 1;
  PeriodSection q3 = section({2022, 7, 1}, {2022, 8, 15}, "2022-07-01..2022-08-15", {2022, 8, 10});
  q3.totals.tasks_total = 4;
  q3.totals.tasks_done = 2;
  q3.totals.tasks_planned = 2;
  q3.totals.completion_pct = 50.0;
  q3.totals.progress_avg = 50.0;
  q3.totals.awards_individual = 9;
  s.sections = {q1, q2, q3};
  return s;
}

std::string render(const Summary& summary, std::string_view format, const std::string& lang = "en",
                   bool bom = false)
{
  std::ostringstream out;
  render_columns(out, summary, format, RenderOptions{lang, bom, {}});
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text, std::string_view end = "\n")
{
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t pos = text.find(end); pos != std::string::npos; pos = text.find(end, start)) {
    lines.push_back(text.substr(start, pos - start));
    start = pos + end.size();
  }
  CHECK(start == text.size()); // every line ends
  return lines;
}

} // namespace

TEST_CASE("columns Markdown: a title, the period and one table, a row per figure and a column per sub-period")
{
  const auto lines = lines_of(render(quarters(), "md"));
  REQUIRE(lines.size() == 4 + 3 + k_figures.size());
  CHECK(lines[0] == "# Coordination report — 2022-01-01..2022-08-15");
  CHECK(lines[1].empty());
  CHECK(lines[2] == "Period: 2022-01-01 to 2022-08-15.");
  CHECK(lines[3].empty());
  CHECK(lines[4] == "| Figure | 2022-Q1 | 2022-Q2 | 2022-07-01..2022-08-15 |");
  CHECK(lines[5] == "| --- | ---: | ---: | ---: |");
  CHECK(lines[6] == "| Figures as of | 2022-03-31 | 2022-06-30 | 2022-08-10 |");
  CHECK(lines[7] == "| Tasks | 0 | 3 | 4 |");
  // Each figure of k_figures has its row, in the order people read them
  // (the summary's Markdown tables), whatever the table holds.
  REQUIRE(figures_read().size() == k_figures.size());
  for (std::size_t i = 0; i < figures_read().size(); ++i) {
    CHECK(lines[7 + i].rfind("| " + std::string(figures_read()[i]->en) + " |", 0) == 0);
  }
  const std::string all = render(quarters(), "md");
  CHECK(all.find("| Completion rate | — | 66.7% | 50.0% |\n") != std::string::npos);
  CHECK(all.find("| Individuals commended | 0 | 0 | 9 |\n") != std::string::npos);
}

TEST_CASE("columns Markdown in Vietnamese: headings, names of the periods, decimal commas, dates")
{
  const std::string md = render(quarters(), "md", "vi");
  const auto lines = lines_of(md);
  CHECK(lines[0] == "# Báo cáo kết quả thực hiện quy chế phối hợp từ ngày 01/01/2022 đến ngày 15/08/2022");
  CHECK(lines[2] == "Kỳ báo cáo: từ ngày 01 tháng 01 năm 2022 đến ngày 15 tháng 8 năm 2022.");
  CHECK(lines[4] == "| Chỉ tiêu | Quý I/2022 | Quý II/2022 | Từ ngày 01/07/2022 đến ngày 15/08/2022 |");
  CHECK(lines[6] == "| Số liệu tính đến | 31/03/2022 | 30/06/2022 | 10/08/2022 |");
  CHECK(md.find("| Tỷ lệ hoàn thành | — | 66,7% | 50,0% |\n") != std::string::npos);
}

TEST_CASE("Vietnamese names whole months from the start or to the end of a year as offices do")
{
  Summary s;
  s.period = Period{{2023, 1, 1}, {2023, 9, 30}, "2023-01-01..2023-09-30"};
  s.today = {2024, 1, 1};
  s.sections = {
    section({2023, 1, 1}, {2023, 9, 30}, "2023-01-01..2023-09-30", {2023, 9, 30}),
    section({2023, 9, 1}, {2023, 12, 31}, "2023-09-01..2023-12-31", {2023, 12, 31}),
    section({2023, 2, 1}, {2023, 4, 30}, "2023-02-01..2023-04-30", {2023, 4, 30}),
  };
  const auto lines = lines_of(render(s, "md", "vi"));
  CHECK(lines[0] == "# Báo cáo kết quả thực hiện quy chế phối hợp 9 tháng đầu năm 2023");
  CHECK(lines[4] == "| Chỉ tiêu | 9 tháng đầu năm 2023 | 4 tháng cuối năm 2023 | "
                    "Từ ngày 01/02/2023 đến ngày 30/04/2023 |");
  // English keeps the label, named by the days.
  CHECK(lines_of(render(s, "md"))[0] == "# Coordination report — 2023-01-01..2023-09-30");
}

TEST_CASE("columns Markdown: a period label from a record is escaped like any cell")
{
  Summary s = quarters();
  s.sections.resize(1);
  s.period.label = "agreement:A|B_*<b>";
  s.sections[0].period.label = "agreement:A|B_*<b>";
  const std::string md = render(s, "md");
  CHECK(md.find("# Coordination report — agreement:A\\|B\\_\\*&lt;b&gt;\n") != std::string::npos);
  CHECK(md.find("| Figure | agreement:A\\|B\\_\\*&lt;b&gt; |\n") != std::string::npos);
}

TEST_CASE("columns CSV: the labels, the days, then a row per figure; the same in every language")
{
  const std::string csv = render(quarters(), "csv");
  const auto lines = lines_of(csv, "\r\n");
  REQUIRE(lines.size() == 4 + k_figures.size());
  CHECK(lines[0] == "figure,2022-Q1,2022-Q2,2022-07-01..2022-08-15");
  CHECK(lines[1] == "period_start,2022-01-01,2022-04-01,2022-07-01");
  CHECK(lines[2] == "period_end,2022-03-31,2022-06-30,2022-08-15");
  CHECK(lines[3] == "as_of,2022-03-31,2022-06-30,2022-08-10");
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    CHECK(lines[4 + i].rfind(std::string(k_figures[i].key) + ",", 0) == 0);
  }
  CHECK(csv.find("\r\ntasks_total,0,3,4\r\n") != std::string::npos);
  CHECK(csv.find("\r\ncompletion_pct,,66.7,50.0\r\n") != std::string::npos);
  CHECK(csv.find("\r\nawards_individual,0,0,9\r\n") != std::string::npos);
  CHECK(render(quarters(), "csv", "vi") == csv);
  CHECK(render(quarters(), "csv", "en", true) == "\xEF\xBB\xBF" + csv);
}

TEST_CASE("columns JSON: the periods and, per figure, a value per period")
{
  const std::string json = render(quarters(), "json");
  CHECK(json.rfind("{\n  \"format_version\": 1,\n  \"period\": {\n    \"first\": \"2022-01-01\",", 0) == 0);
  CHECK(json.find("\"today\": \"2022-08-10\"") != std::string::npos);
  CHECK(json.find("\"label\": \"2022-07-01..2022-08-15\",\n      \"as_of\": \"2022-08-10\"") != std::string::npos);
  CHECK(json.find("\"tasks_total\": [\n      0,\n      3,\n      4\n    ]") != std::string::npos);
  CHECK(json.find("\"completion_pct\": [\n      null,\n      66.7,\n      50.0\n    ]") != std::string::npos);
  for (const auto& figure : k_figures) {
    CHECK(json.find("\"" + std::string(figure.key) + "\": [") != std::string::npos);
  }
  CHECK(json.back() == '\n');
  CHECK(render(quarters(), "json", "vi") == json);
}

TEST_CASE("columns: only the report formats")
{
  std::ostringstream out;
  CHECK_THROWS_WITH_AS(columns_sink(out, "table", RenderOptions{}),
                       "invalid format 'table' for --format (expected one of: md, csv, json)", UsageError);
}
