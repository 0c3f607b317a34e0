#include "sql.hpp"

#include <phoihop/core/enums.hpp>
#include <phoihop/core/sent.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/store/catalogue.hpp>
#include <phoihop/store/invariants.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace phoihop::store {

namespace {

// The rules no column catalogue can say. Each names the record and the
// values at fault; the exit status is the one the verbs always gave.
std::vector<Invariant> relational_rules()
{
  const auto usage = ExitStatus::usage;
  const auto conflict = ExitStatus::conflict;
  // An agreement as people name it: its code, else #id.
  const std::string a_ref = "coalesce(a.code, '#' || a.id)";
  // A sent report as printed, with its year: 16/BC-UBND of 2024.
  const std::string sent = "printf('%02d', s.number) || coalesce('/' || s.symbol, '') || ' of ' || substr(s.issued_on, 1, 4)";
  const Touch sent_self{"sent_report", "id", "s.id"};
  return {
    // Organisations.
    {"org_valid_dates", "org", "", {{"org", "id", "o.id"}},
     "SELECT o.id, o.name, o.valid_from, o.valid_to FROM org o "
     "WHERE o.valid_to < o.valid_from AND {scope}",
     "organisation #{0} {1}: valid_to {3} is before valid_from {2}", usage},
    {"org_own_parent", "org", "", {{"org", "id", "o.id"}},
     "SELECT o.id, o.name FROM org o WHERE o.parent_id = o.id AND {scope}",
     "organisation #{0} {1} cannot be its own parent", usage},
    {"org_name_unique", "org", "", {{"org", "id", "o.id"}},
     "SELECT o.id, o.name, x.id, x.name FROM org o JOIN org x ON x.name_key = o.name_key AND x.id <> o.id "
     "WHERE {scope}",
     "organisation #{0} '{1}' has the name of organisation #{2} '{3}'", conflict},
    {"alias_not_a_name", "org_alias", "", {{"org_alias", "id", "al.id"}, {"org", "name_key", "al.name_key"}},
     "SELECT al.id, al.name, o.id, o.name, al.org_id FROM org_alias al "
     "JOIN org o ON o.name_key = al.name_key AND o.id <> al.org_id WHERE {scope}",
     "'{1}' is the name of organisation #{2} {3}; it cannot be an alias of organisation #{4}", conflict},
    {"succession_not_self", "org_succession", "", {{"org_succession", "id", "s.id"}},
     "SELECT s.id, s.predecessor_id, o.name FROM org_succession s LEFT JOIN org o ON o.id = s.predecessor_id "
     "WHERE s.predecessor_id = s.successor_id AND {scope}",
     "succession #{0}: organisation #{1} {2} cannot succeed itself", usage},
    {"succession_after_start", "org_succession", "", {{"org_succession", "id", "s.id"}, {"org", "id", "s.predecessor_id"}},
     "SELECT s.id, s.date, p.id, p.name, p.valid_from FROM org_succession s JOIN org p ON p.id = s.predecessor_id "
     "WHERE s.date <= p.valid_from AND {scope}",
     "succession #{0}: date {1} is not after organisation #{2} {3} came into being on {4}", usage},

    // Agreements and their parties.
    {"agreement_code", "agreement", "", {{"agreement", "id", "a.id"}},
     "SELECT a.id, a.code FROM agreement a WHERE a.code IS NOT NULL AND (a.code NOT GLOB '*[^0-9]*' OR "
     "a.code GLOB '#*' OR instr(a.code, ' ') OR instr(a.code, char(9))) AND {scope}",
     "agreement #{0}: invalid code '{1}': a code has no spaces and is not a number (numbers are ids)", usage},
    {"agreement_term", "agreement", "", {{"agreement", "id", "a.id"}},
     "SELECT a.id, " + a_ref + ", a.start_date, a.end_date FROM agreement a WHERE a.end_date < a.start_date AND {scope}",
     "agreement {1}: end {3} is before start {2}", usage},
    {"agreement_actual_end", "agreement", "", {{"agreement", "id", "a.id"}},
     "SELECT a.id, " + a_ref + ", a.start_date, a.actual_end FROM agreement a "
     "WHERE a.actual_end < a.start_date AND {scope}",
     "agreement {1}: actual end {3} is before start {2}", usage},
    {"agreement_self_reference", "agreement", "", {{"agreement", "id", "a.id"}},
     "SELECT a.id, " + a_ref + " FROM agreement a WHERE (a.supersedes_id = a.id OR a.parent_id = a.id) AND {scope}",
     "agreement {1} cannot renew or be part of itself", usage},
    {"agreement_parties", "agreement", "", {{"agreement", "id", "a.id"}, {"agreement_party", "agreement_id", "a.id"}},
     "SELECT a.id, " + a_ref + ", (SELECT count(*) FROM agreement_party p WHERE p.agreement_id = a.id) FROM agreement a "
     "WHERE (SELECT count(*) FROM agreement_party p WHERE p.agreement_id = a.id) < 2 AND {scope}",
     "agreement {1} needs two or more parties; it has {2}", usage},
    {"renewal_after_renewed", "agreement", "", {{"agreement", "id", "a.id"}, {"agreement", "id", "a.supersedes_id"}},
     "SELECT a.id, " + a_ref + ", coalesce(o.code, '#' || o.id), a.start_date, o.start_date FROM agreement a "
     "JOIN agreement o ON o.id = a.supersedes_id WHERE a.start_date <= o.start_date AND {scope}",
     "agreement {1} renews agreement {2} but starts {3}, not after it started on {4}", usage},
    {"party_signed_in_term", "agreement_party", "", {{"agreement_party", "id", "p.id"}, {"agreement", "id", "p.agreement_id"}},
     "SELECT p.id, p.signed_on, " + a_ref + ", a.end_date FROM agreement_party p JOIN agreement a ON a.id = p.agreement_id "
     "WHERE p.signed_on > a.end_date AND {scope}",
     "party #{0}: signing date {1} is after the end of the term of agreement {2} ({3})", usage},

    // Tasks and their log.
    {"task_dates", "task", "", {{"task", "id", "t.id"}},
     "SELECT t.id, t.start_date, t.due_date FROM task t WHERE t.due_date < t.start_date AND {scope}",
     "task #{0}: due date {2} is before start {1}", usage},
    {"task_start_in_term", "task", "", {{"task", "id", "t.id"}, {"agreement", "id", "t.agreement_id"}},
     "SELECT t.id, t.start_date, " + a_ref + ", a.start_date FROM task t JOIN agreement a ON a.id = t.agreement_id "
     "WHERE t.start_date < a.start_date AND {scope}",
     "task #{0}: start {1} is before agreement {2} began on {3}", usage},
    {"task_due_in_term", "task", "", {{"task", "id", "t.id"}, {"agreement", "id", "t.agreement_id"}},
     "SELECT t.id, t.due_date, " + a_ref + ", a.start_date FROM task t JOIN agreement a ON a.id = t.agreement_id "
     "WHERE t.due_date < a.start_date AND {scope}",
     "task #{0}: due date {1} is before agreement {2} began on {3}", usage},
    {"task_lead_not_partner", "task", "", {{"task", "id", "t.id"}, {"task_partner", "task_id", "t.id"}},
     "SELECT t.id, o.name FROM task t JOIN task_partner tp ON tp.task_id = t.id AND tp.org_id = t.lead_org_id "
     "JOIN org o ON o.id = t.lead_org_id WHERE {scope}",
     "task #{0}: {1} is the lead; it cannot also be a partner", usage},
    {"task_conclusion_meeting", "task", "", {{"task", "id", "t.id"}, {"meeting_conclusion", "id", "t.conclusion_id"}},
     "SELECT t.id, c.meeting_id, t.meeting_id FROM task t JOIN meeting_conclusion c ON c.id = t.conclusion_id "
     "WHERE t.meeting_id IS NOT c.meeting_id AND {scope}",
     "task #{0} follows up a conclusion of meeting #{1} but names meeting #{2}", usage},
    {"update_content", "task_update", "", {{"task_update", "id", "u.id"}},
     "SELECT u.id, u.task_id FROM task_update u WHERE u.status IS NULL AND u.progress IS NULL AND "
     "u.actual IS NULL AND u.due IS NULL AND u.note IS NULL AND {scope}",
     "update #{0} of task #{1} records nothing: it needs a status, progress, actual, due date or note", usage},
    // An extension moves the due date; never before the task can start.
    {"update_due_after_task_start", "task_update", "", {{"task_update", "id", "u.id"}, {"task", "id", "u.task_id"},
      {"agreement", "id", "u.task_id", "SELECT t.id FROM task t WHERE t.agreement_id"}},
     "SELECT u.id, u.task_id, u.due, coalesce(t.start_date, a.start_date) FROM task_update u "
     "JOIN task t ON t.id = u.task_id JOIN agreement a ON a.id = t.agreement_id "
     "WHERE u.due < coalesce(t.start_date, a.start_date) AND {scope}",
     "update #{0} of task #{1} moves the due date to {2}, before the task starts on {3}", usage},
    {"update_done_at_100", "task_update", "", {{"task_update", "id", "u.id"}},
     "SELECT u.id, u.task_id, u.progress FROM task_update u WHERE u.status = 'done' AND u.progress <> 100 AND {scope}",
     "update #{0} of task #{1}: a done task is at 100 %, not {2} %", usage},
    {"update_in_term", "task_update", "", {{"task_update", "id", "u.id"}, {"task", "id", "u.task_id"},
      {"agreement", "id", "u.task_id", "SELECT t.id FROM task t WHERE t.agreement_id"}},
     "SELECT u.id, u.task_id, u.date, " + a_ref + ", a.start_date FROM task_update u JOIN task t ON t.id = u.task_id "
     "JOIN agreement a ON a.id = t.agreement_id WHERE u.date < a.start_date AND {scope}",
     "update #{0} of task #{1}: date {2} is before agreement {3} began on {4}", usage},
    // A cancellation may come before the task was to start; work may not.
    {"update_after_task_start", "task_update", "", {{"task_update", "id", "u.id"}, {"task", "id", "u.task_id"}},
     "SELECT u.id, u.task_id, u.date, t.start_date FROM task_update u JOIN task t ON t.id = u.task_id "
     "WHERE u.date < t.start_date AND (u.progress > 0 OR u.actual IS NOT NULL OR u.status = 'in_progress' OR "
     "u.status = 'done') AND {scope}",
     "update #{0} of task #{1} reports work on {2}, before the task starts on {3}", usage},
    // Meetings and awards.
    {"participant_named", "meeting_participant", "", {{"meeting_participant", "id", "mp.id"}},
     "SELECT mp.id, mp.meeting_id FROM meeting_participant mp WHERE mp.org_id IS NULL AND mp.name IS NULL AND {scope}",
     "participant #{0} of meeting #{1} needs an organisation or a name", usage},
    {"recipient_collective", "award_recipient", "", {{"award_recipient", "id", "r.id"}},
     "SELECT r.id, r.decision_id FROM award_recipient r WHERE r.kind = 'collective' AND "
     "(r.org_id IS NULL OR r.person_name IS NOT NULL OR r.position IS NOT NULL) AND {scope}",
     "recipient #{0} of decision #{1}: a collective recipient is an organisation, with no person name or position",
     usage},
    {"recipient_once", "award_recipient", "", {{"award_recipient", "id", "r.id"}},
     "SELECT r.id, coalesce(r.person_name, o.name), x.id, r.decision_id FROM award_recipient r "
     "JOIN award_recipient x ON x.decision_id = r.decision_id AND x.id <> r.id AND x.kind = r.kind AND "
     "((r.kind = 'collective' AND x.org_id = r.org_id) OR "
     "(r.kind = 'individual' AND x.person_key = r.person_key AND x.org_id IS r.org_id)) "
     "LEFT JOIN org o ON o.id = r.org_id WHERE {scope}",
     "recipient #{0} {1} is already recipient #{2} of decision #{3}", conflict},
    {"recipient_individual", "award_recipient", "", {{"award_recipient", "id", "r.id"}},
     "SELECT r.id, r.decision_id FROM award_recipient r WHERE r.kind = 'individual' AND r.person_name IS NULL AND {scope}",
     "recipient #{0} of decision #{1}: an individual recipient needs a person name", usage},

    // The register of sent reports: what was sent, exactly.
    {"sent_number", "sent_report", "", {sent_self},
     "SELECT s.id, s.number FROM sent_report s WHERE (typeof(s.number) <> 'integer' OR s.number < 1 OR "
     "s.number > " + std::to_string(core::k_max_document_number) + ") AND {scope}",
     "sent report #{0}: number {1} is not a whole number from 1 to " +
       std::to_string(core::k_max_document_number), usage},
    {"sent_period", "sent_report", "", {sent_self},
     "SELECT s.id, " + sent + ", s.period_start, s.period_end FROM sent_report s "
     "WHERE s.period_end < s.period_start AND {scope}",
     "sent report {1}: its period ends {3}, before it starts {2}", usage},
    {"sent_as_of", "sent_report", "", {sent_self},
     "SELECT s.id, " + sent + ", s.as_of, s.period_end FROM sent_report s WHERE s.as_of > s.period_end AND {scope}",
     "sent report {1}: as-of day {2} is after the period's last day {3}", usage},
    {"sent_recipients", "sent_report", "", {sent_self},
     "SELECT s.id, " + sent + " FROM sent_report s WHERE CASE WHEN json_valid(s.recipients) AND "
     "json_type(s.recipients) = 'array' THEN EXISTS (SELECT 1 FROM json_each(s.recipients) r WHERE r.type <> 'text' "
     "OR r.value = '' OR phoihop_text_fault(r.value, 0) IS NOT NULL) ELSE 1 END AND {scope}",
     "sent report {1}: recipients are not a JSON array of names (one line of text each)", usage},
    {"sent_sha256", "sent_report", "", {sent_self},
     "SELECT s.id, " + sent + ", s.sha256 FROM sent_report s WHERE (typeof(s.sha256) <> 'text' OR "
     "length(s.sha256) <> 64 OR s.sha256 GLOB '*[^0-9a-f]*') AND {scope}",
     "sent report {1}: sha256 '{2}' is not 64 lower-case hexadecimal digits", usage},
    // The bytes kept are the bytes recorded: they inflate to `size` bytes
    // whose SHA-256 is `sha256`. Only damage breaks it, so a verb meeting
    // it says what a damaged file says (5).
    {"sent_content", "sent_report", "", {sent_self},
     "SELECT s.id, " + sent + ", phoihop_sent_fault(c.content, s.size, s.sha256) AS fault FROM sent_report s "
     "LEFT JOIN sent_report_content c ON c.sent_report_id = s.id WHERE fault IS NOT NULL AND {scope}",
     "sent report {1}: {2}", ExitStatus::unavailable},
  };
}

// The rules each column's kind implies, from the one column catalogue.
void add_column_rules(std::vector<Invariant>& out, std::string_view table, std::string_view column,
                      const ColumnSpec* spec, std::string_view fold_column, bool multiline)
{
  std::string t(table);
  std::string c(column);
  std::string noun = noun_of(table);
  Touch self{t, "id", "x.id"};
  auto rule = [&](const char* name, const std::string& bad, const std::string& what) {
    std::string fault = fmt::format("x.{0} IS NOT NULL AND ({1})", c, bad);
    out.push_back({name, t, c, {self}, fmt::format("SELECT x.id, x.{0} FROM {1} x WHERE {2} AND {{scope}}", c, t, fault),
                   fmt::format("{} #{{0}}: {} '{{1}}' {}", noun, c, what), ExitStatus::usage, fault});
  };
  if (spec != nullptr && spec->values != nullptr) {
    std::string list;
    for (auto v : spec->values->values) {
      list += fmt::format("{}'{}'", list.empty() ? "" : ", ", v);
    }
    rule("value", fmt::format("x.{} NOT IN ({})", c, list), fmt::format("is not one of: {}", spec->values->joined(", ")));
  } else if (spec == nullptr || spec->kind == ColumnKind::text) {
    // The value itself is not shown: it may hold the control characters at fault.
    out.push_back({"text", t, c, {self},
                   fmt::format("SELECT x.id, CASE WHEN typeof(x.{0}) <> 'text' THEN 'is not text' ELSE "
                               "phoihop_text_fault(x.{0}, {1}) END AS fault FROM {2} x "
                               "WHERE x.{0} IS NOT NULL AND fault IS NOT NULL AND {{scope}}",
                               c, multiline ? 1 : 0, t),
                   fmt::format("{} #{{0}}: {} {{1}}", noun, c), ExitStatus::usage,
                   fmt::format("x.{0} IS NOT NULL AND (typeof(x.{0}) <> 'text' OR phoihop_text_fault(x.{0}, {1}) IS NOT NULL)",
                               c, multiline ? 1 : 0)});
    if (!fold_column.empty()) {
      out.push_back({"key", t, std::string(fold_column), {self},
                     fmt::format("SELECT x.id, x.{0}, x.{1} FROM {2} x WHERE x.{1} IS NOT phoihop_fold(x.{0}) AND {{scope}}",
                                 c, fold_column, t),
                     fmt::format("{} #{{0}}: {} '{{2}}' is not the folded {} '{{1}}' (searches miss this row)", noun,
                                 fold_column, c),
                     ExitStatus::usage, fmt::format("x.{1} IS NOT phoihop_fold(x.{0})", c, fold_column)});
    }
  } else if (spec->kind == ColumnKind::date) {
    // date(…, '+0 days') normalises '2022-02-30' to '2022-03-02', so a day
    // the month does not have is caught too.
    rule("date", fmt::format("typeof(x.{0}) <> 'text' OR length(x.{0}) <> 10 OR date(x.{0}, '+0 days') IS NOT x.{0}", c),
         "is not a valid date");
  } else if (spec->kind == ColumnKind::integer && column == "progress") {
    rule("percentage", fmt::format("typeof(x.{0}) <> 'integer' OR x.{0} NOT BETWEEN 0 AND 100", c),
         "is not a percentage from 0 to 100");
  }
}

std::vector<Invariant> build_invariants()
{
  std::vector<Invariant> out = relational_rules();
  std::vector<const TableSpec*> tables;
  for (const auto& spec : interchange_tables()) {
    tables.push_back(&spec);
  }
  for (const auto& spec : archive_tables()) {
    tables.push_back(&spec);
  }
  for (const TableSpec* table : tables) {
    const TableSpec& spec = *table;
    for (const auto& c : spec.columns) {
      add_column_rules(out, spec.table, c.column, &c, c.fold_column, c.multiline);
    }
    for (const auto& list : spec.lists) {
      if (list.ref_table.empty()) {
        add_column_rules(out, list.table, list.value_column, nullptr, list.fold_column, false);
      }
    }
  }
  return out;
}

std::string shown(const SQLite::Column& c)
{
  if (c.isNull()) {
    return "(none)";
  }
  // Ill-formed UTF-8 (a text rule's fault, shown again by the key rule)
  // would make the listing itself ill-formed: db check's JSON and CSV.
  std::string text = c.getString();
  return core::is_valid_utf8(text) ? text : std::string("(not valid UTF-8)");
}

Violation violation_of(const Invariant& rule, Statement& s)
{
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  for (int i = 0; i < s.getColumnCount(); ++i) {
    args.push_back(shown(s.getColumn(i)));
  }
  return Violation{&rule, s.getColumn(0).getInt64(), fmt::vformat(rule.message, args)};
}

std::string with_scope(const std::string& sql, const std::string& scope)
{
  std::string out = sql;
  out.replace(out.find("{scope}"), 7, scope);
  return out;
}

// The rows changed after a mark: ids per table, and on demand the values of
// another column of those rows (before and after each change).
class Changes {
public:
  Changes(Database::Impl& impl, long long mark) : m_impl(impl), m_mark(mark)
  {
    auto& s = impl.stmt("SELECT id, tbl, row_id FROM history_change WHERE id > ?1");
    s.bind(1, static_cast<int64_t>(mark));
    m_newest = mark;
    while (s.executeStep()) {
      m_newest = s.getColumn(0).getInt64();
      m_ids[s.getColumn(1).getString()].push_back(s.getColumn(2).getInt64());
    }
  }

  bool empty() const { return m_ids.empty(); }
  long long newest() const { return m_newest; }
  bool touched(const std::string& table) const { return m_ids.count(table) > 0; }

  // Whether the changes to `table` are many for the rows of `subject`: then
  // reading every subject row costs less than looking each one up through
  // a list of hundreds of thousands of ids (a bulk import or batch).
  bool many(const std::string& table, const std::string& subject)
  {
    auto changed = static_cast<long long>(m_ids.at(table).size());
    if (changed < 256) {
      return false;
    }
    auto [it, fresh] = m_sizes.try_emplace(subject, 0);
    if (fresh) {
      auto& s = m_impl.prepared(fmt::format("SELECT coalesce(max(rowid), 0) FROM {}", subject));
      s.executeStep();
      it->second = s.getColumn(0).getInt64();
      s.reset();
    }
    return changed * 8 >= it->second;
  }

  // A JSON array of the values, for json_each().
  const std::string& values(const Touch& touch)
  {
    auto key = touch.table + "." + touch.column;
    if (auto it = m_values.find(key); it != m_values.end()) {
      return it->second;
    }
    std::string json;
    if (touch.column == "id") {
      const auto& ids = m_ids.at(touch.table);
      json.reserve(ids.size() * 8 + 2);
      json = "[";
      for (std::size_t i = 0; i < ids.size(); ++i) {
        json += (i ? "," : "") + std::to_string(ids[i]);
      }
      json += "]";
    } else {
      Statement s(m_impl,
                          "SELECT json_group_array(DISTINCT v) FROM ("
                          "SELECT json_extract(before, ?3) AS v FROM history_change WHERE id > ?1 AND tbl = ?2 "
                          "UNION ALL SELECT json_extract(after, ?3) FROM history_change WHERE id > ?1 AND tbl = ?2) "
                          "WHERE v IS NOT NULL");
      s.bind(1, static_cast<int64_t>(m_mark));
      s.bind(2, touch.table);
      s.bind(3, "$." + touch.column);
      s.executeStep();
      json = s.getColumn(0).getString();
    }
    return m_values.emplace(key, std::move(json)).first->second;
  }

private:
  Database::Impl& m_impl;
  long long m_mark;
  long long m_newest = 0;
  std::map<std::string, std::vector<long long>> m_ids;
  std::map<std::string, std::string> m_values;
  std::map<std::string, long long> m_sizes;
};

// Whether `rule` was already broken for row `id` in the file as last
// committed. A database written by an older version may hold records a rule
// added since refuses; a write is refused for what it breaks, not for those
// (db check lists them), so that an office can go on working and mend them.
bool broken_before(Database::Impl& impl, const Invariant& rule, long long id)
{
  SQLite::Database* before = impl.committed();
  if (before == nullptr) {
    return false;
  }
  try {
    SQLite::Statement s(*before, fmt::format("SELECT 1 FROM ({}) WHERE id = ?1", with_scope(rule.sql, "1")));
    s.bind(1, static_cast<int64_t>(id));
    return s.executeStep();
  } catch (const SQLite::Exception&) {
    return false; // cannot tell: refuse, as without this look
  }
}

} // namespace

const std::vector<Invariant>& invariants()
{
  static const std::vector<Invariant> k_invariants = build_invariants();
  return k_invariants;
}

std::vector<Violation> check_invariants(Database& db)
{
  std::vector<Violation> out;
  for (const auto& rule : invariants()) {
    Statement s(db.impl(), with_scope(rule.sql, "1"));
    while (s.executeStep()) {
      out.push_back(violation_of(rule, s));
    }
  }
  return out;
}

long long change_mark(Database& db)
{
  auto& s = db.impl().stmt("SELECT coalesce(max(id), 0) FROM history_change");
  s.executeStep();
  return s.getColumn(0).getInt64();
}

std::optional<Violation> first_violation(Database& db, long long mark, const Invariant* only)
{
  auto& impl = db.impl();
  Changes changes(impl, mark);
  if (changes.empty()) {
    return std::nullopt;
  }
  // The {scope} of a rule over these changes: every row when they are many
  // for its table, else the subject rows each touched table reaches; ""
  // when it touches nothing that changed.
  auto scope_of = [&](const Invariant& rule, std::vector<const std::string*>& binds) {
    std::string scope;
    for (const auto& touch : rule.touches) {
      if (!changes.touched(touch.table)) {
        continue;
      }
      if (changes.many(touch.table, rule.table)) {
        binds.clear();
        return std::string("1");
      }
      binds.push_back(&changes.values(touch));
      std::string values = fmt::format("SELECT value FROM json_each(?{})", binds.size());
      if (!touch.via.empty()) {
        values = fmt::format("{} IN ({})", touch.via, values);
      }
      scope += fmt::format("{}{} IN ({})", scope.empty() ? "(" : " OR ", touch.subject, values);
    }
    return scope.empty() ? scope : scope + ")";
  };
  auto run = [&](const std::string& sql, const std::vector<const std::string*>& binds) -> Statement& {
    auto& s = impl.prepared(sql);
    for (std::size_t i = 0; i < binds.size(); ++i) {
      s.bind(static_cast<int>(i) + 1, *binds[i]);
    }
    return s;
  };
  // The catalogue rules of a changed table, screened in one pass over its
  // changed rows (Invariant::row_fault): true when none of them is broken.
  std::map<std::string, bool> screened_clean;
  auto clean = [&](const Invariant& rule) {
    auto [it, fresh] = screened_clean.try_emplace(rule.table, false);
    if (fresh) {
      std::string faults;
      for (const auto& other : invariants()) {
        if (other.table == rule.table && !other.row_fault.empty()) {
          faults += (faults.empty() ? "(" : " OR (") + other.row_fault + ")";
        }
      }
      std::vector<const std::string*> binds;
      std::string scope = scope_of(rule, binds);
      auto& s = run(fmt::format("SELECT 1 FROM {} x WHERE ({}) AND {} LIMIT 1", rule.table, faults, scope), binds);
      it->second = !s.executeStep();
      s.reset();
    }
    return it->second;
  };
  for (const auto& rule : invariants()) {
    if (only != nullptr && &rule != only) {
      continue;
    }
    if (only == nullptr && !rule.row_fault.empty() && changes.touched(rule.table) && clean(rule)) {
      continue;
    }
    std::vector<const std::string*> binds;
    std::string scope = scope_of(rule, binds);
    if (scope.empty()) {
      continue;
    }
    auto& s = run(with_scope(rule.sql, scope), binds);
    while (s.executeStep()) {
      if (broken_before(impl, rule, s.getColumn(0).getInt64())) {
        continue; // not this invocation's doing: db check reports it
      }
      auto v = violation_of(rule, s);
      s.reset();
      return v;
    }
  }
  if (only == nullptr && mark <= impl.checked_through) {
    // Every row changed up to the newest change now holds: later changes
    // are checked with the rows they can break, so COMMIT need not look again.
    impl.checked_through = changes.newest();
  }
  return std::nullopt;
}

Checkpoint::Checkpoint(Database& db) : m_db(db), m_mark(change_mark(db))
{
  if (m_mark != db.impl().invocation_start) {
    db.impl().exec("SAVEPOINT phoihop_checkpoint");
    m_savepoint = true;
  }
}

Checkpoint::~Checkpoint()
{
  if (m_savepoint && m_db.impl().in_transaction) {
    try {
      m_db.impl().exec("RELEASE phoihop_checkpoint");
    } catch (...) {
      // The transaction is ending anyway; COMMIT or ROLLBACK settles the savepoint.
    }
  }
}

void Checkpoint::rollback()
{
  auto& impl = m_db.impl();
  if (!m_savepoint) {
    impl.restart();
    m_mark = change_mark(m_db);
    return;
  }
  // Statements still stepping would keep SQLite from rolling back; the
  // update hook does not see a rollback, so the cached lookups go too.
  impl.clear_statements();
  impl.clear_caches();
  impl.exec("ROLLBACK TO phoihop_checkpoint");
  // The changes after the mark are gone; new ones will reuse their ids.
  impl.checked_through = std::min(impl.checked_through, m_mark);
}

} // namespace phoihop::store
