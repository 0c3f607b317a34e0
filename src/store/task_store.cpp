#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/task_store.hpp>

#include <fmt/format.h>

#include <unordered_map>

namespace phoihop::store {

namespace {

// The task with its state as of ?1: each value from the latest update on or
// before that day that gives it. The subquery keeps the state columns
// nameable in the WHERE clauses below.
#define PHOIHOP_LATEST(column)                                                                     \
  "(SELECT x." column " FROM task_update x WHERE x.task_id = t.id AND x.date <= ?1 AND x." column \
  " IS NOT NULL ORDER BY x.date DESC, x.seq DESC LIMIT 1)"
#define PHOIHOP_TASK_SELECT                                                                        \
  "SELECT * FROM (SELECT t.id, t.uid, t.agreement_id, a.code, t.code, t.ordinal, t.title, "       \
  "t.description, t.lead_org_id, lo.name, t.start_date, t.due_date, t.target, t.unit, "           \
  "t.meeting_id, t.conclusion_id, t.note, "                                                        \
  "coalesce(" PHOIHOP_LATEST("status") ", 'planned') AS state_status, "                           \
  "coalesce(" PHOIHOP_LATEST("progress") ", 0) AS state_progress, "                               \
  PHOIHOP_LATEST("actual") " AS state_actual, "                                                    \
  "(SELECT max(x.date) FROM task_update x WHERE x.task_id = t.id AND x.date <= ?1 AND "          \
  "(x.status IS NOT NULL OR x.progress IS NOT NULL OR x.actual IS NOT NULL)) AS state_date, "     \
  "t.lead_org_id AS lead_id, coalesce(" PHOIHOP_LATEST("due") ", t.due_date) AS due, "            \
  "t.title_key AS title_key, "                                                                     \
  "t.description_key AS description_key "                                                          \
  "FROM task t JOIN agreement a ON a.id = t.agreement_id "                                         \
  "LEFT JOIN org lo ON lo.id = t.lead_org_id) "


void bind_real(Statement& s, int index, const std::optional<double>& value)
{
  if (value) {
    s.bind(index, *value);
  } else {
    s.bind(index);
  }
}

core::Task read_task(const Statement& s)
{
  core::Task t;
  t.id = s.getColumn(0).getInt64();
  t.uid = column_text(s, 1);
  t.agreement_id = s.getColumn(2).getInt64();
  t.agreement_code = column_text(s, 3);
  t.code = column_text(s, 4);
  t.ordinal = s.getColumn(5).getInt();
  t.title = column_text(s, 6);
  t.description = column_text(s, 7);
  t.lead_id = column_id(s, 8);
  t.lead_name = column_text(s, 9);
  t.start = column_date(s, 10);
  t.due = column_date(s, 11);
  t.target = column_real(s, 12);
  t.unit = column_text(s, 13);
  t.meeting_id = column_id(s, 14);
  t.conclusion_id = column_id(s, 15);
  t.note = column_text(s, 16);
  t.status = column_text(s, 17);
  t.progress = s.getColumn(18).getInt();
  t.actual = column_real(s, 19);
  t.updated_on = column_date(s, 20);
  t.due_now = column_date(s, 22);
  return t;
}

} // namespace

std::string describe(const core::Task& task)
{
  return fmt::format("#{} {}", task.id, task.title);
}

void TaskStore::load_partners(core::Task& task)
{
  task.partners.clear();
  auto& s = m_db.impl().stmt(
    "SELECT p.org_id, o.name FROM task_partner p JOIN org o ON o.id = p.org_id "
    "WHERE p.task_id = ?1 ORDER BY p.ordinal");
  s.bind(1, static_cast<int64_t>(task.id));
  while (s.executeStep()) {
    task.partners.emplace_back(s.getColumn(0).getInt64(), column_text(s, 1));
  }
}

std::optional<core::Task> TaskStore::find(core::Id id, const core::Date& as_of)
{
  auto& s = m_db.impl().stmt(PHOIHOP_TASK_SELECT "WHERE id = ?2");
  s.bind(1, as_of.iso());
  s.bind(2, static_cast<int64_t>(id));
  if (!s.executeStep()) {
    return std::nullopt;
  }
  auto task = read_task(s);
  load_partners(task);
  return task;
}

core::Task TaskStore::get(core::Id id, const core::Date& as_of)
{
  auto task = find(id, as_of);
  if (!task) {
    throw NotFound(fmt::format("no task with id {}", id));
  }
  return *task;
}

std::vector<core::Task> TaskStore::list(const TaskFilter& filter, const core::Date& as_of)
{
  // "?2 IS NULL OR agreement_id = ?2" would keep SQLite from searching the
  // index, so one agreement's tasks have a statement of their own.
#define PHOIHOP_TASK_FILTERS                                                                       \
  "AND (?3 IS NULL OR state_status = ?3) "                                                         \
  "AND (?4 IS NULL OR lead_id = ?4) "                                                              \
  "AND (?5 = 0 OR (due < ?1 AND state_status NOT IN ('done', 'cancelled', 'unfinished'))) "                      \
  "AND (?6 IS NULL OR due < ?6) "                                                                  \
  "AND (?7 IS NULL OR instr(title_key, ?7) > 0 OR instr(coalesce(description_key, ''), ?7) > 0) " \
  "ORDER BY agreement_id, ordinal"
  auto& s = filter.agreement_id
              ? m_db.impl().stmt(PHOIHOP_TASK_SELECT "WHERE agreement_id = ?2 " PHOIHOP_TASK_FILTERS)
              : m_db.impl().stmt(PHOIHOP_TASK_SELECT "WHERE ?2 IS NULL " PHOIHOP_TASK_FILTERS);
#undef PHOIHOP_TASK_FILTERS
  s.bind(1, as_of.iso());
  bind_id(s, 2, filter.agreement_id);
  bind_text(s, 3, filter.status);
  bind_id(s, 4, filter.lead_id);
  s.bind(5, filter.overdue ? 1 : 0);
  bind_date(s, 6, filter.due_before);
  bind_text(s, 7, filter.search.empty() ? std::string() : core::fold(filter.search));
  std::vector<core::Task> out;
  while (s.executeStep()) {
    out.push_back(read_task(s));
  }
  if (!filter.agreement_id) {
    for (auto& task : out) {
      load_partners(task);
    }
    return out;
  }
  // One agreement's tasks: their partners in one statement, not one each.
  std::unordered_map<core::Id, core::Task*> by_id;
  for (auto& task : out) {
    task.partners.clear();
    by_id.emplace(task.id, &task);
  }
  auto& p = m_db.impl().stmt(
    "SELECT p.task_id, p.org_id, o.name FROM task t JOIN task_partner p ON p.task_id = t.id "
    "JOIN org o ON o.id = p.org_id WHERE t.agreement_id = ?1 ORDER BY p.task_id, p.ordinal");
  p.bind(1, static_cast<int64_t>(*filter.agreement_id));
  while (p.executeStep()) {
    if (auto it = by_id.find(p.getColumn(0).getInt64()); it != by_id.end()) {
      it->second->partners.emplace_back(p.getColumn(1).getInt64(), column_text(p, 2));
    }
  }
  return out;
}

std::optional<core::Id> TaskStore::id_by_code(core::Id agreement_id, const std::string& code)
{
  auto& s = m_db.impl().stmt("SELECT id FROM task WHERE agreement_id = ?1 AND code = ?2");
  s.bind(1, static_cast<int64_t>(agreement_id));
  s.bind(2, code);
  if (s.executeStep()) {
    return s.getColumn(0).getInt64();
  }
  return std::nullopt;
}

core::Id TaskStore::insert(core::Task& t)
{
  auto& impl = m_db.impl();
  if (!t.code.empty()) {
    if (auto other = id_by_code(t.agreement_id, t.code)) {
      throw Conflict(fmt::format("task code {} is already taken by task #{} of the same agreement",
                                 quote_arg(t.code), *other));
    }
  }
  if (t.uid.empty()) {
    t.uid = core::new_uid();
  }
  auto& next = impl.stmt("SELECT coalesce(max(ordinal), 0) + 1 FROM task WHERE agreement_id = ?1");
  next.bind(1, static_cast<int64_t>(t.agreement_id));
  next.executeStep();
  t.ordinal = next.getColumn(0).getInt();
  auto& s = impl.stmt(
    "INSERT INTO task (uid, agreement_id, code, ordinal, title, title_key, description, "
    "description_key, lead_org_id, start_date, due_date, target, unit, meeting_id, conclusion_id, "
    "note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
    "?14, ?15, ?16, ?17, ?17)");
  s.bind(1, t.uid);
  s.bind(2, static_cast<int64_t>(t.agreement_id));
  bind_text(s, 3, t.code);
  s.bind(4, t.ordinal);
  s.bind(5, t.title);
  s.bind(6, core::fold(t.title));
  bind_text(s, 7, t.description);
  bind_text(s, 8, t.description.empty() ? std::string() : core::fold(t.description));
  bind_id(s, 9, t.lead_id);
  bind_date(s, 10, t.start);
  bind_date(s, 11, t.due);
  bind_real(s, 12, t.target);
  bind_text(s, 13, t.unit);
  bind_id(s, 14, t.meeting_id);
  bind_id(s, 15, t.conclusion_id);
  bind_text(s, 16, t.note);
  s.bind(17, core::utc_timestamp());
  s.exec();
  t.id = impl.last_id();
  insert_partners(t);
  return t.id;
}

void TaskStore::insert_partners(const core::Task& t)
{
  int ordinal = 0;
  for (const auto& [org_id, name] : t.partners) {
    auto& p = m_db.impl().stmt("INSERT INTO task_partner (task_id, org_id, ordinal) VALUES (?1, ?2, ?3)");
    p.bind(1, static_cast<int64_t>(t.id));
    p.bind(2, static_cast<int64_t>(org_id));
    p.bind(3, ++ordinal);
    p.exec();
  }
}

void TaskStore::update(const core::Task& t)
{
  auto& impl = m_db.impl();
  if (!t.code.empty()) {
    auto other = id_by_code(t.agreement_id, t.code);
    if (other && *other != t.id) {
      throw Conflict(fmt::format("task code {} is already taken by task #{} of the same agreement",
                                 quote_arg(t.code), *other));
    }
  }
  auto& s = impl.stmt(
    "UPDATE task SET code = ?2, title = ?3, title_key = ?4, description = ?5, description_key = ?6, "
    "lead_org_id = ?7, start_date = ?8, due_date = ?9, target = ?10, unit = ?11, meeting_id = ?12, "
    "conclusion_id = ?13, note = ?14, updated_at = ?15 WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(t.id));
  bind_text(s, 2, t.code);
  s.bind(3, t.title);
  s.bind(4, core::fold(t.title));
  bind_text(s, 5, t.description);
  bind_text(s, 6, t.description.empty() ? std::string() : core::fold(t.description));
  bind_id(s, 7, t.lead_id);
  bind_date(s, 8, t.start);
  bind_date(s, 9, t.due);
  bind_real(s, 10, t.target);
  bind_text(s, 11, t.unit);
  bind_id(s, 12, t.meeting_id);
  bind_id(s, 13, t.conclusion_id);
  bind_text(s, 14, t.note);
  s.bind(15, core::utc_timestamp());
  s.exec();
  auto& clear = impl.stmt("DELETE FROM task_partner WHERE task_id = ?1");
  clear.bind(1, static_cast<int64_t>(t.id));
  clear.exec();
  insert_partners(t);
}

namespace {

core::TaskUpdate read_update(const Statement& s)
{
  core::TaskUpdate u;
  u.id = s.getColumn(0).getInt64();
  u.date = stored_date(column_text(s, 1));
  u.seq = s.getColumn(2).getInt();
  if (!s.getColumn(3).isNull()) {
    u.status = column_text(s, 3);
  }
  if (!s.getColumn(4).isNull()) {
    u.progress = s.getColumn(4).getInt();
  }
  u.actual = column_real(s, 5);
  u.due = column_date(s, 6);
  u.note = column_text(s, 7);
  return u;
}

} // namespace

std::vector<core::TaskUpdate> TaskStore::log(core::Id task_id)
{
  std::vector<core::TaskUpdate> out;
  auto& s = m_db.impl().stmt(
    "SELECT id, date, seq, status, progress, actual, due, note FROM task_update WHERE task_id = ?1 "
    "ORDER BY date, seq");
  s.bind(1, static_cast<int64_t>(task_id));
  while (s.executeStep()) {
    out.push_back(read_update(s));
  }
  return out;
}

core::TaskState TaskStore::state_on(core::Id task_id, const core::Date& day)
{
  // Folding the log up to `day`: the same rule as the SQL of PHOIHOP_TASK_SELECT.
  core::TaskState state;
  for (const auto& u : log(task_id)) {
    if (u.date > day) {
      break;
    }
    if (u.status) {
      state.status = *u.status;
    }
    if (u.progress) {
      state.progress = *u.progress;
    }
    if (u.actual) {
      state.actual = u.actual;
    }
    if (u.due) {
      state.due = u.due;
    }
    if (u.status || u.progress || u.actual) {
      state.updated_on = u.date; // a note alone changes no state
    }
  }
  return state;
}

core::Id TaskStore::add_update(core::Id task_id, core::TaskUpdate& u)
{
  auto& impl = m_db.impl();
  auto& next = impl.stmt(
    "SELECT coalesce(max(seq), 0) + 1 FROM task_update WHERE task_id = ?1 AND date = ?2");
  next.bind(1, static_cast<int64_t>(task_id));
  next.bind(2, u.date.iso());
  next.executeStep();
  u.seq = next.getColumn(0).getInt();
  auto& s = impl.stmt(
    "INSERT INTO task_update (uid, task_id, date, seq, status, progress, actual, due, note, created_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?10, ?8, ?9)");
  s.bind(1, core::new_uid());
  s.bind(2, static_cast<int64_t>(task_id));
  s.bind(3, u.date.iso());
  s.bind(4, u.seq);
  if (u.status) {
    s.bind(5, *u.status);
  } else {
    s.bind(5);
  }
  if (u.progress) {
    s.bind(6, *u.progress);
  } else {
    s.bind(6);
  }
  bind_real(s, 7, u.actual);
  bind_text(s, 8, u.note);
  s.bind(9, core::utc_timestamp());
  bind_date(s, 10, u.due);
  s.exec();
  u.id = impl.last_id();
  return u.id;
}

void TaskStore::remove(core::Id id)
{
  auto& s = m_db.impl().stmt("DELETE FROM task WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  s.exec();
  if (m_db.impl().changes() == 0) {
    throw NotFound(fmt::format("no task with id {}", id));
  }
}

} // namespace phoihop::store
