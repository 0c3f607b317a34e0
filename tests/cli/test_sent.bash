#!/usr/bin/env bash
# The register of sent reports (phoihop-report(1), SENT REPORTS): report …
# --record keeps the bytes it writes with their number, and report sent
# show gives them back exactly after any later correction of the records;
# numbers are unique per symbol and year; a refused record changes nothing
# and writes no file; undo, db check, merge, batch and a read-only database.
source "$(dirname "$0")/lib.bash"

load_bentre
sent_rows() { sqlite3 "$DB" "SELECT count(*) FROM sent_report; SELECT count(*) FROM sent_report_content" | tr '\n' ' '; }
row_of() { # NUMBER SYMBOL: the register entry as sqlite3 prints it
  sqlite3 "$DB" "SELECT number, symbol, issued_on, recipients, view, period, period_start, period_end, as_of,
    agreement, format, lang, size, sha256 FROM sent_report WHERE number = $1 AND symbol IS ${2:-NULL}"
}
digest() { sha256sum "$1" | cut -d' ' -f1; }
size() { wc -c <"$1" | tr -d ' '; }
[ "$(sent_rows)" = "0 0 " ] || fail "the example holds sent reports"

# --- Recording: the report as it goes out, and its register entry -----------
ok report summary --period 2024-01
cp "$TMP/stdout" "$TMP/plain-2024-01.md"
ok report summary --period 2024-01 --record --number 16 --symbol BC-UBND --recipient "Như trên" --recipient "Lưu: VT"
cp "$TMP/stdout" "$TMP/bc16.md"
cmp -s "$TMP/bc16.md" "$TMP/plain-2024-01.md" || fail "recording changed the report's bytes"
err_lines 1
err_has "recorded 16/BC-UBND of 2026: report summary 2024-01, as of 2024-01-31, md, $(size "$TMP/bc16.md") bytes"
[ "$(row_of 16 "'BC-UBND'")" = "16|BC-UBND|2026-11-26|[\"Như trên\",\"Lưu: VT\"]|summary|2024-01|2024-01-01|2024-01-31|2024-01-31||md|en|$(size "$TMP/bc16.md")|$(digest "$TMP/bc16.md")" ] ||
  fail "the register entry of 16/BC-UBND: $(row_of 16 "'BC-UBND'")"
[ "$(sent_rows)" = "1 1 " ] || fail "one record, one content row"
ok db check

# Another office's copy, taken now, for the merge below.
ok db backup "$TMP/other.db"

# A register to --output (nothing on stdout), a JSON report without a symbol
# issued another day, and a Word document.
ok report tasks --period 2024-Q1 --agreement BT-2022 --format csv --record --number 17 --symbol BC-UBND \
  --output "$TMP/bc17.csv"
out_is ""
err_has "recorded 17/BC-UBND of 2026: report tasks 2024-Q1"
[ "$(row_of 17 "'BC-UBND'" | cut -d'|' -f5-13)" = "tasks|2024-Q1|2024-01-01|2024-03-31|2024-03-31|BT-2022|csv|en|$(size "$TMP/bc17.csv")" ] ||
  fail "the register entry of 17/BC-UBND: $(row_of 17 "'BC-UBND'")"
ok --format json report meetings --period 2022 --lang vi --record --number 3 --date-issued "ngày 15 tháng 01 năm 2025"
cp "$TMP/stdout" "$TMP/bc3.json"
err_has "recorded 03 of 2025" # Decree 30 writes a 0 before a number under 10
[ "$(row_of 3 | cut -d'|' -f1-6,11-12)" = "3||2025-01-15|[]|meetings|2022|json|vi" ] || fail "the register entry of 3: $(row_of 3)"
# A recorded Word document has no blank left to fill in by hand.
unchanged_by 2 report summary --period 2024-01 --lang vi --record --number 18 --symbol BC-UBND --output "$TMP/bc18.docx"
err_has "give --body, --place, --signer, --position"
[ -e "$TMP/bc18.docx" ] && fail "a refused record wrote its file"
ok report summary --period 2024-01 --lang vi --record --number 18 --symbol BC-UBND --body "UBND TỈNH BẾN TRE" \
  --place "Bến Tre" --signer "Nguyễn Văn A" --position "CHỦ TỊCH" --output "$TMP/bc18.docx"
[ "$(row_of 18 "'BC-UBND'" | cut -d'|' -f11,13,14)" = "docx|$(size "$TMP/bc18.docx")|$(digest "$TMP/bc18.docx")" ] ||
  fail "the register entry of the Word document: $(row_of 18 "'BC-UBND'")"

# --- report sent list ---------------------------------------------------------
ok report sent list --format csv
[ "$(tr -d '\r' <"$TMP/stdout" | head -n 1)" = "number,issued_on,view,period,as_of,agreement,format,lang,size,sha256,recipients" ] ||
  fail "the list's CSV header: $(head -n 1 "$TMP/stdout")"
[ "$(tr -d '\r' <"$TMP/stdout" | tail -n +2 | cut -d, -f1,2)" = "$(printf '03,2025-01-15\n16/BC-UBND,2026-11-26\n17/BC-UBND,2026-11-26\n18/BC-UBND,2026-11-26')" ] ||
  fail "the list is not by date of issue and number: $(cat "$TMP/stdout")"
[ "$(csv_field 1 sha256)" = "$(digest "$TMP/bc16.md")" ] || fail "the list's sha256"
[ "$(csv_field 1 recipients)" = "Như trên; Lưu: VT" ] || fail "the list's recipients: $(csv_field 1 recipients)"
ok report sent list --period 2025
out_has "03 "
out_lacks "BC-UBND"
ok report sent list --format json --from 2026-01-01 --to 2026-12-31
[ "$(json_eval '[(r["number"], r["symbol"], r["year"], r["recipients"]) for r in d][0]')" = "('16/BC-UBND', 'BC-UBND', 2026, ['Như trên', 'Lưu: VT'])" ] ||
  fail "the list as JSON: $(cat "$TMP/stdout")"
[ "$(json_eval 'len(d)')" = 3 ] || fail "--from/--to do not keep the reports issued in 2026"
ok report sent list --period 2023 --format json
out_is "[]"

# --- report sent show: the exact bytes ------------------------------------------
ok report sent show 16/BC-UBND
cmp -s "$TMP/stdout" "$TMP/bc16.md" || fail "show 16/BC-UBND is not the bytes sent"
ok report sent show 17/BC-UBND --output "$TMP/copy17.csv"
out_is ""
cmp -s "$TMP/copy17.csv" "$TMP/bc17.csv" || fail "show --output is not the bytes sent (CSV)"
ok report sent show 03
cmp -s "$TMP/stdout" "$TMP/bc3.json" || fail "show 3 is not the bytes sent (JSON)"
ok report sent show 18/BC-UBND --output "$TMP/copy18.docx"
cmp -s "$TMP/copy18.docx" "$TMP/bc18.docx" || fail "show is not the bytes sent (Word)"
ok report sent show 18/BC-UBND --info --format json
[ "$(json_eval '(d["number"], d["format"], d["size"], d["sha256"])')" = "('18/BC-UBND', 'docx', $(size "$TMP/bc18.docx"), '$(digest "$TMP/bc18.docx")')" ] ||
  fail "show --info: $(cat "$TMP/stdout")"
# A Word document is not for a terminal; redirected, it is.
script -qec "env -i PATH=/usr/bin:/bin PHOIHOP_DB='$DB' '$PHOIHOP' report sent show 18/BC-UBND" /dev/null >"$TMP/tty.out" 2>&1
[ $? -eq 2 ] || fail "a Word document was written to a terminal: $(head -c 300 "$TMP/tty.out")"
grep -q "not text for a terminal" "$TMP/tty.out" || fail "the terminal refusal does not say why"

# After the records change, the report says something else; what was sent stays.
ok agreement edit BT-2022 --note "Ghi chú sửa sau khi đã gửi báo cáo"
ok task update 2 --date 2024-01-20 --progress 35 --note "Số liệu bổ sung"
ok report summary --period 2024-01
cmp -s "$TMP/stdout" "$TMP/bc16.md" && fail "the corrections did not change the January report (the test proves nothing)"
ok report sent show 16/BC-UBND --output "$TMP/again16.md"
cmp -s "$TMP/again16.md" "$TMP/bc16.md" || fail "what was sent changed with the records"

# --- Numbers: unique per symbol and year; refusals change nothing -------------
printf 'the old file\n' >"$TMP/keep.md"
unchanged_by 4 report summary --period 2024-02 --record --number 16 --symbol BC-UBND --output "$TMP/keep.md"
err_lines 1
err_has "16/BC-UBND of 2026 was already sent on 2026-11-26"
[ "$(cat "$TMP/keep.md")" = "the old file" ] || fail "a refused record replaced its --output file"
unchanged_by 4 report summary --period 2024-02 --record --number 16 --symbol BC-UBND --output "$TMP/new.md"
[ -e "$TMP/new.md" ] && fail "a refused record created its --output file"
ls -A "$TMP" | grep -q '\.tmp-' && fail "a refused record left a temporary file"
unchanged_by 4 report summary --period 2024-02 --record --number 16 --symbol BC-UBND
# The same number under another year or without a symbol is another document.
ok report summary --period 2024-02 --record --number 16 --symbol BC-UBND --date-issued 2025-03-02 --output "$TMP/bc16-2025.md"
ok report awards --period 2022 --record --number 16
cp "$TMP/stdout" "$TMP/bc16-plain.md"
fails 4 report sent show 16/BC-UBND
err_has "16/BC-UBND is ambiguous: 16/BC-UBND of 2025, 16/BC-UBND of 2026; give --year"
ok report sent show 16/BC-UBND --year 2026
cmp -s "$TMP/stdout" "$TMP/bc16.md" || fail "--year 2026 does not pick 16/BC-UBND of 2026"
ok report sent show 16/BC-UBND --year 2025
cmp -s "$TMP/stdout" "$TMP/bc16-2025.md" || fail "--year 2025 does not pick 16/BC-UBND of 2025"
ok report sent show 16 # as printed: the one without a symbol
cmp -s "$TMP/stdout" "$TMP/bc16-plain.md" || fail "a bare number does not pick the report without a symbol"
ok report sent show 17 # no 17 without a symbol: the one of any symbol
cmp -s "$TMP/stdout" "$TMP/bc17.csv" || fail "a bare number does not fall back to any symbol"
fails 3 report sent show 99
err_has "no sent report 99"
fails 3 report sent show 16/BC-UBND --year 2024
err_has "no sent report 16/BC-UBND of 2024 (numbered 16: "
# A symbol is one whatever its case: found so, and taken so.
ok report sent show 16/bc-ubnd --year 2026
unchanged_by 4 report summary --period 2024-01 --record --number 16 --symbol bc-ubnd --output "$TMP/x16.md"
[ -e "$TMP/x16.md" ] && fail "a number taken under another case was recorded"
# Empty values are unset variables, not choices; a report is recorded as sent, never ahead.
unchanged_by 2 report summary --period 2024-01 --record --number 40 --symbol "" --output "$TMP/x40.md"
err_has "--symbol is empty"
unchanged_by 2 report summary --period 2024-01 --record --number 40 --symbol BC-UBND --date-issued 2027-01-01 \
  --output "$TMP/x40.md"
err_has "--date-issued 2027-01-01 is after today"

# --- Usage errors: one line, exit 2, nothing written ----------------------------
unchanged_by 2 report summary --period 2024-03 --record
err_has "--record needs --number N"
unchanged_by 2 report summary --period 2024-03 --record --number 0
err_has "--number '0'"
unchanged_by 2 report summary --period 2024-03 --record --number 1000000
unchanged_by 2 report summary --period 2024-03 --record --number 12a
unchanged_by 2 report summary --period 2024-03 --record --number 16/BC-UBND
err_has "give the number alone (--number 16)"
unchanged_by 2 report summary --period 2024-03 --record --number 20 --date-issued 31/02/2026
err_has "31/02/2026"
unchanged_by 2 report summary --period 2024-03 --number 20
err_has "or a recorded report (--record)"
unchanged_by 2 report summary --period 2024-03 --symbol BC-UBND
unchanged_by 2 report summary --period 2024-03 --record --number 20 --signer "Nguyễn Văn A"
err_has "--signer is for a Word document"
unchanged_by 2 report summary --period 2024-03 --record --number 20 --bom
unchanged_by 2 report sent show abc
err_has "invalid number 'abc'"
unchanged_by 2 report sent show 16/BC-UBND --year 26
# --info to a file: the details, in the format its extension names.
ok report sent show 3 --info --output "$TMP/x.json"
[ "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["number"])' "$TMP/x.json")" != "" ] ||
  fail "report sent show --info --output x.json"
rm -f "$TMP/x.json"
unchanged_by 2 report sent show 16 --output "$TMP/x.csv"
err_has "not .csv files"
[ -e "$TMP/x.csv" ] && fail "show wrote a .csv file of a Markdown report"
unchanged_by 2 --format csv report sent show 16
err_has "was sent as md"
# Bad input on a fresh path creates no database, and nor does a report of
# records that are not there (a mistyped path): refused as a report is.
DB="$TMP/fresh.db" fails 2 report summary --period 2024-03 --record
[ -e "$TMP/fresh.db" ] && fail "a refused --record created a database"
DB="$TMP/fresh.db" fails 5 report summary --period 2024-03 --record --number 1
err_has "database '$TMP/fresh.db' does not exist"
[ -e "$TMP/fresh.db" ] && fail "--record created a database"
: >"$TMP/empty.db"
DB="$TMP/empty.db" fails 5 report summary --period 2024-03 --record --number 1 --output "$TMP/e.md"
err_has "held no records before this report"
[ -s "$TMP/empty.db" ] && fail "--record made an empty file a database"
[ -e "$TMP/e.md" ] && fail "--record on an empty file wrote its report"

# --- Where the bytes go, and when ---------------------------------------------
# Standard output that cannot take the report: nothing is recorded.
before=$(sent_rows)
env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 PHOIHOP_DB="$DB" \
  PHOIHOP_TODAY=2026-11-26 "$PHOIHOP" report summary --period 2024-03 --record --number 20 >/dev/full 2>"$TMP/stderr"
[ $? -eq 1 ] || fail "a report recorded to a full standard output did not fail with exit 1"
[ "$(sent_rows)" = "$before" ] || fail "a report that could not be written was recorded"
# Killed between the commit and putting the file in place: the record is
# kept (it is the register), no file claims it, and show writes the file.
(EXTRA_ENV="PHOIHOP_CRASH_AT=output-rename" run_phoihop report summary --period 2024-03 --record --number 21 \
  --output "$TMP/bc21.md"; exit "$rc") 2>/dev/null # bash reports the kill
rc=$?
[ "$rc" -eq 137 ] || fail "the crash point was not reached (rc $rc)"
[ -e "$TMP/bc21.md" ] && fail "the file was put in place although the run was killed first"
ok report sent show 21 --output "$TMP/bc21.md"
[ "$(digest "$TMP/bc21.md")" = "$(sqlite3 "$DB" "SELECT sha256 FROM sent_report WHERE number = 21")" ] ||
  fail "the recovered file is not the recorded bytes"
# In a batch the file waits for the whole batch: a later failing line leaves
# neither record nor file, a dry run writes none, a batch that commits both.
printf '%s\n' "report summary --period 2024-04 --record --number 22 --output $TMP/bc22.md" 'task add "Nhiệm vụ" --agreement NONE' >"$TMP/fail.batch"
unchanged_by 3 batch "$TMP/fail.batch"
[ -e "$TMP/bc22.md" ] && fail "a batch that failed wrote a recorded report's file"
printf '%s\n' "report summary --period 2024-04 --record --number 22 --output $TMP/bc22.md" >"$TMP/ok.batch"
before=$(db_sum)
ok batch --dry-run "$TMP/ok.batch"
[ "$before" = "$(db_sum)" ] || fail "batch --dry-run recorded a report"
[ -e "$TMP/bc22.md" ] && fail "batch --dry-run wrote a recorded report's file"
ok batch "$TMP/ok.batch"
[ -e "$TMP/bc22.md" ] || fail "a committed batch did not write the recorded report's file"
ok report sent show 22
cmp -s "$TMP/stdout" "$TMP/bc22.md" || fail "the batch's file is not the recorded bytes"
# A file that cannot be put in place after the commit does not keep the
# batch's later files from theirs: each is recorded, each written but that one.
printf '%s\n' "report summary --period 2024-04 --record --number 24 --output /dev/full" \
  "report summary --period 2024-04 --record --number 25 --output $TMP/bc25.md" >"$TMP/two.batch"
run_phoihop batch "$TMP/two.batch"
[ "$rc" -eq 1 ] || fail "a recorded file that could not be written: exit $rc"
err_has "24 of 2026 is recorded: phoihop report sent show 24 --year 2026 --output '/dev/full' writes it"
[ -s "$TMP/bc25.md" ] || fail "a failed file kept the batch's next recorded file from being written"

# --- History: logged without the bytes, undone with them ------------------------
ok report summary --period 2024-05 --record --number 23 --output "$TMP/bc23.md"
ok log --entity sent --limit 1 --format json
[ "$(json_eval '[(c["table"], c["op"], json.loads(c["after"])["number"], "content" in json.loads(c["after"])) for c in d]')" = \
  "[('sent_report', 'insert', 23, False)]" ] || fail "the record is not logged as a sent report: $(cat "$TMP/stdout")"
before=$(sent_rows)
ok undo
fails 3 report sent show 23
[ "$(sent_rows)" != "$before" ] && [ "$(sqlite3 "$DB" "SELECT count(*) FROM sent_report_content WHERE sent_report_id NOT IN (SELECT id FROM sent_report)")" = 0 ] ||
  fail "undo left the record or its bytes"
[ -e "$TMP/bc23.md" ] || fail "undo removed the file (it reverts the database only)"
ok report summary --period 2024-05 --record --number 23 --output "$TMP/bc23.md" # the number is free again
ok db check

# --- A database this user may not write: refused as every write is ------------
cp "$DB" "$TMP/ro.db"
if [ "$(id -u)" -ne 0 ]; then
  chmod 444 "$TMP/ro.db"
  DB="$TMP/ro.db" unchanged_by 5 report summary --period 2024-06 --record --number 30 --output "$TMP/bc30.md"
elif command -v setpriv >/dev/null; then
  chmod 755 "$TMP" && chmod 644 "$TMP/ro.db"
  ro_sum=$(sha256sum <"$TMP/ro.db")
  setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin PHOIHOP_TODAY=2026-11-26 \
    "$PHOIHOP" --db "$TMP/ro.db" report summary --period 2024-06 --record --number 30 --output /tmp/phoihop-sent-$$.md \
    >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
  [ "$rc" -eq 5 ] || fail "--record on a database this user may not write: exit $rc, not 5"
  err_has "read-only"
  [ -e "/tmp/phoihop-sent-$$.md" ] && fail "a refused --record wrote its file" && rm -f "/tmp/phoihop-sent-$$.md"
  [ "$(sha256sum <"$TMP/ro.db")" = "$ro_sum" ] || fail "the read-only database changed"
  # Reading the register needs no write.
  setpriv --reuid=nobody --regid=nogroup --clear-groups env -i PATH=/usr/bin:/bin \
    "$PHOIHOP" --db "$TMP/ro.db" report sent show 16/BC-UBND --year 2026 >"$TMP/stdout" 2>"$TMP/stderr" ||
    fail "a reader who may not write cannot show a sent report"
  cmp -s "$TMP/stdout" "$TMP/bc16.md" || fail "a reader who may not write gets other bytes"
else
  echo "test_sent: read-only database case skipped (root without setpriv)"
fi

# --- db check: the bytes kept are the bytes recorded ----------------------------
cp "$DB" "$TMP/bad.db"
sqlite3 "$TMP/bad.db" "UPDATE sent_report_content SET content = substr(content, 1, 12)
  WHERE sent_report_id = (SELECT id FROM sent_report WHERE number = 17)"
run_phoihop --db "$TMP/bad.db" db check --format csv
[ "$rc" -eq 5 ] || fail "db check passed a damaged sent report (rc $rc)"
grep -q '^sent_content,sent_report,[0-9]*,sent report 17/BC-UBND of 2026: its content is not a whole zlib stream' "$TMP/stdout" ||
  fail "db check does not name the damaged sent report: $(cat "$TMP/stdout")"
[ "$(grep -c '^sent_' "$TMP/stdout")" = 1 ] || fail "db check lists other sent reports as damaged"
fails 5 --db "$TMP/bad.db" report sent show 17/BC-UBND
err_has "sent report 17/BC-UBND of 2026 in '$TMP/bad.db' is damaged"
ok --db "$TMP/bad.db" report sent show 16/BC-UBND --year 2026
cmp -s "$TMP/stdout" "$TMP/bc16.md" || fail "one damaged report spoils the others"
cp "$DB" "$TMP/bad.db"
sqlite3 "$TMP/bad.db" "UPDATE sent_report SET sha256 = '$(printf '0%.0s' $(seq 64))' WHERE number = 3"
run_phoihop --db "$TMP/bad.db" db check --format csv
grep -q "^sent_content,sent_report,[0-9]*,\"sent report 03 of 2025: its content's sha256 is $(digest "$TMP/bc3.json"), not the recorded 0000" "$TMP/stdout" ||
  fail "db check does not catch a sha256 that is not the content's: $(cat "$TMP/stdout")"

# --- merge: by uid, else number, symbol and year; never replaced ---------------
# other.db is this database as it was after 16/BC-UBND; there, 17/BC-UBND
# of 2026 is another report, 41/BC-UBND is new, and 42/BC-UBND is recorded
# in both, the same bytes under two uids.
ok --db "$TMP/other.db" report summary --period 2023 --record --number 17 --symbol BC-UBND --output "$TMP/theirs17.md"
ok --db "$TMP/other.db" report meetings --period 2022 --record --number 41 --symbol BC-UBND --output "$TMP/theirs41.md"
ok --db "$TMP/other.db" report awards --period 2022 --record --number 42 --symbol BC-UBND --output "$TMP/theirs42.md"
ok report awards --period 2022 --record --number 42 --symbol BC-UBND --output "$TMP/ours42.md"
cmp -s "$TMP/theirs42.md" "$TMP/ours42.md" || fail "the two 42/BC-UBND differ (the test proves nothing)"
unchanged_by 4 merge "$TMP/other.db"
err_has "sent report $(sqlite3 "$TMP/other.db" "SELECT uid FROM sent_report WHERE number = 17") (17/BC-UBND of 2026): sha256: ours $(digest "$TMP/bc17.csv") vs theirs $(digest "$TMP/theirs17.md")"
[ "$(grep -c 'sent report' "$TMP/stderr")" = 1 ] || fail "merge lists other sent reports as conflicts: $(cat "$TMP/stderr")"
before=$(db_sum)
ok merge "$TMP/other.db" --prefer theirs --dry-run
err_has "1 sent report kept as ours: a report that was sent is never replaced"
[ "$before" = "$(db_sum)" ] || fail "merge --dry-run changed the database"
ok merge "$TMP/other.db" --prefer ours
err_has "merge: 1 added"
ok report sent show 41/BC-UBND
cmp -s "$TMP/stdout" "$TMP/theirs41.md" || fail "the merged report is not their bytes"
ok report sent show 17/BC-UBND
cmp -s "$TMP/stdout" "$TMP/bc17.csv" || fail "merge replaced our 17/BC-UBND"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM sent_report WHERE number = 42")" = 1 ] || fail "42/BC-UBND, the same bytes, was added twice"
ok db check
# Theirs under ours: their later reports come in, what we sent stays.
ok merge "$TMP/other.db" --prefer theirs
err_has "merge: 0 added"
err_has "1 sent report kept as ours"
ok report sent show 17/BC-UBND
cmp -s "$TMP/stdout" "$TMP/bc17.csv" || fail "--prefer theirs replaced a sent report"
# What their file got wrong is refused by the rule it breaks, naming it.
sqlite3 "$TMP/other.db" "PRAGMA ignore_check_constraints = 1; UPDATE sent_report SET period_end = '2021-12-31' WHERE number = 41"
cp "$DB" "$TMP/fresh-merge.db"
sqlite3 "$TMP/fresh-merge.db" "PRAGMA foreign_keys = ON; DELETE FROM sent_report WHERE number = 41"
DB="$TMP/fresh-merge.db" unchanged_by 2 merge "$TMP/other.db" --prefer ours
err_has "other.db: record $(sqlite3 "$TMP/other.db" "SELECT uid FROM sent_report WHERE number = 41"): sent report 41/BC-UBND of 2026: its period ends 2021-12-31"

# --- Export leaves the register out, and says so --------------------------------
ok export --output "$TMP/all.toml"
err_has "the register of sent reports ("
grep -q "sent" "$TMP/all.toml" && fail "export wrote the register of sent reports"

finish
