#include <phoihop/core/date.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdlib>
#include <sys/stat.h>
#include <ctime>
#include <optional>
#include <string>
#include <time.h> // localtime_r, tzset (POSIX)
#include <vector>

namespace phoihop::core {

namespace {

constexpr int k_min_year = 1;
constexpr int k_max_year = 9999;

constexpr std::array<const char*, 12> k_month_names = {
  "January", "February", "March",     "April",   "May",      "June",
  "July",    "August",   "September", "October", "November", "December",
};

// Why year/month/day is not a date, or "" when it is one.
std::string date_problem(int year, int month, int day)
{
  if (year < k_min_year || year > k_max_year) {
    return fmt::format("year {} is out of range ({}-{})", year, k_min_year, k_max_year);
  }
  if (month < 1 || month > 12) {
    return fmt::format("there is no month {}", month);
  }
  if (day < 1) {
    return fmt::format("there is no day {}", day);
  }
  const int last = days_in_month(year, month);
  if (day > last) {
    return fmt::format("{} {} has {} days", k_month_names[static_cast<std::size_t>(month - 1)], year, last);
  }
  return {};
}

// Days from 1970-01-01 of 0001-01-01 and 9999-12-31.
constexpr long k_min_days = -719162;
constexpr long k_max_days = 2932896;

struct Ymd {
  int year = 0;
  int month = 0;
  int day = 0;
};

bool is_ascii_digits(std::string_view text)
{
  if (text.empty()) {
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// At most four digits, so no overflow.
int to_int(std::string_view digits)
{
  int value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_number(std::string_view text, std::size_t min_width, std::size_t max_width)
{
  return text.size() >= min_width && text.size() <= max_width && is_ascii_digits(text);
}

// YYYY-MM-DD with exactly those widths.
std::optional<Ymd> parse_iso(std::string_view text)
{
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto year = text.substr(0, 4);
  const auto month = text.substr(5, 2);
  const auto day = text.substr(8, 2);
  if (!is_ascii_digits(year) || !is_ascii_digits(month) || !is_ascii_digits(day)) {
    return std::nullopt;
  }
  return Ymd{to_int(year), to_int(month), to_int(day)};
}

// D/M/YYYY with one or two digits for day and month and the same separator
// twice: '/', '-' or '.'. Day first, always: Vietnamese offices never write
// the US order, and guessing would silently swap day and month.
std::optional<Ymd> parse_day_first(std::string_view text)
{
  const std::size_t first = text.find_first_of("/-.");
  if (first == std::string_view::npos) {
    return std::nullopt;
  }
  const char sep = text[first];
  const std::size_t second = text.find(sep, first + 1);
  if (second == std::string_view::npos) {
    return std::nullopt;
  }
  const auto day = text.substr(0, first);
  const auto month = text.substr(first + 1, second - first - 1);
  const auto year = text.substr(second + 1);
  if (!is_number(day, 1, 2) || !is_number(month, 1, 2) || !is_number(year, 4, 4)) {
    return std::nullopt;
  }
  return Ymd{to_int(year), to_int(month), to_int(day)};
}

// "[ngay] D thang M nam YYYY" on the folded text, so case, diacritics, NFD
// input and extra spaces do not matter.
std::optional<Ymd> parse_administrative(std::string_view folded)
{
  std::vector<std::string> words = split_list(folded, ' ');
  if (!words.empty() && words.front() == "ngay") {
    words.erase(words.begin());
  }
  if (words.size() != 5 || words[1] != "thang" || words[3] != "nam") {
    return std::nullopt;
  }
  if (!is_number(words[0], 1, 2) || !is_number(words[2], 1, 2) || !is_number(words[4], 4, 4)) {
    return std::nullopt;
  }
  return Ymd{to_int(words[4]), to_int(words[2]), to_int(words[0])};
}

} // namespace

bool is_leap_year(int year)
{
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int year, int month)
{
  static constexpr std::array<int, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) {
    return 0;
  }
  if (month == 2 && is_leap_year(year)) {
    return 29;
  }
  return k_days[static_cast<std::size_t>(month - 1)];
}

bool Date::is_valid(int year, int month, int day)
{
  return year >= k_min_year && year <= k_max_year && day >= 1 && day <= days_in_month(year, month);
}

Date Date::from_ymd(int year, int month, int day)
{
  const std::string problem = date_problem(year, month, day);
  if (!problem.empty()) {
    throw UsageError(fmt::format("invalid date {:04}-{:02}-{:02}: {}", year, month, day, problem));
  }
  return Date{year, month, day};
}

// Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html).
long Date::days() const
{
  const long y = static_cast<long>(year) - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = month > 2 ? month - 3 : month + 9;
  const long doy = (153 * mp + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// Hinnant's civil_from_days, limited to the years a Date may hold.
Date Date::from_days(long days)
{
  if (days < k_min_days || days > k_max_days) {
    throw UsageError(fmt::format("date out of range: day {} from 1970-01-01 is outside years {}-{}", days, k_min_year,
                                 k_max_year));
  }
  const long z = days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return Date{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

std::string Date::iso() const
{
  // Every listed task prints two or three dates: no format parsing for them.
  if (year < 0 || year > 9999 || month < 0 || month > 99 || day < 0 || day > 99) {
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
  }
  char text[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                   static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                   static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10), '-',
                   static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
  return std::string(text, sizeof text);
}

std::string Date::vn() const
{
  return fmt::format("{:02}/{:02}/{:04}", day, month, year);
}

// Decree 30/2020/NĐ-CP: days below 10 and the months 1 and 2 take a leading
// zero (so nobody can turn "1" into "11" or "12"); the months 3-12 do not.
std::string Date::administrative() const
{
  if (month <= 2) {
    return fmt::format("ngày {:02} tháng {:02} năm {:04}", day, month, year);
  }
  return fmt::format("ngày {:02} tháng {} năm {:04}", day, month, year);
}

Date parse_date(std::string_view text, const Date& today, std::string_view what)
{
  const std::string value = clean(text, what);
  const std::string folded = fold(value);
  if (folded == "today" || folded == "hom nay") {
    return today;
  }
  std::optional<Ymd> ymd = parse_iso(value);
  bool day_first = false;
  if (!ymd) {
    ymd = parse_day_first(value);
    day_first = ymd.has_value();
  }
  if (!ymd) {
    ymd = parse_administrative(folded);
  }
  if (!ymd) {
    throw UsageError(fmt::format("invalid date {} for {} (expected YYYY-MM-DD, DD/MM/YYYY or 'ngày DD tháng MM năm YYYY')",
                                 phoihop::quote_arg(value), what));
  }
  std::string problem = date_problem(ymd->year, ymd->month, ymd->day);
  if (!problem.empty()) {
    if (day_first && ymd->month > 12 && ymd->day <= 12) {
      problem += " (the day comes first: DD/MM/YYYY)";
    }
    throw UsageError(fmt::format("invalid date {} for {}: {}", phoihop::quote_arg(value), what, problem));
  }
  return Date{ymd->year, ymd->month, ymd->day};
}

TimeZone local_time_zone()
{
  const char* tz = std::getenv("TZ");
  if (tz == nullptr || *tz == '\0') {
    return {};
  }
  TimeZone zone{tz, true};
  std::string_view name(tz);
  if (name.front() == ':') {
    name.remove_prefix(1);
  }
  // A zone file (glibc: an absolute path, or one under $TZDIR or its default)…
  const char* dir = std::getenv("TZDIR");
  std::string file = !name.empty() && name.front() == '/'
                       ? std::string(name)
                       : fmt::format("{}/{}", dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo", name);
  struct stat st{};
  if (!name.empty() && name.find("..") == std::string_view::npos && ::stat(file.c_str(), &st) == 0 &&
      S_ISREG(st.st_mode)) {
    return zone;
  }
  // …or a POSIX rule, which starts with a name of three letters or more (or
  // <…>) and its offset from UTC ("ICT-7", "<+07>-7", "EST5EDT,M3.2.0,M11.1.0").
  std::size_t i = 0;
  if (i < name.size() && name[i] == '<') {
    i = name.find('>');
    i = i == std::string_view::npos || i < 4 ? name.size() : i + 1;
  } else {
    while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i])) != 0) {
      ++i;
    }
    i = i < 3 ? name.size() : i;
  }
  if (i < name.size() && (name[i] == '+' || name[i] == '-')) {
    ++i;
  }
  zone.known = i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) != 0;
  return zone;
}

Date local_today()
{
  // glibc's localtime_r reads TZ only once per process; tzset() makes it
  // honour the current value.
  tzset();
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  if (localtime_r(&now, &parts) == nullptr) {
    throw Failure("cannot determine today's local date");
  }
  return Date{parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
}

} // namespace phoihop::core
