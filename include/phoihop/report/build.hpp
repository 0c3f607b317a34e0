#pragma once

#include <phoihop/core/period.hpp>
#include <phoihop/report/summary.hpp>
#include <phoihop/store/database.hpp>

#include <optional>

namespace phoihop::report {

struct SummaryRequest {
  core::Period period;
  std::optional<core::Step> each;        // split into consecutive sub-periods
  std::optional<core::Id> agreement_id;  // only this agreement
  core::Date today;
  // What the caller reads; what it leaves out is not built (and stays empty
  // or zero). tasks: the task lines, or only their counts (counted without
  // reading their text), or nothing; listings: meetings with their people
  // and decisions with their recipients (else only their counts);
  // attention: the attention items.
  enum class Tasks { lines, counts, none };
  Tasks tasks = Tasks::lines;
  bool listings = true;
  bool attention = true;
  // The attention list's thresholds (report.stale_months, report.due_soon_days).
  int stale_months = 6;
  int due_soon_days = 30;
  // --compare: each sub-period also counted over the previous period of the
  // same length, or over the same days a year earlier (counts only), handed
  // over as PeriodSection::compare.
  enum class Compare { previous, year };
  std::optional<Compare> compare;
};

// The other period of --compare (phoihop-report(1), COMPARISON): previous
// is the period of the same length just before `period` (whole months when
// it is whole months: the quarter before a quarter, February before March),
// year the same days a year earlier (whole months likewise, so February
// 2025 is compared with the whole of February 2024; else 29 February becomes
// the 28th).
core::Period compare_period(const core::Period& period, SummaryRequest::Compare compare);
// The day the other period is counted as of: its last day when `section`
// has ended; while it is still running, the same point of the other period
// (a year earlier: the same date; else as many days from its start), so a
// part of a period is compared with the same part.
core::Date compare_as_of(const PeriodSection& section, const core::Period& other, SummaryRequest::Compare compare);

// Builds the report model from the store, each sub-period as of its as-of
// day (its last day, or today if that comes first), by the counting rules of
// phoihop-report(1): every fact as it stood that day (an agreement's status
// and end, due dates, names).
Summary build_summary(store::Database& db, const SummaryRequest& request);
// The same, handed to `sink` one agreement at a time (nothing kept);
// replay() (summary.hpp) hands over a Summary already built the same way.
void build_summary(store::Database& db, const SummaryRequest& request, SummarySink& sink);

// Whole months from `from` to `to` (2022-12-01 → 2025-07-01 is 31).
int months_between(const core::Date& from, const core::Date& to);

// An agreement's status on `day`: draft until signed, in force until its end
// has happened (its actual end, on or before the day), then what ended it;
// superseded only from its renewal's start (`renewed_from`), or from its end
// when the renewal starts the next day; ended or ended early before that.
std::string status_on(const core::Agreement& agreement, const core::Date& day,
                      const std::optional<core::Date>& renewed_from = std::nullopt);
// Its actual end, if that had happened by `day`.
std::optional<core::Date> ended_by(const core::Agreement& agreement, const core::Date& day);

} // namespace phoihop::report
