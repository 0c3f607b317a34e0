#include <phoihop/io/document.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/json.hpp>

#include "toml_input.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

namespace phoihop::io {

const Node* Node::find(std::string_view key) const
{
  for (const auto& [k, v] : fields) {
    if (k == key) {
      return &v;
    }
  }
  return nullptr;
}

Node& Node::add(std::string key, Node value)
{
  fields.emplace_back(std::move(key), std::move(value));
  return fields.back().second;
}

Node Node::of_text(std::string s)
{
  Node n;
  n.type = Type::string;
  n.text = std::move(s);
  return n;
}

Node Node::of_integer(std::int64_t i)
{
  Node n;
  n.type = Type::integer;
  n.integer = i;
  return n;
}

Node Node::of_real(double d)
{
  Node n;
  n.type = Type::real;
  n.real = d;
  return n;
}

Node Node::table()
{
  Node n;
  n.type = Type::table;
  return n;
}

Node Node::array()
{
  Node n;
  n.type = Type::array;
  return n;
}

std::string_view type_name(Node::Type type)
{
  switch (type) {
  case Node::Type::null: return "null";
  case Node::Type::boolean: return "boolean";
  case Node::Type::integer: return "integer";
  case Node::Type::real: return "number";
  case Node::Type::string: return "string";
  case Node::Type::array: return "array";
  case Node::Type::table: return "table";
  }
  return "value";
}

namespace {

// TOML ----------------------------------------------------------------------

// Limits ---------------------------------------------------------------------
//
// A document is measured before it is parsed, by a scan that keeps no more
// than its open brackets: how deep it nests arrays and tables, and how many
// values (strings, numbers, keys, arrays, tables) it holds. Parsed, each value
// costs a Node (about 112 bytes) and, for TOML, a toml++ node as well, so 30
// MB of "[],[],…" would take gigabytes; a value budget in proportion to the
// size keeps the tree in proportion to the file. toml++ also recurses once
// per part of a dotted key (a.b.c = 1, [a.b.c]) with no limit of its own,
// which the depth limit bounds.

// Values every document may have whatever its size, and the bytes of text
// each value beyond them needs on average. An export spends 30 or more bytes
// a value (keys, quotes, indentation); only a bomb comes close to 3.
constexpr std::size_t k_free_values = 1 << 16;
constexpr std::size_t k_bytes_per_value = 8;

class Budget {
public:
  Budget(std::string_view text, const DocumentLimits& limits, const std::string& name)
    : m_limits(limits), m_name(name), m_values(k_free_values + text.size() / k_bytes_per_value)
  {
  }

  // One more value, found on `line`.
  void value(int line)
  {
    if (m_values-- == 0) {
      throw UsageError(fmt::format("{}:{}: too many values for a document of its size (more than one per {} "
                                   "bytes): not a phoihop document",
                                   m_name, line, k_bytes_per_value));
    }
  }

  // An array or table nested `depth` deep (the document itself is 1), on `line`.
  void nested(int depth, int line) const
  {
    if (depth > m_limits.max_depth) {
      throw UsageError(fmt::format("{}:{}: nested deeper than import.max_depth allows ({} levels)", m_name, line,
                                   m_limits.max_depth));
    }
  }

private:
  const DocumentLimits& m_limits;
  const std::string& m_name;
  std::size_t m_values;
};

// A number, date, boolean or bare key goes on until one of these.
bool ends_bare(char c)
{
  return std::string_view(" \t\r\n,:=[]{}#\"'").find(c) != std::string_view::npos;
}

// JSON: strings, brackets and bare words (numbers, true, false, null).
void scan_json(std::string_view text, Budget& budget)
{
  int line = 1;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      budget.value(line);
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i) {
        i += text[i] == '\\' ? 1 : 0;
      }
    } else if (c == '[' || c == '{') {
      budget.value(line);
      budget.nested(++depth, line);
    } else if (c == ']' || c == '}') {
      depth -= depth > 0 ? 1 : 0;
    } else if (!ends_bare(c) && (i == 0 || ends_bare(text[i - 1]))) {
      budget.value(line);
    }
  }
}

// TOML: the same, where strings have four forms, '#' starts a comment, and
// keys nest too: a.b.c = 1 makes two tables, [a.b] two and [[a.b]] three
// (the array and its table), which the depth counts as they are written.
void scan_toml(std::string_view text, Budget& budget)
{
  int line = 1;
  int dots = 0;
  int base = 1;           // the depth of the table a top-level key is in: the document, or a [header]'s
  int value_parent = 1;   // the depth of the table the value after '=' goes into
  bool in_key = true;     // at a line start, in a [header], after { or , of an inline table
  std::vector<std::pair<char, int>> open; // the arrays '[' and inline tables '{' a value is inside, and their depth
  auto skip_string = [&](std::size_t& i, std::string_view quote, bool escapes) {
    i += quote.size();
    while (i < text.size() && text.compare(i, quote.size(), quote) != 0) {
      if (text[i] == '\n') {
        if (quote.size() == 1) {
          return; // an unclosed one-line string: toml++ reports it
        }
        ++line;
      }
      i += escapes && text[i] == '\\' ? 2 : 1;
    }
    i += quote.size() - 1;
  };
  auto open_value = [&](char bracket) {
    const bool in_array = !open.empty() && open.back().first == '[';
    const int depth = (in_array ? open.back().second : value_parent) + 1;
    budget.nested(depth, line);
    open.emplace_back(bracket, depth);
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
    case '"':
      budget.value(line);
      skip_string(i, text.compare(i, 3, "\"\"\"") == 0 ? "\"\"\"" : "\"", true);
      break;
    case '\'':
      budget.value(line);
      skip_string(i, text.compare(i, 3, "'''") == 0 ? "'''" : "'", false);
      break;
    case '#':
      while (i + 1 < text.size() && text[i + 1] != '\n') {
        ++i;
      }
      break;
    case '\n':
      ++line;
      if (open.empty()) {
        in_key = true;
        dots = 0;
      }
      break;
    case '=':
      in_key = false;
      value_parent = (open.empty() ? base : open.back().second) + dots;
      budget.nested(value_parent, line);
      break;
    case '[':
      budget.value(line);
      if (!in_key) {
        open_value('[');
      } else if (open.empty()) {
        base = 1; // a [header] names its tables from the document down
      }
      break;
    case ']':
      if (in_key) {
        in_key = false; // the end of a [table] header: [a.b] is 3 deep, [[a.b]] 4
        base = 2 + dots + (i + 1 < text.size() && text[i + 1] == ']' ? 1 : 0);
        budget.nested(base, line);
      } else if (!open.empty() && open.back().first == '[') {
        open.pop_back();
      }
      break;
    case '{':
      budget.value(line);
      open_value('{');
      in_key = true;
      dots = 0;
      break;
    case '}':
      if (!open.empty() && open.back().first == '{') {
        open.pop_back();
      }
      in_key = false;
      break;
    case ',':
      if (!open.empty() && open.back().first == '{') {
        in_key = true;
        dots = 0;
      }
      break;
    case '.':
      if (in_key) {
        budget.nested(base + ++dots, line); // a.b.c: the tables a key makes
      }
      break;
    default:
      if (!ends_bare(c) && (i == 0 || ends_bare(text[i - 1]))) {
        budget.value(line);
      }
      break;
    }
  }
}

Node from_toml(const toml::node& node, const std::string& name)
{
  Node n;
  n.line = static_cast<int>(node.source().begin.line);
  switch (node.type()) {
  case toml::node_type::table:
    n.type = Node::Type::table;
    for (const auto& [key, value] : *node.as_table()) {
      n.fields.emplace_back(std::string(key.str()), from_toml(value, name));
    }
    break;
  case toml::node_type::array:
    n.type = Node::Type::array;
    for (const auto& item : *node.as_array()) {
      n.items.push_back(from_toml(item, name));
    }
    break;
  case toml::node_type::string:
    n.type = Node::Type::string;
    n.text = node.as_string()->get();
    break;
  case toml::node_type::integer:
    n.type = Node::Type::integer;
    n.integer = node.as_integer()->get();
    break;
  case toml::node_type::floating_point:
    n.type = Node::Type::real;
    n.real = node.as_floating_point()->get();
    break;
  case toml::node_type::boolean:
    n.type = Node::Type::boolean;
    n.boolean = node.as_boolean()->get();
    break;
  case toml::node_type::date: {
    // A hand-written file may say due = 2026-12-31; the records hold ISO text.
    auto d = node.as_date()->get();
    n.type = Node::Type::string;
    n.text = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    break;
  }
  default:
    throw UsageError(fmt::format("{}:{}: times and date-times are not used in phoihop documents; "
                                 "write a date such as 2026-12-31",
                                 name, n.line));
  }
  return n;
}

bool bare_key(std::string_view key)
{
  if (key.empty()) {
    return false;
  }
  for (char c : key) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

std::string key_text(std::string_view key)
{
  return bare_key(key) ? std::string(key) : core::json_quoted(key); // TOML shares JSON's escapes
}

// The shortest text that reads back as the same double, always with a point
// so TOML reads a float and not an integer.
std::string real_text(double d)
{
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".eEn") == std::string::npos) {
    s += ".0";
  }
  return s;
}

bool is_table_array(const Node& n)
{
  if (n.type != Node::Type::array || n.items.empty()) {
    return false;
  }
  for (const auto& item : n.items) {
    if (item.type != Node::Type::table) {
      return false;
    }
  }
  return true;
}

void write_toml_inline(std::string& out, const Node& n)
{
  switch (n.type) {
  case Node::Type::boolean: out += n.boolean ? "true" : "false"; break;
  case Node::Type::integer: out += std::to_string(n.integer); break;
  case Node::Type::real: out += real_text(n.real); break;
  case Node::Type::string: out += core::json_quoted(n.text); break;
  case Node::Type::array: {
    out += '[';
    bool first = true;
    for (const auto& item : n.items) {
      out += first ? "" : ", ";
      first = false;
      write_toml_inline(out, item);
    }
    out += ']';
    break;
  }
  case Node::Type::table: {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : n.fields) {
      if (v.type == Node::Type::null) {
        continue;
      }
      out += first ? " " : ", ";
      first = false;
      out += key_text(k) + " = ";
      write_toml_inline(out, v);
    }
    out += first ? "}" : " }";
    break;
  }
  case Node::Type::null: break;
  }
}

// Scalars first, then each array of tables as [[path.key]] blocks, so a
// record's children follow it the way a person would write them.
void write_toml_table(std::string& out, const Node& table, const std::string& path)
{
  for (const auto& [k, v] : table.fields) {
    // An empty array says nothing a missing key does not.
    if (v.type == Node::Type::null || is_table_array(v) ||
        (v.type == Node::Type::array && v.items.empty())) {
      continue;
    }
    out += key_text(k) + " = ";
    write_toml_inline(out, v);
    out += '\n';
  }
  for (const auto& [k, v] : table.fields) {
    if (!is_table_array(v)) {
      continue;
    }
    std::string child = path + key_text(k);
    for (const auto& item : v.items) {
      out += "\n[[" + child + "]]\n";
      write_toml_table(out, item, child + ".");
    }
  }
}

// JSON ----------------------------------------------------------------------

// A table's null fields are left out (an absent value); the layout is core's.
void write_json_value(std::ostream& out, const Node& n, int indent)
{
  switch (n.type) {
  case Node::Type::null: out << "null"; break;
  case Node::Type::boolean: out << (n.boolean ? "true" : "false"); break;
  case Node::Type::integer: out << std::to_string(n.integer); break;
  case Node::Type::real: out << real_text(n.real); break;
  case Node::Type::string: out << core::json_quoted(n.text); break;
  case Node::Type::array: {
    core::JsonArray array(out, indent);
    for (const auto& item : n.items) {
      array.item();
      write_json_value(out, item, array.inner());
    }
    array.close();
    break;
  }
  case Node::Type::table: {
    core::JsonObject object(out, indent);
    for (const auto& [key, value] : n.fields) {
      if (value.type != Node::Type::null) {
        object.key(key);
        write_json_value(out, value, object.inner());
      }
    }
    object.close();
    break;
  }
  }
}

// A strict recursive-descent reader of RFC 8259 JSON that remembers the line
// of every value, because toml++ reads no JSON and errors must name a line.
class JsonReader {
public:
  JsonReader(std::string_view text, const std::string& name, Budget& budget)
    : m_text(text), m_name(name), m_budget(budget)
  {
  }

  Node document()
  {
    skip_space();
    Node root = value(0);
    skip_space();
    if (m_pos != m_text.size()) {
      throw error("unexpected text after the document");
    }
    return root;
  }

private:
  std::string_view m_text;
  const std::string& m_name;
  Budget& m_budget; // the scan checked the depth already; the reader checks its own recursion again
  std::size_t m_pos = 0;
  int m_line = 1;

  UsageError error(const std::string& what) const
  {
    return UsageError(fmt::format("{}:{}: invalid JSON: {}", m_name, m_line, what));
  }

  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

  void skip_space()
  {
    while (!at_end()) {
      char c = m_text[m_pos];
      if (c == '\n') {
        ++m_line;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      ++m_pos;
    }
  }

  void expect(char c)
  {
    if (peek() != c) {
      throw error(at_end() ? fmt::format("expected '{}' but the file ended", c)
                           : fmt::format("expected '{}' but found '{}'", c, peek()));
    }
    ++m_pos;
  }

  void literal(std::string_view word)
  {
    if (m_text.substr(m_pos, word.size()) != word) {
      throw error(fmt::format("unexpected character '{}'", peek()));
    }
    m_pos += word.size();
  }

  Node value(int depth)
  {
    Node n;
    n.line = m_line;
    char c = peek();
    if (at_end()) {
      throw error("expected a value but the file ended");
    }
    if (c == '{' || c == '[') {
      m_budget.nested(depth + 1, m_line);
    }
    if (c == '{') {
      n.type = Node::Type::table;
      ++m_pos;
      skip_space();
      std::set<std::string> seen;
      if (peek() == '}') {
        ++m_pos;
        return n;
      }
      while (true) {
        skip_space();
        if (peek() != '"') {
          throw error("expected a key in double quotes");
        }
        int key_line = m_line;
        std::string key = string();
        if (!seen.insert(key).second) {
          m_line = key_line;
          throw error(fmt::format("duplicate key \"{}\"", key));
        }
        skip_space();
        expect(':');
        skip_space();
        n.fields.emplace_back(std::move(key), value(depth + 1));
        skip_space();
        if (peek() == ',') {
          ++m_pos;
          continue;
        }
        expect('}');
        return n;
      }
    }
    if (c == '[') {
      n.type = Node::Type::array;
      ++m_pos;
      skip_space();
      if (peek() == ']') {
        ++m_pos;
        return n;
      }
      while (true) {
        skip_space();
        n.items.push_back(value(depth + 1));
        skip_space();
        if (peek() == ',') {
          ++m_pos;
          continue;
        }
        expect(']');
        return n;
      }
    }
    if (c == '"') {
      n.type = Node::Type::string;
      n.text = string();
      return n;
    }
    if (c == 't') {
      literal("true");
      n.type = Node::Type::boolean;
      n.boolean = true;
      return n;
    }
    if (c == 'f') {
      literal("false");
      n.type = Node::Type::boolean;
      return n;
    }
    if (c == 'n') {
      literal("null");
      return n;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(n);
    }
    throw error(fmt::format("unexpected character '{}'", c));
  }

  Node number(Node n)
  {
    std::size_t start = m_pos;
    auto digits = [&] {
      std::size_t from = m_pos;
      while (!at_end() && peek() >= '0' && peek() <= '9') {
        ++m_pos;
      }
      if (m_pos == from) {
        throw error("a number needs digits");
      }
    };
    bool integral = true;
    if (peek() == '-') {
      ++m_pos;
    }
    if (peek() == '0') {
      ++m_pos;
    } else {
      digits();
    }
    if (peek() == '.') {
      ++m_pos;
      integral = false;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_pos;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        ++m_pos;
      }
      digits();
    }
    std::string_view text = m_text.substr(start, m_pos - start);
    if (integral) {
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n.integer);
      if (ec == std::errc() && end == text.data() + text.size()) {
        n.type = Node::Type::integer;
        return n;
      }
    }
    // from_chars for double is in libstdc++ 11+, and is locale-independent.
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n.real);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(n.real)) {
      throw error(fmt::format("number {} is out of range", text));
    }
    n.type = Node::Type::real;
    return n;
  }

  unsigned hex4()
  {
    if (m_pos + 4 > m_text.size()) {
      throw error("\\u needs four hex digits");
    }
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = m_text[m_pos++];
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= static_cast<unsigned>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        value |= static_cast<unsigned>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        value |= static_cast<unsigned>(c - 'A' + 10);
      } else {
        throw error("\\u needs four hex digits");
      }
    }
    return value;
  }

  static void append_utf8(std::string& out, unsigned cp)
  {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::string string()
  {
    expect('"');
    std::string out;
    while (true) {
      if (at_end()) {
        throw error("unterminated string");
      }
      char c = m_text[m_pos++];
      if (c == '"') {
        return out;
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        throw error(c == '\n' ? "unterminated string" : "control character in a string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = at_end() ? '\0' : m_text[m_pos++];
      switch (e) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned cp = hex4();
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          if (m_text.substr(m_pos, 2) != "\\u") {
            throw error("unpaired surrogate in \\u escape");
          }
          m_pos += 2;
          unsigned low = hex4();
          if (low < 0xDC00 || low > 0xDFFF) {
            throw error("unpaired surrogate in \\u escape");
          }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
          throw error("unpaired surrogate in \\u escape");
        }
        append_utf8(out, cp);
        break;
      }
      default: throw error("invalid escape in a string");
      }
    }
  }
};

} // namespace

Node parse_document(std::string_view text, std::string_view format, const std::string& name,
                    const DocumentLimits& limits)
{
  Budget budget(text, limits, name);
  if (format == "json") {
    scan_json(text, budget);
    Node root = JsonReader(text, name, budget).document();
    if (root.type != Node::Type::table) {
      throw UsageError(fmt::format("{}:{}: the document must be a JSON object", name, root.line));
    }
    return root;
  }
  scan_toml(text, budget);
  try {
    toml::table root = toml::parse(detail::toml_for_parser(text, name), name);
    Node n = from_toml(root, name);
    n.line = 1;
    return n;
  } catch (const toml::parse_error& e) {
    throw UsageError(fmt::format("{}:{}: invalid TOML: {}", name, e.source().begin.line, e.description()));
  }
}

std::string write_document(const Node& root, std::string_view format)
{
  std::string out;
  if (format == "json") {
    std::ostringstream json;
    write_json_value(json, root, 0);
    out = json.str() + '\n';
  } else {
    write_toml_table(out, root, "");
  }
  return out;
}

} // namespace phoihop::io
