#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/io/config.hpp>
#include <phoihop/io/csv.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/report/output.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/untrusted.hpp>

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace phoihop::cli {

// How much state a verb needs; the runner opens the database accordingly.
enum class Need {
  nothing, // no database (help, config, version)
  read,    // read-only: never creates, migrates or modifies the file
  write,   // read-write in one IMMEDIATE transaction, committed when the verb returns
};

// The global options (phoihop(1), GLOBAL OPTIONS) as typed; empty when not given.
struct GlobalFlags {
  std::string db;
  std::string config;
  std::string format;
  std::string lang;
  std::string color;
  std::string csv_dialect;
  std::string today;
  bool quiet = false;
};

// The verb chosen by the command line, set while parsing.
struct Action {
  std::string path; // "agreement add"
  Need need = Need::nothing;
  std::function<void()> run;
};

// Everything a verb may use: resolved settings (defaults < config file <
// environment < flags, each resolved on first use), the clock, the database
// and the two output streams.
class Context {
public:
  Context(std::ostream& out_stream, std::ostream& err_stream) : err(err_stream), m_out(&out_stream) {}

  GlobalFlags flags;
  std::optional<Action> action;
  std::string command_line; // as typed, for the history
  std::ostream& err;
  // Data goes here; a write verb's output is held back until its commit succeeds.
  std::ostream& out() { return *m_out; }
  void set_out(std::ostream& out) { m_out = &out; }

  const io::Config& config();
  std::string config_path();
  std::string db_path();
  int busy_timeout_ms();
  // The limits of the config file (import.*, merge.*) on what a document or
  // another database may cost to read.
  io::DocumentLimits document_limits();
  store::UntrustedLimits untrusted_limits();
  // The attention list's thresholds (report.stale_months, report.due_soon_days).
  int report_stale_months();
  int report_due_soon_days();
  core::Date today();
  std::string lang();
  std::string list_format();
  std::string report_format();
  // How CSV is written: --csv-dialect, else output.csv_dialect, else rfc4180.
  io::CsvDialect csv_dialect();
  bool color();
  // Colour and the terminal's width for table output: both only when colour
  // is on (a terminal, or --color always); the width is the terminal's, else
  // $COLUMNS, else 0 (no limit).
  report::Style style();

  // The settings in effect with where each came from (default, FILE:LINE,
  // $VARIABLE, --flag), in the order of the config file's keys: `config show`.
  std::vector<std::pair<std::string, io::Setting>> settings();

  // A note for the user on stderr, silenced by -q. During a write it is held
  // until the commit succeeds: "created organisation #3" must not be said of
  // a change that was rolled back.
  void talk(const std::string& message);
  void hold_talk(bool hold) { m_hold_talk = hold; }
  void release_talk();

  // The database, opened on first use as the current verb's need says, so a
  // verb can reject its arguments before any file is touched.
  store::Database& db();
  void set_need(Need need) { m_need = need; }
  // Makes this context one line of `parent`'s batch: it starts from the
  // parent's global flags and shares its settings, clock, notes and database
  // (and so its one transaction).
  void inherit(Context& parent);
  // This context runs one line of a batch (or a CSV row of an import).
  bool in_batch() const { return m_parent != nullptr; }
  // Checks the record rules over what this invocation changed (before its
  // output is released): a broken rule throws, and nothing is printed.
  void check_records();

  // Checks the global flags that do not depend on the verb (--lang, --color,
  // --today), so a bad value is refused whatever the verb does.
  void check_flags();
  // Commits the database (a write's transaction), then runs the steps
  // after_commit() queued, unless the write was rolled back (a dry run).
  void commit();
  // Work that must wait until the invocation's changes are committed: a
  // recorded report's file is put in place only once its record is (a batch
  // line's waits for the whole batch). Dropped if nothing commits.
  void after_commit(std::function<void()> step);
  void close() { m_db.reset(); }
  // Whether this invocation has opened its database (a verb that needs none has not).
  bool database_open() const { return m_parent != nullptr ? m_parent->database_open() : m_db != nullptr; }

private:
  io::Setting db_path_setting();
  io::Setting lang_setting();
  io::Setting color_setting();
  io::Setting csv_dialect_setting();

  Context* m_parent = nullptr;
  std::ostream* m_out;
  std::optional<io::Config> m_config;
  std::string m_config_path;
  std::optional<core::Date> m_today;
  Need m_need = Need::nothing;
  bool m_hold_talk = false;
  std::vector<std::string> m_held_talk;
  std::vector<std::function<void()>> m_after_commit;
  std::unique_ptr<store::Database> m_db;
};

// Reads an environment variable; empty when unset.
std::string env(const char* name);

} // namespace phoihop::cli
