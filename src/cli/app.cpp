#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/examples.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/store/database.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace phoihop::cli {

namespace {

std::string command_path(const CLI::App* app)
{
  std::string path;
  for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
    path = path.empty() ? a->get_name() : a->get_name() + " " + path;
  }
  return path;
}

// The deepest subcommand the parser entered, for "see --help" hints.
const CLI::App* deepest(const CLI::App* app)
{
  for (const auto* sub : app->get_subcommands()) {
    return deepest(sub);
  }
  return app;
}

void print_error(std::ostream& err, const std::string& message)
{
  err << "phoihop: error: " << message << '\n';
}

const CLI::App* subcommand_named(const CLI::App* app, std::string_view name)
{
  for (const auto* sub : app->get_subcommands({})) {
    if (sub->get_name() == name) {
      return sub;
    }
  }
  return nullptr;
}

// "unknown option '--stauts' ...; did you mean '--status' (an option of 'task list',
// 'task update')?" for an option given to a noun before its verb.
std::string unknown_noun_option(const CLI::App* noun, const std::string& name)
{
  std::vector<std::string> names;
  for (const auto* verb : noun->get_subcommands({})) {
    for (const auto* o : verb->get_options()) {
      for (const auto& lname : o->get_lnames()) {
        names.push_back(lname);
      }
    }
  }
  std::vector<std::string_view> candidates(names.begin(), names.end());
  std::string match = core::closest(name.substr(2), candidates);
  if (match.empty()) {
    return fmt::format("unknown option {} for '{}' (options go after a verb: see '{} --help')",
                       quote_arg(name), noun->get_name(), command_path(noun));
  }
  std::string verbs;
  for (const auto* verb : noun->get_subcommands({})) {
    if (verb->get_option_no_throw("--" + match) != nullptr) {
      verbs += fmt::format("{}'{} {}'", verbs.empty() ? "" : ", ", noun->get_name(), verb->get_name());
    }
  }
  return fmt::format("unknown option {} for '{}'; did you mean '--{}' (an option of {})?",
                     quote_arg(name), noun->get_name(), match, verbs);
}

// "unexpected argument '-x' (see 'phoihop task list --help')", with the
// closest option when the argument looks like a mistyped one ("-stauts").
std::string extras_message(const CLI::App& app)
{
  std::vector<std::string> extras = app.remaining(true);
  if (extras.empty()) {
    return {};
  }
  const CLI::App* at = deepest(&app);
  std::string quoted;
  for (const auto& e : extras) {
    quoted += (quoted.empty() ? "" : " ") + quote_arg(e);
  }
  std::string suggestion;
  const std::string& first = extras.front();
  std::string bare = first.substr(std::min(first.find_first_not_of('-'), first.size()));
  bare = bare.substr(0, bare.find('='));
  if (first.front() == '-' && bare.size() >= 3) {
    std::vector<std::string> names;
    for (const CLI::App* a = at; a != nullptr; a = a->get_parent()) {
      for (const auto* o : a->get_options()) {
        for (const auto& lname : o->get_lnames()) {
          names.push_back(lname);
        }
      }
    }
    std::vector<std::string_view> candidates(names.begin(), names.end());
    if (std::string match = core::closest(bare, candidates); !match.empty()) {
      suggestion = fmt::format("; did you mean '--{}'?", match);
    }
  }
  return fmt::format("unexpected argument{} {}{} (see '{} --help')", extras.size() > 1 ? "s" : "",
                     quoted, suggestion, command_path(at));
}

} // namespace

std::string unknown_word(const CLI::App* root, const std::vector<std::string>& args)
{
  std::vector<const CLI::App*> path{root};
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      break;
    }
    if (a.rfind("--", 0) == 0) {
      std::string name = a.substr(0, a.find('='));
      const CLI::Option* option = nullptr;
      std::vector<std::string> names;
      for (const auto* app : path) {
        option = option ? option : app->get_option_no_throw(name);
        for (const auto* o : app->get_options()) {
          for (const auto& lname : o->get_lnames()) {
            names.push_back(lname);
          }
        }
      }
      if (option == nullptr) {
        std::vector<std::string_view> candidates(names.begin(), names.end());
        std::string match = core::closest(name.substr(2), candidates);
        if (match.empty() && path.back() != root) {
          // Before a verb ("task --stauts"): an option of one of the noun's
          // verbs is likely what was meant; say which verbs have it.
          return unknown_noun_option(path.back(), name);
        }
        return fmt::format("unknown option {}{}", quote_arg(name),
                           match.empty() ? "" : fmt::format("; did you mean '--{}'?", match));
      }
      if (a.find('=') == std::string::npos && option->get_expected_min() > 0) {
        ++i; // its value
      }
      continue;
    }
    const CLI::App* at = path.back();
    if ((a.size() > 1 && a.front() == '-') || at->get_subcommands({}).empty()) {
      continue; // a short option, or an argument of a verb
    }
    if (const auto* sub = subcommand_named(at, a)) {
      path.push_back(sub);
      continue;
    }
    std::vector<std::string> names;
    for (const auto* sub : at->get_subcommands({})) {
      names.push_back(sub->get_name());
    }
    std::vector<std::string_view> candidates(names.begin(), names.end());
    if (at == root) {
      return fmt::format("unknown command {}{}", quote_arg(a), core::did_you_mean(a, candidates));
    }
    return fmt::format("unknown verb {} for '{}'{}", quote_arg(a), at->get_name(),
                       core::did_you_mean(a, candidates));
  }
  return {};
}

std::string parse_error_message(const CLI::App& app, const std::vector<std::string>& args,
                                const CLI::ParseError& error)
{
  std::string unknown = unknown_word(&app, args);
  if (unknown.empty() && dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    unknown = extras_message(app);
  }
  return unknown.empty() ? error.what() : unknown;
}

namespace {

std::string usage_hint(const CLI::App* app)
{
  return fmt::format(" (see '{} --help')", command_path(app));
}

// What `phoihop` alone prints: the nouns, one line each, and where to go next.
std::string overview(const CLI::App& app)
{
  std::string text = "phoihop keeps coordination agreements between public bodies and writes "
                     "period reports.\n\nUsage: phoihop [OPTIONS] COMMAND [VERB] [ARGS]\n\n"
                     "Commands:\n";
  std::size_t width = 0;
  for (const auto* sub : app.get_subcommands({})) {
    width = std::max(width, sub->get_name().size());
  }
  for (const auto* sub : app.get_subcommands({})) {
    std::string_view line = overview_of(sub->get_name());
    std::string description = line.empty() ? sub->get_description() : std::string(line);
    text += fmt::format("  {:<{}}  {}\n", sub->get_name(), width, description);
  }
  text += "\n" + closing_lines() + "\n";
  return text;
}

// "Global options:" and a line per option of the program, as CLI11 lists a
// command's own: what a command's --help adds after them (not -h or --version).
std::string global_options_help(const CLI::App& app)
{
  auto options = app.get_options([&app](const CLI::Option* option) {
    return option != app.get_help_ptr() && option != app.get_version_ptr() && !option->get_group().empty();
  });
  auto formatter = std::dynamic_pointer_cast<CLI::Formatter>(app.get_formatter());
  std::string text = formatter->make_group("Global options", false, options);
  return text.substr(1); // make_group begins with the blank line that ends the group before
}

} // namespace

CLI::App* add_noun(CLI::App& app, const std::string& name, const std::string& description)
{
  auto* noun = app.add_subcommand(name, description);
  noun->require_subcommand(0, 1);
  return noun;
}

CLI::App* add_verb(CLI::App& noun, Context& ctx, const std::string& name,
                   const std::string& description, Need need, std::function<void()> run)
{
  auto* verb = noun.add_subcommand(name, description);
  std::string path = noun.get_name() + " " + name;
  verb->parse_complete_callback([&ctx, path, need, run = std::move(run)] {
    ctx.action = Action{path, need, run};
  });
  return verb;
}

std::string_view command_of(const std::vector<std::string>& args)
{
  // Global options that take a value, when written without '=': skip the value too.
  static const std::string_view k_valued[] = {"--db", "--config", "--format", "--lang", "--color",
                                              "--today"};
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string_view a = args[i];
    if (a.empty() || a.front() != '-') {
      return a;
    }
    if (std::find(std::begin(k_valued), std::end(k_valued), a) != std::end(k_valued)) {
      ++i;
    }
  }
  return {};
}

std::unique_ptr<CLI::App> build_app(Context& ctx, std::string_view command)
{
  auto app = std::make_unique<CLI::App>(
    "phoihop keeps the records of coordination agreements between public bodies (parties, work "
    "items, review meetings, commendations) in one SQLite file and writes period reports.",
    "phoihop");
  // Global options are accepted before or after the subcommand.
  app->fallthrough();
  app->set_version_flag("--version", PHOIHOP_VERSION, "Print the version and exit");
  auto& f = ctx.flags;
  app->add_option("--db", f.db, "Database file (else $PHOIHOP_DB, database.path, "
                                "$XDG_DATA_HOME/phoihop/phoihop.db)")
    ->option_text("PATH")
    ->check(non_empty)
    ->check(offers(Offer::file));
  app->add_option("--config", f.config, "Config file (else $PHOIHOP_CONFIG, "
                                        "$XDG_CONFIG_HOME/phoihop/config.toml)")
    ->option_text("PATH")
    ->check(non_empty)
    ->check(offers(Offer::file));
  app->add_option("--format", f.format,
                  fmt::format("Output format: {} for list and show, {} for reports", core::k_list_format.joined(),
                              core::k_report_format.joined()))
    ->option_text("FORMAT")
    ->check(non_empty)
    ->check(offers(core::k_list_format))
    ->check(offers(core::k_report_format));
  app->add_option("--lang", f.lang, "Language of reports and dates: en|vi")->option_text("LANG")
    ->check(non_empty)
    ->check(offers(core::k_lang));
  app->add_option("--color", f.color, "Colour in table output: auto|always|never")
    ->option_text("WHEN")
    ->check(non_empty)
    ->check(offers(core::k_color));
  app->add_option("--csv-dialect", f.csv_dialect,
                  "How CSV is written: rfc4180 (the default: , and a decimal point, for scripts) or excel-vi "
                  "(; a decimal comma and a byte-order mark, for Excel and LibreOffice in Vietnamese) (else "
                  "output.csv_dialect)")
    ->option_text("DIALECT")
    ->check(non_empty)
    ->check(offers(core::k_csv_dialect));
  app->add_option("--today", f.today, "Pin today's date (else $PHOIHOP_TODAY, else the local date)")
    ->option_text("DATE")
    ->check(non_empty);
  app->add_flag("-q,--quiet", f.quiet, "Say nothing on stderr but errors");
  app->require_subcommand(0, 1);

  // The command table, in the order --help lists it. Only the command being
  // run is registered when it is known: a batch line or a single `task add`
  // need not build the whole tree (it is most of an invocation's start-up).
  using Register = void (*)(CLI::App&, Context&);
  static const std::pair<const char*, Register> k_commands[] = {
    {"agreement", register_agreement}, {"task", register_task},     {"meeting", register_meeting},
    {"award", register_award},         {"report", register_report}, {"batch", register_batch},
    {"log", register_history},         {"undo", register_history},  {"import", register_import},
    {"export", register_export},       {"merge", register_merge},   {"org", register_org},
    {"config", register_config},       {"db", register_db},
    {"completion", register_completion},
  };
  bool known = false;
  for (const auto& [name, fn] : k_commands) {
    known = known || command == name;
  }
  Register done = nullptr;
  for (const auto& [name, fn] : k_commands) {
    if ((!known || command == name) && fn != done) {
      fn(*app, ctx);
      done = fn; // log and undo share one registration
    }
  }
  name_values(*app); // --help: --lead ORG, --due DATE, --status a|b|c, not TEXT
  // Every command's --help lists the global options, which it accepts too,
  // then ends with its examples (src/cli/examples.cpp): a verb's own, a noun's
  // from a few of its verbs; phoihop's ends with the overview's last lines.
  const std::string globals = global_options_help(*app);
  auto footer = [&globals](const std::string& path) {
    std::string examples = examples_footer(path);
    return examples.empty() ? globals.substr(0, globals.size() - 1) : globals + "\n" + examples;
  };
  app->footer(closing_lines());
  for (auto* noun : app->get_subcommands({})) {
    noun->footer(footer(noun->get_name()));
    for (auto* verb : noun->get_subcommands({})) {
      verb->footer(footer(noun->get_name() + " " + verb->get_name()));
      // A verb with verbs of its own (report sent list).
      for (auto* sub : verb->get_subcommands({})) {
        sub->footer(footer(noun->get_name() + " " + verb->get_name() + " " + sub->get_name()));
      }
    }
  }
  // References (REF, ID, ORG) and list filters must name something: an empty
  // value from an unset shell variable would otherwise mean "everything".
  auto refuse_empty = [](CLI::App* verb) {
    for (auto* option : verb->get_options()) {
      bool positional = option->get_lnames().empty() && option->get_snames().empty();
      if ((positional || verb->get_name() == "list") && option->get_expected_min() > 0) {
        option->check(non_empty);
      }
    }
  };
  for (auto* noun : app->get_subcommands({})) {
    for (auto* verb : noun->get_subcommands({})) {
      refuse_empty(verb);
      for (auto* sub : verb->get_subcommands({})) {
        refuse_empty(sub);
      }
    }
  }
  return app;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
  Context ctx(out, err);
  for (std::size_t i = 1; i < args.size(); ++i) {
    // Quoted as a shell would need it, so the history shows a command one can rerun.
    const auto& a = args[i];
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`#;&|<>()*?[]{}~") == std::string::npos;
    std::string quoted_arg = "'";
    for (char c : a) {
      quoted_arg += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    quoted_arg += "'";
    ctx.command_line += (i > 1 ? " " : "") + (plain ? a : quoted_arg);
  }
  std::string db_path;
  if (command_of(args).empty() && std::find(args.begin(), args.end(), "--version") != args.end()) {
    // Without a command, --version wins over everything else (as CLI11 would
    // decide): answer before building the command tree, the bulk of start-up.
    out << PHOIHOP_VERSION << '\n';
    return 0;
  }
  try {
    auto app = build_app(ctx, command_of(args));
    std::vector<const char*> argv;
    for (const auto& a : args) {
      argv.push_back(a.c_str());
    }
    try {
      app->parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::CallForHelp& e) {
      return app->exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
      return app->exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
      return app->exit(e, out, err);
    } catch (const CLI::ParseError& e) {
      // One line: a mistyped word with the closest known one, else CLI11's
      // message and where the usage is.
      std::string unknown = unknown_word(app.get(), args);
      if (unknown.empty() && dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        unknown = extras_message(*app);
      }
      print_error(err, unknown.empty() ? e.what() + usage_hint(deepest(app.get())) : unknown);
      return static_cast<int>(ExitStatus::usage);
    }
    if (!ctx.action) {
      const CLI::App* chosen = deepest(app.get());
      if (chosen == app.get()) {
        // Asked for by a person at a terminal, not a mistake: the overview on stdout, status 0.
        out << overview(*app);
        return 0;
      }
      std::string verbs;
      for (const auto* sub : chosen->get_subcommands({})) {
        verbs += (verbs.empty() ? "" : ", ") + sub->get_name();
      }
      print_error(err, fmt::format("'{}' needs a verb: {}{}", chosen->get_name(), verbs,
                                   usage_hint(chosen)));
      return static_cast<int>(ExitStatus::usage);
    }
    ctx.check_flags();
    ctx.set_need(ctx.action->need);
    if (ctx.action->need == Need::write) {
      // An id printed for a change that then failed to commit would be a lie.
      std::ostringstream held;
      ctx.set_out(held);
      ctx.hold_talk(true);
      ctx.action->run();
      // The record rules before any output: an id is never printed for a
      // change they then refuse.
      ctx.check_records();
      // Output first: if stdout cannot take the id, the change is rolled
      // back, so the exit status never says "failed" about a committed change.
      ctx.set_out(out);
      out << held.str();
      out.flush();
      if (!out) {
        throw Failure("cannot write to standard output; nothing was changed");
      }
      ctx.commit();
      ctx.release_talk();
    } else {
      ctx.action->run();
      ctx.commit();
    }
    ctx.close();
    out.flush();
    return 0;
  } catch (const Error& e) {
    print_error(err, e.what());
    return static_cast<int>(e.status());
  } catch (const std::filesystem::filesystem_error& e) {
    print_error(err, fmt::format("{}: {}", e.path1().string(), e.code().message()));
    return static_cast<int>(ExitStatus::unavailable);
  } catch (const std::exception& e) {
    print_error(err, fmt::format("internal error: {}", e.what()));
    return static_cast<int>(ExitStatus::failed);
  }
}

int run(int argc, char** argv)
{
  std::vector<std::string> args(argv, argv + argc);
  std::ios::sync_with_stdio(false);
  // Past a file size limit (ulimit -f) a write must fail with EFBIG and roll
  // back cleanly, not kill the process with SIGXFSZ.
  ::signal(SIGXFSZ, SIG_IGN);
  int status = run(args, std::cout, std::cerr);
  std::cout.flush();
  if (!std::cout && status == 0) {
    // (A failed run has said what went wrong, standard output included: one error line.)
    std::cerr << "phoihop: error: cannot write to standard output\n";
    return static_cast<int>(ExitStatus::failed);
  }
  return status;
}

} // namespace phoihop::cli
