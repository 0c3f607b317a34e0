#include <phoihop/io/csv.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <utility>

namespace phoihop::io {

namespace {

// Excel's "CSV UTF-8" writes one; it is not part of the first header name.
constexpr std::string_view k_bom = "\xEF\xBB\xBF";
constexpr char k_quote = '"';

std::string plural(std::size_t count, std::string_view word)
{
  return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s");
}

// Reports invalid UTF-8 and NUL bytes by physical line, so that the user can
// find them in an editor; the cheap whole-input check keeps valid files (the
// common case) at one pass.
void check_encoding(std::string_view text, const std::string& name)
{
  if (core::is_valid_utf8(text)) {
    return;
  }
  int line = 1;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    // CR and LF never occur inside a multi-byte sequence, so every
    // well-formed file is well-formed line by line.
    const std::string_view part = text.substr(start, end - start);
    if (part.find('\0') != std::string_view::npos) {
      throw UsageError(fmt::format("NUL byte on line {} of {}", line, quote_arg(name)));
    }
    if (!core::is_valid_utf8(part)) {
      throw UsageError(fmt::format("invalid UTF-8 on line {} of {}", line, quote_arg(name)));
    }
    if (end == text.size()) {
      break;
    }
    start = end + 1;
    if (text[end] == '\r' && start < text.size() && text[start] == '\n') {
      ++start;
    }
    ++line;
  }
}

struct Record {
  std::vector<std::string> fields;
  int line = 0;
  // An empty physical line: no field text, not even "". Only these are
  // dropped at the end of the file; `""` is a real record with one empty cell.
  bool blank = false;
};

// A single forward pass over the (already validated) text, counting physical
// lines as it goes: CR LF, LF and a lone CR each end one line, inside quotes
// too, so line numbers agree with what an editor shows.
class Parser {
public:
  // `simple`: the whole text is core::is_simple_nfc(), so is every field.
  Parser(std::string_view text, const CsvOptions& options, bool simple)
    : m_text(text), m_options(options), m_simple(simple)
  {
  }

  bool at_end() const { return m_pos == m_text.size(); }

  Record next_record()
  {
    Record record;
    record.line = m_line;
    if (at_line_break()) {
      consume_line_break();
      record.blank = true;
      record.fields.emplace_back();
      return record;
    }
    for (;;) {
      const int field = static_cast<int>(record.fields.size()) + 1;
      std::string raw;
      // A delimiter at the very end leaves an empty last field, and nothing to look at.
      if (!at_end() && m_text[m_pos] == k_quote) {
        read_quoted(raw, field);
      } else {
        read_unquoted(raw, field);
      }
      // The text was validated whole, so nfc() cannot fail here.
      if (!m_simple) {
        core::nfc_in_place(raw, "CSV field");
      }
      record.fields.push_back(std::move(raw));
      if (at_end()) {
        return record;
      }
      if (m_text[m_pos] == m_options.delimiter) {
        // A delimiter just before the end or a line break leaves one more,
        // empty, field: the next pass reads it.
        ++m_pos;
        continue;
      }
      consume_line_break();
      return record;
    }
  }

private:
  bool at_line_break() const
  {
    return !at_end() && (m_text[m_pos] == '\n' || m_text[m_pos] == '\r');
  }

  void consume_line_break()
  {
    if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') {
      ++m_pos;
    }
    ++m_pos;
    ++m_line;
  }

  std::string where(int line, int field) const
  {
    return fmt::format("line {} of {} (field {})", line, quote_arg(m_options.name), field);
  }

  void read_unquoted(std::string& out, int field)
  {
    const std::size_t start = m_pos;
    while (!at_end()) {
      const char c = m_text[m_pos];
      if (c == m_options.delimiter || c == '\n' || c == '\r') {
        break;
      }
      if (c == k_quote) {
        // RFC 4180 leaves `ab"c` undefined; readers disagree on it, so
        // refusing is the only answer that never silently changes a value.
        throw UsageError(fmt::format("quote inside an unquoted field on {}: quote the whole field and "
                                     "double the quote (\"\")",
                                     where(m_line, field)));
      }
      ++m_pos;
    }
    out.assign(m_text.substr(start, m_pos - start));
  }

  void read_quoted(std::string& out, int field)
  {
    const int opened_on = m_line;
    ++m_pos; // the opening quote
    for (;;) {
      if (at_end()) {
        throw UsageError(
          fmt::format("unclosed quote: the quoted field that starts on {} never ends", where(opened_on, field)));
      }
      const char c = m_text[m_pos];
      if (c == k_quote) {
        if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == k_quote) {
          out += k_quote;
          m_pos += 2;
          continue;
        }
        ++m_pos; // the closing quote
        break;
      }
      if (c == '\n' || c == '\r') {
        // One spelling of a line break in cells: a file saved on Windows and
        // the same file saved on Linux give equal values.
        consume_line_break();
        out += '\n';
        continue;
      }
      out += c;
      ++m_pos;
    }
    if (at_end() || at_line_break() || m_text[m_pos] == m_options.delimiter) {
      return;
    }
    // Show what follows up to the next field or line; cutting at these ASCII
    // bytes keeps the shown text well-formed.
    std::size_t end = m_pos;
    while (end < m_text.size() && m_text[end] != m_options.delimiter && m_text[end] != '\n' &&
           m_text[end] != '\r') {
      ++end;
    }
    throw UsageError(fmt::format("unexpected {} after the closing quote on {}: a quoted field must end at the "
                                 "delimiter or the end of the line",
                                 quote_arg(std::string(m_text.substr(m_pos, end - m_pos))), where(m_line, field)));
  }

  std::string_view m_text;
  const CsvOptions& m_options;
  bool m_simple = false;
  std::size_t m_pos = 0;
  int m_line = 1;
};

void check_delimiter(char delimiter)
{
  const auto byte = static_cast<unsigned char>(delimiter);
  // A quote or line break would make the grammar ambiguous; a byte >= 0x80
  // would split UTF-8 sequences.
  if (delimiter == k_quote || delimiter == '\n' || delimiter == '\r' || byte == 0 || byte >= 0x80) {
    throw UsageError(fmt::format("invalid CSV delimiter {}: use one ASCII character other than a quote or "
                                 "a line break",
                                 quote_arg(std::string(1, delimiter))));
  }
}

void check_header(const Record& header, const std::string& name)
{
  // Trimmed names are what a caller matches against, so " a" and "a" would
  // be the same column to it.
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string trimmed = core::clean(header.fields[i], "CSV header");
    if (trimmed.empty()) {
      throw UsageError(fmt::format("empty name in column {} of the header (line {}) of {}", i + 1, header.line,
                                   quote_arg(name)));
    }
    const auto [it, inserted] = seen.emplace(std::move(trimmed), i);
    if (!inserted) {
      throw UsageError(fmt::format("duplicate name {} in columns {} and {} of the header (line {}) of {}",
                                   quote_arg(it->first), it->second + 1, i + 1, header.line, quote_arg(name)));
    }
  }
}

// Digits with at most one point, an exponent and a percent sign: what a
// spreadsheet reads as a number after a sign.
bool is_decimal(std::string_view text)
{
  std::size_t i = 0;
  std::size_t digits = 0;
  auto run = [&] {
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      ++i;
      ++digits;
    }
  };
  run();
  if (i < text.size() && text[i] == '.') {
    ++i;
    run();
  }
  if (digits == 0) {
    return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    const std::size_t mantissa = digits;
    run();
    if (digits == mantissa) {
      return false;
    }
  }
  // A percentage ("-5%") is a number too.
  return i == text.size() || (i + 1 == text.size() && text[i] == '%');
}

// The apostrophe both LibreOffice Calc and Excel take as "this cell is text".
constexpr char k_guard = '\'';

} // namespace

CsvDialect csv_dialect(std::string_view name, std::string_view what)
{
  return core::k_csv_dialect.check(name, what) == "excel-vi" ? CsvDialect::excel_vi
                                                                              : CsvDialect::rfc4180;
}

std::string_view csv_dialect_name(CsvDialect dialect)
{
  return dialect == CsvDialect::excel_vi ? "excel-vi" : "rfc4180";
}

bool runs_as_formula(std::string_view text)
{
  const std::size_t start = text.find_first_not_of("\t\r\n");
  if (start == std::string_view::npos) {
    return false;
  }
  text.remove_prefix(start);
  const char first = text.front();
  if ((first != '=' && first != '+' && first != '-' && first != '@') || text.size() == 1) {
    return false;
  }
  if (first == '=') {
    return true;
  }
  if (first != '@' && is_decimal(text.substr(1))) {
    return false;
  }
  if (text[1] == ' ') {
    // Tested with LibreOffice Calc 7.4: none of +, - or @ starts a formula
    // there; Excel runs them, but what follows a space must still be an
    // operand, and a word is one only as a name (#NAME?), with no call.
    const std::size_t word = text.find_first_not_of(' ', 1);
    const auto c = word == std::string_view::npos ? 0 : static_cast<unsigned char>(text[word]);
    const bool letter = c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return !letter || text.find_first_of("(|") != std::string_view::npos;
  }
  return true;
}

void append_csv_text(std::string& out, std::string_view text, char separator)
{
  // A plain loop: find_first_of calls memchr for every character, which a
  // long listing feels.
  const bool plain = std::none_of(text.begin(), text.end(), [separator](char c) {
    return c == separator || c == k_quote || c == '\r' || c == '\n';
  });
  if (!plain) {
    out += k_quote;
  }
  if (runs_as_formula(text)) {
    out += k_guard;
  }
  if (plain) {
    out += text;
    return;
  }
  for (char c : text) {
    if (c == k_quote) {
      out += k_quote;
    }
    out += c;
  }
  out += k_quote;
}

void append_csv_number(std::string& out, std::string_view number, CsvDialect dialect)
{
  if (dialect == CsvDialect::rfc4180) {
    out += number;
    return;
  }
  for (char c : number) {
    out += c == '.' ? ',' : c;
  }
}

void append_tsv_cell(std::string& out, std::string_view text, bool number)
{
  if (!number && runs_as_formula(text)) {
    out += k_guard;
  }
  for (char c : text) {
    switch (c) {
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\\': out += "\\\\"; break;
    default: out += c;
    }
  }
}

CsvTable read_csv(std::string_view data, const CsvOptions& options)
{
  check_delimiter(options.delimiter);
  if (data.starts_with(k_bom)) {
    data.remove_prefix(k_bom.size());
  }
  if (data.empty()) {
    throw UsageError(fmt::format("{} is empty: a CSV file needs a header row", quote_arg(options.name)));
  }
  // Most files are plain Latin and Vietnamese, already NFC: one pass says so.
  const bool simple = core::is_simple_nfc(data);
  if (!simple) {
    check_encoding(data, options.name);
  }

  std::vector<Record> records;
  Parser parser(data, options, simple);
  while (!parser.at_end()) {
    records.push_back(parser.next_record());
  }
  while (!records.empty() && records.back().blank) {
    records.pop_back();
  }
  if (records.empty()) {
    throw UsageError(fmt::format("{} has no header row: it holds only empty lines", quote_arg(options.name)));
  }
  if (records.front().blank) {
    throw UsageError(
      fmt::format("line 1 of {} is empty: the first line must be the header row", quote_arg(options.name)));
  }
  check_header(records.front(), options.name);

  CsvTable table;
  table.header = std::move(records.front().fields);
  const std::size_t width = table.header.size();
  table.rows.reserve(records.size() - 1);
  table.row_lines.reserve(records.size() - 1);
  for (std::size_t i = 1; i < records.size(); ++i) {
    Record& record = records[i];
    if (record.fields.size() != width) {
      if (record.blank) {
        // Only empty lines at the end are ignored: one in the middle of a
        // table is more likely a lost row than padding.
        throw UsageError(fmt::format("line {} of {} is empty, but the header has {}", record.line,
                                     quote_arg(options.name), plural(width, "field")));
      }
      throw UsageError(fmt::format("line {} of {} has {}, but the header has {}", record.line,
                                   quote_arg(options.name), plural(record.fields.size(), "field"), width));
    }
    table.rows.push_back(std::move(record.fields));
    table.row_lines.push_back(record.line);
  }
  return table;
}

} // namespace phoihop::io
