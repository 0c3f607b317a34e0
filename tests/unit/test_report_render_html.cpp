#include <phoihop/report/render.hpp>

#include <doctest/doctest.h>

#include <locale>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::AgreementSection;
using phoihop::report::Attention;
using phoihop::report::Counts;
using phoihop::report::PeriodSection;
using phoihop::report::render_html;
using phoihop::report::RenderOptions;
using phoihop::report::Summary;
using phoihop::report::TaskLine;
using phoihop::report::View;

namespace {

const std::string k_script = "<script>alert(1)</script>";
const std::string k_attribute = "\" onload=\"x";

Date d(int y, int m, int day)
{
  return Date::from_ymd(y, m, day);
}

// An agreement of `tasks` tasks, the first two hostile, the statuses taking turns.
AgreementSection agreement(phoihop::core::Id id, const std::string& code, int tasks)
{
  static const char* const k_statuses[] = {"done", "in_progress", "planned", "cancelled", "unfinished"};
  AgreementSection a;
  a.id = id;
  a.code = code;
  a.title = "Quy chế phối hợp & 'hợp tác' <b>giai đoạn</b> 2022-2026";
  a.term = "2022-2026";
  a.start = d(2022, 1, 1);
  a.end = d(2026, 12, 31);
  a.status = "in_force";
  a.note = "dòng một\n" + k_attribute;
  for (int i = 0; i < tasks; ++i) {
    TaskLine t;
    t.id = id * 1000 + i;
    t.code = std::to_string(i + 1);
    t.title = i == 0 ? k_script : i == 1 ? k_attribute : "Tuyên truyền đầu việc " + std::to_string(i + 1);
    t.lead = "Tỉnh đoàn Bến Tre";
    t.status = k_statuses[i % 5];
    t.progress = t.status == std::string("done") ? 100 : (i * 7) % 100;
    t.overdue = i == 1;
    t.result_note = i == 0 ? k_script + "\nhttps://example.org/x" : "";
    a.tasks.push_back(t);
    Counts& c = a.counts;
    ++c.tasks_total;
    ++(t.status == std::string("done")          ? c.tasks_done
       : t.status == std::string("in_progress") ? c.tasks_in_progress
       : t.status == std::string("planned")     ? c.tasks_planned
       : t.status == std::string("cancelled")   ? c.tasks_cancelled
                                                : c.tasks_unfinished);
  }
  a.counts.completion_pct = 40.0;
  a.counts.progress_avg = 55.5;
  return a;
}

PeriodSection section(int year, std::vector<AgreementSection> agreements)
{
  PeriodSection s;
  s.period = Period{d(year, 1, 1), d(year, 12, 31), std::to_string(year)};
  s.as_of = s.period.last;
  s.agreements = std::move(agreements);
  s.totals.tasks_total = 7;
  s.totals.completion_pct = year == 2022 ? 25.0 : 62.5;
  s.totals.progress_avg = year == 2022 ? 30.0 : 71.0;
  Attention item;
  item.kind = "overdue_task";
  item.agreement_id = 1;
  item.agreement = "BT-<1>";
  item.task_id = 1001;
  item.task_title = k_script;
  item.due = d(year, 6, 30);
  s.attention.push_back(item);
  return s;
}

Summary one_year(int tasks = 7)
{
  Summary s;
  s.period = Period{d(2022, 1, 1), d(2022, 12, 31), "2022"};
  s.today = d(2023, 1, 10);
  s.sections.push_back(section(2022, {agreement(1, "BT-1", tasks), agreement(2, "BT-2", 3)}));
  return s;
}

Summary two_years()
{
  Summary s;
  s.period = Period{d(2022, 1, 1), d(2023, 12, 31), "2022-2023"};
  s.today = d(2024, 1, 10);
  s.sections.push_back(section(2022, {agreement(1, "BT-1", 4)}));
  s.sections.push_back(section(2023, {agreement(1, "BT-1", 6)}));
  return s;
}

std::string html(const Summary& s, View view = View::summary, const std::string& lang = "en")
{
  RenderOptions options;
  options.lang = lang;
  std::ostringstream out;
  render_html(out, s, view, options);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what)
{
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

// The page's element names and attribute names, as a browser's tokenizer
// would read them: what the tags open, whatever the records hold.
void check_markup(const std::string& page)
{
  static const std::set<std::string> k_elements{
    "!DOCTYPE", "html", "head",  "meta", "title",  "style", "body", "header", "section", "h1",         "h2",
    "h3",       "h4",   "h5",    "p",    "ul",     "ol",    "li",   "strong", "table",   "thead",      "tbody",
    "tr",       "th",   "td",    "br",   "figure", "svg",   "g",    "rect",   "line",    "figcaption", "text"};
  static const std::set<std::string> k_attributes{
    "lang",   "charset", "name",   "content", "class", "scope",           "role",   "width",        "height",
    "viewBox", "x",      "y",      "x1",      "y1",    "x2",              "y2",     "fill",         "stroke",
    "stroke-width", "stroke-dasharray", "text-anchor", "html"};
  // Outside <style> (whose CSS has no tags) every '<' opens a tag.
  const std::size_t style_end = page.find("</style>");
  REQUIRE(style_end != std::string::npos);
  const std::regex tag(R"(<(/?)([!A-Za-z][A-Za-z0-9]*)([^>]*)>)");
  const std::regex attribute(R"re(\s([A-Za-z-]+)(="[^"]*")?)re");
  const std::string body = page.substr(style_end);
  for (auto it = std::sregex_iterator(body.begin(), body.end(), tag); it != std::sregex_iterator(); ++it) {
    INFO((*it)[0].str());
    CHECK(k_elements.count((*it)[2].str()) == 1);
    const std::string attributes = (*it)[3].str();
    for (auto a = std::sregex_iterator(attributes.begin(), attributes.end(), attribute); a != std::sregex_iterator();
         ++a) {
      CHECK(k_attributes.count((*a)[1].str()) == 1);
    }
  }
  // And no '<' is left that is not a tag.
  CHECK(count(body, "<") == static_cast<std::size_t>(std::distance(
                              std::sregex_iterator(body.begin(), body.end(), tag), std::sregex_iterator())));
}

} // namespace

TEST_CASE("HTML: one self-contained page, record text escaped in text and attributes")
{
  for (const std::string lang : {"en", "vi"}) {
    for (View view : {View::summary, View::tasks, View::attention}) {
      const std::string page = html(one_year(), view, lang);
      INFO(lang, " view ", static_cast<int>(view));
      CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"" + lang + "\">", 0) == 0);
      CHECK(page.find("<script") == std::string::npos);
      CHECK(page.find("onload=\"") == std::string::npos);
      CHECK(page.find("<link") == std::string::npos);
      CHECK(page.find("url(") == std::string::npos);
      CHECK(page.find("@import") == std::string::npos);
      check_markup(page);
    }
  }
  const std::string page = html(one_year());
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("&quot; onload=&quot;x") != std::string::npos);
  CHECK(page.find("Quy chế phối hợp &amp; &#39;hợp tác&#39; &lt;b&gt;giai đoạn&lt;/b&gt;") != std::string::npos);
  // The only URLs on the page are the one a record typed (a note in each
  // agreement), as text.
  CHECK(count(page, "http") == 2);
  CHECK(page.find("<br>https://example.org/x") != std::string::npos);
}

TEST_CASE("HTML: A4 print style with repeated table headings and Vietnamese-capable fonts")
{
  const std::string page = html(one_year(), View::summary, "vi");
  CHECK(page.find("@page { size: A4;") != std::string::npos);
  CHECK(page.find("thead { display: table-header-group; }") != std::string::npos);
  CHECK(page.find("\"Times New Roman\", \"Liberation Serif\", \"Noto Serif\"") != std::string::npos);
  CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(page.find("<h1>Báo cáo kết quả thực hiện quy chế phối hợp năm 2022</h1>") != std::string::npos);
  // Every table has its heading row in a <thead>, which print repeats on each page.
  CHECK(count(page, "<thead>") == count(page, "<table"));
  CHECK(count(page, "<table class=\"wide\">") == 1); // the totals, in a smaller type
}

TEST_CASE("HTML charts: a bar per task, statuses stacked per agreement with a legend, figures over time")
{
  const std::string page = html(one_year());
  CHECK(count(page, "<svg class=\"chart chart-progress\"") == 2);
  CHECK(count(page, "<rect class=\"bar status-") == 7 + 3);
  CHECK(page.find("<title>Progress per task — BT-1 — Quy chế phối hợp &amp;") != std::string::npos);
  CHECK(page.find("<text class=\"value\" x=\"287.1\" y=\"56\">7% (overdue)</text>") != std::string::npos);
  CHECK(count(page, "<svg class=\"chart chart-status\"") == 1);
  CHECK(count(page, "<g class=\"agreement\">") == 2);
  CHECK(page.find("<rect class=\"segment status-done\"") != std::string::npos);
  CHECK(count(page, "<g class=\"legend\">") == 3);
  CHECK(page.find(">Cancelled</text>") != std::string::npos);
  CHECK(page.find("chart-over-time") == std::string::npos); // one period: nothing over time

  const std::string each = html(two_years(), View::summary, "vi");
  CHECK(count(each, "<svg class=\"chart chart-over-time\"") == 1);
  CHECK(count(each, "<rect class=\"bar series-completion\"") == 2);
  CHECK(count(each, "<rect class=\"bar series-progress\"") == 2);
  CHECK(each.find(">Tỷ lệ hoàn thành</text>") != std::string::npos);
  CHECK(each.find(">năm 2023</text>") != std::string::npos);
  CHECK(each.find(">62,5</text>") != std::string::npos);
  CHECK(count(each, "<section class=\"sub-period\">") == 2);
}

TEST_CASE("HTML: a very large agreement's chart is bounded and says what it leaves out")
{
  const std::string page = html(one_year(250), View::summary, "en");
  CHECK(count(page, "<g class=\"task\">") == 60 + 3);
  CHECK(page.find("190 more tasks are not drawn; the table above lists them all.") != std::string::npos);
  CHECK(count(page, "<tr><td>250</td>") == 1); // the table has every task
  const std::string vi = html(one_year(250), View::summary, "vi");
  CHECK(vi.find("Còn 190 đầu việc không vẽ trong biểu đồ") != std::string::npos);
}

TEST_CASE("HTML is deterministic and ignores the stream's locale")
{
  struct CommaPunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\1"; }
  };
  for (View view : {View::summary, View::tasks, View::meetings, View::awards, View::attention}) {
    const std::string first = html(two_years(), view);
    std::ostringstream out;
    out.imbue(std::locale(std::locale::classic(), new CommaPunct));
    render_html(out, two_years(), view, {});
    CHECK(out.str() == first);
    CHECK(html(two_years(), view) == first);
  }
}

TEST_CASE("HTML registers: the register's columns in a table, no records said so")
{
  const std::string page = html(one_year(), View::tasks, "vi");
  CHECK(page.find("<th scope=\"col\">Nội dung</th>") != std::string::npos);
  CHECK(count(page, "<td>BT-1</td>") == 7);
  Summary empty = one_year();
  empty.sections.front().agreements.clear();
  CHECK(html(empty, View::awards).find("<p>No records in this period.</p>") != std::string::npos);
}
