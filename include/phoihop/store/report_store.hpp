#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace phoihop::store {

// What a period report asks for a task (phoihop-report(1), COUNTING RULES): as of the as-of day.
struct ReportTask {
  core::Id id = 0;
  std::string code;
  std::string title;
  std::optional<core::Id> lead_id;
  std::string lead;                  // named as on the day (org rename --date)
  std::vector<std::string> partners; // by ordinal, named as on the day
  std::optional<core::Date> start;
  std::optional<core::Date> due;         // in force on the day: the latest extension, else planned_due
  std::optional<core::Date> planned_due; // as the task was added (task edit corrects it)
  std::string status;   // of the latest update on or before the day giving one, else planned
  int progress = 0;     // likewise, else 0
  std::optional<core::Date> updated_on; // the latest update on or before the day giving a state
  bool done_in_period = false; // done, and an update in the period made it so
  // The indicator: target and unit as planned, the actual of the latest
  // update on or before the day giving one.
  std::optional<double> target;
  std::string unit;
  std::optional<double> actual;
  // The result: the note of the latest update on or before the day giving one, and its date.
  std::string note;
  std::optional<core::Date> noted_on;
};

// A follow-up task of a meeting's conclusion, with its state on the day.
struct ReportFollowUp {
  core::Id task_id = 0;
  std::string code;
  std::string title;
  std::string status;
  int progress = 0;
};

// A meeting's conclusion with its follow-up tasks (task.conclusion_id), by task id.
struct ReportConclusion {
  std::string text;
  std::vector<ReportFollowUp> follow_ups;
};

struct ReportTaskCounts {
  int total = 0;
  int planned = 0;
  int in_progress = 0;
  int done = 0;
  int cancelled = 0;
  int unfinished = 0;
  int overdue = 0;
  int done_in_period = 0;
  long long progress_sum = 0; // over the tasks not cancelled
  int progress_count = 0;

  // Counts one task by phoihop-report(1)'s COUNTING RULES and says whether it is overdue on
  // `as_of` (due, as in force that day, before it and not closed: core::Task::overdue_on).
  // The one tally of both the counting and the listing report paths.
  bool add(const ReportTask& t, const core::Date& as_of);
};

// Which tasks of an agreement a report period covers: those that exist on
// `as_of` (from their start, else the date of the meeting they came from,
// else `term_start`), with their state on `as_of`; done in the period means
// done on `as_of` and an update dated in the period, not after `as_of`, said
// done.
struct ReportTaskQuery {
  core::Id agreement_id = 0;
  core::Date term_start;
  core::Date as_of;
  core::Date period_first;
  core::Date period_last;
};

// The statements of `report`: each task's state computed in SQL, one
// statement per agreement (never one per task), so a report over a million
// tasks costs what the equivalent aggregate SQL costs.
class ReportStore {
public:
  explicit ReportStore(Database& db) : m_db(db) {}

  // The tasks by ordinal, each handed to `each` (none kept).
  void tasks(const ReportTaskQuery& query, const std::function<void(const ReportTask&)>& each);
  // Their counts, without reading their text.
  ReportTaskCounts task_counts(const ReportTaskQuery& query);
  // The meetings of the agreement held from `from` to `to`, by date.
  std::vector<core::Id> meeting_ids(core::Id agreement_id, const core::Date& from, const core::Date& to);
  // The recipients of its decisions made from `from` to `to`: id and whether individual.
  std::vector<std::pair<core::Id, bool>> recipients(core::Id agreement_id, const core::Date& from,
                                                    const core::Date& to);
  // The meeting's conclusions by ordinal, each with its follow-up tasks as they stood on `as_of`.
  std::vector<ReportConclusion> conclusions(core::Id meeting_id, const core::Date& as_of);
  // Whether a meeting or award decision of the agreement falls from `from` to `to`.
  bool has_events(core::Id agreement_id, const core::Date& from, const core::Date& to);
  // Whether it held a final review on or before `to`.
  bool has_final_review(core::Id agreement_id, const core::Date& to);
  // Its tasks led by a body that had ceased before `day`: task id → the lead's id.
  std::unordered_map<core::Id, core::Id> ceased_leads(core::Id agreement_id, const core::Date& day);
  // Whether any organisation was ever renamed on a date (org_name has a row).
  bool any_former_names();

private:
  Database& m_db;
};

} // namespace phoihop::store
