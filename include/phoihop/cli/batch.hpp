#pragma once

#include <phoihop/cli/app.hpp>
#include <phoihop/cli/context.hpp>
#include <phoihop/store/invariants.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::cli {

// Runs many commands in the invocation of `batch`, as run_words() does one:
// same settings, same database, same transaction, the same checks as on the
// command line. Building a noun's command tree is most of what one line
// costs, so a tree is built once for each noun and shape of line (the
// options it names) and parsed again for every line of that shape. A tree
// is reused only when that cannot change the outcome:
// every option the previous line gave is given again (so no value of the
// previous line is left in the variables CLI11 fills) and the line sets no
// global option; otherwise the line gets a fresh tree, as run_words() would.
//
// A line written exactly as the last one of its tree but for its values
// ("noun verb --a=V --b V -- V", options of the verb that take one value
// each) is not parsed again: its values go to the options CLI11 gave the
// last line's (recorded after that parse, and checked against what CLI11
// did with it), and the options' own checks and callbacks run as a parse
// runs them. Any error there sends the line through CLI11 on a fresh tree,
// so that its message is CLI11's.
class LineRunner {
public:
  explicit LineRunner(Context& batch) : m_batch(batch) {}
  LineRunner(const LineRunner&) = delete;
  LineRunner& operator=(const LineRunner&) = delete;
  ~LineRunner();

  // `args` are the line's words, with or without the program name first;
  // run() may change them (a caller can reuse the vector and its strings).
  // Errors are rethrown with their exit status, prefixed with line.where().
  void run(const Line& line, std::vector<std::string>& args);

  // From now on `rule` is checked after every line, so the line breaking it
  // is named: the second pass of store::Checkpoint.
  void check_each_line(const store::Invariant& rule);

private:
  // The words of the last line a tree parsed, as a pattern for the next:
  // the words that must be equal, and where the values go.
  struct Word {
    enum class Kind { same, prefixed, value } kind = Kind::same;
    std::string text;                // `same`: the word; `prefixed`: "--name="
    CLI::Option* option = nullptr;   // where a value goes (prefixed, value)
  };
  struct Parser {
    std::unique_ptr<Context> ctx;
    std::unique_ptr<CLI::App> app;
    std::vector<const CLI::Option*> given; // by the last line it parsed
    std::vector<Word> pattern;             // empty: the next line is parsed
    std::vector<CLI::Option*> filled;      // the options the pattern fills, in the verb's order
  };
  std::unique_ptr<Parser> fresh_parser(const std::string& command);
  static void learn_pattern(Parser& p, const std::vector<std::string>& args);
  static bool matches(const Parser& p, const std::vector<std::string>& args);
  void replay(Parser& p, const std::vector<std::string>& args);
  void append_shape(const std::vector<std::string>& args, std::string& key);
  Context& m_batch;
  // By command (the noun) and the shape of the line (the options it names).
  std::map<std::string, std::unique_ptr<Parser>, std::less<>> m_parsers;
  // Reused from line to line, so that a line allocates nothing for them.
  std::string m_key;
  std::string m_last_key; // of the tree the last line went to
  std::vector<std::string_view> m_names;
  std::vector<const char*> m_argv;
  std::vector<const CLI::Option*> m_given;
  const store::Invariant* m_checked = nullptr;
  long long m_mark = 0;
};

// Runs `lines` (given a LineRunner) under a store::Checkpoint: the record
// rules are checked once over everything they changed; when one is broken,
// they run again on a fresh runner that checks after each line, so the
// error names the line that broke it.
void run_lines_checked(Context& batch, const std::function<void(LineRunner&)>& lines);

} // namespace phoihop::cli
