#pragma once

#include <phoihop/core/date.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::core {

// A report period (phoihop-report(1), PERIODS): a run of whole days, both ends inclusive.
struct Period {
  Date first; // inclusive
  Date last;  // inclusive
  // Canonical text, a function of first and last only, so the same days always
  // print the same: "2022", "2018-2022", "2022-Q4", "2022-H1", "2022-12", else
  // "2022-12-01..2023-01-31". (An agreement: period keeps the label its lookup gave.)
  std::string label;

  // The as-of day (phoihop-report(1), COUNTING RULES): the last day, or
  // `today` if that comes first (a period still running is reported as it
  // stands today).
  Date as_of(const Date& today) const;
  bool contains(const Date& d) const;
  // True when [from, to] (inclusive) shares at least one day with the period.
  bool overlaps(const Date& from, const Date& to) const;

  bool operator==(const Period&) const = default;
};

// The canonical label of the days first..last (see Period::label).
std::string period_label(const Date& first, const Date& last);

// Looks up "agreement:REF" and returns that agreement's term.
using AgreementTermLookup = std::function<Period(const std::string& ref)>;

// Parses every period form of phoihop-report(1), PERIODS, English and Vietnamese:
//   2022 · 2018-2022 · 2018..2022 · 2022-Q4 · 2022Q4 · 2022-H1 · 2022H2 · 2022-12
//   7/2023 · 07/2023 · Q3/2023 · H1/2023 (any case) · first 9 months of 2023 · last 3 months of 2023
//   2022-12-01..2023-01-31 (each side any form parse_date accepts) · 01/07/2023-31/07/2023
//   this-year · last-year · this-quarter · last-quarter · this-month · last-month
//     (relative to `today`; a space instead of the hyphen and any case work too)
//   agreement:REF (through `agreement_term`; when that is empty the form is refused)
//   năm 2022 · năm 2018-2022 · giai đoạn 2018 - 2022 · Quý IV/2022 · quý 4/2022 ·
//   quý IV năm 2022 · tháng 12/2022 · tháng 12 năm 2022 · 6 tháng đầu/cuối năm 2022 ·
//   N tháng đầu/cuối năm 2022 (N = 1..12) · nửa đầu/cuối năm 2022 ·
//   từ 01/12/2022 đến 31/01/2023 · năm nay · năm ngoái/năm trước · quý này ·
//   quý trước · tháng này · tháng trước
// Vietnamese words are matched on fold(), so case and diacritics do not matter.
// Anything else, and any reversed or impossible period, throws UsageError
// naming the value and `what` (the option, e.g. "--period"). Never guesses.
// Errors thrown by `agreement_term` (NotFound, …) pass through unchanged.
Period parse_period(std::string_view text, const Date& today, const AgreementTermLookup& agreement_term = {},
                    std::string_view what = "--period");

// The period of --from/--to; `what` names the pair for the message
// (e.g. "--from/--to"). A reversed pair throws UsageError naming both dates.
Period period_from_dates(const Date& from, const Date& to, std::string_view what);

// The sub-period length of --each.
enum class Step { year, half, quarter, month };

// year|half|quarter|month, or Vietnamese năm, nửa năm / 6 tháng, quý, tháng
// (matched on fold()). Anything else throws UsageError naming the value.
Step parse_step(std::string_view text, std::string_view what = "--each");

// "year", "half", "quarter" or "month".
std::string_view step_name(Step step);

// Consecutive sub-periods covering `p`, aligned to calendar years, halves,
// quarters or months, the first and last clipped to `p`. Each is labelled by
// its own days (period_label), so a clipped one gets a date-range label
// unless its days happen to be a whole month, quarter, half or year.
std::vector<Period> split_period(const Period& p, Step step);

} // namespace phoihop::core
