#include <phoihop/report/output.hpp>

#include "render_text.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/json.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <ostream>
#include <sstream>

namespace phoihop::report {

namespace {

// Table cells are one line: control characters would break the alignment.
std::string one_line(const std::string& text)
{
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? ' ' : c;
  }
  return out;
}

// The end of the character cluster starting at byte `i`: one code point and
// the zero-width ones after it (combining marks), so a cut never separates
// a letter from its accent.
std::size_t cluster_end(std::string_view text, std::size_t i)
{
  auto length = [&](std::size_t at) -> std::size_t {
    auto c = static_cast<unsigned char>(text[at]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 1;
    return std::min(n, text.size() - at);
  };
  std::size_t end = i + length(i);
  while (end < text.size()) {
    std::size_t n = length(end);
    if (core::display_width(text.substr(end, n)) != 0) {
      break;
    }
    end += n;
  }
  return end;
}

// The longest prefix of whole clusters at most `width` display columns wide.
std::size_t prefix_within(std::string_view text, int width)
{
  std::size_t end = 0;
  int used = 0;
  while (end < text.size()) {
    std::size_t next = cluster_end(text, end);
    int w = core::display_width(text.substr(end, next - end));
    if (used + w > width) {
      break;
    }
    used += w;
    end = next;
  }
  return end;
}

// `text` cut to `width` display columns, an ellipsis marking the cut.
std::string truncate(const std::string& text, int width)
{
  if (core::display_width(text) <= width) {
    return text;
  }
  if (width < 1) {
    return {};
  }
  return text.substr(0, prefix_within(text, width - 1)) + "\u2026";
}

// `text` broken at spaces into lines of at most `width` display columns; a
// word longer than a line is broken between clusters.
std::vector<std::string> wrap(const std::string& text, int width)
{
  std::vector<std::string> lines;
  std::string line;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    std::string joined = line.empty() ? word : line + " " + word;
    if (core::display_width(joined) <= width) {
      line = joined;
      continue;
    }
    if (!line.empty()) {
      lines.push_back(line);
    }
    line = word;
    while (core::display_width(line) > width) {
      std::size_t cut = std::max<std::size_t>(prefix_within(line, width), cluster_end(line, 0));
      lines.push_back(line.substr(0, cut));
      line = line.substr(cut);
    }
  }
  if (!line.empty() || lines.empty()) {
    lines.push_back(line);
  }
  return lines;
}

// The SGR colour of a status on a terminal: done and in force green, under way
// yellow, finished without effect dim, overdue red; planned and draft plain.
std::string status_color(const std::string& status, bool overdue)
{
  if (overdue) {
    return "31";
  }
  if (status == "done" || status == "in_force") {
    return "32";
  }
  if (status == "in_progress") {
    return "33";
  }
  if (status == "cancelled" || status == "ended" || status == "ended_early" ||
      status == "superseded") {
    return "2";
  }
  return {};
}

// The colour of a cell: statuses, and the due date of an overdue task.
std::string cell_color(const std::string& key, const std::string& text, bool overdue)
{
  if (key == "status") {
    return status_color(text, overdue);
  }
  return key == "due" && overdue && !text.empty() ? "31" : "";
}

std::string paint(const std::string& text, const std::string& color)
{
  return color.empty() || text.empty() ? text : "\x1b[" + color + "m" + text + "\x1b[0m";
}

// Columns of free text (titles, names, notes, …) may be cut to fit; ids,
// codes, dates, statuses, numbers and the words of closed sets never are. A
// column not named here is free text when one of its cells has a space.
bool free_text(const std::string& header, const std::vector<std::vector<std::string>>& rows,
               std::size_t column)
{
  static const std::string_view k_free[] = {
    "title", "name", "names", "short", "lead", "partners", "parties", "party", "agreement",
    "agreements", "chairs", "recipient", "unit", "position", "decision", "issuer", "signer", "note",
    "notes", "description", "topic", "reason", "place", "org", "organisation", "problem",
    "command", "value", "origin", "succeeded by", "text", "conclusion", "path", "message"};
  static const std::string_view k_whole[] = {
    "id", "uid", "code", "date", "due", "start", "from", "to", "when", "status", "progress",
    "kind", "form", "format", "role", "key", "change", "record", "table", "row", "term",
    "check", "overdue", "ordinal", "lang"};
  std::string key = core::fold(header);
  for (auto word : k_free) {
    if (key == word) {
      return true;
    }
  }
  for (auto word : k_whole) {
    if (key == word) {
      return false;
    }
  }
  for (const auto& row : rows) {
    if (column < row.size() && row[column].find(' ') != std::string::npos) {
      return true;
    }
  }
  return false;
}

// Narrows the free-text columns, the widest first and one column at a time,
// until the table fits in `width`, none below its heading or 6 columns. What
// is still too wide then overflows: headings and short columns stay whole.
void fit_widths(std::vector<int>& widths, const std::vector<std::string>& headers,
                const std::vector<std::vector<std::string>>& rows, int width)
{
  int total = 2 * (static_cast<int>(widths.size()) - 1);
  std::vector<int> floors(widths.size(), 0);
  for (std::size_t i = 0; i < widths.size(); ++i) {
    total += widths[i];
    floors[i] = free_text(headers[i], rows, i) ? std::max(6, core::display_width(headers[i]))
                                               : widths[i];
  }
  while (total > width) {
    std::size_t widest = widths.size();
    for (std::size_t i = 0; i < widths.size(); ++i) {
      if (widths[i] > floors[i] && (widest == widths.size() || widths[i] > widths[widest])) {
        widest = i;
      }
    }
    if (widest == widths.size()) {
      break; // as narrow as it goes
    }
    --widths[widest];
    --total;
  }
}

// `colors`, when given, holds an SGR code (or "") per cell of `rows`.
void write_table(std::ostream& out, const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows, const Style& style,
                 const std::vector<std::vector<std::string>>& colors = {})
{
  std::vector<int> widths(headers.size(), 0);
  for (std::size_t i = 0; i < headers.size(); ++i) {
    widths[i] = core::display_width(headers[i]);
  }
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], core::display_width(row[i]));
    }
  }
  if (style.width > 0) {
    fit_widths(widths, headers, rows, style.width);
  }
  auto write_row = [&](const std::vector<std::string>& cells, const std::vector<std::string>* paints,
                       bool heading) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      std::string cell = style.width > 0 ? truncate(cells[i], widths[i]) : cells[i];
      int pad = widths[i] - core::display_width(cell);
      if (style.color && paints != nullptr && i < paints->size()) {
        cell = paint(cell, (*paints)[i]);
      }
      line += cell;
      if (i + 1 < cells.size()) {
        line += std::string(static_cast<std::size_t>(std::max(pad, 0)) + 2, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    if (heading && style.color) {
      out << "\x1b[1m" << line << "\x1b[0m\n";
    } else {
      out << line << '\n';
    }
  };
  write_row(headers, nullptr, true);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    write_row(rows[r], r < colors.size() ? &colors[r] : nullptr, false);
  }
}

// The field `key` of `row`; `hint` is where it is likely to be (records are
// usually built in the order of their columns), checked first.
const Value* lookup(const Object& row, const std::string& key, std::size_t hint = 0)
{
  if (hint < row.size() && row[hint].key == key) {
    return &row[hint].value;
  }
  for (const auto& field : row) {
    if (field.key == key) {
      return &field.value;
    }
  }
  return nullptr;
}

bool is_overdue(const Object& row)
{
  const Value* v = lookup(row, "overdue");
  return v != nullptr && v->text() == "true";
}

// What reaches the delimited writer must be CSV or TSV: any other format
// (one the dispatch above does not know) is refused before a byte is
// written, never filled with CSV under its name.
void check_delimited(const std::string& format)
{
  if (format != "csv" && format != "tsv") {
    throw UsageError(fmt::format("--format {}: lists and records are not written in it yet (table, csv, tsv, json)",
                                 format));
  }
}

} // namespace

Value text_or_null(const std::string& s)
{
  return s.empty() ? Value() : Value(s);
}

std::string Value::text() const
{
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(double d) const { return fmt::format("{}", d); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const Array& a) const
    {
      std::string out;
      for (const auto& v : a) {
        out += (out.empty() ? "" : "; ") + v.text();
      }
      return out;
    }
    std::string operator()(const Object&) const { return {}; }
  };
  // Records inside a cell would be ambiguous as joined text; they are written
  // as compact JSON, which any consumer can parse back.
  bool nested = object() != nullptr;
  if (const Array* a = array()) {
    for (const auto& v : *a) {
      nested = nested || v.object() || v.array();
    }
  }
  if (nested) {
    std::ostringstream json;
    write_json(json, -1);
    return json.str();
  }
  return std::visit(Visitor{}, m_v);
}

void Value::write_json(std::ostream& out, int indent) const
{
  struct Visitor {
    std::ostream& out;
    int indent;
    void operator()(std::monostate) const { out << "null"; }
    void operator()(bool b) const { out << (b ? "true" : "false"); }
    void operator()(std::int64_t i) const { out << i; }
    void operator()(double d) const
    {
      // A decimal stays a decimal (25.0, not 25), so consumers see one type.
      std::string text = fmt::format("{}", d);
      if (text.find_first_of(".en") == std::string::npos) {
        text += ".0";
      }
      out << text;
    }
    void operator()(const std::string& s) const { out << core::json_quoted(s); }
    void operator()(const Array& a) const
    {
      core::JsonArray array(out, indent);
      for (const auto& v : a) {
        array.item();
        v.write_json(out, array.inner());
      }
      array.close();
    }
    void operator()(const Object& o) const
    {
      core::JsonObject object(out, indent);
      for (const auto& member : o) {
        object.key(member.key);
        member.value.write_json(out, object.inner());
      }
      object.close();
    }
  };
  std::visit(Visitor{out, indent}, m_v);
}

void write_delimited(std::ostream& out, std::string_view format, const std::vector<std::string>& cells,
                     const std::vector<bool>& numbers, const io::CsvStyle& csv)
{
  // The line is assembled and written in one call: an ostream insertion per
  // cell costs more than the cell.
  const bool tsv = format == "tsv";
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const bool number = i < numbers.size() && numbers[i];
    if (tsv) {
      line += i > 0 ? "\t" : "";
      io::append_tsv_cell(line, cells[i], number);
      continue;
    }
    if (i > 0) {
      line += csv.separator();
    }
    if (number) {
      io::append_csv_number(line, cells[i], csv.dialect);
    } else {
      io::append_csv_text(line, cells[i], csv.separator());
    }
  }
  line += tsv ? "\n" : "\r\n";
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void render_list(std::ostream& out, const std::string& format, const std::vector<Column>& columns,
                 const std::vector<Object>& rows, const Style& style, const io::CsvStyle& csv)
{
  if (format == "xlsx") {
    render_list_xlsx(out, columns, rows, style);
    return;
  }
  if (format == "json") {
    Array array(rows.begin(), rows.end());
    Value(array).write_json(out, 0);
    out << '\n';
    return;
  }
  std::vector<std::string> headers;
  std::vector<const Column*> shown;
  for (const auto& column : columns) {
    if (format != "table" || column.in_table) {
      shown.push_back(&column);
      headers.push_back(format == "table" ? column.header : column.key);
    }
  }
  std::vector<std::vector<std::string>> cells;
  std::vector<std::vector<std::string>> colors;
  std::vector<std::vector<bool>> numbers;
  cells.reserve(rows.size());
  for (const auto& row : rows) {
    std::vector<std::string> line;
    std::vector<std::string> paints;
    std::vector<bool> number;
    bool overdue = style.color && is_overdue(row);
    for (std::size_t c = 0; c < shown.size(); ++c) {
      const auto* column = shown[c];
      const Value* v = lookup(row, column->key, column - columns.data());
      std::string text = v ? v->text() : std::string();
      if (style.color) {
        paints.push_back(cell_color(column->key, text, overdue));
      }
      number.push_back(v != nullptr && v->is_number());
      line.push_back(format == "table" ? one_line(text) : std::move(text));
    }
    cells.push_back(std::move(line));
    colors.push_back(std::move(paints));
    numbers.push_back(std::move(number));
  }
  if (format == "table") {
    write_table(out, headers, cells, style, colors);
    return;
  }
  check_delimited(format);
  if (format == "csv" && csv.with_bom()) {
    out << io::k_utf8_bom;
  }
  write_delimited(out, format, headers, {}, csv);
  for (std::size_t r = 0; r < cells.size(); ++r) {
    write_delimited(out, format, cells[r], numbers[r], csv);
  }
}

void render_show(std::ostream& out, const std::string& format, const Object& record,
                 const Style& style, const io::CsvStyle& csv)
{
  if (format == "xlsx") {
    render_show_xlsx(out, record, style);
    return;
  }
  if (format == "json") {
    Value(record).write_json(out, 0);
    out << '\n';
    return;
  }
  if (format == "csv" || format == "tsv") {
    std::vector<std::string> keys;
    std::vector<std::string> values;
    std::vector<bool> numbers;
    for (const auto& field : record) {
      keys.push_back(field.key);
      values.push_back(field.value.text());
      numbers.push_back(field.value.is_number());
    }
    if (format == "csv" && csv.with_bom()) {
      out << io::k_utf8_bom;
    }
    write_delimited(out, format, keys, {}, csv);
    write_delimited(out, format, values, numbers, csv);
    return;
  }
  if (format != "table") {
    check_delimited(format);
  }
  // Table: scalar fields as an aligned block, then each list of records as a sub-table.
  int width = 0;
  for (const auto& field : record) {
    const Array* a = field.value.array();
    bool nested = a && !a->empty() && a->front().object();
    if (!nested && !field.value.is_null() && !(a && a->empty())) {
      width = std::max(width, core::display_width(field.key));
    }
  }
  for (const auto& field : record) {
    const Array* a = field.value.array();
    bool nested = a && !a->empty() && a->front().object();
    if (nested || field.value.is_null() || (a && a->empty())) {
      continue;
    }
    std::string key = core::pad_right(field.key, width);
    if (style.color) {
      key = "\x1b[1m" + key + "\x1b[0m";
    }
    std::string text = one_line(field.value.text());
    // On a terminal, a long value wraps under itself rather than under the keys.
    std::vector<std::string> lines{text};
    if (style.width > 0 && width + 2 + core::display_width(text) > style.width) {
      lines = wrap(text, std::max(style.width - width - 2, 10));
    }
    std::string color = style.color ? cell_color(field.key, text, is_overdue(record)) : "";
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string line = (i == 0 ? key : std::string(static_cast<std::size_t>(width), ' ')) + "  " +
                         paint(lines[i], color);
      while (!line.empty() && line.back() == ' ') {
        line.pop_back();
      }
      out << line << '\n';
    }
  }
  for (const auto& field : record) {
    const Array* a = field.value.array();
    if (!a || a->empty() || !a->front().object()) {
      continue;
    }
    out << '\n' << field.key << ":\n";
    std::vector<std::string> headers;
    for (const auto& f : *a->front().object()) {
      headers.push_back(f.key);
    }
    std::vector<std::vector<std::string>> rows;
    std::vector<std::vector<std::string>> colors;
    for (const auto& item : *a) {
      std::vector<std::string> row;
      std::vector<std::string> paints;
      bool overdue = item.object() && is_overdue(*item.object());
      for (const auto& key : headers) {
        const Value* v = item.object() ? lookup(*item.object(), key) : nullptr;
        row.push_back(v ? one_line(v->text()) : std::string());
        paints.push_back(cell_color(key, row.back(), overdue));
      }
      rows.push_back(std::move(row));
      colors.push_back(std::move(paints));
    }
    Style inner = style;
    inner.width = style.width > 0 ? std::max(style.width - 2, 1) : 0;
    std::ostringstream table;
    write_table(table, headers, rows, inner, colors);
    std::string text = table.str();
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      out << "  " << text.substr(start, end - start) << '\n';
      start = end + 1;
    }
  }
}

namespace detail {

std::string fit_width(const std::string& text, int width)
{
  return truncate(text, width);
}

} // namespace detail

} // namespace phoihop::report
