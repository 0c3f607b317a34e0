#!/usr/bin/env bash
# The bundled Bến Tre example builds from scratch and says what the article says.
source "$(dirname "$0")/lib.bash"

env -i PATH=/usr/bin:/bin HOME="$TMP" TZ=Asia/Ho_Chi_Minh PHOIHOP_DB="$DB" \
  XDG_CONFIG_HOME="$TMP/config" sh "$SOURCE_DIR/examples/bentre.sh" "$PHOIHOP" >"$TMP/stdout" 2>"$TMP/stderr" \
  || fail "examples/bentre.sh failed"
[ -s "$TMP/stdout" ] && fail "the example printed to stdout"
[ -s "$TMP/stderr" ] && fail "the example talked on stderr"

ok agreement list --format json
[ "$(json_eval '[(a["code"], a["term"], a["status"]) for a in d]')" = "[('BT-2018', '2018-2022', 'superseded'), ('BT-2022', '2022-2026', 'in_force')]" ] || fail "agreements"

ok agreement show BT-2022 --format json
[ "$(json_eval 'd["start"], d["signed_on"], d["supersedes_id"]')" = "('2022-12-01', '2022-12-01', 1)" ] || fail "2022-2026 term"
[ "$(json_eval '[(p["name"], p["signer_name"], p["signer_position"]) for p in d["parties"]]')" = \
  "[('UBND tỉnh Bến Tre', 'Nguyễn Thị Bé Mười', 'Phó Chủ tịch UBND tỉnh'), ('Tỉnh đoàn Bến Tre', 'Lâm Như Quỳnh', 'Bí thư Tỉnh đoàn')]" ] || fail "signers"
ok agreement show BT-2018 --format json
[ "$(json_eval 'd["actual_end"], d["superseded_by"]')" = "('2022-11-30', [2])" ] || fail "2018-2022 superseded"
# The article does not name the 2018 signers: none are made up.
[ "$(json_eval '[(p["signer_name"], p["signer_position"], p["signed_on"]) for p in d["parties"]]')" = \
  "[(None, None, None), (None, None, None)]" ] || fail "2018-2022 signers invented"

# Both parties ceased on 30/06/2025 and were succeeded by the new Vĩnh Long bodies.
ok org show "ban chap hanh doan tncs ho chi minh tinh ben tre" --format json
[ "$(json_eval 'd["name"], d["valid_to"], [(s["name"], s["date"]) for s in d["successors"]]')" = \
  "('Tỉnh đoàn Bến Tre', '2025-06-30', [('Tỉnh đoàn Vĩnh Long', '2025-07-01')])" ] || fail "youth union succession"
ok org show "Ủy ban nhân dân tỉnh Bến Tre" --format json
[ "$(json_eval 'd["valid_to"], [s["name"] for s in d["successors"]]')" = "('2025-06-30', ['UBND tỉnh Vĩnh Long'])" ] || fail "committee succession"
ok org list --format json
[ "$(json_eval '[o["name"] for o in d if o["name"].startswith(("Tỉnh", "UBND tỉnh"))]')" = \
  "['Tỉnh đoàn Bến Tre', 'Tỉnh đoàn Vĩnh Long', 'UBND tỉnh Bến Tre', 'UBND tỉnh Vĩnh Long']" ] || fail "org order"

# The six focal work items of 2022-2026, in the article's order, plus the
# follow-up task; their leads and due dates are labelled example values.
ok task list --agreement BT-2022 --format json
[ "$(json_eval 'len(d)')" = 7 ] || fail "tasks"
[ "$(json_eval '[t["code"] for t in d[:6]]')" = "['1', '2', '3', '4', '5', '6']" ] || fail "task codes"
[ "$(json_eval 'd[0]["title"]')" = "Tuyên truyền giáo dục thế hệ trẻ" ] || fail "first task"
[ "$(json_eval 'd[5]["title"]')" = "Phối hợp chăm sóc, giáo dục thiếu niên, nhi đồng" ] || fail "sixth task"
[ "$(json_eval 'd[6]["meeting_id"]')" = 1 ] || fail "follow-up task not linked to the meeting"
[ "$(json_eval 'all("giá trị minh họa" in t["note"] for t in d[:6])')" = True ] || fail "2022-2026 example values not labelled"

# The five coordination areas of 2018-2022, in the article's order, each
# closed as done at the final review; their leads are labelled example values.
ok task list --agreement BT-2018 --format json
[ "$(json_eval '[(t["id"], t["code"]) for t in d]')" = "[(8, '1'), (9, '2'), (10, '3'), (11, '4'), (12, '5')]" ] || fail "2018-2022 tasks"
[ "$(json_eval 'd[0]["title"]')" = "Phối hợp về công tác tuyên truyền, giáo dục thế hệ trẻ, đoàn kết, tập hợp thanh niên" ] ||
  fail "first 2018-2022 area"
[ "$(json_eval 'd[4]["title"]')" = "Phối hợp công tác chăm sóc, bảo vệ, giáo dục thiếu niên, nhi đồng, thực hiện pháp luật về trẻ em" ] ||
  fail "fifth 2018-2022 area"
[ "$(json_eval '[t["lead"] for t in d]')" = \
  "['Tỉnh đoàn Bến Tre', 'Tỉnh đoàn Bến Tre', 'Tỉnh đoàn Bến Tre', 'UBND tỉnh Bến Tre', 'Tỉnh đoàn Bến Tre']" ] || fail "2018-2022 leads"
[ "$(json_eval '{(t["status"], t["progress"], t["updated_on"], t["due"]) for t in d}')" = "{('done', 100, '2022-12-01', None)}" ] ||
  fail "2018-2022 tasks not closed at the final review"
[ "$(json_eval 'all("giá trị minh họa" in t["note"] for t in d)')" = True ] || fail "2018-2022 example values not labelled"
ok task show 12 --format json
[ "$(json_eval '[(u["date"], u["status"]) for u in d["log"]]')" = "[('2022-12-01', 'done')]" ] || fail "2018-2022 task log"

# The 01/12/2022 final review: co-chairs with their positions, bodies, contributions, conclusions.
ok meeting list --period 2022-Q4 --format json
[ "$(json_eval '[(m["id"], m["kind"], m["date"]) for m in d]')" = "[(1, 'final_review', '2022-12-01')]" ] || fail "meeting"
ok meeting show 1 --format json
[ "$(json_eval '[(p["name"], p["position"]) for p in d["participants"] if p["role"] == "co_chair"]')" = \
  "[('Nguyễn Thị Bé Mười', 'Phó Chủ tịch UBND tỉnh'), ('Lâm Như Quỳnh', 'Bí thư Tỉnh đoàn')]" ] || fail "co-chairs"
[ "$(json_eval 'len(d["participants"]), len(d["contributions"]), len(d["conclusions"])')" = "(6, 2, 5)" ] || fail "meeting parts"
[ "$(json_eval 'd["agreements"]')" = "['BT-2018', 'BT-2022']" ] || fail "meeting agreements"

# One decision: 6 collectives and 9 individuals, placeholders labelled as such;
# the decision has no number, as the article gives none.
ok award list --agreement BT-2018 --format json
[ "$(json_eval 'len({a["decision_id"] for a in d}), sum(a["kind"] == "collective" for a in d), sum(a["kind"] == "individual" for a in d)')" = "(1, 6, 9)" ] || fail "awards"
[ "$(json_eval '{(a["decision"], a["decision_date"], a["issuer"]) for a in d}')" = "{(None, '2022-12-01', 'UBND tỉnh Bến Tre')}" ] ||
  fail "award decision"
[ "$(json_eval 'all("chưa nêu" in a["recipient"] for a in d)')" = True ] || fail "placeholders not labelled"

# Running it again on the same database is refused (codes and names are taken), not duplicated.
env -i PATH=/usr/bin:/bin HOME="$TMP" PHOIHOP_DB="$DB" XDG_CONFIG_HOME="$TMP/config" \
  sh "$SOURCE_DIR/examples/bentre.sh" "$PHOIHOP" >/dev/null 2>&1 && fail "a second run succeeded"
ok agreement list --format json
[ "$(json_eval 'len(d)')" = 2 ] || fail "second run duplicated agreements"

finish
