// core::parse_date on any text: it returns a valid date or throws
// UsageError, and every form phoihop prints a date in reads back as the
// same date.
#include "fuzz.hpp"

#include <phoihop/core/date.hpp>
#include <phoihop/core/error.hpp>

using phoihop::core::Date;
using phoihop::core::parse_date;
using phoihop::fuzz::require;

namespace {

const Date k_today{2025, 8, 12};

void check_reads_back(const Date& d, const std::string& text, std::string_view form)
{
  Date again;
  try {
    again = parse_date(text, k_today);
  } catch (const phoihop::UsageError& e) {
    require(false, form, text + ": " + e.what());
  }
  require(again == d, form, text + " reads back as " + again.iso());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  Date d;
  try {
    d = parse_date(phoihop::fuzz::as_text(data, size), k_today, "--due");
  } catch (const phoihop::UsageError&) {
    return 0;
  }
  require(Date::is_valid(d.year, d.month, d.day), "parse_date returns a valid date", d.iso());
  check_reads_back(d, d.iso(), "iso() reads back");
  check_reads_back(d, d.vn(), "vn() reads back");
  check_reads_back(d, d.administrative(), "administrative() reads back");
  require(Date::from_days(d.days()) == d, "from_days(days()) is the date", d.iso());
  // Day arithmetic stays in order and in range at both ends of the calendar.
  if (d != Date{1, 1, 1}) {
    const Date before = d.add_days(-1);
    require(before < d && before.days() + 1 == d.days(), "the day before comes first", d.iso());
  }
  if (d != Date{9999, 12, 31}) {
    const Date after = d.add_days(1);
    require(d < after && Date::is_valid(after.year, after.month, after.day), "the day after is valid", d.iso());
  }
  return 0;
}
