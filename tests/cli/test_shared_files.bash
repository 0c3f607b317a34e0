#!/usr/bin/env bash
# Files phoihop writes in shared folders (issue 16): another user's symbolic
# or hard link is never written through (--output, export --output, db
# backup, a new database), no output replaces the database or its side
# files, outputs are no more open than the database, and the journals of a
# killed first command are removed by the next run. The cases with another
# user run as real users this suite creates (as root); else they say so.
source "$(dirname "$0")/lib.bash"
PATH=/usr/bin:/bin:/usr/sbin:/sbin:$PATH
umask 022

note() { echo "[$suite] note: $*"; }
# The last run failed with exit 1 and one error line naming $1 and saying $2.
refused() {
  [ "$rc" -eq 1 ] || fail "expected exit 1 (got $rc) for '$1'"
  err_lines 1
  err_has "'$1'"
  err_has "$2"
}
# The database is byte-identical to its copy and passes SQLite's check.
db_intact() {
  cmp -s "$DB" "$TMP/db.copy" || fail "the database changed: $*"
  [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] || fail "the database fails integrity_check: $*"
}
mode_is() { # FILE MODE
  [ "$(stat -c %a "$1")" = "$2" ] || fail "$1 has mode $(stat -c %a "$1"), not $2"
}

ok agreement add "Quy chế phối hợp 2022-2026" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2022-2026 --signed 01/12/2022 --code BT
ok task add "Tuyên truyền" --agreement BT --due 2026-12-31
REPORT=(report summary --period 2022-2026)

# --- An output that is the database: refused for every writer, the database intact.
cp "$DB" "$TMP/db.copy"
ln -s phoihop.db "$TMP/db-link.out"
ln "$DB" "$TMP/db-hard.out"
for target in "$DB" "$TMP/db-link.out" "$TMP/db-hard.out" "$DB-wal" "$DB-shm" "$DB-journal"; do
  for command in "${REPORT[*]}" "report tasks --period 2022" "export" "db backup"; do
    # shellcheck disable=SC2086
    case $command in
      "db backup") run_phoihop db backup "$target" ;;
      *) run_phoihop $command --output "$target" ;;
    esac
    refused "$target" "the database phoihop is using"
    db_intact "$command --output $target"
  done
done
[ -e "$DB-journal" ] && fail "an output created the database's -journal"
[ -L "$TMP/db-link.out" ] || fail "the link to the database was replaced"
rm -f "$TMP/db-link.out" "$TMP/db-hard.out"

# --- The user's own link is written through and stays a link.
echo "old" >"$TMP/real.md"
ln -s real.md "$TMP/mine.md"
ok "${REPORT[@]}" --output "$TMP/mine.md"
[ -L "$TMP/mine.md" ] || fail "the user's own link was replaced"
grep -q "Quy chế" "$TMP/real.md" || fail "the report did not go through the user's own link"
ln -s "$TMP/later.json" "$TMP/dangling.json"
ok export --format json --output "$TMP/dangling.json"
[ -s "$TMP/later.json" ] || fail "export did not create the pointee of the user's own dangling link"

# --- Modes: a 0600 database gives 0600 outputs, a 0640 one at most 0640.
chmod 600 "$DB"
echo old >"$TMP/wide.md" && chmod 644 "$TMP/wide.md"
ok "${REPORT[@]}" --output "$TMP/private.md"
mode_is "$TMP/private.md" 600
ok "${REPORT[@]}" --output "$TMP/wide.md"
mode_is "$TMP/wide.md" 600
ok export --output "$TMP/private.toml"
mode_is "$TMP/private.toml" 600
ok db backup "$TMP/private.db"
mode_is "$TMP/private.db" 600
chmod 640 "$DB"
ok "${REPORT[@]}" --output "$TMP/group.md"
mode_is "$TMP/group.md" 640
echo old >"$TMP/narrow.md" && chmod 600 "$TMP/narrow.md"
ok "${REPORT[@]}" --output "$TMP/narrow.md"
mode_is "$TMP/narrow.md" 600
chmod 644 "$DB"
ok "${REPORT[@]}" --output "$TMP/public.md"
mode_is "$TMP/public.md" 644

# --- Journals of killed runs: the next write removes them (only orphans).
mkdir "$TMP/new"
touch "$TMP/new/.first.db.tmp-AbC123-journal" "$TMP/new/.first.db.tmp-XyZ789-wal" "$TMP/new/.r.md.tmp-QwE456-journal"
ln -s "$TMP/real.md" "$TMP/new/.first.db.tmp-LnK000-shm"
ok --db "$TMP/new/first.db" db init
ok "${REPORT[@]}" --output "$TMP/new/r.md"
left=$(cd "$TMP/new" && find . -name '.*.tmp-*' ! -type l)
[ -z "$left" ] || fail "orphan journals left: $left"
[ -L "$TMP/new/.first.db.tmp-LnK000-shm" ] || fail "a link named like a journal was removed"
# A real SIGTERM while the first command builds the new database under its
# temporary name: the temporary file and its -journal both go.
python3 -c '
for i in range(20000):
    print(f"org add \"Tổ chức số {i}\"")
' >"$TMP/orgs.batch"
env -i PATH=/usr/bin:/bin HOME="$TMP/home" PHOIHOP_TODAY=2026-11-26 "$PHOIHOP" --db "$TMP/new/term.db" \
  batch "$TMP/orgs.batch" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 500); do
  [ -n "$(find "$TMP/new" -name '.term.db.tmp-*-journal' 2>/dev/null)" ] && break
  sleep 0.01
done
if [ -n "$(find "$TMP/new" -name '.term.db.tmp-*-journal')" ]; then
  kill -TERM "$pid"
  wait "$pid"
  [ $? -eq 143 ] || fail "SIGTERM did not stop the first command"
  left=$(find "$TMP/new" -name '.term.db*')
  [ -z "$left" ] || fail "SIGTERM left temporary files: $left"
  [ ! -e "$TMP/new/term.db" ] || fail "SIGTERM during the first command left a database"
else
  wait "$pid"
  note "skipped the SIGTERM case: the first command ended before its journal was seen"
fi

# --- Other users' links, hard links, FIFOs and files: real users, as root.
if ! can_switch_users; then
  note "skipped the cases with another user: they need root (useradd, setpriv)"
  finish
  exit
fi
tag=$$
group=phoihop_t_g$tag
victim=phoihop_t_v$tag
mallory=phoihop_t_m$tag
cleanup() {
  userdel "$victim" 2>/dev/null
  userdel "$mallory" 2>/dev/null
  groupdel "$group" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
groupadd "$group" || fail "groupadd failed"
useradd -M -N -g "$group" -s /usr/sbin/nologin "$victim" || fail "useradd failed"
useradd -M -N -g "$group" -s /usr/sbin/nologin "$mallory" || fail "useradd failed"
gid=$(getent group "$group" | cut -d: -f3)
victim_uid=$(id -u "$victim")
mallory_uid=$(id -u "$mallory")
as() { # USER COMMAND…: run a command as USER (with the shared group only)
  local user=$1
  shift
  setpriv --reuid="$(id -u "$user")" --regid="$gid" --clear-groups "$@"
}
# (With a time limit: a FIFO written by mistake would wait for a reader forever.)
printf '#!/bin/sh\nexec timeout 20 setpriv --reuid=%s --regid=%s --clear-groups %q "$@"\n' "$victim_uid" "$gid" \
  "$PHOIHOP" >"$TMP/phoihop-victim"
chmod 755 "$TMP" "$TMP/phoihop-victim"
PHOIHOP_ROOT=$PHOIHOP
as_victim() { PHOIHOP="$TMP/phoihop-victim"; }
as_root() { PHOIHOP=$PHOIHOP_ROOT; }

STICKY="$TMP/sticky" # like /tmp
SHARED="$TMP/shared" # a group's folder
ROOTONLY="$TMP/rootonly"
mkdir -m 1777 "$STICKY"
mkdir -m 2775 "$SHARED" && chgrp "$group" "$SHARED"
mkdir -m 755 "$ROOTONLY"
cp "$DB" "$SHARED/victim.db" && chown "$victim:$group" "$SHARED/victim.db" && chmod 600 "$SHARED/victim.db"
echo "the victim's notes" >"$SHARED/notes.txt" && chown "$victim:$group" "$SHARED/notes.txt"
echo "root's crontab" >"$ROOTONLY/crontab"
cp "$SHARED/notes.txt" "$TMP/notes.copy"
cp "$ROOTONLY/crontab" "$TMP/crontab.copy"
unchanged() { # the victims' files
  cmp -s "$SHARED/notes.txt" "$TMP/notes.copy" || fail "the victim's notes changed"
  cmp -s "$ROOTONLY/crontab" "$TMP/crontab.copy" || fail "root's crontab changed"
}
link_owner="a symbolic link owned by another user (uid $mallory_uid)"

# Mallory's links in the sticky folder to the victim's and to root's files.
as "$mallory" ln -s "$SHARED/notes.txt" "$STICKY/r.out"
as "$mallory" ln -s "$ROOTONLY/crontab" "$STICKY/root.out"
as_victim
for run in "${REPORT[*]} --output" "export --output" "db backup"; do
  # shellcheck disable=SC2086
  run_phoihop --db "$SHARED/victim.db" $run "$STICKY/r.out"
  refused "$STICKY/r.out" "$link_owner"
done
as_root
for run in "${REPORT[*]} --output" "export --output" "db backup"; do
  # shellcheck disable=SC2086
  run_phoihop $run "$STICKY/root.out"
  refused "$STICKY/root.out" "$link_owner"
done
unchanged

# Mallory's link as a folder of the path, not its last part: the report
# does not go where her link points, whatever fs.protected_symlinks says.
as "$mallory" ln -s "$ROOTONLY" "$STICKY/dirlink"
as_root
run_phoihop "${REPORT[@]}" --output "$STICKY/dirlink/planted.md"
refused "$STICKY/dirlink/planted.md" "its folder leads through the symbolic link 'dirlink', owned by another user (uid $mallory_uid)"
[ ! -e "$ROOTONLY/planted.md" ] || fail "the report went through mallory's folder link"
# The user's own folder link is followed.
ln -s "$ROOTONLY" "$TMP/mine"
ok "${REPORT[@]}" --output "$TMP/mine/own.md"
[ -s "$ROOTONLY/own.md" ] || fail "the user's own folder link was not followed"
rm -f "$ROOTONLY/own.md"

# A new database on mallory's dangling link: the pointee is never created.
as "$mallory" ln -s "$ROOTONLY/evil" "$STICKY/root.db"
as "$mallory" ln -s "$SHARED/evil.db" "$STICKY/victim.db"
as_root
run_phoihop --db "$STICKY/root.db" org add "Cron"
refused "$STICKY/root.db" "$link_owner"
[ ! -e "$ROOTONLY/evil" ] || fail "root's first write created the dangling link's pointee"
as_victim
run_phoihop --db "$STICKY/victim.db" org add "Cron"
refused "$STICKY/victim.db" "$link_owner"
[ ! -e "$SHARED/evil.db" ] || fail "the victim's first write created the dangling link's pointee"

# A chain: the victim's own link to mallory's link is refused at mallory's.
as "$victim" ln -s "$STICKY/r.out" "$SHARED/mine-to-theirs.md"
run_phoihop --db "$SHARED/victim.db" "${REPORT[@]}" --output "$SHARED/mine-to-theirs.md"
refused "$SHARED/mine-to-theirs.md" "owned by another user (uid $mallory_uid)"
unchanged

# Mallory's hard link to her own file, a FIFO and a plain file of hers.
as "$mallory" sh -c "echo mallory >'$SHARED/m.txt' && ln '$SHARED/m.txt' '$SHARED/h.md'"
as "$mallory" mkfifo -m 666 "$STICKY/fifo"
as "$mallory" sh -c "echo planted >'$STICKY/planted.md' && chmod 666 '$STICKY/planted.md'"
run_phoihop --db "$SHARED/victim.db" "${REPORT[@]}" --output "$SHARED/h.md"
refused "$SHARED/h.md" "it has 2 hard links and is owned by another user (uid $mallory_uid)"
run_phoihop --db "$SHARED/victim.db" export --output "$STICKY/fifo"
refused "$STICKY/fifo" "a device or FIFO owned by another user (uid $mallory_uid)"
run_phoihop --db "$SHARED/victim.db" "${REPORT[@]}" --output "$STICKY/planted.md"
refused "$STICKY/planted.md" "owned by another user (uid $mallory_uid) in a sticky directory"
[ "$(cat "$SHARED/m.txt")" = mallory ] || fail "mallory's hard-linked file changed"
[ "$(cat "$STICKY/planted.md")" = planted ] || fail "mallory's planted file changed"
as_root
run_phoihop "${REPORT[@]}" --output "$SHARED/h.md"
refused "$SHARED/h.md" "hard links"

# The victim's own link in the sticky folder still works; a 0600 database
# gives a 0600 report in the group's folder; a file the user may not write stays.
as_victim
as "$victim" ln -s "$SHARED/victim-report.md" "$STICKY/mine.md"
ok --db "$SHARED/victim.db" "${REPORT[@]}" --output "$STICKY/mine.md"
[ -L "$STICKY/mine.md" ] || fail "the victim's own link was replaced"
grep -q "Quy chế" "$SHARED/victim-report.md" || fail "the report did not go through the victim's own link"
mode_is "$SHARED/victim-report.md" 600
[ "$(stat -c %U "$SHARED/victim-report.md")" = "$victim" ] || fail "the report is not the victim's"
ok --db "$SHARED/victim.db" export --output "$SHARED/victim.toml"
mode_is "$SHARED/victim.toml" 600
echo "read-only" >"$SHARED/ro.md" && chown "$victim:$group" "$SHARED/ro.md" && chmod 444 "$SHARED/ro.md"
run_phoihop --db "$SHARED/victim.db" "${REPORT[@]}" --output "$SHARED/ro.md"
refused "$SHARED/ro.md" "you may not write it"
[ "$(cat "$SHARED/ro.md")" = read-only ] || fail "a read-only file was replaced"
as_root
left=$(find "$STICKY" "$SHARED" -name '.*.tmp-*')
[ -z "$left" ] || fail "temporary files left: $left"

finish
