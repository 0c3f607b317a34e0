#!/usr/bin/env bash
# The README's usage block runs as written, in a fresh home, against the real binary.
source "$(dirname "$0")/lib.bash"

mkdir -p "$TMP/bin" "$TMP/home"
cp -r "$SOURCE_DIR/examples" "$TMP/examples" # the README runs from the source tree
ln -s "$PHOIHOP" "$TMP/bin/phoihop"
# Every sh block after the set-up commands, in order; pandoc is optional (not a test dependency).
awk '/^## A five-minute tour/ {on = 1} on && /^```sh$/ {code = 1; next} code && /^```$/ {code = 0; next} code {print}' \
  "$SOURCE_DIR/README.md" | grep -v '^pandoc ' >"$TMP/usage.sh"
[ -s "$TMP/usage.sh" ] || fail "no usage block found in README.md"
env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh PHOIHOP_TODAY=2026-11-26 \
  XDG_CONFIG_HOME="$TMP/home/.config" bash -eu "$TMP/usage.sh" >"$TMP/stdout" 2>"$TMP/stderr" \
  || fail "README usage block failed"
grep -q "BT-2022" "$TMP/stdout" || fail "README usage printed no agreements"
[ -s "$TMP/a.csv" ] || fail "README's CSV export is missing"
[ "$(head -c 3 "$TMP/tasks.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] && head -n 1 "$TMP/tasks.csv" | grep -q '^.*id;uid;' ||
  fail "README's task list for Excel is not excel-vi CSV"

[ -s "$TMP/baocao.md" ] && grep -q "Báo cáo" "$TMP/baocao.md" || fail "README's report was not written"
grep -q '<svg class="chart chart-over-time"' "$TMP/baocao.html" || fail "README's page has no chart over time"
# The tour ends with the Word report, which python3-docx reads back.
/usr/bin/python3 -c 'import docx,sys; d=docx.Document(sys.argv[1]); assert any(p.text == "BÁO CÁO" for p in d.paragraphs)' \
  "$TMP/baocao.docx" || fail "README's Word report is not a Decree 30 report"
/usr/bin/python3 -c 'import docx,sys; d=docx.Document(sys.argv[1]); assert any(p.text.startswith("II. ĐÁNH GIÁ") for p in d.paragraphs)' \
  "$TMP/baocao-2024.docx" || fail "README's Word report has no assessment"
[ "$(head -c 3 "$TMP/2024.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "README's Excel CSV has no BOM"
# The workbooks: openpyxl reads the Vietnamese summary and the task list.
/usr/bin/python3 -c 'import openpyxl,sys; b=openpyxl.load_workbook(sys.argv[1]); assert b.sheetnames[:2] == ["Tổng hợp", "Tiến độ"], b.sheetnames; assert openpyxl.load_workbook(sys.argv[2])["List"]["A1"].value == "id"' \
  "$TMP/tong-hop.xlsx" "$TMP/dau-viec.xlsx" || fail "README's workbooks do not read back"
# The recorded report comes back from the register byte for byte.
cmp -s "$TMP/bc-16.docx" "$TMP/ban-sao-16.docx" || fail "README's sent report did not come back byte for byte"
grep -q "Tuyên truyền giáo dục thế hệ trẻ" "$TMP/home/records/phoihop.db" || fail "README tasks not stored"
grep -q "task 9999 is not in the records" "$TMP/stdout" || fail "README's exit-status recipe did not branch on 3"
[ -s "$TMP/bentre-backup.db" ] || fail "README's backup was not written"
[ "$(grep -c 'Báo cáo quý' "$TMP/quarterly.batch")" = 4 ] || fail "README's batch file is not 4 lines"
# The tour ends with undo of the quarterly batch: none of its tasks is left.
PHOIHOP_DB="$TMP/home/records/phoihop.db" "$PHOIHOP" task list --search "bao cao quy" --format csv >"$TMP/left.csv"
[ "$(wc -l <"$TMP/left.csv")" = 1 ] || fail "README's undo left the batch's tasks"
finish
