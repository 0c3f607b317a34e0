#!/usr/bin/env bash
# db check, db backup, first creation of a database, network filesystems.
source "$(dirname "$0")/lib.bash"

# --- first creation: the file appears only when the first change commits ----
unchanged_by 3 task add "Tuyên truyền" --agreement NOPE
[ ! -e "$DB" ] || fail "a refused first write left '$DB' behind"
ok batch --dry-run <<<'org add "Tỉnh đoàn Bến Tre"' 2>/dev/null
[ ! -e "$DB" ] || fail "a dry run created '$DB'"
EXTRA_ENV="PHOIHOP_CRASH_AT=commit" run_phoihop db init
[ "$rc" -eq 137 ] || fail "the crash hook did not fire (rc $rc)"
[ ! -e "$DB" ] || fail "a first write killed before COMMIT left '$DB' behind"
fails 5 org list # a read needs no recovery step: the database does not exist ...
ok db init  # ... and the next write creates it, clearing the dead run's temporary file
[ -z "$(find "$TMP" -maxdepth 1 -name '.phoihop.db.tmp-*')" ] || fail "stale temporary files left"
out_is "$DB"
ok db info --format json
[ "$(json_eval 'd["journal_mode"]')" = wal ] || fail "a new database is not in WAL mode"

# --- db check on a clean database -------------------------------------------
load_bentre
ok db check
out_is ""
err_has "passed every check"
ok db check --format json
out_is "[]"
# A format for programs says "none" on stdout as in a file: CSV its header,
# a workbook its header row.
ok db check --format csv
[ "$(tr -d '\r' <"$TMP/stdout")" = "check,table,row,problem" ] || fail "db check --format csv: $(cat "$TMP/stdout")"
ok db check --format csv --output "$TMP/check.csv"
cmp -s "$TMP/stdout" "$TMP/check.csv" && fail "db check --output printed to stdout"
[ "$(tr -d '\r' <"$TMP/check.csv")" = "check,table,row,problem" ] || fail "db check --output: $(cat "$TMP/check.csv")"
ok db check --format xlsx
[ "$(head -c 2 "$TMP/stdout")" = "PK" ] || fail "db check --format xlsx wrote no workbook"

# --- db backup: a consistent, self-contained copy that passes db check ------
ok db backup "$TMP/copy.db"
err_has "bytes"
[ ! -e "$TMP/copy.db-wal" ] || fail "the backup has a side file"
[ "$(stat -c %s "$TMP/copy.db")" -gt 204800 ] || fail "the example database is too small for the size-limit test"
ok --db "$TMP/copy.db" db check
ok export --format json
cp "$TMP/stdout" "$TMP/export-original.json"
ok --db "$TMP/copy.db" export --format json
cmp -s "$TMP/stdout" "$TMP/export-original.json" || fail "the backup's export differs from the database's"
# Replacing an existing backup keeps it a link if it was one.
ln -s copy.db "$TMP/latest.db"
ok db backup "$TMP/latest.db"
[ -L "$TMP/latest.db" ] || fail "backup replaced the symlink instead of writing through it"
# Refusals: nothing changed, the old backup intact.
sum_before=$(sha256sum <"$TMP/copy.db")
unchanged_by 1 db backup "$DB"
err_has "is the database phoihop is using"
unchanged_by 1 db backup "$TMP/missing-dir/b.db"
err_has "does not exist"
unchanged_by 1 db backup /dev/full
unchanged_by 1 db backup "$TMP"
unchanged_by 2 db backup
unchanged_by 2 db backup ""
( ulimit -f 200; run_phoihop db backup "$TMP/copy.db"; [ "$rc" -eq 1 ] || fail "a backup past the size limit: rc $rc" )
[ "$(sha256sum <"$TMP/copy.db")" = "$sum_before" ] || fail "a failed backup changed the old backup"
[ -z "$(find "$TMP" -maxdepth 1 -name '.copy.db.tmp-*')" ] || fail "a failed backup left its temporary file"
fails 5 --db "$TMP/none.db" db backup "$TMP/x.db"
[ ! -e "$TMP/x.db" ] || fail "a backup of a missing database wrote a file"

# A backup taken while another process holds the write lock still works (WAL).
python3 - "$DB" "$PHOIHOP" "$TMP" <<'PY' || fail "backup during a write"
import os, sqlite3, subprocess, sys
db, phoihop, tmp = sys.argv[1:]
writer = sqlite3.connect(db, isolation_level=None)
writer.execute("BEGIN IMMEDIATE")
writer.execute("UPDATE org SET note = 'uncommitted' WHERE id = 1")
env = {"PATH": "/usr/bin:/bin", "HOME": tmp, "PHOIHOP_DB": db, "LANG": "C.UTF-8"}
r = subprocess.run([phoihop, "db", "backup", tmp + "/during.db"], env=env, capture_output=True, text=True, timeout=60)
assert r.returncode == 0, r.stderr
writer.execute("ROLLBACK")
copy = sqlite3.connect(tmp + "/during.db")
assert copy.execute("SELECT count(*) FROM org WHERE note = 'uncommitted'").fetchone()[0] == 0
assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
PY

# --- db check finds each kind of damage -------------------------------------
damaged() { # SQL: a copy of the database with SQL applied, checked
  cp "$TMP/copy.db" "$TMP/bad.db"
  sqlite3 "$TMP/bad.db" "PRAGMA foreign_keys = OFF; $1" || fail "could not damage: $1"
  run_phoihop --db "$TMP/bad.db" db check --format csv
  [ "$rc" -eq 5 ] || fail "db check passed a database damaged by: $1 (rc $rc)"
  err_has "failed"
}
damaged "UPDATE org SET name_key = 'x' WHERE id = 1"
[ "$(csv_field 0 check)" = key ] || fail "a wrong search key is not reported as key"
[ "$(csv_field 0 row)" = 1 ] || fail "the damaged row is not named"
damaged "UPDATE meeting SET date = '2022-02-30' WHERE id = 1"
[ "$(csv_field 0 check)" = date ] || fail "an invalid date is not reported"
damaged "UPDATE meeting SET date = '20/11/2022' WHERE id = 1"
[ "$(csv_field 0 check)" = date ] || fail "a non-ISO date is not reported"
damaged "INSERT INTO task_partner (task_id, org_id, ordinal) VALUES (9999, 1, 1)"
[ "$(csv_field 0 check)" = foreign_key ] || fail "a dangling reference is not reported"
damaged "DROP INDEX task_due"
[ "$(csv_field 0 check)" = schema ] || fail "a missing index is not reported"
damaged "DROP TRIGGER history_task_insert"
[ "$(csv_field 0 check)" = schema ] || fail "a missing history trigger is not reported"
damaged "CREATE TABLE extra (x)"
[ "$(csv_field 0 check)" = schema ] || fail "a foreign table is not reported"
damaged "UPDATE org SET name = 'Tỉnh đoàn Bê' || char(769) || 'n Tre', name_key = 'tinh doan ben tre' WHERE id = 2"
out_has "NFC"
damaged "DELETE FROM agreement_party WHERE id = (SELECT max(id) FROM agreement_party WHERE agreement_id = 1)"
[ "$(csv_field 0 check)" = agreement_parties ] || fail "an agreement with one party is not reported"
damaged "INSERT INTO history_invocation (at, command, open) VALUES ('2026-01-01T00:00:00Z', 'task add X', 1)"
[ "$(csv_field 0 check)" = history ] || fail "an open invocation is not reported"
# Damaged pages: SQLite's integrity check speaks.
cp "$TMP/copy.db" "$TMP/bad.db"
python3 - "$TMP/bad.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
root = c.execute("SELECT rootpage FROM sqlite_schema WHERE name = 'task_due'").fetchone()[0]
size = c.execute("PRAGMA page_size").fetchone()[0]
c.close()
with open(sys.argv[1], "r+b") as f:  # scribble over the index's root page
    f.seek((root - 1) * size + 8)
    f.write(b"\xff" * 64)
PY
run_phoihop --db "$TMP/bad.db" db check
[ "$rc" -eq 5 ] || fail "db check passed a database with a damaged page (rc $rc)"

# --- a network filesystem: warned, and never switched to WAL -----------------
rm -f "$TMP/nfs.db"
EXTRA_ENV="PHOIHOP_TEST_FILESYSTEM=nfs" ok --db "$TMP/nfs.db" org add "Tỉnh đoàn Bến Tre"
err_has "network filesystem (nfs)"
[ "$(sqlite3 "$TMP/nfs.db" 'PRAGMA journal_mode')" = delete ] || fail "a database on NFS was put in WAL mode"
EXTRA_ENV="PHOIHOP_TEST_FILESYSTEM=nfs" ok --db "$TMP/nfs.db" org list
err_has "network filesystem"
# A WAL database found on one is returned to the rollback journal by the next write.
cp "$TMP/copy.db" "$TMP/moved.db"
EXTRA_ENV="PHOIHOP_TEST_FILESYSTEM=nfs" ok --db "$TMP/moved.db" org add "Hội LHTN tỉnh Bến Tre"
[ "$(sqlite3 "$TMP/moved.db" 'PRAGMA journal_mode')" = delete ] || fail "a WAL database on NFS stayed in WAL mode"
ok --db "$TMP/moved.db" db check

# --- a database this user may read but not write (another user's, read-only dir) ---
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
  shared=$(mktemp -d)
  chmod 755 "$shared"
  cp "$TMP/copy.db" "$shared/shared.db"
  chmod 644 "$shared/shared.db"
  chmod 555 "$shared"
  sum_before=$(sha256sum <"$shared/shared.db")
  as_nobody() {
    setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin HOME=/nonexistent \
      TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 XDG_CONFIG_HOME=/nonexistent PHOIHOP_TODAY=2026-11-26 \
      "$PHOIHOP" --db "$shared/shared.db" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    rc=$?
  }
  as_nobody report summary --period 2018-2022 --format json
  [ "$rc" -eq 0 ] || fail "a read of a read-only database in a read-only directory failed (rc $rc)"
  as_nobody db check
  [ "$rc" -eq 0 ] || fail "db check of a read-only database failed (rc $rc)"
  as_nobody org add "Hội Nông dân tỉnh Bến Tre"
  [ "$rc" -eq 5 ] || fail "a write to a read-only database: rc $rc, expected 5"
  err_has "read-only"
  [ "$(grep -c '' "$TMP/stderr")" -eq 1 ] || fail "more than one error line"
  chmod 755 "$shared" # a writable directory, a read-only file
  as_nobody task add "Tuyên truyền" --agreement BT-2018
  [ "$rc" -eq 5 ] || fail "a write to a read-only file: rc $rc, expected 5"
  [ "$(sha256sum <"$shared/shared.db")" = "$sum_before" ] || fail "the read-only database changed"
  rm -rf "$shared"
else
  echo "test_db_maintenance: read-only database checks skipped (need root, setpriv and user nobody)"
fi

finish
