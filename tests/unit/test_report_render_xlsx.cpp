#include <phoihop/report/render.hpp>

#include "zip_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::AgreementSection;
using phoihop::report::PeriodSection;
using phoihop::report::render_xlsx;
using phoihop::report::RenderOptions;
using phoihop::report::Summary;
using phoihop::report::TaskLine;
using phoihop::report::View;

namespace {

AgreementSection agreement(phoihop::core::Id id, const std::string& code, int total, int done)
{
  AgreementSection a;
  a.id = id;
  a.code = code;
  a.title = "=cmd|' /C calc'!A0";
  TaskLine task;
  task.id = id * 10;
  task.title = "@SUM(1)";
  task.status = "done";
  task.progress = 100;
  a.tasks.push_back(task);
  a.counts.tasks_total = total;
  a.counts.tasks_done = done;
  a.counts.completion_pct = 100.0 * done / total;
  a.counts.meetings = 1;
  return a;
}

Summary two_agreements()
{
  const Period year{Date::from_ymd(2023, 1, 1), Date::from_ymd(2023, 12, 31), "2023"};
  PeriodSection section{year, Date::from_ymd(2023, 12, 31), {agreement(1, "A-1", 2, 1), agreement(2, "A-2", 4, 1)},
                        {}, {}, {}};
  section.totals.tasks_total = 6;
  section.totals.tasks_done = 2;
  section.totals.completion_pct = 33.3;
  section.totals.meetings = 1; // one meeting of both agreements
  return Summary{year, Date::from_ymd(2024, 1, 15), {section}};
}

std::string part(const std::string& zip, const std::string& name)
{
  for (const auto& [entry, content] : phoihop::test::zip_entries(zip)) {
    if (entry == name) {
      return content;
    }
  }
  return {};
}

} // namespace

TEST_CASE("xlsx summary: totals as formulas where a formula gives the figure, numbers elsewhere")
{
  std::ostringstream out;
  render_xlsx(out, two_agreements(), View::summary, RenderOptions{"en", false, {}});
  std::string sheet = part(out.str(), "xl/worksheets/sheet1.xml");
  CHECK(sheet.find("<f>SUM(F2:F3)</f><v>6</v>") != std::string::npos);
  CHECK(sheet.find("<f>ROUND(I4/(F4-J4),3)</f><v>0.333</v>") != std::string::npos);
  // Meetings: a meeting of two agreements counted once, not the SUM's 2.
  CHECK(sheet.find("<f>SUM(O2:O3)</f>") == std::string::npos);
  // Record text is a string, never a formula.
  CHECK(sheet.find("<is><t>=cmd|' /C calc'!A0</t></is>") != std::string::npos);
  CHECK(part(out.str(), "xl/charts/chart1.xml").find("<c:f>Summary!$M$2:$M$3</c:f>") != std::string::npos);
  CHECK(part(out.str(), "xl/workbook.xml").find("<sheet name=\"Summary\"") != std::string::npos);
  // Counts alone, like the CSV: the registers are their verbs' workbooks.
  CHECK(part(out.str(), "xl/worksheets/sheet3.xml").empty());
  std::ostringstream tasks;
  render_xlsx(tasks, two_agreements(), View::tasks, RenderOptions{"en", false, {}});
  CHECK(part(tasks.str(), "xl/worksheets/sheet1.xml").find("<is><t>@SUM(1)</t></is>") != std::string::npos);
}

TEST_CASE("xlsx: Vietnamese sheet names and headings")
{
  std::ostringstream out;
  render_xlsx(out, two_agreements(), View::tasks, RenderOptions{"vi", false, {}});
  CHECK(part(out.str(), "xl/workbook.xml").find("<sheet name=\"Đầu việc\"") != std::string::npos);
  CHECK(part(out.str(), "xl/worksheets/sheet1.xml").find("<t>Nội dung</t>") != std::string::npos);
  // Statuses as people read them in Vietnamese.
  CHECK(part(out.str(), "xl/worksheets/sheet1.xml").find("<t>hoàn thành</t>") != std::string::npos);
}
