#include <phoihop/report/render.hpp>

#include "zip_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::AgreementSection;
using phoihop::report::Filing;
using phoihop::report::PeriodSection;
using phoihop::report::render_docx;
using phoihop::report::RenderOptions;
using phoihop::report::Summary;
using phoihop::report::TaskLine;
using phoihop::report::View;

namespace {

Summary one_agreement(const std::string& title, const std::string& task_title)
{
  Summary summary;
  summary.period = Period{Date::from_ymd(2023, 1, 1), Date::from_ymd(2023, 12, 31), "2023"};
  summary.today = Date::from_ymd(2024, 1, 15);
  PeriodSection section;
  section.period = summary.period;
  section.as_of = Date::from_ymd(2023, 12, 31);
  AgreementSection agreement;
  agreement.id = 1;
  agreement.code = "TV-2021";
  agreement.title = title;
  agreement.start = Date::from_ymd(2021, 1, 1);
  agreement.end = Date::from_ymd(2025, 12, 31);
  agreement.status = "in_force";
  TaskLine task;
  task.id = 7;
  task.title = task_title;
  task.lead = "Hội LHPN tỉnh";
  task.status = "in_progress";
  task.progress = 40;
  agreement.tasks.push_back(task);
  agreement.counts.tasks_total = 1;
  agreement.counts.tasks_in_progress = 1;
  section.agreements.push_back(agreement);
  section.totals = agreement.counts;
  summary.sections.push_back(section);
  return summary;
}

// document.xml of the report rendered as a .docx.
std::string document_xml(const Summary& summary, const RenderOptions& options, View view = View::summary)
{
  std::ostringstream out;
  render_docx(out, summary, view, options);
  for (const auto& [name, content] : phoihop::test::zip_entries(out.str())) {
    if (name == "word/document.xml") {
      return content;
    }
  }
  FAIL("no word/document.xml");
  return {};
}

} // namespace

TEST_CASE("docx: record text is character data, never markup")
{
  Summary summary = one_agreement("Quy chế <w:p>&amp;", "A </w:t></w:r> \"x\" ]]>");
  std::string xml = document_xml(summary, RenderOptions{"vi", false, {}});
  CHECK(xml.find("Quy chế &lt;w:p&gt;&amp;amp;") != std::string::npos);
  CHECK(xml.find("A &lt;/w:t&gt;&lt;/w:r&gt; &quot;x&quot; ]]&gt;") != std::string::npos);
  CHECK(xml.find("<w:p>&") == std::string::npos);
}

TEST_CASE("docx: what XML 1.0 cannot hold becomes U+FFFD")
{
  // A control character, a noncharacter, a lone continuation byte, a
  // truncated sequence and an encoded surrogate (another tool's record).
  Summary summary = one_agreement("ok", std::string("a\x0b") + "b\xEF\xBF\xBF" + "c\x80" + "d\xC3" + " e\xED\xA0\x80" + "z");
  std::string xml = document_xml(summary, RenderOptions{"en", false, {}});
  CHECK(xml.find("a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD" "d\xEF\xBF\xBD" " e\xEF\xBF\xBD"
                 "\xEF\xBF\xBD\xEF\xBF\xBDz") != std::string::npos);
}

TEST_CASE("docx: the header block says what the filing gives, and blanks for the rest")
{
  Summary summary = one_agreement("Quy chế phối hợp", "Tuyên truyền");
  Filing filing;
  filing.body = "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH";
  filing.place = "Trà Vinh";
  filing.symbol = "BC-UBND";
  filing.number = "3";
  filing.issued_on = Date::from_ymd(2024, 2, 5);
  std::string xml = document_xml(summary, RenderOptions{"vi", false, filing});
  CHECK(xml.find(">Số: 03/BC-UBND<") != std::string::npos);
  CHECK(xml.find(">Trà Vinh, ngày 05 tháng 02 năm 2024<") != std::string::npos);
  CHECK(xml.find(">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<") != std::string::npos);
  CHECK(xml.find(">BÁO CÁO<") != std::string::npos);
  CHECK(xml.find(">Kết quả thực hiện Quy chế phối hợp năm 2023<") != std::string::npos);

  std::string blank = document_xml(summary, RenderOptions{"vi", false, {}});
  CHECK(blank.find(">Số: ……/……<") != std::string::npos);
  CHECK(blank.find(">……………, ngày …… tháng …… năm ……<") != std::string::npos);
}

TEST_CASE("docx: the same report gives the same bytes")
{
  Summary summary = one_agreement("Quy chế", "Tuyên truyền");
  std::ostringstream a;
  std::ostringstream b;
  render_docx(a, summary, View::summary, RenderOptions{"en", false, {}});
  render_docx(b, summary, View::summary, RenderOptions{"en", false, {}});
  CHECK(a.str() == b.str());
}

TEST_CASE("docx: a task table's columns follow their content")
{
  Summary summary = one_agreement("Quy chế", "Phối hợp tuyên truyền, giáo dục thế hệ trẻ, đoàn kết, tập hợp thanh niên");
  std::string xml = document_xml(summary, RenderOptions{"vi", false, {}}, View::tasks);
  // The register's grid: the first column (the agreement's code) narrower
  // than the task's title.
  auto grid = xml.find("<w:tblGrid>", xml.find("<w:tblStyle w:val=\"Grid\"/>"));
  REQUIRE(grid != std::string::npos);
  auto width = [&](std::size_t from) {
    auto at = xml.find("w:w=\"", from) + 5;
    return std::stoi(xml.substr(at, xml.find('"', at) - at));
  };
  auto first = xml.find("<w:gridCol", grid);
  auto second = xml.find("<w:gridCol", first + 1);
  auto third = xml.find("<w:gridCol", second + 1);
  CHECK(width(first) < width(third));
}
