#!/usr/bin/env bash
# merge OTHER_DB: another office's database brought in, matched by uid
# (organisations also by folded name); conflicts listed, or settled with
# --prefer; the other file is opened read-only and never changed.
source "$(dirname "$0")/lib.bash"

counts() { sqlite3 "$1" 'select (select count(*) from org), (select count(*) from agreement), (select count(*) from agreement_party), (select count(*) from task), (select count(*) from meeting), (select count(*) from award_recipient), (select count(*) from org_alias)'; }
other_sum() { sha256sum <"$1"; }

env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="$DB" PHOIHOP_TODAY=2026-11-26 sh "$SOURCE_DIR/examples/bentre.sh" "$PHOIHOP" >/dev/null 2>&1 || fail "bentre.sh"
bentre_counts=$(counts "$DB")

# The same example in a second database (the same records, the same uids).
ok export --output "$TMP/bentre.toml"
SAME="$TMP/same.db"
ok --db "$SAME" import "$TMP/bentre.toml"
same_sum=$(other_sum "$SAME")
before=$(sqlite3 "$DB" .dump | sha256sum)
ok merge "$SAME"
out_is ""
err_has "merge: 0 added,"
err_has "0 conflicts settled"
[ "$before" = "$(sqlite3 "$DB" .dump | sha256sum)" ] || fail "merging an identical database changed the database"
[ "$(counts "$DB")" = "$bentre_counts" ] || fail "identical merge changed row counts"
[ "$(other_sum "$SAME")" = "$same_sum" ] || fail "merge changed the other file"

# A second district with its own agreement, naming the youth union its own way.
D2="$TMP/district.db"
ok --db "$D2" agreement add "Quy chế phối hợp giữa UBND huyện Chợ Lách và Tỉnh đoàn" \
  --party "UBND huyện Chợ Lách" --party "tinh doan ben tre" --period 2024-2026 --code CL-2024
d2_sum=$(other_sum "$D2")
ok merge "$D2" --dry-run
err_has "dry run: merge: "
[ "$(counts "$DB")" = "$bentre_counts" ] || fail "merge --dry-run changed the database"
ok merge "$D2"
err_has "merge: 4 added, 1 identical"
[ "$(other_sum "$D2")" = "$d2_sum" ] || fail "merge changed the other file"
ok agreement show CL-2024 --format json
out_has "Tỉnh đoàn Bến Tre"
out_has "UBND huyện Chợ Lách"
[ "$(sqlite3 "$DB" "select count(*) from org where name_key like '%ben tre%' and name_key like '%doan%'")" = 1 ] \
  || fail "the youth union was not matched by folded name"
[ "$(sqlite3 "$DB" 'select count(*) from org')" = "$(( $(sqlite3 "$SAME" 'select count(*) from org') + 1 ))" ] \
  || fail "merge added more than the one new organisation"
# Merging again: nothing new.
ok merge "$D2"
err_has "merge: 0 added"

# The same agreement edited differently in both: a conflict, nothing changed.
ok agreement edit BT-2022 --note "ours"
ok --db "$SAME" agreement edit BT-2022 --note "theirs"
ok --db "$SAME" agreement add "Chương trình phối hợp mới" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2026 --code BT-2026
same_sum=$(other_sum "$SAME")
unchanged_by 4 merge "$SAME"
err_has "conflicting field"
err_has "agreement "
err_has "(BT-2022): note: ours 'ours' vs theirs 'theirs'"
err_has "--prefer"
[ "$(other_sum "$SAME")" = "$same_sum" ] || fail "a refused merge changed the other file"
unchanged_by 4 merge "$SAME" --dry-run
unchanged_by 2 merge "$SAME" --prefer mine

# --prefer ours keeps ours, adds what is new.
ok merge "$SAME" --prefer ours --dry-run
err_has "1 conflict settled (kept ours)"
[ "$(sqlite3 "$DB" "select count(*) from agreement where code = 'BT-2026'")" = 0 ] || fail "--dry-run kept the new agreement"
ok merge "$SAME" --prefer ours
err_has "3 added"
err_has "1 conflict settled (kept ours)"
[ "$(sqlite3 "$DB" "select note from agreement where code = 'BT-2022'")" = "ours" ] || fail "--prefer ours lost ours"
[ "$(sqlite3 "$DB" "select count(*) from agreement where code = 'BT-2026'")" = 1 ] || fail "--prefer ours did not add the new agreement"

# --prefer theirs takes theirs; one merge is one undo.
ok merge "$SAME" --prefer theirs
err_has "1 conflict settled (took theirs)"
[ "$(sqlite3 "$DB" "select note from agreement where code = 'BT-2022'")" = "theirs" ] || fail "--prefer theirs did not take theirs"
ok undo
[ "$(sqlite3 "$DB" "select note from agreement where code = 'BT-2022'")" = "ours" ] || fail "undo of a merge"
[ "$(other_sum "$SAME")" = "$same_sum" ] || fail "merge changed the other file"

# The other file must be a phoihop database this build reads: else exit 5, naming it.
unchanged_by 5 merge "$TMP/missing.db"
err_has "missing.db"
[ -e "$TMP/missing.db" ] && fail "merge created the other file"
sqlite3 "$TMP/foreign.db" 'create table t (x); insert into t values (1)'
foreign_sum=$(other_sum "$TMP/foreign.db")
unchanged_by 5 merge "$TMP/foreign.db"
err_has "foreign.db"
err_has "not a phoihop database"
[ "$(other_sum "$TMP/foreign.db")" = "$foreign_sum" ] || fail "merge changed a foreign file"
cp "$SAME" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" 'pragma user_version = 999'
newer_sum=$(other_sum "$TMP/newer.db")
unchanged_by 5 merge "$TMP/newer.db"
err_has "newer.db"
err_has "newer phoihop"
[ "$(other_sum "$TMP/newer.db")" = "$newer_sum" ] || fail "merge changed a newer file"
fails 2 merge
unchanged_by 2 merge "$DB"

# A file that is not a database is named in the error, not ours.
printf 'hello, not a database at all, padded to be long enough for a header check\n' >"$TMP/notdb.db"
fails 5 merge "$TMP/notdb.db"
err_has "notdb.db"

finish
