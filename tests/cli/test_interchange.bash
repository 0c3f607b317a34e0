#!/usr/bin/env bash
# export and import: a whole database or one agreement as TOML or JSON, read
# back keyed on uid; export → import → export is byte-identical.
source "$(dirname "$0")/lib.bash"

counts() { sqlite3 "$1" 'select (select count(*) from org), (select count(*) from agreement), (select count(*) from agreement_party), (select count(*) from task), (select count(*) from task_update), (select count(*) from task_partner), (select count(*) from meeting), (select count(*) from meeting_participant), (select count(*) from award_recipient), (select count(*) from org_alias)'; }

load_bentre
bentre_counts=$(counts "$DB")

# Round trip through an empty database, in both formats.
for format in toml json; do
  ok export --format "$format" --output "$TMP/a.$format"
  [ -s "$TMP/a.$format" ] || fail "export --output wrote nothing"
  DB="$TMP/copy-$format.db"
  ok import "$TMP/a.$format"
  err_has "import: "
  ok export --format "$format"
  cmp -s "$TMP/stdout" "$TMP/a.$format" || fail "$format: export → import → export differs"
  [ "$(counts "$DB")" = "$bentre_counts" ] || fail "$format: row counts differ after import"
  # Importing twice changes nothing.
  before=$(sha256sum <"$TMP/stdout")
  ok import "$TMP/a.$format"
  err_has "0 inserted, 0 updated"
  ok export --format "$format"
  [ "$(sha256sum <"$TMP/stdout")" = "$before" ] || fail "$format: second import changed the export"
  [ "$(counts "$DB")" = "$bentre_counts" ] || fail "$format: second import changed row counts"
  DB="$TMP/phoihop.db"
done
head -n 1 "$TMP/a.toml" | grep -qx 'phoihop_export = 1' || fail "toml lacks the version key"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["phoihop_export"] == 1 and d["tasks"]' "$TMP/a.json" || fail "json export does not parse"

# One agreement: it, its tasks, and what they name, importable on its own.
ok export --agreement BT-2022 --format json
json_eval '[a["code"] for a in d["agreements"]]' | grep -q "BT-2022" || fail "--agreement lacks the agreement"
[ "$(json_eval 'len(d["tasks"])')" = "$(sqlite3 "$DB" "select count(*) from task where agreement_id = (select id from agreement where code = 'BT-2022')")" ] || fail "--agreement tasks"
cp "$TMP/stdout" "$TMP/one.json"
DB="$TMP/one.db"
ok import "$TMP/one.json"
ok task list --agreement BT-2022 --format csv
out_has "BT-2022"
DB="$TMP/phoihop.db"
fails 3 export --agreement BT-2099

# An edited export updates just that record.
uid=$(sqlite3 "$DB" 'select uid from task order by id limit 1')
python3 - "$TMP/a.toml" "$TMP/edited.toml" "$uid" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read().split("\n")
for i, line in enumerate(text):
    if line == 'uid = "%s"' % sys.argv[3]:
        j = next(k for k in range(i, len(text)) if text[k].startswith("title = "))
        text[j] = 'title = "Tiêu đề đã sửa"'
        break
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(text))
PY
ok import "$TMP/edited.toml"
err_has "0 inserted, 1 updated"
[ "$(sqlite3 "$DB" "select title from task where uid = '$uid'")" = "Tiêu đề đã sửa" ] || fail "edited title not imported"

# Bad files: exit 2 naming file:line and the value; nothing imported.
bad() { # NAME EXPECTED-TEXT: the file $TMP/NAME must be refused
  unchanged_by 2 import "$TMP/$1"
  err_has "$TMP/$1:"
  err_has "$2"
}
printf 'phoihop_export = 1\n\n[[agreements]]\ntitle = "X\n' >"$TMP/syntax.toml"
bad syntax.toml "syntax.toml:4"
printf '{\n  "phoihop_export": 1,\n  "tasks": [\n    {"title": "x",}\n  ]\n}\n' >"$TMP/syntax.json"
bad syntax.json "syntax.json:4"
printf 'phoihop_export = 1\n[[organisations]]\nname = "Sở Tư pháp"\ncolour = "red"\n' >"$TMP/unknown.toml"
bad unknown.toml "unknown.toml:4: unknown key 'colour'"
printf 'phoihop_export = 1\n[[organisations]]\nname = "Sở Tư pháp"\n[[agreements]]\ntitle = "X"\nstart = "2026-01-01"\nend = "31/02/2026"\n' >"$TMP/date.toml"
bad date.toml "date.toml:7"
err_has "31/02/2026"
printf 'phoihop_export = 1\n[[organisations]]\nname = "Sở Tư pháp"\nkind = "ministry"\n' >"$TMP/enum.toml"
bad enum.toml "enum.toml:4: bad value 'ministry' for kind"
printf 'phoihop_export = 2\n[[organisations]]\nname = "Sở Tư pháp"\n' >"$TMP/version.toml"
bad version.toml "unknown document version 2"
printf '{"phoihop_export": 1,\n "tasks": [{"agreement": "00000000-0000-4000-8000-000000000000", "title": "x"}]}\n' >"$TMP/dangling.json"
bad dangling.json "dangling.json:2"
err_has "00000000-0000-4000-8000-000000000000"
printf 'phoihop_export = 1\n[[agreements]]\ntitle = "X"\nstart = 2026-01-01\nend = 2025-01-01\n' >"$TMP/order.toml"
bad order.toml "order.toml:"
# An error late in a file rolls back the records before it.
printf 'phoihop_export = 1\n[[organisations]]\nname = "Sở Nội vụ mới"\n[[organisations]]\nname = "B"\nkind = "x"\n' >"$TMP/late.toml"
bad late.toml "late.toml:6"
[ "$(sqlite3 "$DB" "select count(*) from org where name = 'Sở Nội vụ mới'")" = 0 ] || fail "a refused file imported its first records"
unchanged_by 2 import "$TMP/a.toml" --map "x=title"
unchanged_by 2 import "$TMP/nowhere.toml"

# The hand-written example imports, and importing it again changes nothing.
DB="$TMP/new.db"
ok import "$SOURCE_DIR/examples/new-agreement.toml"
ok task list --agreement CT-2026 --format csv
[ "$(grep -c '' "$TMP/stdout")" = 3 ] || fail "example tasks"
out_has "Hỗ trợ thanh niên khởi nghiệp"
ok agreement show CT-2026 --format json
[ "$(json_eval 'len(d["parties"])')" = 2 ] || fail "example parties"
ok import "$SOURCE_DIR/examples/new-agreement.toml"
err_has "0 inserted, 0 updated"
[ "$(sqlite3 "$DB" 'select count(*) from org')" = 2 ] || fail "example duplicated organisations"

finish
