#pragma once

// Private to src/io (document.cpp, config.cpp): the text toml++ is given.
//
// toml++ 3.3.0 (Debian 12) asks whether a character is white space in places
// where any character may stand, and its generated Unicode table then reaches
// __builtin_unreachable() for most non-ASCII code points, the Vietnamese
// letters of Latin-1 and Latin Extended (Đ, Ô, Ơ, Ư, …) among them: undefined
// behaviour, found by fuzz/documents under UBSan (upstream
// marzer/tomlplusplus#295 and #190, fixed after 3.3.0). Until Debian ships the
// fix, the text is prepared before toml++ reads it:
// - a non-ASCII character outside quotes and comments, which TOML refuses
//   anyway, is refused here, with a hint to quote the text;
// - in a """string""", the first character after a line-ending backslash, if
//   not ASCII, is written as its \u escape: the same string on the same lines;
//   a non-ASCII character after any other backslash is refused (TOML does too).
// "Inside quotes" follows TOML's grammar, as toml++ reads it: a quote opens a
// string only where a key or a value starts; in the middle of a bare value
// (2024-01-0{"…) toml++ reads on to the next space, comma, bracket or '#'.

#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace phoihop::io::detail {

// The code point of the UTF-8 sequence at `pos` and its length; 0 length when ill-formed.
inline std::pair<char32_t, std::size_t> utf8_at(std::string_view text, std::size_t pos)
{
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || pos + length > text.size()) {
    return {0, 0};
  }
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(pos + i) & 0xC0) != 0x80) {
      return {0, 0};
    }
    cp = (cp << 6) | (byte(pos + i) & 0x3F);
  }
  return {cp, length};
}

class TomlInput {
public:
  TomlInput(std::string_view text, const std::string& name) : m_text(text), m_name(name) {}

  std::string run()
  {
    m_out.reserve(m_text.size());
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == ' ' || c == '\t' || c == '\r') {
        copy();
      } else if (c == '\n') {
        new_line();
      } else if (c == '#') {
        const std::size_t end = std::min(m_text.find('\n', m_pos), m_text.size());
        m_out.append(m_text.substr(m_pos, end - m_pos));
        m_pos = end;
      } else if ((c == '"' || c == '\'') && m_where != Where::after_value) {
        string(c);
        m_where = m_where == Where::value ? Where::after_value : Where::key;
      } else if (m_where == Where::key) {
        key_character(c);
      } else {
        value_character(c);
      }
    }
    return std::move(m_out);
  }

private:
  // What toml++ expects next: a key (or a table header), a value, or what
  // may follow a value (a comma, a closing bracket, a comment, a line break).
  enum class Where { key, value, after_value };

  [[noreturn]] void refuse(std::string_view why) const
  {
    throw UsageError(fmt::format("{}:{}: invalid TOML: {}", m_name, m_line, why));
  }

  bool non_ascii(std::size_t i) const { return i < m_text.size() && static_cast<unsigned char>(m_text[i]) >= 0x80; }

  void copy()
  {
    if (non_ascii(m_pos)) {
      refuse("text outside quotes; write it in double quotes (title = \"…\")");
    }
    m_out += m_text[m_pos++];
  }

  void new_line()
  {
    ++m_line;
    if (!m_nest.empty() && m_nest.back() == 'h') {
      m_nest.pop_back(); // an unclosed [header]: toml++ reports it
    }
    if (m_nest.empty()) {
      m_where = Where::key;
    }
    copy();
  }

  // The structure after a value: a comma, or the end of an array or inline table.
  bool structure(char c)
  {
    if (c == ',') {
      m_where = !m_nest.empty() && m_nest.back() == '{' ? Where::key : Where::value;
    } else if ((c == ']' || c == '}') && !m_nest.empty() && m_nest.back() == (c == ']' ? '[' : '{')) {
      m_nest.pop_back();
      m_where = Where::after_value;
    } else {
      return false;
    }
    copy();
    return true;
  }

  void key_character(char c)
  {
    if (c == '=') {
      m_where = Where::value;
    } else if (c == '[' && (m_nest.empty() || m_nest.back() == 'h')) {
      if (m_nest.empty()) {
        m_nest += 'h'; // [table] or [[array.of.tables]]
      }
    } else if (c == ']' && !m_nest.empty() && m_nest.back() == 'h') {
      if (m_pos + 1 >= m_text.size() || m_text[m_pos + 1] != ']') {
        m_nest.pop_back();
      }
    } else if (c == '}' || c == ',') {
      if (structure(c)) { // {} or a stray comma
        return;
      }
    }
    copy(); // bare key characters and dots; anything else toml++ refuses
  }

  void value_character(char c)
  {
    if (structure(c)) {
      return;
    }
    if (m_where == Where::value && (c == '[' || c == '{')) {
      m_nest += c;
      m_where = c == '{' ? Where::key : Where::value;
      copy();
      return;
    }
    // A bare value (number, date, boolean) or what stands after a value:
    // toml++ reads it to the next space, comma, bracket, brace or comment.
    do {
      copy();
    } while (m_pos < m_text.size() && std::string_view(" \t\r\n,]}#").find(m_text[m_pos]) == std::string_view::npos);
    m_where = Where::after_value;
  }

  // A string from its opening quote(s) to its closing ones.
  void string(char quote)
  {
    const std::string delimiter(3, quote);
    const bool multi = m_text.compare(m_pos, 3, delimiter) == 0;
    const bool basic = quote == '"';
    m_out.append(m_text.substr(m_pos, multi ? 3 : 1));
    m_pos += multi ? 3 : 1;
    const auto at_close = [&] {
      return multi ? m_text.compare(m_pos, 3, delimiter) == 0 : m_text[m_pos] == quote || m_text[m_pos] == '\n';
    };
    while (m_pos < m_text.size() && !at_close()) {
      if (m_text[m_pos] == '\n') {
        ++m_line;
      }
      if (basic && m_text[m_pos] == '\\') {
        escape(multi);
      } else {
        m_out += m_text[m_pos++];
      }
    }
    // The closing quote(s): a """string""" may end in up to five, two of them its own.
    while (m_pos < m_text.size() && m_text[m_pos] == quote) {
      m_out += m_text[m_pos++];
      if (!multi) {
        break;
      }
    }
  }

  // A backslash in a basic string and what it escapes.
  void escape(bool multi)
  {
    m_out += m_text[m_pos++];
    std::size_t next = m_pos;
    while (next < m_text.size() && (m_text[next] == ' ' || m_text[next] == '\t')) {
      ++next;
    }
    const bool line_end =
      multi && next < m_text.size() && (m_text[next] == '\n' || m_text.compare(next, 2, "\r\n") == 0);
    if (!line_end) {
      if (non_ascii(next)) {
        refuse("a backslash must start an escape such as \\n or \\u00e9, or end the line in \"\"\"");
      }
      if (m_pos < m_text.size() && m_text[m_pos] != '\n') {
        m_out += m_text[m_pos++]; // the escaped character, so \" and \\ are not read again
      }
      return;
    }
    // A line-ending backslash: toml++ skips the white space after it (its
    // own idea of white space, some non-ASCII spaces too) and looks at the
    // first other character.
    for (;;) {
      if (next < m_text.size() && std::string_view(" \t\r\n").find(m_text[next]) != std::string_view::npos) {
        m_line += m_text[next] == '\n' ? 1 : 0;
        ++next;
        continue;
      }
      if (!non_ascii(next)) {
        break;
      }
      const auto [cp, length] = utf8_at(m_text, next);
      if (length == 0) {
        refuse("invalid UTF-8");
      }
      if (toml_pp_space(cp)) {
        next += length;
        continue;
      }
      m_out.append(m_text.substr(m_pos, next - m_pos));
      m_out += cp > 0xFFFF ? fmt::format("\\U{:08X}", static_cast<std::uint32_t>(cp))
                           : fmt::format("\\u{:04X}", static_cast<std::uint32_t>(cp));
      m_pos = next + length;
      return;
    }
    m_out.append(m_text.substr(m_pos, next - m_pos));
    m_pos = next;
  }

  // The non-ASCII code points toml++ 3.3.0 takes for horizontal white space.
  static bool toml_pp_space(char32_t cp)
  {
    return cp == 0xA0 || cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
           (cp >= 0x205F && cp <= 0x2060) || cp == 0x3000 || cp == 0xFEFF;
  }

  std::string_view m_text;
  const std::string& m_name;
  std::string m_out;
  std::size_t m_pos = 0;
  int m_line = 1;
  Where m_where = Where::key;
  std::string m_nest; // open '[' arrays, '{' inline tables, 'h' a [table] header
};

// `text` as toml++ may safely read it (see above); throws UsageError
// "NAME:LINE: invalid TOML: …" for what it refuses.
inline std::string toml_for_parser(std::string_view text, const std::string& name)
{
  return TomlInput(text, name).run();
}

} // namespace phoihop::io::detail
