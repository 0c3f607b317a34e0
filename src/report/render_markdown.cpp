#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <ostream>

namespace phoihop::report {

namespace {

using detail::CellKind;
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
    m_out << '|';
    for (std::size_t i = 0; i < m_columns; ++i) {
      const std::string& cell = i < cells.size() ? cells[i] : std::string();
      m_out << ' ' << cell << (cell.empty() ? "" : " ") << '|';
    }
    m_out << '\n';
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
// CommonMark, GFM and pandoc read alike), the next indented by `indent`
// spaces so it continues a list item; blank lines dropped, since one would
// end the item.
std::string esc_lines(const std::string& text, std::size_t indent)
{
  std::string out;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t end = text.find('\n', from);
    if (end == std::string::npos) {
      end = text.size();
    }
    std::string line = escape_markdown(text.substr(from, end - from));
    if (!line.empty()) {
      out += (out.empty() ? "" : "\\\n" + std::string(indent, ' ')) + line;
    }
    from = end + 1;
  }
  return out;
}

// A table cell: the escaped text, or a dash for nothing.
std::string cell(const std::string& text)
{
  std::string escaped = escape_markdown(text);
  return escaped.empty() ? "—" : escaped;
}

std::string cell_date(bool vi, const std::optional<core::Date>& date)
{
  return date ? detail::date_cell(vi, *date) : "—";
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

  std::string period_line(const core::Period& period, const core::Date& as_of) const
  {
    if (vi) {
      return fmt::format("{}: từ {} đến {}; {} {}.", w.period, period.first.administrative(),
                         period.last.administrative(), w.as_of, as_of.administrative());
    }
    return fmt::format("{}: {} to {}; {} {}.", w.period, period.first.iso(), period.last.iso(), w.as_of,
                       as_of.iso());
  }

  std::string title(std::string_view what, const core::Period& period) const
  {
    bool recognised = true;
    std::string name = detail::period_name(vi, period, &recognised);
    if (vi && recognised) {
      return fmt::format("{} {}", what, esc(name));
    }
    return fmt::format("{} — {}", what, esc(name));
  }

  std::string section_heading(const core::Period& period) const
  {
    std::string name = detail::period_name(vi, period);
    return esc(vi ? detail::capitalize(name) : name);
  }

  std::string heading(const Figure& figure) const { return std::string(vi ? figure.vi : figure.en); }

  // A figure for people: a count, or a percentage ("66.7%", vi "66,7%", "—");
  // with the other period of --compare, its change in brackets ("12 (+3)").
  // With no work item recorded the task figures are not known, not zero:
  // a dash, as for a percentage with nothing to count (CSV and JSON keep 0).
  std::string figure_text(const Figure& figure, const Counts& c, const Counts* before = nullptr) const
  {
    std::string text = detail::figure_text(vi, figure, c);
    if (before) {
      if (auto change = delta(figure, c, *before)) {
        text += fmt::format(" ({})", detail::delta_text(vi, *change, figure.is_percent()));
      }
    }
    return text;
  }

  void counts_table(const Counts& c, const Counts* before) const
  {
    std::vector<std::vector<std::string>> rows;
    for (const Figure* read : figures_read()) {
      const Figure& figure = *read;
      std::string text = figure_text(figure, c, before);
      if (bar_width > 0 && figure.percent == &Counts::progress_avg && c.progress_avg) {
        text = detail::block_bar(*c.progress_avg, bar_width) + " " + text;
      }
      rows.push_back({heading(figure), std::move(text)});
    }
    md.table({std::string(w.figure), std::string(w.value)}, {false, true}, rows);
  }

  // The line under the period's: what --compare compares with.
  std::string compare_line(const Comparison& other) const
  {
    std::string name = esc(detail::period_name(vi, other.period));
    if (vi) {
      return fmt::format("{} {} (từ {} đến {}; {} {}); {}.", w.compared_with, name, other.period.first.administrative(),
                         other.period.last.administrative(), w.as_of, other.as_of.administrative(),
                         w.changes_in_brackets);
    }
    return fmt::format("{} {} ({} to {}; {} {}); {}.", w.compared_with, name, other.period.first.iso(),
                       other.period.last.iso(), w.as_of, other.as_of.iso(), w.changes_in_brackets);
  }

  void parties(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.parties));
    if (agreement.parties.empty()) {
      md.paragraph(std::string(w.no_parties));
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& party : agreement.parties) {
      rows.push_back({cell(party.name), cell(party.signer_name), cell(party.signer_position),
                      cell_date(vi, party.signed_on)});
    }
    md.table({std::string(w.party), std::string(w.signer), std::string(w.position), std::string(w.signed_on)},
             {}, rows);
  }

  // The number a task goes by in the tables: its code, else its place.
  static std::string task_number(const TaskLine& task, std::size_t index)
  {
    return task.code.empty() ? fmt::format("{}", index + 1) : cell(task.code);
  }

  // "121 / 120 mô hình (100.8%)": the actual on the day against the target.
  std::string indicator_text(const TaskLine& task) const { return detail::indicator_text(vi, task, esc); }

  void tasks(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.tasks));
    if (agreement.tasks.empty()) {
      md.paragraph(std::string(w.no_tasks));
      return;
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> results;
    for (std::size_t i = 0; i < agreement.tasks.size(); ++i) {
      const TaskLine& task = agreement.tasks[i];
      std::string status = esc(detail::task_status_label(vi, task.status));
      if (task.overdue) {
        status += fmt::format(" — **{}**", w.overdue_mark);
      }
      if (task.done_in_period) {
        status += fmt::format(" ({})", w.done_in_period_mark);
      }
      std::string partners;
      for (const auto& partner : task.partners) {
        partners += (partners.empty() ? "" : "; ") + esc(partner);
      }
      rows.push_back({task_number(task, i), cell(task.title), cell(task.lead), partners.empty() ? "—" : partners,
                      cell_date(vi, task.due), status, progress(task.progress), indicator_text(task)});
      std::string note = esc_lines(task.result_note, 2);
      if (!note.empty()) {
        std::string when = task.result_date ? fmt::format(" ({})", detail::date_cell(vi, *task.result_date)) : "";
        results.push_back(fmt::format("**{}. {}**{}: {}", task_number(task, i), esc(task.title), when, note));
      }
    }
    md.table({std::string(w.task_no), std::string(w.task), std::string(w.lead), std::string(w.partners),
              std::string(w.due), std::string(w.status), std::string(w.progress), std::string(w.indicator)},
             {false, false, false, false, false, false, true, false}, rows);
    if (!results.empty()) {
      md.heading(level + 1, std::string(w.results));
      md.bullets(results);
    }
    by_lead(agreement, level + 1);
  }

  // The task figures (FigureGroup::tasks) of each lead body.
  void by_lead(const AgreementSection& agreement, int level) const
  {
    if (agreement.by_lead.empty()) {
      return;
    }
    md.heading(level, std::string(w.by_lead));
    std::vector<std::string> headers{std::string(w.lead)};
    for (const Figure* read : figures_read()) {
      const Figure& figure = *read;
      if (figure.group == FigureGroup::tasks) {
        headers.push_back(heading(figure));
      }
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& lead : agreement.by_lead) {
      std::vector<std::string> row{lead.lead_id ? cell(lead.lead) : std::string(w.no_lead)};
      for (const Figure* read : figures_read()) {
        const Figure& figure = *read;
        if (figure.group == FigureGroup::tasks) {
          row.push_back(figure_text(figure, lead.counts));
        }
      }
      rows.push_back(std::move(row));
    }
    std::vector<bool> right(headers.size(), true);
    right[0] = false;
    md.table(headers, right, rows);
  }

  std::string follow_up_text(const FollowUpLine& task, std::string_view conclusion = {}) const
  {
    return detail::follow_up_text(vi, task, esc, conclusion);
  }

  void meeting(const MeetingLine& meeting, int level) const
  {
    std::string title = esc(meeting.title);
    if (title.empty()) {
      title = esc(detail::capitalize(detail::meeting_kind_label(vi, meeting.kind)));
    }
    md.heading(level, fmt::format("{} — {}", detail::date_cell(vi, meeting.date), title));
    std::vector<std::string> fields;
    fields.push_back(fmt::format("{} {}", bold_label(w.kind), esc(detail::meeting_kind_label(vi, meeting.kind))));
    if (!meeting.place.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.place), esc(meeting.place)));
    }
    // One line per role, in the order chair, co-chairs, secretary: who led
    // the meeting is what a report reader looks for first.
    // Vietnamese nouns have no plural; English ones take it.
    struct RoleLine {
      std::string_view role;
      std::string_view en_plural;
    };
    for (const auto& [role, en_plural] : {RoleLine{"chair", "Chairs"}, RoleLine{"co_chair", "Co-chairs"},
                                          RoleLine{"secretary", "Secretaries"}}) {
      std::string people;
      int count = 0;
      for (const auto& person : meeting.participants) {
        if (person.role == role) {
          people += (people.empty() ? "" : "; ") + esc(detail::person_text(person));
          ++count;
        }
      }
      if (count > 0) {
        std::string label = !vi && count > 1 ? std::string(en_plural) : detail::capitalize(detail::role_label(vi, role));
        fields.push_back(fmt::format("{} {}", bold_label(label), people));
      }
    }
    std::string orgs;
    for (const auto& org : detail::attending_orgs(meeting)) {
      orgs += (orgs.empty() ? "" : "; ") + esc(org);
    }
    if (!orgs.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.attending), orgs));
    }
    md.bullets(fields);
    if (!meeting.contributions.empty()) {
      md.paragraph(fmt::format("**{}**", w.contributions));
      std::vector<std::string> items;
      for (const auto& contribution : meeting.contributions) {
        items.push_back(detail::contribution_text(contribution, esc));
      }
      md.numbered(items);
    }
    if (!meeting.conclusions.empty()) {
      md.paragraph(fmt::format("**{}**", w.conclusions));
      std::vector<std::string> items;
      for (const auto& conclusion : meeting.conclusions) {
        std::string item = esc(conclusion.text);
        std::string tasks;
        for (const auto& task : conclusion.follow_ups) {
          tasks += (tasks.empty() ? "" : "; ") + follow_up_text(task, conclusion.text);
        }
        if (!tasks.empty()) {
          item += fmt::format(" — {}: {}", w.follow_up, tasks);
        }
        items.push_back(std::move(item));
      }
      md.numbered(items);
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
    std::string heading = decision.number.empty() ? std::string(w.decision_no_number)
                                                  : fmt::format("{} {}", w.decision, esc(decision.number));
    if (decision.date) {
      heading += fmt::format(" {} {}", w.decision_of, detail::date_cell(vi, *decision.date));
    }
    md.heading(level, heading);
    std::vector<std::string> fields;
    if (!decision.issuer.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.issuer), esc(decision.issuer)));
    }
    if (!decision.form.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.form), esc(detail::award_form_label(vi, decision.form))));
    }
    if (!decision.reason.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.reason), esc(decision.reason)));
    }
    md.bullets(fields);
    std::vector<std::string> collectives;
    std::vector<std::vector<std::string>> individuals;
    for (const auto& recipient : decision.recipients) {
      if (recipient.kind == "individual") {
        individuals.push_back({fmt::format("{}", individuals.size() + 1), cell(recipient.name),
                               cell(recipient.position), cell(recipient.unit)});
      } else {
        collectives.push_back(esc(recipient.name));
      }
    }
    if (!collectives.empty()) {
      md.paragraph(fmt::format("**{} ({})**", w.collectives, collectives.size()));
      md.numbered(collectives);
    }
    if (!individuals.empty()) {
      md.paragraph(fmt::format("**{} ({})**", w.individuals, individuals.size()));
      md.table({std::string(w.task_no), std::string(w.name), std::string(w.position), std::string(w.unit)},
               {true, false, false, false}, individuals);
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
    std::string line;
    for (const Figure* read : figures_read()) {
      const Figure& figure = *read;
      if (figure.group == FigureGroup::awards) {
        line += fmt::format("{}{}: {}", line.empty() ? "" : " · ", heading(figure),
                            figure_text(figure, agreement.counts));
      }
    }
    md.paragraph(line + ".");
    for (const auto& d : agreement.decisions) {
      decision(d, level + 1);
    }
  }

  // `before`: its counts in the other period of --compare, if it appeared there.
  void agreement(const AgreementSection& agreement, const Counts* before, int level) const
  {
    md.heading(level, esc(detail::agreement_name(agreement)));
    std::vector<std::string> fields;
    if (!agreement.number.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.number), esc(agreement.number)));
    }
    std::string term = vi ? fmt::format("từ {} đến {}", agreement.start.administrative(), agreement.end.administrative())
                          : fmt::format("{} to {}", agreement.start.iso(), agreement.end.iso());
    if (agreement.actual_end) {
      term += fmt::format("; {} {}", w.ended_on, detail::date_prose(vi, *agreement.actual_end));
    }
    // A term that is not whole years ("2024-03-01..2025-02-28") says no more
    // than its days, which the prose gives in the report's language.
    const bool days_only = agreement.term.find("..") != std::string::npos;
    fields.push_back(agreement.term.empty() || days_only
                       ? fmt::format("{} {}", bold_label(w.term), term)
                       : fmt::format("{} {} ({})", bold_label(w.term), esc(agreement.term), term));
    fields.push_back(
      fmt::format("{} {}", bold_label(w.status), esc(detail::agreement_status_label(vi, agreement.status))));
    std::string note = esc_lines(agreement.note, 2);
    if (!note.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.note), note));
    }
    md.bullets(fields);
    parties(agreement, level + 1);
    md.heading(level + 1, std::string(w.figures));
    counts_table(agreement.counts, before);
    tasks(agreement, level + 1);
    meetings(agreement, level + 1);
    awards(agreement, level + 1);
  }

  // A row of the totals table: the agreement (or the total) and its figures.
  std::vector<std::string> counts_row(std::string name, const Counts& c, const Counts* before) const
  {
    std::vector<std::string> row{std::move(name)};
    for (const Figure* read : figures_read()) {
      const Figure& figure = *read;
      row.push_back(figure_text(figure, c, before));
    }
    return row;
  }

  std::vector<std::string> totals_row(const AgreementSection& agreement, const Counts* before) const
  {
    return counts_row(cell(detail::agreement_ref(agreement)), agreement.counts, before);
  }

  // `rows`: totals_row() of each agreement of the section; `before`: the
  // other period's totals with --compare.
  void totals(std::vector<std::vector<std::string>> rows, const Counts& section_totals, const Counts* before,
              int level) const
  {
    md.heading(level, std::string(w.totals));
    rows.push_back(counts_row(fmt::format("**{}**", w.total), section_totals, before));
    std::vector<std::string> headers{std::string(w.agreement)};
    for (const Figure* read : figures_read()) {
      const Figure& figure = *read;
      headers.push_back(heading(figure));
    }
    std::vector<bool> right(headers.size(), true);
    right[0] = false;
    md.table(headers, right, rows);
  }

  std::string attention_text(const Attention& item) const
  {
    return fmt::format("**{}**: {}", esc(item.agreement), detail::attention_sentence(vi, item, esc));
  }

  // The attention list: `items` holds its lines ("- text\n"), in order,
  // and `earlier` those of agreements outside the period, under their own heading.
  void attention(detail::Spool& items, detail::Spool& earlier, int level, bool heading) const
  {
    if (heading) {
      md.heading(level, std::string(w.attention));
    }
    if (items.empty() && earlier.empty()) {
      md.paragraph(std::string(w.nothing_needs_attention));
      return;
    }
    if (!items.empty()) {
      md.raw_block();
      items.write_to(md.out());
    }
    if (!earlier.empty()) {
      md.heading(level + 1, std::string(w.attention_earlier));
      md.raw_block();
      earlier.write_to(md.out());
    }
  }

  std::string register_cell(const detail::RegisterColumn& column, const Value& value) const
  {
    return detail::register_text(vi, column, value, esc);
  }

  struct RegisterTable {
    std::vector<std::string> headers;
    std::vector<bool> right;
    std::vector<const detail::RegisterColumn*> shown;
  };

  RegisterTable register_columns(View view) const
  {
    RegisterTable table;
    for (const auto& column : detail::register_columns(view)) {
      if (column.in_markdown) {
        table.shown.push_back(&column);
        table.headers.emplace_back(vi ? column.vi : column.en);
        table.right.push_back(column.kind == CellKind::number || column.kind == CellKind::percent);
      }
    }
    return table;
  }

  std::vector<std::string> register_line(const RegisterTable& table, const Object& row) const
  {
    std::vector<std::string> line;
    for (const auto* column : table.shown) {
      auto field = std::find_if(row.begin(), row.end(), [&](const Field& f) { return f.key == column->key; });
      line.push_back(field == row.end() ? "—" : register_cell(*column, field->value));
    }
    return line;
  }
};

class MarkdownSink : public SummarySink {
public:
  MarkdownSink(std::ostream& out, View view, const RenderOptions& options)
    : m_md(out), m_view(view), m_vi(detail::is_vi(options)), m_writer{m_md, m_vi, detail::words(m_vi), options.bar_width},
      m_register(view)
  {
  }

  void begin(const core::Period& period, const core::Date& today, std::size_t sections) override
  {
    m_md.heading(1, m_writer.title(detail::title_of(m_writer.w, m_view), period));
    m_md.paragraph(m_writer.period_line(period, period.as_of(today)));
    // With one section the agreements sit right under the title; with several
    // (--each) each sub-period gets its own heading level.
    if (sections == 0) {
      m_md.paragraph(std::string(m_view == View::summary ? m_writer.w.no_agreements : m_writer.w.no_rows));
    }
    m_several = sections > 1;
    m_level = m_several ? 3 : 2;
    if (m_view != View::summary && m_view != View::attention) {
      m_table = m_writer.register_columns(m_view);
    }
  }

  void begin_section(const PeriodSection& section) override
  {
    if (m_several) {
      m_md.heading(2, m_writer.section_heading(section.period));
      m_md.paragraph(m_writer.period_line(section.period, section.as_of));
    }
    m_compare = section.compare;
    if (m_compare && m_view == View::summary) {
      m_md.paragraph(m_writer.compare_line(*m_compare));
    }
    m_totals.clear();
    m_any_agreement = false;
    m_table_started = false;
    m_register.begin(section);
  }

  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    m_any_agreement = true;
    if (m_view == View::attention) {
      return;
    }
    if (m_view == View::summary) {
      const Counts* before = m_compare ? m_compare->of(agreement.id) : nullptr;
      m_writer.agreement(agreement, before, m_level);
      m_totals.push_back(m_writer.totals_row(agreement, before));
    } else {
      write_rows(m_register.agreement(section, agreement));
    }
  }

  void attention(const PeriodSection& /*section*/, const Attention& item) override
  {
    if (m_view == View::summary || m_view == View::attention) {
      (item.earlier ? m_attention_earlier : m_attention).append("- " + m_writer.attention_text(item) + "\n");
    }
  }

  void end_section(const PeriodSection& section) override
  {
    if (m_view == View::attention) {
      // The list alone: with one section right under the title.
      m_writer.attention(m_attention, m_attention_earlier, m_level, m_several);
      return;
    }
    if (m_view == View::summary) {
      if (!m_any_agreement) {
        m_md.paragraph(std::string(m_writer.w.no_agreements));
      } else {
        m_writer.totals(std::move(m_totals), section.totals, m_compare ? &m_compare->totals : nullptr, m_level);
      }
      m_writer.attention(m_attention, m_attention_earlier, m_level, true);
      return;
    }
    write_rows(m_register.end());
    if (!m_table_started) {
      m_md.paragraph(std::string(m_writer.w.no_rows));
    }
  }

  void end() override {}

private:
  void write_rows(const std::vector<Object>& rows)
  {
    for (const auto& row : rows) {
      if (!m_table_started) {
        m_md.table_start(m_table.headers, m_table.right);
        m_table_started = true;
      }
      m_md.table_row(m_writer.register_line(m_table, row));
    }
  }

  Markdown m_md;
  View m_view;
  bool m_vi;
  Writer m_writer;
  bool m_several = false;
  int m_level = 2;
  std::vector<std::vector<std::string>> m_totals;
  bool m_any_agreement = false;
  detail::Spool m_attention;
  detail::Spool m_attention_earlier;
  Writer::RegisterTable m_table;
  bool m_table_started = false;
  detail::RegisterRows m_register;
  std::optional<Comparison> m_compare; // of the current section
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
