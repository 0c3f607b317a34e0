// core::parse_period, parse_step and split_period on any text: a period is
// returned only when its days are in order, its label is the canonical one
// and reads back as the same days, and splitting it covers it exactly.
#include "fuzz.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>

#include <array>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::core::Step;
using phoihop::fuzz::require;

namespace {

// Relative periods at both ends of the calendar and at a quarter's edge.
constexpr std::array<Date, 3> k_todays = {Date{2025, 8, 12}, Date{1, 1, 1}, Date{9999, 12, 31}};

// "agreement:CT-2026" is a known term; any other reference is not found.
Period agreement_term(const std::string& ref)
{
  if (ref == "CT-2026") {
    return Period{Date{2026, 1, 15}, Date{2030, 12, 31}, "2026-2030"};
  }
  throw phoihop::NotFound("no agreement " + ref);
}

void check_split(const Period& p, Step step)
{
  const std::vector<Period> parts = split_period(p, step);
  require(!parts.empty(), "split_period gives at least one part", p.label);
  require(parts.front().first == p.first && parts.back().last == p.last, "the parts cover the period", p.label);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const Period& part = parts[i];
    require(part.first <= part.last, "a part's days are in order", part.label);
    require(part.label == phoihop::core::period_label(part.first, part.last), "a part has its canonical label",
            part.label);
    if (i > 0) {
      require(parts[i - 1].last.add_days(1) == part.first, "the parts are consecutive", part.label);
    }
    // A part never crosses the step's calendar boundary.
    require(part.first.year == part.last.year, "a part stays in one year", part.label);
    if (step == Step::month) {
      require(part.first.month == part.last.month, "a month part stays in one month", part.label);
    } else if (step == Step::quarter) {
      require((part.first.month - 1) / 3 == (part.last.month - 1) / 3, "a quarter part stays in one quarter",
              part.label);
    } else if (step == Step::half) {
      require((part.first.month - 1) / 6 == (part.last.month - 1) / 6, "a half part stays in one half",
              part.label);
    }
  }
}

void check_period(const Period& p, const Date& today, bool from_agreement)
{
  require(p.first <= p.last, "a period's days are in order", p.label);
  if (from_agreement) {
    return; // an agreement's term keeps the label its lookup gave
  }
  require(p.label == phoihop::core::period_label(p.first, p.last), "the label is canonical", p.label);
  Period again;
  try {
    again = parse_period(p.label, today);
  } catch (const phoihop::UsageError& e) {
    require(false, "the label reads back", p.label + ": " + e.what());
  }
  require(again == p, "the label reads back as the same days", p.label + " → " + again.label);
  require(phoihop::core::period_from_dates(p.first, p.last, "--from/--to") == p, "--from/--to give the same period",
          p.label);
  require(p.contains(p.first) && p.contains(p.last) && p.overlaps(p.first, p.first), "a period contains its ends",
          p.label);
  // Splitting by month a period of many years is slow, not interesting.
  const int years = p.last.year - p.first.year + 1;
  check_split(p, Step::year);
  if (years <= 50) {
    check_split(p, Step::half);
    check_split(p, Step::quarter);
    check_split(p, Step::month);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text = phoihop::fuzz::as_text(data, size);
  for (const Date& today : k_todays) {
    try {
      const Period p = parse_period(text, today, agreement_term);
      const bool from_agreement = p.label == "2026-2030" && p.first == Date{2026, 1, 15};
      check_period(p, today, from_agreement);
      require(p.as_of(today) <= p.last, "the as-of day is in the period or before its end", p.label);
    } catch (const phoihop::UsageError&) {
    } catch (const phoihop::NotFound&) {
    }
  }
  try {
    const Step step = phoihop::core::parse_step(text);
    require(phoihop::core::parse_step(phoihop::core::step_name(step)) == step, "step_name reads back",
            std::string(phoihop::core::step_name(step)));
  } catch (const phoihop::UsageError&) {
  }
  return 0;
}
