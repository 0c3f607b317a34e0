#!/usr/bin/env bash
# History: every change recorded with its command line; undo reverts the last
# invocation as a whole (a batch is one) and refuses when a later change depends on it.
source "$(dirname "$0")/lib.bash"

ok agreement add "Quy chế" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2022-2026 --code BT
ok task add "Tuyên truyền" --agreement BT --due 2026-12-31
ok task update 1 --date 2023-03-01 --progress 40 --note "Quý I"
ok org rename "Tỉnh đoàn Bến Tre" "Tỉnh đoàn tỉnh Bến Tre"
ok org list -q # reads are not recorded

ok log --format json
python3 - "$TMP/stdout" <<'PY' || fail "log content"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
invocations = []
for c in d:
    if c["invocation"] not in [i for i, _ in invocations]:
        invocations.append((c["invocation"], c["command"]))
assert [cmd for _, cmd in invocations] == [
    "org rename 'Tỉnh đoàn Bến Tre' 'Tỉnh đoàn tỉnh Bến Tre'",
    "task update 1 --date 2023-03-01 --progress 40 --note 'Quý I'",
    "task add 'Tuyên truyền' --agreement BT --due 2026-12-31",
    "agreement add 'Quy chế' --party 'UBND tỉnh Bến Tre' --party 'Tỉnh đoàn Bến Tre' --period 2022-2026 --code BT",
], invocations
rename = [c for c in d if c["table"] == "org" and c["op"] == "update"][0]
assert json.loads(rename["before"])["name"] == "Tỉnh đoàn Bến Tre"
assert json.loads(rename["after"])["name"] == "Tỉnh đoàn tỉnh Bến Tre"
PY
ok log --entity task --id 1 --format csv
[ "$(csv_field 0 table) $(csv_field 0 op)" = "task insert" ] || fail "log --entity task --id 1"
[ "$(csv_field 0 command)" = "task add 'Tuyên truyền' --agreement BT --due 2026-12-31" ] || fail "log command"
ok log --limit 1
out_has "org rename"
out_lacks "task add"
unchanged_by 2 log --limit 0
unchanged_by 2 log --entity person
unchanged_by 2 log --id 1

# Undo, newest first; --dry-run changes nothing.
before=$(db_sum)
ok undo --dry-run
out_is 4
err_has "would undo #4"
[ "$before" = "$(db_sum)" ] || fail "undo --dry-run changed the database"
ok undo
out_is 4
ok org show 2 --format json
[ "$(json_eval 'd["name"], d["aliases"]')" = "('Tỉnh đoàn Bến Tre', [])" ] || fail "rename not undone"
ok undo
ok task show 1 --format json
[ "$(json_eval 'd["progress"], d["log"]')" = "(0, [])" ] || fail "update not undone"

# A whole batch is one undo.
printf 'task add "B1" --agreement BT\ntask add "B2" --agreement BT\norg add "Sở Nội vụ"\n' >"$TMP/b"
ok batch "$TMP/b"
ok undo
[ "$(sqlite3 "$DB" "select count(*) from task where title like 'B%'")" = 0 ] || fail "batch not undone as a whole"
[ "$(sqlite3 "$DB" "select count(*) from org where name = 'Sở Nội vụ'")" = 0 ] || fail "batch org not undone"

# A change made behind phoihop's back: undo refuses, naming the record, and changes nothing.
sqlite3 "$DB" "UPDATE task SET title = 'edited elsewhere' WHERE id = 1"
unchanged_by 4 undo
err_has "task #1 was changed"
sqlite3 "$DB" "UPDATE task SET title = 'Tuyên truyền' WHERE id = 1"
ok undo # the task add
ok undo # the agreement add, with its new organisations
[ "$(sqlite3 "$DB" 'select (select count(*) from agreement) + (select count(*) from org) + (select count(*) from task)')" = 0 ] || fail "not everything undone"
unchanged_by 3 undo
err_has "nothing to undo"
[ "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "dangling references after undo"

# A delete with cascades comes back whole.
ok agreement add "Q2" --party A --party B --period 2023 --code Q2
ok task add "T" --agreement Q2
t=$(out)
ok task update "$t" --date 2023-05-01 --progress 10
ok agreement delete Q2 --force
ok undo
ok task show "$t" --format json
[ "$(json_eval 'd["agreement"], d["progress"]')" = "('Q2', 10)" ] || fail "cascade not restored"

finish
