#include <phoihop/core/text.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

// `--format html` (phoihop-report(1), FORMATS): one self-contained page, the
// Markdown report's content with inline SVG charts, for the screen and for
// printing on A4. Nothing is fetched: no script, no link, no external font;
// the style sheet is inline and every record's text goes through
// escape_html(). A sink like the others: each agreement is written as it
// arrives; the totals rows and the attention list are spooled, and what the
// charts need of the whole is small (a Counts per drawn agreement, two
// percentages per sub-period).
namespace phoihop::report {

namespace {

using detail::Words;

std::string esc(const std::string& text)
{
  return detail::escape_html(text);
}

// A text of lines (a note typed over several): each line escaped, joined by <br>.
std::string esc_lines(const std::string& text)
{
  return detail::lines_text(text, esc, "<br>");
}

std::string cell(const std::string& text)
{
  return detail::cell_text(text, esc);
}

// The phrases of the charts, which the Markdown has no use for.
struct ChartWords {
  std::string_view progress_title;  // per task
  std::string_view status_title;    // tasks by status per agreement
  std::string_view over_time;       // the heading of the over-time chart
  std::string_view over_time_title; // its caption
  std::string_view not_drawn_tasks; // "{} more tasks are not drawn; the table lists them all."
  std::string_view not_drawn_agreements;
  std::string_view overdue;
};

constexpr ChartWords k_chart_en{
  "Progress per task",
  "Tasks by status per agreement",
  "Figures over time",
  "Completion rate and average progress per sub-period",
  "{} more tasks are not drawn; the table above lists them all.",
  "{} more agreements are not drawn; the table above lists them all.",
  "overdue",
};

constexpr ChartWords k_chart_vi{
  "Tiến độ từng đầu việc",
  "Đầu việc theo tình trạng của từng quy chế",
  "Số liệu qua các kỳ",
  "Tỷ lệ hoàn thành và tiến độ bình quân từng kỳ",
  "Còn {} đầu việc không vẽ trong biểu đồ; bảng trên liệt kê đầy đủ.",
  "Còn {} quy chế không vẽ trong biểu đồ; bảng trên liệt kê đầy đủ.",
  "quá hạn",
};

// How many bars a chart draws at most: beyond, it says how many are left out
// (the tables list every one), so a page stays printable for any agreement.
constexpr std::size_t k_max_task_bars = 60;
constexpr std::size_t k_max_agreement_bars = 40;

// The task statuses as the charts colour them, in the order of their legend.
struct StatusColour {
  std::string_view status;
  std::string_view fill;
  int Counts::*count;
};

constexpr std::array<StatusColour, 5> k_status_colours{{
  {"done", "#2e7d32", &Counts::tasks_done},
  {"in_progress", "#1565c0", &Counts::tasks_in_progress},
  {"planned", "#9e9e9e", &Counts::tasks_planned},
  {"unfinished", "#ef6c00", &Counts::tasks_unfinished},
  {"cancelled", "#d7ccc8", &Counts::tasks_cancelled},
}};

std::string_view status_fill(std::string_view status)
{
  for (const auto& colour : k_status_colours) {
    if (colour.status == status) {
      return colour.fill;
    }
  }
  return "#9e9e9e";
}

// A coordinate with at most one decimal: fmt, so no locale changes a byte.
std::string px(double value)
{
  std::string text = fmt::format("{:.1f}", value);
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) {
    text.resize(text.size() - 2);
  }
  return text == "-0" ? "0" : text;
}

constexpr int k_chart_width = 680;

std::string svg_open(std::string_view kind, int height, const std::string& title)
{
  // Inline in HTML an <svg> needs no namespace attribute, so the page holds
  // no URL of its own at all.
  return fmt::format("<svg class=\"chart {}\" role=\"img\" width=\"{}\" "
                     "height=\"{}\" viewBox=\"0 0 {} {}\">\n<title>{}</title>\n",
                     kind, k_chart_width, height, k_chart_width, height, title);
}

// A legend row at `y`: a swatch and a label per entry, left to right.
std::string legend(const std::vector<std::pair<std::string_view, std::string>>& entries, int y)
{
  std::string out = "<g class=\"legend\">\n";
  double x = 0;
  for (const auto& [fill, label] : entries) {
    out += fmt::format("<rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\" "
                       "stroke=\"#555\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
                       px(x), y, fill, px(x + 16), y + 10, esc(label));
    x += 16 + 7 * core::display_width(label) + 18;
  }
  return out + "</g>\n";
}


std::string legend_of_statuses(bool vi, int y)
{
  std::vector<std::pair<std::string_view, std::string>> entries;
  for (const auto& colour : k_status_colours) {
    entries.emplace_back(colour.fill, detail::capitalize(detail::task_status_label(vi, colour.status)));
  }
  return legend(entries, y);
}

// A task's number and title as its bar's label says them, unescaped: its code,
// else its place.
std::string bar_label(const TaskLine& task, std::size_t index)
{
  return (task.code.empty() ? fmt::format("{}", index + 1) : task.code) + " " + task.title;
}

// Progress per task: a bar per task, coloured by status, its percentage at
// its end; the first k_max_task_bars tasks, the rest said in the caption.
std::string progress_chart(bool vi, const AgreementSection& agreement)
{
  const ChartWords& cw = vi ? k_chart_vi : k_chart_en;
  const std::size_t drawn = std::min(agreement.tasks.size(), k_max_task_bars);
  constexpr int top = 24;
  constexpr int row = 20;
  constexpr int label_width = 250;
  constexpr int bar_x = 260;
  constexpr int bar_width = 330;
  const int height = top + static_cast<int>(drawn) * row + 4;
  const std::string title = fmt::format("{} — {}", cw.progress_title, esc(detail::agreement_name(agreement)));
  std::string out = "<figure class=\"chart\">\n" + svg_open("chart-progress", height, title);
  out += legend_of_statuses(vi, 0);
  out += fmt::format("<line class=\"axis\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#555\"/>\n", bar_x, top - 4,
                     bar_x, height);
  out += fmt::format("<line class=\"axis\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#bbb\" "
                     "stroke-dasharray=\"3 3\"/>\n",
                     bar_x + bar_width, top - 4, height);
  for (std::size_t i = 0; i < drawn; ++i) {
    const TaskLine& task = agreement.tasks[i];
    const int y = top + static_cast<int>(i) * row;
    const int percent = std::clamp(task.progress, 0, 100);
    std::string value = fmt::format("{}%", task.progress);
    if (task.overdue) {
      value += fmt::format(" ({})", cw.overdue);
    }
    // Each bar says in full what it shows, for a reader and a screen reader.
    out += fmt::format("<g class=\"task\"><title>{}: {}, {}</title>\n", esc(bar_label(task, i)),
                       esc(detail::task_status_label(vi, task.status)), value);
    out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", label_width,
                       y + 12, esc(detail::fit_width(bar_label(task, i), 38)));
    out += fmt::format("<rect class=\"bar status-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" fill=\"{}\"{}/>\n",
                       esc(task.status), bar_x, y + 1, px(bar_width * percent / 100.0), status_fill(task.status),
                       task.overdue ? " stroke=\"#b71c1c\" stroke-width=\"2\"" : "");
    out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>\n",
                       px(bar_x + bar_width * percent / 100.0 + 4), y + 12, value);
  }
  out += "</svg>\n<figcaption>" + title;
  if (agreement.tasks.size() > drawn) {
    out += ". " + fmt::format(fmt::runtime(cw.not_drawn_tasks), agreement.tasks.size() - drawn);
  }
  return out + "</figcaption>\n</figure>\n";
}

// One agreement's bar in the status chart.
struct StatusBar {
  std::string name; // escaped
  Counts counts;
};

// Tasks by status per agreement: a stacked bar per agreement, the widest
// agreement the full width, each part's count inside it when it fits.
std::string status_chart(bool vi, const std::vector<StatusBar>& bars, std::size_t left_out)
{
  const ChartWords& cw = vi ? k_chart_vi : k_chart_en;
  constexpr int top = 24;
  constexpr int row = 22;
  constexpr int label_width = 120;
  constexpr int bar_x = 130;
  constexpr int bar_width = 480;
  int widest = 1;
  for (const auto& bar : bars) {
    widest = std::max(widest, bar.counts.tasks_total);
  }
  const int height = top + static_cast<int>(bars.size()) * row + 4;
  const std::string title(cw.status_title);
  std::string out = "<figure class=\"chart\">\n" + svg_open("chart-status", height, title);
  out += legend_of_statuses(vi, 0);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const StatusBar& bar = bars[i];
    const int y = top + static_cast<int>(i) * row;
    out += fmt::format("<g class=\"agreement\"><text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                       label_width, y + 13, bar.name);
    double x = bar_x;
    for (const auto& colour : k_status_colours) {
      const int count = bar.counts.*colour.count;
      if (count == 0) {
        continue;
      }
      const double width = bar_width * static_cast<double>(count) / widest;
      out += fmt::format("<rect class=\"segment status-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\">"
                         "<title>{}: {}</title></rect>\n",
                         colour.status, px(x), y + 1, px(width), colour.fill,
                         detail::capitalize(detail::task_status_label(vi, colour.status)), count);
      if (width >= 18) {
        out += fmt::format("<text class=\"count\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                           px(x + width / 2), y + 13, count);
      }
      x += width;
    }
    out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text></g>\n", px(x + 4), y + 13,
                       bar.counts.tasks_total);
  }
  out += "</svg>\n<figcaption>" + title;
  if (left_out > 0) {
    out += ". " + fmt::format(fmt::runtime(cw.not_drawn_agreements), left_out);
  }
  return out + "</figcaption>\n</figure>\n";
}

// A sub-period in the over-time chart.
struct Point {
  std::string name; // the sub-period's, unescaped
  std::optional<double> completion;
  std::optional<double> progress;
};

// The figures over time (--each): per sub-period a bar of the completion
// rate and one of the average progress, on one 0–100 % scale.
std::string over_time_chart(bool vi, const std::vector<Point>& points)
{
  const ChartWords& cw = vi ? k_chart_vi : k_chart_en;
  const Figure* completion = nullptr;
  const Figure* progress = nullptr;
  for (const auto& figure : k_figures) {
    if (figure.percent == &Counts::completion_pct) {
      completion = &figure;
    } else if (figure.percent == &Counts::progress_avg) {
      progress = &figure;
    }
  }
  constexpr std::string_view completion_fill = "#2e7d32";
  constexpr std::string_view progress_fill = "#1565c0";
  constexpr int top = 30;
  constexpr int plot_height = 200;
  constexpr int axis_x = 44;
  constexpr int plot_width = k_chart_width - axis_x - 8;
  const int height = top + plot_height + 40;
  const std::string title(cw.over_time_title);
  std::string out = "<figure class=\"chart\">\n" + svg_open("chart-over-time", height, title);
  out += legend({{completion_fill, std::string(vi ? completion->vi : completion->en)},
                 {progress_fill, std::string(vi ? progress->vi : progress->en)}},
                0);
  for (int tick = 0; tick <= 100; tick += 25) {
    const int y = top + plot_height - plot_height * tick / 100;
    out += fmt::format("<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>"
                       "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}%</text>\n",
                       axis_x, y, axis_x + plot_width, y, tick == 0 ? "#555" : "#ddd", axis_x - 4, y + 4, tick);
  }
  const double group = static_cast<double>(plot_width) / static_cast<double>(std::max<std::size_t>(points.size(), 1));
  const double bar = std::min(group * 0.36, 28.0);
  // A label every `every` groups, so neighbours do not overlap.
  const std::size_t every = static_cast<std::size_t>(std::ceil(96.0 / group));
  for (std::size_t i = 0; i < points.size(); ++i) {
    const Point& point = points[i];
    const double centre = axis_x + group * (static_cast<double>(i) + 0.5);
    out += fmt::format("<g class=\"sub-period\"><title>{}: {} {}; {} {}</title>\n", esc(point.name),
                       vi ? completion->vi : completion->en, detail::percent_text(vi, point.completion),
                       vi ? progress->vi : progress->en, detail::percent_text(vi, point.progress));
    int series = 0;
    for (const auto& [value, fill, kind] :
         {std::tuple{point.completion, completion_fill, "completion"}, std::tuple{point.progress, progress_fill,
                                                                                  "progress"}}) {
      const double x = centre + (series++ == 0 ? -bar - 1 : 1);
      if (!value) {
        continue;
      }
      const double h = plot_height * std::clamp(*value, 0.0, 100.0) / 100.0;
      out += fmt::format("<rect class=\"bar series-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n",
                         kind, px(x), px(top + plot_height - h), px(bar), px(h), fill);
      if (group >= 56) {
        out += fmt::format("<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                           px(x + bar / 2), px(top + plot_height - h - 3), detail::decimal_text(vi, value));
      }
    }
    if (i % every == 0) {
      out += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", px(centre),
                         top + plot_height + 16, esc(detail::fit_width(point.name, 16)));
    }
    out += "</g>\n";
  }
  return out + "</svg>\n<figcaption>" + title + "</figcaption>\n</figure>\n";
}

// The page's style: readable on a screen, A4 in print with each table's
// heading repeated on every page, no row or chart split where it can be
// helped, and each sub-period on a page of its own. Fonts that have
// Vietnamese's letters come first, so no glyph falls back to a box.
constexpr std::string_view k_style = R"(:root { color-scheme: light; }
html { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif", serif; font-size: 12pt;
  line-height: 1.35; color: #111; background: #fff; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.55rem; text-align: center; margin: 0 0 .4rem; }
h2 { font-size: 1.3rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #888; }
h3 { font-size: 1.15rem; margin: 1.2rem 0 .4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 .3rem; }
p.period, p.compare { text-align: center; font-style: italic; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { border: 1px solid #777; padding: .2rem .35rem; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
table.wide { font-size: .8rem; }
table.wide td:first-child { min-width: 5.5em; }
thead th { background: #e8e8e8; font-weight: bold; }
.num { text-align: right; }
td.num { white-space: nowrap; }
tr.total th, tr.total td { font-weight: bold; background: #f3f3f3; }
ul.facts { list-style: none; padding: 0; margin: .3rem 0 .6rem; }
li { overflow-wrap: anywhere; }
.overdue { color: #b71c1c; font-weight: bold; }
figure.chart { margin: .6rem 0 1rem; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .9rem; font-style: italic; }
svg text { font-family: inherit; font-size: 12px; fill: #111; }
@page { size: A4; margin: 20mm 15mm 20mm 25mm; }
@media print {
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  thead { display: table-header-group; }
  tr, figure.chart, ul.facts, li { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }
  section.sub-period + section.sub-period, section.over-time { break-before: page; page-break-before: always; }
}
)";

// Writes the page's elements; every text it is given is already escaped.
class Html {
public:
  explicit Html(std::ostream& out) : m_out(out) {}

  std::ostream& out() { return m_out; }

  void heading(int level, const std::string& text)
  {
    const int h = std::clamp(level, 1, 6);
    m_out << fmt::format("<h{0}>{1}</h{0}>\n", h, text);
  }

  void paragraph(const std::string& text, std::string_view cls = {})
  {
    m_out << (cls.empty() ? std::string("<p>") : fmt::format("<p class=\"{}\">", cls)) << text << "</p>\n";
  }

  void list(const std::vector<std::string>& items, bool ordered, std::string_view cls = {})
  {
    if (items.empty()) {
      return;
    }
    const char* tag = ordered ? "ol" : "ul";
    m_out << '<' << tag << (cls.empty() ? std::string() : fmt::format(" class=\"{}\"", cls)) << ">\n";
    for (const auto& item : items) {
      m_out << "<li>" << item << "</li>\n";
    }
    m_out << "</" << tag << ">\n";
  }

  void facts(const std::vector<detail::Fact>& facts)
  {
    std::vector<std::string> items;
    for (const auto& fact : facts) {
      items.push_back(fmt::format("<strong>{}:</strong> {}", fact.label, fact.text));
    }
    list(items, false, "facts");
  }

  // A table's heading row; `right` marks the numeric columns.
  void table_start(const std::vector<std::string>& headers, const std::vector<bool>& right)
  {
    m_right = right;
    // A table of many columns (the totals, the registers) in a smaller type,
    // so it fits a portrait A4 page.
    m_out << (headers.size() > 8 ? "<table class=\"wide\">" : "<table>") << "\n<thead><tr>";
    for (std::size_t i = 0; i < headers.size(); ++i) {
      m_out << "<th" << (is_right(i) ? " class=\"num\"" : "") << " scope=\"col\">" << headers[i] << "</th>";
    }
    m_out << "</tr></thead>\n<tbody>\n";
  }

  void table_row(const std::vector<std::string>& cells) { m_out << row_text(cells, m_right); }

  // A table row as text, the cells `right` marks right-aligned.
  static std::string row_text(const std::vector<std::string>& cells, const std::vector<bool>& right,
                              std::string_view cls = {})
  {
    std::string row = cls.empty() ? std::string("<tr>") : fmt::format("<tr class=\"{}\">", cls);
    for (std::size_t i = 0; i < cells.size(); ++i) {
      row += (i < right.size() && right[i] ? "<td class=\"num\">" : "<td>") + cells[i] + "</td>";
    }
    return row + "</tr>\n";
  }

  void table_end() { m_out << "</tbody>\n</table>\n"; }

  void table(const std::vector<std::string>& headers, const std::vector<bool>& right,
             const std::vector<std::vector<std::string>>& rows)
  {
    table_start(headers, right);
    for (const auto& row : rows) {
      table_row(row);
    }
    table_end();
  }

private:
  bool is_right(std::size_t i) const { return i < m_right.size() && m_right[i]; }

  std::ostream& m_out;
  std::vector<bool> m_right;
};

struct Writer {
  Html& html;
  bool vi;
  const Words& w;

  void table(const detail::TextTable& table) const { html.table(table.headers, table.right, table.rows); }

  void tasks(const AgreementSection& agreement, int level) const
  {
    html.heading(level, std::string(w.tasks));
    if (agreement.tasks.empty()) {
      html.paragraph(std::string(w.no_tasks));
      return;
    }
    const detail::TextTable head = detail::tasks_table(vi);
    html.table_start(head.headers, head.right);
    std::vector<std::string> results;
    for (std::size_t i = 0; i < agreement.tasks.size(); ++i) {
      const TaskLine& task = agreement.tasks[i];
      const std::string status = detail::task_status_text(vi, task, esc, "<strong class=\"overdue\">", "</strong>");
      const std::string number = detail::task_number(task, i, esc);
      html.table_row({number, cell(task.title), cell(task.lead), detail::partners_text(task, esc),
                      detail::cell_date(vi, task.due), status, fmt::format("{}%", task.progress),
                      detail::indicator_text(vi, task, esc)});
      if (std::string note = esc_lines(task.result_note); !note.empty()) {
        results.push_back(fmt::format("<strong>{}. {}</strong>{}: {}", number, esc(task.title),
                                      detail::result_when(vi, task), note));
      }
    }
    html.table_end();
    html.out() << progress_chart(vi, agreement);
    if (!results.empty()) {
      html.heading(level + 1, std::string(w.results));
      html.list(results, false);
    }
    if (!agreement.by_lead.empty()) {
      html.heading(level + 1, std::string(w.by_lead));
      table(detail::by_lead_table(vi, agreement, esc));
    }
  }

  void meeting(const MeetingLine& meeting, int level) const
  {
    html.heading(level, detail::meeting_heading(vi, meeting, esc));
    html.facts(detail::meeting_facts(vi, meeting, esc));
    if (!meeting.contributions.empty()) {
      html.paragraph(fmt::format("<strong>{}</strong>", w.contributions));
      html.list(detail::contribution_items(meeting, esc), true);
    }
    if (!meeting.conclusions.empty()) {
      html.paragraph(fmt::format("<strong>{}</strong>", w.conclusions));
      html.list(detail::conclusion_items(vi, meeting, esc), true);
    }
  }

  void decision(const DecisionLine& decision, int level) const
  {
    html.heading(level, detail::decision_heading(vi, decision, esc));
    html.facts(detail::decision_facts(vi, decision, esc));
    std::vector<std::string> collectives = detail::collective_names(decision, esc);
    if (!collectives.empty()) {
      html.paragraph(fmt::format("<strong>{} ({})</strong>", w.collectives, collectives.size()));
      html.list(collectives, true);
    }
    detail::TextTable individuals = detail::individuals_table(vi, decision, esc);
    if (!individuals.rows.empty()) {
      html.paragraph(fmt::format("<strong>{} ({})</strong>", w.individuals, individuals.rows.size()));
      table(individuals);
    }
  }

  // `before`: its counts in the other period of --compare, if it appeared there.
  void agreement(const AgreementSection& agreement, const Counts* before, int level) const
  {
    html.out() << "<section class=\"agreement\">\n";
    html.heading(level, esc(detail::agreement_name(agreement)));
    std::vector<detail::Fact> facts = detail::agreement_facts(vi, agreement, esc);
    if (std::string note = esc_lines(agreement.note); !note.empty()) {
      facts.push_back({std::string(w.note), note});
    }
    html.facts(facts);
    html.heading(level + 1, std::string(w.parties));
    if (agreement.parties.empty()) {
      html.paragraph(std::string(w.no_parties));
    } else {
      table(detail::parties_table(vi, agreement, esc));
    }
    html.heading(level + 1, std::string(w.figures));
    table(detail::figures_table(vi, agreement.counts, before));
    tasks(agreement, level + 1);
    html.heading(level + 1, std::string(w.meetings));
    if (agreement.meetings.empty()) {
      html.paragraph(std::string(w.no_meetings));
    }
    for (const auto& m : agreement.meetings) {
      meeting(m, level + 2);
    }
    html.heading(level + 1, std::string(w.awards));
    if (agreement.decisions.empty()) {
      html.paragraph(std::string(w.no_awards));
    } else {
      // The award figures again, right above the decisions they count.
      html.paragraph(detail::awards_line(vi, agreement.counts));
    }
    for (const auto& d : agreement.decisions) {
      decision(d, level + 2);
    }
    html.out() << "</section>\n";
  }
};

class HtmlSink : public detail::ProseSink {
public:
  HtmlSink(std::ostream& out, View view, const RenderOptions& options)
    : ProseSink(view, options, esc), m_html(out), m_writer{m_html, vi(), w()}, m_view(view)
  {
  }

protected:
  std::ostream& out() override { return m_html.out(); }

  void open(const std::string& title, const std::string& period_line) override
  {
    m_html.out() << "<!DOCTYPE html>\n<html lang=\"" << (vi() ? "vi" : "en") << "\">\n<head>\n"
                 << "<meta charset=\"utf-8\">\n"
                 << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 << "<title>" << title << "</title>\n<style>\n"
                 << k_style << "</style>\n</head>\n<body>\n<header>\n";
    m_html.heading(1, title);
    m_html.paragraph(period_line, "period");
    m_html.out() << "</header>\n";
  }

  void close() override
  {
    if (m_view == View::summary && m_over_time.size() > 1) {
      m_html.out() << "<section class=\"over-time\">\n";
      m_html.heading(2, std::string((vi() ? k_chart_vi : k_chart_en).over_time));
      m_html.out() << over_time_chart(vi(), m_over_time) << "</section>\n";
    }
    m_html.out() << "</body>\n</html>\n";
  }

  void heading(int level, const std::string& text) override { m_html.heading(level, text); }

  void paragraph(const std::string& text) override { m_html.paragraph(text); }

  void open_section(bool several, const std::string& heading, const std::string& period_line) override
  {
    m_html.out() << "<section class=\"" << (several ? "sub-period" : "period") << "\">\n";
    if (several) {
      m_html.heading(2, heading);
      m_html.paragraph(period_line, "period");
    }
    m_bars.clear();
    m_bars_left_out = 0;
  }

  void close_section(const PeriodSection& section) override
  {
    m_over_time.push_back({detail::period_name(vi(), section.period), section.totals.completion_pct,
                           section.totals.progress_avg});
    m_html.out() << "</section>\n";
  }

  void compare(const std::string& line) override { m_html.paragraph(line, "compare"); }

  void write_agreement(const AgreementSection& agreement, const Counts* before, int level) override
  {
    m_writer.agreement(agreement, before, level);
    if (m_bars.size() < k_max_agreement_bars) {
      m_bars.push_back({cell(detail::fit_width(detail::agreement_ref(agreement), 16)), agreement.counts});
    } else {
      ++m_bars_left_out;
    }
  }

  void table_start(const detail::TextTable& head) override { m_html.table_start(head.headers, head.right); }

  std::string row(const std::vector<std::string>& cells, const std::vector<bool>& right, bool total) override
  {
    return Html::row_text(cells, right, total ? "total" : "");
  }

  void table_end() override { m_html.table_end(); }

  void after_totals(const PeriodSection& /*section*/) override
  {
    m_html.out() << status_chart(vi(), m_bars, m_bars_left_out);
  }

  std::string attention_item(const Attention& item) override
  {
    return fmt::format("<li><strong>{}</strong>: {}</li>\n", esc(item.agreement),
                       detail::attention_sentence(vi(), item, esc));
  }

  void attention_list(detail::Spool& items) override
  {
    m_html.out() << "<ul class=\"attention\">\n";
    items.write_to(m_html.out());
    m_html.out() << "</ul>\n";
  }

private:
  Html m_html;
  Writer m_writer;
  View m_view;
  std::vector<StatusBar> m_bars; // of the sub-period's first agreements
  std::size_t m_bars_left_out = 0;
  std::vector<Point> m_over_time; // a point per sub-period
};

} // namespace

std::unique_ptr<SummarySink> html_sink(std::ostream& out, View view, const RenderOptions& options)
{
  return std::make_unique<HtmlSink>(out, view, options);
}

void render_html(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *html_sink(out, view, options));
}

} // namespace phoihop::report
