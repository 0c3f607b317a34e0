#include <phoihop/io/workbook.hpp>

#include "zip_reader.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using phoihop::core::Date;
using phoihop::io::Workbook;

namespace {

std::string entry(const std::string& zip, const std::string& name)
{
  for (const auto& [entry_name, content] : phoihop::test::zip_entries(zip)) {
    if (entry_name == name) {
      return content;
    }
  }
  FAIL("no entry " << name);
  return {};
}

std::string small_workbook(const std::string& text)
{
  Workbook book(Date::from_ymd(2024, 6, 30), "Title");
  auto sheet = book.add_sheet("Sheet");
  book.text(sheet, 0, 0, text);
  book.number(sheet, 0, 1, 0.667, Workbook::Style::percent);
  book.date(sheet, 1, 0, Date::from_ymd(2024, 1, 1));
  book.formula(sheet, 1, 1, "SUM(B1:B1)", 0.667, Workbook::Style::total_percent);
  book.fit_columns(sheet, 2);
  book.table_setup(sheet, 1, 1);
  std::ostringstream out;
  book.finish(out);
  return out.str();
}

} // namespace

TEST_CASE("excel_day: Excel's day numbers")
{
  CHECK(phoihop::io::excel_day(Date::from_ymd(1970, 1, 1)) == 25569);
  CHECK(phoihop::io::excel_day(Date::from_ymd(2024, 1, 1)) == 45292);
}

TEST_CASE("cell_text: cut past the limit at a character, ending in an ellipsis")
{
  CHECK(phoihop::io::cell_text("short") == "short");
  std::string long_text;
  for (int i = 0; i < 40000; ++i) {
    long_text += "Đ";
  }
  std::string cut = phoihop::io::cell_text(long_text);
  CHECK(cut.size() == 32766 * 2 + 3);
  CHECK(cut.substr(cut.size() - 3) == "…");
  // A character outside the BMP counts two units in Excel, and is never split.
  CHECK(phoihop::io::cell_text("ab\xF0\x9F\x98\x80", 3) == "ab…");
  CHECK(phoihop::io::cell_text("ab\xF0\x9F\x98\x80", 4) == "ab\xF0\x9F\x98\x80");
}

TEST_CASE("a workbook: text is always a string, formulas carry their value, the day is phoihop's")
{
  std::string bytes = small_workbook("=HYPERLINK(\"http://x\")");
  REQUIRE(bytes.rfind("PK\x03\x04", 0) == 0);
  std::string sheet = entry(bytes, "xl/worksheets/sheet1.xml");
  CHECK(sheet.find("<c r=\"A1\" t=\"inlineStr\"><is><t>=HYPERLINK(") != std::string::npos);
  CHECK(sheet.find("<f>HYPERLINK") == std::string::npos);
  CHECK(sheet.find("<f>SUM(B1:B1)</f><v>0.667</v>") != std::string::npos);
  CHECK(sheet.find("<v>45292</v>") != std::string::npos);
  CHECK(sheet.find("<pane ySplit=\"1\"") != std::string::npos);
  CHECK(sheet.find("<autoFilter ref=\"A1:B2\"/>") != std::string::npos);
  CHECK(sheet.find("paperSize=\"9\"") != std::string::npos);
  CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
  std::string core = entry(bytes, "docProps/core.xml");
  CHECK(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-06-30T00:00:00Z</dcterms:created>") !=
        std::string::npos);
  CHECK(small_workbook("=HYPERLINK(\"http://x\")") == bytes);
}

TEST_CASE("sheet names: Excel's forbidden characters replaced, cut to 31, made unique")
{
  Workbook book(Date::from_ymd(2024, 6, 30));
  CHECK(book.sheet_name(book.add_sheet("a[b]:c*d?e/f\\g")) == "a b  c d e f g");
  CHECK(book.sheet_name(book.add_sheet("Tổng hợp các đầu việc của quy chế phối hợp")) ==
        "Tổng hợp các đầu việc của quy c");
  CHECK(book.sheet_name(book.add_sheet("Tasks")) == "Tasks");
  CHECK(book.sheet_name(book.add_sheet("tasks")) == "tasks (2)");
  CHECK(book.sheet_name(book.add_sheet("'quoted'")) == "quoted");
  std::ostringstream out;
  book.finish(out);
  CHECK(!out.str().empty());
}
