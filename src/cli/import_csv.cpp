#include <phoihop/cli/app.hpp>
#include <phoihop/cli/batch.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/import.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/csv.hpp>
#include <phoihop/io/input.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <sstream>
#include <unistd.h>

namespace phoihop::cli {

namespace {

// What a row of each kind becomes: the `add` verb it runs, the field given as
// its positional argument, and the fields given as options (named like the
// options, so a spreadsheet's columns read like the command line). Fields
// that may hold several values (partners) are split on ';'.
struct KindSpec {
  std::vector<std::string> verb;
  std::string positional;
  std::vector<std::string> options;
  std::vector<std::string> multi;
};

const KindSpec& spec_of(const std::string& kind)
{
  static const std::map<std::string, KindSpec> k_specs = {
    {"task",
     {{"task", "add"},
      "title",
      {"agreement", "code", "description", "lead", "partner", "start", "due", "target", "unit",
       "meeting", "note"},
      {"partner"}}},
    {"award",
     {{"award", "add"},
      "recipient",
      {"kind", "unit", "position", "form", "decision", "date", "issuer", "agreement", "meeting",
       "reason", "note"},
      {}}},
    {"org", {{"org", "add"}, "name", {"short", "kind", "parent", "from", "to", "note"}, {}}},
  };
  auto it = k_specs.find(kind);
  if (it == k_specs.end()) {
    if (kind.empty()) {
      throw UsageError("a CSV import needs --kind task, award or org");
    }
    throw core::not_one_of("kind", kind, "--kind", {"task", "award", "org"});
  }
  return it->second;
}

// Headers are matched on their folded form, with _ and - read as spaces,
// so "Due", "DUE" and "due" are one column and "short_name" is "short name".
std::string header_key(const std::string& text)
{
  std::string key = core::fold(text);
  for (char& c : key) {
    if (c == '_' || c == '-') {
      c = ' ';
    }
  }
  return key;
}

char delimiter_of(const std::string& text)
{
  if (text.empty()) {
    return ',';
  }
  if (text == "\\t" || text == "tab" || text == "\t") {
    return '\t';
  }
  if (text.size() != 1 || text == "\"" || text == "\n" || text == "\r") {
    throw UsageError(fmt::format("invalid delimiter {} for --delimiter (one character, such as , ; "
                                 "or tab)",
                                 quote_arg(text)));
  }
  return text[0];
}

} // namespace

void run_csv_import(Context& ctx, const ImportOptions& o)
{
  const auto& spec = spec_of(o.kind);
  io::CsvOptions csv_options;
  csv_options.delimiter = delimiter_of(o.delimiter);
  csv_options.name = o.file;
  auto table = io::read_csv(io::read_input(o.file, {}, import_size_limit(ctx)), csv_options);

  std::map<std::string, std::string> known; // header key → field
  known[header_key(spec.positional)] = spec.positional;
  for (const auto& field : spec.options) {
    known[header_key(field)] = field;
  }
  for (const auto& entry : o.map) {
    auto eq = entry.rfind('=');
    std::string field = eq == std::string::npos ? std::string() : header_key(entry.substr(eq + 1));
    if (eq == std::string::npos || !known.count(field)) {
      throw UsageError(fmt::format("invalid --map {} (expected \"Spreadsheet header=field\" with a "
                                   "field of {})",
                                   quote_arg(entry), o.kind));
    }
    known[header_key(entry.substr(0, eq))] = known[field];
  }
  std::vector<std::string> fields; // per column, empty when skipped
  std::string names;
  for (const auto& [key, field] : known) {
    if (key == header_key(field)) {
      names += (names.empty() ? "" : ", ") + field;
    }
  }
  for (const auto& header : table.header) {
    auto it = known.find(header_key(header));
    if (it == known.end() && !o.skip_unknown) {
      throw UsageError(fmt::format("unknown column {} in {} (known fields for {}: {}; use --map or "
                                   "--skip-unknown)",
                                   quote_arg(header), quote_arg(o.file), o.kind, names));
    }
    fields.push_back(it == known.end() ? std::string() : it->second);
  }
  if (std::find(fields.begin(), fields.end(), spec.positional) == fields.end()) {
    throw UsageError(fmt::format("{} has no {} column (give one, or --map \"Header={}\")",
                                 quote_arg(o.file), spec.positional, spec.positional));
  }

  // Each row runs its `add` inside this invocation's transaction; the ids the
  // adds print are not wanted here, a count on stderr is.
  std::ostringstream discard;
  std::ostream& out = ctx.out();
  ctx.set_out(discard);
  bool progress = ::isatty(STDERR_FILENO) == 1 && !ctx.flags.quiet && table.rows.size() >= 2000;
  // Per column what its cells become: skipped, the positional, or options
  // written "--field=" + value (as one word, so a value such as "-x" stays
  // a value). Worked out once, not per row.
  struct Column {
    bool skip = false;
    bool positional = false;
    bool multi = false;
    bool agreement = false;
    std::string prefix; // "--field="
  };
  std::vector<Column> columns(fields.size());
  for (std::size_t c = 0; c < fields.size(); ++c) {
    Column& column = columns[c];
    column.skip = fields[c].empty();
    column.positional = fields[c] == spec.positional;
    column.multi = std::find(spec.multi.begin(), spec.multi.end(), fields[c]) != spec.multi.end();
    column.agreement = fields[c] == "agreement";
    column.prefix = "--" + fields[c] + "=";
  }
  const bool default_agreement = !o.agreement.empty() && o.kind != "org";
  // The words of a row, reused from row to row with their buffers: the
  // program name, the verb, the options, "--" and the positional value.
  std::vector<std::string> words;
  std::size_t used = 0;
  auto next_word = [&]() -> std::string& {
    if (used == words.size()) {
      words.emplace_back();
    }
    return words[used++];
  };
  std::string buffer; // for a cell clean() changes beyond trimming
  Line line;
  line.file = o.file;
  run_lines_checked(ctx, [&](LineRunner& runner) {
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      used = 0;
      next_word() = "phoihop";
      for (const auto& verb_word : spec.verb) {
        next_word() = verb_word;
      }
      line.text.clear();
      bool agreement_given = false;
      for (std::size_t c = 0; c < row.size(); ++c) {
        const Column& column = columns[c];
        const std::string_view value = core::clean_view(row[c], buffer, "cell");
        if (column.skip || value.empty()) {
          continue;
        }
        if (column.positional) {
          line.text = value;
          continue;
        }
        agreement_given = agreement_given || column.agreement;
        if (column.multi) {
          for (const auto& part : core::split_list(value, ';')) {
            next_word().assign(column.prefix).append(part);
          }
        } else {
          next_word().assign(column.prefix).append(value);
        }
      }
      if (!agreement_given && default_agreement) {
        next_word().assign("--agreement=").append(o.agreement);
      }
      // The options first, then "--" and the positional value: a cell such as
      // "-x", "--help" or "--code=X" is a title (recipient, name), not an option.
      next_word() = "--";
      next_word() = line.text;
      words.resize(used);
      line.number = table.row_lines[r];
      if (line.text.empty()) {
        ctx.set_out(out);
        throw UsageError(fmt::format("{}: the {} is empty", line.where(), spec.positional));
      }
      try {
        runner.run(line, words);
      } catch (...) {
        ctx.set_out(out);
        throw;
      }
      if (progress && r % 1000 == 0) {
        ctx.err << fmt::format("\rphoihop: import row {} of {}", r + 1, table.rows.size()) << std::flush;
      }
    }
  });
  if (progress) {
    ctx.err << "\r\x1b[K" << std::flush;
  }
  ctx.set_out(out);
  ctx.talk(fmt::format("imported {} {}{} from {}", table.rows.size(),
                       o.kind == "org" ? "organisation" : o.kind, table.rows.size() == 1 ? "" : "s",
                       o.file));
}

} // namespace phoihop::cli
