#!/usr/bin/env bash
# Hostile input through every entry point — arguments, batch files, CSV, JSON
# and TOML import, merge — from the corpora in tests/data/hostile/: each value
# is stored byte-identical and comes back out unchanged (show, export, lists,
# reports, which keep their layout), or is refused with one clear error line
# and exit 2, the database unchanged. Never a crash (exit >= 128) or an
# "internal error"; the schema is the same at the end.
source "$(dirname "$0")/lib.bash"
PATH=/usr/bin:/bin:$PATH # Debian's python3 (a version manager's shim costs 0.3 s a start)

H="$SOURCE_DIR/tests/data/hostile"
PY=(python3 "$H/hostile.py")
PAYLOADS_FILE="$H/payloads.txt"
mapfile -t PAYLOADS <"$PAYLOADS_FILE"
[ "${#PAYLOADS[@]}" -ge 50 ] || fail "payloads.txt not read"

# Every run of the suite: a signal death or an internal error is a bug whatever the test expected.
eval "lib_$(declare -f run_phoihop)"
run_phoihop() {
  lib_run_phoihop "$@"
  if [ "$rc" -ge 128 ] || grep -q 'internal error' "$TMP/stderr"; then
    fail "crash or internal error (exit $rc): phoihop $(printf '%q ' "$@" | head -c 300)"
  fi
}
# The payload under test, for Python checks of the last stdout.
is_payload() { # EXPR over d (the parsed stdout) that must equal $HOSTILE
  HOSTILE=$1 json_eval "$2 == __import__('os').environ['HOSTILE']"
}
decode() { printf '%b' "$1"; } # a printf %b escape from the corpora
# Lines of a tab-separated corpus, without its # comments.
corpus() { grep -v '^#' "$H/$1"; }
# Reads never change the file (test_basics); refusals of writes are checked with
# unchanged_by, which hashes the WAL too: keep it short.
checkpoint() { sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null; }

ok agreement add "Quy chế phối hợp 2022-2026" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" \
  --period 2022-2026 --signed 01/12/2022 --code BT
schema_before=$(sqlite3 "$DB" .schema)

# --- 1. Arguments: every payload in every kind of text field (checked in
# section 2 with the other entry points), as a search and as a reference.
for i in "${!PAYLOADS[@]}"; do
  p=${PAYLOADS[$i]}
  ok task add --agreement=BT --code="A$i" --lead="$p" --unit="$p" --note="$p" --description="$p" -- "$p"
  id=$(out)
  ok task list --search="$p" --format json
  out_has "\"id\": $id,"
  # A payload as a reference: not found (3), named verbatim in the error, nothing run as a format.
  fails 3 agreement show -- "$p"
  err_has "$p"
done
ok agreement add --party="${PAYLOADS[0]}" --party="${PAYLOADS[1]}" --period=2022-2026 --number="${PAYLOADS[2]}" \
  --place="${PAYLOADS[3]}" --note="${PAYLOADS[4]}" -- "${PAYLOADS[5]}"
ok agreement show "$(out)" --format json
[ "$(HOSTILE="${PAYLOADS[*]:0:6}" json_eval "' '.join([d['parties'][0]['name'], d['parties'][1]['name'], d['number'], d['place'], d['note'], d['title']]) == __import__('os').environ['HOSTILE']")" = True ] ||
  fail "agreement fields"
# Codes have no spaces and are not numbers; hostile ones still round-trip and resolve.
for code in "');DROP/**/TABLE/**/task;--" '"OR"1"="1' '{0:>99999999}' '%s%n%x' "=cmd|'/C!A0" '|a|b|' '<script>' '-1x' '%' '_'; do
  ok agreement add --party=A --party=B --period=2022-2026 --code="$code" -- "Code test"
  ok agreement show --format json -- "$code"
  [ "$(is_payload "$code" "d['code']")" = True ] || fail "code $code"
  ok task add --agreement="$code" -- "task of $code"
done
unchanged_by 2 agreement add --party=A --party=B --period=2022-2026 --code="a b" -- X
unchanged_by 2 agreement add --party=A --party=B --period=2022-2026 --code="42" -- X

# --- 2. Batch, CSV, JSON and TOML: the same payloads, each entry point's own quoting.
"${PY[@]}" gen-csv "$PAYLOADS_FILE" C >"$TMP/payloads.csv"
ok import "$TMP/payloads.csv" --kind task --agreement BT
"${PY[@]}" gen-doc "$PAYLOADS_FILE" json J >"$TMP/payloads.json"
ok import "$TMP/payloads.json"
"${PY[@]}" gen-doc "$PAYLOADS_FILE" toml K >"$TMP/payloads.toml"
ok import "$TMP/payloads.toml"
ok export --format json
cp "$TMP/stdout" "$TMP/export.json"
"${PY[@]}" check-tasks "$TMP/export.json" "$PAYLOADS_FILE" A,C,J,K >"$TMP/bad" || fail "payloads changed on the way in: $(head -5 "$TMP/bad")"
# The same CSV again would add the same task codes again: a conflict (4), nothing changed.
unchanged_by 4 import "$TMP/payloads.csv" --kind task --agreement BT

# Export -> import into an empty database -> export is the same file, in both formats; merge keeps every value.
for format in json toml; do
  ok export --format "$format" --output "$TMP/first.$format"
  DB_SAVED=$DB DB="$TMP/copy-$format.db"
  ok import "$TMP/first.$format"
  ok export --format "$format" --output "$TMP/second.$format"
  DB=$DB_SAVED
  cmp -s "$TMP/first.$format" "$TMP/second.$format" || fail "$format export -> import -> export differs"
done
DB_SAVED=$DB DB="$TMP/merged.db"
ok db init
ok merge "$DB_SAVED"
ok export --format json
DB=$DB_SAVED
"${PY[@]}" check-tasks "$TMP/stdout" "$PAYLOADS_FILE" A,C,J,K >"$TMP/bad" || fail "merge changed payloads: $(head -5 "$TMP/bad")"

# The batch entry point fills a database with every kind of record, then the
# reports of it are compared with those of the same records holding placeholders.
"${PY[@]}" gen-batch "$PAYLOADS_FILE" hostile >"$TMP/hostile.batch"
"${PY[@]}" gen-batch "$PAYLOADS_FILE" plain >"$TMP/plain.batch"
DB_SAVED=$DB
for variant in plain hostile; do
  DB="$TMP/$variant.db"
  ok batch "$TMP/$variant.batch"
  for register in summary tasks meetings awards; do
    ok report "$register" --period 2022-2026 --format md --output "$TMP/$variant-$register.md"
    cmark-gfm -e table --unsafe "$TMP/$variant-$register.md" >"$TMP/$variant-$register.html"
    ok report "$register" --period 2022-2026 --format html --output "$TMP/$variant-$register.page"
  done
done
ok export --format json
"${PY[@]}" check-batch "$TMP/stdout" "$PAYLOADS_FILE" >"$TMP/bad" || fail "batch payloads: $(head -5 "$TMP/bad")"
# Markdown: rendered by a GFM renderer (raw HTML allowed through, so an
# unescaped <script> would show), the layout is the placeholders' layout.
"${PY[@]}" check-md "$TMP/hostile-tasks.html" "$TMP/plain-tasks.html" "$PAYLOADS_FILE" >"$TMP/bad" ||
  fail "tasks register Markdown: $(head -5 "$TMP/bad")"
for register in summary meetings awards; do
  # Every payload is in the tasks table; the other reports show them in lists and tables too.
  "${PY[@]}" check-md "$TMP/hostile-$register.html" "$TMP/plain-$register.html" "$PAYLOADS_FILE" >"$TMP/bad"
  grep -v 'in no table cell' "$TMP/bad" | grep -q . && fail "$register Markdown: $(grep -v 'in no table cell' "$TMP/bad" | head -5)"
done
grep -qi '<script\|<img\|<a ' "$TMP"/hostile-*.html && fail "markup from a record reached the HTML"
# The HTML reports (--format html): no element or handler from a record, the
# payloads' markup only as escaped text.
python3 - "$TMP"/hostile-*.page <<'PY' >"$TMP/bad" || fail "markup from a record reached an HTML report: $(head -5 "$TMP/bad")"
import sys
from html.parser import HTMLParser
found = []
class Tags(HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "a", "iframe", "object", "embed", "link", "b", "form", "input"):
            found.append(f"{self.name}: element {tag}")
        found.extend(f"{self.name}: attribute {name} of {tag}" for name, _ in attrs
                     if name.startswith("on") or name in ("href", "src", "style"))
for name in sys.argv[1:]:
    parser = Tags()
    parser.name = name
    parser.feed(open(name, encoding="utf-8").read())
print("\n".join(found))
sys.exit(1 if found else 0)
PY
grep -qF '&lt;script&gt;' "$TMP/hostile-tasks.page" || fail "the HTML task register lacks the escaped payloads"
# CSV reports: RFC 4180 that parses back, no live formula, payloads neutralised
# (phoihop-report(1), FORMATS, csv).
for register in summary tasks meetings awards; do
  ok report "$register" --period 2022-2026 --format csv --output "$TMP/$register.csv"
done
"${PY[@]}" check-csv "$TMP/tasks.csv" "$PAYLOADS_FILE" neutral >"$TMP/bad" || fail "tasks CSV: $(head -5 "$TMP/bad")"
for register in summary meetings awards; do
  "${PY[@]}" check-csv "$TMP/$register.csv" "$PAYLOADS_FILE" neutral >"$TMP/bad"
  grep -v 'not a cell' "$TMP/bad" | grep -q . && fail "$register CSV: $(grep -v 'not a cell' "$TMP/bad" | head -5)"
done
ok report tasks --period 2022-2026 --format json --output "$TMP/tasks.json"
"${PY[@]}" check-json "$TMP/tasks.json" "$PAYLOADS_FILE" title >"$TMP/bad" || fail "tasks JSON report: $(head -5 "$TMP/bad")"
# Lists: CSV parses back with every row as wide as the header, no live
# formula (the one guard of phoihop(1), CSV AND SPREADSHEETS), TSV escapes
# tabs and newlines and is guarded alike, JSON is exact, the table keeps one
# line a record.
for noun in task agreement meeting award org; do
  ok "$noun" list --format csv
  cp "$TMP/stdout" "$TMP/list.csv"
  "${PY[@]}" check-csv "$TMP/list.csv" "$PAYLOADS_FILE" neutral >"$TMP/bad" || fail "$noun list CSV: $(head -5 "$TMP/bad")"
  ok "$noun" list --format tsv
  cp "$TMP/stdout" "$TMP/list.tsv"
  "${PY[@]}" check-tsv "$TMP/list.tsv" "$PAYLOADS_FILE" >"$TMP/bad" || fail "$noun list TSV: $(head -5 "$TMP/bad")"
done
ok task list --format json
cp "$TMP/stdout" "$TMP/list.json"
"${PY[@]}" check-json "$TMP/list.json" "$PAYLOADS_FILE" title >"$TMP/bad" || fail "task list JSON: $(head -5 "$TMP/bad")"
ok task list
[ "$(grep -c '' "$TMP/stdout")" -eq $((${#PAYLOADS[@]} + 1)) ] || fail "a payload broke the task table's lines"
LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/stdout" && fail "control characters in the table"
DB=$DB_SAVED

# --- 3. Control characters: refused in one-line fields; free text keeps tabs and
# line breaks (CRLF becomes LF) and refuses the rest. The same at every entry point.
# Each accepted value is checked at the end against the export: the task of code
# X<n> has in FIELD exactly the bytes of $TMP/expect/X<n>.FIELD.
mkdir -p "$TMP/expect"
checkpoint
n=0
expect() { # EXPECTED(escaped or refuse) FIELD ARGS…
  local expected=$1 field=$2
  shift 2
  if [ "$expected" = refuse ]; then
    unchanged_by 2 "$@"
    err_has "control character"
  else
    ok "$@"
    decode "$expected" >"$TMP/expect/X$n.$field"
  fi
  n=$((n + 1))
}
while IFS=$'\t' read -r escaped one_line free_text; do
  value=$(decode "$escaped")
  expect "$one_line" title task add --agreement=BT --code="X$n" -- "$value"
  expect "$free_text" note task add --agreement=BT --code="X$n" --note="$value" -- "Ghi chú"
  printf 'title,code,note\n"%s",X%s,x\n' "$value" "$n" >"$TMP/c.csv"
  expect "$one_line" title import "$TMP/c.csv" --kind task --agreement BT
  printf 'title,code,note\nGhi chú,X%s,"%s"\n' "$n" "$value" >"$TMP/c.csv"
  # The CSV reader takes a lone CR in a quoted cell for a line break (old Mac files).
  [ "$escaped" = 'a\rb' ] && csv_free='a\nb' || csv_free=$free_text
  expect "$csv_free" note import "$TMP/c.csv" --kind task --agreement BT
  "${PY[@]}" docs "$TMP/c" "$value" "X$n" # c-title.json c-note.json c-title.toml c-note.toml, codes X<n>…X<n+3>
  for format in json toml; do
    expect "$one_line" title import "$TMP/c-title.$format"
    expect "$free_text" note import "$TMP/c-note.$format"
  done
  case $value in *$'\n'* | *$'\r'*) continue ;; esac # a batch line holds no line break
  printf "task add --agreement BT --code X%s -- '%s'\n" "$n" "$value" >"$TMP/c.batch"
  expect "$one_line" title batch "$TMP/c.batch"
  printf "task add --agreement BT --code X%s --note '%s' -- Ghi\n" "$n" "$value" >"$TMP/c.batch"
  expect "$free_text" note batch "$TMP/c.batch"
done < <(corpus controls.tsv)
ok export --format json
"${PY[@]}" check-expect "$TMP/stdout" "$TMP/expect" >"$TMP/bad" || fail "control characters: $(head -5 "$TMP/bad")"
ok task add --agreement=BT --note="$(printf 'dòng 1\r\ndòng 2\n\tthụt lề')" -- "Nhiều dòng"
ok task show "$(out)" --format json
[ "$(json_eval 'd["note"]')" = "$(printf 'dòng 1\ndòng 2\n\tthụt lề')" ] || fail "free text lines"

# --- 4. Invalid UTF-8: refused (exit 2) naming the argument or the line, never stored.
checkpoint
while IFS= read -r escaped; do
  bytes=$(decode "$escaped")
  unchanged_by 2 task add --agreement=BT -- "$bytes"
  err_has "title"
  unchanged_by 2 task add --agreement=BT --note="$bytes" -- X
  err_has "--note"
  unchanged_by 2 task add --agreement=BT --lead="$bytes" -- X
  err_has "--lead"
  unchanged_by 2 org add -- "$bytes"
  fails 2 task list --search="$bytes"
  err_has "--search"
  fails 2 report summary --period="$bytes"
  unchanged_by 2 agreement add --party=A --party=B --period=2022-2026 --code="$bytes" -- X
  printf 'title,note\n%s,x\n' "$bytes" >"$TMP/u.csv"
  unchanged_by 2 import "$TMP/u.csv" --kind task --agreement BT
  err_has "line 2"
  printf '{"phoihop_export": 1, "tasks": [{"agreement": "BT", "title": "%s"}]}\n' "$bytes" >"$TMP/u.json"
  unchanged_by 2 import "$TMP/u.json"
  printf 'phoihop_export = 1\n[[tasks]]\nagreement = "BT"\ntitle = "%s"\n' "$bytes" >"$TMP/u.toml"
  unchanged_by 2 import "$TMP/u.toml"
  printf 'task add --agreement BT -- A\ntask add --agreement BT -- "%s"\n' "$bytes" >"$TMP/u.batch"
  unchanged_by 2 batch "$TMP/u.batch"
  err_has "line 2"
done < <(corpus invalid-utf8.txt)
[ "$(sqlite3 "$DB" "select count(*) from task where title like '%A'")" = 0 ] || fail "a refused batch kept its first line"

# --- 5. Binary and broken files at the file entry points: refused, nothing imported.
for f in nul-cell.csv nul-line.csv utf16.csv cp1258.csv control.csv; do
  unchanged_by 2 import "$H/$f" --kind task --agreement BT
done
for f in nul-raw.json nul-escape.json nul-raw.toml nul-escape.toml invalid-utf8.json invalid-utf8.toml \
  truncated.json truncated.toml overlong.json control-raw.json control-escape.json control-escape.toml \
  c1-escape.json huge-number.json; do
  unchanged_by 2 import "$H/$f"
  err_has "$f"
done
for f in nul.batch invalid-utf8.batch; do
  unchanged_by 2 batch "$H/$f"
  err_has "line 2"
done
unchanged_by 2 batch - <"$H/nul.batch"
# Deep nesting: an error, not a stack overflow (toml++ recursed once per dotted key part).
python3 -c "print('phoihop_export = 1\n' + 'a.' * 60000 + 'a = 1')" >"$TMP/deep-key.toml"
python3 -c "print('phoihop_export = 1\n[' + 'a.' * 60000 + 'a]')" >"$TMP/deep-header.toml"
python3 -c "print('phoihop_export = 1\nx = ' + '[' * 100000 + ']' * 100000)" >"$TMP/deep-array.toml"
python3 -c "print('{\"phoihop_export\": 1, \"tasks\": ' + '[' * 100000 + ']' * 100000 + '}')" >"$TMP/deep-array.json"
python3 -c "print('{\"phoihop_export\": 1, \"x\": ' + '{\"a\": ' * 100000 + '1' + '}' * 100000 + '}')" >"$TMP/deep-object.json"
for f in deep-key.toml deep-header.toml deep-array.toml deep-array.json deep-object.json; do
  unchanged_by 2 import "$TMP/$f"
done
# Keys with dots inside strings and a few dotted parts are still fine TOML.
printf 'phoihop_export = 1\n[[tasks]]\nagreement = "BT"\ntitle = "a.b.c.d. ... [x.y] = {z.w}"\n"quoted.key.part" = 1\n' >"$TMP/dots.toml"
unchanged_by 2 import "$TMP/dots.toml"
err_has "quoted.key.part"

# --- 6. Very long values: 2000 bytes on one line, 100000 of free text; one more is refused.
long() { python3 -c "import sys; print(sys.argv[1] * int(sys.argv[2]) + sys.argv[3], end='')" "$@"; }
ok task add --agreement=BT -- "$(long ệ 666 ab)"
ok task show "$(out)" --format json
[ "$(json_eval 'len(d["title"].encode())')" = 2000 ] || fail "2000-byte title"
unchanged_by 2 task add --agreement=BT -- "$(long ệ 666 abc)"
err_has "too long"
ok task add --agreement=BT --note="$(long x 100000 '')" -- "Ghi chú dài"
unchanged_by 2 task add --agreement=BT --note="$(long x 100001 '')" -- "Ghi chú dài"
err_has "100001 bytes"
unchanged_by 2 org add -- "$(long x 2001 '')"
fails 2 task list --search="$(long x 2001 '')"
printf 'title\n%s\n' "$(long x 2001 '')" >"$TMP/long.csv"
unchanged_by 2 import "$TMP/long.csv" --kind task --agreement BT
err_has "line 2"
printf 'task add --agreement BT -- %s\n' "$(long x 2001 '')" >"$TMP/long.batch"
unchanged_by 2 batch "$TMP/long.batch"
for format in json toml; do
  "${PY[@]}" one-doc "$format" title "$(long x 2001 '')" >"$TMP/long.$format"
  unchanged_by 2 import "$TMP/long.$format"
  err_has "too long"
  "${PY[@]}" one-doc "$format" note "$(long x 100001 '')" >"$TMP/long.$format"
  unchanged_by 2 import "$TMP/long.$format"
  "${PY[@]}" one-doc "$format" note "$(long x 100000 '')" >"$TMP/long.$format"
  ok import "$TMP/long.$format"
done

# --- 7. NFD text (decomposed accents): stored NFC, found by an unaccented search, at every entry point.
n=0
while IFS=$'\t' read -r name search; do
  nfc=$(python3 -c "import sys, unicodedata; print(unicodedata.normalize('NFC', sys.argv[1]))" "$name")
  [ "$nfc" != "$name" ] || fail "nfd.tsv line is not NFD: $name"
  case $n in
    0) ok org add -- "$name" ;;
    1) ok task add --agreement=BT --lead="$name" -- "NFD lead" ;;
    2) printf 'name\n%s\n' "$name" >"$TMP/nfd.csv" && ok import "$TMP/nfd.csv" --kind org ;;
    3) printf '{"phoihop_export": 1, "organisations": [{"name": "%s"}]}\n' "$name" >"$TMP/nfd.json" && ok import "$TMP/nfd.json" ;;
    *) printf 'org add -- "%s"\n' "$name" >"$TMP/nfd.batch" && ok batch "$TMP/nfd.batch" ;;
  esac
  ok org list --search="$search" --format json
  [ "$(HOSTILE=$nfc json_eval "[o['name'] for o in d] == [__import__('os').environ['HOSTILE']]")" = True ] ||
    fail "NFD name $n not stored NFC or not found by '$search': $(out | head -c 300)"
  ok org show --format json -- "$name"
  [ "$(is_payload "$nfc" "d['name']")" = True ] || fail "NFD name $n not found by its NFD form"
  n=$((n + 1))
done < <(corpus nfd.tsv)

# --- 8. Ids, numbers and dates as people (and scripts) mistype them.
checkpoint
ok task add --agreement=BT -- "Đích"
target_task=$(out)
while IFS=$'\t' read -r id status; do
  if [ "$status" = 0 ]; then
    ok task show "$id" --format json
  else
    fails "$status" task show "$id"
    unchanged_by "$status" task update "$id" --progress 10
  fi
done < <(corpus ids.tsv)
for id in -1 1e9 0x10 " 1" 99999999999999999999; do
  fails 2 meeting show "$id"
  fails 2 award show "$id"
  unchanged_by 2 task add --agreement=BT --meeting="$id" -- X
done
while IFS=$'\t' read -r value stored; do
  if [ "$stored" = refuse ]; then
    unchanged_by 2 task add --agreement=BT --target="$value" -- "Chỉ tiêu"
    err_has "--target"
  else
    ok task add --agreement=BT --target="$value" -- "Chỉ tiêu"
    ok task show "$(out)" --format json
    [ "$(json_eval 'repr(d["target"])')" = "$stored" ] || fail "--target '$value' stored as $(json_eval 'repr(d["target"])')"
  fi
done < <(corpus numbers.tsv)
for progress in 101 -1 1e2 5.5 0x10 " 5" 0100 '' '%n'; do
  unchanged_by 2 task update "$target_task" --progress="$progress"
done
while IFS=$'\t' read -r value stored; do
  if [ "$stored" = refuse ]; then
    unchanged_by 2 task add --agreement=BT --due="$value" -- "Hạn"
    err_has "$value"
    unchanged_by 2 task update "$target_task" --date="$value" --progress 10
  else
    ok task add --agreement=BT --due="$value" -- "Hạn"
    ok task show "$(out)" --format json
    [ "$(json_eval 'd["due"]')" = "$stored" ] || fail "--due '$value' stored as $(json_eval 'd["due"]')"
  fi
done < <(corpus dates.tsv)
for period in 2022-13 2022-Q5 2022-H3 2026-2022 2022-12-31..2022-01-01 "Quý V/2022" "{}" "%s%n" "'; DROP TABLE task;--" \
  99999 0 -2022 "2022 OR 1=1"; do
  fails 2 report summary --period="$period"
  err_has "$period"
done
fails 3 report summary --period="agreement:'); DROP TABLE task;--"

# --- The end: the schema is the one we started with and the file is sound.
[ "$(sqlite3 "$DB" .schema)" = "$schema_before" ] || fail "the schema changed"
[ "$(sqlite3 "$DB" 'pragma integrity_check')" = ok ] || fail "integrity_check"
[ "$(sqlite3 "$DB" 'pragma foreign_key_check' | wc -l)" = 0 ] || fail "foreign_key_check"

finish
