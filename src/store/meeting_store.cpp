#include "sql.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/store/meeting_store.hpp>

#include <fmt/format.h>

namespace phoihop::store {

namespace {

core::Meeting read_meeting(const Statement& s)
{
  core::Meeting m;
  m.id = s.getColumn(0).getInt64();
  m.uid = column_text(s, 1);
  m.kind = column_text(s, 2);
  m.title = column_text(s, 3);
  m.date = stored_date(column_text(s, 4));
  m.place = column_text(s, 5);
  m.format = column_text(s, 6);
  m.minutes = column_text(s, 7);
  m.note = column_text(s, 8);
  return m;
}

int next_ordinal(Database::Impl& impl, const char* sql, core::Id meeting_id)
{
  auto& s = impl.stmt(sql);
  s.bind(1, static_cast<int64_t>(meeting_id));
  s.executeStep();
  return s.getColumn(0).getInt();
}

} // namespace

std::string describe(const core::Meeting& meeting)
{
  return fmt::format("#{} {} ({})", meeting.id, meeting.title, meeting.date.iso());
}

std::optional<core::Meeting> MeetingStore::find(core::Id id)
{
  auto& s = m_db.impl().stmt(
    "SELECT id, uid, kind, title, date, place, format, minutes, note FROM meeting WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(id));
  if (!s.executeStep()) {
    return std::nullopt;
  }
  auto m = read_meeting(s);
  auto& a = m_db.impl().stmt(
    "SELECT agreement_id FROM meeting_agreement WHERE meeting_id = ?1 ORDER BY agreement_id");
  a.bind(1, static_cast<int64_t>(id));
  while (a.executeStep()) {
    m.agreement_ids.push_back(a.getColumn(0).getInt64());
  }
  return m;
}

core::Meeting MeetingStore::get(core::Id id)
{
  auto m = find(id);
  if (!m) {
    throw NotFound(fmt::format("no meeting with id {}", id));
  }
  return *m;
}

std::vector<core::Meeting> MeetingStore::list(const MeetingFilter& filter)
{
  // One agreement's meetings are found through meeting_agreement's index.
#define PHOIHOP_MEETING_FILTERS                                                                    \
  "AND (?2 IS NULL OR m.kind = ?2) AND (?3 IS NULL OR m.date >= ?3) AND (?4 IS NULL OR m.date <= ?4) " \
  "ORDER BY m.date, m.id"
  auto& s = filter.agreement_id
              ? m_db.impl().stmt("SELECT m.id FROM meeting_agreement ma JOIN meeting m ON m.id = ma.meeting_id "
                                 "WHERE ma.agreement_id = ?1 " PHOIHOP_MEETING_FILTERS)
              : m_db.impl().stmt("SELECT m.id FROM meeting m WHERE ?1 IS NULL " PHOIHOP_MEETING_FILTERS);
#undef PHOIHOP_MEETING_FILTERS
  bind_id(s, 1, filter.agreement_id);
  bind_text(s, 2, filter.kind);
  bind_date(s, 3, filter.from);
  bind_date(s, 4, filter.to);
  std::vector<core::Id> ids;
  while (s.executeStep()) {
    ids.push_back(s.getColumn(0).getInt64());
  }
  std::vector<core::Meeting> out;
  for (auto id : ids) {
    out.push_back(get(id));
  }
  return out;
}

core::Id MeetingStore::insert(core::Meeting& m)
{
  if (m.uid.empty()) {
    m.uid = core::new_uid();
  }
  auto& impl = m_db.impl();
  auto& s = impl.stmt(
    "INSERT INTO meeting (uid, kind, title, title_key, date, place, format, minutes, note, "
    "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)");
  s.bind(1, m.uid);
  s.bind(2, m.kind);
  s.bind(3, m.title);
  s.bind(4, core::fold(m.title));
  s.bind(5, m.date.iso());
  bind_text(s, 6, m.place);
  bind_text(s, 7, m.format);
  bind_text(s, 8, m.minutes);
  bind_text(s, 9, m.note);
  s.bind(10, core::utc_timestamp());
  s.exec();
  m.id = impl.last_id();
  update(m);
  return m.id;
}

void MeetingStore::update(const core::Meeting& m)
{
  auto& impl = m_db.impl();
  auto& s = impl.stmt(
    "UPDATE meeting SET kind = ?2, title = ?3, title_key = ?4, date = ?5, place = ?6, format = ?7, "
    "minutes = ?8, note = ?9, updated_at = ?10 WHERE id = ?1");
  s.bind(1, static_cast<int64_t>(m.id));
  s.bind(2, m.kind);
  s.bind(3, m.title);
  s.bind(4, core::fold(m.title));
  s.bind(5, m.date.iso());
  bind_text(s, 6, m.place);
  bind_text(s, 7, m.format);
  bind_text(s, 8, m.minutes);
  bind_text(s, 9, m.note);
  s.bind(10, core::utc_timestamp());
  s.exec();
  auto& clear = impl.stmt("DELETE FROM meeting_agreement WHERE meeting_id = ?1");
  clear.bind(1, static_cast<int64_t>(m.id));
  clear.exec();
  for (auto agreement_id : m.agreement_ids) {
    auto& a = impl.stmt(
      "INSERT OR IGNORE INTO meeting_agreement (meeting_id, agreement_id) VALUES (?1, ?2)");
    a.bind(1, static_cast<int64_t>(m.id));
    a.bind(2, static_cast<int64_t>(agreement_id));
    a.exec();
  }
}

std::vector<core::Participant> MeetingStore::participants(core::Id meeting_id)
{
  std::vector<core::Participant> out;
  auto& s = m_db.impl().stmt(
    "SELECT p.id, p.org_id, o.name, p.name, p.position, p.role, p.ordinal FROM meeting_participant "
    "p LEFT JOIN org o ON o.id = p.org_id WHERE p.meeting_id = ?1 ORDER BY p.ordinal");
  s.bind(1, static_cast<int64_t>(meeting_id));
  while (s.executeStep()) {
    out.push_back({s.getColumn(0).getInt64(), column_id(s, 1), column_text(s, 2), column_text(s, 3),
                   column_text(s, 4), column_text(s, 5), s.getColumn(6).getInt()});
  }
  return out;
}

core::Id MeetingStore::add_participant(core::Id meeting_id, core::Participant& p)
{
  auto& impl = m_db.impl();
  p.ordinal = next_ordinal(
    impl, "SELECT coalesce(max(ordinal), 0) + 1 FROM meeting_participant WHERE meeting_id = ?1",
    meeting_id);
  auto& s = impl.stmt(
    "INSERT INTO meeting_participant (uid, meeting_id, org_id, name, position, role, ordinal) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  s.bind(1, core::new_uid());
  s.bind(2, static_cast<int64_t>(meeting_id));
  bind_id(s, 3, p.org_id);
  bind_text(s, 4, p.name);
  bind_text(s, 5, p.position);
  s.bind(6, p.role);
  s.bind(7, p.ordinal);
  s.exec();
  p.id = impl.last_id();
  return p.id;
}

std::vector<core::Contribution> MeetingStore::contributions(core::Id meeting_id)
{
  std::vector<core::Contribution> out;
  auto& s = m_db.impl().stmt(
    "SELECT c.id, c.org_id, o.name, c.presenter, c.topic, c.ordinal FROM meeting_contribution c "
    "LEFT JOIN org o ON o.id = c.org_id WHERE c.meeting_id = ?1 ORDER BY c.ordinal");
  s.bind(1, static_cast<int64_t>(meeting_id));
  while (s.executeStep()) {
    out.push_back({s.getColumn(0).getInt64(), column_id(s, 1), column_text(s, 2), column_text(s, 3),
                   column_text(s, 4), s.getColumn(5).getInt()});
  }
  return out;
}

core::Id MeetingStore::add_contribution(core::Id meeting_id, core::Contribution& c)
{
  auto& impl = m_db.impl();
  c.ordinal = next_ordinal(
    impl, "SELECT coalesce(max(ordinal), 0) + 1 FROM meeting_contribution WHERE meeting_id = ?1",
    meeting_id);
  auto& s = impl.stmt(
    "INSERT INTO meeting_contribution (uid, meeting_id, org_id, presenter, topic, ordinal) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  s.bind(1, core::new_uid());
  s.bind(2, static_cast<int64_t>(meeting_id));
  bind_id(s, 3, c.org_id);
  bind_text(s, 4, c.presenter);
  s.bind(5, c.topic);
  s.bind(6, c.ordinal);
  s.exec();
  c.id = impl.last_id();
  return c.id;
}

std::vector<core::Conclusion> MeetingStore::conclusions(core::Id meeting_id)
{
  std::vector<core::Conclusion> out;
  auto& s = m_db.impl().stmt(
    "SELECT id, text, ordinal FROM meeting_conclusion WHERE meeting_id = ?1 ORDER BY ordinal");
  s.bind(1, static_cast<int64_t>(meeting_id));
  while (s.executeStep()) {
    out.push_back({s.getColumn(0).getInt64(), column_text(s, 1), s.getColumn(2).getInt(), {}});
  }
  for (auto& c : out) {
    auto& t = m_db.impl().stmt("SELECT id FROM task WHERE conclusion_id = ?1 ORDER BY id");
    t.bind(1, static_cast<int64_t>(c.id));
    while (t.executeStep()) {
      c.task_ids.push_back(t.getColumn(0).getInt64());
    }
  }
  return out;
}

core::Id MeetingStore::add_conclusion(core::Id meeting_id, core::Conclusion& c)
{
  auto& impl = m_db.impl();
  c.ordinal = next_ordinal(
    impl, "SELECT coalesce(max(ordinal), 0) + 1 FROM meeting_conclusion WHERE meeting_id = ?1",
    meeting_id);
  auto& s = impl.stmt(
    "INSERT INTO meeting_conclusion (uid, meeting_id, text, ordinal) VALUES (?1, ?2, ?3, ?4)");
  s.bind(1, core::new_uid());
  s.bind(2, static_cast<int64_t>(meeting_id));
  s.bind(3, c.text);
  s.bind(4, c.ordinal);
  s.exec();
  c.id = impl.last_id();
  return c.id;
}

std::vector<std::string> MeetingStore::references(core::Id id)
{
  static const std::vector<ReferenceQuery> k_queries = {
    {"task", "SELECT count(*), group_concat(id, ', ') FROM (SELECT id FROM task WHERE "
             "meeting_id = ?1 ORDER BY id)"},
    {"award decision", "SELECT count(*), group_concat(id, ', ') FROM (SELECT id FROM "
                       "award_decision WHERE meeting_id = ?1 ORDER BY id)"},
  };
  return count_references(m_db.impl(), k_queries, id);
}

void MeetingStore::remove(core::Id id, bool force)
{
  auto m = get(id);
  auto refs = references(id);
  if (!refs.empty() && !force) {
    throw Conflict(fmt::format("meeting {} is still referenced by {}; use --force to delete it and "
                               "unlink them",
                               describe(m), fmt::join(refs, ", ")));
  }
  // The cascade of `meeting delete --force`, documented in phoihop-meeting(1).
  static const std::vector<const char*> k_cascade = {
    "UPDATE task SET meeting_id = NULL WHERE meeting_id = ?1",
    "UPDATE task SET conclusion_id = NULL WHERE conclusion_id IN "
    "(SELECT id FROM meeting_conclusion WHERE meeting_id = ?1)",
    "UPDATE award_decision SET meeting_id = NULL WHERE meeting_id = ?1",
    "DELETE FROM meeting WHERE id = ?1",
  };
  run_cascade(m_db.impl(), k_cascade, id);
}

} // namespace phoihop::store
