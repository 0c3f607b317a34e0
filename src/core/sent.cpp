#include <phoihop/core/sent.hpp>

#include <fmt/format.h>

namespace phoihop::core {

std::string SentReport::number_text() const
{
  // Decree 30/2020 writes a 0 before a number under 10: 03/BC-UBND.
  std::string digits = fmt::format("{:02}", number);
  return symbol.empty() ? digits : fmt::format("{}/{}", digits, symbol);
}

std::string SentReport::described() const
{
  return fmt::format("{} of {}", number_text(), issued_on.year);
}

std::optional<DocumentNumber> parse_document_number(std::string_view text)
{
  std::size_t slash = text.find('/');
  std::string_view digits = text.substr(0, slash);
  if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  DocumentNumber out;
  for (char c : digits) {
    out.number = out.number * 10 + (c - '0');
  }
  if (out.number < 1 || out.number > k_max_document_number) {
    return std::nullopt;
  }
  if (slash != std::string_view::npos) {
    std::string_view symbol = text.substr(slash + 1);
    if (symbol.empty()) {
      return std::nullopt;
    }
    out.symbol = std::string(symbol);
  }
  return out;
}

bool is_binary_format(std::string_view format)
{
  return format == "docx" || format == "xlsx";
}

} // namespace phoihop::core
