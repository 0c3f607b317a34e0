#!/usr/bin/env bash
# Agreements: add, sign, renew, end, list, show, edit, delete, and every kind
# of bad input refused with its exit status and the database unchanged.
source "$(dirname "$0")/lib.bash"

T18="Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn Bến Tre giai đoạn 2018-2022"
ok agreement add "$T18" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2018-2022 --code BT-2018 --number "05/QCPH-UBND-TĐTN" --place "Bến Tre"
out_is 1
ok agreement show BT-2018 --format json
[ "$(json_eval 'd["start"], d["end"], d["status"], d["term"]')" = "('2018-01-01', '2022-12-31', 'draft', '2018-2022')" ] || fail "add"
[ "$(json_eval 'd["number"]')" = "05/QCPH-UBND-TĐTN" ] || fail "number"

# Signing each party, names typed without diacritics; all signed → in force.
ok agreement sign BT-2018 --party "ubnd tinh ben tre" --signer "Cao Văn Trọng" --position "Chủ tịch UBND tỉnh" --date 15/03/2018
ok agreement show 1 --format json
[ "$(json_eval 'd["status"]')" = draft ] || fail "in force before every party signed"
ok agreement sign 1 --party "TINH DOAN BEN TRE" --signer "Người ký (placeholder)" --date 2018-03-15
ok agreement show 1 --format json
[ "$(json_eval 'd["status"], d["signed_on"]')" = "('in_force', '2018-03-15')" ] || fail "in force after signing"
[ "$(json_eval 'd["parties"][0]["signer_position"]')" = "Chủ tịch UBND tỉnh" ] || fail "signer position"
unchanged_by 3 agreement sign 1 --party "Sở Y tế" --signer "X"
unchanged_by 2 agreement sign 1 --party "UBND tỉnh Bến Tre" --signer "" --date 2018-01-01
unchanged_by 2 agreement sign 1 --party "UBND tỉnh Bến Tre" --signer "X" --date 2030-01-01
err_has "2030-01-01"

# Renew: same parties, title rewritten, old one superseded the day before.
ok agreement renew BT-2018 --period 2022-2026 --signed 01/12/2022 --code BT-2022
out_is 2
ok agreement show BT-2022 --format json
[ "$(json_eval 'd["title"]')" = "Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn Bến Tre giai đoạn 2022-2026" ] || fail "renewed title"
[ "$(json_eval 'd["start"], d["end"], d["status"], d["supersedes_id"]')" = "('2022-12-01', '2026-12-31', 'in_force', 1)" ] || fail "renewal term"
[ "$(json_eval '[p["name"] for p in d["parties"]]')" = "['UBND tỉnh Bến Tre', 'Tỉnh đoàn Bến Tre']" ] || fail "renewal parties"
ok agreement show 1 --format json
[ "$(json_eval 'd["status"], d["actual_end"], d["superseded_by"]')" = "('superseded', '2022-11-30', [2])" ] || fail "superseded"
unchanged_by 4 agreement renew 1 --period 2023-2027
err_has "already superseded"
unchanged_by 2 agreement renew 2 --period 2020-2021
unchanged_by 2 agreement renew 2
unchanged_by 3 agreement renew NOPE --period 2027-2031

# Sign with the article's signers, by name with and without accents.
ok agreement sign BT-2022 --party "UBND tỉnh Bến Tre" --signer "Nguyễn Thị Bé Mười" --position "Phó Chủ tịch UBND tỉnh"
ok agreement sign BT-2022 --party "tinh doan ben tre" --signer "Lâm Như Quỳnh" --position "Bí thư Tỉnh đoàn"
ok agreement show BT-2022 --format csv
[ "$(python3 -c 'import csv,json,sys; r=next(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))); print([p["signer_name"] for p in json.loads(r["parties"])])' "$TMP/stdout")" = \
  "['Nguyễn Thị Bé Mười', 'Lâm Như Quỳnh']" ] || fail "show csv: parties as JSON in the cell"
ok agreement show BT-2022
out_has "Nguyễn Thị Bé Mười"
out_has "Phó Chủ tịch UBND tỉnh"
out_has "Lâm Như Quỳnh"

# Dates in every accepted form, and bad ones naming the value.
ok agreement add "Kế hoạch A" --party "Sở Y tế" --party "Tỉnh đoàn Bến Tre" --from "ngày 01 tháng 01 năm 2023" --to 31/12/2023 --code KH-A
out_is 3
ok agreement add "Kế hoạch B" --party "Sở Y tế" --party "Tỉnh đoàn Bến Tre" --from "Ngay 1 thang 2 nam 2023" --to 2023-12-31 --signed 2023-02-01
ok agreement show 4 --format json
[ "$(json_eval 'd["start"], d["signed_on"], d["status"]')" = "('2023-02-01', '2023-02-01', 'in_force')" ] || fail "administrative dates"
for bad in 31/04/2022 2022-13-01 29/02/2023 12/31/2022 2022-2-1 "01/12/22" "yesterday" ""; do
  unchanged_by 2 agreement add "Bad" --party X --party Y --from "$bad" --to 2023-12-31
  [ -n "$bad" ] && err_has "'$bad'"
done
unchanged_by 2 agreement add "Bad" --party X --party Y --from 2023-12-31 --to 2023-01-01
err_has "2023-01-01"
err_has "2023-12-31"
unchanged_by 2 agreement add "Bad" --party X --party Y --period 2022-2018
err_has "2022-2018"
unchanged_by 2 agreement add "Bad" --party X --party Y --period "2018 to 2022"
unchanged_by 2 agreement add "Bad" --party X --party Y --period 2018-2022 --from 2018-01-01
unchanged_by 2 agreement add "Bad" --party X --party Y
unchanged_by 2 agreement add "Bad" --party X --period 2022
err_has "two or more parties"
unchanged_by 2 agreement add "Bad" --party X --party "  x " --period 2022
unchanged_by 2 agreement add "" --party X --party Y --period 2022
unchanged_by 2 agreement add "Bad" --party X --party Y --period 2022 --code "A B"
unchanged_by 2 agreement add "Bad" --party X --party Y --period 2022 --code 2022
unchanged_by 4 agreement add "Bad" --party X --party Y --period 2022 --code BT-2018
err_has "BT-2018"
unchanged_by 3 agreement add "Bad" --party X --party Y --period 2022 --supersedes 99
unchanged_by 2 agreement add "Bad" --party X --party Y --period 2022 --signed 2023-05-01
unchanged_by 2 agreement add $'Bad\xc3' --party X --party Y --period 2022

# Options may come before the title; each --party takes exactly one name.
ok agreement add --party "Sở Y tế" --party "Tỉnh đoàn Bến Tre" "Options first" --period 2024
id=$(out)
ok agreement show "$id" --format json
[ "$(json_eval 'd["title"], len(d["parties"])')" = "('Options first', 2)" ] || fail "options before the title"
ok agreement delete "$id"
unchanged_by 2 agreement add --party "Sở Y tế" "Tỉnh đoàn Bến Tre" "Title" --period 2024

# SQL and markup are data.
INJ="x'); DROP TABLE agreement; --"
ok agreement add "$INJ" --party "Robert'); DROP TABLE org;--" --party "<b>|x|</b>" --period 2024 --note $'line1\nline2'
id=$(out)
ok agreement show "$id" --format json
[ "$(json_eval 'd["title"]')" = "$INJ" ] || fail "injection text not stored exactly"
[ "$(json_eval 'd["note"]')" = $'line1\nline2' ] || fail "newline in note"
[ "$(sqlite3 "$DB" "select count(*) from sqlite_schema where name in ('agreement','org')")" = 2 ] || fail "schema changed"

# List filters and formats parsed by standard tools.
ok agreement list --format csv
[ "$(csv_field 0 code)" = BT-2018 ] || fail "csv code"
[ "$(csv_field 1 parties)" = "UBND tỉnh Bến Tre; Tỉnh đoàn Bến Tre" ] || fail "csv parties"
ok agreement list --format tsv
out_has "BT-2022"
ok agreement list --status in_force --format json
[ "$(json_eval '[a["code"] for a in d]')" = "['BT-2022', None]" ] || fail "status filter: $(out)"
ok agreement list --active-on 2020-06-01 --format json
[ "$(json_eval '[a["id"] for a in d]')" = "[1]" ] || fail "active-on"
ok agreement list --active-on 30/11/2022 --format json
[ "$(json_eval '[a["id"] for a in d]')" = "[1]" ] || fail "active-on the day before the renewal"
ok agreement list --active-on 01/12/2022 --format json
[ "$(json_eval '[a["id"] for a in d]')" = "[2]" ] || fail "active-on the renewal day"
ok agreement list --search "GIAI DOAN 2022" --format json
[ "$(json_eval '[a["id"] for a in d]')" = "[2]" ] || fail "search"
ok agreement list --party "so y te" --format json
[ "$(json_eval 'len(d)')" = 2 ] || fail "party filter"
unchanged_by 3 agreement list --party "Nobody at all"
unchanged_by 2 agreement list --status active
unchanged_by 2 agreement list --active-on 2022-02-30

# End: early or on time, with the date checked against the start.
ok agreement end KH-A --date 30/06/2023 --reason "merged into the provincial plan"
ok agreement show KH-A --format json
[ "$(json_eval 'd["status"], d["actual_end"]')" = "('ended_early', '2023-06-30')" ] || fail "ended early"
unchanged_by 4 agreement end KH-A --date 2023-12-31
unchanged_by 2 agreement end 4 --date 2023-01-15
err_has "2023-01-15"
err_has "2023-02-01"
unchanged_by 2 agreement end 4 --date 2023-12-31 --status superseded
ok task add "Việc còn dở" --agreement 4 --due 2023-10-01
task=$(out)
ok task add "Việc đã xong" --agreement 4
ok task done "$(out)" --date 2023-06-01
unchanged_by 4 agreement end 4 --date 2023-12-31
err_has "#$task"
err_has "--force"
unchanged_by 2 agreement end 4 --date 2027-01-01
ok agreement end 4 --date 2023-12-31 --force
ok task show "$task" --format json
# Closed as unfinished at the progress it reached, not cancelled: it stays in the figures.
[ "$(json_eval 'd["status"], d["progress"], d["log"][-1]["date"], d["overdue"]')" = "('unfinished', 0, '2023-12-31', False)" ] ||
  fail "end --force did not close open tasks as unfinished"
ok agreement show 4 --format json
[ "$(json_eval 'd["status"]')" = ended ] || fail "ended on time"

# Edit: fields, clearing, conflicts.
ok agreement edit KH-A --code "" --note "no code any more"
ok agreement show 3 --format json
[ "$(json_eval 'd["code"], d["note"]')" = "(None, 'no code any more')" ] || fail "edit clear code"
unchanged_by 4 agreement edit 3 --code BT-2022
unchanged_by 2 agreement edit 3
unchanged_by 2 agreement edit 3 --to 2022-01-01
unchanged_by 2 agreement edit 3 --status paused
unchanged_by 2 agreement edit 3 --parent 3
ok agreement edit 3 --parent BT-2022
unchanged_by 3 agreement edit 99 --note x

# Delete: refused while referenced, cascades with --force.
unchanged_by 4 agreement delete BT-2022
err_has "implementing agreement"
unchanged_by 4 agreement delete BT-2018
err_has "renewing agreement"
unchanged_by 4 agreement delete 4
err_has "2 tasks"
ok agreement delete 4 --force
unchanged_by 3 agreement show 4
ok agreement delete BT-2018 --force
ok agreement show BT-2022 --format json
[ "$(json_eval 'd["supersedes_id"]')" = None ] || fail "force did not unlink the renewal"
[ "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "dangling references"
unchanged_by 3 agreement delete BT-2018

finish
