#pragma once

#include <phoihop/cli/context.hpp>
#include <phoihop/core/date.hpp>
#include <phoihop/core/enums.hpp>
#include <phoihop/core/model.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/report/output.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Small helpers every noun file uses to turn typed arguments into core values.
namespace phoihop::cli {

// One line of text: NFC, trimmed, valid UTF-8, no control characters, at
// most core::k_max_line bytes (UsageError naming `what` otherwise).
std::string text_arg(const std::string& value, const char* what);
// Like text_arg, but an empty result is a UsageError.
std::string required_text(const std::string& value, const char* what);
// Free text (notes, reasons, descriptions, conclusions): as text_arg, but
// newlines and tabs are kept (CRLF becomes LF) and up to core::k_max_text bytes.
std::string long_text_arg(const std::string& value, const char* what);
std::string required_long_text(const std::string& value, const char* what);


// A CLI11 validator refusing an empty value: filters and references must name something.
std::string non_empty(const std::string& value);
// What shell completion offers for the value of an option or a positional
// (`phoihop completion`). The hint rides on the option as an inactive CLI11
// Validator, so the command registry is the one table completion reads:
//   verb->add_option("--status", o->status, "…")->check(offers(core::k_task_status));
enum class Offer {
  file,      // a file name
  agreement, // an agreement code from the database
  org,       // an organisation name from the database
  period,    // the relative period keywords (phoihop-report(1), PERIODS: this-year, last-quarter, …)
  step,      // the sub-period lengths of --each (year, half, quarter, month)
  sent,      // a sent report's number as printed (16/BC-UBND) from the database
};
CLI::Validator offers(const core::EnumSet& set);
// A closed set of words checked by the verb itself (merge --prefer ours|theirs).
CLI::Validator offers(std::initializer_list<std::string_view> words);
CLI::Validator offers(const std::vector<std::string_view>& words);
CLI::Validator offers(Offer what);
// The hints on `option`, in order and without repeats: the words it accepts,
// and "@file", "@agreement" or "@org" for what completion looks up when it runs.
std::vector<std::string> offered(CLI::Option* option);
// What --help calls the value of each option and positional of `app` and its
// subcommands, from the hints above where there are: ORG, REF, FILE, PERIOD,
// the words as a|b|c; else DATE or N by the option's name, else TEXT. An
// option_text given at registration is kept.
void name_values(CLI::App& app);

// Whether `path` is a terminal (--output /dev/tty): only a character
// device is opened, without waiting or creating anything.
bool is_terminal(const std::string& path);

// A date option; empty text means absent.
std::optional<core::Date> date_arg(Context& ctx, const std::string& value, const char* what);

// A date option that must have a value.
core::Date required_date(Context& ctx, const std::string& value, const char* what);

// A record id as typed: 12 or #12.
std::int64_t id_arg(const std::string& text, const char* what);

// The organisation a name mentions, created (and said so on stderr) when new.
core::Organisation mention_org(Context& ctx, const std::string& name, const char* what);

// A decimal number option (the indicator's target or actual); empty means absent.
std::optional<double> number_arg(const std::string& value, const char* what);
// A whole percentage 0–100.
int percent_arg(const std::string& value, const char* what);

// The period a list is limited to: --period P (any form of phoihop-report(1),
// PERIODS, agreement:REF included) or --from/--to (either may be open);
// nullopt when none is given.
std::optional<core::Period> period_option(Context& ctx, const CLI::App* verb,
                                          const std::string& period, const std::string& from,
                                          const std::string& to);

// Throws UsageError naming both values when `from` is after `to`.
void check_order(const core::Date& from, const char* from_what, const core::Date& to,
                 const char* to_what);

// The format of a file written with --output: the one its extension names
// (.md/.markdown, .csv, .json, .toml, .tsv), when --format was not given
// (`given` empty), else `fallback` (the configured default) for a name
// without a known extension. A given --format the extension contradicts, an
// extension of a format this command does not write (one of `formats`), or
// one of a document phoihop does not write (.docx, .xlsx, .html, …) is a
// usage error: a file is never filled with another format than its name says.
// So is "-", which would make a file of that name.
std::string output_format(const std::string& given, const std::string& fallback, const std::string& output,
                          const std::vector<std::string>& formats, std::string_view what);

// True when the option named `name` was given on the command line.
bool given(const CLI::App* verb, const std::string& name);
// The same for an option kept from its registration (add_option's result):
// no search by name, for the verbs a batch or an import runs per line.
inline bool given(const CLI::Option* option)
{
  return option->count() > 0;
}

report::Value date_value(const std::optional<core::Date>& date);

// Where a verb that prints a list or a record (list, show, log, config show,
// db rules, …) writes: stdout, or --output FILE through io::AtomicFile; and
// --bom for CSV. One mechanism for every such verb, so each CSV phoihop
// writes can go to a file, with a byte-order mark, in --csv-dialect's dialect.
struct ListOutput {
  std::string file;
  bool bom = false;
  CLI::Option* output = nullptr; // --output, to ask whether it was given
  std::string what;              // "task list", for messages
};

// Adds --output (described by `help` when given) and --bom to `verb`, kept in `output`.
void add_list_output(CLI::App& verb, ListOutput& output, const char* help = nullptr);

// The format `output` will be written in: --format, else the extension of
// --output (output_format()), else output.format. Checked before anything
// is read: an empty --output, --bom or an explicit --csv-dialect with
// another format than CSV, and a binary format (xlsx) for a terminal are
// usage errors.
std::string list_format(Context& ctx, const ListOutput& output);
// The same checks of --bom and --csv-dialect for any verb writing `format`
// (the reports' too); the configured dialect is checked when it is used.
void check_csv_options(Context& ctx, const std::string& format, bool bom);

// Renders a list or a record (report::render_list/render_show, which pick
// the writer by `format`) to stdout, with the terminal's colour and width,
// or to --output's file whole, undecorated, in place only when complete.
void emit_list(Context& ctx, const ListOutput& output, const std::string& format,
               const std::vector<report::Column>& columns, const std::vector<report::Object>& rows);
void emit_show(Context& ctx, const ListOutput& output, const std::string& format, const report::Object& record);

} // namespace phoihop::cli
