#!/usr/bin/env bash
# The database file under a running command and in a shared office folder:
# readers who may not write leave nothing beside it, members of the office's
# group share its side files, a write whose file was replaced or deleted
# fails instead of losing its change, reads need no free space and a write
# on a full disk is "disk full" with the database unchanged, a read-only
# filesystem is readable. The multi-user cases run as users this suite
# creates and removes; they and the mounts need root, and are skipped with a
# message otherwise.
source "$(dirname "$0")/lib.bash"

ok org add "UBND tỉnh Bến Tre"
ok org add "Tỉnh đoàn Bến Tre"
ok agreement add "Chương trình phối hợp" --code BT-2022 --party 1 --party 2 --from 2022-01-01 --to 2026-12-31
cp "$DB" "$TMP/seed.db"

# 60,000 task rows: an import that runs long enough to be interfered with.
python3 -c '
print("title,lead")
for i in range(60000):
    print(f"Nhiệm vụ {i},Tỉnh đoàn Bến Tre")' >"$TMP/big.csv"

tasks_in() { sqlite3 "$1" "SELECT count(*) FROM task"; }

# --- A database replaced or deleted under a running write -------------------
# `mv backup.db d.db` (a restore) while an import runs: the import must fail
# with exit 5, and the restored file must keep exactly its own contents — no
# leftover -wal of the import replayed onto it by the next run. The import
# stops itself after 1,000 rows (a test-only hook), the file is replaced,
# and it goes on.
# paused_import: starts the import, waits until it has stopped itself.
paused_import() {
  (
    EXTRA_ENV="PHOIHOP_CRASH_AT=write:1000 PHOIHOP_CRASH_SIGNAL=STOP" \
      run_phoihop import "$TMP/big.csv" --kind task --agreement BT-2022
    exit "$rc"
  ) &
  pid=$!
  for _ in $(seq 500); do
    [ "$(ps -o stat= -p "$(pgrep -P "$pid" -n phoihop || echo 0)" 2>/dev/null | cut -c1)" = T ] && return
    sleep 0.02
  done
  fail "the import never reached its pause"
}
resume_import() {
  pkill -CONT -P "$pid" phoihop
  wait "$pid"
  rc=$?
}
for replace in "mv" "cp" "cp-in-place"; do
  cp "$TMP/seed.db" "$DB"
  cp "$TMP/seed.db" "$TMP/backup.db"
  sqlite3 "$TMP/backup.db" "UPDATE org SET note = 'from the backup' WHERE id = 1"
  paused_import
  case $replace in
    mv) mv "$TMP/backup.db" "$DB" ;;
    cp) rm "$DB" && cp "$TMP/backup.db" "$DB" ;; # a new file under the name: a new inode
    cp-in-place) cp "$TMP/backup.db" "$DB" ;;    # the same inode, its content overwritten
  esac
  resume_import
  [ "$rc" -eq 5 ] || fail "import under a restore ($replace): exit $rc, expected 5"
  err_has "while this command ran; nothing was written to it"
  err_lines 1
  [ -s "$TMP/stdout" ] && fail "the import printed a result"
  ok org show 1
  out_has "from the backup"
  [ "$(tasks_in "$DB")" = 0 ] || fail "the restored file got the import's rows ($replace)"
  ok db check
  [ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] || fail "the restored file is damaged ($replace)"
done

# Deleted under the write: exit 5, nothing left behind that a new file would take.
cp "$TMP/seed.db" "$DB"
paused_import
rm -f "$DB"
resume_import
[ "$rc" -eq 5 ] || fail "import of a deleted database: exit $rc, expected 5"
err_has "was replaced or deleted"
[ ! -e "$DB-wal" ] && [ ! -e "$DB-shm" ] || fail "the deleted database's side files are left for a new file to take"
cp "$TMP/seed.db" "$DB"

# Moved away (renamed, not deleted): the file under its new name keeps what
# it had committed, the write is refused.
cp "$TMP/seed.db" "$DB"
ok org add "Sở Công Thương"
paused_import
mv "$DB" "$TMP/moved.db"
resume_import
[ "$rc" -eq 5 ] || fail "import of a moved database: exit $rc, expected 5"
[ "$(sqlite3 "$TMP/moved.db" "SELECT count(*) FROM org WHERE name = 'Sở Công Thương'")" = 1 ] ||
  fail "the moved file lost a committed change"
cp "$TMP/seed.db" "$DB"

# --- db restore: a backup put in place while others use the database --------
cp "$TMP/seed.db" "$DB"
ok db backup "$TMP/restore-me.db"
ok org add "Sở Công Thương"        # after the backup: the restore takes it away
ino=$(stat -c %i "$DB")
chmod 640 "$DB"
ok db restore "$TMP/restore-me.db"
err_has "restored '$DB' from '$TMP/restore-me.db'"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM org WHERE name = 'Sở Công Thương'")" = 0 ] ||
  fail "the restore kept a record made after the backup"
[ "$(stat -c %i:%a "$DB")" = "$ino:640" ] || fail "the restore replaced the file or its mode"
ok db check
# Readers and writers that come after see the restored database; one that
# held its write lock past the busy timeout makes the restore wait, then fail
# with exit 5 and nothing changed.
ok org add "Sở Công Thương"
paused_import
printf '[database]\nbusy_timeout = 200\n' >"$TMP/fast.toml"
EXTRA_ENV="PHOIHOP_CONFIG=$TMP/fast.toml" fails 5 db restore "$TMP/restore-me.db"
err_has "is busy"
resume_import
[ "$rc" -eq 0 ] || fail "the import paused during a refused restore failed (rc $rc)"
[ "$(tasks_in "$DB")" = 60000 ] || fail "the import lost rows to a refused restore"
ok db restore "$TMP/restore-me.db"
[ "$(tasks_in "$DB")" = 0 ] || fail "the restore after the import kept its rows"
# A backup that is not a sound phoihop database is refused naming it, the
# database unchanged and the backup untouched.
printf 'not a database' >"$TMP/text.db"
cp "$TMP/restore-me.db" "$TMP/view.db"
sqlite3 "$TMP/view.db" "CREATE VIEW sneaky AS SELECT 1"
cp "$TMP/restore-me.db" "$TMP/torn.db"
dd if=/dev/urandom of="$TMP/torn.db" bs=4096 seek=5 count=2 conv=notrunc 2>/dev/null
for bad in text view torn missing; do
  sum=$(cat "$TMP/$bad.db" 2>/dev/null | sha256sum)
  unchanged_by 5 db restore "$TMP/$bad.db"
  err_has "$TMP/$bad.db"
  [ "$(cat "$TMP/$bad.db" 2>/dev/null | sha256sum)" = "$sum" ] || fail "the backup $bad.db was changed"
done
unchanged_by 2 db restore "$DB"
# No database yet: the backup becomes it. A damaged one is not written over.
DB="$TMP/new.db" ok db restore "$TMP/restore-me.db"
DB="$TMP/new.db" ok db check
printf 'scribbled over' >"$TMP/damaged.db"
DB="$TMP/damaged.db" fails 5 db restore "$TMP/restore-me.db"
err_has "move it aside"
[ "$(cat "$TMP/damaged.db")" = "scribbled over" ] || fail "a damaged database was written over"
# The user's own link at the database's path is followed, as by every command.
ln -s "$DB" "$TMP/link.db"
DB="$TMP/link.db" ok db restore "$TMP/restore-me.db"
[ -L "$TMP/link.db" ] || fail "restore through the user's own link replaced the link"
# A backup made by an older phoihop comes back at this version's schema.
sqlite3 "$TMP/old.db" <"$SOURCE_DIR/tests/data/schema4.sql" >/dev/null
ok db restore "$TMP/old.db"
[ "$(sqlite3 "$DB" "PRAGMA user_version")" = "$(sqlite3 "$TMP/new.db" "PRAGMA user_version")" ] ||
  fail "an old backup was not brought to this version's schema"
ok db check
cp "$TMP/seed.db" "$DB"

if ! can_switch_users; then
  echo "test_database_file: multi-user, full-disk and read-only-filesystem cases skipped (need root)"
  finish
  exit
fi

# --- Users and a shared office folder ----------------------------------------
tag=$$
office=phs_office_$tag
owner=phs_owner_$tag
member=phs_member_$tag
reader=phs_reader_$tag
mounts=()
cleanup_users() {
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
  for u in "$owner" "$member" "$reader"; do userdel "$u" 2>/dev/null; done
  groupdel "$office" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup_users EXIT
groupadd "$office"
useradd -M -N -g users -G "$office" -s /usr/sbin/nologin "$owner"
useradd -M -N -g users -G "$office" -s /usr/sbin/nologin "$member"
useradd -M -N -g users -s /usr/sbin/nologin "$reader"
chmod 755 "$TMP"

# by USER COMMAND…: a command run by USER, with their groups.
by() {
  local user=$1
  shift
  setpriv --reuid="$user" --regid=users --init-groups "$@"
}
# as USER ARGS…: phoihop run by USER, in the cleared environment.
as() {
  local user=$1
  shift
  by "$user" env -i PATH=/usr/bin:/bin HOME=/nonexistent \
    TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 XDG_CONFIG_HOME=/nonexistent PHOIHOP_TODAY=2026-11-26 \
    "$PHOIHOP" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
}

# The folder as the README sets it up: the office's group, setgid, group-writable.
shared="$TMP/office"
mkdir "$shared"
chgrp "$office" "$shared"
chmod 2775 "$shared"
sdb="$shared/phoihop.db"
cp "$TMP/seed.db" "$sdb"
chown "$owner:$office" "$sdb"
chmod 640 "$sdb" # the owner writes, the office reads

# A member who may only read leaves no side file, and reads what is committed.
as "$member" --db "$sdb" org list
[ "$rc" -eq 0 ] || fail "a group member who may only read cannot (rc $rc): $(cat "$TMP/stderr")"
out_has "Tỉnh đoàn Bến Tre"
[ ! -e "$sdb-wal" ] && [ ! -e "$sdb-shm" ] || fail "a reader left side files: $(ls -l "$shared")"
as "$reader" --db "$sdb" org list # not in the group: cannot read at all
[ "$rc" -eq 5 ] || fail "an outsider read the office's database (rc $rc)"
# …so the owner's next write goes through.
as "$owner" --db "$sdb" org add "Sở Y tế"
[ "$rc" -eq 0 ] || fail "the owner's write after a reader failed (rc $rc): $(cat "$TMP/stderr")"

# While the owner's writer holds committed changes in its -wal (not yet
# folded into the file), a member who may only read sees them, through the
# writer's -wal and -shm, and still creates nothing.
fifo="$TMP/hold"
mkfifo "$fifo"
by "$owner" sqlite3 "$sdb" <"$fifo" >/dev/null &
holder=$!
exec 9>"$fifo"
echo "UPDATE org SET note = 'committed in the writer''s -wal' WHERE id = 2;" >&9
for _ in $(seq 100); do [ -s "$sdb-wal" ] && break; sleep 0.05; done
owner_wal=$(stat -c %U "$sdb-wal" 2>/dev/null)
as "$member" --db "$sdb" org show 2
[ "$rc" -eq 0 ] || fail "a reader beside a live writer failed (rc $rc): $(cat "$TMP/stderr")"
out_has "committed in the writer's -wal"
[ "$(stat -c %U "$sdb-wal")" = "$owner_wal" ] && [ "$(stat -c %U "$sdb-shm")" = "$owner" ] ||
  fail "the reader took over the writer's side files"
exec 9>&-
wait "$holder"

# Members who may write (a group-writable database) share the side files:
# each gets the database's group, so whoever writes next can use them.
chmod 660 "$sdb"
as "$member" --db "$sdb" org add "Sở Tư pháp"
[ "$rc" -eq 0 ] || fail "a member's write failed (rc $rc): $(cat "$TMP/stderr")"
as "$owner" --db "$sdb" org add "Sở Tài chính"
[ "$rc" -eq 0 ] || fail "the owner's write after a member's failed (rc $rc): $(cat "$TMP/stderr")"
# Side files left by a member (another connection keeps them) carry the group.
nosgid="$TMP/plain"
mkdir "$nosgid"
chgrp "$office" "$nosgid"
chmod 775 "$nosgid"
cp "$sdb" "$nosgid/p.db"
chown "$owner:$office" "$nosgid/p.db"
chmod 660 "$nosgid/p.db"
mkfifo "$TMP/hold2"
by "$owner" sqlite3 "$nosgid/p.db" <"$TMP/hold2" >/dev/null &
holder=$!
exec 9>"$TMP/hold2"
echo "SELECT 1;" >&9
as "$member" --db "$nosgid/p.db" org add "Sở Nội vụ"
[ "$rc" -eq 0 ] || fail "a member's write in a folder without setgid failed (rc $rc): $(cat "$TMP/stderr")"
for side in -wal -shm; do
  [ ! -e "$nosgid/p.db$side" ] || [ "$(stat -c %G "$nosgid/p.db$side")" = "$office" ] ||
    fail "p.db$side has group $(stat -c %G "$nosgid/p.db$side"), not the database's"
done
exec 9>&-
wait "$holder"

# An existing database reached through a link: a write follows the user's
# own link, never another user's (who could point it at any of the user's
# files, an empty one becoming a database).
sticky="$TMP/sticky"
mkdir "$sticky"
chmod 1777 "$sticky"
cp "$TMP/seed.db" "$sticky/owners.db"
chown "$owner:users" "$sticky/owners.db"
by "$member" ln -s "$sticky/owners.db" "$sticky/planted.db"
by "$owner" ln -s "$sticky/owners.db" "$sticky/mine.db"
sum=$(sha256sum <"$sticky/owners.db")
as "$owner" --db "$sticky/planted.db" org add "Sở Xây dựng"
[ "$rc" -eq 1 ] || fail "a write through another user's link: exit $rc, expected 1"
grep -q "planted.db" "$TMP/stderr" || fail "the refusal does not name the link"
[ "$(sha256sum <"$sticky/owners.db")" = "$sum" ] || fail "a write went through another user's link"
as "$owner" --db "$sticky/mine.db" org add "Sở Xây dựng"
[ "$rc" -eq 0 ] || fail "a write through the user's own link failed (rc $rc): $(cat "$TMP/stderr")"

# --- A full disk ---------------------------------------------------------------
# A small tmpfs filled to several levels: reads always work; a write fails
# with exit 1 "disk full" and the database is unchanged.
full="$TMP/full"
mkdir "$full"
if mount -t tmpfs -o size=2m tmpfs "$full" 2>/dev/null; then
  mounts+=("$full")
  for free_kib in 0 8 24 40 200; do
    rm -f "$full"/*
    cp "$TMP/seed.db" "$full/d.db"
    # Fill the disk, then free the level wanted.
    dd if=/dev/zero of="$full/fill" bs=4k 2>/dev/null
    truncate -s "-$((free_kib * 1024))" "$full/fill" 2>/dev/null || rm -f "$full/fill"
    sum=$(sha256sum <"$full/d.db")
    run_phoihop --db "$full/d.db" org list
    [ "$rc" -eq 0 ] || fail "a read with $free_kib KiB free failed (rc $rc): $(cat "$TMP/stderr")"
    out_has "Tỉnh đoàn Bến Tre"
    run_phoihop --db "$full/d.db" report summary --period 2022 --format json
    [ "$rc" -eq 0 ] || fail "a report with $free_kib KiB free failed (rc $rc): $(cat "$TMP/stderr")"
    echo "the old report" >"$full/r.md" 2>/dev/null
    run_phoihop --db "$full/d.db" report summary --period 2022 --output "$full/r.md"
    if [ "$free_kib" -lt 8 ]; then # a report of a few KiB fits in 8 KiB and more
      [ "$rc" -eq 1 ] || fail "a report onto a full disk: exit $rc, expected 1"
      err_has "disk full"
      err_lines 1
    fi
    run_phoihop --db "$full/d.db" import "$TMP/big.csv" --kind task --agreement BT-2022
    [ "$rc" -eq 1 ] || fail "a big write with $free_kib KiB free: exit $rc, expected 1"
    err_has "disk full"
    err_lines 1
    [ "$(sha256sum <"$full/d.db")" = "$sum" ] || fail "the database changed on a full disk ($free_kib KiB)"
    rm -f "$full/fill"
    ok --db "$full/d.db" db check
    [ "$(tasks_in "$full/d.db")" = 0 ] || fail "part of a refused write is in the database"
  done
  umount "$full"
else
  echo "test_database_file: full-disk cases skipped (cannot mount a tmpfs here)"
fi

# --- No $HOME ------------------------------------------------------------------
# A service or cron job without HOME: the default database is in the home the
# password database gives, never /.local/share/…
nohome() { # ARGS…: phoihop without HOME, XDG_DATA_HOME or PHOIHOP_DB
  env -i PATH=/usr/bin:/bin TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 PHOIHOP_TODAY=2026-11-26 \
    XDG_CONFIG_HOME=/nonexistent "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
}
home=$(getent passwd "$(id -u)" | cut -d: -f6)
nohome "$PHOIHOP" config show --format csv
[ "$rc" -eq 0 ] || fail "config show without HOME failed (rc $rc)"
out_has "database.path,$home/.local/share/phoihop/phoihop.db,default"
# Without a home at all (a uid the password database does not know): one line naming what to set.
uid=54321
while getent passwd "$uid" >/dev/null; do uid=$((uid + 1)); done
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  nohome setpriv --reuid="$uid" --regid="$uid" --clear-groups "$PHOIHOP" task list
  [ "$rc" -eq 2 ] || fail "no home: expected exit 2, got $rc"
  err_lines 1
  err_has "phoihop: error: no database file: \$HOME is unset and the password database has no home for user $uid; set PHOIHOP_DB or give --db"
  [ -e /.local ] && fail "a database was made under /.local"
  chmod 755 "$TMP"
  mkdir -m 777 "$TMP/nohome"
  nohome setpriv --reuid="$uid" --regid="$uid" --clear-groups "$PHOIHOP" --db "$TMP/nohome/n.db" org add "Sở Y tế"
  [ "$rc" -eq 0 ] || fail "no home with --db failed (rc $rc): $(cat "$TMP/stderr")"
  mkdir -p "$TMP/cfg" && printf '[database]\npath = "~/x.db"\n' >"$TMP/cfg/tilde.toml" && chmod -R a+rX "$TMP/cfg"
  nohome setpriv --reuid="$uid" --regid="$uid" --clear-groups "$PHOIHOP" --config "$TMP/cfg/tilde.toml" task list
  [ "$rc" -eq 2 ] || fail "~/ without a home: expected exit 2, got $rc"
  err_lines 1
  err_has "database.path '~/x.db' starts with ~/, but there is no home directory"
else
  echo "test_database_file: no-home cases skipped (not root)"
fi

# --- A read-only filesystem ---------------------------------------------------
# A database copied with its empty -wal and no -shm (as an archive or a
# snapshot holds it) is readable; so is one with neither.
ro="$TMP/ro"
mkdir "$ro"
if mount -t tmpfs -o size=4m tmpfs "$ro" 2>/dev/null; then
  mounts+=("$ro")
  cp "$TMP/seed.db" "$ro/d.db"
  : >"$ro/d.db-wal"
  cp "$TMP/seed.db" "$ro/e.db"
  mount -o remount,ro "$ro"
  for db in d e; do
    run_phoihop --db "$ro/$db.db" org list
    [ "$rc" -eq 0 ] || fail "$db.db on a read-only filesystem is unreadable (rc $rc): $(cat "$TMP/stderr")"
    out_has "Tỉnh đoàn Bến Tre"
  done
  fails 5 --db "$ro/e.db" org add "Sở Xây dựng"
  err_has "read-only"
  umount "$ro"
else
  echo "test_database_file: read-only filesystem cases skipped (cannot mount a tmpfs here)"
fi

finish
