#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <optional>
#include <string>
#include <vector>

namespace phoihop::store {

struct MeetingFilter {
  std::optional<core::Id> agreement_id;
  std::string kind;
  std::optional<core::Date> from; // inclusive
  std::optional<core::Date> to;   // inclusive
};

// Meetings with the agreements they concern, their participants,
// contributions (tham luận) and conclusions, each kept in order.
class MeetingStore {
public:
  explicit MeetingStore(Database& db) : m_db(db) {}

  std::optional<core::Meeting> find(core::Id id);
  core::Meeting get(core::Id id); // NotFound when absent
  std::vector<core::Meeting> list(const MeetingFilter& filter);

  core::Id insert(core::Meeting& meeting);
  void update(const core::Meeting& meeting); // fields and the agreement list

  std::vector<core::Participant> participants(core::Id meeting_id);
  core::Id add_participant(core::Id meeting_id, core::Participant& participant);
  std::vector<core::Contribution> contributions(core::Id meeting_id);
  core::Id add_contribution(core::Id meeting_id, core::Contribution& contribution);
  std::vector<core::Conclusion> conclusions(core::Id meeting_id);
  core::Id add_conclusion(core::Id meeting_id, core::Conclusion& conclusion);

  // Tasks and award decisions that point at the meeting.
  std::vector<std::string> references(core::Id id);
  // Deletes the meeting with its participants, contributions and conclusions;
  // with `force` first unlinks the tasks and award decisions that refer to it,
  // without it those are a Conflict.
  void remove(core::Id id, bool force);

private:
  Database& m_db;
};

// "#3 Hội nghị tổng kết … (2022-12-01)"
std::string describe(const core::Meeting& meeting);

} // namespace phoihop::store
