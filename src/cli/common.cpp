#include <phoihop/cli/common.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>

namespace phoihop::cli {

std::string text_arg(const std::string& value, const char* what)
{
  return core::clean(value, what);
}

std::string required_text(const std::string& value, const char* what)
{
  std::string text = core::clean(value, what);
  if (text.empty()) {
    throw UsageError(fmt::format("{} is empty", what));
  }
  return text;
}

std::optional<core::Date> date_arg(Context& ctx, const std::string& value, const char* what)
{
  if (value.empty()) {
    return std::nullopt;
  }
  return core::parse_date(value, ctx.today(), what);
}

core::Date required_date(Context& ctx, const std::string& value, const char* what)
{
  if (value.empty()) {
    throw UsageError(fmt::format("{} needs a date", what));
  }
  return core::parse_date(value, ctx.today(), what);
}

void check_order(const core::Date& from, const char* from_what, const core::Date& to,
                 const char* to_what)
{
  if (to < from) {
    throw UsageError(fmt::format("{} {} is before {} {}", to_what, to.iso(), from_what, from.iso()));
  }
}

bool given(const CLI::App* verb, const std::string& name)
{
  return verb->count(name) > 0;
}

report::Value date_value(const std::optional<core::Date>& date)
{
  return date ? report::Value(date->iso()) : report::Value();
}

} // namespace phoihop::cli
