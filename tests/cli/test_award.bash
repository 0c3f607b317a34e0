#!/usr/bin/env bash
# Awards: recipients grouped by decision, contradictions refused, collective
# and individual recipients, filters, edit and delete.
source "$(dirname "$0")/lib.bash"

ok agreement add "Quy chế 2018-2022" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2018-2022 --code BT-2018
ok meeting add "Hội nghị tổng kết" --date 2022-12-01 --kind final_review --agreement BT-2018
D="2345/QĐ-UBND"
ok award add "Huyện đoàn Châu Thành" --kind collective --decision "$D" --date 01/12/2022 \
  --issuer "ubnd tinh ben tre" --form bang_khen --agreement BT-2018 --meeting 1 --reason "Thành tích xuất sắc"
out_is 1
for i in 2 3 4 5 6; do ok award add "Tập thể $i" --kind collective --decision "$D"; done
for i in 1 2 3 4 5 6 7 8 9; do
  ok award add "Cá nhân $i" --kind individual --decision "$D" --unit "Tỉnh đoàn Bến Tre" --position "Chuyên viên"
done
[ "$(sqlite3 "$DB" 'select count(*) from award_decision')" = 1 ] || fail "recipients not grouped under one decision"
ok award list --decision "$D" --format json
[ "$(json_eval 'sum(1 for a in d if a["kind"] == "collective"), sum(1 for a in d if a["kind"] == "individual")')" = "(6, 9)" ] || fail "6 + 9"
[ "$(json_eval 'set((a["decision_date"], a["issuer"], a["form"], a["agreement"], a["meeting_id"]) for a in d)')" = \
  "{('2022-12-01', 'UBND tỉnh Bến Tre', 'bang_khen', 'BT-2018', 1)}" ] || fail "shared decision details"
ok award show 7 --format json
[ "$(json_eval 'd["recipient"], d["unit"], d["position"], d["decision_collectives"], d["decision_individuals"]')" = \
  "('Cá nhân 1', 'Tỉnh đoàn Bến Tre', 'Chuyên viên', 6, 9)" ] || fail "individual"
ok award list --kind individual --format csv
[ "$(csv_field 8 recipient)" = "Cá nhân 9" ] || fail "csv order"
ok award list --period 2022-Q4 --format json
[ "$(json_eval 'len(d)')" = 15 ] || fail "period"
ok award list --period 2023 --format json
out_is "[]"
ok award list --agreement BT-2018 --meeting 1 --kind collective --format tsv
[ "$(grep -c '' "$TMP/stdout")" = 7 ] || fail "tsv"

# Contradicting details of an existing decision are refused (exit 4), naming both values.
unchanged_by 4 award add "Tập thể 7" --kind collective --decision "$D" --date 02/12/2022
err_has "2022-12-01"
err_has "2022-12-02"
unchanged_by 4 award add "Tập thể 7" --kind collective --decision "$D" --form giay_khen
err_has "giay_khen"
unchanged_by 4 award add "Tập thể 7" --kind collective --decision "$D" --issuer "Tỉnh đoàn Bến Tre"
ok award add "Tập thể 7" --kind collective --decision "$D" --date 2022-12-01 --form bang_khen
# Duplicates within one decision.
unchanged_by 4 award add "tap the 2" --kind collective --decision "$D"
unchanged_by 4 award add "CÁ NHÂN 1" --kind individual --decision "$D" --unit "Tỉnh đoàn Bến Tre"

# Bad input.
unchanged_by 2 award add "X" --kind team
unchanged_by 2 award add "X"
unchanged_by 2 award add "X" --kind collective --unit "A"
unchanged_by 2 award add "X" --kind individual --date 2022-02-30
unchanged_by 2 award add "X" --kind individual --form medal
unchanged_by 3 award add "X" --kind individual --agreement NOPE
unchanged_by 3 award add "X" --kind individual --meeting 42
unchanged_by 3 award show 99
unchanged_by 2 award list --kind ""

# Without --decision each recipient gets its own decision.
ok award add "Người A" --kind individual --form giay_khen --issuer "Tỉnh đoàn Bến Tre" --date 2023-03-26
ok award add "Người B" --kind individual --form giay_khen --issuer "Tỉnh đoàn Bến Tre" --date 2023-03-26
[ "$(sqlite3 "$DB" 'select count(*) from award_decision')" = 3 ] || fail "anonymous decisions"

# Edit: the recipient, or the shared decision; move to another decision number.
ok award edit 7 --position "Phó Bí thư"
ok award edit 1 --reason "Thành tích tiêu biểu xuất sắc"
ok award list --decision "$D" --format json
[ "$(json_eval 'set(a["reason"] for a in d)')" = "{'Thành tích tiêu biểu xuất sắc'}" ] || fail "decision edit shared"
ok award edit 17 --decision "99/QĐ-TĐTN"
ok award show 17 --format json
[ "$(json_eval 'd["decision"], d["form"]')" = "('99/QĐ-TĐTN', 'giay_khen')" ] || fail "renumber"
ok award edit 18 --decision "99/QĐ-TĐTN"
ok award show 18 --format json
[ "$(json_eval 'd["decision_individuals"]')" = 2 ] || fail "moved to the existing decision"
unchanged_by 2 award edit 18

# Delete: the last recipient takes the decision with it.
ok award delete 17
ok award delete 18
[ "$(sqlite3 "$DB" "select count(*) from award_decision where number = '99/QĐ-TĐTN'")" = 0 ] || fail "empty decision left"
unchanged_by 3 award delete 18
[ "$(sqlite3 "$DB" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] || fail "dangling references"

finish
