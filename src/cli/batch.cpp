#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/shell_words.hpp>
#include <phoihop/store/database.hpp>

#include <fmt/format.h>

#include <fstream>
#include <iostream>
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
      pending.where = fmt::format("line {}", number);
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
                                 pending.where));
  }
  return out;
}

std::string read_input(const std::string& file)
{
  std::stringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw UsageError(fmt::format("cannot read batch file '{}'", file));
  }
  text << in.rdbuf();
  return text.str();
}

// The same error, with the line it came from: "line 12: … (in: task add …)".
Error on_line(const Line& line, ExitStatus status, const std::string& what)
{
  return Error(status, fmt::format("{}: {} (in: {})", line.where, what, quote_arg(line.text)));
}

void run_line(Context& batch, const Line& line)
{
  std::vector<std::string> words;
  try {
    words = core::split_shell_words(line.text);
  } catch (const Error& e) {
    throw on_line(line, e.status(), e.what());
  }
  run_words(batch, line, std::move(words));
}

} // namespace

void run_words(Context& batch, const Line& line, std::vector<std::string> words)
{
  if (words.empty()) {
    return;
  }
  if (words.front() == "phoihop") {
    words.erase(words.begin());
  }
  Context ctx(batch.out(), batch.err);
  ctx.inherit(batch);
  std::vector<std::string> args{"phoihop"};
  args.insert(args.end(), words.begin(), words.end());
  auto app = build_app(ctx, command_of(args));
  std::vector<const char*> argv{"phoihop"};
  for (const auto& w : words) {
    argv.push_back(w.c_str());
  }
  try {
    app->parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::Success&) {
    throw on_line(line, ExitStatus::usage, "--help and --version are not commands");
  } catch (const CLI::ParseError& e) {
    throw on_line(line, ExitStatus::usage, e.what());
  }
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
  if (ctx.flags.db != batch.flags.db || ctx.flags.config != batch.flags.config) {
    throw on_line(line, ExitStatus::usage, "--db and --config belong on the batch command, not a line");
  }
  try {
    ctx.check_flags();
    ctx.action->run();
  } catch (const Error& e) {
    throw on_line(line, e.status(), e.what());
  } catch (const std::exception& e) {
    if (auto translated = store::translate_exception(e, batch.db_path())) {
      throw on_line(line, translated->status(), translated->what());
    }
    throw;
  }
}

namespace {

void run_batch(Context& ctx, const BatchOptions& o)
{
  auto lines = logical_lines(read_input(o.file));
  ctx.db(); // one write transaction for every line
  bool progress = ::isatty(STDERR_FILENO) == 1 && !ctx.flags.quiet && lines.size() >= 2000;
  int commands = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    run_line(ctx, lines[i]);
    commands += core::split_shell_words(lines[i].text).empty() ? 0 : 1;
    if (progress && i % 1000 == 0) {
      ctx.err << fmt::format("\rphoihop: batch line {} of {}", i + 1, lines.size()) << std::flush;
    }
  }
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
                                   "(default: - for stdin)");
  cmd->add_flag("--dry-run", o->dry_run, "Run every line, print what they print, then roll back");
}

} // namespace phoihop::cli
