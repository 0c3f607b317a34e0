#!/usr/bin/env bash
# Reports on the Bến Tre example: golden summaries, a real GFM renderer, a real
# CSV parser, periods and --each, past periods after later updates, hostile
# text, byte-identical reruns and atomic --output.
# PHOIHOP_REGENERATE=1 rewrites the golden files on purpose.
source "$(dirname "$0")/lib.bash"

env -i PATH=/usr/bin:/bin HOME="$TMP" TZ=Asia/Ho_Chi_Minh PHOIHOP_DB="$DB" XDG_CONFIG_HOME="$TMP/config" \
  sh "$SOURCE_DIR/examples/bentre.sh" "$PHOIHOP" >/dev/null 2>&1 || fail "example failed"

golden() { # NAME: compare the last stdout with tests/golden/NAME
  local file="$SOURCE_DIR/tests/golden/$1"
  if [ "${PHOIHOP_REGENERATE:-}" = 1 ]; then
    cp "$TMP/stdout" "$file"
  fi
  cmp -s "$TMP/stdout" "$file" || { diff -u "$file" "$TMP/stdout" | head -20 >&2; fail "differs from golden $1"; }
}

# The 2018-2022 summary in both languages, as the README's first command prints it.
ok report summary --period 2018-2022 --agreement BT-2018
golden bentre-2018-2022.en.md
ok report summary --period 2018-2022 --agreement BT-2018 --lang vi
golden bentre-2018-2022.vi.md
out_has "từ ngày 01 tháng 01 năm 2018 đến ngày 31 tháng 12 năm 2022"
ok report summary --period agreement:BT-2022 --lang vi
golden bentre-2022-2026.vi.md

# Byte-identical reruns.
ok report summary --period 2018-2022 --format json
cp "$TMP/stdout" "$TMP/first.json"
ok report summary --period 2018-2022 --format json
cmp -s "$TMP/stdout" "$TMP/first.json" || fail "two runs differ"

# The JSON model: the five areas done at the conference, the conference, 6 + 9
# recipients under one decision without a number.
ok report summary --period 2018-2022 --agreement BT-2018 --format json
[ "$(json_eval 'len(d["sections"]), d["sections"][0]["as_of"]')" = "(1, '2022-12-31')" ] || fail "sections"
[ "$(json_eval '[(t["code"], t["status"], t["done_in_period"]) for t in d["sections"][0]["agreements"][0]["tasks"]]')" = \
  "[('1', 'done', True), ('2', 'done', True), ('3', 'done', True), ('4', 'done', True), ('5', 'done', True)]" ] || fail "tasks"
[ "$(json_eval '[m["date"] for m in d["sections"][0]["agreements"][0]["meetings"]]')" = "['2022-12-01']" ] || fail "conference"
[ "$(json_eval 'd["sections"][0]["totals"]["awards_collective"], d["sections"][0]["totals"]["awards_individual"]')" = "(6, 9)" ] || fail "awards"
[ "$(json_eval '[(x["number"], x["date"]) for x in d["sections"][0]["agreements"][0]["decisions"]]')" = "[(None, '2022-12-01')]" ] ||
  fail "decision"

# CSV summary: the fixed columns, one row per (sub-period, agreement), numbers checked.
ok report summary --period 2018-2022 --each year --format csv
python3 - "$TMP/stdout" <<'PY' || fail "summary CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
fixed = "period_start,period_end,agreement_id,agreement_code,agreement_title,tasks_total,tasks_planned,tasks_in_progress,tasks_done,tasks_cancelled,tasks_overdue,tasks_done_in_period,completion_pct,progress_avg,meetings,awards_collective,awards_individual".split(",")
# The fixed columns first, in order; later ones only ever appended.
assert list(rows[0].keys()) == fixed + ["tasks_unfinished"], list(rows[0].keys())
got = [(r["period_start"], r["agreement_code"], r["tasks_total"], r["tasks_done"], r["tasks_done_in_period"], r["meetings"],
        r["awards_collective"], r["awards_individual"]) for r in rows]
# The five 2018-2022 areas count from the start of the term and are closed at the final review of 01/12/2022.
assert got == [("2018-01-01", "BT-2018", "5", "0", "0", "0", "0", "0"), ("2019-01-01", "BT-2018", "5", "0", "0", "0", "0", "0"),
               ("2020-01-01", "BT-2018", "5", "0", "0", "0", "0", "0"), ("2021-01-01", "BT-2018", "5", "0", "0", "0", "0", "0"),
               ("2022-01-01", "BT-2018", "5", "5", "5", "1", "6", "9"), ("2022-01-01", "BT-2022", "7", "0", "0", "1", "0", "0")], got
PY

# The 2022-2026 term as of today: the 2025 succession is in the attention list.
ok report summary --agreement BT-2022 --format json
python3 - "$TMP/stdout" <<'PY' || fail "attention: succession"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ceased = [a for a in d["sections"][0]["attention"] if a["kind"] == "party_ceased"]
assert [(a["party"], a["ceased_on"], a["months_into_term"], [s[0] if isinstance(s, list) else s["name"] for s in a["successors"]]) for a in ceased] == [
    ("UBND tỉnh Bến Tre", "2025-06-30", 31, ["UBND tỉnh Vĩnh Long"]),
    ("Tỉnh đoàn Bến Tre", "2025-06-30", 31, ["Tỉnh đoàn Vĩnh Long"])], ceased
PY

# A report for a past period says what stood then, whatever was entered later.
ok task update 1 --date 2023-06-30 --progress 30
ok task update 1 --date 2024-03-31 --progress 70
ok task done 2 --date 2023-11-15
ok report summary --period 2023 --agreement BT-2022 --format csv
[ "$(csv_field 0 tasks_done)" = 1 ] || fail "2023 done"
[ "$(csv_field 0 tasks_done_in_period)" = 1 ] || fail "2023 done in period"
[ "$(csv_field 0 tasks_in_progress)" = 1 ] || fail "2023 in progress"
[ "$(csv_field 0 progress_avg)" = "18.6" ] || fail "2023 progress_avg: $(csv_field 0 progress_avg)"
[ "$(csv_field 0 completion_pct)" = "14.3" ] || fail "2023 completion_pct"
ok report tasks --period 2023 --agreement BT-2022 --format csv
[ "$(csv_field 0 progress)" = 30 ] || fail "task 1 at the end of 2023"
ok report tasks --period 2024 --agreement BT-2022 --format csv
[ "$(csv_field 0 progress)" = 70 ] || fail "task 1 at the end of 2024"

# Hostile text renders through a real GFM renderer without breaking a table or
# injecting HTML, and through a real CSV parser without a live formula.
ok task add '=HYPERLINK("http://x")|<script>alert(1)</script> # *x* [l](http://y)' --agreement BT-2022 --lead "@SUM(A1)|x" --due 2023-01-31
ok report summary --period 2023 --agreement BT-2022
cmark-gfm -e table "$TMP/stdout" >"$TMP/report.html" || fail "cmark-gfm failed"
# The tables of cmark-gfm's HTML as lists of rows of cell texts, and its
# <script> elements counted: a module the checks below import.
cat >"$TMP/gfm_tables.py" <<'PY'
from html.parser import HTMLParser
class Tables(HTMLParser):
    def __init__(self):
        super().__init__(); self.tables = []; self.row = None; self.cell = None; self.scripts = 0
    def handle_starttag(self, tag, attrs):
        if tag == "script": self.scripts += 1
        if tag == "table": self.tables.append([])
        if tag == "tr": self.row = []; self.tables[-1].append(self.row)
        if tag in ("td", "th"): self.cell = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th"): self.row.append(self.cell.strip()); self.cell = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
PY
PYTHONPATH="$TMP" python3 - "$TMP/report.html" <<'PY' || fail "GFM tables broken by hostile text"
import sys
from gfm_tables import Tables
p = Tables(); p.feed(open(sys.argv[1], encoding="utf-8").read())
assert p.scripts == 0, "a <script> element leaked"
assert p.tables, "no tables"
for t in p.tables:
    assert len({len(r) for r in t}) == 1, [len(r) for r in t]
hostile = [r for t in p.tables for r in t if any("HYPERLINK" in c for c in r)]
assert hostile and any('<script>alert(1)</script>' in c for c in hostile[0]), hostile
PY
ok report tasks --period 2023 --agreement BT-2022 --format csv
python3 - "$TMP/stdout" <<'PY' || fail "formula not neutralised"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
bad = [r for r in rows if "HYPERLINK" in r["title"]][0]
assert bad["title"].startswith("'="), bad["title"]
assert bad["lead"].startswith("'@"), bad["lead"]
for r in rows:
    for v in r.values():
        assert not v[:1] in ("=", "+", "-", "@", "\t", "\r"), v
PY
ok report summary --period 2023 --format csv --bom
[ "$(head -c 3 "$TMP/stdout" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
unchanged_by 2 report summary --period 2023 --bom

# Periods: every form and its errors.
for p in 2022 2022-Q4 2022Q4 2022-H2 2022-12 "Quý IV/2022" "tháng 12/2022" "6 tháng cuối năm 2022" 2022-12-01..2022-12-31 "01/12/2022..31/12/2022" \
  12/2022 Q4/2022 q4/2022 H2/2022 "nửa cuối năm 2022" "nua cuoi nam 2022" "12 tháng đầu năm 2022" "first 12 months of 2022" \
  "3 tháng cuối năm 2022" "01/12/2022-31/12/2022" "01/12/2022 - 31/12/2022" "01/12/2022 .. 31/12/2022"; do
  ok report meetings --period "$p" --format csv
  [ "$(csv_field 0 date)" = 2022-12-01 ] || fail "period $p"
done
ok --today 2023-01-15 report meetings --period last-month --format csv
[ "$(csv_field 0 date)" = 2022-12-01 ] || fail "last-month"
ok --today 2023-02-10 report meetings --period "quý trước" --format csv
[ "$(csv_field 0 date)" = 2022-12-01 ] || fail "quý trước"
for bad in 2022-Q5 2022-13 2022-2018 "2022-12-31..2022-12-01" "tháng 13/2022" nonsense; do
  unchanged_by 2 report summary --period "$bad"
  err_has "'$bad'"
done
# The new forms' refusals give the reason, on one line.
for bad in 13/2023 Q5/2023 H3/2023 "31/02/2023-01/03/2023" "0 tháng đầu năm 2023"; do
  unchanged_by 2 report summary --period "$bad"
  err_lines 1
  err_has "'$bad'"
  err_has "--period"
done
fails 2 report summary --period 13/2023
err_has "a month is 01 to 12"
fails 2 report summary --period "31/02/2023-01/03/2023"
err_has "February 2023 has 28 days"
fails 2 report summary --period "0 tháng đầu năm 2023"
err_has "the number of months is 1 to 12"
# The nine-month report, however its words are typed (NFD, no marks), with
# its Vietnamese name and its days as the English one.
nfd=$(python3 -c 'import unicodedata; print(unicodedata.normalize("NFD", "9 tháng đầu năm 2023"))')
for p in "9 tháng đầu năm 2023" "$nfd" "9 thang dau nam 2023" "first 9 months of 2023"; do
  ok report summary --period "$p" --lang vi
  head -n 1 "$TMP/stdout" | grep -qxF "# Báo cáo kết quả thực hiện quy chế phối hợp 9 tháng đầu năm 2023" || fail "vi title of $p"
  [ -s "$TMP/stderr" ] && fail "stderr written for $p"
done
ok report summary --period "9 tháng đầu năm 2023" --format json
[ "$(json_eval 'd["period"]["first"], d["period"]["last"], d["period"]["label"]')" = "('2023-01-01', '2023-09-30', '2023-01-01..2023-09-30')" ] || fail "9 months in JSON"

# agreement:REF finds an agreement exactly as --agreement REF does: the same
# term or the same refusal, whatever the prefix's case; NFD input is NFC.
ok agreement add "Quy chế phối hợp thử nghiệm" --party "Sở Nội vụ tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2023-2024 --code "QĐ-Tỉnh-2023"
new_id=$(tr -d '\n' <"$TMP/stdout")
nfd_code=$(python3 -c 'import unicodedata; print(unicodedata.normalize("NFD", "QĐ-Tỉnh-2023"))')
summary_of() { # ARGS…: rc, then the period's days and label, or the error
  run_phoihop report summary --format json "$@"
  if [ "$rc" -eq 0 ]; then
    echo "$rc $(json_eval 'd["period"]["first"], d["period"]["last"], d["period"]["label"]')"
  else
    echo "$rc $(cat "$TMP/stderr")"
  fi
}
for ref in BT-2018 bt-2018 Bt-2018 "QĐ-Tỉnh-2023" "$nfd_code" "qđ-tỉnh-2023" "qd-tinh-2023" "QD-TINH-2023" \
  "$new_id" "#$new_id" " BT-2022 " NOPE; do
  by_option=$(summary_of --agreement "$ref")
  for prefix in agreement: AGREEMENT: Agreement:; do
    by_period=$(summary_of --period "$prefix$ref")
    [ "$by_period" = "$by_option" ] || fail "--period '$prefix$ref' gives '$by_period', --agreement '$ref' '$by_option'"
  done
done
[ "$(summary_of --period "agreement:$nfd_code")" = "0 ('2023-01-01', '2024-12-31', 'agreement:QĐ-Tỉnh-2023')" ] ||
  fail "an NFD code is not found"
[ "$(summary_of --period "AGREEMENT:BT-2018")" = "0 ('2018-01-01', '2022-12-31', 'agreement:BT-2018')" ] ||
  fail "the prefix in capitals"
# Codes are matched case included (phoihop-agreement(1), Codes), by both.
[ "$(summary_of --period "AGREEMENT:bt-2018" | cut -c1)" = 3 ] || fail "a code in another case was found"
ok agreement delete "$new_id"

# --layout columns: one table, a row per figure and a column per sub-period,
# each cell the sub-period's total (the total row of the rows layout).
ok report summary --period 2022 --each quarter --format json
cp "$TMP/stdout" "$TMP/rows.json"
ok report summary --period 2022 --each quarter --format csv
cp "$TMP/stdout" "$TMP/rows.csv"
ok report summary --period 2022 --each quarter --layout columns --format json
[ -s "$TMP/stderr" ] && fail "--layout columns wrote to stderr"
cp "$TMP/stdout" "$TMP/columns.json"
ok report summary --period 2022 --each quarter --layout columns --format csv
cp "$TMP/stdout" "$TMP/columns.csv"
ok report summary --period 2022 --each quarter --layout columns
cmark-gfm -e table "$TMP/stdout" >"$TMP/columns.html" || fail "cmark-gfm failed on --layout columns"
cp "$TMP/stdout" "$TMP/columns.md"
ok report summary --period 2022 --each quarter --layout columns --lang vi
cmark-gfm -e table "$TMP/stdout" >"$TMP/columns.vi.html" || fail "cmark-gfm failed on --layout columns --lang vi"
PYTHONPATH="$TMP" python3 - "$TMP" <<'PY' || fail "--layout columns"
import csv, json, sys
from gfm_tables import Tables
tmp = sys.argv[1]
rows = json.load(open(f"{tmp}/rows.json", encoding="utf-8"))
cols = json.load(open(f"{tmp}/columns.json", encoding="utf-8"))
# The figures are the summary's, in its order: the rows CSV's columns after the agreement's.
keys = next(csv.reader(open(f"{tmp}/rows.csv", newline="", encoding="utf-8")))[5:]
assert list(cols["figures"]) == keys, (list(cols["figures"]), keys)
assert cols["period"] == rows["period"] and cols["today"] == rows["today"], cols["period"]
# Both documents say first which version of their layout they are.
assert list(rows)[0] == "format_version" and rows["format_version"] == 1, list(rows)
assert list(cols)[0] == "format_version" and cols["format_version"] == 1, list(cols)
assert [p["label"] for p in cols["periods"]] == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"], cols["periods"]
assert [(p["first"], p["last"], p["as_of"]) for p in cols["periods"]] == [
    (s["period"]["first"], s["period"]["last"], s["as_of"]) for s in rows["sections"]]
for key, values in cols["figures"].items():
    assert values == [s["totals"][key] for s in rows["sections"]], (key, values)
assert cols["figures"]["meetings"] == [0, 0, 0, 1] and cols["figures"]["awards_individual"] == [0, 0, 0, 9]

# CSV: a header of the labels, the days, then a row per figure as the rows layout writes its cells.
table = list(csv.reader(open(f"{tmp}/columns.csv", newline="", encoding="utf-8")))
assert table[0] == ["figure", "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"], table[0]
assert [r[0] for r in table[1:]] == ["period_start", "period_end", "as_of"] + keys, [r[0] for r in table]
assert table[1][1:] == [p["first"] for p in cols["periods"]] and table[3][1:] == [p["as_of"] for p in cols["periods"]]
def cell(v):
    return "" if v is None else f"{v:.1f}" if isinstance(v, float) else str(v)
for r in table[4:]:
    assert len(r) == 5 and r[1:] == [cell(v) for v in cols["figures"][r[0]]], r
assert open(f"{tmp}/columns.csv", "rb").read().endswith(b"\r\n")

# Markdown: exactly one GFM table, every row as wide as the heading.
for name, heading in (("columns.html", ["Figure", "2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]),
                      ("columns.vi.html", ["Chỉ tiêu", "Quý I/2022", "Quý II/2022", "Quý III/2022", "Quý IV/2022"])):
    p = Tables(); p.feed(open(f"{tmp}/{name}", encoding="utf-8").read())
    assert len(p.tables) == 1, (name, len(p.tables))
    t = p.tables[0]
    assert t[0] == heading, (name, t[0])
    assert len(t) == 2 + len(keys), (name, len(t))
    assert all(len(r) == 5 for r in t), (name, [len(r) for r in t])
p = Tables(); p.feed(open(f"{tmp}/columns.html", encoding="utf-8").read())
t = p.tables[0]
assert t[1] == ["Figures as of", "2022-03-31", "2022-06-30", "2022-09-30", "2022-12-31"], t[1]
assert t[2][0] == "Tasks" and t[-1] == ["Individuals commended", "0", "0", "0", "9"], t
PY
# Without --each: one column, the period itself.
ok report summary --period 2022 --layout columns --format json
[ "$(json_eval '[p["label"] for p in d["periods"]], d["figures"]["meetings"]')" = "(['2022'], [1])" ] || fail "one column"
ok report summary --period 2022 --layout columns --format csv --bom
[ "$(head -c 3 "$TMP/stdout" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM with --layout columns"
# A column heading from a record (an agreement's code) is escaped like any cell.
ok agreement add "Quy chế có mã lạ" --party "Tỉnh đoàn Bến Tre" --party "UBND tỉnh Bến Tre" --period 2023 \
  --code 'X|1_*<b>'
odd_id=$(tr -d '\n' <"$TMP/stdout")
ok report summary --period 'agreement:X|1_*<b>' --layout columns
cmark-gfm -e table "$TMP/stdout" >"$TMP/odd.html" || fail "cmark-gfm failed"
python3 - "$TMP/odd.html" <<'PY' || fail "a code broke the columns table"
import sys
html = open(sys.argv[1], encoding="utf-8").read()
assert html.count("<table>") == 1 and "<b>" not in html and "<em>" not in html, html
assert ">agreement:X|1_*&lt;b&gt;</th>" in html, html
PY
ok agreement delete "$odd_id"
# The output's format follows its file's name, before the config's; a
# name that says another format than --format, or a document phoihop does
# not write, is refused and writes nothing.
mkdir -p "$TMP/config/phoihop"
printf '[report]\nformat = "json"\n' >"$TMP/config/phoihop/config.toml"
ok report summary --period 2022 --output "$TMP/by-name.CSV"
head -c 13 "$TMP/by-name.CSV" | grep -q '^period_start,' || fail "--output x.CSV did not write CSV"
ok report tasks --period 2022 --output "$TMP/by-name.md"
head -n 1 "$TMP/by-name.md" | grep -q '^# ' || fail "--output x.md did not write Markdown"
ok report summary --period 2022 --output "$TMP/no-extension"
head -c 1 "$TMP/no-extension" | grep -q '{' || fail "a name without extension does not take the configured format"
rm "$TMP/config/phoihop/config.toml"
for bad in "--format md --output $TMP/x.csv" "--format md --output $TMP/x.xlsx" "--output $TMP/x.tsv" "--format csv --output $TMP/x.json"; do
  # shellcheck disable=SC2086
  unchanged_by 2 report summary --period 2022 $bad
  err_lines 1
done
err_has "--format csv contradicts --output '$TMP/x.json' (a .json file)"
[ -e "$TMP/x.csv" ] || [ -e "$TMP/x.xlsx" ] || [ -e "$TMP/x.json" ] && fail "a refused --output wrote a file"
ok export --output "$TMP/all.JSON"
head -c 1 "$TMP/all.JSON" | grep -q '{' || fail "export --output x.JSON did not write JSON"
unchanged_by 2 export --format toml --output "$TMP/x.json"
unchanged_by 2 export --output "$TMP/x.md"
err_has "export writes toml, json, not .md files"

# rows is today's output; --layout is for the summary alone; other words suggest.
ok report summary --period 2022 --each quarter --format json --layout rows
cmp -s "$TMP/stdout" "$TMP/rows.json" || fail "--layout rows differs from the default"
for verb in tasks meetings awards attention; do
  for layout in columns rows; do
    unchanged_by 2 report "$verb" --period 2022 --layout "$layout"
    err_lines 1
    err_has "--layout is for 'report summary'"
  done
done
unchanged_by 2 report summary --period 2022 --layout colums
err_has "invalid layout 'colums' for --layout (expected one of: rows, columns); did you mean 'columns'?"
unchanged_by 2 report summary --period 2022 --layout columns --format table

unchanged_by 2 report summary --from 2022-01-01
unchanged_by 2 report summary --period 2022 --each fortnight
unchanged_by 3 report summary --agreement NOPE
unchanged_by 2 report summary --format table

# --each splits into consecutive, clipped sub-periods.
ok report summary --period 2022-12-01..2023-01-31 --each month --format json
[ "$(json_eval '[(s["period"]["first"], s["period"]["last"]) for s in d["sections"]]')" = "[('2022-12-01', '2022-12-31'), ('2023-01-01', '2023-01-31')]" ] || fail "--each month"
ok report awards --period 2018-2022 --each quarter --format csv
[ "$(python3 -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))' "$TMP/stdout")" = 15 ] || fail "award register rows"

# --output replaces the file atomically; a failed run leaves the old one.
echo "old report" >"$TMP/report.md"
ok report summary --period 2022 --output "$TMP/report.md"
[ -s "$TMP/stdout" ] && fail "--output also wrote to stdout"
grep -q "BT-2018" "$TMP/report.md" || fail "--output did not write the report"
cp "$TMP/report.md" "$TMP/before.md"
fails 2 report summary --period 2022-Q5 --output "$TMP/report.md"
cmp -s "$TMP/report.md" "$TMP/before.md" || fail "a failed run changed the old report"
fails 1 report summary --period 2022 --output "$TMP/no-such-dir/report.md"
err_has "no-such-dir"
[ -z "$(ls -A "$TMP" | grep '\.tmp-')" ] || fail "temporary file left behind"
ok report summary --period 2022 --output "$TMP/report.md"
cmp -s "$TMP/report.md" "$TMP/before.md" || fail "--output is not byte-identical across runs"

# Results (phoihop-report(1), RESULTS), each as of the report's day: partners,
# an indicator (120 → 121 mô hình), update notes (one over two lines, one with
# a pipe), an agreement note, a conclusion with a follow-up task, and a lead
# and a partner renamed later (the reports before keep the old names).
results() { DB="$TMP/results.db" ok --today 2026-01-15 "$@"; }
results agreement add "Quy chế phối hợp hỗ trợ thanh niên khởi nghiệp" --party "Sở Khoa học và Công nghệ" \
  --party "Tỉnh đoàn Đồng Tháp" --from 2023-01-01 --to 2025-12-31 --code KN --signed 2023-01-01 \
  --note "Ký tại hội nghị liên tịch
Lần thứ hai"
results task add "Xây dựng mô hình thanh niên khởi nghiệp" --agreement KN --code MH --lead "Tỉnh đoàn Đồng Tháp" \
  --partner "Sở Khoa học và Công nghệ" --partner "Hội Liên hiệp Thanh niên tỉnh" --start 2023-01-01 \
  --due 2025-12-31 --target 120 --unit "mô hình"
results task update 1 --date 2023-12-31 --progress 50 --actual 60 --note "Đã xây dựng 60 mô hình"
results task update 1 --date 2024-12-20 --status done --actual 121 --note "Vượt chỉ tiêu: 121 mô hình
| tại 12 xã"
results task update 1 --date 2025-03-01 --note "Tổng kết, nhân rộng"
results task add "Tập huấn kỹ năng" --agreement KN
results meeting add "Hội nghị sơ kết" --date 2024-06-15 --kind interim_review --agreement KN
results meeting conclude 1 "Nhân rộng mô hình ra các huyện" --lead "Sở Khoa học và Công nghệ" --due 2024-12-31
results task update 3 --date 2024-09-30 --progress 40
results org rename "Tỉnh đoàn Đồng Tháp" "Thành đoàn Đồng Tháp" --date 2025-07-01
results org rename "Hội Liên hiệp Thanh niên tỉnh" "Hội LHTN tỉnh" --date 2025-01-01

results report summary --period 2024 --agreement KN --format json
python3 - "$TMP/stdout" <<'PY' || fail "results: JSON as of 2024-12-31"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = d["sections"][0]["agreements"][0]
assert a["note"] == "Ký tại hội nghị liên tịch\nLần thứ hai", a["note"]
t = {x["code"] or x["title"]: x for x in a["tasks"]}
mh = t["MH"]
got = (mh["lead"], mh["partners"], mh["target"], mh["actual"], mh["unit"], mh["pct_of_target"],
       mh["result_note"], mh["result_date"], mh["status"])
assert got == ("Tỉnh đoàn Đồng Tháp", ["Sở Khoa học và Công nghệ", "Hội Liên hiệp Thanh niên tỉnh"], 120.0, 121.0,
               "mô hình", 100.8, "Vượt chỉ tiêu: 121 mô hình\n| tại 12 xã", "2024-12-20", "done"), got
plain = t["Tập huấn kỹ năng"]
assert (plain["lead"], plain["lead_id"], plain["partners"], plain["target"], plain["pct_of_target"], plain["result_note"]) == (None, None, [], None, None, None), plain
follow = [m["follow_ups"] for m in a["meetings"]]
assert follow == [[{"conclusion": 1, "task_id": 3, "code": None, "title": "Nhân rộng mô hình ra các huyện",
                    "status": "in_progress", "progress": 40}]], follow
leads = [(l["lead"], l["counts"]["tasks_total"], l["counts"]["tasks_done"], l["counts"]["completion_pct"],
          l["counts"]["progress_avg"]) for l in a["by_lead"]]
assert leads == [("Tỉnh đoàn Đồng Tháp", 1, 1, 100.0, 100.0), ("Sở Khoa học và Công nghệ", 1, 0, 0.0, 40.0),
                 (None, 1, 0, 0.0, 0.0)], leads
assert "compare" not in a and "compare" not in d["sections"][0]
PY
# An earlier day: the earlier actual and note; a later one: the lead's new name.
results report summary --period 2023 --agreement KN --format json
python3 - "$TMP/stdout" <<'PY' || fail "results: JSON as of 2023-12-31"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
mh = [x for x in d["sections"][0]["agreements"][0]["tasks"] if x["code"] == "MH"][0]
got = (mh["lead"], mh["actual"], mh["pct_of_target"], mh["result_note"], mh["result_date"], mh["progress"])
assert got == ("Tỉnh đoàn Đồng Tháp", 60.0, 50.0, "Đã xây dựng 60 mô hình", "2023-12-31", 50), got
PY
results report summary --period 2025 --agreement KN --format json
python3 - "$TMP/stdout" <<'PY' || fail "results: JSON as of 2025-12-31"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = d["sections"][0]["agreements"][0]
mh = [x for x in a["tasks"] if x["code"] == "MH"][0]
got = (mh["lead"], mh["partners"], mh["result_note"], mh["result_date"])
assert got == ("Thành đoàn Đồng Tháp", ["Sở Khoa học và Công nghệ", "Hội LHTN tỉnh"], "Tổng kết, nhân rộng",
               "2025-03-01"), got
assert a["by_lead"][0]["lead"] == "Thành đoàn Đồng Tháp", a["by_lead"]
PY
# The task register: the new columns after the fixed ones, as of each day.
results report tasks --period 2023-2024 --each year --agreement KN --format csv
python3 - "$TMP/stdout" <<'PY' || fail "results: task register CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
fixed = "period_start,period_end,agreement_id,agreement_code,task_id,code,title,lead,start,due,status,progress,overdue,done_in_period,updated_on".split(",")
assert list(rows[0].keys()) == fixed + "partners,target,actual,unit,pct_of_target,result_note,result_date".split(","), list(rows[0].keys())
mh = [(r["period_start"], r["lead"], r["partners"], r["target"], r["actual"], r["unit"], r["pct_of_target"],
       r["result_note"], r["result_date"]) for r in rows if r["code"] == "MH"]
assert mh == [("2023-01-01", "Tỉnh đoàn Đồng Tháp", "Sở Khoa học và Công nghệ; Hội Liên hiệp Thanh niên tỉnh", "120", "60",
               "mô hình", "50.0", "Đã xây dựng 60 mô hình", "2023-12-31"),
              ("2024-01-01", "Tỉnh đoàn Đồng Tháp", "Sở Khoa học và Công nghệ; Hội Liên hiệp Thanh niên tỉnh", "120", "121",
               "mô hình", "100.8", "Vượt chỉ tiêu: 121 mô hình\n| tại 12 xã", "2024-12-20")], mh
PY
results report meetings --period 2024 --agreement KN --format csv
python3 - "$TMP/stdout" <<'PY' || fail "results: meeting register CSV"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert list(rows[0].keys())[-2:] == ["conclusions", "follow_ups"], list(rows[0].keys())
got = json.loads(rows[0]["follow_ups"])
assert got == [{"conclusion": 1, "task_id": 3, "code": None, "title": "Nhân rộng mô hình ra các huyện",
                "status": "in_progress", "progress": 40}], got
PY
# The Markdown, read by a real GFM renderer: every table whole, each result where a clerk looks for it.
results report summary --period 2024 --agreement KN
cmark-gfm -e table "$TMP/stdout" >"$TMP/results.html" || fail "cmark-gfm failed"
python3 - "$TMP/results.html" <<'PY' || fail "results: Markdown"
import sys
from html.parser import HTMLParser
class Doc(HTMLParser):
    def __init__(self):
        super().__init__(); self.tables = []; self.row = None; self.cell = None; self.items = []; self.item = None
    def handle_starttag(self, tag, attrs):
        if tag == "table": self.tables.append([])
        if tag == "tr": self.row = []; self.tables[-1].append(self.row)
        if tag in ("td", "th"): self.cell = ""
        if tag == "li": self.item = ""
        if tag == "br" and self.item is not None: self.item += "<br>"
    def handle_endtag(self, tag):
        if tag in ("td", "th"): self.row.append(self.cell.strip()); self.cell = None
        if tag == "li": self.items.append(self.item.strip()); self.item = None
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
        if self.item is not None: self.item += data
p = Doc(); p.feed(open(sys.argv[1], encoding="utf-8").read())
for t in p.tables:
    assert len({len(r) for r in t}) == 1, [len(r) for r in t]
tasks = [t for t in p.tables if t[0][:4] == ["No.", "Task", "Lead", "Partners"]][0]
mh = [r for r in tasks if r[1] == "Xây dựng mô hình thanh niên khởi nghiệp"][0]
assert mh == ["MH", "Xây dựng mô hình thanh niên khởi nghiệp", "Tỉnh đoàn Đồng Tháp",
              "Sở Khoa học và Công nghệ; Hội Liên hiệp Thanh niên tỉnh", "2025-12-31", "done (in this period)",
              "▓▓▓▓▓▓▓▓▓▓ 100%", "121 / 120 mô hình (100.8%)"], mh
leads = [t for t in p.tables if t[0][0] == "Lead"][0]
assert [r[:2] for r in leads[1:]] == [["Tỉnh đoàn Đồng Tháp", "1"], ["Sở Khoa học và Công nghệ", "1"], ["(no lead)", "1"]], leads
items = p.items
# A note's lines stay lines: a hard break (<br />) between them.
assert "Note: Ký tại hội nghị liên tịch<br>\nLần thứ hai" in items, items
assert "MH. Xây dựng mô hình thanh niên khởi nghiệp (2024-12-20): Vượt chỉ tiêu: 121 mô hình<br>\n| tại 12 xã" in items, items
# A follow-up titled with its conclusion's very words is not quoted twice.
assert "Nhân rộng mô hình ra các huyện — follow-up: #3, in progress, 40%" in items, items
PY
results report summary --period 2024 --agreement KN --lang vi
cmark-gfm -e table "$TMP/stdout" >/dev/null || fail "cmark-gfm failed (vi)"
out_has "| Đơn vị chủ trì | Tổng số đầu việc |"
out_has "121 / 120 mô hình (100,8%)"
out_has "#### Kết quả thực hiện"

# --compare: the same builder over the other period, each figure with its change.
results report summary --period 2024 --agreement KN --compare previous --format json
python3 - "$TMP/stdout" <<'PY' || fail "--compare previous: JSON"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
s = d["sections"][0]
c = s["compare"]
assert (c["period"]["label"], c["as_of"], c["totals"]["tasks_total"], c["totals"]["tasks_in_progress"]) == ("2023", "2023-12-31", 2, 1), c
assert (c["deltas"]["tasks_total"], c["deltas"]["tasks_done"], c["deltas"]["meetings"], c["deltas"]["progress_avg"]) == (1, 1, 1, 21.7), c["deltas"]
a = s["agreements"][0]["compare"]
assert a["counts"]["tasks_total"] == 2 and a["deltas"]["tasks_in_progress"] == 0 and a["deltas"]["completion_pct"] == 33.3, a
PY
results report summary --period 2024 --agreement KN --compare year
out_has "Compared with 2023 (2023-01-01 to 2023-12-31; figures as of 2023-12-31); changes in brackets."
out_has "| Tasks | 3 (+1) |"
out_has "| Done | 1 (+1) |"
out_has "| In progress | 1 (±0) |"
out_has "| Completion rate | 33.3% (+33.3) |"
results report summary --period 2025-H1 --agreement KN --compare previous --format csv
python3 - "$TMP/stdout" <<'PY' || fail "--compare: summary CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
keys = list(rows[0].keys())
assert keys[:18] == "period_start,period_end,agreement_id,agreement_code,agreement_title,tasks_total,tasks_planned,tasks_in_progress,tasks_done,tasks_cancelled,tasks_overdue,tasks_done_in_period,completion_pct,progress_avg,meetings,awards_collective,awards_individual,tasks_unfinished".split(","), keys
r = rows[0]
got = (r["compare_period_start"], r["compare_period_end"], r["tasks_total_delta"], r["meetings_delta"], r["tasks_done_in_period_delta"])
assert got == ("2024-07-01", "2024-12-31", "0", "0", "-1"), got
PY
DB="$TMP/results.db" fails 2 report summary --period 2024 --compare previuos
err_has "did you mean"
DB="$TMP/results.db" fails 2 report tasks --period 2024 --compare previous

# Many agreements: a generated province (bench/generate.py, deterministic) with
# overdue tasks, meetings and awards spread over 15 agreements, reported per
# half-year. The report is written one agreement at a time; its bytes must not
# depend on that: the CSV is golden, the Markdown and JSON are checked against
# saved checksums (tests/golden/province-2024.sha256, rewritten with
# PHOIHOP_REGENERATE=1), and the formats and a per-agreement run must agree.
python3 "$SOURCE_DIR/bench/generate.py" --phoihop "$PHOIHOP" --db "$TMP/province.db" --profile province \
  --tasks 400 >/dev/null 2>&1 || fail "bench/generate.py failed"
province() { DB="$TMP/province.db" ok --today 2026-06-30 report summary --period 2024 --each half "$@"; }
province --format csv
golden province-2024.csv
cp "$TMP/stdout" "$TMP/province.csv"
: >"$TMP/province.sums"
for args in "--format md" "--format md --lang vi" "--format json"; do
  # shellcheck disable=SC2086
  province $args
  echo "$(sha256sum <"$TMP/stdout" | cut -d' ' -f1) $args" >>"$TMP/province.sums"
  [ "$args" = "--format json" ] && cp "$TMP/stdout" "$TMP/province.json"
done
cp "$TMP/province.sums" "$TMP/stdout"
golden province-2024.sha256
python3 - "$TMP/province.csv" "$TMP/province.json" <<'PY' || fail "province: JSON and CSV disagree"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
doc = json.load(open(sys.argv[2], encoding="utf-8"))
flat = [(s, a) for s in doc["sections"] for a in s["agreements"]]
assert len(rows) == len(flat) > 10, (len(rows), len(flat))
for row, (s, a) in zip(rows, flat):
    assert row["period_start"] == s["period"]["first"] and int(row["agreement_id"]) == a["id"]
    for key in ("tasks_total", "tasks_done", "tasks_overdue", "tasks_done_in_period", "meetings"):
        assert int(row[key]) == a["counts"][key], (key, row, a["counts"])
    assert len(a["tasks"]) == a["counts"]["tasks_total"]
for s in doc["sections"]:
    overdue = sum(a["counts"]["tasks_overdue"] for a in s["agreements"])
    assert overdue == s["totals"]["tasks_overdue"] > 0
    # Items of agreements outside the period are remembered apart (earlier).
    assert overdue == sum(1 for i in s["attention"] if i["kind"] == "overdue_task" and not i["earlier"])
PY
# Each agreement alone gives the rows it has in the whole report.
for id in $(cut -d, -f3 "$TMP/province.csv" | tr -d '\r' | grep -v agreement_id | sort -u); do
  DB="$TMP/province.db" ok --today 2026-06-30 report summary --period 2024 --each half --format csv --agreement "$id"
  tr -d '\r' <"$TMP/stdout" | tail -n +2 >"$TMP/one.csv"
  tr -d '\r' <"$TMP/province.csv" | awk -F, -v id="$id" '$3 == id' >"$TMP/part.csv"
  cmp -s "$TMP/one.csv" "$TMP/part.csv" || fail "province: agreement $id alone differs"
done

# The crontab example runs as cron would run it (paths moved into the test's directory).
mkdir -p "$TMP/bin" "$TMP/share"
ln -sf "$PHOIHOP" "$TMP/bin/phoihop"
grep -E '^[0-9]' "$SOURCE_DIR/examples/crontab" | while read -r _ _ _ _ _ command; do
  command=${command//\/srv\/share\/baocao/$TMP/share}
  env -i PATH="$TMP/bin:/usr/bin:/bin" TZ=Asia/Ho_Chi_Minh PHOIHOP_DB="$DB" HOME="$TMP" \
    PHOIHOP_TODAY=2023-01-01 bash -c "$command" || echo "crontab line failed: $command" >>"$TMP/cron-failures"
done
[ -e "$TMP/cron-failures" ] && fail "$(cat "$TMP/cron-failures")"
grep -q "tháng 12/2022" "$TMP/share/thang-truoc.md" || fail "crontab: last month's report"
[ -s "$TMP/share/quy-truoc.csv" ] || fail "crontab: last quarter's CSV"
grep -q '<h1>Báo cáo kết quả thực hiện quy chế phối hợp tháng 12/2022</h1>' "$TMP/share/thang-truoc.html" ||
  fail "crontab: last month's page"

finish
