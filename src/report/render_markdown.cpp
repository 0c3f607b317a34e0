#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ostream>

namespace phoihop::report {

namespace {

using detail::Words;

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

bool is_roman(char c)
{
  return std::string_view("ivxlcdmIVXLCDM").find(c) != std::string_view::npos;
}

bool is_letter(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The length of a list-marker-like prefix ending in '.' or ')' that would
// open a list at the start of a line: "12." (CommonMark), and "a)", "IV."
// (pandoc's fancy lists, which offices' "I. Về công tác…" would trigger).
// Returns the position of the punctuation, or npos.
std::size_t list_marker_punct(const std::string& text)
{
  std::size_t i = 0;
  if (i < text.size() && is_digit(text[i])) {
    while (i < text.size() && is_digit(text[i])) {
      ++i;
    }
  } else if (i + 1 < text.size() && is_letter(text[i]) && !is_letter(text[i + 1])) {
    i = 1;
  } else {
    while (i < text.size() && is_roman(text[i])) {
      ++i;
    }
  }
  if (i > 0 && i < text.size() && (text[i] == '.' || text[i] == ')')) {
    return i;
  }
  return std::string::npos;
}

// One line of record text made inert: control characters (newlines, tabs)
// become single spaces and the ends are trimmed, so the text stays on the line
// it was put on; every character CommonMark, GFM or pandoc give a meaning
// inline is backslash-escaped, and HTML's three are written as entities, so no
// record can open emphasis, code, a link, raw HTML or a table cell. What could
// open a block at the start of a line (#, +, -, =, a list number) is escaped
// too, because list items and headings put the text right at a block start.
// Bare URLs and e-mail addresses are left as they are: GFM may make them
// clickable, but the link shows exactly its target.
std::string escape_markdown(const std::string& text)
{
  std::string line;
  line.reserve(text.size());
  for (char c : text) {
    bool control = static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
    if (control) {
      if (line.empty() || line.back() != ' ') {
        line += ' ';
      }
    } else {
      line += c;
    }
  }
  std::size_t first = line.find_first_not_of(' ');
  if (first == std::string::npos) {
    return {};
  }
  line = line.substr(first, line.find_last_not_of(' ') - first + 1);

  std::size_t marker = list_marker_punct(line);
  std::string out;
  out.reserve(line.size() + 8);
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '\\':
    case '|':
    case '*':
    case '_':
    case '`':
    case '[':
    case ']':
    case '#':
    case '~': // GFM strikethrough, pandoc subscript
    case '^': // pandoc superscript
    case '$': // pandoc TeX math
      out += '\\';
      out += c;
      break;
    case '+':
    case '-':
    case '=':
    case '(': // pandoc's "(1)" and "(a)" list markers
      if (i == 0) {
        out += '\\';
      }
      out += c;
      break;
    default:
      if (i == marker) {
        out += '\\';
      }
      out += c;
    }
  }
  return out;
}

// Writes blocks separated by exactly one blank line; the output ends with a
// single newline.
class Markdown {
public:
  explicit Markdown(std::ostream& out) : m_out(out) {}

  std::ostream& out() { return m_out; }

  void heading(int level, const std::string& text)
  {
    start_block();
    m_out << std::string(static_cast<std::size_t>(std::clamp(level, 1, 6)), '#') << ' ' << text << '\n';
  }

  void paragraph(const std::string& text)
  {
    start_block();
    m_out << text << '\n';
  }

  void bullets(const std::vector<std::string>& items)
  {
    if (items.empty()) {
      return;
    }
    start_block();
    for (const auto& item : items) {
      m_out << "- " << item << '\n';
    }
  }

  void numbered(const std::vector<std::string>& items)
  {
    if (items.empty()) {
      return;
    }
    start_block();
    for (std::size_t i = 0; i < items.size(); ++i) {
      // fmt, not operator<<: a stream's imbued locale could group digits.
      m_out << fmt::format("{}. ", i + 1) << items[i] << '\n';
    }
  }

  // Cells must already be escaped (markdown_cell); `right` marks
  // right-aligned (numeric) columns.
  void table(const std::vector<std::string>& headers, const std::vector<bool>& right,
             const std::vector<std::vector<std::string>>& rows)
  {
    table_start(headers, right);
    for (const auto& row : rows) {
      table_row(row);
    }
  }

  // A table written row by row: its headings, then table_row() for each row.
  void table_start(const std::vector<std::string>& headers, const std::vector<bool>& right)
  {
    start_block();
    m_columns = headers.size();
    table_row(headers);
    m_out << '|';
    for (std::size_t i = 0; i < headers.size(); ++i) {
      m_out << (i < right.size() && right[i] ? " ---: |" : " --- |");
    }
    m_out << '\n';
  }

  void table_row(const std::vector<std::string>& cells)
  {
    std::vector<std::string> row = cells;
    row.resize(m_columns);
    m_out << row_text(row);
  }

  // A table row as its line: "| a | b |", an empty cell as "| |".
  static std::string row_text(const std::vector<std::string>& cells)
  {
    std::string line = "|";
    for (const auto& cell : cells) {
      line += ' ' + cell + (cell.empty() ? "" : " ") + '|';
    }
    return line + '\n';
  }

  // A block the caller writes itself (lines ending in a newline) right after.
  void raw_block() { start_block(); }

private:
  void start_block()
  {
    if (!m_first) {
      m_out << '\n';
    }
    m_first = false;
  }

  std::ostream& m_out;
  bool m_first = true;
  std::size_t m_columns = 0;
};

std::string esc(const std::string& text)
{
  return escape_markdown(text);
}

// Free text kept on its lines (a note typed over several): each line escaped
// and ended by a hard line break (a backslash before the newline, which
// CommonMark, GFM and pandoc read alike), the next indented by two spaces so
// it continues a list item; blank lines dropped, since one would end the item.
std::string esc_lines(const std::string& text)
{
  return detail::lines_text(text, esc, "\\\n  ");
}

std::string cell(const std::string& text)
{
  return detail::cell_text(text, esc);
}

std::string bold_label(std::string_view label)
{
  return fmt::format("**{}:**", label);
}

struct Writer {
  Markdown& md;
  bool vi;
  const Words& w;
  int bar_width = 0; // RenderOptions::bar_width

  // A task's progress: the text's bar, or a terminal's.
  std::string progress(int percent) const
  {
    return bar_width > 0 ? fmt::format("{} {}%", detail::block_bar(percent, bar_width), percent)
                         : detail::progress_bar(percent);
  }

  // "**Label:** text" for each fact.
  static std::vector<std::string> fact_lines(const std::vector<detail::Fact>& facts)
  {
    std::vector<std::string> lines;
    for (const auto& fact : facts) {
      lines.push_back(fmt::format("{} {}", bold_label(fact.label), fact.text));
    }
    return lines;
  }

  void table(const detail::TextTable& table) const { md.table(table.headers, table.right, table.rows); }

  void parties(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.parties));
    if (agreement.parties.empty()) {
      md.paragraph(std::string(w.no_parties));
      return;
    }
    table(detail::parties_table(vi, agreement, esc));
  }

  void tasks(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.tasks));
    if (agreement.tasks.empty()) {
      md.paragraph(std::string(w.no_tasks));
      return;
    }
    detail::TextTable rows = detail::tasks_table(vi);
    std::vector<std::string> results;
    for (std::size_t i = 0; i < agreement.tasks.size(); ++i) {
      const TaskLine& task = agreement.tasks[i];
      const std::string status = detail::task_status_text(vi, task, esc, "**", "**");
      const std::string number = detail::task_number(task, i, esc);
      rows.rows.push_back({number, cell(task.title), cell(task.lead), detail::partners_text(task, esc),
                           detail::cell_date(vi, task.due), status, progress(task.progress),
                           detail::indicator_text(vi, task, esc)});
      if (std::string note = esc_lines(task.result_note); !note.empty()) {
        results.push_back(fmt::format("**{}. {}**{}: {}", number, esc(task.title), detail::result_when(vi, task), note));
      }
    }
    table(rows);
    if (!results.empty()) {
      md.heading(level + 1, std::string(w.results));
      md.bullets(results);
    }
    if (!agreement.by_lead.empty()) {
      md.heading(level + 1, std::string(w.by_lead));
      table(detail::by_lead_table(vi, agreement, esc));
    }
  }

  void meeting(const MeetingLine& meeting, int level) const
  {
    md.heading(level, detail::meeting_heading(vi, meeting, esc));
    md.bullets(fact_lines(detail::meeting_facts(vi, meeting, esc)));
    if (!meeting.contributions.empty()) {
      md.paragraph(fmt::format("**{}**", w.contributions));
      md.numbered(detail::contribution_items(meeting, esc));
    }
    if (!meeting.conclusions.empty()) {
      md.paragraph(fmt::format("**{}**", w.conclusions));
      md.numbered(detail::conclusion_items(vi, meeting, esc));
    }
  }

  void meetings(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.meetings));
    if (agreement.meetings.empty()) {
      md.paragraph(std::string(w.no_meetings));
      return;
    }
    for (const auto& m : agreement.meetings) {
      meeting(m, level + 1);
    }
  }

  void decision(const DecisionLine& decision, int level) const
  {
    md.heading(level, detail::decision_heading(vi, decision, esc));
    md.bullets(fact_lines(detail::decision_facts(vi, decision, esc)));
    std::vector<std::string> collectives = detail::collective_names(decision, esc);
    if (!collectives.empty()) {
      md.paragraph(fmt::format("**{} ({})**", w.collectives, collectives.size()));
      md.numbered(collectives);
    }
    detail::TextTable individuals = detail::individuals_table(vi, decision, esc);
    if (!individuals.rows.empty()) {
      md.paragraph(fmt::format("**{} ({})**", w.individuals, individuals.rows.size()));
      table(individuals);
    }
  }

  void awards(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.awards));
    if (agreement.decisions.empty()) {
      md.paragraph(std::string(w.no_awards));
      return;
    }
    // The award figures again, right above the decisions they count.
    md.paragraph(detail::awards_line(vi, agreement.counts));
    for (const auto& d : agreement.decisions) {
      decision(d, level + 1);
    }
  }

  // `before`: its counts in the other period of --compare, if it appeared there.
  void agreement(const AgreementSection& agreement, const Counts* before, int level) const
  {
    md.heading(level, esc(detail::agreement_name(agreement)));
    std::vector<std::string> fields = fact_lines(detail::agreement_facts(vi, agreement, esc));
    std::string note = esc_lines(agreement.note);
    if (!note.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.note), note));
    }
    md.bullets(fields);
    parties(agreement, level + 1);
    md.heading(level + 1, std::string(w.figures));
    detail::TextTable figures = detail::figures_table(vi, agreement.counts, before);
    // On a terminal the average progress comes with its bar (the rows are figures_read()'s).
    const auto& read = figures_read();
    for (std::size_t i = 0; bar_width > 0 && agreement.counts.progress_avg && i < read.size(); ++i) {
      if (read[i]->percent == &Counts::progress_avg) {
        figures.rows[i][1] = detail::block_bar(*agreement.counts.progress_avg, bar_width) + " " + figures.rows[i][1];
      }
    }
    table(figures);
    tasks(agreement, level + 1);
    meetings(agreement, level + 1);
    awards(agreement, level + 1);
  }
};

class MarkdownSink : public detail::ProseSink {
public:
  MarkdownSink(std::ostream& out, View view, const RenderOptions& options)
    : ProseSink(view, options, esc), m_md(out), m_writer{m_md, vi(), w(), options.bar_width}
  {
  }

protected:
  std::ostream& out() override { return m_md.out(); }

  void open(const std::string& title, const std::string& period_line) override
  {
    m_md.heading(1, title);
    m_md.paragraph(period_line);
  }

  void heading(int level, const std::string& text) override { m_md.heading(level, text); }

  void paragraph(const std::string& text) override { m_md.paragraph(text); }

  void open_section(bool several, const std::string& heading, const std::string& period_line) override
  {
    if (several) {
      m_md.heading(2, heading);
      m_md.paragraph(period_line);
    }
  }

  void write_agreement(const AgreementSection& agreement, const Counts* before, int level) override
  {
    m_writer.agreement(agreement, before, level);
  }

  void table_start(const detail::TextTable& head) override { m_md.table_start(head.headers, head.right); }

  std::string row(const std::vector<std::string>& cells, const std::vector<bool>& /*right*/, bool total) override
  {
    if (!total) {
      return Markdown::row_text(cells);
    }
    std::vector<std::string> bold = cells;
    bold.front() = fmt::format("**{}**", bold.front());
    return Markdown::row_text(bold);
  }

  std::string attention_item(const Attention& item) override
  {
    return fmt::format("- **{}**: {}\n", esc(item.agreement), detail::attention_sentence(vi(), item, esc));
  }

  void attention_list(detail::Spool& items) override
  {
    m_md.raw_block();
    items.write_to(m_md.out());
  }

private:
  Markdown m_md;
  Writer m_writer;
};

} // namespace

std::string markdown_cell(const std::string& text)
{
  return escape_markdown(text);
}

std::string markdown_text(const std::string& text)
{
  return escape_markdown(text);
}


std::unique_ptr<SummarySink> markdown_sink(std::ostream& out, View view, const RenderOptions& options)
{
  return std::make_unique<MarkdownSink>(out, view, options);
}

void render_markdown(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *markdown_sink(out, view, options));
}

} // namespace phoihop::report
