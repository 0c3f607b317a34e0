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

// `text` as toml++ may safely read it (see above); throws UsageError
// "NAME:LINE: invalid TOML: …" for what it refuses.
inline std::string toml_for_parser(std::string_view text, const std::string& name)
{
  std::string out;
  out.reserve(text.size());
  int line = 1;
  const auto refuse = [&](std::string_view why) {
    throw UsageError(fmt::format("{}:{}: invalid TOML: {}", name, line, why));
  };
  const auto non_ascii = [&](std::size_t i) { return i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80; };
  // A quote opens a string only where TOML's grammar has a key or a value:
  // after the start of a line, '=', '.', '[', '{' or ','. Elsewhere (0"x")
  // toml++ reads it as part of the token before it, looking at what follows.
  char before = '\n'; // the last character outside strings and comments, blanks aside
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '#') {
      const std::size_t end = std::min(text.find('\n', i), text.size());
      out.append(text.substr(i, end - i));
      i = end;
      continue;
    }
    const bool opens = (c == '"' || c == '\'') && std::string_view("\n=.[{,").find(before) != std::string_view::npos;
    if (!opens) {
      if (non_ascii(i)) {
        refuse("text outside quotes; write it in double quotes (title = \"…\")");
      }
      line += c == '\n' ? 1 : 0;
      if (c != ' ' && c != '\t' && c != '\r') {
        before = c;
      }
      out += c;
      ++i;
      continue;
    }
    before = c;
    const std::string delimiter(3, c);
    const bool multi = text.compare(i, 3, delimiter) == 0;
    const bool basic = c == '"';
    out.append(text.substr(i, multi ? 3 : 1));
    i += multi ? 3 : 1;
    const auto at_close = [&] { return multi ? text.compare(i, 3, delimiter) == 0 : text[i] == c || text[i] == '\n'; };
    while (i < text.size() && !at_close()) {
      if (text[i] == '\n') {
        ++line;
      }
      if (!basic || text[i] != '\\') {
        out += text[i++];
        continue;
      }
      out += text[i++]; // the backslash
      std::size_t j = i;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t')) {
        ++j;
      }
      const bool line_end = multi && j < text.size() && (text[j] == '\n' || text.compare(j, 2, "\r\n") == 0);
      if (!line_end) {
        if (non_ascii(j)) {
          refuse("a backslash must start an escape such as \\n or \\u00e9, or end the line in \"\"\"");
        }
        if (i < text.size() && text[i] != '\n') {
          out += text[i++]; // the escaped character, so \" and \\ are not read again
        }
        continue;
      }
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r')) {
        line += text[j] == '\n' ? 1 : 0;
        ++j;
      }
      out.append(text.substr(i, j - i));
      i = j;
      if (non_ascii(i)) {
        const auto [cp, length] = utf8_at(text, i);
        if (length == 0) {
          refuse("invalid UTF-8");
        }
        out += cp > 0xFFFF ? fmt::format("\\U{:08X}", static_cast<std::uint32_t>(cp))
                           : fmt::format("\\u{:04X}", static_cast<std::uint32_t>(cp));
        i += length;
      }
    }
    // The closing quote(s): a """string""" may end in up to five, two of them its own.
    while (i < text.size() && text[i] == c) {
      out += text[i++];
      if (!multi) {
        break;
      }
    }
  }
  return out;
}

} // namespace phoihop::io::detail
