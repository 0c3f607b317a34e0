#!/usr/bin/env bash
# Schema upgrades: a database made by an older phoihop (tests/data/schema4.sql,
# schema version 4 with logged history) is refused until `db migrate`, which
# keeps every record and every logged change; afterwards the history still
# shows, undoes and records as before, and `db check` finds the schema exact.
source "$(dirname "$0")/lib.bash"

sqlite3 "$DB" <"$SOURCE_DIR/tests/data/schema4.sql" >/dev/null || fail "cannot load schema4.sql"
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 4 ] || fail "the fixture is not at schema version 4"
history_of() { sqlite3 "$DB" "SELECT id, invocation_id, tbl, row_id, op, before, after FROM history_change ORDER BY id"; }
records_of() { sqlite3 "$DB" "SELECT * FROM org; SELECT * FROM agreement; SELECT * FROM agreement_party; SELECT * FROM task"; }
history_before=$(history_of)
records_before=$(records_of)

# Reads refuse an old schema and change nothing; a write upgrades it.
unchanged_by 5 task list
err_has "has schema version 4 and needs upgrading: run 'phoihop db migrate'"
ok db migrate
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 7 ] || fail "not migrated to schema version 7"
[ "$(history_of)" = "$history_before" ] || fail "migration changed the logged history"
[ "$(records_of)" = "$records_before" ] || fail "migration changed the records"

# Schema 5: the history's op check is no IN list (SQLite built a temporary
# b-tree for it on every logged row); tasks without a meeting stay out of
# the meeting and conclusion indexes.
sqlite3 "$DB" "SELECT sql FROM sqlite_schema WHERE name = 'history_change'" | grep -q " IN (" &&
  fail "history_change still checks op with IN"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE name IN ('task_meeting', 'task_conclusion') AND sql LIKE '%WHERE%IS NOT NULL'")" = 2 ] ||
  fail "task_meeting/task_conclusion are not partial indexes"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'history_%'")" = 51 ] ||
  fail "not every history trigger is back (and sent_report's made)"

# Schema 6: dated facts. Every update is kept as it was (the initial facts),
# the log gains due-date extensions and the status 'unfinished', and an
# organisation's former names have a table of their own.
[ "$(sqlite3 "$DB" "SELECT count(*) FROM task_update WHERE due IS NULL")" = \
  "$(sqlite3 "$DB" "SELECT count(*) FROM task_update")" ] || fail "migration invented due dates"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM org_name")" = 0 ] || fail "migration invented former names"

# Schema 7: the register of sent reports, empty, its bytes in a table of
# their own that the history does not log.
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sent_report; SELECT count(*) FROM sent_report_content")" = "$(printf '0\n0')" ] ||
  fail "migration invented sent reports"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'sent_report_content'")" = 0 ] ||
  fail "the bytes of sent reports are logged"
ok db check
ok task list --format csv
out_has "Tuyên truyền pháp luật"

# The old history reads and undoes as before, and new changes are logged.
ok log --entity task --format json
[ "$(json_eval '[(c["op"], json.loads(c["after"])["title"]) for c in d]')" = \
  "[('update', 'Tuyên truyền pháp luật'), ('insert', 'Tuyên truyền')]" ] || fail "old task history"
ok task add "Kiểm tra" --agreement BT --due 2026-06-30
out_is 2
ok log --limit 1 --format json
[ "$(json_eval '[(c["table"], c["op"], json.loads(c["after"])["title"]) for c in d]')" = \
  "[('task', 'insert', 'Kiểm tra')]" ] || fail "a new task add is not logged with its image"
ok undo
out_is 5
ok undo # the pre-migration 'task edit': its logged image still matches
out_is 4
ok task show 1 --format json
[ "$(json_eval 'd["title"]')" = "Tuyên truyền" ] || fail "old update not undone"
[ "$(sqlite3 "$DB" "SELECT op FROM history_change WHERE invocation_id = (SELECT max(id) FROM history_invocation)")" = update ] ||
  fail "the undo itself is not logged"

# A second migrate has nothing to do.
history_now=$(history_of)
ok db migrate
[ "$(history_of)" = "$history_now" ] || fail "a second migrate changed the history"

# A report recorded on the migrated file is logged (without its bytes) and
# undone like any record, its bytes going with it.
ok report summary --period 2025 --record --number 1 --output "$TMP/bc-1.md"
ok log --limit 1 --format json
[ "$(json_eval '[(c["table"], c["op"], json.loads(c["after"])["number"], "content" in c["after"]) for c in d]')" = \
  "[('sent_report', 'insert', 1, False)]" ] || fail "the recorded report is not logged as a sent_report insert"
ok undo
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sent_report; SELECT count(*) FROM sent_report_content")" = "$(printf '0\n0')" ] ||
  fail "undo left the recorded report or its bytes"
ok db check

# Years of history: 100,000 logged changes (40 MB) are copied by the
# rebuild, whose statement journal then outgrows memory and spills into a
# temporary file. (With an in-memory journal piece above 128 KiB, SQLite's
# unix VFS wrote it as zero bytes and the migration failed as "disk full".)
DB="$TMP/big.db"
sqlite3 "$DB" <"$SOURCE_DIR/tests/data/schema4.sql" >/dev/null || fail "cannot load schema4.sql"
sqlite3 "$DB" "INSERT INTO history_invocation (id, at, command, open) VALUES (5, '2025-02-01T00:00:00Z', 'import big.csv', 0);
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
  INSERT INTO history_change (invocation_id, tbl, row_id, op, after)
  SELECT 5, 'task', 1000 + i, 'insert', json_object('id', 1000 + i, 'title', 'Việc số ' || i || ' ' || hex(randomblob(150))) FROM n"
history_before=$(history_of | sha256sum)
ok db migrate
[ "$(sqlite3 "$DB" 'PRAGMA user_version')" = 7 ] || fail "the big history did not migrate"
[ "$(history_of | sha256sum)" = "$history_before" ] || fail "migration changed the big history"

# An update logged before schema 6 undoes after it: its logged image has no
# due column, which the row now has (null), and that is no later change.
DB="$TMP/update.db"
sqlite3 "$DB" <"$SOURCE_DIR/tests/data/schema4.sql" >/dev/null || fail "cannot load schema4.sql"
sqlite3 "$DB" "INSERT INTO history_invocation (id, at, command) VALUES (5, '2025-01-02T03:08:00Z', 'task update 1 --progress 40');
  INSERT INTO task_update (id, uid, task_id, date, seq, progress, created_at)
    VALUES (1, '6f1c2d3e-0000-4000-8000-000000000007', 1, '2025-01-02', 1, 40, '2025-01-02T03:08:00Z');
  UPDATE history_invocation SET open = 0 WHERE open = 1;"
ok db migrate
ok undo
[ "$(sqlite3 "$DB" "SELECT count(*) FROM task_update")" = 0 ] || fail "the pre-migration update was not undone"
ok db check

finish
