#pragma once

// Private to the report renderers (render_markdown.cpp, render_csv.cpp, render_html.cpp,
// render_json.cpp, render_columns.cpp): the words of both languages, the formatting of numbers,
// dates and progress, and the register rows every format shares, so the three
// formats cannot drift apart.

#include <phoihop/core/date.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include <cstdio>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::report::detail {

// Every fixed phrase of the Markdown output, once per language, except the
// figures' headings, which are in k_figures (summary.hpp) beside their keys.
// One struct (rather than a lookup by key) makes a phrase missing in
// one language a compile error instead of a blank in an office's report.
struct Words {
  // titles
  std::string_view summary_title;
  std::string_view tasks_title;
  std::string_view attention_title;
  std::string_view meetings_title;
  std::string_view awards_title;
  // the period line
  std::string_view period;
  std::string_view as_of;
  // an agreement
  std::string_view number;
  std::string_view term;
  std::string_view ended_on;
  std::string_view status;
  std::string_view parties;
  std::string_view party;
  std::string_view signer;
  std::string_view position;
  std::string_view signed_on;
  std::string_view no_parties;
  // the figures table (its rows' headings are in k_figures)
  std::string_view figures;
  std::string_view figure;
  std::string_view value;
  // tasks
  std::string_view tasks;
  std::string_view task_no;
  std::string_view task;
  std::string_view lead;
  std::string_view due;
  std::string_view progress;
  std::string_view overdue_mark;
  std::string_view done_in_period_mark;
  std::string_view no_tasks;
  // results
  std::string_view partners;
  std::string_view indicator;
  std::string_view results;
  std::string_view by_lead;
  std::string_view no_lead;
  std::string_view note;
  std::string_view follow_up;
  std::string_view conclusion; // "conclusion 2" in the meeting register
  std::string_view compared_with;
  std::string_view changes_in_brackets;
  // meetings
  std::string_view meetings;
  std::string_view kind;
  std::string_view place;
  std::string_view attending;
  std::string_view contributions;
  std::string_view conclusions;
  std::string_view no_meetings;
  // awards
  std::string_view awards;
  std::string_view decision; // before the number: "Quyết định số 2345/QĐ-UBND"
  std::string_view decision_no_number; // the whole name of a decision whose number is not recorded
  std::string_view decision_of; // "of" before the decision's date
  std::string_view issuer;
  std::string_view form;
  std::string_view reason;
  std::string_view collectives;
  std::string_view individuals;
  std::string_view name;
  std::string_view unit;
  std::string_view no_awards;
  // totals and attention
  std::string_view totals;
  std::string_view agreement;
  std::string_view total;
  std::string_view no_agreements;
  std::string_view attention;
  std::string_view nothing_needs_attention;
  std::string_view attention_earlier; // items of agreements outside the period
  // registers
  std::string_view no_rows;
  std::string_view yes;
  std::string_view no;
};

bool is_vi(const RenderOptions& options);
const Words& words(bool vi);

// An agreement as a heading names it: "CODE — Title", else either, else "#id".
std::string agreement_name(const AgreementSection& agreement);
// As the attention list and the totals name it: its code, else "#id".
std::string agreement_ref(const AgreementSection& agreement);
// A view's title: "Coordination report", "Task register", …
std::string_view title_of(const Words& w, View view);

// The stored enum words (statuses, kinds, roles, forms) as people read them;
// an unknown value is shown as stored.
std::string agreement_status_label(bool vi, std::string_view status);
std::string task_status_label(bool vi, std::string_view status);
std::string meeting_kind_label(bool vi, std::string_view kind);
std::string role_label(bool vi, std::string_view role);
std::string award_form_label(bool vi, std::string_view form);
std::string award_kind_label(bool vi, std::string_view kind);
std::string attention_kind_label(bool vi, std::string_view kind);

// Upper-cases the first letter (ASCII or đ), for labels that open a heading.
std::string capitalize(std::string text);

// One decimal with a point, "66.7": the CSV and JSON form, never localised.
std::string one_decimal(double value);
// The same value as a JSON number (parsed back from one_decimal(), so JSON and
// CSV always agree on the rounding).
double one_decimal_number(double value);
// A figure for people: "66.7" / vi "66,7", "—" when absent.
std::string decimal_text(bool vi, const std::optional<double>& value);

// A stored number (an indicator's target or actual) for people: as short as
// it reads back exactly ("120", "2.5"), vi with a decimal comma ("2,5").
std::string number_text(bool vi, double value);
// A change from the other period of --compare: "+3", "-2", "±0"; percentage
// points with one decimal ("+5.0", vi "+5,0").
std::string delta_text(bool vi, double value, bool percent);

// "▓▓▓▓░░░░░░ 40%": ten cells, a cell per whole 10 % (so only 100 % is full).
std::string progress_bar(int percent);

// A terminal's bar of `percent` (clamped to 0-100), `width` display columns
// of block characters: full blocks, one partial block by eighths, the rest
// light shade ("████████▍░" for 84 % of 10).
std::string block_bar(double percent, int width);

// A date in a table cell (en ISO, vi 01/12/2022) and in running text
// (en ISO, vi "ngày 01 tháng 12 năm 2022").
std::string date_cell(bool vi, const core::Date& date);
std::string date_prose(bool vi, const core::Date& date);

// The period's name for titles and headings: en its label; vi "năm 2022",
// "quý IV/2022", "6 tháng đầu năm 2022", "9 tháng đầu năm 2023", "tháng
// 12/2022", "giai đoạn 2018-2022", "từ ngày 01/12/2022 đến ngày 31/01/2023".
// `recognised` tells whether the label was one of those forms (else it is
// returned as is).
std::string period_name(bool vi, const core::Period& period, bool* recognised = nullptr);

// "Name (Position, Org)", leaving out what is empty.
std::string person_text(const ParticipantLine& person);
// The chairs (chair and co_chair) of a meeting, each as person_text().
std::vector<std::string> chair_texts(const MeetingLine& meeting);
// The distinct organisations of a meeting's participants, in order of first appearance.
std::vector<std::string> attending_orgs(const MeetingLine& meeting);

// How a renderer makes record text safe in its format (Markdown escaping, escape_html;
// the identity where escaping happens later, as in a .docx's runs).
using Escape = std::string (*)(const std::string&);

// What an attention item says, after its agreement's reference ("REF: …"):
// one sentence, record text passed through `esc`.
std::string attention_sentence(bool vi, const Attention& item, Escape esc);

// A percentage for people: "66.7%", vi "66,7%", "—" when absent.
std::string percent_text(bool vi, const std::optional<double>& value);

// A follow-up task: “Title” (#12, in progress, 40%); a task titled with its
// conclusion's very words is not quoted again: "#7, planned, 0%".
std::string follow_up_text(bool vi, const FollowUpLine& task, Escape esc, std::string_view conclusion = {});

// A figure for people: a count, or a percentage ("66.7%", vi "66,7%"); a
// dash when absent, and for a task count where no work item is recorded
// (not known, not zero; CSV and JSON keep 0).
std::string figure_text(bool vi, const Figure& figure, const Counts& counts);

// A task's indicator: "121 / 120 mô hình (100.8%)", the actual on the day
// against the target; "—" without either.
std::string indicator_text(bool vi, const TaskLine& task, Escape esc);

// A meeting's contribution: "Org — Presenter: topic", leaving out what is empty.
std::string contribution_text(const ContributionLine& contribution, Escape esc);

// `text` cut to `width` display columns between character clusters, an
// ellipsis marking the cut (a chart's label; output.cpp's cut, which fits
// tables to a terminal).
std::string fit_width(const std::string& text, int width);

// HTML text and attribute values: &, <, >, " and ' as entities, control
// characters (a newline, a tab) as one space and the ends trimmed, so a
// record stays on its line and can open no element or attribute.
std::string escape_html(const std::string& text);

// The line under a report's or a sub-period's title: "Period: 2022-01-01 to
// 2022-12-31; figures as of 2022-12-31." (vi with administrative dates).
std::string period_line(bool vi, const core::Period& period, const core::Date& as_of);
// A report's title: "Coordination report — 2022", vi "Báo cáo … năm 2022";
// `what` is title_of(), the period's name goes through `esc`.
std::string report_title(bool vi, std::string_view what, const core::Period& period, Escape esc);
// A sub-period's heading (--each): its name, capitalised in Vietnamese.
std::string section_heading(bool vi, const core::Period& period, Escape esc);
// The line saying what --compare compares with.
std::string compare_line(bool vi, const Comparison& other, Escape esc);
// figure_text() with, against the other period of --compare, its change in
// brackets: "12 (+3)".
std::string figure_change_text(bool vi, const Figure& figure, const Counts& now, const Counts* before);
// The award figures on one line, as read above an agreement's decisions.
std::string awards_line(bool vi, const Counts& counts);

// A labelled fact under a heading ("Term: …"); the text already escaped.
struct Fact {
  std::string label;
  std::string text;
};
// An agreement's number, term and status (its note is a text of lines,
// which each format lays out itself).
std::vector<Fact> agreement_facts(bool vi, const AgreementSection& agreement, Escape esc);
// "2022-05-10 — Title" (the kind's label when the meeting has no title).
std::string meeting_heading(bool vi, const MeetingLine& meeting, Escape esc);
// A meeting's kind, place, who chaired (a line per role, chair first) and
// the attending bodies.
std::vector<Fact> meeting_facts(bool vi, const MeetingLine& meeting, Escape esc);
// "Decision No. 12/QĐ-UBND of 2022-05-10", or the decision's name without a number.
std::string decision_heading(bool vi, const DecisionLine& decision, Escape esc);
// A decision's issuer, form and reason, those recorded.
std::vector<Fact> decision_facts(bool vi, const DecisionLine& decision, Escape esc);

// Record text for a table cell through `esc`, a dash for nothing; a date
// for a cell, a dash for none.
std::string cell_text(const std::string& text, Escape esc);
std::string cell_date(bool vi, const std::optional<core::Date>& date);
// A text of lines (a note typed over several): each line through `esc`,
// blank ones dropped, joined by `separator` (the format's line break).
std::string lines_text(const std::string& text, Escape esc, std::string_view separator);

// A table as the formats for people lay it out: its headings, which columns
// hold numbers (right-aligned), and the rows' cells, already escaped.
struct TextTable {
  std::vector<std::string> headers;
  std::vector<bool> right;
  std::vector<std::vector<std::string>> rows;
};
// An agreement's parties: the body, its signer, the signer's position, the day.
TextTable parties_table(bool vi, const AgreementSection& agreement, Escape esc);
// The figures in reading order (figures_read()), with --compare's changes.
TextTable figures_table(bool vi, const Counts& counts, const Counts* before);
// The task figures of each lead body of an agreement.
TextTable by_lead_table(bool vi, const AgreementSection& agreement, Escape esc);
// The totals table's headings, and its row of an agreement (or the total).
TextTable totals_table(bool vi);
std::vector<std::string> counts_row(bool vi, std::string name, const Counts& counts, const Counts* before);
// An agreement's tasks table's headings (its rows are the format's).
TextTable tasks_table(bool vi);
// The number a task goes by: its code, else its place in the agreement (from 1).
std::string task_number(const TaskLine& task, std::size_t index, Escape esc);
// A task's partners with "; " between them, a dash for none.
std::string partners_text(const TaskLine& task, Escape esc);
// A task's status as its table says it: "in progress — overdue (in this
// period)", the overdue mark between `strong` and `strong_end` (the format's
// emphasis).
std::string task_status_text(bool vi, const TaskLine& task, Escape esc, std::string_view strong,
                             std::string_view strong_end);
// " (date)" of a task's latest result, or nothing.
std::string result_when(bool vi, const TaskLine& task);
// A decision's individual recipients (No., name, position, unit) and its collectives' names.
TextTable individuals_table(bool vi, const DecisionLine& decision, Escape esc);
std::vector<std::string> collective_names(const DecisionLine& decision, Escape esc);
// A meeting's contributions, and its conclusions each with its follow-up tasks.
std::vector<std::string> contribution_items(const MeetingLine& meeting, Escape esc);
std::vector<std::string> conclusion_items(bool vi, const MeetingLine& meeting, Escape esc);

// How the Markdown register shows a cell of each column.
// quantity: a stored number (number_text); decimal_percent: one decimal and
// a % sign, and one decimal in CSV too (100.0); follow_ups: a meeting's
// follow-up tasks, an array of objects (follow_up_value()).
enum class CellKind {
  text,
  number,
  date,
  flag,
  task_status,
  meeting_kind,
  award_kind,
  award_form,
  attention_kind,
  percent,
  quantity,
  decimal_percent,
  follow_ups
};

struct RegisterColumn {
  std::string_view key; // the CSV header and JSON key (fixed)
  std::string_view en;  // the Markdown headings
  std::string_view vi;
  CellKind kind = CellKind::text;
  // The period columns repeat the sub-period heading above each Markdown
  // table, so Markdown leaves them out.
  bool in_markdown = true;
  // A filed document (.docx) keeps to what fits a landscape A4 page: not the
  // database's ids nor the columns other cells already say.
  bool in_document = true;
};

// A register cell as people read it (Markdown, .docx): labels for the stored
// words, dd/mm/yyyy dates in Vietnamese, "—" for nothing; record text through `esc`.
std::string register_text(bool vi, const RegisterColumn& column, const Value& value, Escape esc);

// A meeting's follow-up tasks as the registers and the summary JSON give
// them: one object per (conclusion, task), the conclusion's number (from 1),
// the task's id, code, title, status and progress on the as-of day.
Value follow_ups_value(const MeetingLine& meeting);

// The columns of a register view (View::summary has none: its CSV has fixed
// columns of its own and its JSON and Markdown are the whole model).
const std::vector<RegisterColumn>& register_columns(View view);

// A register view's table for people: the columns shown (in_markdown), their
// headings and alignment; a row's cells through register_text().
struct RegisterTable {
  std::vector<std::string> headers;
  std::vector<bool> right;
  std::vector<const RegisterColumn*> shown;
};
RegisterTable register_table(bool vi, View view);
std::vector<std::string> register_line(bool vi, const RegisterTable& table, const Object& row, Escape esc);

// The rows of a register view for one sub-period, typed (numbers, booleans,
// null for absent), with exactly the keys of register_columns(view) in order:
//   tasks:    one per (agreement, task)
//   meetings: one per (meeting, agreement), by date then meeting id
//   awards:   one per (agreement, decision, recipient)
std::vector<Object> register_rows(const PeriodSection& section, View view);
// The rows of one agreement of the section, appended to `rows` (tasks and
// awards only: the meeting register orders the whole section by date).
void register_rows(const PeriodSection& section, const AgreementSection& agreement, View view,
                   std::vector<Object>& rows);

// The register rows of a sub-period as its agreements arrive: a task or award
// register's rows at once, the meeting register's (ordered by date over the
// whole sub-period) when it ends.
class RegisterRows {
public:
  explicit RegisterRows(View view) : m_view(view) {}
  void begin(const PeriodSection& section);
  std::vector<Object> agreement(const PeriodSection& section, const AgreementSection& agreement);
  // The attention register's row of one item (View::attention).
  Object attention(const PeriodSection& section, const Attention& item) const;
  std::vector<Object> end();

private:
  View m_view;
  PeriodSection m_section;
};

// Text written later than it is made (the attention list after the totals):
// kept in memory up to a few MiB, beyond that in an unnamed temporary file,
// so a million attention items do not stay in memory.
class Spool {
public:
  Spool() = default;
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  ~Spool();
  void append(std::string_view text);
  bool empty() const { return m_empty; }
  // Writes everything appended and empties the spool.
  void write_to(std::ostream& out);
  void write_to(Spool& other);
  // Everything appended, as a file read from its start, handed to the
  // caller (who closes it); the spool is left empty.
  std::FILE* take_file();

private:
  void spill(); // the buffer to the temporary file
  template <class Emit> void drain(Emit emit);
  static constexpr std::size_t k_limit = std::size_t{4} << 20;
  std::string m_buffer;
  std::FILE* m_file = nullptr;
  bool m_empty = true;
};

// The stream of a report for people (Markdown, HTML): what each view shows
// and in which order — the title and period line, a heading per sub-period
// with --each, each agreement, the totals and the attention list of the
// summary, a register's table begun at its first row, the attention list
// alone — with the totals rows and the attention items spooled until their
// sub-period ends. A format says how each piece is written.
class ProseSink : public SummarySink {
public:
  ProseSink(View view, const RenderOptions& options, Escape esc);
  void begin(const core::Period& period, const core::Date& today, std::size_t sections) override;
  void begin_section(const PeriodSection& section) override;
  void agreement(const PeriodSection& section, const AgreementSection& agreement) override;
  void attention(const PeriodSection& section, const Attention& item) override;
  void end_section(const PeriodSection& section) override;
  void end() override { close(); }

protected:
  bool vi() const { return m_vi; }
  const Words& w() const { return words(m_vi); }

  virtual std::ostream& out() = 0;
  // The document's start (its title and period line, escaped) and its end.
  virtual void open(const std::string& title, const std::string& period_line) = 0;
  virtual void close() {}
  virtual void heading(int level, const std::string& text) = 0;
  virtual void paragraph(const std::string& text) = 0;
  // A sub-period begins (with --each: `several`, under its heading and
  // period line) and ends, now with its totals.
  virtual void open_section(bool several, const std::string& heading, const std::string& period_line) = 0;
  virtual void close_section(const PeriodSection& /*section*/) {}
  // The line saying what --compare compares with.
  virtual void compare(const std::string& line) { paragraph(line); }
  // A summary's agreement, whole; `before`: its counts in --compare's other period.
  virtual void write_agreement(const AgreementSection& agreement, const Counts* before, int level) = 0;
  // A table's headings, a row as text (`right`: its numeric cells, as in the
  // headings; `total`: the totals' row), its end.
  virtual void table_start(const TextTable& head) = 0;
  virtual std::string row(const std::vector<std::string>& cells, const std::vector<bool>& right, bool total) = 0;
  virtual void table_end() {}
  // After the totals table (a chart of them).
  virtual void after_totals(const PeriodSection& /*section*/) {}
  // An attention item as a line of its list; a list of such lines.
  virtual std::string attention_item(const Attention& item) = 0;
  virtual void attention_list(Spool& items) = 0;

private:
  void totals(const PeriodSection& section);
  void attention_lists(bool with_heading);
  void write_rows(const std::vector<Object>& rows);

  View m_view;
  bool m_vi;
  Escape m_esc;
  bool m_several = false;
  int m_level = 2;
  bool m_any_agreement = false;
  TextTable m_totals_head; // the totals table's headings
  Spool m_totals;          // the section's totals rows, written at its end
  Spool m_attention;
  Spool m_attention_earlier;
  RegisterTable m_table;
  bool m_table_started = false;
  RegisterRows m_register;
  std::optional<Comparison> m_compare; // of the current section
};

// The fixed columns of `report summary --format csv` (phoihop-report(1),
// FORMATS), in order: the sub-period's and the agreement's, then the keys of
// k_figures.
const std::vector<std::string_view>& summary_csv_columns();

} // namespace phoihop::report::detail
