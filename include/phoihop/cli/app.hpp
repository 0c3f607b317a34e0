#pragma once

#include <phoihop/cli/context.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::cli {

// The program: parses `args` (args[0] is the program name), runs the chosen
// verb and maps every error to its fixed exit status in one place.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run(int argc, char** argv);

// The whole command tree with its global options, as CLI11 sees it. Parsing
// fills ctx.flags and ctx.action. Tests walk it to check the man pages.
// `command` ("task", "batch", …), when known, limits the tree to that command.
std::unique_ptr<CLI::App> build_app(Context& ctx, std::string_view command = {});

// The command an argument vector runs (its first word that is not a global
// option or an option's value); empty when there is none.
std::string_view command_of(const std::vector<std::string>& args);

// Follows `args` down the tree as CLI11 would and names the first word it
// does not know, with the closest known one: a mistyped noun, verb or option
// ("unknown command 'tsak'; did you mean 'task'?"). Empty when every word is
// known (the error is about something else).
std::string unknown_word(const CLI::App* root, const std::vector<std::string>& args);
// The one-line message for a CLI11 parse error of `args`: unknown_word(), else CLI11's.
std::string parse_error_message(const CLI::App& app, const std::vector<std::string>& args,
                                const CLI::ParseError& error);

// Adds a noun: one per file under src/cli/, each registered from build_app().
CLI::App* add_noun(CLI::App& app, const std::string& name, const std::string& description);

// Adds a verb under `noun`; when it is chosen, the runner opens the database
// as `need` says, calls `run` and, for writes, commits.
CLI::App* add_verb(CLI::App& noun, Context& ctx, const std::string& name,
                   const std::string& description, Need need, std::function<void()> run);

// One command line of a batch (or a row of an import): its text, and where
// it came from for error messages: "line 12" of a batch, "rows.csv line 7"
// of an import. The place is written out only for a message (where()), not
// for every line that runs.
struct Line {
  std::string text;
  int number = 0;
  std::string_view file; // empty for a batch line
  std::string where() const;
};

// Runs one command, given as words without the program name, inside the
// invocation of `batch`: same settings, same database, same transaction.
// Errors are rethrown with their exit status, prefixed with line.where().
void run_words(Context& batch, const Line& line, std::vector<std::string> words);

// Registration functions, one per noun file.
void register_org(CLI::App& app, Context& ctx);
void register_agreement(CLI::App& app, Context& ctx);
void register_task(CLI::App& app, Context& ctx);
void register_meeting(CLI::App& app, Context& ctx);
void register_award(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
void register_batch(CLI::App& app, Context& ctx);
void register_history(CLI::App& app, Context& ctx);
void register_import(CLI::App& app, Context& ctx);
void register_export(CLI::App& app, Context& ctx);
void register_merge(CLI::App& app, Context& ctx);
void register_db(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_completion(CLI::App& app, Context& ctx);

} // namespace phoihop::cli
