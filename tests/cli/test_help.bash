#!/usr/bin/env bash
# Help that teaches: the overview of `phoihop` alone, every verb's examples
# (each one run on the Bến Tre database), and the closest-match suggestions.
source "$(dirname "$0")/lib.bash"

# `phoihop` alone: the commands, one line each, on stdout, status 0.
ok
out_has "Commands:"
out_has "phoihop COMMAND --help"
[ -s "$TMP/stderr" ] && fail "the overview wrote to stderr"
[ "$(grep -c '' "$TMP/stdout")" -lt 30 ] || fail "the overview is not short"

# Walk the whole tree from the help texts: every leaf (a verb, or a command
# without verbs) must end its --help with examples.
subcommands() { # the names a help text lists under Subcommands:
  sed -n '/^Subcommands:/,/^$/p' "$TMP/stdout" | awk 'NR > 1 && /^  [a-z]/ {print $1}'
}
ok --help
leaves=()
for command in $(subcommands); do
  # Every command is in the overview too.
  run_phoihop
  out_has "  $command "
  ok "$command" --help
  verbs=$(subcommands)
  if [ -z "$verbs" ]; then
    leaves+=("$command")
  fi
  for verb in $verbs; do
    leaves+=("$command $verb")
  done
done
[ "${#leaves[@]}" -ge 50 ] || fail "only ${#leaves[@]} verbs found"

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
for leaf in "${leaves[@]}"; do
  # shellcheck disable=SC2086 # the words of the path
  ok $leaf --help
  sed -n '/^Examples:$/,$p' "$TMP/stdout" | sed '1d' | grep -v '^  #' | sed 's/^  //' >"$TMP/examples"
  if [ ! -s "$TMP/examples" ]; then
    fail "'phoihop $leaf --help' has no examples"
    continue
  fi
  grep -q "phoihop $leaf" "$TMP/examples" || fail "no example of '$leaf' runs '$leaf'"
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

# Other usage errors stay one line and say where the usage is.
fails 2 task add
err_lines 1
err_has "(see 'phoihop task add --help')"
fails 2 task
err_lines 1
err_has "'task' needs a verb"

finish
