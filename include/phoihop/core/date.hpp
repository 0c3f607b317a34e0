#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace phoihop::core {

// A calendar date (proleptic Gregorian), always valid once constructed via
// parse_date() or Date::from_ymd().
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  // Throws UsageError naming the numbers when they are not a real date.
  static Date from_ymd(int year, int month, int day);
  static bool is_valid(int year, int month, int day);

  // Days since 1970-01-01 (negative before); used for arithmetic and comparison.
  long days() const;
  static Date from_days(long days);
  Date add_days(long n) const { return from_days(days() + n); }

  std::string iso() const;            // 2022-12-01
  std::string vn() const;             // 01/12/2022
  std::string administrative() const; // ngày 01 tháng 12 năm 2022

  auto operator<=>(const Date&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);

// Accepts YYYY-MM-DD, DD/MM/YYYY (day first, never US order; D/M/YYYY and
// '-' or '.' instead of '/' too),
// the administrative form "ngày 01 tháng 12 năm 2022" (with or without
// diacritics, any case) and "today"/"hôm nay". Anything else, including an
// impossible date such as 31/04/2022, throws UsageError naming the value.
// `what` names the option for the message, e.g. "--due".
Date parse_date(std::string_view text, const Date& today, std::string_view what = "date");

// Today's local calendar date (TZ, else the system zone), never the UTC date.
Date local_today();

// The zone local dates are taken in: $TZ as given ("" for the system's,
// /etc/localtime). `known` is false for a value the C library cannot use
// and silently replaces with UTC — a misspelt or missing zone name such as
// "Asia/Hanoi" — so a run at 00:30 on 1 January would report the old year.
struct TimeZone {
  std::string name;
  bool known = true;
};
TimeZone local_time_zone();

} // namespace phoihop::core
