#!/usr/bin/env bash
# Help that teaches: the overview of `phoihop` alone, every verb's examples
# (each one run on the Bến Tre database), and the closest-match suggestions.
source "$(dirname "$0")/lib.bash"

# `phoihop` alone: the commands, one line each, on stdout, status 0.
ok
out_has "Commands:"
out_has "phoihop COMMAND --help"
[ -s "$TMP/stderr" ] && fail "the overview wrote to stderr"
[ "$(grep -c '' "$TMP/stdout")" -le 32 ] || fail "the overview is not short"
out_has "Examples:"
out_has "'man phoihop' for the manual"
tail -n 9 "$TMP/stdout" >"$TMP/closing"
# `phoihop --help` ends the same way.
ok --help
[ "$(tail -n 9 "$TMP/stdout")" = "$(cat "$TMP/closing")" ] || fail "--help does not end as the overview does"

# Walk the whole tree from the help texts: every leaf (a verb, or a command
# without verbs) must end its --help with examples.
subcommands() { # the names a help text lists under Subcommands:
  sed -n '/^Subcommands:/,/^$/p' "$TMP/stdout" | awk 'NR > 1 && /^  [a-z]/ {print $1}'
}
ok --help
leaves=()
nouns=()
for command in $(subcommands); do
  # Every command is in the overview too.
  run_phoihop
  out_has "  $command "
  ok "$command" --help
  verbs=$(subcommands)
  if [ -z "$verbs" ]; then
    leaves+=("$command")
  else
    nouns+=("$command")
    # phoihop(1) lists the same verbs for the noun, in some order.
    listed=$(awk -v noun="$command" '$0 == ".B " noun { f = 1; next } /^\.TP/ { f = 0 }
      f && /^Verbs?: / { sub(/^Verbs?: /, ""); gsub(/[.,]/, ""); print }' "$SOURCE_DIR/man/phoihop.1" |
      tr ' ' '\n' | sort | tr '\n' ' ')
    [ "$listed" = "$(echo "$verbs" | sort | tr '\n' ' ')" ] ||
      fail "phoihop(1) lists verbs '$listed' for $command, the tree has '$(echo $verbs)'"
  fi
  for verb in $verbs; do
    leaves+=("$command $verb")
  done
done
[ "${#leaves[@]}" -ge 50 ] || fail "only ${#leaves[@]} verbs found"
[ "${#nouns[@]}" -ge 8 ] || fail "only ${#nouns[@]} nouns with verbs found"

load_bentre
cp "$DB" "$TMP/bentre.db"
# Examples are typed as `phoihop …`: run them with the binary under test, in
# the cleared environment, on a fresh copy of the example database.
phoihop() {
  env -i PATH=/usr/bin:/bin HOME="$TMP/home" TZ=Asia/Ho_Chi_Minh LANG=C.UTF-8 \
    XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="$DB" \
    PHOIHOP_TODAY=2026-11-26 "$PHOIHOP" "$@"
}
examples=0
# Every verb, every noun (two or three of its verbs' examples) and phoihop itself ("").
for leaf in "${leaves[@]}" "${nouns[@]}" ""; do
  # shellcheck disable=SC2086 # the words of the path
  ok $leaf --help
  # The global options, accepted after any command, are listed by each one's --help.
  if [ -n "$leaf" ]; then
    sed -n '/^Global options:$/,/^$/p' "$TMP/stdout" >"$TMP/globals"
    for option in --db --config --format --lang --color --today -q,--quiet; do
      grep -q "^  $option " "$TMP/globals" || fail "'phoihop $leaf --help' lacks the global option $option"
    done
    grep -q -- "--version\|--help" "$TMP/globals" && fail "'phoihop $leaf --help' lists --help or --version as global"
  fi
  sed -n '/^Examples:$/,/^$/p' "$TMP/stdout" | sed '1d' | grep -v '^  #' | grep -v '^$' |
    sed 's/^  //' >"$TMP/examples"
  if [ ! -s "$TMP/examples" ]; then
    fail "'phoihop $leaf --help' has no examples"
    continue
  fi
  grep -q "phoihop $leaf" "$TMP/examples" || fail "no example of '$leaf' runs '$leaf'"
  if [[ " ${nouns[*]} " == *" $leaf "* ]] && [ "$(grep -c '' "$TMP/examples")" -lt 2 ]; then
    fail "'phoihop $leaf --help' has fewer than two examples"
  fi
  rm -rf "$TMP/run" && mkdir -p "$TMP/run" "$TMP/home"
  cp "$TMP/bentre.db" "$TMP/run/bentre.db"
  while IFS= read -r line; do
    examples=$((examples + 1))
    if ! (cd "$TMP/run" && DB="$TMP/run/bentre.db" && eval "$line") >"$TMP/stdout" 2>"$TMP/stderr" </dev/null; then
      fail "example of '$leaf' failed: $line"
    fi
  done <"$TMP/examples"
done
[ "$examples" -ge "${#leaves[@]}" ] || fail "fewer examples ($examples) than verbs"

# A mistyped noun, verb, option or value: one line naming it and the closest word.
fails 2 tsak list
err_lines 1
err_has "unknown command 'tsak'; did you mean 'task'?"
fails 2 task lsit
err_lines 1
err_has "unknown verb 'lsit' for 'task'; did you mean 'list'?"
fails 2 task list --agrement BT-2022
err_lines 1
err_has "unknown option '--agrement'; did you mean '--agreement'?"
fails 2 org list --serch=x
err_has "did you mean '--search'?"
fails 2 --colr never org list
err_has "did you mean '--color'?"
fails 2 task list --status don
err_lines 1
err_has "did you mean 'done'?"
fails 2 agreement list --status In-Force
err_has "did you mean 'in_force'?"
fails 2 --format jsn org list
err_has "did you mean 'json'?"
fails 2 AGREMENT list
err_has "did you mean 'agreement'?"
# Nothing close: no guess, and where the usage is.
fails 2 xyzzy list
err_lines 1
err_has "unknown command 'xyzzy'"
grep -q "did you mean" "$TMP/stderr" && fail "suggested something for xyzzy"
fails 2 task list --zzzzzz
grep -q "did you mean" "$TMP/stderr" && fail "suggested something for --zzzzzz"
fails 2 task list --status x
grep -q "did you mean" "$TMP/stderr" && fail "suggested something for status 'x'"
# Batch lines get the same suggestions, with where the line is.
printf 'task lsit\n' >"$TMP/typo.batch"
fails 2 batch "$TMP/typo.batch"
err_lines 1
err_has "line 1: unknown verb 'lsit' for 'task'; did you mean 'list'?"

# Every closed set suggests, whichever code checks it.
suggests() { # EXPECTED ARGS...: fails with status 2, one line, suggesting EXPECTED
  local expected=$1
  shift
  fails 2 "$@"
  err_lines 1
  err_has "did you mean '$expected'"
}
suggests quarter report summary --period 2022 --each quater
suggests columns report summary --period 2022 --layout colums
suggests quarter report summary --period 2022 --each=quater
suggests last-month report summary --period lastmonth
suggests last-month report summary --period last_month
suggests this-month report summary --period thismonth
suggests bash completion bsh
suggests task import x.csv --kind tsk
suggests toml export --format tml
suggests ours merge x.db --prefer our
suggests task log --entity tsk
suggests vi --lang vn task list
suggests ended_early agreement end BT-2022 --date 2025-06-30 --status ended_erly
# A date-like period is never "corrected" to a keyword.
fails 2 report summary --period 2022-13
grep -q "did you mean" "$TMP/stderr" && fail "suggested a keyword for a date"
fails 2 report summary --period 2o22
grep -q "did you mean" "$TMP/stderr" && fail "suggested a keyword for 2o22"
# An option before the verb: the verbs that have the one meant.
fails 2 task --stauts
err_lines 1
err_has "unknown option '--stauts' for 'task'; did you mean '--status' (an option of "
err_has "'task list'"
fails 2 task --zzzzzz
err_has "options go after a verb"

# An unexpected argument: the project's words, one line, where the usage is.
fails 2 task list -x
err_lines 1
err_has "phoihop: error: unexpected argument '-x' (see 'phoihop task list --help')"
fails 2 task list -stauts
err_has "did you mean '--status'?"
fails 2 task show 1 2
err_lines 1
err_has "unexpected argument '2'"
grep -q "was not expected" "$TMP/stderr" && fail "CLI11's own words"

# Other usage errors stay one line and say where the usage is.
fails 2 task add
err_lines 1
err_has "(see 'phoihop task add --help')"
fails 2 task
err_lines 1
err_has "'task' needs a verb"

finish
