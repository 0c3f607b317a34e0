#!/usr/bin/env bash
# Tasks: the dated update log as the source of truth, back-dating, overdue,
# filters and formats, and bad input refused with the database unchanged.
source "$(dirname "$0")/lib.bash"

ok agreement add "Quy chế 2022-2026" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2022-2026 --signed 01/12/2022 --code BT-2022
ok task add "Tuyên truyền giáo dục thế hệ trẻ" --agreement BT-2022 --code 1 --lead "tinh doan ben tre" \
  --partner "UBND tỉnh Bến Tre" --partner "Sở Giáo dục và Đào tạo" --start 2023-01-01 --due 30/06/2024 \
  --target 120 --unit "buổi" --description "Các buổi sinh hoạt chuyên đề"
out_is 1
ok task show 1 --format json
[ "$(json_eval 'd["lead"], d["partners"], d["status"], d["progress"], d["target"], d["unit"]')" = \
  "('Tỉnh đoàn Bến Tre', ['UBND tỉnh Bến Tre', 'Sở Giáo dục và Đào tạo'], 'planned', 0, 120.0, 'buổi')" ] || fail "task add"
[ "$(sqlite3 "$DB" 'select count(*) from org')" = 3 ] || fail "lead typed without accents created a new organisation"

# Updates entered today about earlier dates, out of order; the latest-dated one wins.
ok task update 1 --date 2023-09-30 --progress 60 --actual 70 --note "Quý III"
ok task update 1 --date 15/03/2023 --progress 20 --note "Quý I (entered late)"
ok task show 1 --format json
[ "$(json_eval 'd["status"], d["progress"], d["actual"], d["updated_on"]')" = "('in_progress', 60, 70.0, '2023-09-30')" ] || fail "latest update"
[ "$(json_eval '[(u["date"], u["progress"]) for u in d["log"]]')" = "[('2023-03-15', 20), ('2023-09-30', 60)]" ] || fail "log order"
# As of an earlier day (pinned today), the back-dated state shows.
ok --today 2023-06-30 task show 1 --format json
[ "$(json_eval 'd["status"], d["progress"], d["actual"]')" = "('in_progress', 20, None)" ] || fail "state on 2023-06-30"
ok --today 2023-03-14 task list --format json
[ "$(json_eval 'd[0]["status"], d[0]["progress"]')" = "('planned', 0)" ] || fail "state before any update"
# Carry-over: a note-only update keeps progress and actual of that date.
ok task update 1 --date 2023-10-01 --note "Kiểm tra giữa kỳ"
ok task show 1 --format json
[ "$(json_eval 'd["progress"], d["actual"], d["status"]')" = "(60, 70.0, 'in_progress')" ] || fail "carry-over"

# A back-dated entry is seen by the later entries that did not set the same value.
ok task add "Báo cáo định kỳ" --agreement BT-2022 --due 2026-12-31
late=$(out)
ok task update "$late" --date 01/06/2024 --note "báo cáo"
ok task update "$late" --date 01/03/2024 --progress 50 --actual 2,5
ok --today 2024-06-15 task show "$late" --format json
[ "$(json_eval 'd["status"], d["progress"], d["actual"], d["updated_on"]')" = "('in_progress', 50, 2.5, '2024-03-01')" ] || fail "back-dated entry hidden by a later note"
[ "$(json_eval '[(u["date"], u["progress"], u["note"]) for u in d["log"]]')" = "[('2024-03-01', 50, None), ('2024-06-01', None, 'báo cáo')]" ] || fail "log holds what each entry said"
ok task delete "$late" --force

# Overdue: due before today and not done or cancelled by then.
ok task list --overdue --format csv
[ "$(csv_field 0 id)" = 1 ] || fail "overdue task not listed"
[ "$(csv_field 0 overdue)" = true ] || fail "overdue column"
ok --today 2024-06-30 task list --overdue --format json
out_is "[]"
ok task done 1 --date 2024-07-15 --note "Hoàn thành"
ok task list --overdue --format json
out_is "[]"
ok --today 2024-07-14 task list --overdue --format json
[ "$(json_eval 'len(d)')" = 1 ] || fail "overdue as of the day before it was done"
unchanged_by 4 task done 1 --date 2024-08-01
err_has "already done"
ok task show 1 --format json
[ "$(json_eval 'd["status"], d["progress"]')" = "('done', 100)" ] || fail "done"

# Progress 100 means done; done refuses another percentage.
ok task add "Xây dựng chính sách" --agreement BT-2022 --code 2 --due 2026-12-31
ok task update 2 --date 2024-01-10 --progress 100
ok task show 2 --format json
[ "$(json_eval 'd["status"]')" = done ] || fail "100 % should mean done"
unchanged_by 2 task update 2 --status done --progress 50
ok task update 2 --date 2024-02-01 --status cancelled --note "Gộp vào đầu việc 1"
ok task list --status cancelled --format json
[ "$(json_eval '[t["id"] for t in d]')" = "[2]" ] || fail "status filter"

# Filters and search (accent- and case-insensitive over title and description).
ok task add "Giám sát chính sách" --agreement BT-2022 --lead "UBND tỉnh Bến Tre" --due 2025-12-31
ok task list --search "CHINH SACH" --format json
[ "$(json_eval '[t["id"] for t in d]')" = "[2, 3]" ] || fail "search title"
ok task list --search "chuyen de" --format json
[ "$(json_eval '[t["id"] for t in d]')" = "[1]" ] || fail "search description"
ok task list --lead "ubnd tinh ben tre" --format json
[ "$(json_eval '[t["id"] for t in d]')" = "[3]" ] || fail "lead filter"
ok task list --due-before 2025-01-01 --format json
[ "$(json_eval '[t["id"] for t in d]')" = "[1]" ] || fail "due-before"
ok task list --agreement BT-2022 --format tsv
[ "$(grep -c '' "$TMP/stdout")" = 4 ] || fail "tsv rows"
ok task list
out_has "100%"

# Bad input: each refused with its status, the database unchanged.
unchanged_by 3 task add "X" --agreement NOPE
unchanged_by 2 task add "X" --agreement BT-2022 --start 2024-05-01 --due 2024-04-01
err_has "2024-04-01"
err_has "2024-05-01"
unchanged_by 2 task add "X" --agreement BT-2022 --start 2021-01-01
err_has "2022-12-01"
unchanged_by 4 task add "X" --agreement BT-2022 --code 1
unchanged_by 2 task add "X" --agreement BT-2022 --due 31/04/2024
err_has "31/04/2024"
unchanged_by 2 task add "X" --agreement BT-2022 --target lots
unchanged_by 2 task add "X" --agreement BT-2022 --lead A --partner A
unchanged_by 3 task add "X" --agreement BT-2022 --meeting 9
unchanged_by 2 task add "" --agreement BT-2022
unchanged_by 2 task update 3 --progress 101
unchanged_by 2 task update 3 --progress 4.5
unchanged_by 2 task update 3 --status finished
unchanged_by 2 task update 3
unchanged_by 2 task update 3 --date 2022-11-30 --progress 10
err_has "2022-11-30"
err_has "2022-12-01"
unchanged_by 2 task update 3 --date 2027-01-01 --progress 10
err_has "after today"
unchanged_by 3 task update 99 --progress 10
unchanged_by 2 task update abc --progress 10
unchanged_by 2 task list --status "" 
unchanged_by 3 task list --lead "Nobody"

# Edit and delete.
ok task edit 3 --due 2026-06-30 --partner "Sở Tư pháp" --code 3
ok task show 3 --format json
[ "$(json_eval 'd["due"], d["partners"], d["code"]')" = "('2026-06-30', ['Sở Tư pháp'], '3')" ] || fail "edit"
ok task edit 3 --partner ""
ok task show 3 --format json
[ "$(json_eval 'd["partners"]')" = "[]" ] || fail "clear partners"
unchanged_by 2 task edit 3
unchanged_by 4 task edit 3 --code 1
unchanged_by 4 task delete 1
err_has "--force"
ok task delete 3
ok task delete 1 --force
[ "$(sqlite3 "$DB" 'select count(*) from task_update where task_id = 1')" = 0 ] || fail "log left behind"
unchanged_by 3 task show 1

# An empty date is a script's bug ("--due $DUE" with DUE unset), not "no
# date": refused naming the option, nothing changed; `edit` keeps the
# documented empty value that clears an optional date.
before=$(db_sum)
for option in --due --start; do
  fails 2 task add "Không ngày" --agreement BT-2022 "$option" ""
  err_has "$option: an empty value is not a date"
done
fails 2 task update 1 --progress 10 --date ""
err_has "--date: an empty value is not a date"
fails 2 task list --due-before ""
err_has "--due-before: an empty value is not a date"
[ "$(db_sum)" = "$before" ] || fail "a refused empty date changed the database"
ok task add "Có hạn" --agreement BT-2022 --due 2026-12-30
id=$(cat "$TMP/stdout")
ok task edit "$id" --due ""
[ "$(sqlite3 "$DB" "SELECT quote(due_date) FROM task WHERE id = $id")" = NULL ] || fail "edit --due '' clears the due date"

finish
