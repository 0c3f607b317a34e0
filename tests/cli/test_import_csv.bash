#!/usr/bin/env bash
# CSV import of tasks, award recipients and organisations as offices keep them.
source "$(dirname "$0")/lib.bash"

ok agreement add "Quy chế 2018-2022" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2018-2022 --code BT-2018
ok agreement renew BT-2018 --period 2022-2026 --signed 01/12/2022 --code BT-2022

# The example batch: an Excel CSV (BOM, ';', Vietnamese headers) loaded under one decision.
(cd "$SOURCE_DIR" && run_phoihop batch examples/award-recipients-from-csv.batch)
[ "$rc" = 0 ] || fail "example batch failed: $(cat "$TMP/stderr")"
python3 - "$TMP/stdout" <<'PY' || fail "example recipients"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 15, len(rows)
assert sum(r["kind"] == "collective" for r in rows) == 6 and sum(r["kind"] == "individual" for r in rows) == 9
assert {r["decision_date"] for r in rows} == {"2022-12-01"} and {r["agreement"] for r in rows} == {"BT-2018"}
PY
[ "$(sqlite3 "$DB" 'select count(*) from award_decision')" = 1 ] || fail "not one decision"

# Tasks: headers matched ignoring case and accents, quoted newlines, CRLF, partners split on ';'.
printf 'Title,Code,LEAD,partner,due,note\r\n"Tuyên truyền, giáo dục",1,tinh doan ben tre,"UBND tỉnh Bến Tre;Sở Tư pháp",31/12/2026,"dòng 1\r\ndòng 2"\r\nXây dựng chính sách,2,,,2026-12-31,\r\n' >"$TMP/tasks.csv"
ok import "$TMP/tasks.csv" --kind task --agreement BT-2022
out_is ""
err_has "imported 2 tasks"
ok task show 1 --format json
[ "$(json_eval 'd["title"], d["lead"], d["partners"], d["note"]')" = \
  "('Tuyên truyền, giáo dục', 'Tỉnh đoàn Bến Tre', ['UBND tỉnh Bến Tre', 'Sở Tư pháp'], 'dòng 1\\ndòng 2')" ] || fail "task row"

# --map, --skip-unknown, --delimiter.
printf 'Tên nhiệm vụ\tHạn\tGhi chú riêng\nGiám sát chính sách\t30/06/2025\tx\n' >"$TMP/tab.csv"
unchanged_by 2 import "$TMP/tab.csv" --kind task --agreement BT-2022 --delimiter tab --map "Tên nhiệm vụ=title" --map "Hạn=due"
err_has "Ghi chú riêng"
ok import "$TMP/tab.csv" --kind task --agreement BT-2022 --delimiter tab --map "Tên nhiệm vụ=title" --map "Hạn=due" --skip-unknown
ok task list --search "giam sat" --format json
[ "$(json_eval 'd[0]["due"]')" = 2025-06-30 ] || fail "--map"

# Organisations.
printf 'name,short_name,kind\nSở Nội vụ,SNV,department\nCông an tỉnh,,\n' >"$TMP/orgs.csv"
unchanged_by 2 import "$TMP/orgs.csv" --kind org
printf 'name,short,kind\nSở Nội vụ,SNV,department\nCông an tỉnh,,\n' >"$TMP/orgs.csv"
ok import "$TMP/orgs.csv" --kind org
ok org show snv --format json
[ "$(json_eval 'd["name"], d["kind"]')" = "('Sở Nội vụ', 'department')" ] || fail "org import"

# Rows alike but for their values (the runner replays the first row's
# parse): option-like cells stay values, partners keep their order.
printf 'title,code,partner\nRow one,AL1,Sở Y tế;Sở Tư pháp\n--help,--code=AL2,Sở Tư pháp;Sở Y tế\n' >"$TMP/alike.csv"
ok import "$TMP/alike.csv" --kind task --agreement BT-2022
ok task list --agreement BT-2022 --format json
[ "$(json_eval '[(t["title"], t["code"], t["partners"]) for t in d if t["code"] in ("AL1", "--code=AL2")]')" = "[('Row one', 'AL1', ['Sở Y tế', 'Sở Tư pháp']), ('--help', '--code=AL2', ['Sở Tư pháp', 'Sở Y tế'])]" ] ||
  fail "alike rows: $(out)"

# Bad files: refused with the line, nothing imported.
printf 'title,due\nA,2026-01-01\nB,31/04/2026\n' >"$TMP/bad.csv"
unchanged_by 2 import "$TMP/bad.csv" --kind task --agreement BT-2022
err_has "line 3"
err_has "31/04/2026"
printf 'title,due\nA,2026-01-01,extra\n' >"$TMP/bad.csv"
unchanged_by 2 import "$TMP/bad.csv" --kind task --agreement BT-2022
err_has "line 2"
printf 'title,due\n"A,2026-01-01\n' >"$TMP/bad.csv"
unchanged_by 2 import "$TMP/bad.csv" --kind task --agreement BT-2022
err_has "unclosed"
printf 'title\n\xff\xfe\n' >"$TMP/bad.csv"
unchanged_by 2 import "$TMP/bad.csv" --kind task --agreement BT-2022
err_has "UTF-8"
printf 'title\nA\x00B\n' >"$TMP/bad.csv"
unchanged_by 2 import "$TMP/bad.csv" --kind task --agreement BT-2022
printf 'title\nA\n' >"$TMP/ok.csv"
unchanged_by 2 import "$TMP/ok.csv" --kind taskz
unchanged_by 2 import "$TMP/ok.csv"
unchanged_by 3 import "$TMP/ok.csv" --kind task --agreement NOPE
unchanged_by 2 import "$TMP/ok.csv" --kind task
unchanged_by 2 import "$TMP/ok.csv" --kind task --agreement BT-2022 --delimiter '::'
unchanged_by 2 import "$TMP/missing.csv" --kind task --agreement BT-2022

# Rows of different shapes (empty cells): nothing carries over from one row
# to the next; the whole import is one invocation that undo takes back.
tasks_before=$(sqlite3 "$DB" 'select count(*) from task')
printf 'title,code,lead,partner,due,target,unit,note\nShape A,SA,Sở Công Thương,Sở Tư pháp,31/12/2025,10,buổi,ghi chú\nShape B,,,,,,,\nShape C,SC,Sở Công Thương,,,,,\n' >"$TMP/shapes.csv"
ok import "$TMP/shapes.csv" --kind task --agreement BT-2022
[ "$(sqlite3 "$DB" "select coalesce(code,'-'), coalesce(lead_org_id,'-'), coalesce(due_date,'-'), coalesce(target,'-'), coalesce(unit,'-'), coalesce(note,'-'), (select count(*) from task_partner p where p.task_id = task.id) from task where title = 'Shape B'")" = "-|-|-|-|-|-|0" ] ||
  fail "a cell of an earlier row leaked into a later one"
[ "$(sqlite3 "$DB" "select count(*) from task where title = 'Shape C' and note is null and due_date is null and lead_org_id is not null")" = 1 ] ||
  fail "third row"
python3 -c 'print("title,code,lead"); [print(f"Row {i},R{i},Sở Kế hoạch {i % 3}") for i in range(1200)]' >"$TMP/many.csv"
ok import "$TMP/many.csv" --kind task --agreement BT-2022
[ "$(sqlite3 "$DB" 'select count(*) from task')" = $((tasks_before + 1203)) ] || fail "bulk import"
[ "$(sqlite3 "$DB" "select count(distinct lead_org_id) from task where code like 'R%'")" = 3 ] || fail "leads of a bulk import"
ok log --limit 1 --format json
[ "$(json_eval 'len({r["invocation"] for r in d}), len(d), d[0]["command"].startswith("import ")')" = "(1, 1203, True)" ] || fail "the import is not one invocation in the log"
ok undo
[ "$(sqlite3 "$DB" 'select count(*) from task')" = $((tasks_before + 3)) ] || fail "undo of a bulk import"
[ "$(sqlite3 "$DB" "select count(*) from org where name like 'Sở Kế hoạch %'")" = 0 ] || fail "undo kept created organisations"

finish
