#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/org_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace phoihop::store {

namespace {

core::Organisation read_org(const Statement& s)
{
  core::Organisation org;
  org.id = s.getColumn(0).getInt64();
  org.uid = column_text(s, 1);
  org.name = column_text(s, 2);
  org.short_name = column_text(s, 3);
  org.kind = column_text(s, 4);
  org.parent_id = column_id(s, 5);
  org.valid_from = column_date(s, 6);
  org.valid_to = column_date(s, 7);
  org.note = column_text(s, 8);
  return org;
}

void sort_vietnamese(std::vector<core::Organisation>& orgs)
{
  std::vector<std::pair<std::string, core::Organisation>> keyed;
  keyed.reserve(orgs.size());
  for (auto& org : orgs) {
    keyed.emplace_back(core::vi_sort_key(org.name), std::move(org));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  orgs.clear();
  for (auto& [key, org] : keyed) {
    orgs.push_back(std::move(org));
  }
}

} // namespace

std::string describe(const core::Organisation& org)
{
  return fmt::format("#{} {}", org.id, org.name);
}

std::optional<core::Organisation> OrgStore::find(core::Id id)
{
  auto& s = m_db.impl().stmt(
    "SELECT id, uid, name, short_name, kind, parent_id, valid_from, valid_to, note "
    "FROM org WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  if (s.executeStep()) {
    return read_org(s);
  }
  return std::nullopt;
}

core::Organisation OrgStore::get(core::Id id)
{
  auto org = find(id);
  if (!org) {
    throw NotFound(fmt::format("no organisation with id {}", id));
  }
  return *org;
}

std::vector<core::Organisation> OrgStore::match(const std::string& text)
{
  std::string key = core::fold(text);
  std::vector<core::Organisation> exact;
  std::vector<core::Organisation> other;
  auto& s = m_db.impl().stmt(
    "SELECT id, uid, name, short_name, kind, parent_id, valid_from, valid_to, note, "
    "name_key = ?1 FROM org WHERE name_key = ?1 OR short_key = ?1 "
    "OR id IN (SELECT org_id FROM org_alias WHERE name_key = ?1) ORDER BY id");
  s.bind(1, key);
  while (s.executeStep()) {
    (s.getColumn(9).getInt() != 0 ? exact : other).push_back(read_org(s));
  }
  return exact.empty() ? other : exact;
}

core::Organisation OrgStore::resolve(const std::string& text)
{
  // A batch names the same organisations line after line (see Impl::org_cache).
  return cached(m_db.impl().org_cache, text, [&] { return resolve_uncached(text); });
}

core::Organisation OrgStore::resolve_uncached(const std::string& text)
{
  if (core::fold(text).empty()) {
    throw UsageError("the organisation name is empty");
  }
  if (auto id = core::parse_id(text)) {
    return get(*id);
  }
  auto found = match(text);
  if (found.empty()) {
    throw NotFound(fmt::format("no organisation named {}", quote_arg(text)));
  }
  if (found.size() > 1) {
    std::string names;
    for (const auto& org : found) {
      names += (names.empty() ? "" : ", ") + describe(org);
    }
    throw UsageError(fmt::format("organisation name {} is ambiguous: {} (give the id or the full name)",
                                 quote_arg(text), names));
  }
  return found.front();
}

core::Organisation OrgStore::resolve_or_create(const std::string& text, bool* created)
{
  if (created != nullptr) {
    *created = false;
  }
  auto& cache = m_db.impl().org_cache;
  if (auto hit = cache.find(text); hit != cache.end()) {
    return hit->second;
  }
  if (!core::parse_id(text)) {
    auto found = match(text);
    if (found.empty()) {
      core::Organisation org;
      org.name = core::clean(text, "organisation name");
      if (org.name.empty()) {
        throw UsageError("organisation name is empty");
      }
      insert(org);
      if (created != nullptr) {
        *created = true;
      }
      return org;
    }
  }
  return resolve(text);
}

core::Id OrgStore::insert(core::Organisation& org)
{
  if (org.uid.empty()) {
    org.uid = core::new_uid();
  }
  auto now = core::utc_timestamp();
  auto& s = m_db.impl().stmt(
    "INSERT INTO org (uid, name, name_key, short_name, short_key, kind, parent_id, valid_from, "
    "valid_to, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)");
  s.bind(1, org.uid);
  s.bind(2, org.name);
  s.bind(3, core::fold(org.name));
  bind_text(s, 4, org.short_name);
  bind_text(s, 5, org.short_name.empty() ? std::string() : core::fold(org.short_name));
  bind_text(s, 6, org.kind);
  bind_id(s, 7, org.parent_id);
  bind_date(s, 8, org.valid_from);
  bind_date(s, 9, org.valid_to);
  bind_text(s, 10, org.note);
  s.bind(11, now);
  s.exec();
  org.id = m_db.impl().last_id();
  return org.id;
}

void OrgStore::update(const core::Organisation& org)
{
  auto& s = m_db.impl().stmt(
    "UPDATE org SET name = ?2, name_key = ?3, short_name = ?4, short_key = ?5, kind = ?6, "
    "parent_id = ?7, valid_from = ?8, valid_to = ?9, note = ?10, updated_at = ?11 WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(org.id));
  s.bind(2, org.name);
  s.bind(3, core::fold(org.name));
  bind_text(s, 4, org.short_name);
  bind_text(s, 5, org.short_name.empty() ? std::string() : core::fold(org.short_name));
  bind_text(s, 6, org.kind);
  bind_id(s, 7, org.parent_id);
  bind_date(s, 8, org.valid_from);
  bind_date(s, 9, org.valid_to);
  bind_text(s, 10, org.note);
  s.bind(11, core::utc_timestamp());
  s.exec();
}

std::vector<core::Organisation> OrgStore::list(const std::string& search)
{
  std::vector<core::Organisation> out;
  if (search.empty()) {
    auto& s = m_db.impl().stmt(
      "SELECT id, uid, name, short_name, kind, parent_id, valid_from, valid_to, note FROM org");
    while (s.executeStep()) {
      out.push_back(read_org(s));
    }
  } else {
    // instr() on folded keys: a substring search that ignores case and accents.
    auto& s = m_db.impl().stmt(
      "SELECT id, uid, name, short_name, kind, parent_id, valid_from, valid_to, note FROM org "
      "WHERE instr(name_key, ?1) > 0 OR instr(coalesce(short_key, ''), ?1) > 0 "
      "OR id IN (SELECT org_id FROM org_alias WHERE instr(name_key, ?1) > 0)");
    s.bind(1, core::fold(search));
    while (s.executeStep()) {
      out.push_back(read_org(s));
    }
  }
  sort_vietnamese(out);
  return out;
}

std::vector<std::string> OrgStore::aliases(core::Id id)
{
  std::vector<std::string> out;
  auto& s = m_db.impl().stmt("SELECT name FROM org_alias WHERE org_id = ?1 ORDER BY id");
  s.bind(1, static_cast<int64_t>(id));
  while (s.executeStep()) {
    out.push_back(s.getColumn(0).getString());
  }
  return out;
}

bool OrgStore::add_alias(core::Id id, const std::string& name)
{
  auto org = get(id);
  std::string key = core::fold(name);
  if (key.empty()) {
    throw UsageError("alias is empty");
  }
  if (key == core::fold(org.name)) {
    return false;
  }
  // An alias equal to another body's own name would make that name ambiguous forever.
  auto& clash = m_db.impl().stmt("SELECT id, name FROM org WHERE name_key = ?1 AND id <> ?2");
  clash.bind(1, key);
  clash.bind(2, static_cast<int64_t>(id));
  if (clash.executeStep()) {
    throw Conflict(fmt::format("{} is the name of organisation #{} {}; it cannot be an alias of {}",
                               quote_arg(name), clash.getColumn(0).getInt64(),
                               clash.getColumn(1).getString(), describe(org)));
  }
  auto& s = m_db.impl().stmt(
    "INSERT INTO org_alias (uid, org_id, name, name_key) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (org_id, name_key) DO NOTHING");
  s.bind(1, core::new_uid());
  s.bind(2, static_cast<int64_t>(id));
  s.bind(3, name);
  s.bind(4, key);
  s.exec();
  return m_db.impl().changes() > 0;
}

void OrgStore::rename(core::Id id, const std::string& name, const std::optional<core::Date>& from)
{
  auto org = get(id);
  if (from) {
    auto last = from->add_days(-1);
    auto names = former_names(id);
    if (!names.empty() && names.back().second >= last) {
      throw UsageError(fmt::format("{} was already renamed on {}; a rename from {} must come after it",
                                   describe(org), names.back().second.add_days(1).iso(), from->iso()));
    }
    auto& keep = m_db.impl().stmt("INSERT INTO org_name (uid, org_id, name, until) VALUES (?1, ?2, ?3, ?4)");
    keep.bind(1, core::new_uid());
    keep.bind(2, static_cast<int64_t>(id));
    keep.bind(3, org.name);
    keep.bind(4, last.iso());
    keep.exec();
  }
  std::string key = core::fold(name);
  if (key.empty()) {
    throw UsageError("new name is empty");
  }
  auto& clash = m_db.impl().stmt("SELECT id, name FROM org WHERE name_key = ?1 AND id <> ?2");
  clash.bind(1, key);
  clash.bind(2, static_cast<int64_t>(id));
  if (clash.executeStep()) {
    throw Conflict(fmt::format("organisation #{} is already named {}", clash.getColumn(0).getInt64(),
                               quote_arg(clash.getColumn(1).getString())));
  }
  std::string old_name = org.name;
  org.name = name;
  update(org);
  if (core::fold(old_name) != key) {
    add_alias(id, old_name);
  }
  // The new name is the name now; an identical alias would only duplicate it.
  auto& drop = m_db.impl().stmt("DELETE FROM org_alias WHERE org_id = ?1 AND name_key = ?2");
  drop.bind(1, static_cast<int64_t>(id));
  drop.bind(2, key);
  drop.exec();
}

std::vector<std::pair<std::string, core::Date>> OrgStore::former_names(core::Id id)
{
  auto& s = m_db.impl().stmt("SELECT name, until FROM org_name WHERE org_id = ?1 ORDER BY until");
  s.bind(1, static_cast<int64_t>(id));
  std::vector<std::pair<std::string, core::Date>> out;
  while (s.executeStep()) {
    out.emplace_back(column_text(s, 0), stored_date(column_text(s, 1)));
  }
  return out;
}

std::string OrgStore::name_on(core::Id id, const core::Date& day)
{
  auto& s = m_db.impl().stmt(
    "SELECT coalesce((SELECT f.name FROM org_name f WHERE f.org_id = o.id AND f.until >= ?2 "
    "ORDER BY f.until LIMIT 1), o.name) FROM org o WHERE o.id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  s.bind(2, day.iso());
  if (!s.executeStep()) {
    throw NotFound(fmt::format("no organisation with id {}", id));
  }
  return column_text(s, 0);
}

void OrgStore::add_succession(const core::Succession& succession)
{
  auto& exists = m_db.impl().stmt(
    "SELECT date FROM org_succession WHERE predecessor_id = ?1 AND successor_id = ?2");
  exists.bind(1, static_cast<int64_t>(succession.predecessor_id));
  exists.bind(2, static_cast<int64_t>(succession.successor_id));
  if (exists.executeStep()) {
    throw Conflict(fmt::format("{} is already recorded as succeeded by {} on {}",
                               describe(get(succession.predecessor_id)),
                               describe(get(succession.successor_id)),
                               exists.getColumn(0).getString()));
  }
  auto& s = m_db.impl().stmt(
    "INSERT INTO org_succession (uid, predecessor_id, successor_id, date, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5)");
  s.bind(1, core::new_uid());
  s.bind(2, static_cast<int64_t>(succession.predecessor_id));
  s.bind(3, static_cast<int64_t>(succession.successor_id));
  s.bind(4, succession.date.iso());
  bind_text(s, 5, succession.note);
  s.exec();
}

std::vector<core::Succession> OrgStore::successors(core::Id id)
{
  std::vector<core::Succession> out;
  auto& s = m_db.impl().stmt(
    "SELECT predecessor_id, successor_id, date, note FROM org_succession "
    "WHERE predecessor_id = ?1 ORDER BY date, successor_id");
  s.bind(1, static_cast<int64_t>(id));
  while (s.executeStep()) {
    out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(),
                   stored_date(s.getColumn(2).getString()), column_text(s, 3)});
  }
  return out;
}

std::vector<core::Succession> OrgStore::predecessors(core::Id id)
{
  std::vector<core::Succession> out;
  auto& s = m_db.impl().stmt(
    "SELECT predecessor_id, successor_id, date, note FROM org_succession "
    "WHERE successor_id = ?1 ORDER BY date, predecessor_id");
  s.bind(1, static_cast<int64_t>(id));
  while (s.executeStep()) {
    out.push_back({s.getColumn(0).getInt64(), s.getColumn(1).getInt64(),
                   stored_date(s.getColumn(2).getString()), column_text(s, 3)});
  }
  return out;
}

std::vector<core::Organisation> OrgStore::children(core::Id id)
{
  std::vector<core::Organisation> out;
  auto& s = m_db.impl().stmt(
    "SELECT id, uid, name, short_name, kind, parent_id, valid_from, valid_to, note "
    "FROM org WHERE parent_id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  while (s.executeStep()) {
    out.push_back(read_org(s));
  }
  sort_vietnamese(out);
  return out;
}

void OrgStore::merge(core::Id from_id, core::Id into_id)
{
  auto from = get(from_id);
  auto into = get(into_id);
  if (from_id == into_id) {
    throw UsageError(fmt::format("cannot merge {} into itself", describe(from)));
  }
  auto& impl = m_db.impl();
  auto& both = impl.stmt(
    "SELECT a.id, a.title FROM agreement a WHERE "
    "EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = a.id AND p.org_id = ?1) AND "
    "EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = a.id AND p.org_id = ?2)");
  both.bind(1, static_cast<int64_t>(from_id));
  both.bind(2, static_cast<int64_t>(into_id));
  if (both.executeStep()) {
    throw Conflict(fmt::format("{} and {} are both parties of agreement #{} {}; they cannot be "
                               "the same body",
                               describe(from), describe(into), both.getColumn(0).getInt64(),
                               both.getColumn(1).getString()));
  }
  // Each statement moves one kind of reference; rows that would duplicate a
  // row `into` already has are dropped first.
  static const char* const k_moves[] = {
    "UPDATE agreement_party SET org_id = ?2 WHERE org_id = ?1",
    "UPDATE task SET lead_org_id = ?2 WHERE lead_org_id = ?1",
    "DELETE FROM task_partner WHERE org_id = ?1 AND task_id IN "
    "(SELECT task_id FROM task_partner WHERE org_id = ?2)",
    "UPDATE task_partner SET org_id = ?2 WHERE org_id = ?1",
    // A partner that has become the task's lead is the lead only.
    "DELETE FROM task_partner WHERE org_id = ?2 AND task_id IN (SELECT id FROM task WHERE lead_org_id = ?2)",
    // A body commended twice in one decision, once under each entry, is commended once.
    "DELETE FROM award_recipient WHERE org_id = ?1 AND kind = 'collective' AND decision_id IN "
    "(SELECT decision_id FROM award_recipient WHERE org_id = ?2 AND kind = 'collective')",
    "UPDATE meeting_participant SET org_id = ?2 WHERE org_id = ?1",
    "UPDATE meeting_contribution SET org_id = ?2 WHERE org_id = ?1",
    "UPDATE award_decision SET issuer_org_id = ?2 WHERE issuer_org_id = ?1",
    "UPDATE award_recipient SET org_id = ?2 WHERE org_id = ?1",
    "UPDATE org SET parent_id = NULL WHERE id = ?2 AND parent_id = ?1",
    "UPDATE org SET parent_id = ?2 WHERE parent_id = ?1",
    "DELETE FROM org_succession WHERE (predecessor_id = ?1 AND successor_id = ?2) "
    "OR (predecessor_id = ?2 AND successor_id = ?1)",
    "DELETE FROM org_succession WHERE predecessor_id = ?1 AND successor_id IN "
    "(SELECT successor_id FROM org_succession WHERE predecessor_id = ?2)",
    "UPDATE org_succession SET predecessor_id = ?2 WHERE predecessor_id = ?1",
    "DELETE FROM org_succession WHERE successor_id = ?1 AND predecessor_id IN "
    "(SELECT predecessor_id FROM org_succession WHERE successor_id = ?2)",
    "UPDATE org_succession SET successor_id = ?2 WHERE successor_id = ?1",
    "DELETE FROM org_alias WHERE org_id = ?1 AND name_key IN "
    "(SELECT name_key FROM org_alias WHERE org_id = ?2)",
    "UPDATE org_alias SET org_id = ?2 WHERE org_id = ?1",
    // Former names come along (earlier reports keep naming the body as
    // then); on a day both entries have one, the kept entry's wins.
    "DELETE FROM org_name WHERE org_id = ?1 AND until IN (SELECT until FROM org_name WHERE org_id = ?2)",
    "UPDATE org_name SET org_id = ?2 WHERE org_id = ?1",
    "DELETE FROM org_alias WHERE org_id = ?2 AND name_key = "
    "(SELECT name_key FROM org WHERE id = ?2)",
  };
  for (const char* sql : k_moves) {
    auto& s = impl.stmt(sql);
    s.bind(1, static_cast<int64_t>(from_id));
    s.bind(2, static_cast<int64_t>(into_id));
    s.exec();
  }
  if (into.parent_id == from_id) {
    into.parent_id = from.parent_id == into_id ? std::nullopt : from.parent_id;
  }
  if (!into.valid_from) {
    into.valid_from = from.valid_from;
  }
  if (!into.valid_to) {
    into.valid_to = from.valid_to;
  }
  if (into.short_name.empty()) {
    into.short_name = from.short_name;
    from.short_name.clear();
  }
  if (into.kind.empty()) {
    into.kind = from.kind;
  }
  auto& drop = impl.stmt("DELETE FROM org WHERE id = ?1");
  drop.bind(1, static_cast<int64_t>(from_id));
  drop.exec();
  update(into);
  add_alias(into_id, from.name);
  if (!from.short_name.empty()) {
    add_alias(into_id, from.short_name);
  }
}

} // namespace phoihop::store
