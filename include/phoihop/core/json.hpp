#pragma once

#include <iosfwd>
#include <string>
#include <string_view>

namespace phoihop::core {

// The one JSON string escaper: `text` in double quotes, with \" \\ \n \r \t
// \b \f and every other C0 control and DEL as \u00XX; other bytes (UTF-8)
// as they are. The same text is a TOML basic string.
std::string json_quoted(std::string_view text);
void append_json_quoted(std::string& out, std::string_view text);

// The layout of all the JSON phoihop writes (list and show output, reports,
// export documents), streamed member by member: a container opened at
// `indent` spaces has its members at inner(), two more, one a line, and is
// "{}" or "[]" when nothing went in; with indent < 0 it is compact, without
// white space. After key() or item() the caller writes the member's value.
class JsonObject {
public:
  JsonObject(std::ostream& out, int indent) : m_out(out), m_indent(indent) {}
  void key(std::string_view key);
  int inner() const { return m_indent < 0 ? m_indent : m_indent + 2; }
  void close();

private:
  std::ostream& m_out;
  int m_indent;
  bool m_empty = true;
};

class JsonArray {
public:
  JsonArray(std::ostream& out, int indent) : m_out(out), m_indent(indent) {}
  void item();
  int inner() const { return m_indent < 0 ? m_indent : m_indent + 2; }
  bool empty() const { return m_empty; }
  void close();

private:
  std::ostream& m_out;
  int m_indent;
  bool m_empty = true;
};

} // namespace phoihop::core
