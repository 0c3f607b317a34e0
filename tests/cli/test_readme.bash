#!/usr/bin/env bash
# The README's usage block runs as written, in a fresh home, against the real binary.
source "$(dirname "$0")/lib.bash"

mkdir -p "$TMP/bin" "$TMP/home"
cp -r "$SOURCE_DIR/examples" "$TMP/examples" # the README runs from the source tree
ln -s "$PHOIHOP" "$TMP/bin/phoihop"
# Every sh block after the set-up commands, in order; pandoc is optional (not a test dependency).
awk '/^## Using it/ {on = 1} on && /^```sh$/ {code = 1; next} code && /^```$/ {code = 0; next} code {print}' \
  "$SOURCE_DIR/README.md" | grep -v '^pandoc ' >"$TMP/usage.sh"
[ -s "$TMP/usage.sh" ] || fail "no usage block found in README.md"
env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh PHOIHOP_TODAY=2026-11-26 \
  XDG_CONFIG_HOME="$TMP/home/.config" bash -eu "$TMP/usage.sh" >"$TMP/stdout" 2>"$TMP/stderr" \
  || fail "README usage block failed"
grep -q "BT-2022" "$TMP/stdout" || fail "README usage printed no agreements"
[ -s "$TMP/a.csv" ] || fail "README's CSV export is missing"

[ -s "$TMP/baocao.md" ] && grep -q "Báo cáo" "$TMP/baocao.md" || fail "README's report was not written"
[ "$(head -c 3 "$TMP/2024.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "README's Excel CSV has no BOM"
grep -q "Tuyên truyền giáo dục thế hệ trẻ" "$TMP/home/records/phoihop.db" || fail "README tasks not stored"
finish
