#!/usr/bin/env bash
# Colour and layout of table output: statuses in colour, overdue in red,
# tables fitted to the width by display columns; none of it when piped,
# with --color never or with NO_COLOR.
source "$(dirname "$0")/lib.bash"

load_bentre
ok task update 1 --date 2026-01-10 --progress 40 --status in_progress
ok task done 2 --date 2026-02-01
ok task edit 3 --due 2026-06-30 # overdue on 2026-11-26
ok task add "Hủy bỏ" --agreement BT-2022 --due 2026-01-01
cancelled=$(out)
ok task update "$cancelled" --status cancelled
title3="Giám sát, bảo đảm thực hiện chế độ, chính sách liên quan đến thanh niên và công tác thanh niên"

# Checks every line of the last stdout, escapes removed: valid UTF-8 and at
# most $1 display columns (wide = 2, combining = 0; 0: any); no combining mark cut
# from its letter (each follows a letter, never a space or the ellipsis).
fits() {
  python3 - "$TMP/stdout" "$1" <<'PY' || fail "output does not fit in $1 columns"
import re, sys, unicodedata
text = open(sys.argv[1], "rb").read().decode("utf-8")  # strict: a cut byte fails
limit = int(sys.argv[2])
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
ok = True
for line in text.splitlines():
    plain = re.sub(r"\x1b\[[0-9;]*m", "", line)
    if limit and width(plain) > limit:
        print("too wide (%d): %s" % (width(plain), plain)); ok = False
    for i, c in enumerate(plain):
        if unicodedata.combining(c) and (i == 0 or not plain[i - 1].isalpha()):
            print("combining mark cut off: %r" % plain); ok = False
sys.exit(0 if ok else 1)
PY
}
esc=$'\x1b'

# Short columns whole: ids, dates, statuses, numbers and every heading.
whole() {
  local plain
  plain=$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/stdout")
  for word in "ID  AGREEMENT  CODE  TITLE" "DUE" "STATUS" "PROGRESS" 2026-06-30 in_progress cancelled "40%"; do
    grep -aqF -- "$word" <<<"$plain" || fail "'$word' cut at $1 columns"
  done
  # The free-text columns absorb the shortfall: cut, but not below their heading.
  grep -aqF "…" <<<"$plain" || fail "no free text cut at $1 columns"
  grep -aE "^3 " <<<"$plain" | grep -aqE "  Giám [^…]*…  " || fail "title of task 3 not cut (to 6 at least) at $1"
}
# --color always with COLUMNS=80: escapes; the titles and leads cut, the rest whole; it fits.
EXTRA_ENV="COLUMNS=80" ok --color always task list
out_has "${esc}[1mID"
out_has "${esc}[33min_"
out_has "${esc}[32mdone${esc}[0m"
out_has "${esc}[31m" # task 3 is overdue
out_has "${esc}[2m"  # the cancelled one
fits 80
whole 80
# The overdue row's status is red, the others' are not.
grep "^3 " "$TMP/stdout" | grep -qF "${esc}[31m" || fail "overdue task 3 not red"
grep "^4 " "$TMP/stdout" | grep -qF "${esc}[31m" && fail "task 4 (not overdue) red"
# Narrower than the short columns need: the line overflows, nothing short is cut.
for width in 60 40; do
  EXTRA_ENV="COLUMNS=$width" ok --color always task list
  fits 0
  whole "$width"
done
# A wider terminal cuts nothing.
EXTRA_ENV="COLUMNS=200" ok --color always task list
fits 200
out_has "$title3"
# show wraps long values under themselves instead of cutting them.
EXTRA_ENV="COLUMNS=40" ok --color always task show 3
fits 40
[ "$(sed 's/\x1b\[[0-9;]*m//g' "$TMP/stdout" | grep -c '^ \{8,\}[^ ]')" -ge 2 ] || fail "title not wrapped"
out_has "${esc}[31mplanned"
tr -d '\n' <"$TMP/stdout" | sed 's/  */ /g' | grep -qF "$(echo "$title3" | sed 's/  */ /g')" ||
  fail "the wrapped title lost words"
# Agreements: in force green, superseded dim.
EXTRA_ENV="COLUMNS=60" ok --color always agreement list
out_has "in_force"
out_has "2022-2026"
out_has "${esc}[32min_force"
out_has "${esc}[2msuperseded"
fits 60

# Wide characters and combining sequences are never cut in half.
ok org add "Q̣uận Q̣ Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣Q̣"
ok org add "東京都庁東京都庁東京都庁東京都庁東京都庁"
for width in 33 34 35 36 50 51 52 53; do # names cut, between whole clusters
  EXTRA_ENV="COLUMNS=$width" ok --color always org list
  fits 0
  out_has "Q̣uận"
  out_has "東京"
  out_has "ID  NAME"
done
EXTRA_ENV="COLUMNS=120" ok --color always org list
fits 120

# Piped (auto), --color never, NO_COLOR: no escapes, nothing cut.
for args in "task list" "--color never task list" "--color auto task list"; do
  # shellcheck disable=SC2086
  EXTRA_ENV="COLUMNS=40" ok $args
  grep -q "$esc" "$TMP/stdout" && fail "escapes in: $args"
  out_has "$title3"
done
EXTRA_ENV="COLUMNS=40 NO_COLOR=1" ok task list
grep -q "$esc" "$TMP/stdout" && fail "escapes with NO_COLOR"
out_has "$title3"
# NO_COLOR empty counts as unset; the flag beats NO_COLOR; so does the config file.
EXTRA_ENV="NO_COLOR= " ok --color always task list
out_has "${esc}[1m"
EXTRA_ENV="NO_COLOR=1" ok --color always task list
out_has "${esc}[1m"
mkdir -p "$TMP/config/phoihop"
printf '[output]\ncolor = "always"\n' >"$TMP/config/phoihop/config.toml"
EXTRA_ENV="NO_COLOR=1" ok task list
out_has "${esc}[1m"
rm "$TMP/config/phoihop/config.toml"
# Colour without a width (no terminal, no COLUMNS): nothing is cut.
ok --color always task list
out_has "$title3"
# CSV and JSON never carry colour.
ok --color always task list --format csv
grep -q "$esc" "$TMP/stdout" && fail "escapes in CSV"

# A real terminal (script(1) gives a pty): its own width, whatever COLUMNS says.
if command -v script >/dev/null; then
  env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 TERM=xterm COLUMNS=200 \
    PHOIHOP_DB="$DB" PHOIHOP_TODAY=2026-11-26 XDG_CONFIG_HOME="$TMP/config" \
    script -qec "stty cols 50; '$PHOIHOP' task list" /dev/null | tr -d '\r' >"$TMP/stdout"
  out_has "${esc}[33min_"
  fits 0
  whole 50
  env -i PATH=/usr/bin:/bin HOME="$TMP/home" LANG=C.UTF-8 TERM=dumb PHOIHOP_DB="$DB" \
    XDG_CONFIG_HOME="$TMP/config" script -qec "stty cols 50; '$PHOIHOP' task list" /dev/null |
    tr -d '\r' >"$TMP/stdout"
  grep -q "$esc" "$TMP/stdout" && fail "colour with TERM=dumb"
  out_has "$title3"

  # report summary on a terminal: each task's progress and the average
  # progress as bars of block characters, ten columns wide by display width;
  # piped, written with --output or recorded, the text's own bytes.
  ok report summary --period 2026 --agreement BT-2022
  cp "$TMP/stdout" "$TMP/piped.md"
  grep -q "▓" "$TMP/piped.md" || fail "the piped summary lost its text bars"
  grep -q "█" "$TMP/piped.md" && fail "terminal bars in piped output"
  ok --color always report summary --period 2026 --agreement BT-2022
  cmp -s "$TMP/stdout" "$TMP/piped.md" || fail "--color always on a pipe changed the summary"
  on_terminal() { # ARGS…: phoihop at an 80-column terminal
    env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 TERM=xterm \
      PHOIHOP_DB="$DB" PHOIHOP_TODAY=2026-11-26 XDG_CONFIG_HOME="$TMP/config" \
      script -qec "stty cols 80; $(printf "'%s' " "$PHOIHOP" "$@")" /dev/null | tr -d '\r' >"$TMP/stdout"
  }
  on_terminal report summary --period 2026 --agreement BT-2022
  python3 - "$TMP/stdout" "$TMP/piped.md" <<'PY' || fail "terminal bars"
import re, sys, unicodedata
term = open(sys.argv[1], encoding="utf-8").read()
piped = open(sys.argv[2], encoding="utf-8").read()
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bars = re.findall(r"([█▏▎▍▌▋▊▉░]+) (\d+(?:\.\d)?)%", term)
assert bars, term
for bar, pct in bars:
    assert width(bar) == 10, (bar, width(bar))
    full = bar.count("█")
    assert full == int(float(pct) * 10 // 100), (bar, pct)
# 40 %: four full blocks; the task done: ten.
assert "████░░░░░░ 40%" in term, term
assert "██████████ 100%" in term, term
# The average progress has its bar too.
avg = [l for l in term.splitlines() if l.startswith("| Average progress |")]
assert avg and re.search(r"\| [█▏▎▍▌▋▊▉░]{1,10} \d+\.\d%", avg[0]), avg
# Nothing else differs: the same text with the text bars.
plain = re.sub(r"[█▏▎▍▌▋▊▉░]+ (\d+(?:\.\d)?%)", r"BAR \1", term)
text = re.sub(r"[▓░]{10} (\d+%)", r"BAR \1", piped)
assert plain.replace("BAR ", "") == text.replace("BAR ", ""), "the terminal's summary differs beyond its bars"
PY
  for piped_only in "--format csv" "--format json" "--output $TMP/out.md" "--color never"; do
    # shellcheck disable=SC2086 # the option and its value
    on_terminal report summary --period 2026 --agreement BT-2022 $piped_only
    grep -q "█" "$TMP/stdout" && fail "terminal bars with $piped_only"
  done
  cmp -s "$TMP/out.md" "$TMP/piped.md" || fail "--output on a terminal is not the piped summary"
fi

finish
