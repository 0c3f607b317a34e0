#!/usr/bin/env bash
# batch: many command lines, one process, one transaction; errors name the line.
source "$(dirname "$0")/lib.bash"

ok agreement add "Quy chế 2018-2022" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2018-2022 --code BT-2018

# The example file: ids printed in order, one decision, names found either way.
ok batch "$SOURCE_DIR/examples/award-recipients.batch"
out_is "$(printf '1\n2\n3\n4')"
err_has "batch: 4 commands applied"
ok award list --format json
[ "$(json_eval 'len({a["decision_id"] for a in d}), [a["kind"] for a in d]')" = "(1, ['collective', 'collective', 'individual', 'individual'])" ] || fail "example batch"
[ "$(sqlite3 "$DB" 'select count(*) from org')" = 4 ] || fail "batch created duplicate organisations"

# stdin, quoting, comments, blank lines, continuations, an optional leading 'phoihop'.
cat >"$TMP/lines" <<'LINES'
# a comment

phoihop task add 'Tuyên truyền "giáo dục" thế hệ trẻ' --agreement BT-2018 --due 2019-12-31   # trailing comment
task add "Task with \"quotes\" and \$dollar" --agreement BT-2018 \
  --due 2020-06-30
task update 1 --date 2019-06-30 --progress 50
task list --agreement BT-2018 --format csv
LINES
EXTRA_ENV= run_phoihop batch - <"$TMP/lines"
[ "$rc" = 0 ] || fail "batch from stdin failed: $(cat "$TMP/stderr")"
[ "$(head -n 2 "$TMP/stdout" | tr '\n' ' ')" = "1 2 " ] || fail "ids of add lines"
ok task show 1 --format json
[ "$(json_eval 'd["title"], d["progress"]')" = "('Tuyên truyền \"giáo dục\" thế hệ trẻ', 50)" ] || fail "quoted title"
ok task show 2 --format json
[ "$(json_eval 'd["title"], d["due"]')" = "('Task with \"quotes\" and \$dollar', '2020-06-30')" ] || fail "escapes and continuation"

# All or nothing: a failing line rolls back every earlier line; the error names it.
printf 'task add "A" --agreement BT-2018\ntask add "B" --agreement BT-2018\ntask add "C" --agreement BT-2030\n' >"$TMP/bad"
unchanged_by 3 batch "$TMP/bad"
err_has "line 3:"
err_has "BT-2030"
[ "$(sqlite3 "$DB" 'select count(*) from task')" = 2 ] || fail "a failed batch kept earlier lines"
printf 'task add "A" --agreement BT-2018\ntask add "unclosed --agreement BT-2018\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
err_has "line 2:"
err_has "unclosed"
printf 'task add "A" --agreement BT-2018\n\n# c\ntask frobnicate 1\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
err_has "line 4:"
printf 'agreement add X --party A --party B --period 2022 --code BT-2018\n' >"$TMP/bad"
unchanged_by 4 batch "$TMP/bad"
printf 'batch other.txt\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
printf 'org list --db /tmp/elsewhere.db\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
printf 'task\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
unchanged_by 2 batch "$TMP/no-such-file"

printf 'task add "A" --agreement BT-2018\nundo\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
err_has "undo cannot run inside a batch"
printf 'task add "A" --agreement BT-2018 --note "a\0b"\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
err_has "NUL"
printf 'task add "A" --agreement BT-2018 \\\n' >"$TMP/bad"
unchanged_by 2 batch "$TMP/bad"
err_has "backslash"
printf '\xef\xbb\xbforg add "Sở Y tế"\n' >"$TMP/bom"
ok batch "$TMP/bom"
ok org show "so y te" --format json
[ "$(json_eval 'd["name"]')" = "Sở Y tế" ] || fail "BOM in a batch file"

# --dry-run runs and prints, then changes nothing.
printf 'task add "Dry" --agreement BT-2018\norg add "Sở Nội vụ"\n' >"$TMP/dry"
before=$(db_sum)
ok batch --dry-run "$TMP/dry"
out_is "$(printf '3\n6')"
err_has "nothing was changed"
[ "$before" = "$(db_sum)" ] || fail "--dry-run changed the database"

# Many lines in one process.
python3 -c 'import sys
for i in range(3000): print(f"task add \"Bulk {i}\" --agreement BT-2018 --code B{i}")' >"$TMP/bulk"
ok -q batch "$TMP/bulk"
[ "$(grep -c '' "$TMP/stdout")" = 3000 ] || fail "bulk ids"
[ "$(sqlite3 "$DB" "select count(*) from task where code like 'B%'")" = 3000 ] || fail "bulk rows"

# Progress: on a terminal only, and not with -q.
python3 -c 'import sys
for i in range(2500): print(f"org add \"Đơn vị {i}\"")' >"$TMP/orgs"
run_phoihop batch --dry-run "$TMP/orgs"
[ "$rc" = 0 ] || fail "orgs batch"
grep -q "batch line" "$TMP/stderr" && fail "progress shown on a pipe"
if command -v script >/dev/null; then
  env -i PATH=/usr/bin:/bin HOME="$TMP" TERM=xterm PHOIHOP_DB="$DB" XDG_CONFIG_HOME="$TMP/config" \
    script -qec "'$PHOIHOP' batch --dry-run '$TMP/orgs' >/dev/null" /dev/null >"$TMP/tty" 2>&1
  grep -q "batch line 1001 of 2500" "$TMP/tty" || fail "no progress on a terminal"
  env -i PATH=/usr/bin:/bin HOME="$TMP" TERM=xterm PHOIHOP_DB="$DB" XDG_CONFIG_HOME="$TMP/config" \
    script -qec "'$PHOIHOP' -q batch --dry-run '$TMP/orgs' >/dev/null" /dev/null >"$TMP/tty" 2>&1
  grep -q "batch line" "$TMP/tty" && fail "progress despite -q"
fi

# Lines of one shape reuse one parsed command tree: a value a line gave
# must never leak into a later line that does not give it.
cat >"$TMP/shapes" <<'LINES'
task add "Leak A" --agreement BT-2018 --code LA --note "only A" --due 2020-06-30 --lead "Sở Tài chính" --partner "Sở Tư pháp"
task add "Leak B" --agreement BT-2018
task update 1 --date 2019-03-01 --progress 10 --note "dated"
task update 2 --progress 20
task update 1 --today 2020-02-02 --progress 30
task update 2 --progress 40
task update 2 --note "by update"
task edit 2 --note "by edit"
task update 2 --note "by update again"
LINES
ok batch "$TMP/shapes"
[ "$(sqlite3 "$DB" "select note from task where id = 2")" = "by edit" ] || fail "lines of one shape but another verb"
[ "$(sqlite3 "$DB" "select count(*) from task_update where task_id = 2 and note like 'by update%' and date = '2026-11-26'")" = 2 ] ||
  fail "update lines around an edit line"
leak_b=$(sqlite3 "$DB" "select id from task where title = 'Leak B'")
[ "$(sqlite3 "$DB" "select coalesce(code,'-'), coalesce(note,'-'), coalesce(due_date,'-'), coalesce(lead_org_id,'-'), (select count(*) from task_partner where task_id = $leak_b) from task where id = $leak_b")" = "-|-|-|-|0" ] ||
  fail "a value of an earlier line leaked into a later one"
[ "$(sqlite3 "$DB" "select group_concat(date || ':' || progress || ':' || coalesce(note,'-'), ' ') from (select * from task_update where task_id = 2 and progress is not null order by id)")" = "2026-11-26:20:- 2026-11-26:40:-" ] ||
  fail "task update lines: date, note or --today leaked: $(sqlite3 "$DB" 'select * from task_update where task_id = 2')"
[ "$(sqlite3 "$DB" "select date from task_update where task_id = 1 and progress = 30")" = 2020-02-02 ] || fail "a line's --today"

# Organisations and agreements looked up once per batch are looked up again
# after a line renames, merges or re-codes them.
cat >"$TMP/cache" <<'LINES'
task add "Cache 1" --agreement BT-2018 --lead "Sở Nội vụ tạm" --code C1
org add "Sở Nội vụ"
org merge "Sở Nội vụ tạm" "Sở Nội vụ"
task add "Cache 2" --agreement BT-2018 --lead "Sở Nội vụ tạm" --code C2
agreement edit BT-2018 --code BT-18
task add "Cache 3" --agreement BT-18 --code C3
LINES
ok batch "$TMP/cache"
kept=$(sqlite3 "$DB" "select id from org where name = 'Sở Nội vụ'")
[ "$(sqlite3 "$DB" "select group_concat(lead_org_id) from task where code in ('C1', 'C2')")" = "$kept,$kept" ] ||
  fail "a merged organisation was still found under its old id"
printf 'task add "Cache 4" --agreement BT-18\nagreement edit BT-18 --code BT-2018\ntask add "Cache 5" --agreement BT-18\n' >"$TMP/bad"
before=$(db_sum)
run_phoihop batch "$TMP/bad"
[ "$rc" = 3 ] || fail "a re-coded agreement was still found by its old code (exit $rc)"
err_has "line 3:"
[ "$before" = "$(db_sum)" ] || fail "a failed batch changed the database"

# Lines written like the line before them but for their values skip CLI11's
# parse (LineRunner replays the last line's pattern): the values, repeated
# options and option-like values land as a parse would put them, and a
# value the checks refuse is reported as on a line of its own.
cat >"$TMP/pattern" <<'LINES'
task add --agreement=BT-18 --code=P1 --partner "Sở Tư pháp" --partner "Sở Y tế" -- "Pattern 1"
task add --agreement=BT-18 --code=--help --partner "Sở Y tế" --partner "Sở Tư pháp" -- "--due=2020-01-01"
task add --agreement=BT-18 --code=P3 --partner -- --partner "Sở Y tế" -- "Pattern 3"
LINES
ok batch "$TMP/pattern"
[ "$(sqlite3 "$DB" "select group_concat(code || '|' || title, ';') from (select * from task where code in ('P1', '--help') order by id)")" = "P1|Pattern 1;--help|--due=2020-01-01" ] ||
  fail "replayed values: $(sqlite3 "$DB" "select code, title from task where code in ('P1', '--help')")"
[ "$(sqlite3 "$DB" "select group_concat(o.name, ';') from task_partner tp join org o on o.id = tp.org_id join task t on t.id = tp.task_id where t.code = '--help' order by tp.rowid")" = "Sở Y tế;Sở Tư pháp" ] ||
  fail "replayed repeated options"
[ "$(sqlite3 "$DB" "select count(*) from org where name = '--'")" = 1 ] || fail "'--' as an option's value"
for bad in '-- ""' '--due=2020-13-45 -- "X"' '--target=abc -- "X"'; do
  case "$bad" in --due*|--target*) first='--due=2020-01-01 -- "Fine"'; [ "${bad#--target}" != "$bad" ] && first='--target=1 -- "Fine"';; *) first='-- "Fine"';; esac
  printf 'task add --agreement=BT-18 --code=Q %s\n' "$bad" >"$TMP/alone"
  run_phoihop batch "$TMP/alone"
  alone_rc=$rc
  alone=$(sed 's/line 1:/line N:/' "$TMP/stderr")
  printf 'task add --agreement=BT-18 --code=Q %s\ntask add --agreement=BT-18 --code=Q %s\n' "$first" "$bad" >"$TMP/second"
  unchanged_by "$alone_rc" batch "$TMP/second"
  [ "$(sed 's/line 2:/line N:/' "$TMP/stderr")" = "$alone" ] ||
    fail "a replayed line's error differs from the line's own: $(cat "$TMP/stderr") vs $alone"
done

# A bulk batch is one invocation: undo takes every line back.
tasks_before=$(sqlite3 "$DB" 'select count(*) from task')
python3 -c 'for i in range(500): print(f"task add \"Undo {i}\" --agreement BT-18 --lead \"Sở Xây dựng\" --partner \"Sở Tư pháp\" --code U{i}")' >"$TMP/undo"
ok -q batch "$TMP/undo"
[ "$(sqlite3 "$DB" 'select count(*) from task')" = $((tasks_before + 500)) ] || fail "bulk for undo"
ok undo
[ "$(sqlite3 "$DB" 'select count(*) from task')" = "$tasks_before" ] || fail "undo of a bulk batch"
[ "$(sqlite3 "$DB" "select count(*) from org where name = 'Sở Xây dựng'")" = 0 ] || fail "undo kept the created organisation"

finish
