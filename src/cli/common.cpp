#include <phoihop/cli/common.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/model.hpp>
#include <phoihop/core/sent.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/agreement_store.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <functional>
#include <ostream>
#include <cmath>
#include <stdexcept>

namespace phoihop::cli {

std::string text_arg(const std::string& value, const char* what)
{
  return core::checked_text(value, what, false);
}

std::string required_text(const std::string& value, const char* what)
{
  std::string text = text_arg(value, what);
  if (text.empty()) {
    throw UsageError(fmt::format("{} is empty", what));
  }
  return text;
}

std::string long_text_arg(const std::string& value, const char* what)
{
  return core::checked_text(value, what, true);
}

std::string required_long_text(const std::string& value, const char* what)
{
  std::string text = long_text_arg(value, what);
  if (text.empty()) {
    throw UsageError(fmt::format("{} is empty", what));
  }
  return text;
}

std::string non_empty(const std::string& value)
{
  return value.empty() ? std::string("the value is empty") : std::string();
}

namespace {

// A hint is an inactive Validator (it never runs) whose name carries the words.
constexpr std::string_view k_hint_prefix = "complete:";

CLI::Validator hint(const std::vector<std::string_view>& words)
{
  std::string name(k_hint_prefix);
  for (auto word : words) {
    name += std::string(word) + '\n';
  }
  CLI::Validator validator;
  validator.name(name);
  validator.active(false);
  return validator;
}

} // namespace

CLI::Validator offers(const core::EnumSet& set)
{
  return hint(set.values);
}

CLI::Validator offers(std::initializer_list<std::string_view> words)
{
  return hint(words);
}

CLI::Validator offers(const std::vector<std::string_view>& words)
{
  return hint(words);
}

CLI::Validator offers(Offer what)
{
  switch (what) {
  case Offer::file:
    return hint({"@file"});
  case Offer::agreement:
    return hint({"@agreement"});
  case Offer::org:
    return hint({"@org"});
  case Offer::sent:
    return hint({"@sent"});
  case Offer::period:
    // The English keywords core::parse_period reads relative to today (phoihop-report(1), PERIODS).
    return hint({"this-year", "last-year", "this-quarter", "last-quarter", "this-month", "last-month"});
  case Offer::step:
    return hint({core::step_name(core::Step::year), core::step_name(core::Step::half),
                 core::step_name(core::Step::quarter), core::step_name(core::Step::month)});
  }
  return hint({});
}

std::vector<std::string> offered(CLI::Option* option)
{
  std::vector<std::string> words;
  // CLI11 2.1 lists an option's validators only by index, throwing past the last.
  for (int i = 0;; ++i) {
    const CLI::Validator* validator = nullptr;
    try {
      validator = option->get_validator(i);
    } catch (const CLI::OptionNotFound&) {
      break;
    }
    std::string_view name = validator->get_name();
    if (name.substr(0, k_hint_prefix.size()) != k_hint_prefix) {
      continue;
    }
    name.remove_prefix(k_hint_prefix.size());
    for (std::size_t end = name.find('\n'); end != std::string_view::npos; end = name.find('\n')) {
      std::string word(name.substr(0, end));
      if (std::find(words.begin(), words.end(), word) == words.end()) {
        words.push_back(word);
      }
      name.remove_prefix(end + 1);
    }
  }
  return words;
}

namespace {

// The name of a value no hint describes, from the option's name.
std::string value_name_by_option(const CLI::Option* option)
{
  static const std::string_view k_dates[] = {"active-on", "date", "date-issued", "due", "due-before", "from",
                                             "on", "signed", "since", "start", "to", "until"};
  static const std::string_view k_numbers[] = {"actual", "id", "limit", "meeting", "progress",
                                               "target"};
  for (const auto& name : option->get_lnames()) {
    if (std::find(std::begin(k_dates), std::end(k_dates), name) != std::end(k_dates)) {
      return "DATE";
    }
    if (std::find(std::begin(k_numbers), std::end(k_numbers), name) != std::end(k_numbers)) {
      return "N";
    }
  }
  return "TEXT";
}

std::string value_name(CLI::Option* option)
{
  auto words = offered(option);
  bool positional = option->get_lnames().empty() && option->get_snames().empty();
  if (positional && (words.empty() || words.front().front() == '@')) {
    return {}; // its own name (REF, ORG, FILE, TITLE) already says what it is
  }
  auto has = [&words](std::string_view word) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  if (has("@org")) {
    return "ORG";
  }
  if (has("@agreement")) {
    return "REF";
  }
  if (has("@file")) {
    return "FILE";
  }
  if (has("this-year")) {
    return "PERIOD";
  }
  if (!words.empty()) {
    std::string joined;
    for (const auto& word : words) {
      joined += (joined.empty() ? "" : "|") + word;
    }
    return joined;
  }
  return value_name_by_option(option);
}

} // namespace

void name_values(CLI::App& app)
{
  for (auto* option : app.get_options()) {
    if (option->get_option_text().empty() && option->get_expected_min() > 0) {
      std::string name = value_name(option);
      option->type_name(name);
      // `--due "$DUE"` with DUE unset is a script's bug, not "no date": a date
      // option never takes an empty value, except in `edit`, where an empty
      // value is the documented way to clear an optional date.
      if (name == "DATE" && app.get_name() != "edit") {
        option->check(CLI::Validator(
          [](std::string& value) { return value.empty() ? std::string("an empty value is not a date") : std::string(); },
          "", "not empty"));
      }
    }
  }
  for (auto* sub : app.get_subcommands({})) {
    name_values(*sub);
  }
}

std::optional<core::Date> date_arg(Context& ctx, const std::string& value, const char* what)
{
  if (value.empty()) {
    return std::nullopt;
  }
  return core::parse_date(value, ctx.today(), what);
}

core::Date required_date(Context& ctx, const std::string& value, const char* what)
{
  if (value.empty()) {
    throw UsageError(fmt::format("{} needs a date", what));
  }
  return core::parse_date(value, ctx.today(), what);
}

std::int64_t id_arg(const std::string& text, const char* what)
{
  auto id = core::parse_id(text);
  if (!id) {
    throw UsageError(fmt::format("invalid {} {} (expected a number)", what, quote_arg(text)));
  }
  return *id;
}

core::Organisation mention_org(Context& ctx, const std::string& name, const char* what)
{
  bool created = false;
  auto org = store::OrgStore(ctx.db()).resolve_or_create(required_text(name, what), &created);
  if (created) {
    ctx.talk(fmt::format("created organisation {}", store::describe(org)));
  }
  return org;
}

std::optional<double> number_arg(const std::string& value, const char* what)
{
  if (value.empty()) {
    return std::nullopt;
  }
  std::size_t used = 0;
  double number = 0;
  try {
    // Offices write decimals with a comma as often as with a point.
    std::string text = value;
    std::replace(text.begin(), text.end(), ',', '.');
    // Plain decimals only: std::stod would also take leading spaces, hex
    // (0x10 = 16), "inf" and "nan".
    bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    });
    if (!plain) {
      throw std::invalid_argument(value);
    }
    number = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(number)) {
      throw std::invalid_argument(value);
    }
  } catch (const std::logic_error&) {
    throw UsageError(fmt::format("invalid number {} for {}", quote_arg(value), what));
  }
  return number;
}

int percent_arg(const std::string& value, const char* what)
{
  int percent = -1;
  bool digits = !value.empty() && value.size() <= 3 &&
                std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) {
    percent = std::stoi(value);
  }
  if (percent < 0 || percent > 100) {
    throw UsageError(fmt::format("invalid percentage {} for {} (expected a whole number from 0 to 100)",
                                 quote_arg(value), what));
  }
  return percent;
}

std::optional<core::Period> period_option(Context& ctx, const CLI::App* verb,
                                          const std::string& period, const std::string& from,
                                          const std::string& to)
{
  bool by_period = given(verb, "--period");
  bool by_dates = given(verb, "--from") || given(verb, "--to");
  if (by_period && by_dates) {
    throw UsageError("give either --period or --from/--to, not both");
  }
  if (by_period) {
    auto lookup = [&ctx](const std::string& ref) {
      auto a = store::AgreementStore(ctx.db()).resolve(ref);
      // The term as agreed (2018-2022), not cut short by a renewal or an early end.
      return core::Period{a.start, a.end, "agreement:" + ref};
    };
    return core::parse_period(text_arg(period, "--period"), ctx.today(), lookup, "--period");
  }
  if (!by_dates) {
    return std::nullopt;
  }
  core::Date first = from.empty() ? core::Date{1, 1, 1} : required_date(ctx, from, "--from");
  core::Date last = to.empty() ? core::Date{9999, 12, 31} : required_date(ctx, to, "--to");
  return core::period_from_dates(first, last, "--from/--to");
}

void check_order(const core::Date& from, const char* from_what, const core::Date& to,
                 const char* to_what)
{
  if (to < from) {
    throw UsageError(fmt::format("{} {} is before {} {}", to_what, to.iso(), from_what, from.iso()));
  }
}

bool given(const CLI::App* verb, const std::string& name)
{
  // The long names compared as they are (no option sets ignore_case or
  // ignore_underscore): CLI11's own lookup copies and normalises every
  // name of every option on each call, most of what a batch line cost.
  if (name.size() > 2 && name[0] == '-' && name[1] == '-') {
    std::string_view bare = std::string_view(name).substr(2);
    for (const CLI::Option* option : verb->get_options()) {
      for (const auto& lname : option->get_lnames()) {
        if (lname == bare) {
          return option->count() > 0;
        }
      }
    }
  }
  return verb->count(name) > 0; // other names, and CLI11's error for an unknown one
}

report::Value date_value(const std::optional<core::Date>& date)
{
  return date ? report::Value(date->iso()) : report::Value();
}

std::string output_format(const std::string& given, const std::string& fallback, const std::string& output,
                          const std::vector<std::string>& formats, std::string_view what)
{
  // "-" is standard output elsewhere (import -), never a file of that name.
  if (output == "-") {
    throw UsageError("--output -: standard output is where the output goes without --output; give a file name");
  }
  // The extension of the file's own name, in ASCII lower case.
  std::string name = output.substr(output.find_last_of('/') + 1);
  std::size_t dot = name.find_last_of('.');
  std::string extension = dot == std::string::npos || dot == 0 ? std::string() : name.substr(dot + 1);
  for (auto& c : extension) {
    c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  static const std::vector<std::pair<std::string_view, std::string_view>> k_extensions = {
    {"md", "md"}, {"markdown", "md"}, {"csv", "csv"}, {"json", "json"}, {"toml", "toml"}, {"tsv", "tsv"},
    // Documents phoihop does not write: refused, never filled with Markdown.
    {"docx", "docx"}, {"doc", ""}, {"docm", ""}, {"dotx", ""}, {"dotm", ""}, {"rtf", ""}, {"odt", ""},
    {"xlsx", "xlsx"}, {"xlsm", ""}, {"xlsb", ""}, {"xls", ""}, {"ods", ""}, {"html", "html"}, {"htm", "html"},
    {"pdf", ""},
  };
  auto known = std::find_if(k_extensions.begin(), k_extensions.end(),
                            [&](const auto& entry) { return entry.first == extension; });
  if (known == k_extensions.end()) {
    return given.empty() ? fallback : given;
  }
  std::string named(known->second);
  if (named.empty() || std::find(formats.begin(), formats.end(), named) == formats.end()) {
    throw UsageError(fmt::format("--output {}: {} writes {}, not .{} files", quote_arg(output), what,
                                 fmt::join(formats, ", "), extension));
  }
  if (!given.empty() && given != named) {
    throw UsageError(fmt::format("--format {} contradicts --output {} (a .{} file): give one, or make them agree",
                                 given, quote_arg(output), extension));
  }
  return named;
}

// Whether `path` is a terminal (--output /dev/tty): opened without waiting
// or creating anything.
bool is_terminal(const std::string& path)
{
  // Only a character device is opened: opening a FIFO would hand its reader
  // an end of file before the report is written.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) {
    return false;
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  bool terminal = ::isatty(fd) == 1;
  ::close(fd);
  return terminal;
}

void add_list_output(CLI::App& verb, ListOutput& output, const char* help)
{
  // The command's words, "report sent list", from the verb up to the root.
  output.what = verb.get_name();
  for (const CLI::App* up = verb.get_parent(); up != nullptr && up->get_parent() != nullptr; up = up->get_parent()) {
    output.what = up->get_name() + " " + output.what;
  }
  output.output = verb.add_option("--output", output.file,
                                  help != nullptr ? help
                                                  : "Write to FILE atomically (a temporary file renamed over it) "
                                                    "instead of stdout; its extension (.csv, .tsv, .json) picks "
                                                    "the format")
                    ->check(offers(Offer::file));
  verb.add_flag("--bom", output.bom, "Start CSV with a UTF-8 byte-order mark (for Excel)");
}

std::string list_format(Context& ctx, const ListOutput& output)
{
  std::string format = ctx.list_format();
  const bool to_file = output.output != nullptr && given(output.output);
  if (to_file) {
    if (text_arg(output.file, "--output").empty()) {
      throw UsageError("--output is empty");
    }
    format = output_format(ctx.flags.format.empty() ? std::string() : format, format, output.file,
                           {"table", "csv", "tsv", "json", "xlsx"}, output.what);
  }
  check_csv_options(ctx, format, output.bom);
  if (core::is_binary_format(format) && (to_file ? is_terminal(output.file) : ::isatty(STDOUT_FILENO) == 1)) {
    throw UsageError(fmt::format("a .{0} is not for a terminal: give --output FILE.{0}, or redirect the output",
                                 format));
  }
  return format;
}

void check_csv_options(Context& ctx, const std::string& format, bool bom)
{
  if (format == "csv") {
    ctx.csv_dialect();
    return;
  }
  if (bom) {
    throw UsageError(fmt::format("--bom is for CSV output (--format csv), not {}", format));
  }
  if (!ctx.flags.csv_dialect.empty()) {
    throw UsageError(fmt::format("--csv-dialect {} is for CSV output (--format csv), not {}", ctx.flags.csv_dialect,
                                 format));
  }
}

namespace {

// `render` to stdout, or to the file through an AtomicFile put in place
// once the whole of it is written and the database snapshot is still the
// one read.
void emit(Context& ctx, const ListOutput& output,
          const std::function<void(std::ostream&, const report::Style&, const io::CsvStyle&)>& render)
{
  const io::CsvStyle csv{ctx.csv_dialect(), output.bom};
  if (output.output == nullptr || !given(output.output)) {
    render(ctx.out(), ctx.style(), csv);
    return;
  }
  io::AtomicFile file(output.file);
  io::AtomicFileBuffer buffer(file);
  std::ostream out(&buffer);
  // A file gets no terminal decoration, but the same day (a workbook's date).
  report::Style style;
  style.today = ctx.today();
  render(out, style, csv);
  out.flush();
  if (ctx.database_open()) {
    ctx.db().verify_snapshot();
  }
  file.commit();
}

} // namespace

void emit_list(Context& ctx, const ListOutput& output, const std::string& format,
               const std::vector<report::Column>& columns, const std::vector<report::Object>& rows)
{
  emit(ctx, output, [&](std::ostream& out, const report::Style& style, const io::CsvStyle& csv) {
    report::render_list(out, format, columns, rows, style, csv);
  });
}

void emit_show(Context& ctx, const ListOutput& output, const std::string& format, const report::Object& record)
{
  emit(ctx, output, [&](std::ostream& out, const report::Style& style, const io::CsvStyle& csv) {
    report::render_show(out, format, record, style, csv);
  });
}

} // namespace phoihop::cli
