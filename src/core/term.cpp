#include <phoihop/core/term.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <cctype>

namespace phoihop::core {

namespace {

// Reads exactly four digits at `pos`.
std::optional<int> year_at(std::string_view text, std::size_t pos)
{
  if (pos + 4 > text.size()) {
    return std::nullopt;
  }
  int year = 0;
  for (std::size_t i = pos; i < pos + 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) {
      return std::nullopt;
    }
    year = year * 10 + (text[i] - '0');
  }
  return year;
}

} // namespace

Term term_from_period(std::string_view text, std::optional<Date> signed_on, std::string_view what)
{
  auto bad = [&](const std::string& why) {
    return UsageError(fmt::format("invalid period {} for {}: {}", quote_arg(std::string(text)), what, why));
  };
  auto first = year_at(text, 0);
  if (!first || *first < 1) {
    throw bad("expected a year range such as 2018-2022");
  }
  int last = *first;
  std::string_view rest = text.substr(4);
  if (!rest.empty()) {
    std::size_t sep = 0;
    for (std::string_view s : {"-", "..", "\xe2\x80\x93" /* en dash */, "/"}) {
      if (rest.substr(0, s.size()) == s) {
        sep = s.size();
        break;
      }
    }
    auto second = sep ? year_at(rest, sep) : std::nullopt;
    if (!second || rest.size() != sep + 4) {
      throw bad("expected a year range such as 2018-2022");
    }
    last = *second;
  }
  if (last < *first) {
    throw bad(fmt::format("{} is before {}", last, *first));
  }
  Term term{Date::from_ymd(*first, 1, 1), Date::from_ymd(last, 12, 31),
            last == *first ? std::to_string(last) : fmt::format("{}-{}", *first, last)};
  if (signed_on && signed_on->year == *first && term.start < *signed_on) {
    term.start = *signed_on;
  }
  return term;
}

} // namespace phoihop::core
