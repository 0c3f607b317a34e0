#include <phoihop/report/render.hpp>

#include "render_text.hpp"

#include <fmt/format.h>

#include <algorithm>
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
    start_block();
    auto write_row = [&](const std::vector<std::string>& cells) {
      m_out << '|';
      for (std::size_t i = 0; i < headers.size(); ++i) {
        const std::string& cell = i < cells.size() ? cells[i] : std::string();
        m_out << ' ' << cell << (cell.empty() ? "" : " ") << '|';
      }
      m_out << '\n';
    };
    write_row(headers);
    m_out << '|';
    for (std::size_t i = 0; i < headers.size(); ++i) {
      m_out << (i < right.size() && right[i] ? " ---: |" : " --- |");
    }
    m_out << '\n';
    for (const auto& row : rows) {
      write_row(row);
    }
  }

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
};

std::string esc(const std::string& text)
{
  return escape_markdown(text);
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

std::string percent_text(bool vi, const std::optional<double>& value)
{
  std::string text = detail::decimal_text(vi, value);
  return value ? text + "%" : text;
}

std::string agreement_name(const AgreementSection& agreement)
{
  if (agreement.code.empty()) {
    return agreement.title.empty() ? fmt::format("#{}", agreement.id) : agreement.title;
  }
  return agreement.title.empty() ? agreement.code : agreement.code + " — " + agreement.title;
}

// The agreement as the attention list and the totals name it: its code, else "#id".
std::string agreement_ref(const AgreementSection& agreement)
{
  return agreement.code.empty() ? fmt::format("#{}", agreement.id) : agreement.code;
}

struct Writer {
  Markdown& md;
  bool vi;
  const Words& w;

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

  void counts_table(const Counts& c) const
  {
    auto n = [](int v) { return fmt::format("{}", v); };
    std::vector<std::vector<std::string>> rows{
      {std::string(w.tasks_total), n(c.tasks_total)},
      {std::string(w.tasks_planned), n(c.tasks_planned)},
      {std::string(w.tasks_in_progress), n(c.tasks_in_progress)},
      {std::string(w.tasks_done), n(c.tasks_done)},
      {std::string(w.tasks_cancelled), n(c.tasks_cancelled)},
      {std::string(w.tasks_overdue), n(c.tasks_overdue)},
      {std::string(w.tasks_done_in_period), n(c.tasks_done_in_period)},
      {std::string(w.completion_pct), percent_text(vi, c.completion_pct)},
      {std::string(w.progress_avg), percent_text(vi, c.progress_avg)},
      {std::string(w.meetings_count), n(c.meetings)},
      {std::string(w.awards_collective), n(c.awards_collective)},
      {std::string(w.awards_individual), n(c.awards_individual)},
    };
    md.table({std::string(w.figure), std::string(w.value)}, {false, true}, rows);
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

  void tasks(const AgreementSection& agreement, int level) const
  {
    md.heading(level, std::string(w.tasks));
    if (agreement.tasks.empty()) {
      md.paragraph(std::string(w.no_tasks));
      return;
    }
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i = 0; i < agreement.tasks.size(); ++i) {
      const TaskLine& task = agreement.tasks[i];
      std::string status = esc(detail::task_status_label(vi, task.status));
      if (task.overdue) {
        status += fmt::format(" — **{}**", w.overdue_mark);
      }
      if (task.done_in_period) {
        status += fmt::format(" ({})", w.done_in_period_mark);
      }
      std::string number = task.code.empty() ? fmt::format("{}", i + 1) : cell(task.code);
      rows.push_back({number, cell(task.title), cell(task.lead), cell_date(vi, task.due), status,
                      detail::progress_bar(task.progress)});
    }
    md.table({std::string(w.task_no), std::string(w.task), std::string(w.lead), std::string(w.due),
              std::string(w.status), std::string(w.progress)},
             {false, false, false, false, false, true}, rows);
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
        std::string who = esc(contribution.org);
        if (!contribution.presenter.empty()) {
          who += (who.empty() ? "" : " — ") + esc(contribution.presenter);
        }
        std::string topic = esc(contribution.topic);
        items.push_back(who.empty() ? topic : topic.empty() ? who : who + ": " + topic);
      }
      md.numbered(items);
    }
    if (!meeting.conclusions.empty()) {
      md.paragraph(fmt::format("**{}**", w.conclusions));
      std::vector<std::string> items;
      for (const auto& conclusion : meeting.conclusions) {
        items.push_back(esc(conclusion));
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
    md.paragraph(fmt::format("{}: {} · {}: {}.", w.awards_collective, agreement.counts.awards_collective,
                             w.awards_individual, agreement.counts.awards_individual));
    for (const auto& d : agreement.decisions) {
      decision(d, level + 1);
    }
  }

  void agreement(const AgreementSection& agreement, int level) const
  {
    md.heading(level, esc(agreement_name(agreement)));
    std::vector<std::string> fields;
    if (!agreement.number.empty()) {
      fields.push_back(fmt::format("{} {}", bold_label(w.number), esc(agreement.number)));
    }
    std::string term = vi ? fmt::format("từ {} đến {}", agreement.start.administrative(), agreement.end.administrative())
                          : fmt::format("{} to {}", agreement.start.iso(), agreement.end.iso());
    if (agreement.actual_end) {
      term += fmt::format("; {} {}", w.ended_on, detail::date_prose(vi, *agreement.actual_end));
    }
    fields.push_back(agreement.term.empty()
                       ? fmt::format("{} {}", bold_label(w.term), term)
                       : fmt::format("{} {} ({})", bold_label(w.term), esc(agreement.term), term));
    fields.push_back(
      fmt::format("{} {}", bold_label(w.status), esc(detail::agreement_status_label(vi, agreement.status))));
    md.bullets(fields);
    parties(agreement, level + 1);
    md.heading(level + 1, std::string(w.figures));
    counts_table(agreement.counts);
    tasks(agreement, level + 1);
    meetings(agreement, level + 1);
    awards(agreement, level + 1);
  }

  void totals(const PeriodSection& section, int level) const
  {
    md.heading(level, std::string(w.totals));
    auto counts_row = [&](std::string name, const Counts& c) {
      auto n = [](int v) { return fmt::format("{}", v); };
      return std::vector<std::string>{std::move(name),
                                      n(c.tasks_total),
                                      n(c.tasks_planned),
                                      n(c.tasks_in_progress),
                                      n(c.tasks_done),
                                      n(c.tasks_cancelled),
                                      n(c.tasks_overdue),
                                      n(c.tasks_done_in_period),
                                      percent_text(vi, c.completion_pct),
                                      percent_text(vi, c.progress_avg),
                                      n(c.meetings),
                                      n(c.awards_collective),
                                      n(c.awards_individual)};
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& agreement : section.agreements) {
      rows.push_back(counts_row(cell(agreement_ref(agreement)), agreement.counts));
    }
    rows.push_back(counts_row(fmt::format("**{}**", w.total), section.totals));
    std::vector<std::string> headers{std::string(w.agreement),         std::string(w.tasks_total),
                                     std::string(w.tasks_planned),     std::string(w.tasks_in_progress),
                                     std::string(w.tasks_done),        std::string(w.tasks_cancelled),
                                     std::string(w.tasks_overdue),     std::string(w.tasks_done_in_period),
                                     std::string(w.completion_pct),    std::string(w.progress_avg),
                                     std::string(w.meetings_count),    std::string(w.awards_collective),
                                     std::string(w.awards_individual)};
    std::vector<bool> right(headers.size(), true);
    right[0] = false;
    md.table(headers, right, rows);
  }

  std::string successors_text(const Attention& item) const
  {
    std::string list;
    for (const auto& [name, from] : item.successors) {
      std::string one = vi ? fmt::format("{} (từ {})", esc(name), from.administrative())
                           : fmt::format("{} (from {})", esc(name), from.iso());
      list += (list.empty() ? "" : vi ? ", " : " and ") + one;
    }
    return list;
  }

  std::string attention_text(const Attention& item) const
  {
    std::string ref = fmt::format("**{}**", esc(item.agreement));
    if (item.kind == "overdue_task") {
      std::string task = fmt::format("“{}” (#{})", esc(item.task_title), item.task_id);
      if (vi) {
        std::string due = item.due ? fmt::format(" có hạn hoàn thành {}", item.due->administrative()) : "";
        return fmt::format("{}: đầu việc {}{} nhưng chưa hoàn thành, tiến độ mới đạt {}%.", ref, task, due,
                           item.progress);
      }
      std::string due = item.due ? fmt::format(" was due on {} and", item.due->iso()) : "";
      return fmt::format("{}: task {}{} is overdue at {}%.", ref, task, due, item.progress);
    }
    if (item.kind == "final_review_missing") {
      if (vi) {
        std::string ended = item.term_ended ? fmt::format(" dù quy chế đã hết thời hạn {}", item.term_ended->administrative()) : "";
        return fmt::format("{}: chưa tổ chức hội nghị tổng kết{}.", ref, ended);
      }
      std::string ended = item.term_ended ? fmt::format(" although the term ended on {}", item.term_ended->iso()) : "";
      return fmt::format("{}: final review not held{}.", ref, ended);
    }
    if (item.kind == "party_ceased") {
      std::string successors = successors_text(item);
      if (vi) {
        std::string when = item.ceased_on ? " " + item.ceased_on->administrative() : "";
        return fmt::format("{}: {} chấm dứt hoạt động{}, sau {} tháng thực hiện quy chế; {}.", ref, esc(item.party),
                           when, item.months_into_term,
                           successors.empty() ? "chưa ghi nhận đơn vị kế thừa" : "đơn vị kế thừa: " + successors);
      }
      std::string when = item.ceased_on ? " on " + item.ceased_on->iso() : "";
      return fmt::format("{}: party {} ceased{}, {} month{} into the term; {}.", ref, esc(item.party), when,
                         item.months_into_term, item.months_into_term == 1 ? "" : "s",
                         successors.empty() ? "no successor recorded" : "succeeded by " + successors);
    }
    return fmt::format("{}: {}", ref, esc(item.kind));
  }

  void attention(const PeriodSection& section, int level) const
  {
    md.heading(level, std::string(w.attention));
    if (section.attention.empty()) {
      md.paragraph(std::string(w.nothing_needs_attention));
      return;
    }
    std::vector<std::string> items;
    for (const auto& item : section.attention) {
      items.push_back(attention_text(item));
    }
    md.bullets(items);
  }

  void section(const PeriodSection& section, int level) const
  {
    if (section.agreements.empty()) {
      md.paragraph(std::string(w.no_agreements));
    }
    for (const auto& a : section.agreements) {
      agreement(a, level);
    }
    if (!section.agreements.empty()) {
      totals(section, level);
    }
    attention(section, level);
  }

  std::string register_cell(const detail::RegisterColumn& column, const Value& value) const
  {
    if (value.is_null()) {
      return "—";
    }
    std::string text = value.text();
    switch (column.kind) {
    case CellKind::date: {
      // Register dates are ISO in the row; Vietnamese tables write dd/mm/yyyy.
      if (vi && text.size() == 10) {
        return text.substr(8, 2) + "/" + text.substr(5, 2) + "/" + text.substr(0, 4);
      }
      return text;
    }
    case CellKind::flag: return std::string(text == "true" ? w.yes : w.no);
    case CellKind::task_status: return esc(detail::task_status_label(vi, text));
    case CellKind::meeting_kind: return esc(detail::meeting_kind_label(vi, text));
    case CellKind::award_kind: return esc(detail::award_kind_label(vi, text));
    case CellKind::award_form: return esc(detail::award_form_label(vi, text));
    case CellKind::percent: return text + "%";
    case CellKind::number:
    case CellKind::text: break;
    }
    return cell(text);
  }

  void register_table(const PeriodSection& section, View view) const
  {
    std::vector<Object> rows = detail::register_rows(section, view);
    if (rows.empty()) {
      md.paragraph(std::string(w.no_rows));
      return;
    }
    std::vector<std::string> headers;
    std::vector<bool> right;
    std::vector<const detail::RegisterColumn*> shown;
    for (const auto& column : detail::register_columns(view)) {
      if (column.in_markdown) {
        shown.push_back(&column);
        headers.emplace_back(vi ? column.vi : column.en);
        right.push_back(column.kind == CellKind::number || column.kind == CellKind::percent);
      }
    }
    std::vector<std::vector<std::string>> cells;
    for (const auto& row : rows) {
      std::vector<std::string> line;
      for (const auto* column : shown) {
        auto field = std::find_if(row.begin(), row.end(), [&](const Field& f) { return f.key == column->key; });
        line.push_back(field == row.end() ? "—" : register_cell(*column, field->value));
      }
      cells.push_back(std::move(line));
    }
    md.table(headers, right, cells);
  }
};

std::string_view title_of(const Words& w, View view)
{
  switch (view) {
  case View::tasks: return w.tasks_title;
  case View::meetings: return w.meetings_title;
  case View::awards: return w.awards_title;
  case View::summary: break;
  }
  return w.summary_title;
}

} // namespace

std::string markdown_cell(const std::string& text)
{
  return escape_markdown(text);
}

std::string markdown_text(const std::string& text)
{
  return escape_markdown(text);
}

void render_markdown(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  bool vi = detail::is_vi(options);
  Markdown md(out);
  Writer writer{md, vi, detail::words(vi)};
  md.heading(1, writer.title(title_of(writer.w, view), summary.period));
  md.paragraph(writer.period_line(summary.period, summary.period.as_of(summary.today)));
  // With one section the agreements sit right under the title; with several
  // (--each) each sub-period gets its own heading level.
  if (summary.sections.empty()) {
    md.paragraph(std::string(view == View::summary ? writer.w.no_agreements : writer.w.no_rows));
  }
  bool several = summary.sections.size() > 1;
  int level = several ? 3 : 2;
  for (const auto& section : summary.sections) {
    if (several) {
      md.heading(2, writer.section_heading(section.period));
      md.paragraph(writer.period_line(section.period, section.as_of));
    }
    if (view == View::summary) {
      writer.section(section, level);
    } else {
      writer.register_table(section, view);
    }
  }
}

} // namespace phoihop::report
