#!/usr/bin/env bash
# Faults of the file system and of the database file: disk full, size limits,
# read-only files and directories, missing directories, zero-byte, truncated,
# foreign, newer and non-regular files. Each gets one clear error line naming
# the file and its exit status (1 failed, 5 database unavailable), and changes
# nothing: the database stays byte-identical, an old output file stays as it
# was, no temporary file is left behind. Mechanisms that need privileges
# (chattr, a mount namespace) are detected; a test that cannot run says so.
source "$(dirname "$0")/lib.bash"
PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH

note() { echo "[$suite] note: $*"; }
# One error line, starting 'phoihop: error:', naming $1.
names() {
  [ "$(grep -c '' "$TMP/stderr")" -eq 1 ] || fail "not one line on stderr"
  grep -q "^phoihop: error: .*$1" "$TMP/stderr" || fail "the error does not name '$1'"
}
# The database is byte-identical to $1 (and has no WAL content beside it).
same_db() {
  cmp -s "$1" "$2" || fail "database '$2' changed"
  if [ -s "$2-wal" ]; then fail "WAL content left beside '$2'"; fi
}
no_temp() { # DIR: no temporary file of an atomic write left behind
  local left
  left=$(find "$1" -maxdepth 1 -name '.*.tmp-*' | head -3)
  [ -z "$left" ] || fail "temporary files left in $1: $left"
}
db_fails() { # STATUS FILE ARGS…: phoihop --db FILE ARGS… fails with STATUS, names FILE, leaves it byte-identical
  local want=$1 file=$2
  shift 2
  cp "$file" "$TMP/before.db"
  fails "$want" --db "$file" "$@"
  names "$(basename "$file")"
  same_db "$TMP/before.db" "$file"
}

# A real database, large enough that its reports and exports pass 64 kB.
ok agreement add "Quy chế phối hợp 2022-2026" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2022-2026 --signed 01/12/2022 --code BT
python3 -c '
for i in range(300):
    print(f"task add --agreement BT --due 2026-12-31 --note \"Ghi chú {i} " + "x" * 200 + f"\" -- \"Đầu việc số {i}: tuyên truyền, giáo dục thế hệ trẻ\"")
' >"$TMP/tasks.batch"
ok batch "$TMP/tasks.batch"
printf 'title,due\nMột đầu việc,2026-12-31\n' >"$TMP/one.csv"
ok db backup "$TMP/real.db"
REAL="$TMP/real.db"
[ "$(stat -c %s "$REAL")" -gt 100000 ] || fail "the sample database is too small"

# --- Damaged, foreign and unusable database files: exit 5, byte-identical.
: >"$TMP/zero.db"
printf 'hello, I am a spreadsheet, not a database\n' >"$TMP/text.db"
head -c "$(($(stat -c %s "$REAL") / 2))" "$REAL" >"$TMP/half.db"
cp "$REAL" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 99'
sqlite3 "$TMP/foreign.db" 'CREATE TABLE ledger (x); INSERT INTO ledger VALUES (1)'
head -c 100 "$REAL" >"$TMP/header-only.db"
for db in text half newer foreign header-only; do
  for command in "task list" "task add X --agreement BT" "db info" "db migrate" "db init" "export" \
    "report summary --period 2022" "import $TMP/one.csv --kind task --agreement BT" "batch $TMP/tasks.batch" \
    "db backup $TMP/copy-of-$db.db"; do
    # shellcheck disable=SC2086 # the commands are word lists
    db_fails 5 "$TMP/$db.db" $command
    [ -e "$TMP/copy-of-$db.db" ] && fail "db backup of $db.db wrote a copy" && rm -f "$TMP/copy-of-$db.db"
  done
done
db_fails 5 "$TMP/newer.db" merge "$REAL"
err_has "newer"
cp "$REAL" "$TMP/target.db"
for other in newer half text foreign; do
  fails 5 --db "$TMP/target.db" merge "$TMP/$other.db"
  names "$other.db"
  same_db "$REAL" "$TMP/target.db"
done

# A zero-byte file is an empty database: reads say so (5); a refused write
# leaves it zero bytes; db init makes it a database.
for command in "task list" "db info" "db migrate" "export" "report summary --period 2022"; do
  # shellcheck disable=SC2086
  db_fails 5 "$TMP/zero.db" $command
  err_has "empty"
done
fails 3 --db "$TMP/zero.db" task add X --agreement BT
[ -s "$TMP/zero.db" ] && fail "a refused write to a zero-byte database wrote to it ($(stat -c %s "$TMP/zero.db") bytes)"
: >"$TMP/zero.db"
ok --db "$TMP/zero.db" db init
ok --db "$TMP/zero.db" db info

# Not a file: a directory, a missing directory, a FIFO (a read must not hang).
mkdir "$TMP/dir.db"
fails 5 --db "$TMP/dir.db" task list
names dir.db
fails 5 --db "$TMP/dir.db" task add X --agreement BT
names dir.db
fails 5 --db "$TMP/missing/x.db" task list
names missing/x.db
fails 5 --db "$TMP/missing/x.db" agreement add X --party A --party B --period 2022
names missing
[ -e "$TMP/missing" ] && fail "a directory was created for the database"
# A refused write to a new path creates nothing.
fails 3 --db "$TMP/new.db" task add X --agreement BT
ls "$TMP"/new.db* >/dev/null 2>&1 && fail "a refused write left a new database file behind: $(ls "$TMP"/new.db*)"
mkfifo "$TMP/fifo.db"
PHOIHOP_REAL=$PHOIHOP
printf '#!/bin/sh\nexec timeout 5 %q "$@"\n' "$PHOIHOP_REAL" >"$TMP/phoihop-timeout"
chmod +x "$TMP/phoihop-timeout"
PHOIHOP="$TMP/phoihop-timeout"
fails 5 --db "$TMP/fifo.db" task list
names fifo.db
fails 5 --db "$TMP/fifo.db" task add X --agreement BT
names fifo.db
PHOIHOP=$PHOIHOP_REAL
[ -p "$TMP/fifo.db" ] || fail "the FIFO was replaced"

# --- Read-only database file and directory. Root ignores permissions: use
# chattr +i when the file system has it, else run as nobody, else skip.
ro_mode=none
if [ "$(id -u)" != 0 ]; then
  ro_mode="chmod"
else
  : >"$TMP/probe"
  if chattr +i "$TMP/probe" 2>/dev/null; then
    (echo x >>"$TMP/probe") 2>/dev/null || ro_mode=chattr
    chattr -i "$TMP/probe"
  fi
  if [ "$ro_mode" = none ] && id nobody >/dev/null 2>&1 && command -v setpriv >/dev/null; then
    ro_mode=nobody
  fi
  rm -f "$TMP/probe"
fi
ro_mode=${FAULTS_RO_MODE:-$ro_mode} # chattr, nobody, chmod or none: to try another mechanism
trap 'chattr -R -i "$TMP" 2>/dev/null; chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
make_ro() { case $ro_mode in chattr) chattr +i "$@" ;; *) chmod a-w "$@" ;; esac; }
make_rw() { case $ro_mode in chattr) chattr -i "$@" ;; *) chmod u+w "$@" ;; esac; }
if [ "$ro_mode" = nobody ]; then
  chmod 755 "$TMP" && chmod -R a+rX "$TMP"
  printf '#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups %q "$@"\n' "$PHOIHOP_REAL" >"$TMP/phoihop-nobody"
  chmod 755 "$TMP/phoihop-nobody"
fi
as_ro_user() { [ "$ro_mode" = nobody ] && PHOIHOP="$TMP/phoihop-nobody" || PHOIHOP=$PHOIHOP_REAL; }

if [ "$ro_mode" = none ]; then
  note "skipped read-only database and directory tests: running as root without chattr, and no user nobody"
else
  # A read-only database file in a writable directory: reads work, writes are refused.
  mkdir "$TMP/rofile" && cp "$REAL" "$TMP/rofile/r.db" && chmod -R a+rwX "$TMP/rofile"
  make_ro "$TMP/rofile/r.db"
  as_ro_user
  ok --db "$TMP/rofile/r.db" task list --format json
  for command in "task add X --agreement BT" "db migrate" "db init" "import $TMP/one.csv --kind task --agreement BT" \
    "undo"; do
    # shellcheck disable=SC2086
    db_fails 5 "$TMP/rofile/r.db" $command
    err_has "read-only"
  done
  PHOIHOP=$PHOIHOP_REAL
  make_rw "$TMP/rofile/r.db"

  # A database in a read-only directory (no -wal/-shm beside it yet): nothing is
  # written there, whatever the command, and the error names the file.
  mkdir "$TMP/rodir" && cp "$REAL" "$TMP/rodir/r.db" && chmod -R a+rX "$TMP/rodir"
  make_ro "$TMP/rodir"
  as_ro_user
  for command in "task add X --agreement BT" "db init" "batch $TMP/tasks.batch"; do
    # shellcheck disable=SC2086
    db_fails 5 "$TMP/rodir/r.db" $command
  done
  run_phoihop --db "$TMP/rodir/r.db" task list
  if [ "$rc" != 0 ]; then
    [ "$rc" = 5 ] || fail "a read in a read-only directory: exit $rc"
    names r.db
  fi
  fails 5 --db "$TMP/rodir/new.db" agreement add X --party A --party B --period 2022
  names new.db
  PHOIHOP=$PHOIHOP_REAL
  make_rw "$TMP/rodir"
  cmp -s "$REAL" "$TMP/rodir/r.db" || fail "the database in a read-only directory changed"
  [ -e "$TMP/rodir/new.db" ] && fail "a database was created in a read-only directory"

  # --output into a read-only directory, or over a read-only file: the old report stays.
  mkdir "$TMP/roout" && echo "old report" >"$TMP/roout/r.md" && chmod -R a+rwX "$TMP/roout"
  make_ro "$TMP/roout"
  as_ro_user
  mkdir -p "$TMP/pub" && chmod 777 "$TMP/pub" && cp "$REAL" "$TMP/pub/rr.db" && chmod a+rw "$TMP/pub/rr.db"
  fails 1 --db "$TMP/pub/rr.db" report summary --period 2022-2026 --output "$TMP/roout/r.md"
  names roout/r.md
  fails 1 --db "$TMP/pub/rr.db" export --output "$TMP/roout/new.json"
  names roout/new.json
  PHOIHOP=$PHOIHOP_REAL
  make_rw "$TMP/roout"
  [ "$(cat "$TMP/roout/r.md")" = "old report" ] || fail "the old report changed"
  [ -e "$TMP/roout/new.json" ] && fail "an export appeared in a read-only directory"
  no_temp "$TMP/roout"
  if [ "$ro_mode" = chattr ]; then
    make_ro "$TMP/roout/r.md"
    fails 1 --db "$TMP/pub/rr.db" report summary --period 2022-2026 --output "$TMP/roout/r.md"
    names roout/r.md
    make_rw "$TMP/roout/r.md"
    [ "$(cat "$TMP/roout/r.md")" = "old report" ] || fail "the old (immutable) report changed"
    no_temp "$TMP/roout"
  fi
fi

# --- Output files: a missing directory, a directory, a full device, a size limit.
echo "old report" >"$TMP/old.md"
for target in "$TMP/nodir/r.md" "$TMP/old.md/r.md"; do
  fails 1 report summary --period 2022 --output "$target"
  names "$target"
  [ -e "$target" ] && fail "$target was created"
done
fails 1 export --output "$TMP/nodir/x.json"
names nodir/x.json
mkdir "$TMP/outdir"
echo keep >"$TMP/outdir/keep"
fails 1 report summary --period 2022 --output "$TMP/outdir"
names outdir
[ "$(ls -A "$TMP/outdir")" = keep ] || fail "the directory given as --output changed"
fails 1 report summary --period 2022 --output /dev/full
names /dev/full
err_has "No space left on device"
fails 1 export --output /dev/full
names /dev/full
# A report larger than the file size limit (ulimit -f, in 512-byte blocks):
# EFBIG, the old report intact, no temporary file. (SQLite's 32 kB -shm must fit.)
ok export --format json --output "$TMP/big.json"
[ "$(stat -c %s "$TMP/big.json")" -gt 100000 ] || fail "the export is too small for the size-limit test"
echo "old export" >"$TMP/old.json"
(ulimit -f 128 && run_phoihop export --format json --output "$TMP/old.json" && echo "$rc" >"$TMP/rc")
rc=$(cat "$TMP/rc")
[ "$rc" = 1 ] || fail "export past the file size limit: exit $rc"
names old.json
err_has "File too large"
[ "$(cat "$TMP/old.json")" = "old export" ] || fail "the old export changed"
no_temp "$TMP"
# Standard output that cannot be written: the command fails, and a write is rolled back.
before=$(db_sum)
env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 PHOIHOP_DB="$DB" \
  PHOIHOP_TODAY=2026-11-26 "$PHOIHOP" task add "Không in được" --agreement BT >/dev/full 2>"$TMP/stderr"
rc=$?
[ "$rc" = 1 ] || fail "task add with stdout on /dev/full: exit $rc"
names "standard output"
[ "$before" = "$(db_sum)" ] || fail "a write whose id could not be printed was kept"
env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 PHOIHOP_DB="$DB" \
  PHOIHOP_TODAY=2026-11-26 "$PHOIHOP" task list >/dev/full 2>"$TMP/stderr"
rc=$?
[ "$rc" = 1 ] || fail "task list with stdout on /dev/full: exit $rc"
names "standard output"

# --- Disk full and size limits while writing the database: the transaction
# rolls back, the file is byte-identical, the error names it.
python3 -c '
print("title,note")
for i in range(3000):
    print(f"Đầu việc nhập {i}," + "y" * 400)
' >"$TMP/big.csv"
cp "$REAL" "$TMP/limited.db"
size_blocks=$(($(stat -c %s "$REAL") / 512 + 70))
(ulimit -f "$size_blocks" && run_phoihop --db "$TMP/limited.db" import "$TMP/big.csv" --kind task --agreement BT &&
  echo "$rc" >"$TMP/rc")
rc=$(cat "$TMP/rc")
# EFBIG reaches SQLite as an I/O error: 5 (or 1, should it be reported as a failed write).
case $rc in 1 | 5) ;; *) fail "import past the file size limit: exit $rc" ;; esac
names limited.db
same_db "$REAL" "$TMP/limited.db"
# A full file system: a small tmpfs in a private mount namespace (root only).
mkdir "$TMP/small"
if unshare -m true 2>/dev/null; then
  db_size_kb=$(($(stat -c %s "$REAL") / 1024))
  # shellcheck disable=SC2016 # expanded by the inner shell
  unshare -m bash -c '
    mount -t tmpfs -o size=$(('"$db_size_kb"' + 96))k tmpfs "$1" || exit 99
    cp "$2" "$1/d.db" || exit 98
    echo "old report" >"$1/r.json"
    run() { env -i PATH=/usr/bin:/bin HOME="$1/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 XDG_CONFIG_HOME="$1/config" \
      PHOIHOP_TODAY=2026-11-26 "$3" "${@:5}"; }
    run "$@" --db "$1/d.db" import "$4" --kind task --agreement BT >"$1/../full.out" 2>"$1/../full.err"
    echo $? >"$1/../full.rc"
    cmp -s "$1/d.db" "$2" && echo same >"$1/../full.cmp"
    [ -s "$1/d.db-wal" ] && echo wal >>"$1/../full.cmp"
    run "$@" --db "$2" export --format json --output "$1/r.json" >"$1/../out.out" 2>"$1/../out.err"
    echo $? >"$1/../out.rc"
    cat "$1/r.json" >"$1/../out.md"
    find "$1" -maxdepth 1 -name ".*.tmp-*" >"$1/../out.tmp"
  ' inner "$TMP/small" "$REAL" "$PHOIHOP" "$TMP/big.csv"
  if [ -e "$TMP/full.rc" ]; then
    [ "$(cat "$TMP/full.rc")" = 1 ] || fail "import on a full file system: exit $(cat "$TMP/full.rc")"
    grep -q '^phoihop: error: .*disk full.*d\.db' "$TMP/full.err" || fail "disk full error: $(cat "$TMP/full.err")"
    [ "$(cat "$TMP/full.cmp" 2>/dev/null)" = same ] || fail "the database on a full file system changed"
    [ "$(cat "$TMP/out.rc")" = 1 ] || fail "export onto a full file system: exit $(cat "$TMP/out.rc")"
    grep -q '^phoihop: error: .*r\.json.*No space left on device' "$TMP/out.err" || fail "full export error: $(cat "$TMP/out.err")"
    [ "$(cat "$TMP/out.md")" = "old report" ] || fail "the old file on a full file system changed"
    [ -s "$TMP/out.tmp" ] && fail "temporary files left on a full file system: $(cat "$TMP/out.tmp")"
  else
    note "skipped the full file system tests: cannot mount a tmpfs here"
  fi
else
  note "skipped the full file system tests: no mount namespace (unshare -m) here"
fi

# --- A network file system: a warning, and never WAL there. Only where one is mounted and writable.
nfs_dir=""
while read -r target; do
  if [ -w "$target" ] && probe=$(mktemp -d "$target/phoihop-test.XXXXXX" 2>/dev/null); then
    nfs_dir=$probe
    break
  fi
done < <(findmnt -rn -t nfs,nfs4,cifs,smb3 -o TARGET 2>/dev/null)
if [ -n "$nfs_dir" ]; then
  ok --db "$nfs_dir/n.db" agreement add X --party A --party B --period 2022
  err_has "network"
  [ "$(sqlite3 "$nfs_dir/n.db" 'PRAGMA journal_mode')" != wal ] || fail "a database on a network file system was switched to WAL"
  rm -rf "$nfs_dir"
else
  note "skipped the network file system test: no writable NFS or SMB mount here"
fi

finish
