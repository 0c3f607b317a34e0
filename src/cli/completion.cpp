// `phoihop completion bash|zsh|fish` prints a completion script generated
// from the command registry: build_app() with every command, walked once.
// Enum values, files and record lookups come from the hints each noun file
// attaches where it registers an option (offers() in common.hpp).
// `phoihop completion --values agreement|org` is what the scripts call for
// agreement codes and organisation names; it never creates a database.
#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/sent_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

namespace phoihop::cli {

namespace {

// An option or a positional, as a completion script sees it.
struct Arg {
  std::vector<std::string> names; // "--status", "-q"; empty for a positional
  std::string help;
  bool takes_value = false;
  std::vector<std::string> offers; // words, or "@file", "@agreement", "@org", "@sent"
};

// One node of the command tree: the program, a noun, a verb or a command.
struct Command {
  std::string path; // "" (the program), "task", "task update", "batch"
  std::vector<std::pair<std::string, std::string>> subcommands; // name, help
  std::vector<Arg> options;     // the program's are the global ones, valid everywhere
  std::vector<Arg> positionals; // in order
  bool last_repeats = false;    // the last positional takes several words
};

std::string first_line(const std::string& text)
{
  return text.substr(0, text.find('\n'));
}

void walk(CLI::App* app, const std::string& path, std::vector<Command>& tree)
{
  Command command;
  command.path = path;
  for (auto* option : app->get_options()) {
    Arg arg;
    for (const auto& name : option->get_lnames()) {
      arg.names.push_back("--" + name);
    }
    for (const auto& name : option->get_snames()) {
      arg.names.push_back("-" + name);
    }
    bool positional = arg.names.empty();
    bool hidden = option->get_group().empty();
    if ((hidden && !positional) || (option == app->get_help_ptr() && !path.empty())) {
      continue; // internal, or -h/--help again under every command
    }
    arg.help = first_line(option->get_description());
    // A flag (--quiet, --overdue, --help) expects no value: the word after it
    // is the next option, command or argument, not its value.
    arg.takes_value = option->get_expected_min() > 0;
    arg.offers = offered(option);
    if (positional) {
      command.last_repeats = option->get_items_expected_max() > 1;
      command.positionals.push_back(std::move(arg));
    } else {
      command.options.push_back(std::move(arg));
    }
  }
  auto subcommands = app->get_subcommands({});
  for (auto* sub : subcommands) {
    command.subcommands.emplace_back(sub->get_name(), first_line(sub->get_description()));
  }
  tree.push_back(std::move(command));
  for (auto* sub : subcommands) {
    walk(sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), tree);
  }
}

// Every command of the program, the program itself first.
std::vector<Command> command_tree()
{
  std::ostringstream sink;
  Context ctx(sink, sink);
  auto app = build_app(ctx);
  std::vector<Command> tree;
  walk(app.get(), "", tree);
  return tree;
}

std::string joined(const std::vector<std::string>& words, const std::string& sep = " ")
{
  std::string out;
  for (const auto& word : words) {
    out += (out.empty() ? "" : sep) + word;
  }
  return out;
}

// 'text' for sh, bash and zsh.
std::string sh_quote(const std::string& text)
{
  std::string out = "'";
  for (char c : text) {
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out + "'";
}

// 'text' for fish, where \ and ' are escaped inside single quotes.
std::string fish_quote(const std::string& text)
{
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') {
      out += '\\';
    }
    out += c;
  }
  return out + "'";
}

// The key a script's case statement looks up for what the value of `arg` may
// be: "PATH/--status", or "PATH/#N" for the Nth positional (from 0).
struct Offered {
  std::string key;
  std::string words;
};

// The global --format as a command takes it: a report verb's are the report
// formats (Context::report_format), every other command's the list formats
// (Context::list_format: lists, shows, the register of sent reports); before
// any command, either. None when the command has a --format of its own.
std::optional<Arg> global_format(const Command& c, const Command& program)
{
  auto named = [](const Arg& arg) {
    return std::find(arg.names.begin(), arg.names.end(), "--format") != arg.names.end();
  };
  auto global = std::find_if(program.options.begin(), program.options.end(), named);
  if (global == program.options.end() || std::any_of(c.options.begin(), c.options.end(), named)) {
    return std::nullopt;
  }
  Arg arg = *global;
  if (!c.path.empty()) {
    bool report = c.path.rfind("report", 0) == 0 && c.path.rfind("report sent", 0) != 0;
    const auto& values = (report ? core::k_report_format : core::k_list_format).values;
    arg.offers.assign(values.begin(), values.end());
  }
  return arg;
}

std::vector<Offered> offers_of(const Command& c, const Command& program)
{
  std::vector<Offered> out;
  if (auto format = global_format(c, program); format && !c.path.empty()) {
    out.push_back({c.path + "/--format", joined(format->offers)});
  }
  for (const auto& arg : c.options) {
    if (!arg.offers.empty()) {
      for (const auto& name : arg.names) {
        out.push_back({c.path + "/" + name, joined(arg.offers)});
      }
    }
  }
  for (std::size_t i = 0; i < c.positionals.size(); ++i) {
    if (!c.positionals[i].offers.empty()) {
      bool repeats = c.last_repeats && i + 1 == c.positionals.size();
      // A repeating last positional matches every later position too.
      out.push_back({c.path + "/#" + (repeats ? "" : std::to_string(i)), joined(c.positionals[i].offers)});
    }
  }
  return out;
}

std::vector<std::string> valued_options(const Command& c)
{
  std::vector<std::string> names;
  for (const auto& arg : c.options) {
    if (arg.takes_value) {
      names.insert(names.end(), arg.names.begin(), arg.names.end());
    }
  }
  return names;
}

// The data functions bash and zsh share: the subcommands, the options that
// take a value, and what a value may be, by command path.
void write_data(std::ostream& out, const std::vector<Command>& tree, bool zsh)
{
  out << "_phoihop_sub() { # PATH: the commands under PATH" << (zsh ? ", as name:description" : "")
      << "\n  case $1 in\n";
  for (const auto& c : tree) {
    if (c.subcommands.empty()) {
      continue;
    }
    std::vector<std::string> items;
    for (const auto& [name, help] : c.subcommands) {
      items.push_back(zsh ? sh_quote(name + ":" + help) : name);
    }
    out << "    " << sh_quote(c.path) << ") " << (zsh ? "reply=(" + joined(items) + ")" : "REPLY=" + sh_quote(joined(items)))
        << " ;;\n";
  }
  out << "    *) " << (zsh ? "reply=()" : "REPLY=''") << " ;;\n  esac\n}\n";

  out << "_phoihop_opts() { # PATH: the options of PATH (the global ones are those of '')"
      << (zsh ? ", as name:description" : "") << "\n  case $1 in\n";
  for (const auto& c : tree) {
    std::vector<std::string> items;
    for (const auto& arg : c.options) {
      for (const auto& name : arg.names) {
        items.push_back(zsh ? sh_quote(name + ":" + arg.help) : name);
      }
    }
    if (!items.empty()) {
      out << "    " << sh_quote(c.path) << ") "
          << (zsh ? "reply=(" + joined(items) + ")" : "REPLY=" + sh_quote(joined(items))) << " ;;\n";
    }
  }
  out << "    *) " << (zsh ? "reply=()" : "REPLY=''") << " ;;\n  esac\n}\n";

  out << "_phoihop_valued() { # PATH: the options of PATH that take a value, space-separated\n"
         "  case $1 in\n";
  for (const auto& c : tree) {
    if (auto names = valued_options(c); !names.empty()) {
      out << "    " << sh_quote(c.path) << ") REPLY=" << sh_quote(" " + joined(names) + " ") << " ;;\n";
    }
  }
  out << "    *) REPLY='' ;;\n  esac\n}\n";

  // A verb's own option first: meeting add --format is not the global --format.
  out << "_phoihop_offer() { # PATH ARG: what a value of option ARG (or of positional #N) may be\n"
         "  case $1/$2 in\n";
  for (std::size_t i = 1; i <= tree.size(); ++i) {
    const Command& c = tree[i % tree.size()]; // the program's own (global) options last
    for (const auto& [key, words] : offers_of(c, tree.front())) {
      bool any_position = key.back() == '#';
      out << "    " << (c.path.empty() ? "*" + key : sh_quote(key)) << (any_position ? "*" : "")
          << ") REPLY=" << sh_quote(words) << " ;;\n";
    }
  }
  out << "    *) REPLY='' ;;\n  esac\n}\n";
}

// The walk over the words before the cursor is the same in bash and zsh:
// it finds the command path, counts positionals and notes --db/--config.
constexpr const char* k_bash = R"sh(
_phoihop_unquote() { # WORD: the text a partly typed word stands for
  REPLY=$1
  case $REPLY in
    \'*) REPLY=${REPLY#\'} REPLY=${REPLY%\'} ;;
    \"*) REPLY=${REPLY#\"} REPLY=${REPLY%\"} ;;
    *) REPLY=${REPLY//\\/} ;;
  esac
  [[ $REPLY == '~/'* ]] && REPLY=$HOME/${REPLY#'~/'}
}

_phoihop_complete() { # OFFER: the candidates of OFFER that begin with $cur
  local word line prefix
  _phoihop_unquote "$cur"
  prefix=$REPLY
  for word in $1; do
    case $word in
      @file)
        compopt -o filenames 2>/dev/null
        while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$prefix")
        ;;
      @agreement | @org | @sent)
        # Names hold spaces: readline quotes them as it does file names. The
        # program has matched them as phoihop does (case and accents aside).
        compopt -o filenames 2>/dev/null
        while IFS= read -r line; do
          COMPREPLY+=("$line")
        done < <("${COMP_WORDS[0]}" "${db[@]}" completion --values "${word#@}" ${prefix:+"--word=$prefix"} 2>/dev/null)
        ;;
      *) [[ $word == "$cur"* ]] && COMPREPLY+=("$word") ;;
    esac
  done
}

_phoihop() {
  local cur=${COMP_WORDS[COMP_CWORD]} path='' npos=0 i word option='' valued REPLY
  local -a db=()
  COMPREPLY=()
  _phoihop_valued ''
  local global_valued=$REPLY
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    if [[ -n $option ]]; then
      # The value of the option before it (bash splits --db=FILE at the '=').
      [[ $word == = ]] && continue
      if [[ $option == --db || $option == --config ]]; then
        _phoihop_unquote "$word"
        db+=("$option" "$REPLY")
      fi
      option=''
      continue
    fi
    case $word in
      --*=*) # one word when COMP_WORDBREAKS lacks '='
        if [[ ${word%%=*} == --db || ${word%%=*} == --config ]]; then
          _phoihop_unquote "${word#*=}"
          db+=("${word%%=*}" "$REPLY")
        fi
        ;;
      -*)
        _phoihop_valued "$path"
        [[ "$REPLY$global_valued" == *" $word "* ]] && option=$word
        ;;
      *)
        _phoihop_sub "$path"
        if [[ " $REPLY " == *" $word "* ]]; then
          path=${path:+$path }$word
          npos=0
        else
          npos=$((npos + 1))
        fi
        ;;
    esac
  done
  [[ -n $option && $cur == = ]] && cur=''
  if [[ -n $option ]]; then
    _phoihop_offer "$path" "$option"
    _phoihop_complete "$REPLY"
  elif [[ $cur == -* ]]; then
    _phoihop_opts "$path"
    valued=$REPLY
    [[ -n $path ]] && _phoihop_opts '' && valued+=" $REPLY"
    _phoihop_complete "$valued"
  else
    _phoihop_sub "$path"
    if [[ -n $REPLY ]]; then
      _phoihop_complete "$REPLY"
    else
      _phoihop_offer "$path" "#$npos"
      _phoihop_complete "$REPLY"
    fi
  fi
}

complete -F _phoihop phoihop
)sh";

constexpr const char* k_zsh = R"sh(
_phoihop_values() { # OFFER: add the candidates of OFFER
  local word common name
  local -a names
  for word in ${=1}; do
    case $word in
      @file) _files ;;
      @agreement|@org|@sent)
        # Matched by the program as phoihop matches (case and accents aside):
        # added as they are (-U), not filtered again by the typed prefix.
        names=(${(f)"$(${words[1]} "${db[@]}" completion --values ${word#@} ${PREFIX:+--word=${(Q)PREFIX}} 2>/dev/null)"})
        # zsh puts what the names have in common in place of the word; when
        # that is shorter than the word (lao: Sở Lao động, Liên đoàn Lao động)
        # the word is kept as typed and the names are listed.
        common=$names[1]
        for name in $names[2,-1]; do
          while [[ $name != ${common}* ]]; do common=${common[1,-2]}; done
        done
        (( $#names > 1 && $#common < ${#${(Q)PREFIX}} )) && compstate[insert]=''
        compadd -U -a names
        ;;
      *) compadd -- $word ;;
    esac
  done
}

_phoihop() {
  local cmd='' npos=0 i word option='' REPLY
  local -a reply db described
  _phoihop_valued ''
  local global_valued=$REPLY
  for (( i = 2; i < CURRENT; i++ )); do
    word=${words[i]}
    if [[ -n $option ]]; then
      [[ $option == (--db|--config) ]] && db+=($option ${(Q)word})
      option=''
      continue
    fi
    case $word in
      --*=*) [[ ${word%%=*} == (--db|--config) ]] && db+=(${(Q)word}) ;;
      -*)
        _phoihop_valued $cmd
        [[ "$REPLY$global_valued" == *" $word "* ]] && option=$word
        ;;
      *)
        _phoihop_sub $cmd
        if (( ${reply[(I)${word}:*]} )); then
          cmd=${cmd:+$cmd }$word
          npos=0
        else
          (( npos++ ))
        fi
        ;;
    esac
  done
  if [[ -z $option && $PREFIX == -*=* ]]; then
    option=${PREFIX%%=*}
    compset -P '*='
  fi
  if [[ -n $option ]]; then
    _phoihop_offer "$cmd" $option
    _phoihop_values $REPLY
  elif [[ $PREFIX == -* ]]; then
    _phoihop_opts $cmd
    described=($reply)
    if [[ -n $cmd ]]; then
      _phoihop_opts ''
      described+=($reply)
    fi
    _describe -t options option described
  else
    _phoihop_sub $cmd
    if (( $#reply )); then
      described=($reply)
      _describe -t commands command described
    else
      _phoihop_offer "$cmd" "#$npos"
      _phoihop_values $REPLY
    fi
  fi
}

if [[ $funcstack[1] == _phoihop ]]; then
  _phoihop "$@"
else
  compdef _phoihop phoihop
fi
)sh";

void write_bash(std::ostream& out, const std::vector<Command>& tree)
{
  out << "# bash completion for phoihop " PHOIHOP_VERSION
         ", generated by 'phoihop completion bash' from its\n"
         "# command registry. Load it with: source <(phoihop completion bash)\n";
  write_data(out, tree, false);
  out << k_bash;
}

void write_zsh(std::ostream& out, const std::vector<Command>& tree)
{
  out << "#compdef phoihop\n"
         "# zsh completion for phoihop " PHOIHOP_VERSION
         ", generated by 'phoihop completion zsh' from its\n"
         "# command registry. Install it as _phoihop in a directory of $fpath.\n";
  write_data(out, tree, true);
  out << k_zsh;
}

// fish has its own way: one `complete` rule per option and command, guarded
// by a condition on the command path the words before the cursor reach.
void write_fish(std::ostream& out, const std::vector<Command>& tree)
{
  out << "# fish completion for phoihop " PHOIHOP_VERSION
         ", generated by 'phoihop completion fish' from its\n"
         "# command registry. Install it as ~/.config/fish/completions/phoihop.fish\n\n";
  out << "function __phoihop_sub --description 'phoihop: the commands under a command path'\n"
         "    switch \"$argv[1]\"\n";
  for (const auto& c : tree) {
    if (!c.subcommands.empty()) {
      std::vector<std::string> names;
      for (const auto& sub : c.subcommands) {
        names.push_back(sub.first);
      }
      out << "        case " << fish_quote(c.path) << "\n            printf '%s\\n' " << joined(names) << "\n";
    }
  }
  out << "    end\nend\n\n";
  out << "function __phoihop_valued --description 'phoihop: the options of a command path that take a value'\n"
         "    switch \"$argv[1]\"\n";
  for (const auto& c : tree) {
    if (auto names = valued_options(c); !names.empty()) {
      out << "        case " << fish_quote(c.path) << "\n            printf '%s\\n' " << joined(names) << "\n";
    }
  }
  out << "    end\nend\n\n";
  out << R"sh(# The command path the words before the cursor reach, the number of
# positionals typed after it, and the --db/--config words to pass on.
function __phoihop_state
    set -l words (commandline -opc)
    set -l cmd ''
    set -l npos 0
    set -l option ''
    set -l db
    for word in $words[2..-1]
        if test -n "$option"
            contains -- $option --db --config; and set db $db $option $word
            set option ''
            continue
        end
        switch $word
            case '--db=*' '--config=*'
                set db $db $word
            case '-*'
                if contains -- $word (__phoihop_valued $cmd) (__phoihop_valued '')
                    set option $word
                end
            case '*'
                if contains -- $word (__phoihop_sub $cmd)
                    set cmd (string trim -- "$cmd $word")
                    set npos 0
                else
                    set npos (math $npos + 1)
                end
        end
    end
    printf '%s\n' $cmd $npos $db
end

function __phoihop_at --argument-names path --description 'phoihop: the words so far reach this command path'
    set -l state (__phoihop_state)
    test "$state[1]" = "$path"
end

function __phoihop_arg --argument-names path position --description 'phoihop: the cursor is on this positional'
    set -l state (__phoihop_state)
    test "$state[1]" = "$path"; or return 1
    test "$position" = any; and return 0
    test "$state[2]" = "$position"
end

function __phoihop_values --argument-names what --description 'phoihop: agreement codes or organisation names'
    set -l state (__phoihop_state)
    set -l program (commandline -opc)[1]
    set -l word (commandline -ct | string unescape)
    set -l typed
    test -n "$word"; and set typed --word=$word
    $program $state[3..-1] completion --values $what --fish $typed 2>/dev/null
end

complete -c phoihop -f
)sh";
  auto rule = [&out](const std::string& condition, const Arg& arg) {
    out << "complete -c phoihop";
    if (!condition.empty()) {
      out << " -n " << fish_quote(condition);
    }
    for (const auto& name : arg.names) {
      out << (name.rfind("--", 0) == 0 ? " -l " + name.substr(2) : " -s " + name.substr(1));
    }
    std::vector<std::string> words;
    bool files = false;
    for (const auto& offer : arg.offers) {
      if (offer == "@file") {
        files = true;
      } else if (offer == "@agreement" || offer == "@org" || offer == "@sent") {
        words.push_back("(__phoihop_values " + offer.substr(1) + ")");
      } else {
        words.push_back(offer);
      }
    }
    if (arg.takes_value || arg.names.empty()) {
      out << (files ? " -r -F" : " -x");
    }
    if (!words.empty()) {
      out << " -a " << fish_quote(joined(words));
    }
    if (!arg.help.empty()) {
      out << " -d " << fish_quote(arg.help);
    }
    out << "\n";
  };
  for (const auto& c : tree) {
    std::string at = c.path.empty() ? std::string() : "__phoihop_at " + fish_quote(c.path);
    for (const auto& [name, help] : c.subcommands) {
      out << "complete -c phoihop -n " << fish_quote("__phoihop_at " + fish_quote(c.path)) << " -a "
          << fish_quote(name) << " -d " << fish_quote(help) << "\n";
    }
    for (const auto& arg : c.options) {
      bool global_format = c.path.empty() && arg.names == std::vector<std::string>{"--format"};
      rule(global_format ? "__phoihop_at ''" : at, arg); // after a command, its own rule below
    }
    if (auto format = global_format(c, tree.front()); format && !c.path.empty()) {
      rule(at, *format);
    }
    for (std::size_t i = 0; i < c.positionals.size(); ++i) {
      if (!c.positionals[i].offers.empty()) {
        bool repeats = c.last_repeats && i + 1 == c.positionals.size();
        rule("__phoihop_arg " + fish_quote(c.path) + " " + (repeats ? "any" : std::to_string(i)),
             c.positionals[i]);
      }
    }
  }
}

// Agreement codes or organisation names (and short names), one a line, from
// the database the other commands would use, that match `word` as phoihop
// matches them (core::fold: case and accents aside): codes that begin with
// it, names that contain it. Completion must never get in the way: without a
// database, or with one that cannot be read, nothing.
void print_values(Context& ctx, const std::string& what, const std::string& word, bool fish)
{
  std::ostringstream values;
  std::string key = core::fold(word);
  // fish filters the candidates again, by case alone: a name it would drop
  // goes as fish can match it, unaccented, with the name as its description
  // (phoihop finds a name by its folded form, so either finds the same).
  const std::string typed = core::casefold(word);
  auto line = [&values, &typed, fish](const std::string& value) {
    if (fish && core::casefold(value).find(typed) == std::string::npos) {
      values << core::unaccent(value) << '\t' << value << '\n';
    } else {
      values << value << '\n';
    }
  };
  auto begins = [&key](const std::string& value) { return core::fold(value).rfind(key, 0) == 0; };
  auto contains = [&key](const std::string& value) {
    return core::fold(value).find(key) != std::string::npos;
  };
  try {
    std::string path = ctx.db_path();
    if (!std::filesystem::is_regular_file(path)) {
      return;
    }
    store::Database db(store::OpenOptions{path, store::Access::read, 200, ""});
    if (what == "agreement") {
      for (const auto& a : store::AgreementStore(db).list({})) {
        if (!a.code.empty() && begins(a.code)) {
          line(a.code);
        }
      }
    } else if (what == "sent") {
      // Each number as printed once, though several years used it (show's --year tells them apart).
      std::set<std::string> seen;
      for (const auto& r : store::SentStore(db).list()) {
        if (begins(r.number_text()) && seen.insert(r.number_text()).second) {
          line(r.number_text());
        }
      }
    } else {
      for (const auto& org : store::OrgStore(db).list()) {
        if (contains(org.name)) {
          line(org.name);
        }
        if (!org.short_name.empty() && contains(org.short_name)) {
          line(org.short_name);
        }
      }
    }
  } catch (const std::exception&) {
    return;
  }
  ctx.out() << values.str();
}

struct CompletionOptions {
  std::string shell;
  std::string values;
  std::string word;
  bool fish = false;
};

} // namespace

void register_completion(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<CompletionOptions>();
  auto* cmd = app.add_subcommand("completion",
                                 "Print the shell completion script for bash, zsh or fish");
  cmd->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"completion", Need::nothing, [&ctx, o] {
      if (!o->values.empty()) {
        if (o->values != "agreement" && o->values != "org" && o->values != "sent") {
          throw core::not_one_of("value kind", o->values, "--values", {"agreement", "org", "sent"});
        }
        print_values(ctx, o->values, o->word, o->fish);
        return;
      }
      if (o->shell.empty()) {
        throw UsageError("completion needs a shell: bash, zsh or fish");
      }
      auto tree = command_tree();
      if (o->shell == "bash") {
        write_bash(ctx.out(), tree);
      } else if (o->shell == "zsh") {
        write_zsh(ctx.out(), tree);
      } else if (o->shell == "fish") {
        write_fish(ctx.out(), tree);
      } else {
        throw core::not_one_of("shell", o->shell, "completion", {"bash", "zsh", "fish"});
      }
    }};
  });
  // For the scripts themselves: the values they offer from the database.
  // They are registered first, the help flag again after them: CLI11 puts a
  // blank line after every group but the last in order, the hidden one included.
  std::string help = cmd->get_help_ptr()->get_description();
  cmd->set_help_flag();
  cmd->add_option("--values", o->values,
                  "Print agreement codes, organisation names or sent reports' numbers, one a line")
    ->group("");
  cmd->add_option("--word", o->word, "Only those matching this partly typed word")->group("");
  cmd->add_flag("--fish", o->fish, "As fish matches them: unaccented, the name after a tab")->group("");
  cmd->add_option("SHELL", o->shell, "bash|zsh|fish")->check(offers({"bash", "zsh", "fish"}));
  cmd->set_help_flag("-h,--help", help);
}

} // namespace phoihop::cli
