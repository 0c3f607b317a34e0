#include <phoihop/core/error.hpp>

namespace phoihop {

std::string quote_arg(const std::string& value)
{
  // Control characters would split the one-line error; show them escaped.
  std::string out = "'";
  for (unsigned char c : value) {
    if (c == '\n') {
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
