#include <phoihop/cli/app.hpp>
#include <phoihop/cli/batch.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/shell_words.hpp>
#include <phoihop/io/input.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/invariants.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <sstream>
#include <unistd.h>

namespace phoihop::cli {

namespace {

struct BatchOptions {
  std::string file = "-";
  bool dry_run = false;
};


// Physical lines joined where one ends in a lone backslash (a continuation).
std::vector<Line> logical_lines(std::string input)
{
  // A BOM (Notepad writes one) is not part of the first command.
  if (input.rfind("\xEF\xBB\xBF", 0) == 0) {
    input.erase(0, 3);
  }
  std::vector<Line> out;
  std::istringstream in(input);
  std::string physical;
  int number = 0;
  Line pending;
  while (std::getline(in, physical)) {
    ++number;
    if (!physical.empty() && physical.back() == '\r') {
      physical.pop_back();
    }
    if (physical.find('\0') != std::string::npos) {
      throw UsageError(fmt::format("line {}: NUL byte in a batch line", number));
    }
    if (pending.text.empty()) {
      pending.number = number;
    }
    std::size_t slashes = 0;
    while (slashes < physical.size() && physical[physical.size() - 1 - slashes] == '\\') {
      ++slashes;
    }
    if (slashes % 2 == 1) {
      pending.text += physical.substr(0, physical.size() - 1);
      continue;
    }
    pending.text += physical;
    out.push_back(std::move(pending));
    pending = Line{};
  }
  if (!pending.text.empty()) {
    throw UsageError(fmt::format("{}: the last line ends in a backslash, but no line follows",
                                 pending.where()));
  }
  return out;
}

// The same error, with the line it came from: "line 12: … (in: task add …)".
Error on_line(const Line& line, ExitStatus status, const std::string& what)
{
  return Error(status, fmt::format("{}: {} (in: {})", line.where(), what, quote_arg(line.text)));
}

// The line's words; an empty list for a blank line or a comment.
std::vector<std::string> words_of(const Line& line)
{
  try {
    return core::split_shell_words(line.text);
  } catch (const Error& e) {
    throw on_line(line, e.status(), e.what());
  }
}

} // namespace

namespace {

bool same_flags(const GlobalFlags& a, const GlobalFlags& b)
{
  return a.db == b.db && a.config == b.config && a.format == b.format && a.lang == b.lang &&
         a.color == b.color && a.today == b.today && a.quiet == b.quiet;
}

// The options of the verbs (not the global ones, which inherit() resets)
// that the last parse was given. Only a subcommand the parse entered can
// hold one (clear() emptied them all, and no option reads the environment).
void collect_given(const CLI::App& app, std::vector<const CLI::Option*>& out)
{
  for (const auto* sub : app.get_subcommands()) {
    for (const auto* option : sub->get_options()) {
      if (option->count() > 0) {
        out.push_back(option);
      }
    }
    collect_given(*sub, out);
  }
}

bool covers(const std::vector<const CLI::Option*>& now, const std::vector<const CLI::Option*>& before)
{
  return std::all_of(before.begin(), before.end(), [&](const CLI::Option* o) {
    return std::find(now.begin(), now.end(), o) != now.end();
  });
}

} // namespace

std::string Line::where() const
{
  return file.empty() ? fmt::format("line {}", number) : fmt::format("{} line {}", file, number);
}

// The options a line names, sorted, without their values: lines of one
// shape give the same options, so a tree kept for that shape can be reused
// (covers() decides; this only picks the tree to try). Appended to `key`.
void LineRunner::append_shape(const std::vector<std::string>& args, std::string& key)
{
  m_names.clear();
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& w = args[i];
    if (w == "--") {
      break;
    }
    if (w.size() > 1 && w[0] == '-') {
      m_names.push_back(std::string_view(w).substr(0, w.find('=')));
    }
  }
  std::sort(m_names.begin(), m_names.end());
  for (auto name : m_names) {
    key.append(name).push_back(' ');
  }
}

LineRunner::~LineRunner() = default;

std::unique_ptr<LineRunner::Parser> LineRunner::fresh_parser(const std::string& command)
{
  auto p = std::make_unique<Parser>();
  p->ctx = std::make_unique<Context>(m_batch.out(), m_batch.err);
  p->ctx->inherit(m_batch);
  p->app = build_app(*p->ctx, command);
  return p;
}

namespace {

// An option whose every mention takes exactly the one value that follows
// (or that follows '='): CLI11 takes that value without looking at it, and
// does nothing else with it but store it.
bool one_plain_value(const CLI::Option& option)
{
  return option.get_type_size_min() == 1 && option.get_type_size_max() == 1 &&
         option.get_expected_min() == 1 && !option.get_allow_extra_args() &&
         option.get_delimiter() == '\0' && option.get_inject_separator() == 0 &&
         !option.get_trigger_on_parse() && !option.get_force_callback();
}

bool positional(const CLI::Option& option)
{
  return option.get_lnames().empty() && option.get_snames().empty();
}

bool takes_one_value(const CLI::Option& option)
{
  // A vector option that allows no extra arguments takes one per mention.
  const int items_max = option.get_items_expected_max();
  return one_plain_value(option) && !option.get_lnames().empty() &&
         (items_max == 1 || items_max >= CLI::detail::expected_max_vector_size / 16);
}

bool takes_one_value_positional(const CLI::Option& option)
{
  return one_plain_value(option) && positional(option) && option.get_items_expected_max() == 1;
}

} // namespace

// After CLI11 parsed `args` on p's tree: the pattern of the line, kept only
// if it is "noun verb" then options of the verb that take one value, "--"
// and one positional value, and CLI11 put each value where the pattern says.
void LineRunner::learn_pattern(Parser& p, const std::vector<std::string>& args)
{
  p.pattern.clear();
  p.filled.clear();
  auto nouns = p.app->get_subcommands();
  if (args.size() < 5 || nouns.size() != 1 || nouns.front()->get_name() != args[1]) {
    return;
  }
  auto verbs = nouns.front()->get_subcommands();
  if (verbs.size() != 1 || verbs.front()->get_name() != args[2] || !verbs.front()->get_subcommands().empty()) {
    return;
  }
  CLI::App* verb = verbs.front();
  std::vector<Word> pattern{{Word::Kind::same, args[0], nullptr},
                            {Word::Kind::same, args[1], nullptr},
                            {Word::Kind::same, args[2], nullptr}};
  std::map<const CLI::Option*, std::vector<std::string>> values;
  std::size_t i = 3;
  for (; i < args.size() && args[i] != "--"; ++i) {
    const std::string& w = args[i];
    if (w.size() < 3 || w.compare(0, 2, "--") != 0) {
      return;
    }
    const std::size_t eq = w.find('=');
    CLI::Option* option = verb->get_option_no_throw(w.substr(0, eq));
    if (option == nullptr || !takes_one_value(*option)) {
      return;
    }
    if (eq != std::string::npos) {
      if (eq + 1 == w.size()) {
        return; // "--name=" takes the next word instead
      }
      pattern.push_back({Word::Kind::prefixed, w.substr(0, eq + 1), option});
      values[option].push_back(w.substr(eq + 1));
    } else {
      if (i + 1 >= args.size()) {
        return;
      }
      pattern.push_back({Word::Kind::same, w, nullptr});
      pattern.push_back({Word::Kind::value, {}, option});
      values[option].push_back(args[++i]);
    }
  }
  if (i + 2 != args.size()) {
    return;
  }
  pattern.push_back({Word::Kind::same, "--", nullptr});
  CLI::Option* title = nullptr;
  for (CLI::Option* option : verb->get_options()) {
    if (positional(*option) && option->count() > 0) {
      if (title != nullptr) {
        return;
      }
      title = option;
    }
  }
  if (title == nullptr || !takes_one_value_positional(*title)) {
    return;
  }
  pattern.push_back({Word::Kind::value, {}, title});
  values[title].push_back(args.back());
  // What CLI11 did must be what the pattern says, option by option; no
  // option of the noun or of the program was given.
  std::vector<CLI::Option*> filled;
  for (CLI::Option* option : verb->get_options()) {
    auto it = values.find(option);
    const std::vector<std::string> none;
    if (option->results() != (it == values.end() ? none : it->second)) {
      return;
    }
    if (it != values.end()) {
      filled.push_back(option);
    }
  }
  for (const CLI::App* app : {static_cast<const CLI::App*>(p.app.get()), static_cast<const CLI::App*>(nouns.front())}) {
    for (const CLI::Option* option : app->get_options()) {
      if (option->count() > 0) {
        return;
      }
    }
  }
  p.pattern = std::move(pattern);
  p.filled = std::move(filled);
}

bool LineRunner::matches(const Parser& p, const std::vector<std::string>& args)
{
  if (p.pattern.empty() || p.pattern.size() != args.size()) {
    return false;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Word& word = p.pattern[i];
    switch (word.kind) {
    case Word::Kind::same:
      if (args[i] != word.text) {
        return false;
      }
      break;
    case Word::Kind::prefixed:
      if (args[i].size() <= word.text.size() || args[i].compare(0, word.text.size(), word.text) != 0) {
        return false;
      }
      break;
    case Word::Kind::value:
      break;
    }
  }
  return true;
}

// The line's values into the options, then each option's checks and
// callback, as CLI11's parse would run them. Throws CLI11's errors.
void LineRunner::replay(Parser& p, const std::vector<std::string>& args)
{
  p.ctx->inherit(m_batch);
  p.ctx->set_out(m_batch.out());
  for (CLI::Option* option : p.filled) {
    option->clear();
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const Word& word = p.pattern[i];
    if (word.kind == Word::Kind::prefixed) {
      word.option->add_result(args[i].substr(word.text.size()));
    } else if (word.kind == Word::Kind::value) {
      word.option->add_result(args[i]);
    }
  }
  for (CLI::Option* option : p.filled) {
    option->run_callback();
  }
}

void LineRunner::run(const Line& line, std::vector<std::string>& args)
{
  if (args.empty()) {
    return;
  }
  // The program name, as on a command line; one the line wrote is that name
  // ("phoihop task add …" and "task add …" are one command).
  if (args.front() != "phoihop") {
    args.insert(args.begin(), "phoihop");
  }
  std::string_view command = command_of(args);
  auto parse = [&](Parser& p, std::vector<const CLI::Option*>& given) {
    m_argv.clear();
    for (const auto& a : args) {
      m_argv.push_back(a.c_str());
    }
    p.ctx->inherit(m_batch);
    p.ctx->set_out(m_batch.out());
    p.ctx->action.reset();
    p.app->clear();
    p.app->parse(static_cast<int>(m_argv.size()), m_argv.data());
    given.clear();
    collect_given(*p.app, given);
  };
  if (m_parsers.size() > 64) {
    m_parsers.clear(); // lines of many shapes: start again rather than grow
  }
  // A line written as the line before it (a bulk batch or import, row after
  // row) goes to that line's tree without working out its shape.
  std::unique_ptr<Parser>* kept = nullptr;
  if (auto last = m_parsers.find(m_last_key); last != m_parsers.end() && last->second &&
                                              matches(*last->second, args)) {
    kept = &last->second;
  } else {
    m_key.assign(command).push_back('\n');
    append_shape(args, m_key);
    auto found = m_parsers.find(m_key);
    kept = found != m_parsers.end() ? &found->second : &m_parsers[m_key];
    m_last_key = m_key;
  }
  auto& slot = *kept;
  Parser* p = nullptr;
  std::unique_ptr<Parser> once; // a tree for this line alone
  if (slot && matches(*slot, args)) {
    try {
      replay(*slot, args);
      p = slot.get();
    } catch (const CLI::Error&) {
      slot.reset(); // reported below exactly as a fresh tree reports it
    }
  }
  if (slot && p == nullptr) {
    try {
      parse(*slot, m_given);
      if (covers(m_given, slot->given) && same_flags(slot->ctx->flags, m_batch.flags)) {
        slot->given.swap(m_given);
        learn_pattern(*slot, args);
        p = slot.get();
      }
    } catch (const CLI::Error&) {
      // Reported below exactly as a fresh tree reports it.
    }
    if (p == nullptr) {
      slot.reset(); // its variables may hold this line's values now
    }
  }
  if (p == nullptr) {
    auto fresh = fresh_parser(std::string(command));
    try {
      parse(*fresh, fresh->given);
    } catch (const CLI::Success&) {
      throw on_line(line, ExitStatus::usage, "--help and --version are not commands");
    } catch (const CLI::ParseError& e) {
      throw on_line(line, ExitStatus::usage, parse_error_message(*fresh->app, args, e));
    }
    // A line with its own global options (--today …) keeps its context to itself.
    if (same_flags(fresh->ctx->flags, m_batch.flags)) {
      learn_pattern(*fresh, args);
      slot = std::move(fresh);
    } else {
      once = std::move(fresh);
    }
    p = slot ? slot.get() : once.get();
  }
  Context& ctx = *p->ctx;
  if (!ctx.action) {
    throw on_line(line, ExitStatus::usage, "incomplete command: a noun needs a verb");
  }
  if (ctx.action->path.rfind("batch", 0) == 0) {
    throw on_line(line, ExitStatus::usage, "a batch cannot run another batch");
  }
  if (ctx.action->path == "undo") {
    // The whole batch is one invocation: an undo inside it would make the
    // batch itself an undo, and its other changes could never be undone.
    throw on_line(line, ExitStatus::usage, "undo cannot run inside a batch (run it on its own)");
  }
  if (ctx.flags.db != m_batch.flags.db || ctx.flags.config != m_batch.flags.config) {
    throw on_line(line, ExitStatus::usage, "--db and --config belong on the batch command, not a line");
  }
  try {
    ctx.check_flags();
    ctx.action->run();
    if (m_checked != nullptr) {
      if (auto v = store::first_violation(ctx.db(), m_mark, m_checked)) {
        throw v->error();
      }
      m_mark = store::change_mark(ctx.db());
    }
  } catch (const Error& e) {
    throw on_line(line, e.status(), e.what());
  }
}

void LineRunner::check_each_line(const store::Invariant& rule)
{
  m_checked = &rule;
  m_mark = store::change_mark(m_batch.db());
}

void run_lines_checked(Context& batch, const std::function<void(LineRunner&)>& lines)
{
  store::Checkpoint checkpoint(batch.db());
  {
    LineRunner runner(batch);
    lines(runner);
  }
  if (auto broken = checkpoint.violation()) {
    checkpoint.rollback();
    LineRunner runner(batch);
    runner.check_each_line(*broken->rule);
    lines(runner);
    throw broken->error();
  }
}

void run_words(Context& batch, const Line& line, std::vector<std::string> words)
{
  LineRunner(batch).run(line, words);
}

namespace {

void run_batch(Context& ctx, const BatchOptions& o)
{
  auto lines = logical_lines(io::read_input(o.file, "batch file"));
  ctx.db(); // one write transaction for every line
  bool progress = ::isatty(STDERR_FILENO) == 1 && !ctx.flags.quiet && lines.size() >= 2000;
  int commands = 0;
  run_lines_checked(ctx, [&](LineRunner& runner) {
    commands = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      auto words = words_of(lines[i]);
      commands += words.empty() ? 0 : 1;
      runner.run(lines[i], words);
      if (progress && i % 1000 == 0) {
        ctx.err << fmt::format("\rphoihop: batch line {} of {}", i + 1, lines.size()) << std::flush;
      }
    }
  });
  if (progress) {
    ctx.err << "\r\x1b[K" << std::flush;
  }
  if (o.dry_run) {
    ctx.db().rollback();
    ctx.talk(fmt::format("dry run: {} command{} ran without error; nothing was changed", commands,
                         commands == 1 ? "" : "s"));
  } else {
    ctx.talk(fmt::format("batch: {} command{} applied", commands, commands == 1 ? "" : "s"));
  }
}

} // namespace

void register_batch(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<BatchOptions>();
  auto* cmd = app.add_subcommand(
    "batch", "Run many phoihop command lines from FILE (- for stdin) in one process and one "
             "transaction: all apply or none do");
  cmd->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"batch", Need::write, [&ctx, o] { run_batch(ctx, *o); }};
  });
  cmd->add_option("FILE", o->file, "One command per line, shell-style quoting, # comments "
                                   "(default: - for stdin)")
    ->check(offers(Offer::file));
  cmd->add_flag("--dry-run", o->dry_run, "Run every line, print what they print, then roll back");
}

} // namespace phoihop::cli
