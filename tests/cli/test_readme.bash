#!/usr/bin/env bash
# The README's usage block runs as written, in a fresh home, against the real binary.
source "$(dirname "$0")/lib.bash"

mkdir -p "$TMP/bin" "$TMP/home"
ln -s "$PHOIHOP" "$TMP/bin/phoihop"
awk '/^## Using it/ {on = 1} on && /^```sh$/ {code = 1; next} code && /^```$/ {exit} code {print}' \
  "$SOURCE_DIR/README.md" >"$TMP/usage.sh"
[ -s "$TMP/usage.sh" ] || fail "no usage block found in README.md"
env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh PHOIHOP_TODAY=2026-11-26 \
  XDG_CONFIG_HOME="$TMP/home/.config" bash -eu "$TMP/usage.sh" >"$TMP/stdout" 2>"$TMP/stderr" \
  || fail "README usage block failed"
grep -q "BT-2022" "$TMP/stdout" || fail "README usage printed no agreements"
[ -s "$TMP/a.csv" ] || fail "README's CSV export is missing"

grep -q "Tuyên truyền giáo dục thế hệ trẻ" "$TMP/home/records/phoihop.db" || fail "README tasks not stored"
finish
