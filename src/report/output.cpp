#include <phoihop/report/output.hpp>

#include <phoihop/core/error.hpp>
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

void write_table(std::ostream& out, const std::vector<std::string>& headers,
                 const std::vector<std::vector<std::string>>& rows, const Style& style)
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
  auto write_row = [&](const std::vector<std::string>& cells, bool heading) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      bool last = i + 1 == cells.size();
      line += last ? cells[i] : core::pad_right(cells[i], widths[i]) + "  ";
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
  write_row(headers, true);
  for (const auto& row : rows) {
    write_row(row, false);
  }
}

const Value* lookup(const Object& row, const std::string& key)
{
  for (const auto& field : row) {
    if (field.key == key) {
      return &field.value;
    }
  }
  return nullptr;
}

void write_delimited(std::ostream& out, const std::string& format,
                     const std::vector<std::string>& cells)
{
  bool csv = format == "csv";
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) {
      out << (csv ? ',' : '\t');
    }
    out << (csv ? csv_cell(cells[i]) : tsv_cell(cells[i]));
  }
  out << (csv ? "\r\n" : "\n");
}

std::string indent_text(int indent) { return std::string(static_cast<std::size_t>(indent), ' '); }

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
    void operator()(const std::string& s) const { out << json_string(s); }
    void operator()(const Array& a) const
    {
      if (a.empty()) {
        out << "[]";
        return;
      }
      if (indent < 0) {
        out << '[';
        for (std::size_t i = 0; i < a.size(); ++i) {
          out << (i > 0 ? "," : "");
          a[i].write_json(out, indent);
        }
        out << ']';
        return;
      }
      out << "[\n";
      for (std::size_t i = 0; i < a.size(); ++i) {
        out << indent_text(indent + 2);
        a[i].write_json(out, indent + 2);
        out << (i + 1 < a.size() ? ",\n" : "\n");
      }
      out << indent_text(indent) << ']';
    }
    void operator()(const Object& o) const
    {
      if (o.empty()) {
        out << "{}";
        return;
      }
      if (indent < 0) {
        out << '{';
        for (std::size_t i = 0; i < o.size(); ++i) {
          out << (i > 0 ? "," : "") << json_string(o[i].key) << ':';
          o[i].value.write_json(out, indent);
        }
        out << '}';
        return;
      }
      out << "{\n";
      for (std::size_t i = 0; i < o.size(); ++i) {
        out << indent_text(indent + 2) << json_string(o[i].key) << ": ";
        o[i].value.write_json(out, indent + 2);
        out << (i + 1 < o.size() ? ",\n" : "\n");
      }
      out << indent_text(indent) << '}';
    }
  };
  std::visit(Visitor{out, indent}, m_v);
}

std::string csv_cell(const std::string& text)
{
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') {
      out += '"';
    }
    out += c;
  }
  out += '"';
  return out;
}

std::string tsv_cell(const std::string& text)
{
  // Tabs and newlines cannot appear in a TSV field; escape them as \t \n and
  // the escape character itself as \\, the common "linear TSV" convention.
  std::string out;
  for (char c : text) {
    switch (c) {
    case '\t': out += "\\t"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\\': out += "\\\\"; break;
    default: out += c;
    }
  }
  return out;
}

std::string json_string(const std::string& text)
{
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default:
      if (c < 0x20 || c == 0x7f) {
        out += fmt::format("\\u{:04x}", c);
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
  return out;
}

void render_list(std::ostream& out, const std::string& format, const std::vector<Column>& columns,
                 const std::vector<Object>& rows, const Style& style)
{
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
  cells.reserve(rows.size());
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (const auto* column : shown) {
      const Value* v = lookup(row, column->key);
      std::string text = v ? v->text() : std::string();
      line.push_back(format == "table" ? one_line(text) : text);
    }
    cells.push_back(std::move(line));
  }
  if (format == "table") {
    write_table(out, headers, cells, style);
    return;
  }
  write_delimited(out, format, headers);
  for (const auto& line : cells) {
    write_delimited(out, format, line);
  }
}

void render_show(std::ostream& out, const std::string& format, const Object& record,
                 const Style& style)
{
  if (format == "json") {
    Value(record).write_json(out, 0);
    out << '\n';
    return;
  }
  if (format == "csv" || format == "tsv") {
    std::vector<std::string> keys;
    std::vector<std::string> values;
    for (const auto& field : record) {
      keys.push_back(field.key);
      values.push_back(field.value.text());
    }
    write_delimited(out, format, keys);
    write_delimited(out, format, values);
    return;
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
    std::string line = key + "  " + one_line(field.value.text());
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out << line << '\n';
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
    for (const auto& item : *a) {
      std::vector<std::string> row;
      for (const auto& key : headers) {
        const Value* v = item.object() ? lookup(*item.object(), key) : nullptr;
        row.push_back(v ? one_line(v->text()) : std::string());
      }
      rows.push_back(std::move(row));
    }
    std::ostringstream table;
    write_table(table, headers, rows, style);
    std::string text = table.str();
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = text.find('\n', start);
      out << "  " << text.substr(start, end - start) << '\n';
      start = end + 1;
    }
  }
}

} // namespace phoihop::report
