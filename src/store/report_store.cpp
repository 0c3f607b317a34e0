#include "sql.hpp"

#include <phoihop/store/report_store.hpp>

#include <algorithm>
#include <string_view>

namespace phoihop::store {

namespace {

// ?1 agreement, ?2 as-of day, ?3 the term's start, ?4..?5 the days an update
// makes a task done in the period. Each state value is that of the latest
// update on or before ?2 that gives it (the rule of TaskStore); each is one
// search of task_update's (task_id, date, seq) index.
#define PHOIHOP_REPORT_LATEST(column)                                                              \
  "(SELECT x." column " FROM task_update x WHERE x.task_id = t.id AND x.date <= ?2 AND x." column \
  " IS NOT NULL ORDER BY x.date DESC, x.seq DESC LIMIT 1)"
#define PHOIHOP_REPORT_STATE                                                                       \
  "coalesce(" PHOIHOP_REPORT_LATEST("status") ", 'planned'), "                                    \
  "coalesce(" PHOIHOP_REPORT_LATEST("progress") ", 0), "                                          \
  "coalesce(" PHOIHOP_REPORT_LATEST("due") ", t.due_date), "                                      \
  "EXISTS (SELECT 1 FROM task_update x WHERE x.task_id = t.id AND x.status = 'done' "              \
  "AND x.date >= ?4 AND x.date <= ?5)"
#define PHOIHOP_REPORT_TASKS                                                                       \
  "FROM task t LEFT JOIN meeting m ON m.id = t.meeting_id "                                        \
  "WHERE t.agreement_id = ?1 AND coalesce(t.start_date, m.date, ?3) <= ?2 "
// An organisation `org` as it was named on ?2: the former name with the
// smallest last day on or after it (org rename --date), else its name (the
// rule of OrgStore::name_on).
#define PHOIHOP_REPORT_NAME(org)                                                                   \
  "coalesce((SELECT f.name FROM org_name f WHERE f.org_id = " org ".id AND f.until >= ?2 "         \
  "ORDER BY f.until LIMIT 1), " org ".name)"
// What the task lines add to the counts: the lead and the partners named as on
// ?2 (the partners joined by a unit separator, which stored names cannot hold,
// in ordinal order: SQLite keeps a subquery's ORDER BY under an aggregate), the
// indicator's target, unit and actual on ?2, and the latest update on or
// before ?2 with a note (joined through its id: one index search per task).
#define PHOIHOP_REPORT_RESULTS                                                                     \
  "t.lead_org_id, " PHOIHOP_REPORT_NAME("lo") ", "                                                 \
  "(SELECT group_concat(n, char(31)) FROM (SELECT " PHOIHOP_REPORT_NAME("po") " AS n "             \
  "FROM task_partner p JOIN org po ON po.id = p.org_id WHERE p.task_id = t.id ORDER BY p.ordinal)), " \
  "t.target, t.unit, " PHOIHOP_REPORT_LATEST("actual") ", n.note, n.date "
#define PHOIHOP_REPORT_TASKS_RESULTS                                                               \
  "FROM task t LEFT JOIN org lo ON lo.id = t.lead_org_id LEFT JOIN meeting m ON m.id = t.meeting_id " \
  "LEFT JOIN task_update n ON n.id = (SELECT x.id FROM task_update x WHERE x.task_id = t.id AND "  \
  "x.date <= ?2 AND x.note IS NOT NULL AND NOT (x.due IS NOT NULL AND x.status IS NULL AND "        \
  "x.progress IS NULL AND x.actual IS NULL) ORDER BY x.date DESC, x.seq DESC LIMIT 1) "             \
  "WHERE t.agreement_id = ?1 AND coalesce(t.start_date, m.date, ?3) <= ?2 "

std::vector<std::string> split_names(const std::string& joined)
{
  std::vector<std::string> out;
  if (joined.empty()) {
    return out;
  }
  std::size_t from = 0;
  for (std::size_t at = joined.find('\x1f'); at != std::string::npos; at = joined.find('\x1f', from)) {
    out.push_back(joined.substr(from, at - from));
    from = at + 1;
  }
  out.push_back(joined.substr(from));
  return out;
}

void bind_query(Statement& s, const ReportTaskQuery& q)
{
  s.bind(1, static_cast<int64_t>(q.agreement_id));
  s.bind(2, q.as_of.iso());
  s.bind(3, q.term_start.iso());
  s.bind(4, q.period_first.iso());
  s.bind(5, std::min(q.period_last, q.as_of).iso());
}

} // namespace

void ReportStore::tasks(const ReportTaskQuery& query, const std::function<void(const ReportTask&)>& each)
{
  auto& s = m_db.impl().stmt(
    "SELECT t.id, t.code, t.title, t.start_date, t.due_date, " PHOIHOP_REPORT_STATE ", "
    "(SELECT max(x.date) FROM task_update x WHERE x.task_id = t.id AND x.date <= ?2 AND "
    "(x.status IS NOT NULL OR x.progress IS NOT NULL OR x.actual IS NOT NULL)), "
    PHOIHOP_REPORT_RESULTS PHOIHOP_REPORT_TASKS_RESULTS "ORDER BY t.ordinal, t.id");
  bind_query(s, query);
  ReportTask t;
  while (s.executeStep()) {
    t.id = s.getColumn(0).getInt64();
    t.code = column_text(s, 1);
    t.title = column_text(s, 2);
    t.start = column_date(s, 3);
    t.planned_due = column_date(s, 4);
    t.status = column_text(s, 5);
    t.progress = s.getColumn(6).getInt();
    t.due = column_date(s, 7);
    t.done_in_period = t.status == "done" && s.getColumn(8).getInt() != 0;
    t.updated_on = column_date(s, 9);
    t.lead_id = column_id(s, 10);
    t.lead = column_text(s, 11);
    t.partners = split_names(column_text(s, 12));
    t.target = column_real(s, 13);
    t.unit = column_text(s, 14);
    t.actual = column_real(s, 15);
    t.note = column_text(s, 16);
    t.noted_on = column_date(s, 17);
    each(t);
  }
}

bool ReportTaskCounts::add(const ReportTask& t, const core::Date& as_of)
{
  ++total;
  if (t.status == "planned") {
    ++planned;
  } else if (t.status == "in_progress") {
    ++in_progress;
  } else if (t.status == "done") {
    ++done;
  } else if (t.status == "cancelled") {
    ++cancelled;
  } else if (t.status == "unfinished") {
    ++unfinished;
  }
  if (t.status != "cancelled") {
    progress_sum += t.progress;
    ++progress_count;
  }
  done_in_period += t.done_in_period ? 1 : 0;
  const bool late = t.due && *t.due < as_of && !core::task_closed(t.status);
  overdue += late ? 1 : 0;
  return late;
}

ReportTaskCounts ReportStore::task_counts(const ReportTaskQuery& query)
{
  // Counted here rather than with sum() in SQL: an aggregate over a subquery
  // would have SQLite flatten it and evaluate each state lookup once per use.
  auto& s = m_db.impl().stmt("SELECT " PHOIHOP_REPORT_STATE " " PHOIHOP_REPORT_TASKS);
  bind_query(s, query);
  ReportTaskCounts c;
  ReportTask t;
  while (s.executeStep()) {
    t.status = column_text(s, 0);
    t.progress = s.getColumn(1).getInt();
    t.due = column_date(s, 2);
    t.done_in_period = t.status == "done" && s.getColumn(3).getInt() != 0;
    c.add(t, query.as_of);
  }
  return c;
}

std::vector<ReportConclusion> ReportStore::conclusions(core::Id meeting_id, const core::Date& as_of)
{
  // One statement per meeting, as for its participants: a conclusion with
  // each of its follow-up tasks (or none), their state on ?2 by the rule of
  // the task lines.
  auto& s = m_db.impl().stmt(
    "SELECT c.id, c.text, t.id, t.code, t.title, "
    "coalesce(" PHOIHOP_REPORT_LATEST("status") ", 'planned'), "
    "coalesce(" PHOIHOP_REPORT_LATEST("progress") ", 0) "
    // A follow-up exists from its start, else its meeting's day (the rule
    // of the task lines); one not begun by ?2 is not told.
    "FROM meeting_conclusion c JOIN meeting mc ON mc.id = c.meeting_id "
    "LEFT JOIN task t ON t.conclusion_id = c.id AND coalesce(t.start_date, mc.date) <= ?2 "
    "WHERE c.meeting_id = ?1 ORDER BY c.ordinal, c.id, t.id");
  s.bind(1, static_cast<int64_t>(meeting_id));
  s.bind(2, as_of.iso());
  std::vector<ReportConclusion> out;
  core::Id last = 0;
  while (s.executeStep()) {
    core::Id id = s.getColumn(0).getInt64();
    if (out.empty() || id != last) {
      out.push_back({column_text(s, 1), {}});
      last = id;
    }
    if (!s.getColumn(2).isNull()) {
      out.back().follow_ups.push_back(
        {s.getColumn(2).getInt64(), column_text(s, 3), column_text(s, 4), column_text(s, 5), s.getColumn(6).getInt()});
    }
  }
  return out;
}

std::vector<core::Id> ReportStore::meeting_ids(core::Id agreement_id, const core::Date& from,
                                               const core::Date& to)
{
  auto& s = m_db.impl().stmt(
    "SELECT m.id FROM meeting_agreement ma JOIN meeting m ON m.id = ma.meeting_id "
    "WHERE ma.agreement_id = ?1 AND m.date >= ?2 AND m.date <= ?3 ORDER BY m.date, m.id");
  s.bind(1, static_cast<int64_t>(agreement_id));
  s.bind(2, from.iso());
  s.bind(3, to.iso());
  std::vector<core::Id> out;
  while (s.executeStep()) {
    out.push_back(s.getColumn(0).getInt64());
  }
  return out;
}

std::vector<std::pair<core::Id, bool>> ReportStore::recipients(core::Id agreement_id, const core::Date& from,
                                                                const core::Date& to)
{
  auto& s = m_db.impl().stmt(
    "SELECT r.id, r.kind = 'individual' FROM award_decision d JOIN award_recipient r ON r.decision_id = d.id "
    "WHERE d.agreement_id = ?1 AND d.date >= ?2 AND d.date <= ?3");
  s.bind(1, static_cast<int64_t>(agreement_id));
  s.bind(2, from.iso());
  s.bind(3, to.iso());
  std::vector<std::pair<core::Id, bool>> out;
  while (s.executeStep()) {
    out.emplace_back(s.getColumn(0).getInt64(), s.getColumn(1).getInt() != 0);
  }
  return out;
}

bool ReportStore::has_events(core::Id agreement_id, const core::Date& from, const core::Date& to)
{
  auto& s = m_db.impl().stmt(
    "SELECT EXISTS (SELECT 1 FROM meeting_agreement ma JOIN meeting m ON m.id = ma.meeting_id "
    "WHERE ma.agreement_id = ?1 AND m.date >= ?2 AND m.date <= ?3) OR EXISTS (SELECT 1 FROM "
    "award_decision d JOIN award_recipient r ON r.decision_id = d.id WHERE d.agreement_id = ?1 "
    "AND d.date >= ?2 AND d.date <= ?3)");
  s.bind(1, static_cast<int64_t>(agreement_id));
  s.bind(2, from.iso());
  s.bind(3, to.iso());
  s.executeStep();
  return s.getColumn(0).getInt() != 0;
}

bool ReportStore::has_final_review(core::Id agreement_id, const core::Date& to)
{
  auto& s = m_db.impl().stmt(
    "SELECT EXISTS (SELECT 1 FROM meeting_agreement ma JOIN meeting m ON m.id = ma.meeting_id "
    "WHERE ma.agreement_id = ?1 AND m.kind = 'final_review' AND m.date <= ?2)");
  s.bind(1, static_cast<int64_t>(agreement_id));
  s.bind(2, to.iso());
  s.executeStep();
  return s.getColumn(0).getInt() != 0;
}

std::unordered_map<core::Id, core::Id> ReportStore::ceased_leads(core::Id agreement_id, const core::Date& day)
{
  auto& s = m_db.impl().stmt(
    // From the few bodies that ceased to their tasks (task_lead), not
    // through every task of the agreement.
    "SELECT t.id, o.id FROM org o CROSS JOIN task t ON t.lead_org_id = o.id "
    "WHERE o.valid_to < ?2 AND t.agreement_id = ?1");
  s.bind(1, static_cast<int64_t>(agreement_id));
  s.bind(2, day.iso());
  std::unordered_map<core::Id, core::Id> out;
  while (s.executeStep()) {
    out.emplace(s.getColumn(0).getInt64(), s.getColumn(1).getInt64());
  }
  return out;
}

bool ReportStore::any_former_names()
{
  auto& s = m_db.impl().stmt("SELECT EXISTS (SELECT 1 FROM org_name)");
  s.executeStep();
  return s.getColumn(0).getInt() != 0;
}

} // namespace phoihop::store
