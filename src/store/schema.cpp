#include "sql.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <map>

namespace phoihop::store {

// Migration N takes a database from schema N to N+1. Append only: a released
// migration is never edited, because databases in the field already ran it.
// Dates are ISO text (YYYY-MM-DD); *_key columns hold core::fold() of the name;
// every record has an integer id for people and a uid for merge/import.
namespace {

// The history triggers: after every insert, update and delete on a recorded
// table, the row before and after (as JSON objects of all its columns) is
// logged under the newest invocation. Generated from PRAGMA table_info so a
// column added later is recorded too (a later migration re-creates them).
void create_history_triggers(SQLite::Database& db, const std::vector<const char*>& tables)
{
  for (const char* table : tables) {
    auto columns = table_columns(db, table);
    auto object = [&](const char* row) { return json_object_sql(columns, std::string(row) + "."); };
    struct Event {
      const char* name;
      const char* op;
      const char* row;
      std::string before;
      std::string after;
    };
    const Event events[] = {
      {"INSERT", "insert", "NEW", "NULL", object("NEW")},
      {"UPDATE", "update", "NEW", object("OLD"), object("NEW")},
      {"DELETE", "delete", "OLD", object("OLD"), "NULL"},
    };
    for (const auto& e : events) {
      db.exec(std::string("DROP TRIGGER IF EXISTS history_") + table + "_" + e.op);
      db.exec(std::string("CREATE TRIGGER history_") + table + "_" + e.op + " AFTER " + e.name +
              " ON " + table +
              " WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN "
              "INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES "
              "((SELECT max(id) FROM history_invocation), '" + table + "', " + e.row + ".rowid, '" +
              e.op + "', " + e.before + ", " + e.after + "); END");
    }
  }
}

// The tables migrations 2 and 5 log: frozen, as those migrations are.
const std::vector<const char*>& first_history_tables()
{
  static const std::vector<const char*> k_tables = {
    "org", "org_alias", "org_succession", "agreement", "agreement_party", "meeting",
    "meeting_agreement", "meeting_participant", "meeting_contribution", "meeting_conclusion",
    "task", "task_partner", "task_update", "award_decision", "award_recipient",
  };
  return k_tables;
}

void migration_2(SQLite::Database& db)
{
  create_history_triggers(db, first_history_tables());
}

// 4 → 5, what SQL alone cannot say. history_change is rebuilt because its
// CHECK (op IN (...)) made SQLite build a temporary b-tree for the IN list
// every time a trigger logged a row (most of what a logged insert cost); the
// triggers are dropped first (they name the table) and made again.
void migration_5(SQLite::Database& db)
{
  for (const char* table : first_history_tables()) {
    for (const char* op : {"insert", "update", "delete"}) {
      db.exec(std::string("DROP TRIGGER IF EXISTS history_") + table + "_" + op);
    }
  }
  db.exec(R"sql(
CREATE TABLE history_change_new (
  id             INTEGER PRIMARY KEY,
  invocation_id  INTEGER NOT NULL REFERENCES history_invocation(id) ON DELETE CASCADE,
  tbl            TEXT NOT NULL,
  row_id         INTEGER NOT NULL,
  op             TEXT NOT NULL CHECK (op = 'insert' OR op = 'update' OR op = 'delete'),
  before         TEXT,
  after          TEXT
);
INSERT INTO history_change_new (id, invocation_id, tbl, row_id, op, before, after)
  SELECT id, invocation_id, tbl, row_id, op, before, after FROM history_change ORDER BY id;
DROP TABLE history_change;
ALTER TABLE history_change_new RENAME TO history_change;
CREATE INDEX history_change_invocation ON history_change(invocation_id, id);
CREATE INDEX history_change_row ON history_change(tbl, row_id);
)sql");
  create_history_triggers(db, first_history_tables());
}

// 5 → 6, what SQL alone cannot say: task_update was rebuilt (a due date
// moved by an extension, the status 'unfinished'), so its triggers are made
// again with the new column, and org_name gets its own.
void migration_6(SQLite::Database& db)
{
  create_history_triggers(db, {"task_update", "org_name"});
}

// 6 → 7, what SQL alone cannot say: the register of sent reports is logged
// like every record (undo of `report --record` removes it). Its bytes are
// not: they live in sent_report_content, which no history image holds (JSON
// cannot hold a BLOB) and which goes with its row (ON DELETE CASCADE).
void migration_7(SQLite::Database& db)
{
  create_history_triggers(db, {"sent_report"});
}

} // namespace

std::vector<std::string> table_columns(SQLite::Database& db, const std::string& table)
{
  std::vector<std::string> out;
  SQLite::Statement info(db, "PRAGMA table_info(" + table + ")");
  while (info.executeStep()) {
    out.push_back(info.getColumn(1).getString());
  }
  return out;
}

std::string json_object_sql(const std::vector<std::string>& columns, const std::string& row)
{
  std::string out = "json_object(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out += (i ? ", '" : "'") + columns[i] + "', " + row + columns[i];
  }
  return out + ")";
}

// Every table the triggers log: those of migrations 2 and 5, then each later
// table, appended by the migration that made it. A unit test keeps this list
// equal to the catalogue's tables.
const std::vector<const char*>& history_tables()
{
  static const std::vector<const char*> k_tables = [] {
    auto tables = first_history_tables();
    tables.push_back("org_name");    // migration 6
    tables.push_back("sent_report"); // migration 7
    return tables;
  }();
  return k_tables;
}

const std::vector<Migration>& migrations()
{
  static const std::vector<Migration> k_migrations = {
    // 0 → 1: the whole data model (ARCHITECTURE.md, "The store").
    {
    R"sql(
CREATE TABLE org (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  short_name  TEXT,
  short_key   TEXT,
  kind        TEXT CHECK (kind IN ('people_committee','party_committee','youth_union',
                'mass_organisation','department','agency','province','district','commune',
                'school','enterprise','other')),
  parent_id   INTEGER REFERENCES org(id),
  valid_from  TEXT,
  valid_to    TEXT,
  note        TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX org_name_key ON org(name_key);
CREATE INDEX org_short_key ON org(short_key);
CREATE INDEX org_parent ON org(parent_id);

CREATE TABLE org_alias (
  id        INTEGER PRIMARY KEY,
  uid       TEXT NOT NULL UNIQUE,
  org_id    INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  name_key  TEXT NOT NULL,
  UNIQUE (org_id, name_key)
);
CREATE INDEX org_alias_key ON org_alias(name_key);

CREATE TABLE org_succession (
  id              INTEGER PRIMARY KEY,
  uid             TEXT NOT NULL UNIQUE,
  predecessor_id  INTEGER NOT NULL REFERENCES org(id),
  successor_id    INTEGER NOT NULL REFERENCES org(id),
  date            TEXT NOT NULL,
  note            TEXT,
  UNIQUE (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX org_succession_successor ON org_succession(successor_id);

CREATE TABLE agreement (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE,
  code           TEXT UNIQUE,
  title          TEXT NOT NULL,
  title_key      TEXT NOT NULL,
  number         TEXT,
  signed_on      TEXT,
  place          TEXT,
  period         TEXT,
  start_date     TEXT NOT NULL,
  end_date       TEXT NOT NULL,
  actual_end     TEXT,
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN
                   ('draft','in_force','ended','ended_early','superseded','cancelled')),
  end_reason     TEXT,
  supersedes_id  INTEGER REFERENCES agreement(id),
  parent_id      INTEGER REFERENCES agreement(id),
  note           TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  CHECK (start_date <= end_date),
  CHECK (actual_end IS NULL OR start_date <= actual_end),
  CHECK (supersedes_id IS NULL OR supersedes_id <> id),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX agreement_supersedes ON agreement(supersedes_id);
CREATE INDEX agreement_parent ON agreement(parent_id);

CREATE TABLE agreement_party (
  id               INTEGER PRIMARY KEY,
  uid              TEXT NOT NULL UNIQUE,
  agreement_id     INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
  org_id           INTEGER NOT NULL REFERENCES org(id),
  ordinal          INTEGER NOT NULL,
  signer_name      TEXT,
  signer_position  TEXT,
  signed_on        TEXT,
  UNIQUE (agreement_id, org_id)
);
CREATE INDEX agreement_party_org ON agreement_party(org_id);

CREATE TABLE meeting (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL DEFAULT 'other' CHECK (kind IN
                ('final_review','interim_review','briefing','signing','working','other')),
  title       TEXT NOT NULL,
  title_key   TEXT NOT NULL,
  date        TEXT NOT NULL,
  place       TEXT,
  format      TEXT CHECK (format IN ('in_person','online','hybrid')),
  minutes     TEXT,
  note        TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX meeting_date ON meeting(date);

CREATE TABLE meeting_agreement (
  meeting_id    INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  agreement_id  INTEGER NOT NULL REFERENCES agreement(id),
  PRIMARY KEY (meeting_id, agreement_id)
);
CREATE INDEX meeting_agreement_agreement ON meeting_agreement(agreement_id);

CREATE TABLE meeting_participant (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  org_id      INTEGER REFERENCES org(id),
  name        TEXT,
  position    TEXT,
  role        TEXT NOT NULL DEFAULT 'delegate' CHECK (role IN
                ('chair','co_chair','secretary','delegate')),
  ordinal     INTEGER NOT NULL,
  CHECK (org_id IS NOT NULL OR name IS NOT NULL)
);
CREATE INDEX meeting_participant_meeting ON meeting_participant(meeting_id, ordinal);
CREATE INDEX meeting_participant_org ON meeting_participant(org_id);

CREATE TABLE meeting_contribution (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  org_id      INTEGER REFERENCES org(id),
  presenter   TEXT,
  topic       TEXT NOT NULL,
  ordinal     INTEGER NOT NULL
);
CREATE INDEX meeting_contribution_meeting ON meeting_contribution(meeting_id, ordinal);
CREATE INDEX meeting_contribution_org ON meeting_contribution(org_id);

CREATE TABLE meeting_conclusion (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  ordinal     INTEGER NOT NULL
);
CREATE INDEX meeting_conclusion_meeting ON meeting_conclusion(meeting_id, ordinal);

CREATE TABLE task (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE,
  agreement_id   INTEGER NOT NULL REFERENCES agreement(id),
  code           TEXT,
  ordinal        INTEGER NOT NULL,
  title          TEXT NOT NULL,
  title_key      TEXT NOT NULL,
  description    TEXT,
  description_key TEXT,
  lead_org_id    INTEGER REFERENCES org(id),
  start_date     TEXT,
  due_date       TEXT,
  target         REAL,
  unit           TEXT,
  meeting_id     INTEGER REFERENCES meeting(id),
  conclusion_id  INTEGER REFERENCES meeting_conclusion(id),
  note           TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (agreement_id, code),
  CHECK (due_date IS NULL OR start_date IS NULL OR start_date <= due_date)
);
CREATE INDEX task_agreement ON task(agreement_id, ordinal);
CREATE INDEX task_lead ON task(lead_org_id);
CREATE INDEX task_meeting ON task(meeting_id);
CREATE INDEX task_conclusion ON task(conclusion_id);
CREATE INDEX task_due ON task(due_date);

CREATE TABLE task_partner (
  task_id  INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  org_id   INTEGER NOT NULL REFERENCES org(id),
  ordinal  INTEGER NOT NULL,
  PRIMARY KEY (task_id, org_id)
);
CREATE INDEX task_partner_org ON task_partner(org_id);

-- The dated log is the source of truth for a task's state on any date; seq
-- orders updates entered for the same date. An entry holds only what it
-- says (NULL: not given); the state on a day takes each of status, progress
-- and actual from the latest entry on or before it that gives it, so a
-- back-dated entry is seen by every later one.
CREATE TABLE task_update (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  task_id     INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  date        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  status      TEXT CHECK (status IN ('planned','in_progress','done','cancelled')),
  progress    INTEGER CHECK (progress BETWEEN 0 AND 100),
  actual      REAL,
  note        TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (task_id, date, seq),
  CHECK (status IS NOT NULL OR progress IS NOT NULL OR actual IS NOT NULL OR note IS NOT NULL)
);

CREATE TABLE award_decision (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE,
  number         TEXT UNIQUE,
  date           TEXT,
  issuer_org_id  INTEGER REFERENCES org(id),
  form           TEXT NOT NULL DEFAULT 'bang_khen' CHECK (form IN ('bang_khen','giay_khen','other')),
  reason         TEXT,
  agreement_id   INTEGER REFERENCES agreement(id),
  meeting_id     INTEGER REFERENCES meeting(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX award_decision_agreement ON award_decision(agreement_id);
CREATE INDEX award_decision_meeting ON award_decision(meeting_id);
CREATE INDEX award_decision_date ON award_decision(date);
CREATE INDEX award_decision_issuer ON award_decision(issuer_org_id);

-- A collective recipient is an organisation (org_id); an individual is a
-- person (person_name) with their unit (org_id) and position.
CREATE TABLE award_recipient (
  id           INTEGER PRIMARY KEY,
  uid          TEXT NOT NULL UNIQUE,
  decision_id  INTEGER NOT NULL REFERENCES award_decision(id),
  kind         TEXT NOT NULL CHECK (kind IN ('collective','individual')),
  org_id       INTEGER REFERENCES org(id),
  person_name  TEXT,
  person_key   TEXT,
  position     TEXT,
  ordinal      INTEGER NOT NULL,
  note         TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  CHECK (kind = 'individual' OR (org_id IS NOT NULL AND person_name IS NULL)),
  CHECK (kind = 'collective' OR person_name IS NOT NULL)
);
CREATE INDEX award_recipient_decision ON award_recipient(decision_id, ordinal);
CREATE INDEX award_recipient_org ON award_recipient(org_id);
)sql"},
    // 1 → 2: history. Each write invocation opens a history_invocation row;
    // triggers log every row it changes, so `log` can show them and `undo`
    // can put them back. `open` marks the invocation being recorded now.
    {R"sql(
CREATE TABLE history_invocation (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  command   TEXT NOT NULL,
  open      INTEGER NOT NULL DEFAULT 1,
  undo_of   INTEGER REFERENCES history_invocation(id),
  undone_by INTEGER REFERENCES history_invocation(id)
);
CREATE TABLE history_change (
  id             INTEGER PRIMARY KEY,
  invocation_id  INTEGER NOT NULL REFERENCES history_invocation(id) ON DELETE CASCADE,
  tbl            TEXT NOT NULL,
  row_id         INTEGER NOT NULL,
  op             TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  before         TEXT,
  after          TEXT
);
CREATE INDEX history_change_invocation ON history_change(invocation_id, id);
CREATE INDEX history_change_row ON history_change(tbl, row_id);
)sql",
     migration_2},
    // 2 → 3: an agreement's title_key is the folded title alone, as import
    // writes it; code and number are searched in their own columns.
    {"UPDATE agreement SET title_key = phoihop_fold(title);"},
    // 3 → 4: every write looks up the open invocation (and every recorded row
    // change does, in the history triggers); without an index that is a scan
    // of the whole, ever-growing history.
    {"CREATE INDEX history_invocation_open ON history_invocation(id) WHERE open = 1;"},
    // 4 → 5: cheaper writes, for bulk loads above all. Most tasks come from
    // no meeting, so their meeting and conclusion are NULL: partial indexes
    // keep those rows out (every lookup is `= ?`, which implies NOT NULL).
    // The history changes are in migration_5().
    {R"sql(
DROP INDEX task_meeting;
DROP INDEX task_conclusion;
CREATE INDEX task_meeting ON task(meeting_id) WHERE meeting_id IS NOT NULL;
CREATE INDEX task_conclusion ON task(conclusion_id) WHERE conclusion_id IS NOT NULL;
)sql",
     migration_5},
    // 5 → 6: dated facts (phoihop-report(1), AS OF THE DAY). An update may
    // move the due date (an extension: `due`, in force from its date), and a
    // task closed because its agreement ended is 'unfinished', not
    // cancelled: it keeps the progress it reached and stays in the figures.
    // task_update is rebuilt for both (its CHECK names the statuses; OR,
    // not IN: see migration 5); its triggers go first and come back in
    // migration_6(). org_name keeps an organisation's former names, each
    // with the last day it was the name, so an earlier report names a body
    // as it was named then. The existing rows are the initial facts.
    {R"sql(
DROP TRIGGER IF EXISTS history_task_update_insert;
DROP TRIGGER IF EXISTS history_task_update_update;
DROP TRIGGER IF EXISTS history_task_update_delete;
CREATE TABLE task_update_new (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  task_id     INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  date        TEXT NOT NULL,
  seq         INTEGER NOT NULL,
  status      TEXT CHECK (status IS NULL OR status = 'planned' OR status = 'in_progress' OR
                status = 'done' OR status = 'cancelled' OR status = 'unfinished'),
  progress    INTEGER CHECK (progress BETWEEN 0 AND 100),
  actual      REAL,
  due         TEXT,
  note        TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (task_id, date, seq),
  CHECK (status IS NOT NULL OR progress IS NOT NULL OR actual IS NOT NULL OR due IS NOT NULL OR
         note IS NOT NULL)
);
INSERT INTO task_update_new (id, uid, task_id, date, seq, status, progress, actual, note, created_at)
  SELECT id, uid, task_id, date, seq, status, progress, actual, note, created_at FROM task_update ORDER BY id;
DROP TABLE task_update;
ALTER TABLE task_update_new RENAME TO task_update;
CREATE INDEX task_update_due ON task_update(task_id, date, seq) WHERE due IS NOT NULL;

CREATE TABLE org_name (
  id       INTEGER PRIMARY KEY,
  uid      TEXT NOT NULL UNIQUE,
  org_id   INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  until    TEXT NOT NULL,
  UNIQUE (org_id, until)
);
)sql",
     migration_6},
    // 6 → 7: the register of sent reports (phoihop-report(1), SENT REPORTS):
    // what `report … --record` sent, with the bytes themselves, compressed
    // (zlib), so the register answers "what did we send" exactly, whatever
    // the records say later. A number is unique per symbol and year of
    // issue (an office's outgoing register restarts every year); no symbol
    // is a symbol of its own. Views, formats and languages are held by the
    // record rules, not CHECKs: formats grow (docx, xlsx), and IN lists stay
    // out of CHECKs on logged tables (migration 5). The bytes are a table of
    // their own: the history triggers log rows as JSON, which holds no BLOB.
    {R"sql(
CREATE TABLE sent_report (
  id            INTEGER PRIMARY KEY,
  uid           TEXT NOT NULL UNIQUE,
  number        INTEGER NOT NULL CHECK (number >= 1),
  symbol        TEXT,
  issued_on     TEXT NOT NULL,
  recipients    TEXT NOT NULL DEFAULT '[]',
  view          TEXT NOT NULL,
  period        TEXT NOT NULL,
  period_start  TEXT NOT NULL,
  period_end    TEXT NOT NULL,
  as_of         TEXT NOT NULL,
  agreement     TEXT,
  format        TEXT NOT NULL,
  lang          TEXT NOT NULL,
  size          INTEGER NOT NULL CHECK (size >= 0),
  sha256        TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  CHECK (period_start <= period_end)
);
CREATE UNIQUE INDEX sent_report_number ON sent_report(upper(coalesce(symbol, '')), substr(issued_on, 1, 4), number);
CREATE INDEX sent_report_issued ON sent_report(issued_on);
CREATE TABLE sent_report_content (
  sent_report_id  INTEGER PRIMARY KEY REFERENCES sent_report(id) ON DELETE CASCADE,
  content         BLOB NOT NULL
);
)sql",
     migration_7},
  };
  return k_migrations;
}

int latest_schema_version()
{
  return static_cast<int>(migrations().size());
}

namespace {

// The objects of a schema: "type name" → its SQL (an automatic index has
// none). SQLite's own tables (an AUTOINCREMENT counter, ANALYZE's statistics)
// are left out by exact name and type: a LIKE 'sqlite_%' would let any object
// named sqliteX… through, and an object of another type under those names
// is not SQLite's.
std::map<std::string, std::string> schema_objects(SQLite::Database& db)
{
  std::map<std::string, std::string> out;
  SQLite::Statement s(db, "SELECT type || ' ' || name, coalesce(sql, '') FROM sqlite_schema WHERE NOT "
                          "(type = 'table' AND name IN ('sqlite_sequence', 'sqlite_stat1', 'sqlite_stat4'))");
  while (s.executeStep()) {
    out[s.getColumn(0).getString()] = s.getColumn(1).getString();
  }
  return out;
}

// The schema objects the first `version` migrations build, in a database of
// their own in memory. phoihop_fold is the identity there: the tables are
// empty, so no key is ever computed.
std::map<std::string, std::string> expected_schema(int version)
{
  SQLite::Database fresh(":memory:", SQLite::OPEN_READWRITE);
  sqlite3_create_function_v2(fresh.getHandle(), "phoihop_fold", 1, SQLITE_UTF8, nullptr,
                             [](sqlite3_context* c, int, sqlite3_value** v) { sqlite3_result_value(c, v[0]); },
                             nullptr, nullptr, nullptr);
  const auto& steps = migrations();
  for (std::size_t i = 0; i < static_cast<std::size_t>(version) && i < steps.size(); ++i) {
    fresh.exec(steps[i].sql);
    if (steps[i].code != nullptr) {
      steps[i].code(fresh);
    }
  }
  return schema_objects(fresh);
}

} // namespace

std::vector<std::string> schema_differences(SQLite::Database& db, int version)
{
  auto expected = expected_schema(version);
  auto actual = schema_objects(db);
  // What the file has of its own first (a view where a table should be says
  // more than the table's indexes that went missing with it), then what differs.
  std::vector<std::string> out;
  std::vector<std::string> missing;
  for (const auto& [name, sql] : actual) {
    if (expected.count(name) == 0) {
      out.push_back(fmt::format("{} is not part of phoihop's schema", name));
    }
  }
  for (const auto& [name, sql] : expected) {
    auto it = actual.find(name);
    if (it == actual.end()) {
      missing.push_back(fmt::format("{} is missing", name));
    } else if (it->second != sql) {
      out.push_back(fmt::format("{} differs from this version's schema", name));
    }
  }
  out.insert(out.end(), missing.begin(), missing.end());
  return out;
}

} // namespace phoihop::store
