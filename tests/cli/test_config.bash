#!/usr/bin/env bash
# config show: every setting with its value and where it came from.
source "$(dirname "$0")/lib.bash"

setting() { # KEY: "value|origin" of the last `config show --format csv`
  # An origin that is a flag (--format) starts with the apostrophe of the
  # formula guard (phoihop(1), CSV AND SPREADSHEETS), which a reader drops.
  python3 -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    if r["key"] == sys.argv[2]: print(r["value"] + "|" + r["origin"].removeprefix("\x27"))' "$TMP/stdout" "$1"
}
is() { [ "$(setting "$1")" = "$2" ] || fail "$1 is '$(setting "$1")', not '$2'"; }
# KEY VALUE|ORIGIN in the table of `config show` without --format (which
# would be the format setting in effect).
in_table() {
  ok --color never config show
  local row
  row=$(awk -v k="$1" '$1 == k { print $2 "|" $3 }' "$TMP/stdout")
  [ "$row" = "$2" ] || fail "$1 is '$row' in the table, not '$2'"
}

# Defaults, and the environment lib.bash sets ($PHOIHOP_DB, $LANG=C.UTF-8).
ok config show --format csv
out_has "key,value,origin"
is database.path "$DB|\$PHOIHOP_DB"
is database.busy_timeout "5000|default"
is report.lang "en|\$LANG"
is report.format "csv|--format"
is output.format "csv|--format"
is output.color "auto|default"
in_table report.format "md|default"
in_table output.format "table|default"
ok config show --format csv
# One row per key of the config file, in its order.
[ "$(tail -n +2 "$TMP/stdout" | cut -d, -f1 | tr -d '\r' | tr '\n' ' ')" = \
  "database.path database.busy_timeout report.lang report.format report.stale_months report.due_soon_days output.format output.color output.csv_dialect import.max_size import.max_depth merge.time_limit merge.memory_limit office.body office.parent office.place office.symbol office.signer office.position office.capacity office.recipients narrative.assessment narrative.shortcomings narrative.direction narrative.recommendations today time_zone " ] ||
  fail "not one row per key"
# today: the date in effect and where it came from (lib.bash pins $PHOIHOP_TODAY).
is today "2026-11-26|\$PHOIHOP_TODAY"
ok --today 01/06/2027 config show --format csv
is today "2027-06-01|--today"
before=$(TZ=Pacific/Kiritimati date +%F)
EXTRA_ENV="PHOIHOP_TODAY= TZ=Pacific/Kiritimati" ok config show --format csv
after=$(TZ=Pacific/Kiritimati date +%F)
case "$(setting today)" in
  "$before|default" | "$after|default") ;;
  *) fail "today without a pin is '$(setting today)', not the local date in \$TZ ($before)" ;;
esac
# It never touches the database.
[ -e "$DB" ] && fail "config show created the database"

# No environment: the XDG default and English.
EXTRA_ENV="PHOIHOP_DB= LANG=" ok config show --format csv
is database.path "$TMP/data/phoihop/phoihop.db|default"
is report.lang "en|default"
EXTRA_ENV="LC_ALL=vi_VN.UTF-8" ok config show --format csv
is report.lang "vi|\$LC_ALL"
EXTRA_ENV="NO_COLOR=1" ok config show --format csv
is output.color "never|\$NO_COLOR"

# The config file: FILE:LINE, and a relative path made absolute.
cfg="$TMP/config/phoihop/config.toml"
mkdir -p "$TMP/config/phoihop"
printf '# settings\n[database]\npath = "bentre.db"\nbusy_timeout = 250\n\n[report]\nlang = "vi"\nformat = "csv"\n[output]\ncolor = "never"\n' >"$cfg"
EXTRA_ENV="PHOIHOP_DB=" ok config show --format csv
is database.path "$TMP/config/phoihop/bentre.db|$cfg:3"
is database.busy_timeout "250|$cfg:4"
is report.lang "vi|$cfg:7"
is report.format "csv|--format"
is output.color "never|$cfg:10"
EXTRA_ENV="PHOIHOP_DB=" in_table report.format "csv|$cfg:8"
EXTRA_ENV="PHOIHOP_DB=" in_table output.format "table|default"
# The environment beats the file where phoihop.toml(5), PRECEDENCE, says so;
# flags beat everything.
ok config show --format csv
is database.path "$DB|\$PHOIHOP_DB"
ok --db "$TMP/x.db" --lang en --color always config show --format csv
is database.path "$TMP/x.db|--db"
is report.lang "en|--lang"
is output.color "always|--color"
# --format is this output's format and the setting in effect, for each
# setting it is a value of (csv is both a list and a report format).
is output.format "csv|--format"
is report.format "csv|--format"
ok --format tsv config show
grep -q "^output.format	tsv	'--format" "$TMP/stdout" || fail "tsv: output.format is not tsv from --format"
grep -q "^report.format	csv	$cfg:8" "$TMP/stdout" || fail "tsv is no report format: report.format keeps the file's"
# --config and $PHOIHOP_CONFIG name other files.
printf '[output]\nformat = "json"\n' >"$TMP/other.toml"
ok --config "$TMP/other.toml" config show
[ "$(json_eval '[r["origin"] for r in d if r["key"] == "output.format"][0]')" = "$TMP/other.toml:2" ] ||
  fail "origin of output.format from --config"
EXTRA_ENV="PHOIHOP_CONFIG=$TMP/other.toml" ok config show --format json
[ "$(json_eval 'len(d)')" = 27 ] || fail "JSON rows"
[ "$(json_eval 'sorted(d[0].keys())')" = "['key', 'origin', 'value']" ] || fail "JSON keys"
# The file says json, the command line table: a table, and the row says so.
EXTRA_ENV="PHOIHOP_CONFIG=$TMP/other.toml" ok --color never --format table config show
out_has "KEY"
grep -Eq "^output.format +table +--format *$" "$TMP/stdout" || fail "output.format row under --format table"

# Table by default; a bad file or flag is refused like everywhere else.
ok --color never config show
out_has "KEY"
out_has "ORIGIN"
out_has "$cfg:4"
printf '[output]\ncolour = "never"\n' >"$cfg"
fails 2 config show
err_has "config.toml:2"
err_has "unknown key 'output.colour'"
printf '[output]\nformat = "jsn"\n' >"$cfg"
fails 2 config show
err_lines 1
err_has "config.toml:2: bad value for output.format: 'jsn' is not one of table, csv, tsv, json, xlsx; did you mean 'json'?"
rm "$cfg"
fails 2 --color sometimes config show
err_has "'sometimes'"
fails 2 config show --format md
err_has "'md'"
fails 2 config shwo
err_has "did you mean 'show'?"

# The zone today is taken in: a zone the C library does not know would
# silently mean UTC, so it is shown as such and warned about wherever the
# date comes from the clock (not when --today or $PHOIHOP_TODAY pins it).
in_table time_zone "Asia/Ho_Chi_Minh|\$TZ"
EXTRA_ENV="TZ=Asia/Hanoi" ok config show --format csv
out_has "time_zone,Asia/Hanoi (unknown: UTC is used),\$TZ"
[ ! -s "$TMP/stderr" ] || fail "a pinned today warns about TZ"
EXTRA_ENV="TZ=Asia/Hanoi PHOIHOP_TODAY=" ok config show --format csv
err_has "warning: TZ='Asia/Hanoi' is not a time zone this system knows"
err_lines 1
# "today" pinned in words is the local date too, so the zone is used; a pinned date needs none.
EXTRA_ENV="TZ=Asia/Hanoi" ok --today today config show --format csv
err_has "warning: TZ='Asia/Hanoi' is not a time zone this system knows"
EXTRA_ENV="TZ=Asia/Hanoi PHOIHOP_TODAY=TODAY" ok config show
err_has "warning: TZ='Asia/Hanoi' is not a time zone this system knows"
EXTRA_ENV="TZ=Asia/Hanoi" ok --today 2026-11-26 config show
[ ! -s "$TMP/stderr" ] || fail "a pinned date warned about the zone"
for zone in UTC ICT-7 ":Asia/Saigon" "<+07>-7" "EST5EDT,M3.2.0,M11.1.0"; do
  EXTRA_ENV="TZ=$zone PHOIHOP_TODAY=" ok config show
  [ ! -s "$TMP/stderr" ] || fail "TZ=$zone is taken for unknown"
done
for zone in Foo "Asia/../../etc/passwd" Vietnam/Hanoi; do
  EXTRA_ENV="TZ=$zone PHOIHOP_TODAY=" ok config show
  err_has "warning: TZ='$zone' is not a time zone"
done
EXTRA_ENV="TZ= PHOIHOP_TODAY=" ok config show --format csv
out_has "time_zone,system (/etc/localtime),default"


# The office profile: strings, a list as an array (or one string), each shown
# by config show with its line; narrative files relative to the config file.
cat >"$TMP/office.toml" <<'TOML'
[office]
body = "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"
parent = ""
place = "Trà Vinh"
symbol = "BC-UBND"
capacity = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"]
recipients = ["Bộ Nội vụ", "Lưu: VT"]
[narrative]
assessment = "texts/assessment.txt"
TOML
ok --config "$TMP/office.toml" config show --format json
[ "$(json_eval '[r["value"] for r in d if r["key"] == "office.recipients"][0]')" = "Bộ Nội vụ; Lưu: VT" ] ||
  fail "office.recipients not shown as its items"
[ "$(json_eval '[r["origin"] for r in d if r["key"] == "office.capacity"][0]')" = "$TMP/office.toml:6" ] ||
  fail "office.capacity's origin"
[ "$(json_eval '[r["value"] for r in d if r["key"] == "narrative.assessment"][0]')" = "$TMP/texts/assessment.txt" ] ||
  fail "narrative.assessment not taken from the config file's directory"
printf '[office]\nrecipients = ["a", 3]\n' >"$TMP/bad.toml"
fails 2 --config "$TMP/bad.toml" config show
grep -q "bad.toml:2: bad value for office.recipients: expected an array of strings, not one holding a integer" "$TMP/stderr" ||
  fail "a number among the recipients: $(cat "$TMP/stderr")"
printf '[office]\nsigner = 5\n' >"$TMP/bad.toml"
fails 2 --config "$TMP/bad.toml" config show
grep -q "bad value for office.signer: expected a string" "$TMP/stderr" || fail "a number as the signer"
printf '[office]\nrecipients = ["a", " "]\n' >"$TMP/bad.toml"
fails 2 --config "$TMP/bad.toml" config show
grep -q "office.recipients: an item is empty" "$TMP/stderr" || fail "an empty recipient: $(cat "$TMP/stderr")"
printf '[office]\nbody = "a\\u0007b"\n' >"$TMP/bad.toml"
fails 2 --config "$TMP/bad.toml" config show
grep -q "bad.toml:2: .*office.body" "$TMP/stderr" || fail "a control character in the body, without its line: $(cat "$TMP/stderr")"
finish
