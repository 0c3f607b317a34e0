-- A phoihop database at schema version 4, as the releases before schema 5
-- made it (the DDL is `.schema` of a file the version-4 binary created),
-- with a little history logged by its triggers. test_migrate.bash upgrades
-- it. Load with: sqlite3 FILE < schema4.sql
PRAGMA application_id = 1346916176;
PRAGMA user_version = 4;
PRAGMA journal_mode = WAL;
BEGIN;
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
CREATE TABLE org_alias (
  id        INTEGER PRIMARY KEY,
  uid       TEXT NOT NULL UNIQUE,
  org_id    INTEGER NOT NULL REFERENCES org(id) ON DELETE CASCADE,
  name      TEXT NOT NULL,
  name_key  TEXT NOT NULL,
  UNIQUE (org_id, name_key)
);
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
CREATE TABLE meeting_agreement (
  meeting_id    INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  agreement_id  INTEGER NOT NULL REFERENCES agreement(id),
  PRIMARY KEY (meeting_id, agreement_id)
);
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
CREATE TABLE meeting_contribution (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  org_id      INTEGER REFERENCES org(id),
  presenter   TEXT,
  topic       TEXT NOT NULL,
  ordinal     INTEGER NOT NULL
);
CREATE TABLE meeting_conclusion (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,
  text        TEXT NOT NULL,
  ordinal     INTEGER NOT NULL
);
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
CREATE TABLE task_partner (
  task_id  INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  org_id   INTEGER NOT NULL REFERENCES org(id),
  ordinal  INTEGER NOT NULL,
  PRIMARY KEY (task_id, org_id)
);
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
CREATE INDEX agreement_parent ON agreement(parent_id);
CREATE INDEX agreement_party_org ON agreement_party(org_id);
CREATE INDEX agreement_supersedes ON agreement(supersedes_id);
CREATE INDEX award_decision_agreement ON award_decision(agreement_id);
CREATE INDEX award_decision_date ON award_decision(date);
CREATE INDEX award_decision_issuer ON award_decision(issuer_org_id);
CREATE INDEX award_decision_meeting ON award_decision(meeting_id);
CREATE INDEX award_recipient_decision ON award_recipient(decision_id, ordinal);
CREATE INDEX award_recipient_org ON award_recipient(org_id);
CREATE INDEX history_change_invocation ON history_change(invocation_id, id);
CREATE INDEX history_change_row ON history_change(tbl, row_id);
CREATE INDEX history_invocation_open ON history_invocation(id) WHERE open = 1;
CREATE INDEX meeting_agreement_agreement ON meeting_agreement(agreement_id);
CREATE INDEX meeting_conclusion_meeting ON meeting_conclusion(meeting_id, ordinal);
CREATE INDEX meeting_contribution_meeting ON meeting_contribution(meeting_id, ordinal);
CREATE INDEX meeting_contribution_org ON meeting_contribution(org_id);
CREATE INDEX meeting_date ON meeting(date);
CREATE INDEX meeting_participant_meeting ON meeting_participant(meeting_id, ordinal);
CREATE INDEX meeting_participant_org ON meeting_participant(org_id);
CREATE INDEX org_alias_key ON org_alias(name_key);
CREATE INDEX org_name_key ON org(name_key);
CREATE INDEX org_parent ON org(parent_id);
CREATE INDEX org_short_key ON org(short_key);
CREATE INDEX org_succession_successor ON org_succession(successor_id);
CREATE INDEX task_agreement ON task(agreement_id, ordinal);
CREATE INDEX task_conclusion ON task(conclusion_id);
CREATE INDEX task_due ON task(due_date);
CREATE INDEX task_lead ON task(lead_org_id);
CREATE INDEX task_meeting ON task(meeting_id);
CREATE INDEX task_partner_org ON task_partner(org_id);
CREATE TRIGGER history_agreement_delete AFTER DELETE ON agreement WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'agreement', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'code', OLD.code, 'title', OLD.title, 'title_key', OLD.title_key, 'number', OLD.number, 'signed_on', OLD.signed_on, 'place', OLD.place, 'period', OLD.period, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'actual_end', OLD.actual_end, 'status', OLD.status, 'end_reason', OLD.end_reason, 'supersedes_id', OLD.supersedes_id, 'parent_id', OLD.parent_id, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL); END;
CREATE TRIGGER history_agreement_insert AFTER INSERT ON agreement WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'agreement', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'code', NEW.code, 'title', NEW.title, 'title_key', NEW.title_key, 'number', NEW.number, 'signed_on', NEW.signed_on, 'place', NEW.place, 'period', NEW.period, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'actual_end', NEW.actual_end, 'status', NEW.status, 'end_reason', NEW.end_reason, 'supersedes_id', NEW.supersedes_id, 'parent_id', NEW.parent_id, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_agreement_party_delete AFTER DELETE ON agreement_party WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'agreement_party', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'agreement_id', OLD.agreement_id, 'org_id', OLD.org_id, 'ordinal', OLD.ordinal, 'signer_name', OLD.signer_name, 'signer_position', OLD.signer_position, 'signed_on', OLD.signed_on), NULL); END;
CREATE TRIGGER history_agreement_party_insert AFTER INSERT ON agreement_party WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'agreement_party', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'agreement_id', NEW.agreement_id, 'org_id', NEW.org_id, 'ordinal', NEW.ordinal, 'signer_name', NEW.signer_name, 'signer_position', NEW.signer_position, 'signed_on', NEW.signed_on)); END;
CREATE TRIGGER history_agreement_party_update AFTER UPDATE ON agreement_party WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'agreement_party', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'agreement_id', OLD.agreement_id, 'org_id', OLD.org_id, 'ordinal', OLD.ordinal, 'signer_name', OLD.signer_name, 'signer_position', OLD.signer_position, 'signed_on', OLD.signed_on), json_object('id', NEW.id, 'uid', NEW.uid, 'agreement_id', NEW.agreement_id, 'org_id', NEW.org_id, 'ordinal', NEW.ordinal, 'signer_name', NEW.signer_name, 'signer_position', NEW.signer_position, 'signed_on', NEW.signed_on)); END;
CREATE TRIGGER history_agreement_update AFTER UPDATE ON agreement WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'agreement', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'code', OLD.code, 'title', OLD.title, 'title_key', OLD.title_key, 'number', OLD.number, 'signed_on', OLD.signed_on, 'place', OLD.place, 'period', OLD.period, 'start_date', OLD.start_date, 'end_date', OLD.end_date, 'actual_end', OLD.actual_end, 'status', OLD.status, 'end_reason', OLD.end_reason, 'supersedes_id', OLD.supersedes_id, 'parent_id', OLD.parent_id, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'code', NEW.code, 'title', NEW.title, 'title_key', NEW.title_key, 'number', NEW.number, 'signed_on', NEW.signed_on, 'place', NEW.place, 'period', NEW.period, 'start_date', NEW.start_date, 'end_date', NEW.end_date, 'actual_end', NEW.actual_end, 'status', NEW.status, 'end_reason', NEW.end_reason, 'supersedes_id', NEW.supersedes_id, 'parent_id', NEW.parent_id, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_award_decision_delete AFTER DELETE ON award_decision WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'award_decision', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'number', OLD.number, 'date', OLD.date, 'issuer_org_id', OLD.issuer_org_id, 'form', OLD.form, 'reason', OLD.reason, 'agreement_id', OLD.agreement_id, 'meeting_id', OLD.meeting_id, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL); END;
CREATE TRIGGER history_award_decision_insert AFTER INSERT ON award_decision WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'award_decision', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'number', NEW.number, 'date', NEW.date, 'issuer_org_id', NEW.issuer_org_id, 'form', NEW.form, 'reason', NEW.reason, 'agreement_id', NEW.agreement_id, 'meeting_id', NEW.meeting_id, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_award_decision_update AFTER UPDATE ON award_decision WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'award_decision', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'number', OLD.number, 'date', OLD.date, 'issuer_org_id', OLD.issuer_org_id, 'form', OLD.form, 'reason', OLD.reason, 'agreement_id', OLD.agreement_id, 'meeting_id', OLD.meeting_id, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'number', NEW.number, 'date', NEW.date, 'issuer_org_id', NEW.issuer_org_id, 'form', NEW.form, 'reason', NEW.reason, 'agreement_id', NEW.agreement_id, 'meeting_id', NEW.meeting_id, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_award_recipient_delete AFTER DELETE ON award_recipient WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'award_recipient', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'decision_id', OLD.decision_id, 'kind', OLD.kind, 'org_id', OLD.org_id, 'person_name', OLD.person_name, 'person_key', OLD.person_key, 'position', OLD.position, 'ordinal', OLD.ordinal, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL); END;
CREATE TRIGGER history_award_recipient_insert AFTER INSERT ON award_recipient WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'award_recipient', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'decision_id', NEW.decision_id, 'kind', NEW.kind, 'org_id', NEW.org_id, 'person_name', NEW.person_name, 'person_key', NEW.person_key, 'position', NEW.position, 'ordinal', NEW.ordinal, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_award_recipient_update AFTER UPDATE ON award_recipient WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'award_recipient', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'decision_id', OLD.decision_id, 'kind', OLD.kind, 'org_id', OLD.org_id, 'person_name', OLD.person_name, 'person_key', OLD.person_key, 'position', OLD.position, 'ordinal', OLD.ordinal, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'decision_id', NEW.decision_id, 'kind', NEW.kind, 'org_id', NEW.org_id, 'person_name', NEW.person_name, 'person_key', NEW.person_key, 'position', NEW.position, 'ordinal', NEW.ordinal, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_meeting_agreement_delete AFTER DELETE ON meeting_agreement WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_agreement', OLD.rowid, 'delete', json_object('meeting_id', OLD.meeting_id, 'agreement_id', OLD.agreement_id), NULL); END;
CREATE TRIGGER history_meeting_agreement_insert AFTER INSERT ON meeting_agreement WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_agreement', NEW.rowid, 'insert', NULL, json_object('meeting_id', NEW.meeting_id, 'agreement_id', NEW.agreement_id)); END;
CREATE TRIGGER history_meeting_agreement_update AFTER UPDATE ON meeting_agreement WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_agreement', NEW.rowid, 'update', json_object('meeting_id', OLD.meeting_id, 'agreement_id', OLD.agreement_id), json_object('meeting_id', NEW.meeting_id, 'agreement_id', NEW.agreement_id)); END;
CREATE TRIGGER history_meeting_conclusion_delete AFTER DELETE ON meeting_conclusion WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_conclusion', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'text', OLD.text, 'ordinal', OLD.ordinal), NULL); END;
CREATE TRIGGER history_meeting_conclusion_insert AFTER INSERT ON meeting_conclusion WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_conclusion', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'text', NEW.text, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_meeting_conclusion_update AFTER UPDATE ON meeting_conclusion WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_conclusion', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'text', OLD.text, 'ordinal', OLD.ordinal), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'text', NEW.text, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_meeting_contribution_delete AFTER DELETE ON meeting_contribution WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_contribution', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'org_id', OLD.org_id, 'presenter', OLD.presenter, 'topic', OLD.topic, 'ordinal', OLD.ordinal), NULL); END;
CREATE TRIGGER history_meeting_contribution_insert AFTER INSERT ON meeting_contribution WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_contribution', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'org_id', NEW.org_id, 'presenter', NEW.presenter, 'topic', NEW.topic, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_meeting_contribution_update AFTER UPDATE ON meeting_contribution WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_contribution', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'org_id', OLD.org_id, 'presenter', OLD.presenter, 'topic', OLD.topic, 'ordinal', OLD.ordinal), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'org_id', NEW.org_id, 'presenter', NEW.presenter, 'topic', NEW.topic, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_meeting_delete AFTER DELETE ON meeting WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'kind', OLD.kind, 'title', OLD.title, 'title_key', OLD.title_key, 'date', OLD.date, 'place', OLD.place, 'format', OLD.format, 'minutes', OLD.minutes, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL); END;
CREATE TRIGGER history_meeting_insert AFTER INSERT ON meeting WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'kind', NEW.kind, 'title', NEW.title, 'title_key', NEW.title_key, 'date', NEW.date, 'place', NEW.place, 'format', NEW.format, 'minutes', NEW.minutes, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_meeting_participant_delete AFTER DELETE ON meeting_participant WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_participant', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'org_id', OLD.org_id, 'name', OLD.name, 'position', OLD.position, 'role', OLD.role, 'ordinal', OLD.ordinal), NULL); END;
CREATE TRIGGER history_meeting_participant_insert AFTER INSERT ON meeting_participant WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_participant', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'org_id', NEW.org_id, 'name', NEW.name, 'position', NEW.position, 'role', NEW.role, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_meeting_participant_update AFTER UPDATE ON meeting_participant WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting_participant', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'meeting_id', OLD.meeting_id, 'org_id', OLD.org_id, 'name', OLD.name, 'position', OLD.position, 'role', OLD.role, 'ordinal', OLD.ordinal), json_object('id', NEW.id, 'uid', NEW.uid, 'meeting_id', NEW.meeting_id, 'org_id', NEW.org_id, 'name', NEW.name, 'position', NEW.position, 'role', NEW.role, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_meeting_update AFTER UPDATE ON meeting WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'meeting', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'kind', OLD.kind, 'title', OLD.title, 'title_key', OLD.title_key, 'date', OLD.date, 'place', OLD.place, 'format', OLD.format, 'minutes', OLD.minutes, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'kind', NEW.kind, 'title', NEW.title, 'title_key', NEW.title_key, 'date', NEW.date, 'place', NEW.place, 'format', NEW.format, 'minutes', NEW.minutes, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_org_alias_delete AFTER DELETE ON org_alias WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org_alias', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'org_id', OLD.org_id, 'name', OLD.name, 'name_key', OLD.name_key), NULL); END;
CREATE TRIGGER history_org_alias_insert AFTER INSERT ON org_alias WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org_alias', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'org_id', NEW.org_id, 'name', NEW.name, 'name_key', NEW.name_key)); END;
CREATE TRIGGER history_org_alias_update AFTER UPDATE ON org_alias WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org_alias', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'org_id', OLD.org_id, 'name', OLD.name, 'name_key', OLD.name_key), json_object('id', NEW.id, 'uid', NEW.uid, 'org_id', NEW.org_id, 'name', NEW.name, 'name_key', NEW.name_key)); END;
CREATE TRIGGER history_org_delete AFTER DELETE ON org WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'name_key', OLD.name_key, 'short_name', OLD.short_name, 'short_key', OLD.short_key, 'kind', OLD.kind, 'parent_id', OLD.parent_id, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL); END;
CREATE TRIGGER history_org_insert AFTER INSERT ON org WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'name_key', NEW.name_key, 'short_name', NEW.short_name, 'short_key', NEW.short_key, 'kind', NEW.kind, 'parent_id', NEW.parent_id, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_org_succession_delete AFTER DELETE ON org_succession WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org_succession', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'predecessor_id', OLD.predecessor_id, 'successor_id', OLD.successor_id, 'date', OLD.date, 'note', OLD.note), NULL); END;
CREATE TRIGGER history_org_succession_insert AFTER INSERT ON org_succession WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org_succession', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'predecessor_id', NEW.predecessor_id, 'successor_id', NEW.successor_id, 'date', NEW.date, 'note', NEW.note)); END;
CREATE TRIGGER history_org_succession_update AFTER UPDATE ON org_succession WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org_succession', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'predecessor_id', OLD.predecessor_id, 'successor_id', OLD.successor_id, 'date', OLD.date, 'note', OLD.note), json_object('id', NEW.id, 'uid', NEW.uid, 'predecessor_id', NEW.predecessor_id, 'successor_id', NEW.successor_id, 'date', NEW.date, 'note', NEW.note)); END;
CREATE TRIGGER history_org_update AFTER UPDATE ON org WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'org', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'name', OLD.name, 'name_key', OLD.name_key, 'short_name', OLD.short_name, 'short_key', OLD.short_key, 'kind', OLD.kind, 'parent_id', OLD.parent_id, 'valid_from', OLD.valid_from, 'valid_to', OLD.valid_to, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'name', NEW.name, 'name_key', NEW.name_key, 'short_name', NEW.short_name, 'short_key', NEW.short_key, 'kind', NEW.kind, 'parent_id', NEW.parent_id, 'valid_from', NEW.valid_from, 'valid_to', NEW.valid_to, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_task_delete AFTER DELETE ON task WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'agreement_id', OLD.agreement_id, 'code', OLD.code, 'ordinal', OLD.ordinal, 'title', OLD.title, 'title_key', OLD.title_key, 'description', OLD.description, 'description_key', OLD.description_key, 'lead_org_id', OLD.lead_org_id, 'start_date', OLD.start_date, 'due_date', OLD.due_date, 'target', OLD.target, 'unit', OLD.unit, 'meeting_id', OLD.meeting_id, 'conclusion_id', OLD.conclusion_id, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), NULL); END;
CREATE TRIGGER history_task_insert AFTER INSERT ON task WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'agreement_id', NEW.agreement_id, 'code', NEW.code, 'ordinal', NEW.ordinal, 'title', NEW.title, 'title_key', NEW.title_key, 'description', NEW.description, 'description_key', NEW.description_key, 'lead_org_id', NEW.lead_org_id, 'start_date', NEW.start_date, 'due_date', NEW.due_date, 'target', NEW.target, 'unit', NEW.unit, 'meeting_id', NEW.meeting_id, 'conclusion_id', NEW.conclusion_id, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_task_partner_delete AFTER DELETE ON task_partner WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task_partner', OLD.rowid, 'delete', json_object('task_id', OLD.task_id, 'org_id', OLD.org_id, 'ordinal', OLD.ordinal), NULL); END;
CREATE TRIGGER history_task_partner_insert AFTER INSERT ON task_partner WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task_partner', NEW.rowid, 'insert', NULL, json_object('task_id', NEW.task_id, 'org_id', NEW.org_id, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_task_partner_update AFTER UPDATE ON task_partner WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task_partner', NEW.rowid, 'update', json_object('task_id', OLD.task_id, 'org_id', OLD.org_id, 'ordinal', OLD.ordinal), json_object('task_id', NEW.task_id, 'org_id', NEW.org_id, 'ordinal', NEW.ordinal)); END;
CREATE TRIGGER history_task_update AFTER UPDATE ON task WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'agreement_id', OLD.agreement_id, 'code', OLD.code, 'ordinal', OLD.ordinal, 'title', OLD.title, 'title_key', OLD.title_key, 'description', OLD.description, 'description_key', OLD.description_key, 'lead_org_id', OLD.lead_org_id, 'start_date', OLD.start_date, 'due_date', OLD.due_date, 'target', OLD.target, 'unit', OLD.unit, 'meeting_id', OLD.meeting_id, 'conclusion_id', OLD.conclusion_id, 'note', OLD.note, 'created_at', OLD.created_at, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'uid', NEW.uid, 'agreement_id', NEW.agreement_id, 'code', NEW.code, 'ordinal', NEW.ordinal, 'title', NEW.title, 'title_key', NEW.title_key, 'description', NEW.description, 'description_key', NEW.description_key, 'lead_org_id', NEW.lead_org_id, 'start_date', NEW.start_date, 'due_date', NEW.due_date, 'target', NEW.target, 'unit', NEW.unit, 'meeting_id', NEW.meeting_id, 'conclusion_id', NEW.conclusion_id, 'note', NEW.note, 'created_at', NEW.created_at, 'updated_at', NEW.updated_at)); END;
CREATE TRIGGER history_task_update_delete AFTER DELETE ON task_update WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task_update', OLD.rowid, 'delete', json_object('id', OLD.id, 'uid', OLD.uid, 'task_id', OLD.task_id, 'date', OLD.date, 'seq', OLD.seq, 'status', OLD.status, 'progress', OLD.progress, 'actual', OLD.actual, 'note', OLD.note, 'created_at', OLD.created_at), NULL); END;
CREATE TRIGGER history_task_update_insert AFTER INSERT ON task_update WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task_update', NEW.rowid, 'insert', NULL, json_object('id', NEW.id, 'uid', NEW.uid, 'task_id', NEW.task_id, 'date', NEW.date, 'seq', NEW.seq, 'status', NEW.status, 'progress', NEW.progress, 'actual', NEW.actual, 'note', NEW.note, 'created_at', NEW.created_at)); END;
CREATE TRIGGER history_task_update_update AFTER UPDATE ON task_update WHEN EXISTS (SELECT 1 FROM history_invocation WHERE open = 1) BEGIN INSERT INTO history_change (invocation_id, tbl, row_id, op, before, after) VALUES ((SELECT max(id) FROM history_invocation), 'task_update', NEW.rowid, 'update', json_object('id', OLD.id, 'uid', OLD.uid, 'task_id', OLD.task_id, 'date', OLD.date, 'seq', OLD.seq, 'status', OLD.status, 'progress', OLD.progress, 'actual', OLD.actual, 'note', OLD.note, 'created_at', OLD.created_at), json_object('id', NEW.id, 'uid', NEW.uid, 'task_id', NEW.task_id, 'date', NEW.date, 'seq', NEW.seq, 'status', NEW.status, 'progress', NEW.progress, 'actual', NEW.actual, 'note', NEW.note, 'created_at', NEW.created_at)); END;
INSERT INTO history_invocation (id, at, command) VALUES (1, '2025-01-02T03:04:05Z', 'org add ''Sở Nội vụ''');
INSERT INTO org (id, uid, name, name_key, kind, created_at, updated_at)
  VALUES (1, '6f1c2d3e-0000-4000-8000-000000000001', 'Sở Nội vụ', 'so noi vu', 'department', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z');
INSERT INTO org (id, uid, name, name_key, kind, created_at, updated_at)
  VALUES (2, '6f1c2d3e-0000-4000-8000-000000000002', 'Tỉnh đoàn Bến Tre', 'tinh doan ben tre', 'youth_union', '2025-01-02T03:04:05Z', '2025-01-02T03:04:05Z');
UPDATE history_invocation SET open = 0 WHERE open = 1;
INSERT INTO history_invocation (id, at, command) VALUES (2, '2025-01-02T03:05:00Z', 'agreement add ''Quy chế'' --party ''Sở Nội vụ'' --party ''Tỉnh đoàn Bến Tre'' --period 2022-2026 --code BT');
INSERT INTO agreement (id, uid, code, title, title_key, period, start_date, end_date, status, created_at, updated_at)
  VALUES (1, '6f1c2d3e-0000-4000-8000-000000000003', 'BT', 'Quy chế', 'quy che', '2022-2026', '2022-01-01', '2026-12-31', 'in_force', '2025-01-02T03:05:00Z', '2025-01-02T03:05:00Z');
INSERT INTO agreement_party (id, uid, agreement_id, org_id, ordinal) VALUES (1, '6f1c2d3e-0000-4000-8000-000000000004', 1, 1, 1);
INSERT INTO agreement_party (id, uid, agreement_id, org_id, ordinal) VALUES (2, '6f1c2d3e-0000-4000-8000-000000000005', 1, 2, 2);
UPDATE history_invocation SET open = 0 WHERE open = 1;
INSERT INTO history_invocation (id, at, command) VALUES (3, '2025-01-02T03:06:00Z', 'task add ''Tuyên truyền'' --agreement BT --lead ''Tỉnh đoàn Bến Tre'' --due 2026-12-31');
INSERT INTO task (id, uid, agreement_id, code, ordinal, title, title_key, lead_org_id, due_date, created_at, updated_at)
  VALUES (1, '6f1c2d3e-0000-4000-8000-000000000006', 1, NULL, 1, 'Tuyên truyền', 'tuyen truyen', 2, '2026-12-31', '2025-01-02T03:06:00Z', '2025-01-02T03:06:00Z');
UPDATE history_invocation SET open = 0 WHERE open = 1;
INSERT INTO history_invocation (id, at, command) VALUES (4, '2025-01-02T03:07:00Z', 'task edit 1 --title ''Tuyên truyền pháp luật''');
UPDATE task SET title = 'Tuyên truyền pháp luật', title_key = 'tuyen truyen phap luat', updated_at = '2025-01-02T03:07:00Z' WHERE id = 1;
UPDATE history_invocation SET open = 0 WHERE open = 1;
COMMIT;
