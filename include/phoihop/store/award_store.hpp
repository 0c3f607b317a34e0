#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace phoihop::store {

struct AwardFilter {
  std::optional<core::Id> agreement_id;
  std::optional<core::Id> meeting_id;
  std::string kind;
  std::string decision; // decision number
  std::optional<core::Date> from; // decision date, inclusive
  std::optional<core::Date> to;
};

struct Award {
  core::AwardRecipient recipient;
  core::AwardDecision decision;
};

// Commendation decisions and their recipients.
class AwardStore {
public:
  explicit AwardStore(Database& db) : m_db(db) {}

  std::optional<core::AwardDecision> decision_by_number(const std::string& number);
  core::AwardDecision decision(core::Id id);
  core::Id insert_decision(core::AwardDecision& decision);
  void update_decision(const core::AwardDecision& decision);

  std::optional<Award> find(core::Id recipient_id);
  Award get(core::Id recipient_id); // NotFound when absent
  std::vector<Award> list(const AwardFilter& filter);
  std::vector<core::AwardRecipient> recipients(core::Id decision_id);

  core::Id insert_recipient(core::AwardRecipient& recipient); // assigns the next ordinal
  // Updates the recipient; one moved to another decision goes to the end of
  // its list, and the decision it left is deleted when nobody is left on it.
  void update_recipient(const core::AwardRecipient& recipient);
  // The recipient already listed under `decision_id` that `r` would duplicate, if any.
  std::optional<core::Id> duplicate_of(core::Id decision_id, const core::AwardRecipient& r);
  // Deletes the recipient, and its decision when no recipient is left.
  void remove(core::Id recipient_id);

private:
  void drop_if_empty(core::Id decision_id);
  Database& m_db;
};

} // namespace phoihop::store
