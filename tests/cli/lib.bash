# Shared helpers for the end-to-end suites: each suite runs the real binary
# in a fresh temporary directory with a cleared environment.
#   ok ARGS…          run phoihop, expect exit 0
#   fails N ARGS…     run phoihop, expect exit N, one error line, empty stdout
#   out_is TEXT / out_has TEXT / err_has TEXT   check the last run's output
set -u

PHOIHOP=${PHOIHOP:?set PHOIHOP to the binary under test}
SOURCE_DIR=${SOURCE_DIR:?set SOURCE_DIR to the source tree}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
DB="$TMP/phoihop.db"
failures=0
suite=$(basename "$0" .bash)

# The user's environment must not leak in: no config, no database, a fixed zone.
run_phoihop() {
  env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 \
    XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="$DB" \
    PHOIHOP_TODAY=2026-11-26 ${EXTRA_ENV:-} "$PHOIHOP" "$@" >"$TMP/stdout" 2>"$TMP/stderr"
  rc=$?
}

# Loads the Bến Tre example (examples/bentre.sh) into $DB, in the same cleared environment.
load_bentre() {
  env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 \
    XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="$DB" \
    PHOIHOP_TODAY=2026-11-26 sh "$SOURCE_DIR/examples/bentre.sh" "$PHOIHOP" >/dev/null 2>&1 ||
    fail "examples/bentre.sh failed"
}

# Whether this run may create users and act as them (root, useradd, setpriv).
can_switch_users() { [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && command -v useradd >/dev/null; }

fail() {
  echo "FAIL [$suite] $*" >&2
  echo "  stdout: $(head -c 600 "$TMP/stdout")" >&2
  echo "  stderr: $(head -c 600 "$TMP/stderr")" >&2
  failures=$((failures + 1))
}

ok() {
  run_phoihop "$@"
  [ "$rc" -eq 0 ] || fail "expected success (got $rc): phoihop $*"
}

fails() {
  local want=$1
  shift
  run_phoihop "$@"
  if [ "$rc" -ne "$want" ]; then
    fail "expected exit $want (got $rc): phoihop $*"
    return
  fi
  [ -s "$TMP/stdout" ] && fail "stdout not empty on error: phoihop $*"
  head -n 1 "$TMP/stderr" | grep -q '^phoihop: error: ' || fail "no 'phoihop: error:' line: phoihop $*"
}

out() { cat "$TMP/stdout"; }
# CSV lines end in CRLF (RFC 4180); comparisons of whole outputs ignore the CR.
out_is() { [ "$(tr -d '\r' <"$TMP/stdout")" = "$1" ] || fail "stdout is not '$1'"; }
out_has() { grep -qF -- "$1" "$TMP/stdout" || fail "stdout lacks '$1'"; }
out_lacks() { grep -qF -- "$1" "$TMP/stdout" && fail "stdout has '$1'"; return 0; }
err_has() { grep -qF -- "$1" "$TMP/stderr" || fail "stderr lacks '$1'"; }
err_lines() { [ "$(grep -c '' "$TMP/stderr")" -eq "$1" ] || fail "stderr has not $1 line(s)"; }

# A fingerprint of the database files, to prove a refused command changed nothing.
db_sum() { cat "$DB" "$DB-wal" 2>/dev/null | sha256sum; }
unchanged_by() {
  local want=$1
  shift
  local before
  before=$(db_sum)
  fails "$want" "$@"
  [ "$before" = "$(db_sum)" ] || fail "database changed by: phoihop $*"
}

# Python's standard csv and json modules read our output as any consumer would.
csv_field() { # ROW COLUMN: one cell of the last stdout, parsed as CSV
  python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))); print(r[int(sys.argv[2])][sys.argv[3]])' \
    "$TMP/stdout" "$1" "$2"
}
json_eval() { # EXPR over `d`, the parsed last stdout
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$TMP/stdout" "$1"
}

finish() {
  if [ "$failures" -ne 0 ]; then
    echo "$suite: $failures failure(s)" >&2
    exit 1
  fi
  echo "$suite: ok"
}
