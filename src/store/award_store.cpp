#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/award_store.hpp>

#include <fmt/format.h>

namespace phoihop::store {

namespace {

#define PHOIHOP_DECISION_COLUMNS                                                                   \
  "d.id, d.uid, d.number, d.date, d.issuer_org_id, io.name, d.form, d.reason, d.agreement_id, "   \
  "d.meeting_id "

#define PHOIHOP_RECIPIENT_COLUMNS                                                                  \
  "r.id, r.uid, r.decision_id, r.kind, r.org_id, ro.name, r.person_name, r.position, r.ordinal, " \
  "r.note "

core::AwardDecision read_decision(const Statement& s, int first)
{
  core::AwardDecision d;
  d.id = s.getColumn(first).getInt64();
  d.uid = column_text(s, first + 1);
  d.number = column_text(s, first + 2);
  d.date = column_date(s, first + 3);
  d.issuer_id = column_id(s, first + 4);
  d.issuer_name = column_text(s, first + 5);
  d.form = column_text(s, first + 6);
  d.reason = column_text(s, first + 7);
  d.agreement_id = column_id(s, first + 8);
  d.meeting_id = column_id(s, first + 9);
  return d;
}

core::AwardRecipient read_recipient(const Statement& s)
{
  core::AwardRecipient r;
  r.id = s.getColumn(0).getInt64();
  r.uid = column_text(s, 1);
  r.decision_id = s.getColumn(2).getInt64();
  r.kind = column_text(s, 3);
  r.org_id = column_id(s, 4);
  r.org_name = column_text(s, 5);
  r.person_name = column_text(s, 6);
  r.position = column_text(s, 7);
  r.ordinal = s.getColumn(8).getInt();
  r.note = column_text(s, 9);
  return r;
}

} // namespace

std::optional<core::AwardDecision> AwardStore::decision_by_number(const std::string& number)
{
  auto& s = m_db.impl().stmt("SELECT " PHOIHOP_DECISION_COLUMNS
                             "FROM award_decision d LEFT JOIN org io ON io.id = d.issuer_org_id "
                             "WHERE d.number = ?1");
  s.bind(1, number);
  if (s.executeStep()) {
    return read_decision(s, 0);
  }
  return std::nullopt;
}

core::AwardDecision AwardStore::decision(core::Id id)
{
  auto& s = m_db.impl().stmt("SELECT " PHOIHOP_DECISION_COLUMNS
                             "FROM award_decision d LEFT JOIN org io ON io.id = d.issuer_org_id "
                             "WHERE d.id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  if (!s.executeStep()) {
    throw NotFound(fmt::format("no award decision with id {}", id));
  }
  return read_decision(s, 0);
}

core::Id AwardStore::insert_decision(core::AwardDecision& d)
{
  if (d.uid.empty()) {
    d.uid = core::new_uid();
  }
  auto& s = m_db.impl().stmt(
    "INSERT INTO award_decision (uid, number, date, issuer_org_id, form, reason, agreement_id, "
    "meeting_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)");
  s.bind(1, d.uid);
  bind_text(s, 2, d.number);
  bind_date(s, 3, d.date);
  bind_id(s, 4, d.issuer_id);
  s.bind(5, d.form);
  bind_text(s, 6, d.reason);
  bind_id(s, 7, d.agreement_id);
  bind_id(s, 8, d.meeting_id);
  s.bind(9, core::utc_timestamp());
  s.exec();
  d.id = m_db.impl().last_id();
  return d.id;
}

void AwardStore::update_decision(const core::AwardDecision& d)
{
  if (!d.number.empty()) {
    auto other = decision_by_number(d.number);
    if (other && other->id != d.id) {
      throw Conflict(fmt::format("decision number {} is already taken by decision #{}",
                                 quote_arg(d.number), other->id));
    }
  }
  auto& s = m_db.impl().stmt(
    "UPDATE award_decision SET number = ?2, date = ?3, issuer_org_id = ?4, form = ?5, reason = ?6, "
    "agreement_id = ?7, meeting_id = ?8, updated_at = ?9 WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(d.id));
  bind_text(s, 2, d.number);
  bind_date(s, 3, d.date);
  bind_id(s, 4, d.issuer_id);
  s.bind(5, d.form);
  bind_text(s, 6, d.reason);
  bind_id(s, 7, d.agreement_id);
  bind_id(s, 8, d.meeting_id);
  s.bind(9, core::utc_timestamp());
  s.exec();
}

std::optional<Award> AwardStore::find(core::Id recipient_id)
{
  auto& s = m_db.impl().stmt("SELECT " PHOIHOP_RECIPIENT_COLUMNS
                             "FROM award_recipient r LEFT JOIN org ro ON ro.id = r.org_id "
                             "WHERE r.id = ?1");
  s.bind(1, static_cast<int64_t>(recipient_id));
  if (!s.executeStep()) {
    return std::nullopt;
  }
  auto r = read_recipient(s);
  return Award{r, decision(r.decision_id)};
}

Award AwardStore::get(core::Id recipient_id)
{
  auto award = find(recipient_id);
  if (!award) {
    throw NotFound(fmt::format("no award recipient with id {}", recipient_id));
  }
  return *award;
}

std::vector<Award> AwardStore::list(const AwardFilter& filter)
{
  // One agreement's awards have their own statement, so the index is searched.
#define PHOIHOP_AWARD_FROM                                                                         \
  "SELECT " PHOIHOP_RECIPIENT_COLUMNS ", " PHOIHOP_DECISION_COLUMNS                               \
  "FROM award_decision d JOIN award_recipient r ON r.decision_id = d.id "                          \
  "LEFT JOIN org ro ON ro.id = r.org_id LEFT JOIN org io ON io.id = d.issuer_org_id "
#define PHOIHOP_AWARD_FILTERS                                                                      \
  "AND (?2 IS NULL OR d.meeting_id = ?2) "                                                         \
  "AND (?3 IS NULL OR r.kind = ?3) AND (?4 IS NULL OR d.number = ?4) "                             \
  "AND (?5 IS NULL OR d.date >= ?5) AND (?6 IS NULL OR d.date <= ?6) "                             \
  "ORDER BY d.date, d.id, r.kind, r.ordinal"
  auto& s = filter.agreement_id
              ? m_db.impl().stmt(PHOIHOP_AWARD_FROM "WHERE d.agreement_id = ?1 " PHOIHOP_AWARD_FILTERS)
              : m_db.impl().stmt(PHOIHOP_AWARD_FROM "WHERE ?1 IS NULL " PHOIHOP_AWARD_FILTERS);
#undef PHOIHOP_AWARD_FROM
#undef PHOIHOP_AWARD_FILTERS
  bind_id(s, 1, filter.agreement_id);
  bind_id(s, 2, filter.meeting_id);
  bind_text(s, 3, filter.kind);
  bind_text(s, 4, filter.decision);
  bind_date(s, 5, filter.from);
  bind_date(s, 6, filter.to);
  std::vector<Award> out;
  while (s.executeStep()) {
    out.push_back({read_recipient(s), read_decision(s, 10)});
  }
  return out;
}

std::vector<core::AwardRecipient> AwardStore::recipients(core::Id decision_id)
{
  std::vector<core::AwardRecipient> out;
  auto& s = m_db.impl().stmt("SELECT " PHOIHOP_RECIPIENT_COLUMNS
                             "FROM award_recipient r LEFT JOIN org ro ON ro.id = r.org_id "
                             "WHERE r.decision_id = ?1 ORDER BY r.kind, r.ordinal");
  s.bind(1, static_cast<int64_t>(decision_id));
  while (s.executeStep()) {
    out.push_back(read_recipient(s));
  }
  return out;
}

std::optional<core::Id> AwardStore::duplicate_of(core::Id decision_id, const core::AwardRecipient& r)
{
  auto& s = m_db.impl().stmt(
    "SELECT id FROM award_recipient WHERE decision_id = ?1 AND kind = ?2 AND id <> ?3 AND "
    "((kind = 'collective' AND org_id = ?4) OR (kind = 'individual' AND person_key = ?5 AND "
    "org_id IS ?4))");
  s.bind(1, static_cast<int64_t>(decision_id));
  s.bind(2, r.kind);
  s.bind(3, static_cast<int64_t>(r.id));
  bind_id(s, 4, r.org_id);
  s.bind(5, core::fold(r.person_name));
  if (s.executeStep()) {
    return s.getColumn(0).getInt64();
  }
  return std::nullopt;
}

core::Id AwardStore::insert_recipient(core::AwardRecipient& r)
{
  if (r.uid.empty()) {
    r.uid = core::new_uid();
  }
  auto& impl = m_db.impl();
  auto& next = impl.stmt(
    "SELECT coalesce(max(ordinal), 0) + 1 FROM award_recipient WHERE decision_id = ?1 AND kind = ?2");
  next.bind(1, static_cast<int64_t>(r.decision_id));
  next.bind(2, r.kind);
  next.executeStep();
  r.ordinal = next.getColumn(0).getInt();
  auto now = core::utc_timestamp();
  auto& s = impl.stmt(
    "INSERT INTO award_recipient (uid, decision_id, kind, org_id, person_name, person_key, position, "
    "ordinal, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
  s.bind(1, r.uid);
  s.bind(2, static_cast<int64_t>(r.decision_id));
  s.bind(3, r.kind);
  bind_id(s, 4, r.org_id);
  bind_text(s, 5, r.person_name);
  bind_text(s, 6, r.person_name.empty() ? std::string() : core::fold(r.person_name));
  bind_text(s, 7, r.position);
  s.bind(8, r.ordinal);
  bind_text(s, 9, r.note);
  s.bind(10, now);
  s.exec();
  r.id = impl.last_id();
  return r.id;
}

void AwardStore::update_recipient(const core::AwardRecipient& recipient)
{
  auto r = recipient;
  auto before = get(r.id).recipient;
  if (before.decision_id != r.decision_id || before.kind != r.kind) {
    // Moved to another decision (or list): it goes to the end of that list.
    auto& next = m_db.impl().stmt(
      "SELECT coalesce(max(ordinal), 0) + 1 FROM award_recipient WHERE decision_id = ?1 AND kind = ?2");
    next.bind(1, static_cast<int64_t>(r.decision_id));
    next.bind(2, r.kind);
    next.executeStep();
    r.ordinal = next.getColumn(0).getInt();
  }
  auto& s = m_db.impl().stmt(
    "UPDATE award_recipient SET decision_id = ?2, kind = ?3, org_id = ?4, person_name = ?5, "
    "person_key = ?6, position = ?7, note = ?8, updated_at = ?9, ordinal = ?10 WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(r.id));
  s.bind(2, static_cast<int64_t>(r.decision_id));
  s.bind(3, r.kind);
  bind_id(s, 4, r.org_id);
  bind_text(s, 5, r.person_name);
  bind_text(s, 6, r.person_name.empty() ? std::string() : core::fold(r.person_name));
  bind_text(s, 7, r.position);
  bind_text(s, 8, r.note);
  s.bind(9, core::utc_timestamp());
  s.bind(10, r.ordinal);
  s.exec();
  if (before.decision_id != r.decision_id) {
    drop_if_empty(before.decision_id);
  }
}

void AwardStore::drop_if_empty(core::Id decision_id)
{
  // A decision with nobody on it records nothing.
  auto& d = m_db.impl().stmt(
    "DELETE FROM award_decision WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM award_recipient WHERE "
    "decision_id = ?1)");
  d.bind(1, static_cast<int64_t>(decision_id));
  d.exec();
}

void AwardStore::remove(core::Id recipient_id)
{
  auto award = get(recipient_id);
  auto& s = m_db.impl().stmt("DELETE FROM award_recipient WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(recipient_id));
  s.exec();
  drop_if_empty(award.decision.id);
}

} // namespace phoihop::store
