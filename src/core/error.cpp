#include <phoihop/core/error.hpp>

namespace phoihop {

std::string quote_arg(const std::string& value)
{
  // Control characters would split the one-line error; show them escaped.
  // A message names the value; it need not repeat a 100 kB one.
  constexpr std::size_t k_shown = 200;
  std::string out = "'";
  std::size_t count = 0;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (++count > k_shown && (c & 0xc0) != 0x80) {
      out += "…";
      break;
    }
    auto next = i + 1 < value.size() ? static_cast<unsigned char>(value[i + 1]) : 0;
    if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {
      // A C1 control (U+0080-U+009F): NEL would end the line on some terminals.
      static const char* k_hex = "0123456789abcdef";
      out += "\\u00";
      out += k_hex[next >> 4];
      out += k_hex[next & 15];
      ++i;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      static const char* k_hex = "0123456789abcdef";
      out += "\\x";
      out += k_hex[c >> 4];
      out += k_hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  out += "'";
  return out;
}

} // namespace phoihop
