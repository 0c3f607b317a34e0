#include <phoihop/report/build.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::AgreementSection;
using phoihop::report::Attention;
using phoihop::report::compare_as_of;
using phoihop::report::compare_period;
using phoihop::report::Comparison;
using phoihop::report::Counts;
using phoihop::report::DecisionLine;
using phoihop::report::Figure;
using phoihop::report::FigureGroup;
using phoihop::report::figures_read;
using phoihop::report::k_figures;
using phoihop::report::PeriodSection;
using phoihop::report::RecipientLine;
using phoihop::report::RenderOptions;
using phoihop::report::replay;
using phoihop::report::Summary;
using phoihop::report::SummaryRequest;
using phoihop::report::SummarySink;
using phoihop::report::View;

namespace {

Date d(int y, int m, int day)
{
  return Date::from_ymd(y, m, day);
}

// Each figure set through the table to a value of its own (counts 101, 102,
// …; percentages 10.5 + its index), so an output shows which member it read.
Counts distinct_counts()
{
  Counts c;
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    const Figure& f = k_figures[i];
    if (f.count) {
      c.*f.count = 101 + static_cast<int>(i);
    } else {
      c.*f.percent = 10.5 + static_cast<double>(i);
    }
  }
  return c;
}

// The figure as CSV and JSON write distinct_counts()'s value of it.
std::string machine_value(std::size_t i)
{
  return k_figures[i].count ? fmt::format("{}", 101 + i) : fmt::format("{:.1f}", 10.5 + static_cast<double>(i));
}

// One sub-period with one agreement (with a decision, so Markdown writes its
// awards line) whose figures, and the totals, are distinct_counts().
Summary figures_summary()
{
  Summary s;
  s.period = Period{d(2022, 1, 1), d(2022, 12, 31), "2022"};
  s.today = d(2023, 3, 15);
  PeriodSection section;
  section.period = s.period;
  section.as_of = d(2022, 12, 31);
  AgreementSection a;
  a.id = 1;
  a.code = "QCPH-2022";
  a.title = "Quy chế phối hợp";
  a.start = d(2022, 1, 1);
  a.end = d(2026, 12, 31);
  a.status = "in_force";
  a.counts = distinct_counts();
  DecisionLine decision;
  decision.id = 3;
  decision.number = "2345/QĐ-UBND";
  decision.recipients = {RecipientLine{20, "collective", "Sở Nội vụ", "", ""}};
  a.decisions = {decision};
  section.agreements = {a};
  section.totals = distinct_counts();
  s.sections = {section};
  return s;
}

// The summary CSV's header and the row of figures_summary()'s agreement:
// its columns, then k_figures in order.
std::pair<std::string, std::string> summary_csv_fixed()
{
  std::string header = "period_start,period_end,agreement_id,agreement_code,agreement_title";
  std::string row = "2022-01-01,2022-12-31,1,QCPH-2022,Quy chế phối hợp";
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    header += "," + std::string(k_figures[i].key);
    row += "," + machine_value(i);
  }
  return {header, row};
}

RenderOptions lang(const std::string& code)
{
  RenderOptions options;
  options.lang = code;
  return options;
}

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// The lines after the first line equal to `first`, up to the first blank one.
std::vector<std::string> block_after(const std::vector<std::string>& lines, const std::string& first)
{
  std::vector<std::string> block;
  bool in = false;
  for (const auto& line : lines) {
    if (in && line.empty()) {
      break;
    }
    if (in) {
      block.push_back(line);
    }
    in = in || line == first;
  }
  return block;
}

std::string trimmed(const std::string& text)
{
  std::size_t first = text.find_first_not_of(' ');
  return first == std::string::npos ? std::string() : text.substr(first);
}

// The fields of the JSON object opened by the first line ending in `"key": {`,
// each trimmed (`"tasks_total": 101,`).
std::vector<std::string> json_object(const std::string& text, const std::string& key)
{
  std::vector<std::string> fields;
  bool in = false;
  for (const auto& line : lines_of(text)) {
    std::string field = trimmed(line);
    if (in && field.rfind('}', 0) == 0) {
      break;
    }
    if (in) {
      fields.push_back(field);
    }
    in = in || field == "\"" + key + "\": {";
  }
  return fields;
}

// Records the calls a sink gets, with what each one carries.
class RecordingSink : public SummarySink {
public:
  std::vector<std::string> calls;

  void begin(const Period& period, const Date& today, std::size_t sections) override
  {
    calls.push_back(fmt::format("begin {} {} {}", period.label, today.iso(), sections));
  }
  void begin_section(const PeriodSection& section) override
  {
    calls.push_back(fmt::format("begin_section {} {} agreements={} attention={} tasks_total={}{}",
                                section.period.label, section.as_of.iso(), section.agreements.size(),
                                section.attention.size(), section.totals.tasks_total,
                                section.compare ? " compare=" + section.compare->period.label : ""));
  }
  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    calls.push_back(fmt::format("agreement {} {}", section.period.label, agreement.code));
  }
  void attention(const PeriodSection& section, const Attention& item) override
  {
    calls.push_back(fmt::format("attention {} {}", section.period.label, item.kind));
  }
  void end_section(const PeriodSection& section) override
  {
    calls.push_back(fmt::format("end_section {} tasks_total={}", section.period.label, section.totals.tasks_total));
  }
  void end() override { calls.push_back("end"); }
};

} // namespace

TEST_CASE("every member of Counts is exactly one figure of k_figures")
{
  Counts c;
  // A structured binding has to name every member: one added to Counts stops
  // this compiling until it is named here, and then this test fails until
  // k_figures has a row for it.
  auto& [tasks_total, tasks_planned, tasks_in_progress, tasks_done, tasks_cancelled, tasks_overdue,
         tasks_done_in_period, completion_pct, progress_avg, meetings, awards_collective, awards_individual,
         tasks_unfinished] = c;
  const std::set<const void*> members{&tasks_total,       &tasks_planned,        &tasks_in_progress, &tasks_done,
                                      &tasks_cancelled,   &tasks_overdue,        &tasks_done_in_period,
                                      &completion_pct,    &progress_avg,         &meetings,
                                      &awards_collective, &awards_individual, &tasks_unfinished};
  REQUIRE(members.size() == 13);

  std::set<const void*> read;
  std::set<std::string_view> keys;
  for (const Figure& f : k_figures) {
    CAPTURE(f.key);
    CHECK((f.count == nullptr) != (f.percent == nullptr));
    CHECK(f.is_percent() == (f.percent != nullptr));
    read.insert(f.count ? static_cast<const void*>(&(c.*f.count)) : static_cast<const void*>(&(c.*f.percent)));
    keys.insert(f.key);
    CHECK(!f.en.empty());
    CHECK(!f.vi.empty());
  }
  CHECK(read == members);
  CHECK(keys.size() == k_figures.size());
}

TEST_CASE("the percentages are the task figures read as optional decimals")
{
  std::vector<std::string_view> percents;
  for (const Figure& f : k_figures) {
    if (f.is_percent()) {
      percents.push_back(f.key);
      CHECK(f.group == FigureGroup::tasks);
    }
  }
  CHECK(percents == std::vector<std::string_view>{"completion_pct", "progress_avg"});
}

TEST_CASE("the summary CSV header and row are the agreement's columns, then k_figures in order")
{
  std::ostringstream out;
  render_csv(out, figures_summary(), View::summary, {});
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 2);

  const auto [header, row] = summary_csv_fixed();
  CHECK(lines[0] == header + "\r");
  CHECK(lines[1] == row + "\r");

  // An absent percentage is an empty cell.
  Summary absent = figures_summary();
  absent.sections[0].agreements[0].counts.completion_pct.reset();
  std::ostringstream absent_out;
  render_csv(absent_out, absent, View::summary, {});
  CHECK(absent_out.str().find(",107,,18.5,") != std::string::npos);
}

TEST_CASE("JSON counts and totals are k_figures in order, percentages as numbers or null")
{
  Summary s = figures_summary();
  s.sections[0].totals.progress_avg.reset();
  std::ostringstream out;
  render_json(out, s, View::summary, {});

  std::vector<std::string> counts;
  std::vector<std::string> totals;
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    std::string comma = i + 1 < k_figures.size() ? "," : "";
    counts.push_back(fmt::format("\"{}\": {}{}", k_figures[i].key, machine_value(i), comma));
    std::string total = k_figures[i].key == "progress_avg" ? "null" : machine_value(i);
    totals.push_back(fmt::format("\"{}\": {}{}", k_figures[i].key, total, comma));
  }
  CHECK(json_object(out.str(), "counts") == counts);
  CHECK(json_object(out.str(), "totals") == totals);
}

TEST_CASE("Markdown figures and totals tables have a row and a column per figure, in both languages")
{
  for (const char* code : {"en", "vi"}) {
    CAPTURE(code);
    const bool vi = std::string_view(code) == "vi";
    std::ostringstream out;
    render_markdown(out, figures_summary(), View::summary, lang(code));
    const auto lines = lines_of(out.str());

    std::vector<std::string> figures;
    std::string totals_header = vi ? "| Quy chế |" : "| Agreement |";
    std::string totals_row = vi ? "| **Tổng cộng** |" : "| **Total** |";
    std::string awards_line;
    // In the order people read them (figures_read), which is the CSV's but
    // for a figure appended to it and read beside its kin.
    for (const Figure* read : figures_read()) {
      const Figure& f = *read;
      std::string value = machine_value(static_cast<std::size_t>(read - k_figures.data()));
      if (f.is_percent()) {
        value = (vi ? value.replace(value.find('.'), 1, ",") : value) + "%";
      }
      std::string_view heading = vi ? f.vi : f.en;
      figures.push_back(fmt::format("| {} | {} |", heading, value));
      totals_header += fmt::format(" {} |", heading);
      totals_row += fmt::format(" {} |", value);
      if (f.group == FigureGroup::awards) {
        awards_line += fmt::format("{}{}: {}", awards_line.empty() ? "" : " · ", heading, value);
      }
    }
    figures.insert(figures.begin(), "| --- | ---: |");

    CHECK(block_after(lines, vi ? "| Chỉ tiêu | Số liệu |" : "| Figure | Value |") == figures);
    const auto totals = block_after(lines, totals_header);
    REQUIRE(totals.size() == 3);
    CHECK(totals[2] == totals_row);
    CHECK(awards_line == (vi ? "Tập thể được khen thưởng: 111 · Cá nhân được khen thưởng: 112"
                             : "Collectives commended: 111 · Individuals commended: 112"));
    CHECK(std::find(lines.begin(), lines.end(), awards_line + ".") != lines.end());
  }
}

TEST_CASE("replay hands a built summary over in the order build_summary streams it")
{
  Summary s = figures_summary();
  PeriodSection second = s.sections[0];
  second.period = Period{d(2023, 1, 1), d(2023, 12, 31), "2023"};
  second.as_of = d(2023, 3, 15);
  second.agreements.push_back(second.agreements[0]);
  second.agreements[1].code = "QCPH-2023";
  Attention item;
  item.kind = "final_review_missing";
  second.attention = {item};
  second.totals.tasks_total = 7;
  s.sections.push_back(second);

  RecordingSink sink;
  replay(s, sink);
  // A section starts bare, as build_summary() starts it, and carries its
  // totals only at its end.
  CHECK(sink.calls == std::vector<std::string>{
                        "begin 2022 2023-03-15 2",
                        "begin_section 2022 2022-12-31 agreements=0 attention=0 tasks_total=0",
                        "agreement 2022 QCPH-2022",
                        "end_section 2022 tasks_total=101",
                        "begin_section 2023 2023-03-15 agreements=0 attention=0 tasks_total=0",
                        "attention 2023 final_review_missing",
                        "agreement 2023 QCPH-2022",
                        "agreement 2023 QCPH-2023",
                        "end_section 2023 tasks_total=7",
                        "end",
                      });

  RecordingSink empty_sink;
  replay(Summary{}, empty_sink);
  CHECK(empty_sink.calls.size() == 2);
  CHECK(empty_sink.calls.back() == "end");
}

TEST_CASE("replay hands each section's comparison over at its beginning")
{
  Summary s = figures_summary();
  Comparison other;
  other.period = Period{d(2021, 1, 1), d(2021, 12, 31), "2021"};
  s.sections[0].compare = other;
  RecordingSink sink;
  replay(s, sink);
  REQUIRE(sink.calls.size() == 5);
  CHECK(sink.calls[1] == "begin_section 2022 2022-12-31 agreements=0 attention=0 tasks_total=0 compare=2021");
}

namespace {

// distinct_counts() as they stood in the other period: each count 0, 1 or 2
// lower (so the changes are +0, +1, +2), tasks_total 3 higher (a fall), each
// percentage 2.5 points lower.
Counts earlier_counts()
{
  Counts c = distinct_counts();
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    const Figure& f = k_figures[i];
    if (f.count) {
      c.*f.count -= static_cast<int>(i % 3);
    } else {
      *(c.*f.percent) -= 2.5;
    }
  }
  c.tasks_total += 3;
  return c;
}

// The change of figure i from earlier_counts() as CSV and JSON write it.
std::string machine_delta(std::size_t i)
{
  if (!k_figures[i].count) {
    return "2.5";
  }
  return k_figures[i].key == "tasks_total" ? "-3" : fmt::format("{}", i % 3);
}

Summary compared_summary()
{
  Summary s = figures_summary();
  Comparison other;
  other.period = Period{d(2021, 1, 1), d(2021, 12, 31), "2021"};
  other.as_of = d(2021, 12, 31);
  other.totals = earlier_counts();
  other.agreements = {{1, earlier_counts()}};
  s.sections[0].compare = other;
  // A second agreement the other period did not include: no changes.
  AgreementSection added = s.sections[0].agreements[0];
  added.id = 2;
  added.code = "QCPH-NEW";
  s.sections[0].agreements.push_back(added);
  return s;
}

} // namespace

TEST_CASE("delta: a count's difference, a percentage's in points, absent when either percentage is")
{
  const Counts now = distinct_counts();
  const Counts before = earlier_counts();
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    CAPTURE(k_figures[i].key);
    auto change = phoihop::report::delta(k_figures[i], now, before);
    REQUIRE(change);
    CHECK(fmt::format("{}", *change) == machine_delta(i));
  }
  Counts rounded;
  rounded.completion_pct = 66.7;
  Counts lower;
  lower.completion_pct = 33.3;
  CHECK(*phoihop::report::delta(k_figures[7], rounded, lower) == 33.4);
  CHECK(*phoihop::report::delta(k_figures[7], lower, lower) == 0.0);
  lower.completion_pct.reset();
  CHECK(!phoihop::report::delta(k_figures[7], rounded, lower));
}

TEST_CASE("--compare in CSV: the fixed columns untouched, the other period and each figure's change appended")
{
  std::ostringstream out;
  render_csv(out, compared_summary(), View::summary, {});
  const auto lines = lines_of(out.str());
  REQUIRE(lines.size() == 3);
  auto [header, row] = summary_csv_fixed();
  std::string changes;
  std::string none;
  header += ",compare_period_start,compare_period_end";
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    header += "," + std::string(k_figures[i].key) + "_delta";
    changes += "," + machine_delta(i); // -3 stays a number, not a neutralised formula
    none += ",";
  }
  CHECK(lines[0] == header + "\r");
  CHECK(lines[1] == row + ",2021-01-01,2021-12-31" + changes + "\r");
  std::string added_row = row;
  added_row.replace(added_row.find(",1,QCPH-2022,"), 13, ",2,QCPH-NEW,");
  CHECK(lines[2] == added_row + ",2021-01-01,2021-12-31" + none + "\r");
}

TEST_CASE("--compare in JSON: each agreement's and the section's other counts and changes, appended")
{
  std::ostringstream out;
  render_json(out, compared_summary(), View::summary, {});
  const std::string text = out.str();
  std::vector<std::string> deltas;
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    std::string comma = i + 1 < k_figures.size() ? "," : "";
    std::string value = machine_delta(i);
    deltas.push_back(fmt::format("\"{}\": {}{}", k_figures[i].key, value, comma));
  }
  CHECK(json_object(text, "deltas") == deltas);
  // The agreement the other period did not include, then the section's.
  CHECK(text.find("\"compare\": null\n        }\n      ],\n      \"totals\": {") != std::string::npos);
  CHECK(text.find("\"attention\": [],\n      \"compare\": {\n        \"period\": {\n"
                  "          \"first\": \"2021-01-01\",\n          \"last\": \"2021-12-31\",\n"
                  "          \"label\": \"2021\"\n        },\n        \"as_of\": \"2021-12-31\",\n"
                  "        \"totals\": {\n          \"tasks_total\": 104,") != std::string::npos);
  CHECK(text.find("\"compare\": {\n            \"counts\": {\n              \"tasks_total\": 104,") !=
        std::string::npos);
}

TEST_CASE("--compare in Markdown: each figure with its change in brackets, what it is compared with said")
{
  for (const char* code : {"en", "vi"}) {
    CAPTURE(code);
    const bool vi = std::string_view(code) == "vi";
    std::ostringstream out;
    render_markdown(out, compared_summary(), View::summary, lang(code));
    const std::string md = out.str();
    const auto lines = lines_of(md);
    CHECK(lines[4] == (vi ? "So sánh với năm 2021 (từ ngày 01 tháng 01 năm 2021 đến ngày 31 tháng 12 năm 2021; "
                            "số liệu tính đến ngày 31 tháng 12 năm 2021); mức tăng, giảm ghi trong ngoặc."
                          : "Compared with 2021 (2021-01-01 to 2021-12-31; figures as of 2021-12-31); changes "
                            "in brackets."));
    std::vector<std::string> figures{"| --- | ---: |"};
    std::string totals_row = vi ? "| **Tổng cộng** |" : "| **Total** |";
    for (const Figure* read : figures_read()) {
      const Figure& f = *read;
      const auto i = static_cast<std::size_t>(read - k_figures.data());
      std::string value = machine_value(i);
      std::string change = machine_delta(i);
      if (f.is_percent()) {
        value += "%";
        change = "+" + change;
      } else if (change == "0") {
        change = "±0";
      } else if (change[0] != '-') {
        change = "+" + change;
      }
      if (vi) {
        std::replace(value.begin(), value.end(), '.', ',');
        std::replace(change.begin(), change.end(), '.', ',');
      }
      figures.push_back(fmt::format("| {} | {} ({}) |", vi ? f.vi : f.en, value, change));
      totals_row += fmt::format(" {} ({}) |", value, change);
    }
    CHECK(block_after(lines, vi ? "| Chỉ tiêu | Số liệu |" : "| Figure | Value |") == figures);
    CHECK(std::find(lines.begin(), lines.end(), totals_row) != lines.end());
    // The agreement the other period did not include has its figures alone.
    CHECK(md.find(vi ? "| QCPH-NEW | 101 | 102 |" : "| QCPH-NEW | 101 | 102 |") != std::string::npos);
  }
}

TEST_CASE("compare_period: the period before of the same length, or the same days a year earlier")
{
  using Compare = SummaryRequest::Compare;
  auto other = [](const Date& first, const Date& last, Compare compare) {
    Period p = compare_period(Period{first, last, phoihop::core::period_label(first, last)}, compare);
    return fmt::format("{}..{} {}", p.first.iso(), p.last.iso(), p.label);
  };
  // Whole months go by whole months.
  CHECK(other(d(2023, 1, 1), d(2023, 12, 31), Compare::previous) == "2022-01-01..2022-12-31 2022");
  CHECK(other(d(2023, 1, 1), d(2023, 12, 31), Compare::year) == "2022-01-01..2022-12-31 2022");
  CHECK(other(d(2018, 1, 1), d(2022, 12, 31), Compare::previous) == "2013-01-01..2017-12-31 2013-2017");
  CHECK(other(d(2023, 1, 1), d(2023, 3, 31), Compare::previous) == "2022-10-01..2022-12-31 2022-Q4");
  CHECK(other(d(2023, 1, 1), d(2023, 3, 31), Compare::year) == "2022-01-01..2022-03-31 2022-Q1");
  CHECK(other(d(2023, 7, 1), d(2023, 12, 31), Compare::previous) == "2023-01-01..2023-06-30 2023-H1");
  CHECK(other(d(2024, 3, 1), d(2024, 3, 31), Compare::previous) == "2024-02-01..2024-02-29 2024-02");
  CHECK(other(d(2025, 2, 1), d(2025, 2, 28), Compare::year) == "2024-02-01..2024-02-29 2024-02");
  CHECK(other(d(2022, 12, 1), d(2023, 1, 31), Compare::previous) ==
        "2022-10-01..2022-11-30 2022-10-01..2022-11-30");
  // Other days go by days; a year earlier, 29 February becomes the 28th.
  CHECK(other(d(2023, 3, 10), d(2023, 3, 19), Compare::previous) ==
        "2023-02-28..2023-03-09 2023-02-28..2023-03-09");
  CHECK(other(d(2024, 2, 29), d(2024, 3, 10), Compare::year) == "2023-02-28..2023-03-10 2023-02-28..2023-03-10");
  CHECK(other(d(2022, 12, 1), d(2026, 11, 26), Compare::year) == "2021-12-01..2025-11-26 2021-12-01..2025-11-26");
}

TEST_CASE("compare_as_of: an ended period against the whole other one, a running one against the same part")
{
  using Compare = SummaryRequest::Compare;
  auto as_of = [](const Period& p, const Date& day, Compare compare) {
    PeriodSection section;
    section.period = p;
    section.as_of = day;
    return compare_as_of(section, compare_period(p, compare), compare).iso();
  };
  const Period y2026{d(2026, 1, 1), d(2026, 12, 31), "2026"};
  CHECK(as_of(y2026, d(2026, 12, 31), Compare::year) == "2025-12-31");
  CHECK(as_of(y2026, d(2026, 11, 26), Compare::year) == "2025-11-26");
  CHECK(as_of(y2026, d(2026, 11, 26), Compare::previous) == "2025-11-26");
  const Period q4{d(2026, 10, 1), d(2026, 12, 31), "2026-Q4"};
  CHECK(as_of(q4, d(2026, 11, 26), Compare::previous) == "2026-08-26"); // day 57 of Q3
  CHECK(as_of(q4, d(2026, 12, 31), Compare::previous) == "2026-09-30");
  const Period feb{d(2024, 2, 1), d(2024, 2, 29), "2024-02"};
  CHECK(as_of(feb, d(2024, 2, 29), Compare::year) == "2023-02-28");
  const Period march{d(2024, 3, 1), d(2024, 3, 31), "2024-03"};
  CHECK(as_of(march, d(2024, 3, 30), Compare::previous) == "2024-02-29"); // clipped to February's end
}
