#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <optional>
#include <string>
#include <vector>

namespace phoihop::store {

struct AgreementFilter {
  std::string status;
  std::optional<core::Id> party_org_id;
  std::optional<core::Date> active_on;
  std::string search; // folded substring of title, code or number
};

// Agreements and their parties.
class AgreementStore {
public:
  explicit AgreementStore(Database& db) : m_db(db) {}

  std::optional<core::Agreement> find(core::Id id);
  core::Agreement get(core::Id id);
  // An id or a code; NotFound naming `ref` otherwise.
  core::Agreement resolve(const std::string& ref);
  std::optional<core::Id> id_by_code(const std::string& code);

  // Inserts the agreement with its parties; a taken code is a Conflict.
  core::Id insert(core::Agreement& agreement);
  // Updates the agreement's own fields and its parties' signatures.
  void update(const core::Agreement& agreement);
  std::vector<core::Agreement> list(const AgreementFilter& filter);

  std::vector<core::Agreement> superseded_by(core::Id id);
  std::vector<core::Agreement> children(core::Id id);
  // What refers to the agreement: its tasks, meetings, award decisions, and
  // agreements that renew it or implement it.
  std::vector<std::string> references(core::Id id);
  // Deletes the agreement and its parties; with `force`, also its tasks (and
  // their logs), unlinks meetings, awards and other agreements. Without
  // `force` a referenced agreement is a Conflict naming the references.
  void remove(core::Id id, bool force);

private:
  core::Agreement resolve_uncached(const std::string& ref);
  void load_parties(core::Agreement& agreement);
  Database& m_db;
};

// "#2 (BT-2022) Quy chế phối hợp …"
std::string describe(const core::Agreement& agreement);

} // namespace phoihop::store
