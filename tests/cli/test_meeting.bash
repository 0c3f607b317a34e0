#!/usr/bin/env bash
# Meetings: participants with roles and positions of the day, contributions
# and conclusions in order, follow-up tasks, periods, and integrity.
source "$(dirname "$0")/lib.bash"

ok agreement add "Quy chế 2018-2022" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2018-2022 --code BT-2018
ok agreement renew BT-2018 --period 2022-2026 --signed 01/12/2022 --code BT-2022
ok meeting add "Hội nghị tổng kết 2018-2022" --date "ngày 01 tháng 12 năm 2022" --kind final_review \
  --agreement BT-2018 --place "Bến Tre" --format in_person --minutes "BB-01/2022"
out_is 1
ok meeting attend 1 --org "ubnd tinh ben tre" --name "Nguyễn Thị Bé Mười" --position "Phó Chủ tịch UBND tỉnh" --role co_chair
ok meeting attend 1 --org "TỈNH ĐOÀN BẾN TRE" --name "Lâm Như Quỳnh" --position "Bí thư Tỉnh đoàn" --role co_chair
ok meeting attend 1 --org "Sở Giáo dục và Đào tạo"
ok meeting contribute 1 --org "Sở Giáo dục và Đào tạo" --topic "Giáo dục thế hệ trẻ" --name "Người trình bày A"
ok meeting contribute 1 --org "Huyện đoàn Châu Thành" --topic "Phong trào thanh niên ở cơ sở"
ok meeting conclude 1 "Các sở, ngành phối hợp chặt chẽ với Tỉnh đoàn."
out_is ""
ok meeting conclude 1 "Ký kết kế hoạch phối hợp cấp huyện." --lead "Tỉnh đoàn Bến Tre" --due 30/06/2023
task=$(out)
[ -n "$task" ] || fail "conclude --lead printed no task id"
[ "$(sqlite3 "$DB" 'select count(*) from org')" = 4 ] || fail "names typed differently created duplicates"

ok meeting show 1 --format json
[ "$(json_eval '[(p["role"], p["name"], p["position"]) for p in d["participants"] if p["role"] == "co_chair"]')" = \
  "[('co_chair', 'Nguyễn Thị Bé Mười', 'Phó Chủ tịch UBND tỉnh'), ('co_chair', 'Lâm Như Quỳnh', 'Bí thư Tỉnh đoàn')]" ] || fail "co-chairs"
[ "$(json_eval '[(c["order"], c["org"]) for c in d["contributions"]]')" = "[(1, 'Sở Giáo dục và Đào tạo'), (2, 'Huyện đoàn Châu Thành')]" ] || fail "contributions in order"
[ "$(json_eval '[(c["order"], c["task_ids"]) for c in d["conclusions"]]')" = "[(1, []), (2, [$task])]" ] || fail "conclusions"
[ "$(json_eval 'd["chairs"]')" = "['Nguyễn Thị Bé Mười (Phó Chủ tịch UBND tỉnh)', 'Lâm Như Quỳnh (Bí thư Tỉnh đoàn)']" ] || fail "chairs"
ok task show "$task" --format json
[ "$(json_eval 'd["agreement"], d["lead"], d["start"], d["due"], d["meeting_id"]')" = "('BT-2018', 'Tỉnh đoàn Bến Tre', '2022-12-01', '2023-06-30', 1)" ] || fail "follow-up task"
ok meeting show 1 --format csv
[ "$(csv_field 0 kind)" = final_review ] || fail "show csv"
ok meeting show 1
out_has "Lâm Như Quỳnh"

# Lists by period, agreement and kind.
ok meeting add "Sơ kết 6 tháng" --date 2023-07-10 --kind interim_review --agreement BT-2022
ok meeting add "Làm việc" --date 2024-02-01 --kind working
for period in 2022 2022-Q4 2022-12 "Quý IV/2022" "tháng 12/2022" "2022-12-01..2022-12-31" "agreement:BT-2018"; do
  ok meeting list --period "$period" --format json
  [ "$(json_eval '[m["id"] for m in d]')" = "[1]" ] || fail "period $period"
done
ok meeting list --period 2023-H2 --format json
[ "$(json_eval '[m["id"] for m in d]')" = "[2]" ] || fail "half-year"
ok meeting list --from 2023-01-01 --format json
[ "$(json_eval '[m["id"] for m in d]')" = "[2, 3]" ] || fail "open --from"
ok meeting list --agreement BT-2022 --format json
[ "$(json_eval '[m["id"] for m in d]')" = "[2]" ] || fail "agreement filter"
ok meeting list --kind working --format csv
[ "$(csv_field 0 id)" = 3 ] || fail "kind filter"
unchanged_by 2 meeting list --period 2022-Q5
err_has "2022-Q5"
unchanged_by 2 meeting list --period 2023-2022
unchanged_by 2 meeting list --period 2022 --from 2022-01-01
unchanged_by 3 meeting list --period agreement:NOPE

# Bad input.
unchanged_by 2 meeting add "X" --date 31/04/2022
err_has "31/04/2022"
unchanged_by 2 meeting add "X"
unchanged_by 2 meeting add "X" --date 2022-01-01 --kind party
unchanged_by 2 meeting add "X" --date 2022-01-01 --format zoom
unchanged_by 3 meeting add "X" --date 2022-01-01 --agreement NOPE
unchanged_by 2 meeting attend 1 --org "A" --role boss
unchanged_by 4 meeting attend 1 --org "UBND tỉnh Bến Tre" --name "nguyen thi be muoi"
unchanged_by 3 meeting attend 99 --org "A"
unchanged_by 2 meeting attend 1
unchanged_by 2 meeting contribute 1 --org "A" --topic ""
unchanged_by 2 meeting conclude 1 "X" --due 2023-01-01
unchanged_by 2 meeting conclude 1 "X" --lead "A" --due 2022-11-01
ok meeting add "Ký kết" --date 2022-12-01 --kind signing --agreement BT-2018 --agreement BT-2022
unchanged_by 2 meeting conclude 4 "X" --lead "A"
err_has "--agreement"

# Edit, and delete refused while tasks or award decisions refer to it.
ok meeting edit 3 --title "Làm việc với Sở Nội vụ" --agreement BT-2022 --place ""
ok meeting show 3 --format json
[ "$(json_eval 'd["title"], d["agreements"], d["place"]')" = "('Làm việc với Sở Nội vụ', ['BT-2022'], None)" ] || fail "edit"
unchanged_by 2 meeting edit 3
unchanged_by 2 meeting edit 3 --date 2023-02-30
ok award add "Đơn vị X" --kind collective --decision "1/QĐ" --meeting 1
unchanged_by 4 meeting delete 1
err_has "task"
err_has "award decision"
ok meeting delete 3
ok meeting delete 1 --force
ok task show "$task" --format json
[ "$(json_eval 'd["meeting_id"], d["conclusion_id"]')" = "(None, None)" ] || fail "force did not unlink the task"
[ "$(sqlite3 "$DB" 'select count(*) from meeting_participant where meeting_id = 1')" = 0 ] || fail "participants left"
[ "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "dangling references"

finish
