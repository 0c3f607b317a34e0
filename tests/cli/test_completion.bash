#!/usr/bin/env bash
# completion: the bash script generated from the command registry, loaded in a
# real bash and asked what Tab offers; zsh and fish scripts checked by their shells.
source "$(dirname "$0")/lib.bash"

# The scripts call the program by the name typed on the line.
mkdir -p "$TMP/bin"
ln -s "$PHOIHOP" "$TMP/bin/phoihop"

ok completion bash
cp "$TMP/stdout" "$TMP/phoihop.bash"
grep -q '^complete -F _phoihop phoihop$' "$TMP/phoihop.bash" || fail "bash script does not register _phoihop"
fails 2 completion tcsh
err_has "'tcsh'"
fails 2 completion
# --help: one blank line before the examples.
ok completion --help
grep -B2 '^Examples:' "$TMP/stdout" | head -n 2 | grep -q . || fail "completion --help: blank lines before Examples: $(cat "$TMP/stdout")"

# comp WORD…: a real bash sources the script, completes the last WORD (the
# words as typed, quotes included) and prints COMPREPLY one a line.
comp() {
  env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" LANG=C.UTF-8 TZ=Asia/Ho_Chi_Minh \
    XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="${COMP_DB-$DB}" \
    bash --norc --noprofile -c '
      source "$1" || exit 1
      shift
      COMP_WORDS=(phoihop "$@")
      COMP_CWORD=$#
      COMP_LINE="${COMP_WORDS[*]}"
      COMP_POINT=${#COMP_LINE}
      _phoihop
      [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
    completion "$TMP/phoihop.bash" "$@" >"$TMP/reply" 2>"$TMP/reply.err"
  [ $? -eq 0 ] && [ ! -s "$TMP/reply.err" ] || fail "bash completion of '$*' failed: $(cat "$TMP/reply.err")"
}
reply_is() { # CANDIDATE…: exactly these, in any order
  [ "$(sort "$TMP/reply")" = "$(printf '%s\n' "$@" | sort)" ] ||
    fail "completion offers [$(tr '\n' ' ' <"$TMP/reply")], expected [$*]"
}
reply_has() {
  grep -qxF -- "$1" "$TMP/reply" || fail "completion lacks '$1': [$(tr '\n' ' ' <"$TMP/reply")]"
}
reply_lacks() {
  grep -qxF -- "$1" "$TMP/reply" && fail "completion offers '$1'"
  return 0
}

# Nouns and commands, verbs, options (the verb's own and the global ones).
comp ''
for noun in agreement task meeting award report batch log undo import export merge org db completion; do
  reply_has "$noun"
done
comp ag
reply_is agreement
comp task up
reply_is update
comp org ''
reply_is add list show rename alias merge succeed edit
comp task update --st
reply_is --status
comp task update 3 --
reply_has --progress
reply_has --note
reply_has --db
reply_has --format
reply_lacks --party
comp --q
reply_is --quiet

# Enum values, from the sets the verbs check against.
comp task update 3 --status ''
reply_is planned in_progress done cancelled unfinished
comp task update 3 --status in
reply_is in_progress
comp task update 3 --status = ''   # --status= (bash splits at the '=')
reply_is planned in_progress done cancelled unfinished
comp agreement list --status ''
reply_is draft in_force ended ended_early superseded cancelled
comp org add X --kind sc
reply_is school
comp meeting add X --format ''
reply_is in_person online hybrid
comp award add X --form ''
reply_is bang_khen giay_khen other
comp report summary --lang ''
reply_is en vi
comp --color ''
reply_is auto always never
comp report summary --period last-
reply_is last-year last-quarter last-month
comp report summary --each ''
reply_is year half quarter month
comp import x.csv --kind ''
reply_is task award org
comp completion ''
reply_is bash zsh fish
# The global --format offers what the command takes: a report's formats
# after a report verb, a list's after the others, either before a command.
comp report summary --format ''
reply_has md
reply_has docx
reply_lacks table
reply_lacks tsv
comp report attention --format j
reply_is json
comp task list --format ''
reply_has table
reply_has tsv
reply_lacks md
reply_lacks docx
comp report sent list --format ''
reply_has table
reply_lacks docx
comp --format ''
reply_has table
reply_has docx
# A global option's value is completed after any verb, and the walk goes on past it.
comp --lang vi task u
reply_is update
# A flag takes no value: the word after it is completed as if it were absent.
comp -q ta
reply_is task
comp --quiet task list --overdue --st
reply_is --status
comp report summary --bom --per
reply_is --period
comp task list --overdue --status ''
reply_is planned in_progress done cancelled unfinished
comp task update --help --st
reply_is --status

# File arguments.
touch "$TMP/commands.batch" "$TMP/other.db"
comp batch comm
reply_is commands.batch
comp merge oth
reply_is other.db
comp --db oth
reply_is other.db
comp report summary --output comm
reply_is commands.batch

# Records from the database: agreement codes, Vietnamese organisation names
# with spaces (one candidate each, however the word was begun).
COMP_DB="$TMP/none.db" comp agreement show ''
reply_is
[ -e "$TMP/none.db" ] && fail "completion created a database"
ok agreement add "Quy chế 2018-2022" --party "UBND tỉnh Bến Tre" --party "Tỉnh đoàn Bến Tre" --period 2018-2022 --code BT-2018
ok agreement add "Quy chế 2022-2026" --party "UBND tỉnh Bến Tre" --party "Sở Giáo dục và Đào tạo" --period 2022-2026 --code BT-2022
ok org edit "Sở Giáo dục và Đào tạo" --short "Sở GD&ĐT"
comp agreement show ''
reply_is BT-2018 BT-2022
comp task list --agreement BT-2
reply_is BT-2018 BT-2022
comp agreement list --party Tỉnh
reply_is "Tỉnh đoàn Bến Tre" "UBND tỉnh Bến Tre"
comp agreement list --party "'Sở"
reply_is "Sở Giáo dục và Đào tạo" "Sở GD&ĐT"
comp org show 'UBND\ t'
reply_is "UBND tỉnh Bến Tre"
comp org merge "Tỉnh đoàn Bến Tre" UB
reply_is "UBND tỉnh Bến Tre"
comp meeting attend 1 --org Sở\ Gi
reply_is "Sở Giáo dục và Đào tạo"
# Matched as phoihop matches names: case and accents aside, anywhere in an
# organisation's name, at the start of an agreement code.
comp org show tinh
reply_is "Tỉnh đoàn Bến Tre" "UBND tỉnh Bến Tre"
comp task list --lead ubnd
reply_is "UBND tỉnh Bến Tre"
comp agreement list --party 'so gd'
reply_is "Sở GD&ĐT"
comp agreement show bt-2
reply_is BT-2018 BT-2022
comp agreement delete --force bt-2018
reply_is BT-2018
comp agreement show 2018
reply_is
# --db typed on the line wins over $PHOIHOP_DB.
COMP_DB="$TMP/none.db" comp --db "$DB" agreement show B
reply_is BT-2018 BT-2022
COMP_DB="$TMP/none.db" comp --db = "$DB" agreement show B   # --db=FILE as bash splits it
reply_is BT-2018 BT-2022
COMP_DB="$TMP/none.db" comp --db="$DB" agreement show B
reply_is BT-2018 BT-2022

# The query behind them: silent without a database, and never creates one.
EXTRA_ENV="PHOIHOP_DB=$TMP/missing.db" ok completion --values org
out_is ""
[ -e "$TMP/missing.db" ] && fail "completion --values created a database"
printf 'not a database' >"$TMP/junk.db"
ok --db "$TMP/junk.db" completion --values agreement
out_is ""
ok completion --values org
out_has "Sở Giáo dục và Đào tạo"
ok completion --values org --word "DOAN BEN"
out_is "Tỉnh đoàn Bến Tre"
ok completion --values agreement --word bt-2022
out_is "BT-2022"
# For fish: what the word lacks the accents of comes unaccented, a tab, the name.
ok completion --values org --word "so gd" --fish
out_is "$(printf 'So GD&DT\tSở GD&ĐT')"
ok completion --values org --word "SỞ GD" --fish
out_is "Sở GD&ĐT"
ok completion --values agreement --word bt-2022 --fish
out_is "BT-2022"
# The numbers of sent reports as printed, each once (two years may share one).
ok completion --values sent
out_is ""
ok report summary --period 2024 --record --number 16 --symbol BC-UBND --output "$TMP/bc16.md"
ok report summary --period 2024 --record --number 16 --symbol BC-UBND --date-issued 2025-01-05 --output "$TMP/bc16b.md"
ok report summary --period 2024 --record --number 7 --output "$TMP/bc7.md"
ok completion --values sent
out_is "$(printf '16/BC-UBND\n07')"
ok completion --values sent --word 16
out_is "16/BC-UBND"
comp report sent show 0
reply_is 07
comp report sent show ''
reply_is 16/BC-UBND 07
fails 2 completion --values task
err_lines 1
err_has "invalid value kind 'task' for --values (expected one of: agreement, org, sent)"
fails 2 completion --values orgs
err_has "did you mean 'org'?"

# zsh: the script parses, and its tables come from the same registry.
ok completion zsh
cp "$TMP/stdout" "$TMP/_phoihop"
head -n 1 "$TMP/_phoihop" | grep -qx '#compdef phoihop' || fail "zsh script lacks #compdef"
if command -v zsh >/dev/null; then
  zsh -n "$TMP/_phoihop" || fail "zsh -n rejects the zsh script"
  got=$(zsh -f -c 'compdef() { :; }; source "$1"; _phoihop_sub task; print -l ${reply%%:*};
                  _phoihop_offer "task update" --status; print $REPLY' zsh "$TMP/_phoihop" | tr '\n' ' ')
  [ "$got" = "add update done list show edit delete planned in_progress done cancelled unfinished " ] ||
    fail "zsh tables: $got"
  # Flags take no value; names come matched by the program and are added as they are.
  got=$(zsh -f -c 'compdef() { :; }; source "$1"; _phoihop_valued ""; print $REPLY;
                  _phoihop_valued "agreement delete"; print $REPLY' zsh "$TMP/_phoihop" | tr '\n' ' ')
  case $got in
    *" --db "*" -q "* | *" --quiet "* | *" --help "* | *" --force "*) fail "zsh valued options: $got" ;;
    *" --db "*) ;;
    *) fail "zsh valued options: $got" ;;
  esac
  grep -q 'compadd -U -a names' "$TMP/_phoihop" || fail "zsh filters matched names again by prefix"
  # Tab in an interactive zsh (under a pty, zsh/zpty): the line it leaves.
  mkdir -p "$TMP/zfunc"
  cp "$TMP/_phoihop" "$TMP/zfunc/_phoihop"
  zsh_tab() { # TYPED: the command line after one Tab, in $TMP/zline
    rm -f "$TMP/zline"
    env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" LANG=C.UTF-8 TERM=dumb PHOIHOP_DB="$DB" \
      XDG_CONFIG_HOME="$TMP/config" zsh -f -c '
        zmodload zsh/zpty
        zpty z zsh -f -i
        zpty -w z "PS1= RPS1=; unsetopt beep; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D"
        zpty -w z "_zline() { zle complete-word; print -r -- \"\$BUFFER\" >$2; }; zle -N _zline; bindkey ^X _zline"
        zpty -w -n z "$3"$'"'"'\C-x'"'"'
        for i in {1..100}; do [[ -s $2 ]] && break; sleep 0.1; done
        zpty -d z' zsh "$TMP/zfunc" "$TMP/zline" "$1"
    [ -s "$TMP/zline" ] || fail "zsh completed nothing for '$1'"
  }
  zline_is() { [ "$(cat "$TMP/zline" 2>/dev/null)" = "$1" ] || fail "zsh Tab left '$(cat "$TMP/zline" 2>/dev/null)', expected '$1'"; }
  # One name matches a word typed without accents: the name, accents and all.
  zsh_tab 'phoihop task list --lead "so giao'
  zline_is 'phoihop task list --lead "Sở Giáo dục và Đào tạo" '
  zsh_tab 'phoihop task list --lead tinh\ doan'
  zline_is 'phoihop task list --lead Tỉnh\ đoàn\ Bến\ Tre '
  # Several whose common beginning is shorter than the word: the word stays.
  # (zsh put that common beginning, here nothing, in place of the word.)
  zsh_tab 'phoihop task list --lead tinh'
  zline_is 'phoihop task list --lead tinh'
  zsh_tab 'phoihop task list --lead "tinh'
  zline_is 'phoihop task list --lead "tinh'
  # A longer common beginning completes as far as it goes.
  zsh_tab 'phoihop task list --lead so'
  zline_is 'phoihop task list --lead Sở\ G'
  zsh_tab 'phoihop task list --st'
  zline_is 'phoihop task list --status '
else
  fail "zsh is not installed (scripts/deps.sh installs it)"
fi

# fish: the script parses, and fish itself completes with it.
ok completion fish
cp "$TMP/stdout" "$TMP/phoihop.fish"
if command -v fish >/dev/null; then
  fish --no-execute "$TMP/phoihop.fish" || fail "fish rejects the fish script"
  fish_comp() {
    env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" LANG=C.UTF-8 XDG_CONFIG_HOME="$TMP/config" \
      XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="$DB" \
      fish -c 'source $argv[1]; complete -C $argv[2]' "$TMP/phoihop.fish" "$1" | cut -f1 >"$TMP/reply"
  }
  fish_comp 'phoihop task up'
  reply_is update
  fish_comp 'phoihop task update 3 --status '
  reply_is planned in_progress done cancelled unfinished
  fish_comp 'phoihop report summary --each q'
  reply_is quarter
  fish_comp 'phoihop agreement show '
  reply_is BT-2018 BT-2022
  fish_comp 'phoihop task list --lead Tỉnh'
  reply_is "Tỉnh đoàn Bến Tre"
  # fish filters candidates itself (case aside, not accents): ubnd finds UBND.
  fish_comp 'phoihop task list --lead ubnd'
  reply_is "UBND tỉnh Bến Tre"
  fish_comp 'phoihop -q ta'
  reply_is task
  fish_comp 'phoihop task list --overdue --st'
  reply_is --status
  fish_comp 'phoihop agreement delete --force '
  reply_is BT-2018 BT-2022
  fish_comp 'phoihop report sent show 1'
  reply_is 16/BC-UBND
  # Without accents: fish matches case aside only, so such names come
  # unaccented (phoihop finds them as it finds the names), described by the name.
  fish_comp 'phoihop agreement list --party so\ gd'
  reply_is "So GD&DT"
  fish_comp 'phoihop task list --lead "so giao'
  reply_is "So Giao duc va Dao tao"
  env -i PATH="$TMP/bin:/usr/bin:/bin" HOME="$TMP/home" LANG=C.UTF-8 XDG_CONFIG_HOME="$TMP/config" \
    XDG_DATA_HOME="$TMP/data" PHOIHOP_DB="$DB" \
    fish -c 'source $argv[1]; complete -C $argv[2]' "$TMP/phoihop.fish" 'phoihop task list --lead so\ giao' >"$TMP/reply"
  reply_is "$(printf 'So Giao duc va Dao tao\tSở Giáo dục và Đào tạo')"
  fish_comp 'phoihop task list --lead tinh'
  reply_has "Tinh doan Ben Tre"
  # Typed with its accents, a name comes as it is.
  fish_comp 'phoihop task list --lead Sở\ Gi'
  reply_is "Sở Giáo dục và Đào tạo"
  # The global --format, by command.
  fish_comp 'phoihop report summary --format '
  reply_has md
  reply_lacks table
  fish_comp 'phoihop task list --format '
  reply_has table
  reply_lacks md
  fish_comp 'phoihop --format '
  reply_has table
  reply_has md
  fish_comp 'phoihop meeting add X --format '
  reply_is in_person online hybrid
else
  fail "fish is not installed (scripts/deps.sh installs it)"
fi

finish
