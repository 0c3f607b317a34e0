#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::AgreementSection;
using phoihop::report::Attention;
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
    calls.push_back(fmt::format("begin_section {} {} agreements={} attention={} tasks_total={}",
                                section.period.label, section.as_of.iso(), section.agreements.size(),
                                section.attention.size(), section.totals.tasks_total));
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

  std::string header = "period_start,period_end,agreement_id,agreement_code,agreement_title";
  std::string row = "2022-01-01,2022-12-31,1,QCPH-2022,Quy chế phối hợp";
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    header += "," + std::string(k_figures[i].key);
    row += "," + machine_value(i);
  }
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
