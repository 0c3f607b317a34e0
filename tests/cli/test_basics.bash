#!/usr/bin/env bash
# Global options, configuration, the error model and the database file's life.
source "$(dirname "$0")/lib.bash"

# Version, help and usage errors.
ok --version
out_has "0.1.0"
ok --help
out_has "agreement"
out_has "--today"
ok agreement add --help
out_has "--party"
ok
out_has "Commands:"
fails 2 agrement list
err_has "agrement"
err_has "did you mean 'agreement'?"
fails 2 agreement
err_has "'agreement' needs a verb"
fails 2 agreement add "X" --party A --party B --period 2018-2022 --bogus
fails 2 --format yaml org list
err_has "'yaml'"

# Reads on a missing database: exit 5 with a hint, and no file appears.
fails 5 org list
err_has "does not exist"
err_has "phoihop db init"
[ -e "$DB" ] && fail "a read created the database"
[ -e "$TMP/data" ] && fail "a read created the data directory"

# db init creates, db info describes, both idempotent.
ok db init
out_is "$DB"
ok db init
ok db info --format json
[ "$(json_eval 'd["schema_version"]')" = "$(json_eval 'd["latest_schema_version"]')" ] || fail "schema not latest"
[ "$(json_eval 'd["journal_mode"]')" = wal ] || fail "not WAL"
[ "$(sqlite3 "$DB" 'PRAGMA foreign_keys; PRAGMA application_id')" = "$(printf '0\n1346916176')" ] || fail "application_id"

# Global options before or after the subcommand; --db beats $PHOIHOP_DB.
ok --db "$TMP/other.db" db init
out_is "$TMP/other.db"
ok org list --db "$TMP/other.db" --format csv
out_is "id,uid,name,short_name,kind,parent_id,parent,valid_from,valid_to,aliases,successors,note"
[ "$(head -c 2 <(tail -c 2 "$TMP/stdout") | od -An -c | tr -d ' ')" = '\r\n' ] || fail "CSV line does not end in CRLF"
ok org list -q --format=json
out_is "[]"

# The default location follows XDG when nothing else names a database.
EXTRA_ENV="PHOIHOP_DB=" ok db init
out_is "$TMP/data/phoihop/phoihop.db"

# Config file: database.path relative to the file, unknown keys and bad values name file:line.
mkdir -p "$TMP/config/phoihop"
printf '[database]\npath = "cfg.db"\n[output]\nformat = "csv"\n' >"$TMP/config/phoihop/config.toml"
EXTRA_ENV="PHOIHOP_DB=" ok db init
out_is "$TMP/config/phoihop/cfg.db"
ok org list # output.format from the config
out_has "id,uid,name"
ok org list --format tsv # the flag wins
out_has "id	uid	name"
printf '[database]\npath = "x.db"\n\n[report]\nlanguage = "vi"\n' >"$TMP/config/phoihop/config.toml"
fails 2 org list
err_has "config.toml:5"
err_has "unknown key 'report.language'"
printf '[output]\ncolor = "sometimes"\n' >"$TMP/config/phoihop/config.toml"
fails 2 org list
err_has "config.toml:2"
err_has "'sometimes'"
printf '[database\n' >"$TMP/config/phoihop/config.toml"
fails 2 org list
err_has "config.toml:1"
fails 2 --config "$TMP/nope.toml" org list
err_has "nope.toml"
rm -f "$TMP/config/phoihop/config.toml"
printf '[database]\nbusy_timeout = 250\n' >"$TMP/explicit.toml"
EXTRA_ENV="PHOIHOP_CONFIG=$TMP/explicit.toml" ok org list

# --today and PHOIHOP_TODAY are validated, naming the value.
fails 2 --today 31/04/2022 agreement list --active-on today
err_has "31/04/2022"
EXTRA_ENV="PHOIHOP_TODAY=2022-13-01" fails 2 agreement list --active-on today
err_has "2022-13-01"
fails 2 --lang fr agreement list
err_has "'fr'"
fails 2 --color sometimes org list
err_has "'sometimes'"

# No colour when piped, even with --color auto; --color always forces it.
ok agreement add "A" --party X --party Y --period 2020-2021
ok --color always agreement list
grep -q $'\x1b\[1m' "$TMP/stdout" || fail "--color always has no escape"
ok agreement list
grep -q $'\x1b' "$TMP/stdout" && fail "colour on a pipe"
EXTRA_ENV="NO_COLOR=1" ok --color always agreement list
grep -q $'\x1b\[1m' "$TMP/stdout" || fail "--color always should beat NO_COLOR"

# stdout is data: an add prints the id alone; talk goes to stderr; -q silences it.
ok agreement add "B" --party "New body" --party X --period 2021
out_is "2"
err_has "created organisation"
ok -q agreement add "C" --party "Another body" --party X --period 2021
out_is "3"
[ -s "$TMP/stderr" ] && fail "-q still talked"

# A database from a newer phoihop is refused, for reads and writes, untouched.
cp "$DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 99"
before=$(sha256sum <"$TMP/newer.db")
fails 5 --db "$TMP/newer.db" org list
err_has "newer"
fails 5 --db "$TMP/newer.db" org add "Z"
err_has "schema version 99"
fails 5 --db "$TMP/newer.db" db migrate
[ "$before" = "$(sha256sum <"$TMP/newer.db")" ] || fail "newer database was modified"
[ -e "$TMP/newer.db-wal" ] && [ -s "$TMP/newer.db-wal" ] && fail "newer database got a WAL"

# Foreign, empty, corrupt and non-database files: exit 5, untouched.
sqlite3 "$TMP/foreign.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1)"
before=$(sha256sum <"$TMP/foreign.db")
fails 5 --db "$TMP/foreign.db" org add "Z"
err_has "not a phoihop database"
fails 5 --db "$TMP/foreign.db" org list
[ "$before" = "$(sha256sum <"$TMP/foreign.db")" ] || fail "foreign database was modified"
printf 'hello, this is not sqlite at all, just text in a file that is long enough.....' >"$TMP/text.db"
before=$(sha256sum <"$TMP/text.db")
fails 5 --db "$TMP/text.db" org add "Z"
fails 5 --db "$TMP/text.db" org list
[ "$before" = "$(sha256sum <"$TMP/text.db")" ] || fail "text file was modified"
: >"$TMP/empty.db"
fails 5 --db "$TMP/empty.db" org list
err_has "empty"
head -c 8192 "$DB" >"$TMP/truncated.db"
fails 5 --db "$TMP/truncated.db" agreement list
fails 5 --db "$TMP/missing-dir/x.db" db init
err_has "does not exist"
[ -e "$TMP/missing-dir" ] && fail "created a directory the user named"

# A lock held past the busy timeout: exit 5 "busy"; reads still work (WAL).
printf '[database]\nbusy_timeout = 300\n' >"$TMP/busy.toml"
sqlite3 "$DB" "BEGIN IMMEDIATE" "DELETE FROM org WHERE 0" ".shell touch $TMP/locked" ".shell sleep 3" "COMMIT" &
locker=$!
for _ in $(seq 100); do [ -e "$TMP/locked" ] && break; sleep 0.05; done
unchanged_by 5 --config "$TMP/busy.toml" org add "Waiting body"
err_has "busy"
EXTRA_ENV="PHOIHOP_CONFIG=$TMP/busy.toml" ok org list
wait "$locker"
ok --config "$TMP/busy.toml" org add "Waiting body"

# Paths that cannot be databases.
fails 5 --db "$TMP" org list
err_has "is a directory"
fails 5 --db "$TMP" org add X
fails 2 --db "" org list
err_has "empty"

# db migrate needs an existing file.
fails 5 --db "$TMP/nothing.db" db migrate
ok db migrate

finish
