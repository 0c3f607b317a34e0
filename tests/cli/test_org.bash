#!/usr/bin/env bash
# Organisations: created on first mention, found by folded names and aliases,
# Vietnamese order, renames, aliases, merges and successions.
source "$(dirname "$0")/lib.bash"

nfd() { python3 -c 'import sys,unicodedata; print(unicodedata.normalize("NFD", sys.argv[1]), end="")' "$1"; }

ok org add "Ủy ban nhân dân tỉnh Bến Tre" --short "UBND tỉnh Bến Tre" --kind people_committee
out_is 1
ok org add "$(nfd 'Tỉnh đoàn Bến Tre')" --kind youth_union
out_is 2
# Stored in NFC whatever the input form.
[ "$(sqlite3 "$DB" 'select name from org where id = 2')" = "Tỉnh đoàn Bến Tre" ] || fail "NFD name not stored as NFC"

# Found again by folded name, short name, NFD, id, #id.
for name in "tinh doan ben tre" "TỈNH ĐOÀN BẾN TRE" "$(nfd 'Tỉnh đoàn Bến Tre')" "  Tinh   Doan Ben Tre " 2 "#2"; do
  ok org show "$name" --format json
  [ "$(json_eval 'd["id"]')" = 2 ] || fail "org show '$name' did not find #2"
done
ok org show "ubnd tinh ben tre" --format json
[ "$(json_eval 'd["name"]')" = "Ủy ban nhân dân tỉnh Bến Tre" ] || fail "short name lookup"

# Duplicates and unknowns.
unchanged_by 4 org add "tinh doan ben tre"
err_has "already exists"
unchanged_by 3 org show "Tỉnh đoàn Trà Vinh"
err_has "'Tỉnh đoàn Trà Vinh'"
unchanged_by 3 org show 99
unchanged_by 2 org add "   "
unchanged_by 2 org add "Bad kind" --kind ministry
err_has "'ministry'"
unchanged_by 2 org add "Bad date" --from 30/02/2024
err_has "30/02/2024"
unchanged_by 2 org add "Reversed" --from 2024-05-01 --to 2024-04-30
err_has "2024-04-30"
err_has "2024-05-01"
unchanged_by 2 org add $'Bad \xff byte'
err_has "UTF-8"

# Aliases: found by them; an alias equal to another body's name is refused.
ok org alias 2 "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre" "Tỉnh đoàn"
ok org show "ban chap hanh doan tncs ho chi minh tinh ben tre" --format json
[ "$(json_eval 'd["id"]')" = 2 ] || fail "alias lookup"
unchanged_by 4 org alias 2 "ủy ban nhân dân tỉnh bến tre"
err_has "#1"

# Ambiguous names list the candidates (exit 2) and change nothing.
ok org add "Tỉnh đoàn Vĩnh Long" --kind youth_union
out_is 3
ok org alias "Tỉnh đoàn Vĩnh Long" "Tỉnh đoàn"
unchanged_by 2 org show "tinh doan"
err_has "ambiguous"
err_has "#2 Tỉnh đoàn Bến Tre"
err_has "#3 Tỉnh đoàn Vĩnh Long"
unchanged_by 2 agreement add "X" --party "Tỉnh đoàn" --party "UBND tỉnh Bến Tre" --period 2022

# Vietnamese alphabetical order, not byte order.
for n in "Sở Y tế" "Sở Tài chính" "Sở Giáo dục và Đào tạo" "Đài Phát thanh" "Công an tỉnh" "Ban Dân vận" "Ấp Mỹ" "An Giang"; do
  ok org add "$n"
done
ok org list --format json
got=$(json_eval '"|".join(o["name"] for o in d)')
want="An Giang|Ấp Mỹ|Ban Dân vận|Công an tỉnh|Đài Phát thanh|Sở Giáo dục và Đào tạo|Sở Tài chính|Sở Y tế|Tỉnh đoàn Bến Tre|Tỉnh đoàn Vĩnh Long|Ủy ban nhân dân tỉnh Bến Tre"
[ "$got" = "$want" ] || fail "order: $got"
ok org list --search "SO"
out_has "Sở Y tế"
out_lacks "Tỉnh đoàn"
ok org list --search "dao tao" --format csv
[ "$(csv_field 0 name)" = "Sở Giáo dục và Đào tạo" ] || fail "search by folded text"

# Table output lines up by display width: the SHORT column starts at the same
# terminal column in the heading and in the row of the one body that has a short name.
ok org list
python3 - "$TMP/stdout" <<'PY' || fail "table columns not aligned by display width"
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
head = width(lines[0][:lines[0].index("SHORT")])
row = next(l for l in lines if "UBND tỉnh Bến Tre" in l)
assert width(row[:row.index("UBND tỉnh Bến Tre")]) == head, (row, head)
PY

# Rename keeps the old name as an alias.
ok org rename "Công an tỉnh" "Công an tỉnh Bến Tre"
ok org show "cong an tinh" --format json
[ "$(json_eval 'd["name"]')" = "Công an tỉnh Bến Tre" ] || fail "rename"
[ "$(json_eval 'd["aliases"]')" = "['Công an tỉnh']" ] || fail "old name not an alias"
unchanged_by 4 org rename "Công an tỉnh Bến Tre" "sở y tế"

# Edit fields, clear with an empty value; nothing to change is a usage error.
ok org edit "Sở Y tế" --kind department --parent "ubnd tinh ben tre" --note "health"
ok org show "Sở Y tế" --format json
[ "$(json_eval 'd["kind"], d["parent"]')" = "('department', 'Ủy ban nhân dân tỉnh Bến Tre')" ] || fail "edit"
ok org edit "Sở Y tế" --parent ""
ok org show "Sở Y tế" --format json
[ "$(json_eval 'd["parent"]')" = None ] || fail "clear parent"
unchanged_by 2 org edit "Sở Y tế"
unchanged_by 2 org edit "Sở Y tế" --parent "Sở Y tế"

# Successions: dated, many-to-many, successors created on mention.
ok org edit 2 --from 1931-03-26
ok org succeed "Tỉnh đoàn Bến Tre" --by "Tỉnh đoàn tỉnh Vĩnh Long (mới)" --date 01/07/2025
err_has "created organisation"
ok org show 2 --format json
[ "$(json_eval 'd["valid_to"]')" = 2025-06-30 ] || fail "predecessor not ended the day before"
[ "$(json_eval 'd["successors"][0]["name"], d["successors"][0]["date"]')" = "('Tỉnh đoàn tỉnh Vĩnh Long (mới)', '2025-07-01')" ] || fail "successor"
ok org show "tinh doan tinh vinh long (moi)" --format json
[ "$(json_eval 'd["valid_from"], d["predecessors"][0]["id"]')" = "('2025-07-01', 2)" ] || fail "successor's predecessor"
ok org succeed "Tỉnh đoàn Vĩnh Long" --by "Tỉnh đoàn tỉnh Vĩnh Long (mới)" --date 2025-07-01
unchanged_by 4 org succeed 2 --by "Tỉnh đoàn tỉnh Vĩnh Long (mới)" --date 2025-07-01
unchanged_by 2 org succeed 2 --by 2 --date 2025-07-01
unchanged_by 2 org succeed 2 --by "X" --date 1930-01-01
err_has "1931-03-26"
unchanged_by 2 org succeed 2 --by "X" --date 2025-02-30
unchanged_by 2 org succeed 2 --by "X"
unchanged_by 3 org succeed "Nobody" --by "X" --date 2025-07-01

# Merge: the duplicate's references and names move; parties of one agreement cannot merge.
ok org add "UBND Ben Tre (typo)"
ok agreement add "Kế hoạch" --party "UBND Ben Tre (typo)" --party "Sở Y tế" --period 2023
ok org merge "UBND Ben Tre (typo)" "Ủy ban nhân dân tỉnh Bến Tre"
ok agreement show 1 --format json
[ "$(json_eval 'd["parties"][0]["name"]')" = "Ủy ban nhân dân tỉnh Bến Tre" ] || fail "merge did not move the party"
ok org show "ubnd ben tre (typo)" --format json
[ "$(json_eval 'd["id"]')" = 1 ] || fail "merged name not an alias"
unchanged_by 4 org merge "Sở Y tế" 1
err_has "both parties"
unchanged_by 2 org merge 1 1

finish
