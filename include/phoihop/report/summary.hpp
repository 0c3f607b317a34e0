#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/core/model.hpp>
#include <phoihop/core/period.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The period report of phoihop-report(1) as plain data: built from the store
// by build_summary() (report/build.cpp), rendered by the renderers
// (render_markdown.cpp, render_csv.cpp, render_json.cpp), which include this
// header and never the store's. The registers (report tasks|meetings|awards)
// are views of the same model.
namespace phoihop::report {

// A task as it stood on the period's as-of day.
struct TaskLine {
  core::Id id = 0;
  std::string code;
  std::string title;
  std::string lead;
  std::optional<core::Date> start;
  std::optional<core::Date> due;
  std::optional<core::Date> planned_due; // before any extension; equal to due when none
  std::string status; // planned|in_progress|done|cancelled|unfinished
  int progress = 0;   // percent
  bool overdue = false;
  bool done_in_period = false;
  std::optional<core::Date> updated_on; // date of the update giving this state
  // The results (phoihop-report(1), RESULTS), as of the same day.
  std::optional<core::Id> lead_id;   // absent: no lead
  std::vector<std::string> partners; // by ordinal, named as on the day, like the lead
  std::optional<double> target;      // the indicator, as planned
  std::optional<double> actual;      // of the latest update on or before the day giving one
  std::string unit;
  std::optional<double> pct_of_target; // actual ÷ target × 100, one decimal; absent without both or with target 0
  std::string result_note;             // the latest update's note on or before the day
  std::optional<core::Date> result_date; // and that update's date
};

struct PartyLine {
  core::Id org_id = 0;
  std::string name;
  std::string signer_name;
  std::string signer_position;
  std::optional<core::Date> signed_on;
};

struct ParticipantLine {
  std::string role; // chair|co_chair|secretary|delegate
  std::string org;
  std::string name;
  std::string position;
};

struct ContributionLine {
  std::string org;
  std::string presenter;
  std::string topic;
};

// A follow-up task of a conclusion (task.conclusion_id), as it stood on the as-of day.
struct FollowUpLine {
  core::Id task_id = 0;
  std::string code;
  std::string title;
  std::string status;
  int progress = 0;
};

struct ConclusionLine {
  std::string text;
  std::vector<FollowUpLine> follow_ups; // by task id
};

struct MeetingLine {
  core::Id id = 0;
  core::Date date;
  std::string kind;
  std::string title;
  std::string place;
  std::vector<ParticipantLine> participants; // in order; chairs are those with role chair/co_chair
  std::vector<ContributionLine> contributions; // in order
  std::vector<ConclusionLine> conclusions;     // in order
};

struct RecipientLine {
  core::Id id = 0;
  std::string kind; // collective|individual
  std::string name; // organisation or person
  std::string unit; // an individual's unit
  std::string position;
};

struct DecisionLine {
  core::Id id = 0;
  std::string number;
  std::optional<core::Date> date;
  std::string issuer;
  std::string form; // bang_khen|giay_khen|other
  std::string reason;
  std::vector<RecipientLine> recipients; // collectives first, each in order
};

// The figures of phoihop-report(1), COUNTING RULES, for one agreement (or the
// totals of a period). Every member is a row of k_figures below.
struct Counts {
  int tasks_total = 0;
  int tasks_planned = 0;
  int tasks_in_progress = 0;
  int tasks_done = 0;
  int tasks_cancelled = 0;
  int tasks_overdue = 0;
  int tasks_done_in_period = 0;
  // done ÷ (total − cancelled) × 100; absent when no task counts.
  std::optional<double> completion_pct;
  // mean progress of the tasks not cancelled; absent when there are none.
  std::optional<double> progress_avg;
  int meetings = 0;
  int awards_collective = 0;
  int awards_individual = 0;
  // Closed because the agreement ended, at the progress they reached: they
  // stay in both percentages (a member added later comes last).
  int tasks_unfinished = 0;
};

// What a figure counts. The totals of a period add up the agreements' task
// counts, compute the task percentages over all their tasks, and count a
// meeting or a recipient shared by two agreements once (build.cpp).
enum class FigureGroup { tasks, meetings, awards };

// One figure of Counts as every format shows it, read through a pointer to
// its member: a count, or a percentage with one decimal that is absent when
// no task counts (an empty CSV cell, JSON null, a dash in Markdown).
struct Figure {
  std::string_view key; // the CSV column and JSON key: fixed, users' scripts read them
  std::string_view en;  // the Markdown heading in English
  std::string_view vi;  // and in Vietnamese
  FigureGroup group = FigureGroup::tasks;
  int Counts::*count = nullptr;                     // exactly one of these two is set
  std::optional<double> Counts::*percent = nullptr;
  // Where people read it (the Markdown tables): after the figure with this
  // key; empty: in its place. A figure appended to the fixed CSV columns
  // is still read beside its kin.
  std::string_view read_after{};

  constexpr bool is_percent() const { return percent != nullptr; }
};

// The one list of the figures, in the order every format writes them: the
// summary CSV's columns after the agreement's, the JSON "counts" and
// "totals" objects, and the Markdown figures and totals tables. A renderer
// that shows fewer picks them by group (the awards line under a Markdown
// agreement's Awards heading), never by a list of its own.
inline constexpr std::array<Figure, 13> k_figures{{
  {"tasks_total", "Tasks", "Tổng số đầu việc", FigureGroup::tasks, &Counts::tasks_total},
  {"tasks_planned", "Planned", "Chưa thực hiện", FigureGroup::tasks, &Counts::tasks_planned},
  {"tasks_in_progress", "In progress", "Đang thực hiện", FigureGroup::tasks, &Counts::tasks_in_progress},
  {"tasks_done", "Done", "Hoàn thành", FigureGroup::tasks, &Counts::tasks_done},
  {"tasks_cancelled", "Cancelled", "Đã hủy", FigureGroup::tasks, &Counts::tasks_cancelled},
  {"tasks_overdue", "Overdue", "Quá hạn", FigureGroup::tasks, &Counts::tasks_overdue},
  {"tasks_done_in_period", "Done in the period", "Hoàn thành trong kỳ", FigureGroup::tasks,
   &Counts::tasks_done_in_period},
  {"completion_pct", "Completion rate", "Tỷ lệ hoàn thành", FigureGroup::tasks, nullptr,
   &Counts::completion_pct},
  {"progress_avg", "Average progress", "Tiến độ bình quân", FigureGroup::tasks, nullptr,
   &Counts::progress_avg},
  {"meetings", "Meetings", "Số hội nghị", FigureGroup::meetings, &Counts::meetings},
  {"awards_collective", "Collectives commended", "Tập thể được khen thưởng", FigureGroup::awards,
   &Counts::awards_collective},
  {"awards_individual", "Individuals commended", "Cá nhân được khen thưởng", FigureGroup::awards,
   &Counts::awards_individual},
  // Appended: the columns above are fixed, in this order.
  {"tasks_unfinished", "Unfinished at the end", "Chưa hoàn thành khi kết thúc", FigureGroup::tasks,
   &Counts::tasks_unfinished, nullptr, "tasks_cancelled"},
}};

// k_figures in the order people read them (Figure::read_after).
const std::vector<const Figure*>& figures_read();

// One lead body's tasks in an agreement (phoihop-report(1), RESULTS): the
// task figures of Counts (FigureGroup::tasks), counted by its rules.
struct LeadLine {
  std::optional<core::Id> lead_id; // absent: the tasks without a lead
  std::string lead;                // named as on the as-of day
  Counts counts;                   // the task figures only
};

// The other period of --compare (phoihop-report(1), COMPARISON), counted by
// the same rules as the section it is compared with.
struct Comparison {
  core::Period period;
  core::Date as_of;
  Counts totals;
  std::vector<std::pair<core::Id, Counts>> agreements; // by id: those the other period includes

  // The counts of an agreement in the other period, or null when it did not appear there.
  const Counts* of(core::Id agreement_id) const;
};

// A figure's change from the other period to this one: a count's
// difference, a percentage's in points (one decimal); absent when either
// percentage is.
std::optional<double> delta(const Figure& figure, const Counts& now, const Counts& before);

// Something the office should look at, as of the as-of day. An item stays
// in every later report until what it names is resolved (phoihop-report(1),
// NEEDS ATTENTION): when its agreement is outside the period, it is listed
// under its own heading (`earlier`).
struct Attention {
  // overdue_task | task_unfinished | task_stale | task_due_soon | lead_ceased
  // (a task's), final_review_missing | term_over_in_force | party_ceased |
  // party_ceased_before_term | no_tasks | no_signers (an agreement's)
  std::string kind;
  core::Id agreement_id = 0;
  std::string agreement; // code, else "#id"
  bool earlier = false;  // the agreement is outside the period
  // a task's kinds
  core::Id task_id = 0;
  std::string task_title;
  std::optional<core::Date> due; // as in force on the day
  int progress = 0;
  std::optional<core::Date> last_update; // task_stale: the last dated state, if any
  int months = 0;                        // task_stale: months without one
  // final_review_missing, term_over_in_force: the day the term ended
  std::optional<core::Date> term_ended;
  // party_ceased, party_ceased_before_term, lead_ceased: the body
  std::string party;
  std::optional<core::Date> ceased_on; // the last day it existed
  int months_into_term = 0;
  std::vector<std::pair<std::string, core::Date>> successors; // name, from
};

struct AgreementSection {
  core::Id id = 0;
  std::string code;
  std::string title;
  std::string number;
  std::string term; // "2018-2022" or "2022-12-01..2026-12-31"
  core::Date start;
  core::Date end; // planned
  std::optional<core::Date> actual_end;
  std::string status;
  std::vector<PartyLine> parties;
  std::vector<TaskLine> tasks; // by ordinal
  Counts counts;
  std::vector<MeetingLine> meetings;   // held in the period, by date
  std::vector<DecisionLine> decisions; // decided in the period, by date
  std::string note;                    // the agreement's note
  std::vector<LeadLine> by_lead;       // by first task led; the tasks without a lead last
};

struct PeriodSection {
  core::Period period;
  core::Date as_of; // the period's last day, or today if that comes first
  std::vector<AgreementSection> agreements; // whose term overlaps the period, by start
  Counts totals; // meetings and recipients counted once even when shared
  std::vector<Attention> attention;
  std::optional<Comparison> compare; // with --compare
};

struct Summary {
  core::Period period; // the whole period asked for
  core::Date today;
  std::vector<PeriodSection> sections; // one per --each sub-period (one when not split)
};

// The summary piece by piece, as build_summary() streams it: each agreement
// is handed over once built and then dropped, so a report over a million
// tasks holds one agreement at a time. Calls come in this order:
//   begin, then per sub-period: begin_section, then any number of
//   attention and agreement calls (an agreement's attention items come
//   before or after it; their order among themselves is the report's),
//   end_section; finally end.
class SummarySink {
public:
  virtual ~SummarySink() = default;
  // The whole period, today, and how many sub-periods follow.
  virtual void begin(const core::Period& period, const core::Date& today, std::size_t sections) = 0;
  // `section` has its period and as_of; its agreements and attention stay empty.
  virtual void begin_section(const PeriodSection& section) = 0;
  virtual void agreement(const PeriodSection& section, const AgreementSection& agreement) = 0;
  virtual void attention(const PeriodSection& section, const Attention& item) = 0;
  // Now with its totals.
  virtual void end_section(const PeriodSection& section) = 0;
  virtual void end() = 0;
};

// Hands a built summary to `sink` as build_summary() would have streamed it,
// so each renderer has one code path for a stream and a whole Summary.
void replay(const Summary& summary, SummarySink& sink);

} // namespace phoihop::report
