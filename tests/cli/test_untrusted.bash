#!/usr/bin/env bash
# Untrusted input: merge OTHER_DB where OTHER_DB was made hostile with the
# sqlite3 shell (views with endless or huge queries, a trigger, objects of its
# own, a table replaced or changed, a damaged page, a hot journal), and
# import of JSON/TOML bombs. Each is refused with its exit status and one
# line naming the file, in bounded time and memory, and changes nothing: ours
# and OTHER_DB (with its side files) stay byte-identical, nothing is created
# beside OTHER_DB, and the private copy in $TMPDIR is gone afterwards.
source "$(dirname "$0")/lib.bash"

# A regression must fail here, not swap: 1 GiB of address space for everything
# (not under AddressSanitizer, which reserves terabytes of address space up
# front; scripts/fuzz.sh runs the suite there with ASAN_OPTIONS set).
if [ -z "${ASAN_OPTIONS:-}" ]; then
  ulimit -v 1048576
fi
mkdir -p "$TMP/tmp"
# Every run: a private $TMPDIR to look into, and a minute at most.
EXTRA_ENV="TMPDIR=$TMP/tmp timeout 60"

BASE="$TMP/base.db"
ok --db "$BASE" agreement add "Quy chế phối hợp" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2024-2026 --code BT-2024
ok org add "Sở Giáo dục"

# The files of a database as they are: which of them exist, and their bytes.
files_of() {
  local f
  for f in "$1" "$1-journal" "$1-wal" "$1-shm"; do
    [ -e "$f" ] && printf '%s %s\n' "$f" "$(sha256sum <"$f")"
  done
  return 0
}

# OTHER SQL: a copy of the base database changed by the sqlite3 shell.
forge() {
  cp "$BASE" "$TMP/$1.db"
  sqlite3 "$TMP/$1.db" "$2" || fail "sqlite3 could not forge $1.db"
}

# STATUS OTHER TEXT: merge OTHER is refused with STATUS and one error line
# naming OTHER and saying TEXT; ours, OTHER and its side files unchanged.
refused() {
  local want=$1 other=$2 text=$3 before
  before=$(files_of "$other")
  unchanged_by "$want" merge "$other"
  err_lines 1
  err_has "'$other'"
  err_has "$text"
  [ "$before" = "$(files_of "$other")" ] || fail "merge changed $other or made files beside it"
  [ -z "$(ls -A "$TMP/tmp")" ] || fail "merge left its private copy in \$TMPDIR: $(ls -A "$TMP/tmp")"
}

# Views: an endless recursive query, a huge blob, one standing in for a table.
forge endless "CREATE VIEW endless AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT x FROM r"
refused 5 "$TMP/endless.db" "is not a sound phoihop database: view endless is not part of phoihop's schema"
forge blob "CREATE VIEW blob AS SELECT randomblob(1000000000) AS b"
refused 5 "$TMP/blob.db" "view blob is not part of phoihop's schema"
forge in_place "ALTER TABLE task RENAME TO task_rows;
  CREATE VIEW task AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r) SELECT * FROM task_rows, r"
refused 5 "$TMP/in_place.db" "is not a sound phoihop database"
# A name SQLite keeps for itself is no way around the check.
forge sqlitex "CREATE VIEW sqliteX AS SELECT randomblob(1000000000) AS b"
refused 5 "$TMP/sqlitex.db" "view sqliteX is not part of phoihop's schema"

# A trigger, an object of its own, a changed column, a dropped index.
forge trigger "CREATE TRIGGER spy AFTER INSERT ON org BEGIN SELECT 1; END"
refused 5 "$TMP/trigger.db" "trigger spy is not part of phoihop's schema"
forge extra "CREATE TABLE notes (x)"
refused 5 "$TMP/extra.db" "table notes is not part of phoihop's schema"
forge column "ALTER TABLE org ADD COLUMN secret TEXT DEFAULT 'x'"
refused 5 "$TMP/column.db" "table org differs from this version's schema"
forge index "DROP INDEX task_meeting"
refused 5 "$TMP/index.db" "index task_meeting is missing"

# A sparse -wal (64 MiB here, 30 GB in an attack, taking no disk) would be
# copied whole into $TMPDIR: SQLite never writes holes, so it is refused first.
cp "$BASE" "$TMP/sparse.db"
truncate -s 64M "$TMP/sparse.db-wal"
refused 5 "$TMP/sparse.db" "-wal' is a sparse file"
rm -f "$TMP/sparse.db-wal"
# Not phoihop's, newer, not SQLite at all.
forge foreign "PRAGMA application_id = 7"
refused 5 "$TMP/foreign.db" "not a phoihop database"
forge newer "PRAGMA user_version = 999"
refused 5 "$TMP/newer.db" "newer phoihop"
head -c 8192 /dev/urandom >"$TMP/noise.db"
refused 5 "$TMP/noise.db" "is not an SQLite database"

# A damaged page: the task table's root page zeroed, found by the check up front.
cp "$BASE" "$TMP/damaged.db"
root=$(sqlite3 "$TMP/damaged.db" "SELECT rootpage FROM sqlite_schema WHERE name = 'task'")
dd if=/dev/zero of="$TMP/damaged.db" bs=4096 seek=$((root - 1)) count=1 conv=notrunc 2>/dev/null
refused 5 "$TMP/damaged.db" "is damaged"

# A hot journal: a writer killed before COMMIT in rollback-journal mode (as on
# a network filesystem). It is rolled back in the copy: the original and its
# journal stay as they are, and the interrupted change is not merged.
cp "$BASE" "$TMP/hot.db"
EXTRA_ENV="PHOIHOP_TEST_FILESYSTEM=nfs" ok --db "$TMP/hot.db" org add "Hội Liên hiệp Thanh niên"
(EXTRA_ENV="PHOIHOP_TEST_FILESYSTEM=nfs PHOIHOP_CRASH_AT=commit" run_phoihop --db "$TMP/hot.db" org add "Đội Thiếu niên") 2>/dev/null
[ -s "$TMP/hot.db-journal" ] || fail "the killed writer left no journal"
hot_files=$(files_of "$TMP/hot.db")
ok merge "$TMP/hot.db"
[ "$hot_files" = "$(files_of "$TMP/hot.db")" ] || fail "merge touched the hot journal's database"
ok org list
out_has "Hội Liên hiệp Thanh niên"
out_lacks "Đội Thiếu niên"

# A WAL with committed frames (a writer killed after COMMIT): read, left as it is.
cp "$BASE" "$TMP/wal.db"
(EXTRA_ENV="PHOIHOP_CRASH_AT=committed" run_phoihop --db "$TMP/wal.db" org add "Hội Sinh viên") 2>/dev/null
[ -s "$TMP/wal.db-wal" ] || fail "the killed writer left no WAL"
wal_files=$(files_of "$TMP/wal.db")
ok merge "$TMP/wal.db"
ok org list
out_has "Hội Sinh viên"
[ "$wal_files" = "$(files_of "$TMP/wal.db")" ] || fail "merge changed the WAL database or its side files"

# An older schema is migrated in the copy; the file keeps its version.
sqlite3 "$TMP/old.db" <"$SOURCE_DIR/tests/data/schema4.sql" >/dev/null
old_files=$(files_of "$TMP/old.db")
ok merge "$TMP/old.db" --prefer ours --dry-run
[ "$old_files" = "$(files_of "$TMP/old.db")" ] || fail "merge changed the older database"

# A private copy left by a killed merge is swept by the next one.
mkdir -p "$TMP/tmp/phoihop-other-Stale1" && : >"$TMP/tmp/phoihop-other-Stale1/other.db"
ok merge "$BASE" --dry-run
[ -z "$(ls -A "$TMP/tmp")" ] || fail "a stale private copy was not removed"

# The limits come from the config file and say so.
printf '[merge]\ntime_limit = 0\n' >"$TMP/bad.toml"
fails 2 --config "$TMP/bad.toml" merge "$BASE"
err_has "bad value for merge.time_limit: expected seconds, an integer from 1 to 86400"

# Import: bombs of empty arrays (30 MB) and of nesting, in JSON and TOML,
# refused before they are parsed (the 1 GiB ulimit above holds them).
python3 - "$TMP" <<'EOF'
import sys
d = sys.argv[1]
items = ",".join(["[]"] * 10_000_000)
open(f"{d}/bomb.json", "w").write('{"task": [' + items + ']}\n')
open(f"{d}/bomb.toml", "w").write("a = [" + items + "]\n")
open(f"{d}/deep.json", "w").write('{"a": ' + "[" * 100000 + "]" * 100000 + "}\n")
open(f"{d}/deep.toml", "w").write("a = " + "[" * 100000 + "]" * 100000 + "\n")
open(f"{d}/keys.toml", "w").write("a" + ".a" * 100000 + " = 1\n")
EOF
for format in json toml; do
  unchanged_by 2 import "$TMP/bomb.$format"
  err_has "bomb.$format:1: too many values for a document of its size"
  unchanged_by 2 import "$TMP/deep.$format"
  err_has "deep.$format:1: nested deeper than import.max_depth allows (32 levels)"
done
unchanged_by 2 import "$TMP/keys.toml"
err_has "keys.toml:1: nested deeper than import.max_depth allows"

# The size limit, for a file and for standard input; and a deeper limit.
ok export --format json --output "$TMP/ours.json"
printf '[import]\nmax_size = 1\nmax_depth = 40\n' >"$TMP/small.toml"
head -c 1100000 /dev/zero | tr '\0' ' ' >>"$TMP/ours.json"
unchanged_by 2 --config "$TMP/small.toml" import "$TMP/ours.json"
err_has "'$TMP/ours.json' is larger than import.max_size allows (1 MiB)"
run_phoihop --config "$TMP/small.toml" import --format json - <"$TMP/ours.json"
[ "$rc" = 2 ] && err_has "is larger than import.max_size allows (1 MiB)" || fail "stdin past import.max_size: $rc"
python3 -c 'print("{\"a\": " + "[" * 35 + "]" * 35 + "}")' >"$TMP/deep35.json"
fails 2 import "$TMP/deep35.json"
err_has "nested deeper than import.max_depth allows (32 levels)"
fails 2 --config "$TMP/small.toml" import "$TMP/deep35.json"
err_lacks_depth=$(grep -c "nested deeper" "$TMP/stderr")
[ "$err_lacks_depth" = 0 ] || fail "import.max_depth = 40 did not allow 35 levels"

finish
