#!/usr/bin/env bash
# The record rules (`db rules`, src/store/invariants.cpp), end to end:
#  1. db check finds every rule `db rules` lists broken by hand in a copy of
#     the example (a rule without a breaking case here fails the suite);
#  2. every writer that can produce a record breaking a rule refuses it
#     alike: the rule's exit status, one error line naming the value at
#     fault (and the batch line or the file's line), nothing on standard
#     output, the database byte-identical;
#  3. the issue's scenarios, as reported;
#  4. random import documents: each is refused with the database unchanged,
#     or imported into a database that passes db check.
source "$(dirname "$0")/lib.bash"

sql() { # FILE SQL…: the sqlite3 shell, past the checks phoihop's schema would make
  local file=$1
  shift
  sqlite3 "$file" "PRAGMA foreign_keys = OFF; PRAGMA ignore_check_constraints = 1" "$@"
}
# The database's bytes with SQLite's log folded in, so a refused command that
# left uncommitted pages in the -wal file is not mistaken for a change, and a
# committed change is never missed.
state() {
  sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  cat "$DB" "$DB-wal" 2>/dev/null | sha256sum
}
CLEAN="$TMP/clean.db"
reset_db() { cp "$CLEAN" "$DB" && rm -f "$DB-wal" "$DB-shm"; }

# The Bến Tre example and what it lacks for these checks: a task that starts
# after its agreement (#13, with a partner), a dated update of that task (#6;
# the example's own five, #1-#5, close the 2018-2022 tasks at the final review)
# and a second meeting (#2).
load_bentre
ok -q task add "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp" --agreement BT-2022 --code 7 \
  --lead "Tỉnh đoàn Bến Tre" --partner "Ban Thường vụ Tỉnh đoàn" --start 2023-06-01 --due 2024-12-31 \
  --target 20 --unit "dự án" --note "Vốn vay ưu đãi"
out_is 13
ok task update 13 --date 2023-07-01 --status in_progress --progress 20 --actual 3 --note "Ba dự án được hỗ trợ vốn"
ok -q meeting add "Hội nghị sơ kết giữa nhiệm kỳ" --date 2024-06-01 --kind interim_review --agreement BT-2022
out_is 2
# A body renamed on a day keeps its former name (org_name) for earlier reports.
ok -q org add "Ban Dân vận Tỉnh ủy"
ok org rename "Ban Dân vận Tỉnh ủy" "Ban Dân vận Tỉnh ủy Bến Tre" --date 2024-01-01
# A report kept in the register of sent reports (#1, number 16 of 2026).
ok report summary --period 2022 --record --number 16 --output "$TMP/bc-16.md"
ok db check
ok db backup "$CLEAN"

ok db rules --format csv
tr -d '\r' <"$TMP/stdout" | tail -n +2 >"$TMP/rules.csv"
[ "$(grep -c '' "$TMP/rules.csv")" -ge 80 ] || fail "db rules lists too few rules"
declare -A rule_exit=()
while IFS=, read -r rule table column status <&3; do
  rule_exit[$rule]=$status
done 3<"$TMP/rules.csv"

# --- 1. db check finds every rule broken -------------------------------------
# The rules written by hand: SQL that breaks each in the example.
declare -A breaks=(
  [org_valid_dates]="UPDATE org SET valid_from = '2026-01-01' WHERE id = 1" # valid_to is 2025-06-30
  [org_own_parent]="UPDATE org SET parent_id = id WHERE id = 1"
  [org_name_unique]="UPDATE org SET name = 'Tỉnh đoàn Bến Tre', name_key = (SELECT name_key FROM org WHERE id = 2) WHERE id = 3"
  [alias_not_a_name]="UPDATE org_alias SET name = 'Tỉnh đoàn Bến Tre', name_key = (SELECT name_key FROM org WHERE id = 2) WHERE org_id = 1"
  [succession_not_self]="UPDATE org_succession SET successor_id = predecessor_id WHERE id = 1"
  [succession_after_start]="UPDATE org SET valid_from = '2025-07-01', valid_to = NULL WHERE id = 1" # succeeded on 2025-07-01
  [agreement_code]="UPDATE agreement SET code = '2' WHERE id = 2"
  [agreement_term]="UPDATE agreement SET end_date = '2020-01-01' WHERE id = 2"
  [agreement_actual_end]="UPDATE agreement SET actual_end = '2017-12-31' WHERE id = 1"
  [agreement_self_reference]="UPDATE agreement SET parent_id = id WHERE id = 2"
  [agreement_parties]="DELETE FROM agreement_party WHERE id = (SELECT max(id) FROM agreement_party WHERE agreement_id = 2)"
  [renewal_after_renewed]="UPDATE agreement SET start_date = '2017-06-01' WHERE id = 2" # renews BT-2018 (2018)
  [recipient_once]="UPDATE award_recipient SET org_id = (SELECT org_id FROM award_recipient WHERE id = 1) WHERE id = 2"
  [party_signed_in_term]="UPDATE agreement_party SET signed_on = '2027-01-01' WHERE id = (SELECT min(id) FROM agreement_party WHERE agreement_id = 2)"
  [task_dates]="UPDATE task SET due_date = '2023-01-01' WHERE id = 13" # starts 2023-06-01
  [task_start_in_term]="UPDATE task SET start_date = '2022-01-01' WHERE id = 1"
  [task_due_in_term]="UPDATE task SET start_date = NULL, due_date = '2022-06-01' WHERE id = 1"
  [task_lead_not_partner]="INSERT INTO task_partner (task_id, org_id, ordinal) SELECT id, lead_org_id, 9 FROM task WHERE id = 1"
  [task_conclusion_meeting]="UPDATE task SET meeting_id = 2 WHERE conclusion_id IS NOT NULL"
  [update_content]="UPDATE task_update SET status = NULL, progress = NULL, actual = NULL, note = NULL WHERE id = 6"
  [update_done_at_100]="UPDATE task_update SET status = 'done', progress = 50 WHERE id = 6"
  [update_in_term]="UPDATE task_update SET date = '2022-01-01' WHERE id = 6"
  [update_after_task_start]="UPDATE task_update SET date = '2023-03-01' WHERE id = 6" # after the agreement began
  [update_due_after_task_start]="UPDATE task_update SET due = '2023-01-01' WHERE id = 6" # task #13 starts 2023-06-01
  [participant_named]="UPDATE meeting_participant SET org_id = NULL, name = NULL WHERE id = (SELECT min(id) FROM meeting_participant)"
  [recipient_collective]="UPDATE award_recipient SET person_name = 'Nguyễn Văn An', person_key = 'nguyen van an' WHERE id = (SELECT min(id) FROM award_recipient WHERE kind = 'collective')"
  [recipient_individual]="UPDATE award_recipient SET person_name = NULL, person_key = NULL WHERE id = (SELECT min(id) FROM award_recipient WHERE kind = 'individual')"
  [sent_number]="UPDATE sent_report SET number = 0 WHERE id = 1"
  [sent_period]="UPDATE sent_report SET period_end = '2021-12-31' WHERE id = 1" # 2022
  [sent_as_of]="UPDATE sent_report SET as_of = '2023-01-01' WHERE id = 1"
  [sent_recipients]="UPDATE sent_report SET recipients = '[\"Sở Nội vụ\", 7]' WHERE id = 1"
  [sent_sha256]="UPDATE sent_report SET sha256 = upper(sha256) WHERE id = 1"
  [sent_content]="UPDATE sent_report_content SET content = substr(content, 1, 20) WHERE sent_report_id = 1"
)
# The rules each column's kind implies: faults of that kind, taken in turn so
# each kind of fault is met (every table has a row: the first is damaged).
text_faults=("'Sở' || char(1) || 'Nội vụ'" "'Bê' || char(769) || 'n Tre'" "' Bến Tre'" "'Bến Tre' || char(9)"
  "CAST(X'53E1BB' AS TEXT)" "X'41'" "replace(hex(zeroblob(50001)), '00', 'ab')")
date_faults=("'2022-02-30'" "'20/11/2022'" "'2022-2-3'" "20221120" "'2022-11-20T08:00'" "''")
percentage_faults=("101" "-1" "50.5")
declare -A turn=()
column_break() { # RULE TABLE COLUMN: sets what to SQL breaking it, or to nothing for a kind this test does not know
  local n=${turn[$1]:-0} value
  turn[$1]=$((n + 1))
  what=
  case $1 in
  text) value=${text_faults[n % ${#text_faults[@]}]} ;;
  key) value="'not the key'" ;;
  value) value="'bogus'" ;;
  date) value=${date_faults[n % ${#date_faults[@]}]} ;;
  percentage) value=${percentage_faults[n % ${#percentage_faults[@]}]} ;;
  *) return ;;
  esac
  what="UPDATE $2 SET $3 = $value WHERE id = (SELECT min(id) FROM $2)"
}
listed() { # RULE TABLE [ROW]: the last stdout (db check --format csv) lists that rule for that table (and row)
  grep -q "^$1,$2,${3:-[0-9]*}," "$TMP/stdout"
}

declare -A seen=()
checked=0
while IFS=, read -r rule table column status <&3; do
  seen[$rule]=1
  if [ -z "$column" ]; then
    what=${breaks[$rule]:-}
  else
    column_break "$rule" "$table" "$column"
  fi
  if [ -z "$what" ]; then
    fail "db rules lists '$rule' ($table${column:+.$column}) but this test has no case breaking it"
    continue
  fi
  cp "$CLEAN" "$TMP/bad.db"
  row=$(sql "$TMP/bad.db" "$what" "SELECT min(id) FROM $table") || fail "could not break $rule: $what"
  run_phoihop --db "$TMP/bad.db" db check --format csv
  checked=$((checked + 1))
  if [ "$rc" -ne 5 ]; then
    fail "db check passed (rc $rc) a database breaking $rule ($table${column:+.$column}): $what"
  elif [ -z "$column" ]; then
    listed "$rule" "$table" || fail "db check does not list $rule for $table after: $what"
  else
    listed "$rule" "$table" "$row" || fail "db check does not list $rule for the damaged row of $table after: $what"
    grep -q "$column" "$TMP/stdout" || fail "db check does not name column $column after: $what"
  fi
  # The listing stays UTF-8 whatever bytes the damage left (the values shown are the damaged ones).
  iconv -f UTF-8 -t UTF-8 "$TMP/stdout" >/dev/null 2>&1 || fail "db check's listing is not UTF-8 after: $what"
done 3<"$TMP/rules.csv"
for rule in "${!breaks[@]}"; do
  [ -n "${seen[$rule]:-}" ] || fail "the test breaks '$rule', which db rules no longer lists"
done
for kind in text key value date percentage; do
  [ -n "${turn[$kind]:-}" ] || fail "db rules lists no '$kind' rule"
done
echo "$suite: db check found $checked of $(grep -c '' "$TMP/rules.csv") rules broken by hand"

# --- 2. every writer refuses a record breaking a rule -------------------------
# A case names the rule and the value the error must show; its writers follow.
# Every cell must exit with the rule's status from `db rules`, print exactly
# one error line naming the value (needle=… overrides it for one cell), print
# nothing on standard output and leave the database byte-identical. A writer
# that cannot express the record is skipped with the reason (skip WRITER WHY).
cells=0
skipped=0
declare -A produced=()
case_rule=
case_rcs=
matrix_case() { # RULE NEEDLE
  case_end
  case_rule=$1
  case_needle=$2
  case_status=${rule_exit[$1]:-}
  [ -n "$case_status" ] || fail "the writer matrix tests '$1', which db rules does not list"
  produced[$1]=1
  case_rcs=
  reset_db
}
case_end() { # all the case's writers gave one status
  [ -z "$case_rule" ] && return
  [ "$(tr ' ' '\n' <<<"$case_rcs" | sed '/^$/d; s/.*=//' | sort -u | grep -c '')" -le 1 ] ||
    fail "[$case_rule] the writers disagree on the exit status:$case_rcs"
}
refused() { # WRITER ERROR-PREFIX (extended regex) ARGS…
  local writer=$1 prefix=$2
  shift 2
  local what="[$case_rule/$writer]" before
  before=$(state)
  run_phoihop "$@"
  cells=$((cells + 1))
  case_rcs+=" $writer=$rc"
  [ "$rc" -eq "$case_status" ] || fail "$what expected exit $case_status (got $rc): phoihop $*"
  [ -s "$TMP/stdout" ] && fail "$what stdout not empty: phoihop $*"
  [ "$(grep -c '' "$TMP/stderr")" -eq 1 ] || fail "$what not exactly one line on stderr: phoihop $*"
  grep -qE "^phoihop: error: $prefix" "$TMP/stderr" ||
    fail "$what the error does not begin 'phoihop: error: $prefix': phoihop $*"
  grep -qF -- "${needle:-$case_needle}" "$TMP/stderr" ||
    fail "$what the error does not name '${needle:-$case_needle}': phoihop $*"
  if [ "$before" != "$(state)" ]; then
    fail "$what the database changed: phoihop $*"
    reset_db
  fi
}
skip() { skipped=$((skipped + 1)); }

verb() { refused verb "" "$@"; }
# batch LINE: the line after five others (a comment, a blank, three valid commands).
batch() {
  printf '%s\n' '# valid lines first' 'org add "Sở Văn hóa, Thể thao và Du lịch"' '' \
    'task add "Nhiệm vụ mở đầu" --agreement BT-2022 --code P1 --start 2023-02-01' \
    'task update 13 --date 2023-09-01 --progress 30' "$1" >"$TMP/case.batch"
  refused batch "line 6: " batch case.batch
}
# csv KIND HEADER VALID-ROW BAD-ROW: the error names line 3.
csv() {
  printf '%s\n' "$2" "$3" "$4" >"$TMP/case.csv"
  refused csv "case\\.csv line 3: " import case.csv --kind "$1"
}
# doc TOML-LINES…: valid records, then these; the line marked '# here' is the
# one the error must name. Then the same document as JSON.
doc() {
  {
    printf '%s\n' 'phoihop_export = 1' '' '[[organisations]]' 'name = "Sở Văn hóa, Thể thao và Du lịch"' '' \
      '[[tasks]]' 'agreement = "BT-2022"' 'code = "P1"' 'title = "Nhiệm vụ mở đầu"' 'start = 2023-02-01' ''
    printf '%s\n' "$@"
  } >"$TMP/case.toml"
  local line
  line=$(grep -n '# here' "$TMP/case.toml" | cut -d: -f1)
  [ -n "$line" ] || fail "[$case_rule] the document marks no line"
  refused toml "case\\.toml:$line: " import case.toml
  to_json "$TMP/case.toml" "$TMP/case.json"
  refused json "case\\.json:[0-9]+: " import case.json
}
to_json() { # TOML JSON: the same document, dates as ISO strings
  python3 - "$1" "$2" <<'PY' || fail "[$case_rule] the test's TOML does not parse"
import datetime, json, sys, tomllib
def plain(x):
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    return x.isoformat() if isinstance(x, datetime.date) else x
with open(sys.argv[1], "rb") as f:
    doc = plain(tomllib.load(f))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
PY
}
# merge SETUP-LINE… -- SQL: other.db is a copy of the clean database, given
# new records by `batch SETUP-LINE…` and broken by SQL; it must fail db check
# itself; then `merge other.db $merge_opts` must be refused.
merge() {
  local setup=()
  while [ "$1" != -- ]; do
    setup+=("$1")
    shift
  done
  shift
  cp "$CLEAN" "$TMP/other.db"
  rm -f "$TMP/other.db-wal" "$TMP/other.db-shm"
  if [ "${#setup[@]}" -gt 0 ]; then
    printf '%s\n' "${setup[@]}" >"$TMP/setup.batch"
    run_phoihop --db "$TMP/other.db" -q batch setup.batch
    [ "$rc" -eq 0 ] || fail "[$case_rule/merge] setting up other.db failed"
  fi
  sql "$TMP/other.db" "$1" || fail "[$case_rule/merge] could not break other.db: $1"
  run_phoihop --db "$TMP/other.db" db check --format csv
  if [ "$rc" -ne 5 ] || ! grep -q "^$case_rule," "$TMP/stdout"; then
    fail "[$case_rule/merge] db check of other.db does not list $case_rule after: $1"
  fi
  # shellcheck disable=SC2086 # merge_opts is words
  refused merge "other\\.db: record [0-9a-f-]{36}: " merge other.db ${merge_opts:-}
}

VL_PARTIES='--party "UBND tỉnh Vĩnh Long" --party "Tỉnh đoàn Vĩnh Long"'
VL_DOC_PARTIES=('[[agreements.parties]]' 'org = "UBND tỉnh Vĩnh Long"' '[[agreements.parties]]' 'org = "Tỉnh đoàn Vĩnh Long"')

matrix_case task_start_in_term 2022-01-01
verb task add "Nhiệm vụ sớm" --agreement BT-2022 --start 2022-01-01
verb task edit 1 --start 2022-01-01
batch 'task add "Nhiệm vụ sớm" --agreement BT-2022 --start 2022-01-01'
csv task 'title,agreement,start' 'Nhiệm vụ hợp lệ,BT-2022,2023-01-01' 'Nhiệm vụ sớm,BT-2022,2022-01-01'
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'title = "Nhiệm vụ sớm"' 'start = 2022-01-01'
merge 'task add "Nhiệm vụ sớm" --agreement BT-2022 --start 2023-01-01' -- \
  "UPDATE task SET start_date = '2022-01-01' WHERE title = 'Nhiệm vụ sớm'"

# The agreement moved after its tasks began (the rule is the task's, the change the agreement's).
matrix_case task_start_in_term 2023-01-01
verb agreement edit BT-2022 --from 2023-01-01
batch 'agreement edit BT-2022 --from 2023-01-01'
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "BT-2022"' \
  'title = "Quy chế phối hợp công tác giữa UBND tỉnh và Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2022-2026"' \
  'start = 2023-01-01' 'end = 2026-12-31'
merge_opts="--prefer theirs" merge -- "UPDATE agreement SET start_date = '2023-01-01' WHERE code = 'BT-2022'"

matrix_case task_due_in_term 2022-06-01
verb task add "Nhiệm vụ" --agreement BT-2022 --due 2022-06-01
verb task edit 7 --due 2022-06-01
batch 'task add "Nhiệm vụ" --agreement BT-2022 --due 2022-06-01'
csv task 'title,agreement,due' 'Nhiệm vụ hợp lệ,BT-2022,2023-06-01' 'Nhiệm vụ,BT-2022,2022-06-01'
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'title = "Nhiệm vụ"' 'due = "01/06/2022"'
merge 'task add "Nhiệm vụ" --agreement BT-2022 --due 2023-06-01' -- \
  "UPDATE task SET due_date = '2022-06-01' WHERE title = 'Nhiệm vụ'"

matrix_case task_dates 2023-01-01
verb task add "Nhiệm vụ" --agreement BT-2022 --start 2023-06-01 --due 2023-01-01
verb task edit 13 --due 2023-01-01
batch 'task add "Nhiệm vụ" --agreement BT-2022 --start 2023-06-01 --due 2023-01-01'
csv task 'title,agreement,start,due' 'Nhiệm vụ hợp lệ,BT-2022,2023-01-01,2023-06-01' 'Nhiệm vụ,BT-2022,2023-06-01,2023-01-01'
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'title = "Nhiệm vụ"' 'start = 2023-06-01' 'due = 2023-01-01'
merge 'task add "Nhiệm vụ" --agreement BT-2022 --start 2023-06-01 --due 2023-12-31' -- \
  "UPDATE task SET due_date = '2023-01-01' WHERE title = 'Nhiệm vụ'"

matrix_case agreement_code "'2'"
verb agreement add "Chương trình phối hợp 2026" --party "UBND tỉnh Vĩnh Long" --party "Tỉnh đoàn Vĩnh Long" --period 2026 --code 2
verb agreement edit BT-2022 --code 2
batch "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code 2"
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "2"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-01-01' 'end = 2026-12-31' \
  "${VL_DOC_PARTIES[@]}"
merge "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code VL-2026" -- \
  "UPDATE agreement SET code = '2' WHERE code = 'VL-2026'"

matrix_case agreement_code "VL 2026"
verb agreement add "Chương trình phối hợp 2026" --party "UBND tỉnh Vĩnh Long" --party "Tỉnh đoàn Vĩnh Long" --period 2026 --code "VL 2026"
batch "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code \"VL 2026\""
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "VL 2026"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-01-01' 'end = 2026-12-31' \
  "${VL_DOC_PARTIES[@]}"
merge "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code VL-2026" -- \
  "UPDATE agreement SET code = 'VL 2026' WHERE code = 'VL-2026'"

matrix_case agreement_parties "two or more"
verb agreement add "Chương trình phối hợp 2026" --party "UBND tỉnh Vĩnh Long" --period 2026 --code VL-2026
batch 'agreement add "Chương trình phối hợp 2026" --party "UBND tỉnh Vĩnh Long" --period 2026 --code VL-2026'
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "VL-2026"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-01-01' 'end = 2026-12-31' \
  '[[agreements.parties]]' 'org = "UBND tỉnh Vĩnh Long"'
doc '[[agreements]] # here' 'code = "VL-2026"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-01-01' 'end = 2026-12-31'
# The same organisation twice is one party.
doc '[[agreements]] # here' 'code = "VL-2026"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-01-01' 'end = 2026-12-31' \
  '[[agreements.parties]]' 'org = "UBND tỉnh Vĩnh Long"' '[[agreements.parties]]' 'org = "ubnd tinh vinh long"'
merge "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code VL-2026" -- \
  "DELETE FROM agreement_party WHERE id = (SELECT max(id) FROM agreement_party)"

matrix_case agreement_term 2026-01-01
verb agreement add "Chương trình phối hợp 2026" --party "UBND tỉnh Vĩnh Long" --party "Tỉnh đoàn Vĩnh Long" --from 2026-06-01 --to 2026-01-01
needle=2020-01-01 verb agreement edit BT-2022 --to 2020-01-01
needle=2016-01-01 verb agreement renew BT-2018 --from 2017-01-01 --to 2016-01-01
batch "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --from 2026-06-01 --to 2026-01-01"
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "VL-2026"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-06-01' 'end = 2026-01-01' \
  "${VL_DOC_PARTIES[@]}"
merge "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code VL-2026" -- \
  "UPDATE agreement SET end_date = '2026-01-01', start_date = '2026-06-01' WHERE code = 'VL-2026'"

matrix_case agreement_actual_end 2020-01-01
verb agreement end BT-2022 --date 2020-01-01
batch 'agreement end BT-2022 --date 2020-01-01'
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "VL-2026"' 'title = "Chương trình phối hợp 2026"' 'start = 2026-01-01' 'end = 2026-12-31' \
  'actual_end = 2020-01-01' 'status = "ended_early"' "${VL_DOC_PARTIES[@]}"
merge "agreement add \"Chương trình phối hợp 2026\" $VL_PARTIES --period 2026 --code VL-2026" -- \
  "UPDATE agreement SET actual_end = '2020-01-01' WHERE code = 'VL-2026'"

matrix_case agreement_self_reference BT-2022
verb agreement edit BT-2022 --parent BT-2022
verb agreement edit BT-2022 --supersedes BT-2022
batch 'agreement edit BT-2022 --parent BT-2022'
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "BT-2022"' \
  'title = "Quy chế phối hợp công tác giữa UBND tỉnh và Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2022-2026"' \
  'start = 2022-12-01' 'end = 2026-12-31' 'parent = "BT-2022"'
merge_opts="--prefer theirs" merge -- "UPDATE agreement SET parent_id = id WHERE code = 'BT-2022'"

matrix_case party_signed_in_term 2024-01-01
verb agreement sign BT-2018 --party "UBND tỉnh Bến Tre" --signer "Nguyễn Văn An" --date 2024-01-01
batch 'agreement sign BT-2018 --party "UBND tỉnh Bến Tre" --signer "Nguyễn Văn An" --date 2024-01-01'
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "VL-2023"' 'title = "Chương trình phối hợp 2023"' 'start = 2023-01-01' 'end = 2023-12-31' \
  '[[agreements.parties]]' 'org = "UBND tỉnh Vĩnh Long"' 'signed_on = 2024-01-01' \
  '[[agreements.parties]]' 'org = "Tỉnh đoàn Vĩnh Long"'
merge "agreement add \"Chương trình phối hợp 2023\" $VL_PARTIES --period 2023 --code VL-2023" -- \
  "UPDATE agreement_party SET signed_on = '2024-01-01' WHERE id = (SELECT max(id) FROM agreement_party)"

matrix_case alias_not_a_name "Tỉnh đoàn Bến Tre"
verb org alias "UBND tỉnh Bến Tre" "Tỉnh đoàn Bến Tre"
needle="tinh doan ben tre" verb org alias "UBND tỉnh Bến Tre" "tinh doan ben tre"
# A name given that is another body's alias.
needle="Ủy ban nhân dân tỉnh Bến Tre" verb org rename "UBND tỉnh Vĩnh Long" "Ủy ban nhân dân tỉnh Bến Tre"
batch 'org alias "UBND tỉnh Bến Tre" "Tỉnh đoàn Bến Tre"'
skip csv "the CSV organisation list has no alias column"
doc '[[organisations]] # here' 'name = "Sở Nội vụ"' 'aliases = ["Tỉnh đoàn Bến Tre"]'
doc '[[organisations]] # here' 'name = "UBND tỉnh Bến Tre"' 'aliases = ["Ủy ban nhân dân tỉnh Bến Tre", "Tỉnh đoàn Bến Tre"]'
merge 'org add "Sở Nội vụ"' 'org alias "Sở Nội vụ" "Sở NV"' -- \
  "UPDATE org_alias SET name = 'Tỉnh đoàn Bến Tre', name_key = (SELECT name_key FROM org WHERE id = 2) WHERE name = 'Sở NV'"

matrix_case org_name_unique "Tỉnh đoàn Bến Tre"
verb org rename "UBND tỉnh Vĩnh Long" "Tỉnh đoàn Bến Tre"
needle="tinh doan ben tre" verb org add "tinh doan ben tre"
batch 'org rename "UBND tỉnh Vĩnh Long" "Tỉnh đoàn Bến Tre"'
needle="tinh doan ben tre" csv org 'name,kind' 'Sở Nội vụ,department' 'tinh doan ben tre,youth_union'
doc '[[organisations]] # here' 'uid = "01a25135-0000-7000-8000-000000000001"' 'name = "Tỉnh đoàn Bến Tre"'
skip merge "merge matches an organisation by its folded name, so it cannot bring a second one of a name"

matrix_case org_valid_dates 2019-01-01
verb org add "Sở Nội vụ" --from 2020-01-01 --to 2019-01-01
needle=2025-06-30 verb org edit "UBND tỉnh Bến Tre" --from 2026-01-01
batch 'org add "Sở Nội vụ" --from 2020-01-01 --to 2019-01-01'
csv org 'name,from,to' 'Sở Tư pháp,2020-01-01,' 'Sở Nội vụ,2020-01-01,2019-01-01'
doc '[[organisations]] # here' 'name = "Sở Nội vụ"' 'valid_from = 2020-01-01' 'valid_to = 2019-01-01'
merge 'org add "Sở Nội vụ" --from 2020-01-01' -- "UPDATE org SET valid_to = '2019-01-01' WHERE name = 'Sở Nội vụ'"

matrix_case org_own_parent "UBND tỉnh Bến Tre"
verb org edit "UBND tỉnh Bến Tre" --parent "UBND tỉnh Bến Tre"
verb org edit "UBND tỉnh Bến Tre" --parent "ubnd tinh ben tre"
batch 'org edit "UBND tỉnh Bến Tre" --parent "UBND tỉnh Bến Tre"'
skip csv "a CSV row adds a new organisation, and its parent must already exist"
doc '[[organisations]] # here' 'name = "UBND tỉnh Bến Tre"' 'parent = "UBND tỉnh Bến Tre"'
merge_opts="--prefer theirs" merge -- "UPDATE org SET parent_id = id WHERE id = 1"
# A new organisation that is its own parent names a record not yet written:
# refused as a circular reference, naming the record's uid.
needle="circular references" merge 'org add "Sở Nội vụ"' -- "UPDATE org SET parent_id = id WHERE name = 'Sở Nội vụ'"

matrix_case succession_not_self "UBND tỉnh Vĩnh Long"
verb org succeed "UBND tỉnh Vĩnh Long" --by "UBND tỉnh Vĩnh Long" --date 2026-01-01
batch 'org succeed "UBND tỉnh Vĩnh Long" --by "UBND tỉnh Vĩnh Long" --date 2026-01-01'
skip csv "no CSV kind for successions"
doc '[[successions]] # here' 'predecessor = "UBND tỉnh Vĩnh Long"' 'successor = "ubnd tinh vinh long"' 'date = 2026-01-01'
needle="Sở Nội vụ" merge 'org add "Sở Nội vụ"' 'org succeed "Sở Nội vụ" --by "Sở Nội vụ và Lao động" --date 2026-01-01' -- \
  "UPDATE org_succession SET successor_id = predecessor_id WHERE date = '2026-01-01'"

matrix_case succession_after_start 2025-01-01
verb org succeed "UBND tỉnh Vĩnh Long" --by "Sở Nội vụ" --date 2025-01-01
needle=2025-07-01 verb org succeed "UBND tỉnh Vĩnh Long" --by "Sở Nội vụ" --date 2025-07-01
batch 'org succeed "UBND tỉnh Vĩnh Long" --by "Sở Nội vụ" --date 2025-01-01'
skip csv "no CSV kind for successions"
doc '[[successions]] # here' 'predecessor = "UBND tỉnh Vĩnh Long"' 'successor = "Sở Nội vụ"' 'date = 2025-01-01'
merge 'org add "Sở Nội vụ" --from 2024-01-01' 'org succeed "Sở Nội vụ" --by "Sở Nội vụ và Lao động" --date 2025-06-01' -- \
  "UPDATE org_succession SET date = '2025-01-01' WHERE date = '2025-06-01'; UPDATE org SET valid_from = '2025-02-01' WHERE name = 'Sở Nội vụ'"

matrix_case task_lead_not_partner "Tỉnh đoàn Bến Tre"
verb task add "Nhiệm vụ" --agreement BT-2022 --lead "Tỉnh đoàn Bến Tre" --partner "tinh doan ben tre"
verb task edit 1 --partner "Tỉnh đoàn Bến Tre"
needle="UBND tỉnh Bến Tre" verb task edit 1 --lead "UBND tỉnh Bến Tre"
# (org merge of a task's partner into its lead keeps the lead only: section 3b.)
batch 'task add "Nhiệm vụ" --agreement BT-2022 --lead "Tỉnh đoàn Bến Tre" --partner "Tỉnh đoàn Bến Tre"'
csv task 'title,agreement,lead,partner' 'Nhiệm vụ hợp lệ,BT-2022,Tỉnh đoàn Bến Tre,UBND tỉnh Bến Tre' \
  'Nhiệm vụ,BT-2022,Tỉnh đoàn Bến Tre,UBND tỉnh Bến Tre;Tỉnh đoàn Bến Tre'
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'title = "Nhiệm vụ"' 'lead = "Tỉnh đoàn Bến Tre"' \
  'partners = ["UBND tỉnh Bến Tre", "Tỉnh đoàn Bến Tre"]'
merge 'task add "Nhiệm vụ" --agreement BT-2022 --lead "Tỉnh đoàn Bến Tre" --partner "UBND tỉnh Bến Tre"' -- \
  "UPDATE task_partner SET org_id = 2 WHERE task_id = (SELECT id FROM task WHERE title = 'Nhiệm vụ')"

matrix_case task_conclusion_meeting "meeting #2"
verb task edit 7 --meeting 2
batch 'task edit 7 --meeting 2'
skip csv "a CSV task row cannot name a conclusion"
conclusion_uid=$(sqlite3 "$CLEAN" "SELECT uid FROM meeting_conclusion WHERE id = (SELECT conclusion_id FROM task WHERE id = 7)")
meeting2_uid=$(sqlite3 "$CLEAN" "SELECT uid FROM meeting WHERE id = 2")
needle="names meeting" doc '[[tasks]] # here' 'agreement = "BT-2022"' 'title = "Nhiệm vụ theo kết luận"' \
  "conclusion = \"$conclusion_uid\"" "meeting = \"$meeting2_uid\""
needle="names meeting" merge 'meeting conclude 1 "Kết luận mới" --lead "Tỉnh đoàn Bến Tre" --agreement BT-2022' -- \
  "UPDATE task SET meeting_id = 2 WHERE conclusion_id = (SELECT max(id) FROM meeting_conclusion)"

matrix_case update_content "nothing"
verb task update 13 --date 2023-08-01
batch 'task update 13 --date 2023-08-01'
skip csv "no CSV kind for task updates"
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'code = "7"' 'title = "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp"' \
  '[[tasks.updates]]' 'date = 2023-08-01'
merge 'task update 13 --date 2023-08-01 --note "Chưa có số liệu"' -- "UPDATE task_update SET note = NULL WHERE date = '2023-08-01'"

matrix_case update_in_term 2022-01-01
verb task update 1 --date 2022-01-01 --progress 10
batch 'task update 1 --date 2022-01-01 --progress 10'
skip csv "no CSV kind for task updates"
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'code = "1"' 'title = "Tuyên truyền giáo dục thế hệ trẻ"' \
  '[[tasks.updates]]' 'date = 2022-01-01' 'progress = 10'
merge 'task update 1 --date 2023-01-01 --progress 10' -- "UPDATE task_update SET date = '2022-01-01' WHERE date = '2023-01-01'"

matrix_case update_after_task_start 2023-03-01
verb task update 13 --date 2023-03-01 --progress 10
# The task moved after its update.
needle=2023-07-01 verb task edit 13 --start 2023-08-01
batch 'task update 13 --date 2023-03-01 --progress 10'
skip csv "no CSV kind for task updates"
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'code = "7"' 'title = "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp"' \
  '[[tasks.updates]]' 'date = 2023-03-01' 'progress = 10'
needle=2023-07-01 doc '[[tasks]] # here' 'agreement = "BT-2022"' 'code = "7"' \
  'title = "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp"' 'start = 2023-08-01'
merge 'task update 13 --date 2023-08-01 --progress 30' -- "UPDATE task_update SET date = '2023-03-01' WHERE date = '2023-08-01'"
needle=2023-07-01 merge_opts="--prefer theirs" merge -- "UPDATE task SET start_date = '2023-08-01' WHERE id = 13"

matrix_case update_due_after_task_start 2023-01-01
verb task update 13 --date 2023-08-01 --due 2023-01-01
batch 'task update 13 --date 2023-08-01 --due 2023-01-01'
skip csv "no CSV kind for task updates"
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'code = "7"' 'title = "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp"' \
  '[[tasks.updates]]' 'date = 2023-08-01' 'due = 2023-01-01'
merge 'task update 13 --date 2023-08-01 --due 2024-06-30' -- "UPDATE task_update SET due = '2023-01-01' WHERE date = '2023-08-01'"

matrix_case update_done_at_100 "50"
verb task update 13 --date 2023-08-01 --status "done" --progress 50
batch 'task update 13 --date 2023-08-01 --status done --progress 50'
skip csv "no CSV kind for task updates"
doc '[[tasks]] # here' 'agreement = "BT-2022"' 'code = "7"' 'title = "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp"' \
  '[[tasks.updates]]' 'date = 2023-08-01' 'status = "done"' 'progress = 50'
merge 'task update 13 --date 2023-08-01 --status in_progress --progress 50' -- \
  "UPDATE task_update SET status = 'done' WHERE date = '2023-08-01'"

matrix_case participant_named "organisation or a name"
skip verb "meeting attend requires --org"
skip batch "meeting attend requires --org"
skip csv "no CSV kind for meetings"
doc '[[meetings]] # here' 'title = "Họp giao ban"' 'date = 2024-03-01' '[[meetings.participants]]' 'role = "delegate"'
merge 'meeting attend 2 --org "Tỉnh đoàn Vĩnh Long" --name "Nguyễn Văn An"' -- \
  "UPDATE meeting_participant SET org_id = NULL, name = NULL WHERE meeting_id = 2"

matrix_case recipient_collective "collective recipient"
# The verb's collective recipient is the organisation itself: it can carry a
# position, never a person's name.
verb award add "Sở Nội vụ" --kind collective --position "Giám đốc"
batch 'award add "Sở Nội vụ" --kind collective --position "Giám đốc"'
csv award 'recipient,kind,position' 'Sở Tư pháp,collective,' 'Sở Nội vụ,collective,Giám đốc'
doc '[[awards]] # here' 'number = "15/QĐ-UBND"' 'date = 2024-01-15' \
  '[[awards.recipients]]' 'kind = "collective"' 'org = "Sở Nội vụ"' 'person_name = "Nguyễn Văn An"'
merge 'award add "Sở Nội vụ" --kind collective --decision "15/QĐ-UBND"' -- \
  "UPDATE award_recipient SET person_name = 'Nguyễn Văn An', person_key = 'nguyen van an' WHERE id = (SELECT max(id) FROM award_recipient)"

matrix_case renewal_after_renewed 2022-06-01
verb agreement renew BT-2022 --from 2022-06-01 --to 2026-12-31
batch 'agreement renew BT-2022 --from 2022-06-01 --to 2026-12-31'
skip csv "no CSV kind for agreements"
doc '[[agreements]] # here' 'code = "VL-2022"' 'title = "Quy chế mới"' 'start = 2022-06-01' 'end = 2026-12-31' \
  'supersedes = "BT-2022"' "${VL_DOC_PARTIES[@]}"
merge "agreement add \"Quy chế mới\" --code VL-2023 --from 2023-01-01 --to 2026-12-31 --supersedes BT-2022 $VL_PARTIES" -- \
  "UPDATE agreement SET start_date = '2022-06-01' WHERE code = 'VL-2023'"

matrix_case recipient_once "is already recipient"
# The example's decision has no number (the article gives none): its second
# collective renamed as its first; a number given twice in a file.
T1='Tập thể 1 (tên chưa nêu trong bài báo)'
verb award edit 2 --recipient "$T1"
batch "award edit 2 --recipient \"$T1\""
csv award 'recipient,kind,decision' "Sở Tư pháp,collective,16/QĐ-UBND" "Sở Tư pháp,collective,16/QĐ-UBND"
doc '[[awards]] # here' 'number = "16/QĐ-UBND"' 'date = 2024-01-15' \
  '[[awards.recipients]]' 'kind = "collective"' 'org = "Sở Nội vụ"' \
  '[[awards.recipients]]' 'kind = "collective"' 'org = "Sở Nội vụ"'
merge 'award add "Sở Nội vụ" --kind collective --decision "16/QĐ-UBND"' \
  'award add "Sở Tư pháp" --kind collective --decision "16/QĐ-UBND"' -- \
  "UPDATE award_recipient SET org_id = (SELECT org_id FROM award_recipient WHERE id = (SELECT max(id) - 1 FROM award_recipient)) WHERE id = (SELECT max(id) FROM award_recipient)"

matrix_case recipient_individual "individual recipient"
# The verb's RECIPIENT is the person's name: an empty one is refused as empty.
needle="RECIPIENT" verb award add "" --kind individual --unit "Sở Nội vụ"
needle="recipient" csv award 'recipient,kind,unit' 'Nguyễn Văn An,individual,Sở Nội vụ' ',individual,Sở Nội vụ'
doc '[[awards]] # here' 'number = "15/QĐ-UBND"' 'date = 2024-01-15' \
  '[[awards.recipients]]' 'kind = "individual"' 'org = "Sở Nội vụ"'
merge 'award add "Nguyễn Văn An" --kind individual --unit "Sở Nội vụ" --decision "15/QĐ-UBND"' -- \
  "UPDATE award_recipient SET person_name = NULL, person_key = NULL WHERE id = (SELECT max(id) FROM award_recipient)"

# Rules of a column's kind: the writers check the value itself first.
ctl=$(printf 'Sở\001Nội vụ')
matrix_case text '\x01'
verb org add "$ctl"
verb task edit 1 --note "$(printf 'Ghi chú\001')"
batch "org add \"$ctl\""
csv org 'name,kind' 'Sở Tư pháp,department' "$ctl,department"
doc '[[organisations]]' 'name = "Sở\u0001Nội vụ" # here'
merge 'org add "Sở Nội vụ"' -- "UPDATE org SET name = 'Sở' || char(1) || 'Nội vụ' WHERE name = 'Sở Nội vụ'"

matrix_case date 2022-02-30
verb task add "Nhiệm vụ" --agreement BT-2022 --due 2022-02-30
needle=30/02/2023 verb task update 13 --date 30/02/2023 --progress 30
batch 'task add "Nhiệm vụ" --agreement BT-2022 --due 2022-02-30'
csv task 'title,agreement,due' 'Nhiệm vụ hợp lệ,BT-2022,2023-06-01' 'Nhiệm vụ,BT-2022,2022-02-30'
doc '[[tasks]]' 'agreement = "BT-2022"' 'title = "Nhiệm vụ"' 'due = "2022-02-30" # here'
merge 'task add "Nhiệm vụ" --agreement BT-2022 --due 2023-06-01' -- \
  "UPDATE task SET due_date = '2022-02-30' WHERE title = 'Nhiệm vụ'"

matrix_case value bogus
verb org add "Sở Nội vụ" --kind bogus
verb task update 13 --date 2023-08-01 --status bogus
batch 'org add "Sở Nội vụ" --kind bogus'
csv org 'name,kind' 'Sở Tư pháp,department' 'Sở Nội vụ,bogus'
doc '[[organisations]]' 'name = "Sở Nội vụ"' 'kind = "bogus" # here'
merge 'org add "Sở Nội vụ" --kind department' -- "UPDATE org SET kind = 'bogus' WHERE name = 'Sở Nội vụ'"

matrix_case percentage 101
verb task update 13 --date 2023-08-01 --progress 101
batch 'task update 13 --date 2023-08-01 --progress 101'
skip csv "no CSV kind for task updates"
doc '[[tasks]]' 'agreement = "BT-2022"' 'code = "7"' 'title = "Hỗ trợ thanh niên khởi nghiệp, lập nghiệp"' \
  '[[tasks.updates]]' 'date = 2023-08-01' 'progress = 101 # here'
merge 'task update 13 --date 2023-08-01 --progress 30' -- "UPDATE task_update SET progress = 101 WHERE date = '2023-08-01'"
case_end

# The register of sent reports: no verb, batch line or document writes a
# record of it but `report … --record`, whose values are checked as typed
# and whose bytes and digest it makes itself; another office's file can hold
# anything, and merge refuses it by the rule it breaks.
sent_case() { # RULE NEEDLE SQL: their report 17 of 2026, broken by SQL
  matrix_case "$1" "$2"
  skip verb "report --record checks --number and makes the digest itself"
  skip batch "the same"
  skip csv "no CSV kind for sent reports"
  skip doc "export and import leave the register out"
  merge 'report summary --period 2023 --record --number 17' -- "$3"
}
sent_case sent_number "number 0" "UPDATE sent_report SET number = 0 WHERE number = 17"
sent_case sent_period "2022-12-31" "UPDATE sent_report SET period_end = '2022-12-31' WHERE number = 17"
sent_case sent_as_of "2024-01-01" "UPDATE sent_report SET as_of = '2024-01-01' WHERE number = 17"
sent_case sent_recipients "recipients" "UPDATE sent_report SET recipients = '[\"\"]' WHERE number = 17"
sent_case sent_sha256 "sha256" "UPDATE sent_report SET sha256 = upper(sha256) WHERE number = 17"
sent_case sent_content "zlib" \
  "UPDATE sent_report_content SET content = substr(content, 1, 20) WHERE sent_report_id = (SELECT id FROM sent_report WHERE number = 17)"
case_end

# org merge refuses to make the parties of one agreement one body before any
# rule is asked: a conflict between the two organisations (phoihop-org(1), exit 4).
reset_db
unchanged_by 4 org merge "UBND tỉnh Bến Tre" "Tỉnh đoàn Bến Tre"
err_has "both parties"

# Each relational rule has a case above, or no writer can break it.
declare -A unproducible=(
)
while IFS=, read -r rule table column status <&3; do
  [ -z "$column" ] || continue
  [ -n "${produced[$rule]:-}${unproducible[$rule]:-}" ] || fail "no writer case for rule '$rule'"
done 3<"$TMP/rules.csv"
echo "$suite: writer matrix: $cells refusals checked, $skipped cells no writer can express"

# NFD text is not a fault: every writer stores it in NFC.
nfd() { python3 -c 'import sys, unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]))' "$1"; }
nfc_stored() { # WRITER: the organisation Sở Nội vụ exists once, stored NFC, and db check passes
  [ "$(sqlite3 "$DB" "SELECT hex(name) FROM org WHERE name_key = 'so noi vu'")" = \
    "$(printf 'Sở Nội vụ' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" ] ||
    fail "[NFD/$1] not stored as NFC: $(sqlite3 "$DB" "SELECT hex(name) FROM org WHERE name_key = 'so noi vu'")"
  ok db check
  reset_db
}
decomposed=$(nfd "Sở Nội vụ")
[ "$decomposed" != "Sở Nội vụ" ] || fail "the test's NFD text is NFC"
reset_db
ok org add "$decomposed"
nfc_stored verb
printf '%s\n' "org add \"$decomposed\"" >"$TMP/nfd.batch"
ok batch nfd.batch
nfc_stored batch
printf '%s\n' 'name,kind' "$decomposed,department" >"$TMP/nfd.csv"
ok import nfd.csv --kind org
nfc_stored csv
printf '%s\n' 'phoihop_export = 1' '[[organisations]]' "name = \"$decomposed\"" >"$TMP/nfd.toml"
ok import nfd.toml
nfc_stored toml
to_json "$TMP/nfd.toml" "$TMP/nfd.json"
ok import nfd.json
nfc_stored json
cp "$CLEAN" "$TMP/other.db"
run_phoihop --db "$TMP/other.db" -q org add "Sở Nội vụ"
[ "$rc" -eq 0 ] || fail "[NFD/merge] setting up other.db failed"
sql "$TMP/other.db" "UPDATE org SET name = '$decomposed' WHERE name_key = 'so noi vu'"
ok merge other.db
nfc_stored merge

# --- 3. the issue's scenarios ---------------------------------------------------
# Each refused by its verb and by an import of the same record, with one
# status; then the database still passes db check.
reset_db
unchanged_by 2 task add "Tuyên truyền" --agreement BT-2022 --start 2022-01-01
err_lines 1
err_has "start 2022-01-01 is before agreement"
printf '%s\n' 'phoihop_export = 1' '[[tasks]]' 'agreement = "BT-2022"' 'title = "Tuyên truyền"' 'start = 2022-01-01' >"$TMP/issue1.toml"
unchanged_by 2 import issue1.toml
err_lines 1
err_has "issue1.toml:2: "
err_has "start 2022-01-01 is before agreement BT-2022"
unchanged_by 2 agreement add "Chương trình 2" --code 2 --period 2026
err_lines 1
printf '%s\n' 'phoihop_export = 1' '[[agreements]]' 'code = "2"' 'title = "Chương trình 2"' 'start = 2026-01-01' 'end = 2026-12-31' >"$TMP/issue2.toml"
unchanged_by 2 import issue2.toml
err_lines 1
err_has "issue2.toml:2: "
err_has "'2'"
unchanged_by 4 org alias "UBND tỉnh Bến Tre" "Tỉnh đoàn Bến Tre"
err_lines 1
err_has "'Tỉnh đoàn Bến Tre' is the name of organisation"
printf '%s\n' 'phoihop_export = 1' '[[organisations]]' 'name = "UBND tỉnh Bến Tre"' 'aliases = ["Tỉnh đoàn Bến Tre"]' >"$TMP/issue3.toml"
unchanged_by 4 import issue3.toml
err_lines 1
err_has "issue3.toml:2: "
err_has "'Tỉnh đoàn Bến Tre' is the name of organisation"
ok db check
err_has "passed every check"
[ "$(sqlite3 "$DB" "SELECT count(*) FROM task WHERE title = 'Tuyên truyền'; SELECT count(*) FROM agreement WHERE code = '2'; SELECT count(*) FROM org_alias WHERE name = 'Tỉnh đoàn Bến Tre'")" = "$(printf '0\n0\n0')" ] ||
  fail "a refused record of the issue was stored"

# --- 3b. commands that must keep working, and keep the rules -------------------
# A change the rules refuse prints no id: the rules run before the output.
reset_db
unchanged_by 2 agreement renew BT-2022 --from 2027-01-01 --to 2027-12-31 --signed 2028-05-01
err_lines 1
err_has "signing date 2028-05-01"
# A multi-line conclusion makes a follow-up task titled by its first line.
ok meeting conclude 1 "$(printf 'Tổ chức hội thi\tcấp tỉnh\nchi tiết ở phụ lục')" --lead "Tỉnh đoàn Bến Tre" --agreement BT-2022
task=$(out)
ok task show "$task" --format json
grep -q '"title": "Tổ chức hội thi cấp tỉnh"' "$TMP/stdout" || fail "the follow-up task's title is not the conclusion's first line"
# Ending an agreement early cancels a task that was to start later, on the end date.
ok task add "Việc năm sau" --agreement BT-2022 --start 2025-06-01 --lead "Tỉnh đoàn Bến Tre"
ok agreement end BT-2022 --date 2025-01-31 --force
# Merging two bodies: a partner that becomes the lead, a body commended twice.
reset_db
ok task edit 1 --partner "Sở Tư pháp"
lead=$(sqlite3 "$DB" "SELECT o.name FROM task t JOIN org o ON o.id = t.lead_org_id WHERE t.id = 1")
ok org merge "Sở Tư pháp" "$lead"
ok award add "Sở Nội vụ" --kind collective --decision "16/QĐ-UBND"
ok award add "Sở Tài chính" --kind collective --decision "16/QĐ-UBND"
ok org merge "Sở Tài chính" "Sở Nội vụ"
ok db check
# A database an older version wrote may hold a record a rule added since
# refuses: a write that touches it is refused only for what it breaks itself.
reset_db
sqlite3 "$DB" "UPDATE task_update SET date = '2023-03-01' WHERE id = 6" || fail "could not write the old record"
ok task edit 13 --due 2026-06-30
ok task edit 13 --title "Hỗ trợ thanh niên khởi nghiệp"
unchanged_by 2 task edit 13 --start 2022-01-01
err_has "start 2022-01-01 is before agreement"
run_phoihop db check --format csv
[ "$rc" -eq 5 ] && listed update_after_task_start task_update 6 || fail "db check does not list the old record"
# undo --dry-run runs the rules as undo would.
reset_db
ok task add "Việc tạm" --agreement BT-2022
ok undo --dry-run
# A dry run inside a batch would end the batch's transaction: refused.
ok export --format toml --output exp.toml
printf '%s\n' 'org add "Sở Y tế"' 'import exp.toml --dry-run' >"$TMP/dry.batch"
unchanged_by 2 batch dry.batch
err_has "line 2: --dry-run is for the whole batch"
printf '%s\n' 'merge other.db --dry-run' >"$TMP/dry.batch"
cp "$CLEAN" "$TMP/other.db"
unchanged_by 2 batch dry.batch
err_has "--dry-run is for the whole batch"

# --- 4. random documents never leave a database db check fails ------------------
# A small database, then ~150 random TOML and JSON documents (dates inside and
# outside terms, 0-3 parties, codes with digits and spaces, progress, aliases
# that are names, updates before their task): each imported into a fresh copy
# is refused with the copy byte-identical, or accepted and db check passes.
SMALL="$TMP/small.db"
printf '%s\n' \
  'org add "UBND huyện Châu Thành" --kind district' \
  'org add "Huyện đoàn Châu Thành" --kind youth_union --short "HĐ Châu Thành"' \
  'org alias "Huyện đoàn Châu Thành" "Ban Chấp hành Huyện đoàn Châu Thành"' \
  'agreement add "Quy chế phối hợp giai đoạn 2024-2026" --party "UBND huyện Châu Thành" --party "Huyện đoàn Châu Thành" --from 2024-01-01 --to 2026-12-31 --code CT-2024' \
  'task add "Tuyên truyền pháp luật cho thanh niên" --agreement CT-2024 --code 1 --lead "Huyện đoàn Châu Thành" --start 2024-03-01 --due 2025-12-31' \
  'task update 1 --date 2024-06-30 --status in_progress --progress 40' >"$TMP/small.batch"
ok --db "$SMALL" -q batch small.batch
ok --db "$SMALL" db check
python3 - "$PHOIHOP" "$TMP" "$SMALL" "${PHOIHOP_RULES_SEED:-20261126}" "${PHOIHOP_RULES_DOCUMENTS:-150}" <<'PY' ||
import datetime, hashlib, json, os, random, shutil, sqlite3, subprocess, sys, unicodedata

phoihop, tmp, small, seed, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
env = {"PATH": "/usr/bin:/bin", "HOME": tmp + "/home", "TZ": "Asia/Ho_Chi_Minh", "LANG": "C.UTF-8",
       "XDG_CONFIG_HOME": tmp + "/config", "XDG_DATA_HOME": tmp + "/data", "PHOIHOP_TODAY": "2026-11-26"}
work = os.path.join(tmp, "work.db")
D = datetime.date
IN_DB = ["UBND huyện Châu Thành", "Huyện đoàn Châu Thành", "huyen doan chau thanh", "HĐ Châu Thành",
         "Ban Chấp hành Huyện đoàn Châu Thành"]
NEW = ["Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin", "Trường THPT Châu Thành",
       "Hội Liên hiệp Phụ nữ huyện", "Công an huyện Châu Thành"]
KINDS = ["people_committee", "youth_union", "department", "school", "district", "other"]


class Date(str):
    """A date value: TOML writes a valid ISO one as a date literal."""


def run(*args):
    return subprocess.run([phoihop, "--db", work, *args], env=env, capture_output=True, text=True, timeout=60)


def state():
    con = sqlite3.connect(work)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    h = hashlib.sha256()
    for path in (work, work + "-wal"):
        if os.path.exists(path):
            with open(path, "rb") as f:
                h.update(f.read())
    return h.hexdigest()


def generate(r):
    bad = r.choice([0, 0, 0.04, 0.12, 0.3])  # how often a value is drawn to break a rule
    def fault():
        return r.random() < bad
    def day(lo, hi):
        return lo + datetime.timedelta(days=r.randint(0, max(0, (hi - lo).days)))
    def date(d):
        if fault() and r.random() < 0.3:
            return Date(r.choice(["2025-02-30", "2025-13-01", "31/02/2025", "2025-2-3", "hôm qua"]))
        return Date(d.isoformat() if r.random() < 0.8 else d.strftime("%d/%m/%Y"))
    def text(t):
        if fault() and r.random() < 0.3:
            return t + r.choice(["\u0001", "\u007f", "\u0085"])
        x = r.random()
        return unicodedata.normalize("NFD", t) if x < 0.15 else ("  " + t + " " if x < 0.25 else t)
    def org():
        return text(r.choice(IN_DB + NEW + NEW))
    def uid():
        return "01a25200-%04x-7%03x-8%03x-%012x" % (r.getrandbits(16), r.getrandbits(12), r.getrandbits(12),
                                                    r.getrandbits(48))
    doc = {"phoihop_export": 1}
    orgs = []
    for _ in range(r.choice([0, 0, 1, 2])):
        o = {"name": org()}
        if r.random() < 0.5:
            o["kind"] = "bogus" if fault() else r.choice(KINDS)
        if r.random() < 0.5:
            o["aliases"] = [r.choice(IN_DB + NEW) if fault() or r.random() < 0.1 else "Tên gọi khác %d" % r.randint(1, 9)
                            for _ in range(r.randint(1, 2))]
        if r.random() < 0.4:
            start = day(D(2000, 1, 1), D(2024, 1, 1))
            o["valid_from"] = date(start)
            o["valid_to"] = date(start - datetime.timedelta(days=30) if fault() else day(start, D(2030, 1, 1)))
        orgs.append(o)
    if orgs:
        doc["organisations"] = orgs
    if r.random() < 0.2:
        a = org()
        doc["successions"] = [{"predecessor": a, "successor": a if fault() else org(),
                               "date": date(day(D(1990, 1, 1), D(2026, 1, 1)))}]
    terms = [("CT-2024", D(2024, 1, 1), D(2026, 12, 31))]
    agreements = []
    for _ in range(r.choice([0, 1, 1, 2])):
        start = day(D(2023, 1, 1), D(2026, 6, 30))
        end = start - datetime.timedelta(days=r.randint(1, 200)) if fault() else day(start, start.replace(year=start.year + 4))
        code = r.choice(["2", "12", "CT 2025", "#5", "KH\t1"]) if fault() else r.choice(
            ["KH-%d" % r.randint(1, 50), "QC-%02d/2025" % r.randint(1, 20), None])
        a = {"uid": uid(), "title": text("Kế hoạch phối hợp %d" % r.randint(1, 99)), "start": date(start), "end": date(end)}
        if code is not None:
            a["code"] = code
        if r.random() < 0.2:
            a["actual_end"] = date(start - datetime.timedelta(days=10) if fault() else day(start, end))
        n = r.choice([0, 1]) if fault() else r.choice([2, 2, 3])
        parties = []
        for _ in range(n):
            p = {"org": org()}
            if r.random() < 0.3:
                p["signed_on"] = date(end + datetime.timedelta(days=20) if fault() else day(start - datetime.timedelta(days=30), start))
            parties.append(p)
        if parties:
            a["parties"] = parties
        agreements.append(a)
        terms.append((code if code is not None else a["uid"], start, end))
    if agreements:
        doc["agreements"] = agreements
    tasks = []
    for _ in range(r.choice([0, 1, 2, 3])):
        ref, lo, hi = r.choice(terms)
        t = {"agreement": ref, "title": text("Nhiệm vụ %d" % r.randint(1, 99))}
        if r.random() < 0.4:
            t["code"] = r.choice(["1", "2", "3"])
        start = lo - datetime.timedelta(days=r.randint(1, 100)) if fault() else day(lo, hi)
        if r.random() < 0.8:
            t["start"] = date(start)
        if r.random() < 0.7:
            t["due"] = date(start - datetime.timedelta(days=r.randint(1, 100)) if fault() else day(start, hi))
        if r.random() < 0.6:
            t["lead"] = lead = org()
            partners = r.sample(NEW, r.randint(0, 2))
            if fault():
                partners.append(lead)
            if partners:
                t["partners"] = partners
        updates = []
        for _ in range(r.choice([0, 0, 1, 2, 3])):
            u = {"date": date(start - datetime.timedelta(days=r.randint(1, 60)) if fault() else day(start, start + datetime.timedelta(days=700)))}
            status = r.choice([None, "planned", "in_progress", "done", "cancelled"])
            if status:
                u["status"] = status
            if status == "done":
                u["progress"] = r.randint(0, 99) if fault() else 100
            elif r.random() < 0.7:
                u["progress"] = r.choice([101, -1]) if fault() else r.randint(0, 100)
            if r.random() < 0.3 or (not status and "progress" not in u and not fault()):
                u["note"] = text("Báo cáo định kỳ")
            updates.append(u)
        if updates:
            t["updates"] = updates
        tasks.append(t)
    if tasks:
        doc["tasks"] = tasks
    if r.random() < 0.2:
        people = []
        for _ in range(r.randint(1, 3)):
            p = {"role": r.choice(["chair", "delegate", "secretary"])}
            if not fault():
                p["org" if r.random() < 0.5 else "name"] = org() if r.random() < 0.5 else text("Trần Văn Ba")
            people.append(p)
        doc["meetings"] = [{"title": text("Họp sơ kết"), "date": date(day(D(2024, 1, 1), D(2026, 12, 31))),
                            "participants": people}]
    if r.random() < 0.25:
        recipients = []
        for _ in range(r.randint(1, 3)):
            if r.random() < 0.5:
                rc = {"kind": "collective", "org": org()}
                if fault():
                    rc["person_name"] = text("Lê Thị Tư")
            else:
                rc = {"kind": "individual", "org": org()}
                if not fault():
                    rc["person_name"] = text("Lê Thị Tư")
            recipients.append(rc)
        doc["awards"] = [{"number": "%d/QĐ-UBND" % r.randint(1, 99), "date": date(day(D(2024, 1, 1), D(2026, 12, 31))),
                          "recipients": recipients}]
    if len(doc) == 1:
        doc["organisations"] = [{"name": org()}]
    return doc


def toml_value(v):
    if isinstance(v, Date):
        try:
            if D.fromisoformat(v).isoformat() == v:
                return str(v)
        except ValueError:
            pass
    if isinstance(v, str):  # a basic string; TOML wants every control character escaped
        return '"' + "".join("\\u%04x" % ord(c) if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in '"\\' else c
                             for c in v) + '"'
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return str(v)


def toml(doc):
    lines = []
    def table(path, record):
        lines.append("")
        lines.append("[[%s]]" % path)
        for k, v in record.items():
            if not (isinstance(v, list) and v and isinstance(v[0], dict)):
                lines.append("%s = %s" % (k, toml_value(v)))
        for k, v in record.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                for child in v:
                    table(path + "." + k, child)
    lines.append("phoihop_export = 1")
    for key, records in doc.items():
        if key != "phoihop_export":
            for record in records:
                table(key, record)
    return "\n".join(lines) + "\n"


failures = 0
outcomes = {}
for i in range(count):
    r = random.Random(seed * 1000 + i)
    doc = generate(r)
    name = os.path.join(tmp, "random.%s" % ("toml" if i % 2 == 0 else "json"))
    with open(name, "w", encoding="utf-8") as f:
        f.write(toml(doc) if name.endswith(".toml") else json.dumps(doc, ensure_ascii=False, indent=1))
    shutil.copyfile(small, work)
    for side in ("-wal", "-shm"):
        if os.path.exists(work + side):
            os.remove(work + side)
    before = state()
    p = run("import", name)
    problem = None
    if p.returncode == 0:
        check = run("db", "check")
        if check.returncode != 0:
            problem = "accepted, then db check failed (rc %d):\n%s%s" % (check.returncode, check.stdout, check.stderr)
        elif p.stdout:
            problem = "accepted with output on stdout"
    elif p.returncode not in (2, 4):
        problem = "refused with exit %d" % p.returncode
    elif before != state():
        problem = "refused (exit %d) but the database changed" % p.returncode
    elif p.stdout or len(p.stderr.splitlines()) != 1 or not p.stderr.startswith("phoihop: error: "):
        problem = "refused without exactly one error line and an empty stdout"
    outcomes[p.returncode] = outcomes.get(p.returncode, 0) + 1
    if problem:
        failures += 1
        print("FAIL [test_rules] random document %d (seed %d): %s\n  stderr: %s\n  document:\n%s"
              % (i, seed, problem, p.stderr.strip(), open(name, encoding="utf-8").read()[:3000]), file=sys.stderr)
accepted = outcomes.get(0, 0)
refused = count - accepted
print("test_rules: random documents: %d imported, %d accepted, %d refused (by exit status: %s)"
      % (count, accepted, refused, ", ".join("%d: %d" % kv for kv in sorted(outcomes.items()) if kv[0])))
if accepted == 0 or refused == 0:
    print("FAIL [test_rules] the random documents did not exercise both outcomes", file=sys.stderr)
    failures += 1
sys.exit(1 if failures else 0)
PY
  fail "random documents (see above)"

finish
