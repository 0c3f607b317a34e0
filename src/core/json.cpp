#include <phoihop/core/json.hpp>

#include <ostream>

namespace phoihop::core {

void append_json_quoted(std::string& out, std::string_view text)
{
  static const char* const k_hex = "0123456789abcdef";
  out += '"';
  for (char c : text) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default: {
      auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7f) {
        out += "\\u00";
        out += k_hex[byte >> 4];
        out += k_hex[byte & 15];
      } else {
        out += c;
      }
    }
    }
  }
  out += '"';
}

std::string json_quoted(std::string_view text)
{
  std::string out;
  out.reserve(text.size() + 2);
  append_json_quoted(out, text);
  return out;
}

namespace {

// Before a member: the container's opening on the first, else the comma; in
// the pretty layout a new line and the member's indent.
void open_member(std::ostream& out, bool& empty, char open, int indent)
{
  if (indent < 0) {
    out << (empty ? open : ',');
  } else {
    out << (empty ? std::string{open, '\n'} : std::string(",\n")) << std::string(static_cast<std::size_t>(indent), ' ');
  }
  empty = false;
}

void close_container(std::ostream& out, bool empty, char open, char close, int indent)
{
  if (empty) {
    out << open << close;
  } else if (indent < 0) {
    out << close;
  } else {
    out << '\n' << std::string(static_cast<std::size_t>(indent), ' ') << close;
  }
}

} // namespace

void JsonObject::key(std::string_view key)
{
  open_member(m_out, m_empty, '{', inner());
  std::string text;
  append_json_quoted(text, key);
  m_out << text << (m_indent < 0 ? ":" : ": ");
}

void JsonObject::close()
{
  close_container(m_out, m_empty, '{', '}', m_indent);
}

void JsonArray::item()
{
  open_member(m_out, m_empty, '[', inner());
}

void JsonArray::close()
{
  close_container(m_out, m_empty, '[', ']', m_indent);
}

} // namespace phoihop::core
