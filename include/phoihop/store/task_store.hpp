#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <optional>
#include <string>
#include <vector>

namespace phoihop::store {

struct TaskFilter {
  std::optional<core::Id> agreement_id;
  std::string status; // as of the as-of day
  std::optional<core::Id> lead_id;
  bool overdue = false; // as of the as-of day
  std::optional<core::Date> due_before;
  std::string search; // folded substring of title or description
};

// Tasks, their partners and their dated update logs. Every read takes an
// as-of day: a task's status, progress and actual are each those of the
// latest update on or before that day that gives them (planned, 0 % before any).
class TaskStore {
public:
  explicit TaskStore(Database& db) : m_db(db) {}

  std::optional<core::Task> find(core::Id id, const core::Date& as_of);
  core::Task get(core::Id id, const core::Date& as_of); // NotFound when absent
  std::vector<core::Task> list(const TaskFilter& filter, const core::Date& as_of);

  core::Id insert(core::Task& task); // also its partners; assigns the next ordinal
  void update(const core::Task& task); // fields and the partner list
  std::optional<core::Id> id_by_code(core::Id agreement_id, const std::string& code);

  std::vector<core::TaskUpdate> log(core::Id task_id);
  // The state on `day` (see core::TaskState).
  core::TaskState state_on(core::Id task_id, const core::Date& day);
  core::Id add_update(core::Id task_id, core::TaskUpdate& update); // assigns seq
  // Deletes the task with its partners and log.
  void remove(core::Id id);

private:
  void load_partners(core::Task& task);
  void insert_partners(const core::Task& task); // a task's partners, none there yet
  Database& m_db;
};

// "#12 Tuyên truyền giáo dục thế hệ trẻ"
std::string describe(const core::Task& task);

} // namespace phoihop::store
