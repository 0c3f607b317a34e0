#!/usr/bin/env bash
# A report is a document about a day (phoihop-report(1), Dated facts): the
# story of issue "reports that tell the truth of their day", told through a
# 2021-2025 agreement between a provincial People's Committee and the
# provincial Women's Union, ended early by the 2025 merger and renewed.
#  - reports printed for earlier days are byte-identical before and after
#    later events (an early end, an extension, a rename, a renewal);
#  - an agreement's status and end, due dates and names are as of the day;
#  - a forced end leaves tasks unfinished, in the figures and listed;
#  - the attention list remembers what was never resolved.
source "$(dirname "$0")/lib.bash"

ok -q org add "UBND tỉnh Trà Vinh" --kind people_committee
ok -q org add "Hội LHPN tỉnh Trà Vinh" --kind mass_organisation
ok -q agreement add "Chương trình phối hợp giữa UBND tỉnh và Hội LHPN tỉnh giai đoạn 2021-2025" \
  --party "UBND tỉnh Trà Vinh" --party "Hội LHPN tỉnh Trà Vinh" --period 2021-2025 --code TV-2021 --signed 2021-03-01
ok agreement sign TV-2021 --party "UBND tỉnh Trà Vinh" --signer "Nguyễn Văn A" --position "Chủ tịch" --date 2021-03-01
ok -q task add "Xây dựng mô hình kinh tế tập thể do phụ nữ làm chủ" --agreement TV-2021 --code 1 \
  --lead "Hội LHPN tỉnh Trà Vinh" --due 2024-12-31 --target 120 --unit "mô hình"
ok -q task add "Tuyên truyền phòng chống bạo lực gia đình" --agreement TV-2021 --code 2 \
  --lead "Hội LHPN tỉnh Trà Vinh" --due 2024-06-30
ok -q task add "Hỗ trợ phụ nữ khởi nghiệp" --agreement TV-2021 --code 3 --lead "UBND tỉnh Trà Vinh" --due 2025-12-31
ok task update 1 --date 2023-06-30 --progress 50 --actual 60
ok task update 2 --date 2024-03-01 --progress 60
ok task update 3 --date 2025-05-01 --progress 80
ok task done 1 --date 2024-12-01
# A review and a commendation in 2023, by and for the bodies as then named.
ok -q meeting add "Hội nghị sơ kết giữa kỳ" --date 2023-06-15 --kind interim_review --agreement TV-2021
meeting=$(out)
ok meeting attend "$meeting" --org "Hội LHPN tỉnh Trà Vinh" --name "Trần Thị B" --role co_chair
ok -q award add "Hội LHPN tỉnh Trà Vinh" --kind collective --decision "88/QĐ-UBND" --date 2023-06-15 \
  --issuer "UBND tỉnh Trà Vinh" --agreement TV-2021

# Reports filed before the later events.
report() { # NAME ARGS…: a report, kept as $TMP/NAME
  local name=$1
  shift
  ok "$@"
  cp "$TMP/stdout" "$TMP/$name"
}
report r2023.md report summary --period 2023 --today 2024-01-15
report r2023.json report summary --period 2023 --today 2024-01-15 --format json
report r2024.md --today 2024-10-15 report summary --period 2024 --lang vi
report r2024.json report summary --period 2024 --today 2025-01-05 --format json
report r2024.tasks.csv report tasks --period 2024 --today 2025-01-05 --format csv
report r2024.attention.csv report attention --period 2024 --today 2025-01-05 --format csv

# In force in 2023 and on 15/10/2024; nothing of what came later.
ok report summary --period 2023 --today 2024-01-15 --format json
[ "$(json_eval '(lambda a: (a["status"], a["actual_end"]))(d["sections"][0]["agreements"][0])')" = "('in_force', None)" ] ||
  fail "a 2023 report tells a later status or end"
[ "$(json_eval '(lambda a: (a["parties"][1]["name"], a["meetings"][0]["participants"][0]["org"], a["decisions"][0]["recipients"][0]["name"]))(d["sections"][0]["agreements"][0])')" = \
  "('Hội LHPN tỉnh Trà Vinh', 'Hội LHPN tỉnh Trà Vinh', 'Hội LHPN tỉnh Trà Vinh')" ] || fail "names in 2023"
# The 2024 report: task 2 overdue (due 30/06/2024) at 60 %.
ok report summary --period 2024 --today 2025-01-05 --format json
[ "$(json_eval '[(t["code"], t["status"], t["overdue"], t["due"]) for t in d["sections"][0]["agreements"][0]["tasks"]]')" = \
  "[('1', 'done', False, '2024-12-31'), ('2', 'in_progress', True, '2024-06-30'), ('3', 'planned', False, '2025-12-31')]" ] ||
  fail "2024 tasks"

# Later events: an extension decided on 10/01/2025, a rename on the merger,
# the early end with open tasks closed, a renewal.
unchanged_by 2 task update 2 --due 2020-01-01 --date 2025-01-10
err_has "--due 2020-01-01 is before task #2 starts on 2021-03-01"
ok task update 2 --due 2025-03-31 --date 2025-01-10 --note "Gia hạn theo Quyết định 12/QĐ-UBND"
ok task show 2 --format json
[ "$(json_eval 'd["due"], d["planned_due"], d["log"][-1]["due"]')" = "('2025-03-31', '2024-06-30', '2025-03-31')" ] ||
  fail "task show: the due date in force and the planned one"
ok org rename "Hội LHPN tỉnh Trà Vinh" "Hội LHPN tỉnh Vĩnh Long" --date 2025-07-01
unchanged_by 2 org rename "Hội LHPN tỉnh Vĩnh Long" "Hội LHPN tỉnh Vĩnh Long mới" --date 2025-05-01
err_has "2025-07-01"
unchanged_by 2 org rename "Hội LHPN tỉnh Vĩnh Long" "Hội LHPN tỉnh Vĩnh Long mới" --date 2030-01-01
err_has "rename date 2030-01-01 is after today 2026-11-26"
ok org show "Hội LHPN tỉnh Vĩnh Long" --format json
[ "$(json_eval 'd["former_names"]')" = "[{'name': 'Hội LHPN tỉnh Trà Vinh', 'until': '2025-06-30'}]" ] || fail "former names"
unchanged_by 4 agreement end TV-2021 --date 2025-06-30
ok agreement end TV-2021 --date 2025-06-30 --force --reason "Hợp nhất tỉnh"
ok -q agreement renew TV-2021 --period 2026-2030 --code VL-2026 --signed 2025-12-20

# The earlier reports, byte for byte.
for name in r2023.md r2023.json r2024.json r2024.tasks.csv r2024.attention.csv; do
  case $name in
  r2023.md) ok report summary --period 2023 --today 2024-01-15 ;;
  r2023.json) ok report summary --period 2023 --today 2024-01-15 --format json ;;
  r2024.json) ok report summary --period 2024 --today 2025-01-05 --format json ;;
  r2024.tasks.csv) ok report tasks --period 2024 --today 2025-01-05 --format csv ;;
  r2024.attention.csv) ok report attention --period 2024 --today 2025-01-05 --format csv ;;
  esac
  cmp -s "$TMP/stdout" "$TMP/$name" || { diff "$TMP/$name" "$TMP/stdout" | head >&2; fail "$name changed after later events"; }
done
ok --today 2024-10-15 report summary --period 2024 --lang vi
cmp -s "$TMP/stdout" "$TMP/r2024.md" || fail "the report of 15/10/2024 changed after later events"
out_has "đang hiệu lực"
out_lacks "30 tháng 6 năm 2025"
out_lacks "kết thúc trước hạn"

# The extension counts from its day: on 01/02/2025 task 2 is due 31/03/2025, not overdue.
ok report tasks --period 2025-01 --today 2025-02-01 --format json
[ "$(json_eval '[(r["code"], r["due"], r["overdue"]) for r in d if r["code"] == "2"]')" = "[('2', '2025-03-31', False)]" ] ||
  fail "the extension is not in force from its day"

# 2025: ended early on 30/06/2025; the open tasks are unfinished at the
# progress they reached, in the figures (1 done of 3: 33.3 %; progress
# (100 + 60 + 80) / 3 = 80.0), listed, and an attention item; the body has its new name.
ok report summary --period 2025 --today 2026-01-10 --format json
[ "$(json_eval '(lambda a: (a["code"], a["status"], a["actual_end"]))(d["sections"][0]["agreements"][0])')" = \
  "('TV-2021', 'ended_early', '2025-06-30')" ] || fail "2025 status"
[ "$(json_eval '(lambda c: (c["tasks_done"], c["tasks_unfinished"], c["tasks_cancelled"], c["completion_pct"], c["progress_avg"]))(d["sections"][0]["agreements"][0]["counts"])')" = \
  "(1, 2, 0, 33.3, 80.0)" ] || fail "end-of-term figures"
[ "$(json_eval '[(t["code"], t["status"], t["progress"]) for t in d["sections"][0]["agreements"][0]["tasks"]]')" = \
  "[('1', 'done', 100), ('2', 'unfinished', 60), ('3', 'unfinished', 80)]" ] || fail "unfinished tasks listed"
[ "$(json_eval 'sorted((i["kind"], i.get("task_id")) for i in d["sections"][0]["attention"] if i["agreement"] == "TV-2021")')" = \
  "[('final_review_missing', None), ('task_unfinished', 2), ('task_unfinished', 3)]" ] || fail "2025 attention"
[ "$(json_eval 'd["sections"][0]["agreements"][0]["parties"][1]["name"]')" = "Hội LHPN tỉnh Vĩnh Long" ] ||
  fail "party named as of 31/12/2025"
ok report summary --period 2025 --today 2026-01-10 --format csv
[ "$(csv_field 0 tasks_unfinished)" = 2 ] || fail "tasks_unfinished in the summary CSV"
ok report summary --period 2025 --today 2026-01-10
out_has "Completion rate | 33.3%"
out_lacks "Nothing needs attention"

# 2027: TV-2021 is outside the period but what it left stays, under its own
# heading; the renewal has no work items and no signers recorded.
ok report summary --period 2027 --today 2027-06-30
out_has "### Still unresolved from agreements outside this period"
out_has "was left unfinished at 60% when the agreement ended"
out_has "**VL-2026**: no work items are recorded"
out_has "**VL-2026**: no signers are recorded."
out_has "No work items are recorded for this agreement."
out_has "| Tasks | — |" # not known, rather than zero
ok report attention --period 2027 --today 2027-06-30 --format csv
python3 - "$TMP/stdout" <<'PY' || fail "report attention CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
got = sorted((r["agreement_code"], r["kind"], r["earlier"], r["task_id"], r["progress"]) for r in rows)
assert got == [("TV-2021", "final_review_missing", "true", "", ""),
               ("TV-2021", "task_unfinished", "true", "2", "60"),
               ("TV-2021", "task_unfinished", "true", "3", "80"),
               ("VL-2026", "no_signers", "false", "", ""),
               ("VL-2026", "no_tasks", "false", "", "")], got
PY
# --compare and --layout are the summary's; columns and --compare do not mix.
unchanged_by 2 report tasks --period 2024 --compare previous
err_has "--compare is for 'report summary'"
unchanged_by 2 report awards --period 2024 --layout rows
err_has "--layout is for 'report summary'"
unchanged_by 2 report summary --period 2024 --each quarter --layout columns --compare year
err_has "--compare is for the rows layout"
# Resolved, it goes: a final review, and the unfinished work cancelled explicitly.
ok -q meeting add "Hội nghị tổng kết" --date 2025-08-15 --kind final_review --agreement TV-2021
ok task update 2 --status cancelled --date 2025-09-01 --note "Không tiếp tục"
ok report attention --period 2027 --today 2027-06-30 --format json
[ "$(json_eval 'sorted((r["agreement_code"], r["kind"], r["task_id"]) for r in d)')" = \
  "[('TV-2021', 'task_unfinished', 3), ('VL-2026', 'no_signers', None), ('VL-2026', 'no_tasks', None)]" ] ||
  fail "resolved items stay listed"
ok report attention --period 2027 --today 2027-06-30 --lang vi
out_has "# Những vấn đề cần lưu ý năm 2027"
out_has "chưa hoàn thành khi quy chế kết thúc, tiến độ đạt 80%"

# Stale and due soon, by the config file's thresholds.
ok -q task add "Khảo sát đời sống hội viên" --agreement VL-2026 --code 1 --lead "Hội LHPN tỉnh Vĩnh Long" \
  --start 2026-01-01 --due 2026-08-15
ok report attention --period 2026 --today 2026-07-20 --format json
[ "$(json_eval 'sorted((r["kind"], r["months"]) for r in d if r["agreement_code"] == "VL-2026" and r["task_id"])')" = "[('task_due_soon', None), ('task_stale', 6)]" ] ||
  fail "stale after 6 months, due within 30 days"
mkdir -p "$TMP/config/phoihop"
printf '[report]\nstale_months = 12\ndue_soon_days = 10\n' >"$TMP/config/phoihop/config.toml"
ok report attention --period 2026 --today 2026-07-20 --format json
[ "$(json_eval '[r["kind"] for r in d if r["agreement_code"] == "VL-2026" and r["task_id"]]')" = "[]" ] ||
  fail "report.stale_months / due_soon_days not read"
printf '[report]\nstale_months = 0\n' >"$TMP/config/phoihop/config.toml"
fails 2 report attention --period 2026
err_has "bad value for report.stale_months: expected months, an integer from 1 to 120, not 0"
rm "$TMP/config/phoihop/config.toml"

# An end recorded later changes no earlier report: an agreement past its
# term without a recorded end is outside a later period, its term over
# while still in force an item, until the end is recorded.
ok -q agreement add "Kế hoạch phối hợp 2021-2022" --party "UBND tỉnh Trà Vinh" --party "Sở Y tế tỉnh Trà Vinh" \
  --period 2021-2022 --code KH-2021 --signed 2021-01-05
ok report summary --period 2023 --today 2023-03-01 --agreement KH-2021 --format json
cp "$TMP/stdout" "$TMP/kh.json"
[ "$(json_eval '(len(d["sections"][0]["agreements"]), [i["kind"] for i in d["sections"][0]["attention"]])')" = \
  "(0, ['final_review_missing', 'term_over_in_force', 'no_tasks', 'no_signers'])" ] || fail "term over, still in force"
ok agreement end KH-2021 --date 2023-06-30
ok report summary --period 2023 --today 2023-03-01 --agreement KH-2021 --format json
cmp -s "$TMP/stdout" "$TMP/kh.json" || fail "an end recorded later changed an earlier report"
# A meeting planned after the as-of day is not told as held.
ok -q meeting add "Họp giao ban quý II" --date 2023-04-10 --kind working --agreement KH-2021
ok report summary --period 2023-Q2 --today 2023-04-05 --agreement KH-2021 --format json
[ "$(json_eval '(d["sections"][0]["totals"]["meetings"], [a["meetings"] for a in d["sections"][0]["agreements"]])')" = "(0, [])" ] ||
  fail "a meeting after the as-of day counted as held"
# 'unfinished' is for tasks an ended agreement left open, not a status to pick.
ok -q task add "Khám sức khỏe định kỳ" --agreement KH-2021 --code 1
unchanged_by 2 task update "$(out)" --status unfinished --date 2022-06-01
err_has "unfinished only once its agreement has ended (2023-06-30)"
# An extension's reason is not the task's result; a huge indicator stays a number.
ok -q task add "Tầm soát" --agreement VL-2026 --code 2 --start 2026-01-01 --due 2026-06-30 --target 1 --unit "đợt"
task=$(out)
ok task update "$task" --date 2026-02-01 --actual 1e17 --note "Kết quả đợt 1"
ok task update "$task" --date 2026-03-01 --due 2026-09-30 --note "Gia hạn theo Công văn 5/UBND"
ok report tasks --period 2026 --today 2026-04-01 --format json
[ "$(json_eval '[(r["result_note"], r["pct_of_target"], r["due"]) for r in d if r["task_id"] == '"$task"']')" = \
  "[('Kết quả đợt 1', 1e+19, '2026-09-30')]" ] || fail "an extension's reason shown as the result, or the percentage overflowed"
# A negative indicator is a number in the register's CSV, not a neutralised formula.
ok task update "$task" --date 2026-03-15 --actual -5
ok report tasks --period 2026 --today 2026-04-01 --format csv
grep -q ',-5,' "$TMP/stdout" || fail "a negative actual is not written as a number"
grep -q "'-5" "$TMP/stdout" && fail "a negative actual was neutralised as a formula"
# A renewal still a draft supersedes nothing yet.
ok -q agreement renew KH-2021 --period 2024-2025 --code KH-2024
ok report summary --period 2023-2024 --today 2024-06-30 --agreement KH-2021 --format json
[ "$(json_eval 'd["sections"][0]["agreements"][0]["status"]')" = ended ] ||
  fail "superseded by a renewal that is still a draft"
# org merge keeps the former names (earlier reports keep naming the body as then).
ok report summary --period 2023 --today 2024-01-15
cp "$TMP/stdout" "$TMP/before-merge.md"
ok -q org add "Hội LHPN Vĩnh Long (nhập trùng)"
ok org merge "Hội LHPN tỉnh Vĩnh Long" "Hội LHPN Vĩnh Long (nhập trùng)"
ok report summary --period 2023 --today 2024-01-15
cmp -s "$TMP/stdout" "$TMP/before-merge.md" || fail "org merge changed an earlier report's names"

# --compare never counts the other period as of a day outside it: a quarter
# not begun by today is compared with the one before as it stood before it
# began; before year 1 there is nothing to compare with (and nothing is written).
ok report summary --period 2025 --each quarter --today 2025-05-15 --compare previous --format json
[ "$(json_eval '[(s["compare"]["period"]["first"], s["compare"]["as_of"]) for s in d["sections"]]')" = \
  "[('2024-10-01', '2024-12-31'), ('2025-01-01', '2025-02-14'), ('2025-04-01', '2025-03-31'), ('2025-07-01', '2025-06-30')]" ] ||
  fail "--compare as-of days of sub-periods not begun"
unchanged_by 2 report summary --period 0001 --compare year
err_has "there is no period before 0001-01-01 to compare it with"

# Two offices that each renamed a body on the same day: one former name per
# day, their difference a conflict merge settles (not a constraint error).
DB="$TMP/office-a.db" ok -q org add "Sở Văn hóa"
cp "$TMP/office-a.db" "$TMP/office-b.db"
DB="$TMP/office-a.db" ok org rename "Sở Văn hóa" "Sở Văn hóa, Thể thao" --date 2025-03-01
DB="$TMP/office-b.db" ok org rename "Sở Văn hóa" "Sở VH" # a correction, then the dated rename
DB="$TMP/office-b.db" ok org rename "Sở VH" "Sở Văn hóa, Thể thao" --date 2025-03-01
DB="$TMP/office-a.db" unchanged_by 4 merge "$TMP/office-b.db"
err_has "former name"
DB="$TMP/office-a.db" ok merge "$TMP/office-b.db" --prefer theirs
DB="$TMP/office-a.db" ok org show "Sở Văn hóa, Thể thao" --format json
[ "$(json_eval 'd["former_names"]')" = "[{'name': 'Sở VH', 'until': '2025-02-28'}]" ] || fail "merge of former names"

# A term of days, not whole years, is told in the report's language alone.
ok -q agreement add "Kế hoạch 12 tháng" --party "UBND tỉnh Trà Vinh" --party "Sở Y tế tỉnh Trà Vinh" \
  --from 2024-03-01 --to 2025-02-28 --code KH-12T --signed 2024-03-01
ok report summary --period 2024 --today 2025-01-05 --agreement KH-12T --lang vi
out_has "- **Thời hạn:** từ ngày 01 tháng 3 năm 2024 đến ngày 28 tháng 02 năm 2025"
out_lacks "2024-03-01..2025-02-28"

# The dated facts travel: exported and imported into a new file, every
# report of every day reads the same (extensions, former names, unfinished).
ok export --format json --output "$TMP/all.json"
DB="$TMP/copy.db" ok db init
DB="$TMP/copy.db" ok import "$TMP/all.json"
for args in "--period 2023 --today 2024-01-15" "--period 2024 --today 2025-01-05" "--period 2025 --today 2026-01-10" \
  "--period 2027 --today 2027-06-30"; do
  # shellcheck disable=SC2086
  ok report summary $args --format json
  cp "$TMP/stdout" "$TMP/original.json"
  # shellcheck disable=SC2086
  DB="$TMP/copy.db" ok report summary $args --format json
  # The same but for the ids import gives anew (organisations by name).
  python3 - "$TMP/original.json" "$TMP/stdout" <<'PY' || fail "report summary $args differs after export and import"
import json, sys
def facts(v):
    if isinstance(v, dict):
        return {k: facts(x) for k, x in v.items() if k != "id" and not k.endswith("_id")}
    return [facts(x) for x in v] if isinstance(v, list) else v
a, b = (facts(json.load(open(f, encoding="utf-8"))) for f in sys.argv[1:])
assert a == b, json.dumps(a, ensure_ascii=False)[:300]
PY
done

finish
