#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/agreement_store.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace phoihop::store {

namespace {

#define PHOIHOP_AGREEMENT_COLUMNS                                                                  \
  "a.id, a.uid, a.code, a.title, a.number, a.signed_on, a.place, a.period, a.start_date, "        \
  "a.end_date, a.actual_end, a.status, a.end_reason, a.supersedes_id, a.parent_id, a.note "

core::Agreement read_agreement(const Statement& s)
{
  core::Agreement a;
  a.id = s.getColumn(0).getInt64();
  a.uid = column_text(s, 1);
  a.code = column_text(s, 2);
  a.title = column_text(s, 3);
  a.number = column_text(s, 4);
  a.signed_on = column_date(s, 5);
  a.place = column_text(s, 6);
  a.period = column_text(s, 7);
  a.start = stored_date(column_text(s, 8));
  a.end = stored_date(column_text(s, 9));
  a.actual_end = column_date(s, 10);
  a.status = column_text(s, 11);
  a.end_reason = column_text(s, 12);
  a.supersedes_id = column_id(s, 13);
  a.parent_id = column_id(s, 14);
  a.note = column_text(s, 15);
  return a;
}

void bind_fields(Statement& s, const core::Agreement& a)
{
  bind_text(s, 2, a.code);
  s.bind(3, a.title);
  s.bind(4, core::fold(a.title));
  bind_text(s, 5, a.number);
  bind_date(s, 6, a.signed_on);
  bind_text(s, 7, a.place);
  bind_text(s, 8, a.period);
  s.bind(9, a.start.iso());
  s.bind(10, a.end.iso());
  bind_date(s, 11, a.actual_end);
  s.bind(12, a.status);
  bind_text(s, 13, a.end_reason);
  bind_id(s, 14, a.supersedes_id);
  bind_id(s, 15, a.parent_id);
  bind_text(s, 16, a.note);
  s.bind(17, core::utc_timestamp());
}

} // namespace

std::string describe(const core::Agreement& agreement)
{
  if (agreement.code.empty()) {
    return fmt::format("#{} {}", agreement.id, agreement.title);
  }
  return fmt::format("#{} ({}) {}", agreement.id, agreement.code, agreement.title);
}

void AgreementStore::load_parties(core::Agreement& agreement)
{
  agreement.parties.clear();
  auto& s = m_db.impl().stmt(
    "SELECT p.org_id, o.name, p.signer_name, p.signer_position, p.signed_on "
    "FROM agreement_party p JOIN org o ON o.id = p.org_id "
    "WHERE p.agreement_id = ?1 ORDER BY p.ordinal");
  s.bind(1, static_cast<int64_t>(agreement.id));
  while (s.executeStep()) {
    agreement.parties.push_back({s.getColumn(0).getInt64(), column_text(s, 1), column_text(s, 2),
                                 column_text(s, 3), column_date(s, 4)});
  }
}

std::optional<core::Agreement> AgreementStore::find(core::Id id)
{
  auto& s = m_db.impl().stmt("SELECT " PHOIHOP_AGREEMENT_COLUMNS "FROM agreement a WHERE a.id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  if (!s.executeStep()) {
    return std::nullopt;
  }
  auto a = read_agreement(s);
  load_parties(a);
  return a;
}

core::Agreement AgreementStore::get(core::Id id)
{
  auto a = find(id);
  if (!a) {
    throw NotFound(fmt::format("no agreement with id {}", id));
  }
  return *a;
}

std::optional<core::Id> AgreementStore::id_by_code(const std::string& code)
{
  auto& s = m_db.impl().stmt("SELECT id FROM agreement WHERE code = ?1");
  s.bind(1, code);
  if (s.executeStep()) {
    return s.getColumn(0).getInt64();
  }
  return std::nullopt;
}

core::Agreement AgreementStore::resolve(const std::string& ref)
{
  // Every line of a batch or import names the agreement again (see Impl::agreement_cache).
  return cached(m_db.impl().agreement_cache, ref, [&] { return resolve_uncached(ref); });
}

core::Agreement AgreementStore::resolve_uncached(const std::string& ref)
{
  if (core::clean(ref, "agreement").empty()) {
    throw UsageError("the agreement reference is empty (give an id or a code)");
  }
  if (auto id = core::parse_id(ref)) {
    return get(*id);
  }
  if (auto id = id_by_code(core::clean(ref, "agreement"))) {
    return get(*id);
  }
  throw NotFound(fmt::format("no agreement with id or code {}", quote_arg(ref)));
}

core::Id AgreementStore::insert(core::Agreement& a)
{
  if (!a.code.empty() && id_by_code(a.code)) {
    throw Conflict(fmt::format("agreement code {} is already taken by agreement #{}", quote_arg(a.code),
                               *id_by_code(a.code)));
  }
  if (a.uid.empty()) {
    a.uid = core::new_uid();
  }
  auto& impl = m_db.impl();
  auto& s = impl.stmt(
    "INSERT INTO agreement (uid, code, title, title_key, number, signed_on, place, period, "
    "start_date, end_date, actual_end, status, end_reason, supersedes_id, parent_id, note, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
    "?15, ?16, ?17, ?17)");
  s.bind(1, a.uid);
  bind_fields(s, a);
  s.exec();
  a.id = impl.last_id();
  int ordinal = 0;
  for (auto& party : a.parties) {
    auto& p = impl.stmt(
      "INSERT INTO agreement_party (uid, agreement_id, org_id, ordinal, signer_name, "
      "signer_position, signed_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    p.bind(1, core::new_uid());
    p.bind(2, static_cast<int64_t>(a.id));
    p.bind(3, static_cast<int64_t>(party.org_id));
    p.bind(4, ++ordinal);
    bind_text(p, 5, party.signer_name);
    bind_text(p, 6, party.signer_position);
    bind_date(p, 7, party.signed_on);
    p.exec();
  }
  return a.id;
}

void AgreementStore::update(const core::Agreement& a)
{
  if (!a.code.empty()) {
    auto owner = id_by_code(a.code);
    if (owner && *owner != a.id) {
      throw Conflict(fmt::format("agreement code {} is already taken by agreement #{}",
                                 quote_arg(a.code), *owner));
    }
  }
  auto& impl = m_db.impl();
  auto& s = impl.stmt(
    "UPDATE agreement SET code = ?2, title = ?3, title_key = ?4, number = ?5, signed_on = ?6, "
    "place = ?7, period = ?8, start_date = ?9, end_date = ?10, actual_end = ?11, status = ?12, "
    "end_reason = ?13, supersedes_id = ?14, parent_id = ?15, note = ?16, updated_at = ?17 "
    "WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(a.id));
  bind_fields(s, a);
  s.exec();
  for (const auto& party : a.parties) {
    auto& p = impl.stmt(
      "UPDATE agreement_party SET signer_name = ?3, signer_position = ?4, signed_on = ?5 "
      "WHERE agreement_id = ?1 AND org_id = ?2");
    p.bind(1, static_cast<int64_t>(a.id));
    p.bind(2, static_cast<int64_t>(party.org_id));
    bind_text(p, 3, party.signer_name);
    bind_text(p, 4, party.signer_position);
    bind_date(p, 5, party.signed_on);
    p.exec();
  }
}

std::vector<core::Agreement> AgreementStore::list(const AgreementFilter& filter)
{
  auto& s = m_db.impl().stmt(
    "SELECT " PHOIHOP_AGREEMENT_COLUMNS "FROM agreement a "
    "WHERE (?1 IS NULL OR a.status = ?1) "
    "AND (?2 IS NULL OR EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = a.id AND "
    "p.org_id = ?2)) "
    "AND (?3 IS NULL OR (a.start_date <= ?3 AND coalesce(a.actual_end, a.end_date) >= ?3)) "
    "AND (?4 IS NULL OR instr(a.title_key, ?4) > 0 "
    "OR instr(phoihop_fold(coalesce(a.code, '') || ' ' || coalesce(a.number, '')), ?4) > 0) "
    "ORDER BY a.start_date, a.id");
  bind_text(s, 1, filter.status);
  bind_id(s, 2, filter.party_org_id);
  bind_date(s, 3, filter.active_on);
  bind_text(s, 4, filter.search.empty() ? std::string() : core::fold(filter.search));
  std::vector<core::Agreement> out;
  while (s.executeStep()) {
    out.push_back(read_agreement(s));
  }
  for (auto& a : out) {
    load_parties(a);
  }
  return out;
}

std::vector<core::Agreement> AgreementStore::superseded_by(core::Id id)
{
  std::vector<core::Agreement> out;
  auto& s = m_db.impl().stmt(
    "SELECT " PHOIHOP_AGREEMENT_COLUMNS "FROM agreement a WHERE a.supersedes_id = ?1 ORDER BY a.id");
  s.bind(1, static_cast<int64_t>(id));
  while (s.executeStep()) {
    out.push_back(read_agreement(s));
  }
  return out;
}

std::vector<core::Agreement> AgreementStore::children(core::Id id)
{
  std::vector<core::Agreement> out;
  auto& s = m_db.impl().stmt(
    "SELECT " PHOIHOP_AGREEMENT_COLUMNS "FROM agreement a WHERE a.parent_id = ?1 ORDER BY a.id");
  s.bind(1, static_cast<int64_t>(id));
  while (s.executeStep()) {
    out.push_back(read_agreement(s));
  }
  return out;
}

std::vector<std::string> AgreementStore::references(core::Id id)
{
  static const std::vector<ReferenceQuery> k_queries = {
    {"task", "SELECT count(*), group_concat(id, ', ') FROM (SELECT id FROM task WHERE "
             "agreement_id = ?1 ORDER BY id)"},
    {"meeting", "SELECT count(*), group_concat(meeting_id, ', ') FROM (SELECT meeting_id FROM "
                "meeting_agreement WHERE agreement_id = ?1 ORDER BY meeting_id)"},
    {"award decision", "SELECT count(*), group_concat(id, ', ') FROM (SELECT id FROM "
                       "award_decision WHERE agreement_id = ?1 ORDER BY id)"},
    {"renewing agreement", "SELECT count(*), group_concat(id, ', ') FROM (SELECT id FROM "
                           "agreement WHERE supersedes_id = ?1 ORDER BY id)"},
    {"implementing agreement", "SELECT count(*), group_concat(id, ', ') FROM (SELECT id FROM "
                               "agreement WHERE parent_id = ?1 ORDER BY id)"},
  };
  return count_references(m_db.impl(), k_queries, id);
}

void AgreementStore::remove(core::Id id, bool force)
{
  auto a = get(id);
  auto refs = references(id);
  if (!refs.empty() && !force) {
    throw Conflict(fmt::format("agreement {} is still referenced by {}; use --force to delete it "
                               "with its tasks and unlink the rest",
                               describe(a), fmt::join(refs, ", ")));
  }
  // The cascade of `delete --force`, documented in phoihop-agreement(1).
  static const std::vector<const char*> k_cascade = {
    "UPDATE task SET conclusion_id = NULL WHERE agreement_id = ?1",
    "DELETE FROM task WHERE agreement_id = ?1",
    "DELETE FROM meeting_agreement WHERE agreement_id = ?1",
    "UPDATE award_decision SET agreement_id = NULL WHERE agreement_id = ?1",
    "UPDATE agreement SET supersedes_id = NULL WHERE supersedes_id = ?1",
    "UPDATE agreement SET parent_id = NULL WHERE parent_id = ?1",
    "DELETE FROM agreement WHERE id = ?1",
  };
  run_cascade(m_db.impl(), k_cascade, id);
}

} // namespace phoihop::store
