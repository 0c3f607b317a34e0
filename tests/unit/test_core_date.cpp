#include <phoihop/core/date.hpp>
#include <phoihop/core/error.hpp>

#include <doctest/doctest.h>

#include <string>

using phoihop::UsageError;
using phoihop::core::Date;
using phoihop::core::days_in_month;
using phoihop::core::is_leap_year;
using phoihop::core::local_today;
using phoihop::core::parse_date;

namespace {

const Date k_today{2025, 7, 1};

Date parse(const std::string& text)
{
  return parse_date(text, k_today, "--due");
}

} // namespace

TEST_CASE("is_leap_year follows the Gregorian rules")
{
  CHECK(is_leap_year(2024));
  CHECK(is_leap_year(2000));
  CHECK(is_leap_year(1600));
  CHECK_FALSE(is_leap_year(2023));
  CHECK_FALSE(is_leap_year(1900));
  CHECK_FALSE(is_leap_year(2100));
}

TEST_CASE("days_in_month")
{
  const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int month = 1; month <= 12; ++month) {
    CAPTURE(month);
    CHECK(days_in_month(2023, month) == expected[month - 1]);
  }
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(1900, 2) == 28);
  CHECK(days_in_month(2022, 0) == 0);
  CHECK(days_in_month(2022, 13) == 0);
}

TEST_CASE("Date::is_valid")
{
  CHECK(Date::is_valid(2022, 12, 1));
  CHECK(Date::is_valid(2024, 2, 29));
  CHECK(Date::is_valid(1, 1, 1));
  CHECK(Date::is_valid(9999, 12, 31));
  CHECK_FALSE(Date::is_valid(2023, 2, 29));
  CHECK_FALSE(Date::is_valid(2022, 4, 31));
  CHECK_FALSE(Date::is_valid(2022, 13, 1));
  CHECK_FALSE(Date::is_valid(2022, 0, 1));
  CHECK_FALSE(Date::is_valid(2022, 1, 0));
  CHECK_FALSE(Date::is_valid(2022, 1, 32));
  CHECK_FALSE(Date::is_valid(0, 1, 1));
  CHECK_FALSE(Date::is_valid(10000, 1, 1));
  CHECK_FALSE(Date::is_valid(-1, 1, 1));
}

TEST_CASE("Date::from_ymd builds valid dates and names the numbers of invalid ones")
{
  const Date date = Date::from_ymd(2022, 12, 1);
  CHECK(date.year == 2022);
  CHECK(date.month == 12);
  CHECK(date.day == 1);

  CHECK_THROWS_AS(Date::from_ymd(2022, 4, 31), UsageError);
  CHECK_THROWS_WITH_AS(Date::from_ymd(2022, 4, 31), "invalid date 2022-04-31: April 2022 has 30 days", UsageError);
  CHECK_THROWS_WITH_AS(Date::from_ymd(2023, 2, 29), doctest::Contains("2023-02-29: February 2023 has 28 days"),
                       UsageError);
  CHECK_THROWS_WITH_AS(Date::from_ymd(2022, 13, 1), doctest::Contains("there is no month 13"), UsageError);
  CHECK_THROWS_WITH_AS(Date::from_ymd(2022, 1, 0), doctest::Contains("there is no day 0"), UsageError);
  CHECK_THROWS_WITH_AS(Date::from_ymd(0, 1, 1), doctest::Contains("year 0 is out of range (1-9999)"), UsageError);
  CHECK_THROWS_WITH_AS(Date::from_ymd(10000, 1, 1), doctest::Contains("year 10000"), UsageError);
}

TEST_CASE("Date::days counts from 1970-01-01")
{
  CHECK(Date{1970, 1, 1}.days() == 0);
  CHECK(Date{1970, 1, 2}.days() == 1);
  CHECK(Date{1969, 12, 31}.days() == -1);
  CHECK(Date{2000, 1, 1}.days() == 10957);
  CHECK(Date{2000, 3, 1}.days() == 11017);
  CHECK(Date{2022, 12, 1}.days() == 19327);
  CHECK(Date{1900, 1, 1}.days() == -25567);
  CHECK(Date{1, 1, 1}.days() == -719162);
  CHECK(Date{9999, 12, 31}.days() == 2932896);
}

TEST_CASE("Date::from_days inverts days() for every day from 1900 to 2100")
{
  const long first = Date{1900, 1, 1}.days();
  const long last = Date{2100, 12, 31}.days();
  Date expected{1900, 1, 1};
  bool all_match = true;
  for (long n = first; n <= last; ++n) {
    const Date date = Date::from_days(n);
    if (date != expected || date.days() != n || !Date::is_valid(date.year, date.month, date.day)) {
      FAIL_CHECK("mismatch at day ", n, ": got ", date.iso(), ", expected ", expected.iso());
      all_match = false;
      break;
    }
    // Step the expected date by hand, independently of days()/from_days().
    if (expected.day < days_in_month(expected.year, expected.month)) {
      ++expected.day;
    } else if (expected.month < 12) {
      ++expected.month;
      expected.day = 1;
    } else {
      ++expected.year;
      expected.month = 1;
      expected.day = 1;
    }
  }
  CHECK(all_match);
  CHECK(expected == Date{2101, 1, 1});
  CHECK(last - first + 1 == 73414);
}

TEST_CASE("Date::from_days at the edges of the supported years")
{
  CHECK(Date::from_days(-719162) == Date{1, 1, 1});
  CHECK(Date::from_days(2932896) == Date{9999, 12, 31});
  CHECK_THROWS_AS(Date::from_days(-719163), UsageError);
  CHECK_THROWS_WITH_AS(Date::from_days(2932897), doctest::Contains("2932897"), UsageError);
  const Date last_day{9999, 12, 31};
  CHECK_THROWS_AS(last_day.add_days(1), UsageError);
}

TEST_CASE("Date::add_days and comparison")
{
  CHECK(Date{2022, 12, 31}.add_days(1) == Date{2023, 1, 1});
  CHECK(Date{2024, 2, 28}.add_days(1) == Date{2024, 2, 29});
  CHECK(Date{2023, 2, 28}.add_days(1) == Date{2023, 3, 1});
  CHECK(Date{2023, 3, 1}.add_days(-1) == Date{2023, 2, 28});
  CHECK(Date{2022, 12, 1}.add_days(0) == Date{2022, 12, 1});
  CHECK(Date{2022, 12, 1}.add_days(365) == Date{2023, 12, 1});
  CHECK(Date{2022, 12, 1} < Date{2022, 12, 2});
  CHECK(Date{2022, 11, 30} < Date{2022, 12, 1});
  CHECK(Date{2021, 12, 31} < Date{2022, 1, 1});
  CHECK(Date{2022, 12, 1} == Date{2022, 12, 1});
}

TEST_CASE("Date formats: ISO, Vietnamese and administrative")
{
  const Date date{2022, 12, 1};
  CHECK(date.iso() == "2022-12-01");
  CHECK(date.vn() == "01/12/2022");
  CHECK(date.administrative() == "ngày 01 tháng 12 năm 2022");
  CHECK(Date{987, 1, 5}.iso() == "0987-01-05");
  CHECK(Date{987, 1, 5}.vn() == "05/01/0987");
  // Decree 30/2020/NĐ-CP: a leading zero for days below 10 and months 1-2 only.
  CHECK(Date{2020, 2, 5}.administrative() == "ngày 05 tháng 02 năm 2020");
  CHECK(Date{2020, 1, 15}.administrative() == "ngày 15 tháng 01 năm 2020");
  CHECK(Date{2020, 3, 5}.administrative() == "ngày 05 tháng 3 năm 2020");
  CHECK(Date{2025, 7, 1}.administrative() == "ngày 01 tháng 7 năm 2025");
}

TEST_CASE("parse_date accepts ISO dates")
{
  CHECK(parse("2022-12-01") == Date{2022, 12, 1});
  CHECK(parse("  2022-12-01\t") == Date{2022, 12, 1});
  CHECK(parse("2000-02-29") == Date{2000, 2, 29});
  CHECK(parse("0001-01-01") == Date{1, 1, 1});
  CHECK(parse("9999-12-31") == Date{9999, 12, 31});
}

TEST_CASE("parse_date accepts day-first dates, never US order")
{
  CHECK(parse("01/12/2022") == Date{2022, 12, 1});
  CHECK(parse("1/12/2022") == Date{2022, 12, 1});
  CHECK(parse("1/2/2022") == Date{2022, 2, 1});
  CHECK(parse("05/03/2022") == Date{2022, 3, 5});    // 5 March, not 3 May
  CHECK(parse("01-12-2022") == Date{2022, 12, 1});
  CHECK(parse("01.12.2022") == Date{2022, 12, 1});
  CHECK(parse("29/02/2024") == Date{2024, 2, 29});
  CHECK(parse("31/12/2022") == Date{2022, 12, 31});
}

TEST_CASE("parse_date accepts the administrative form with or without diacritics")
{
  CHECK(parse("ngày 01 tháng 12 năm 2022") == Date{2022, 12, 1});
  CHECK(parse("Ngày 01 tháng 12 năm 2022") == Date{2022, 12, 1});
  CHECK(parse("Ngay 1 thang 12 nam 2022") == Date{2022, 12, 1});
  CHECK(parse("NGÀY 5 THÁNG 3 NĂM 2020") == Date{2020, 3, 5});
  CHECK(parse("ngày 05 tháng 3 năm 2020") == Date{2020, 3, 5});
  CHECK(parse("01 tháng 12 năm 2022") == Date{2022, 12, 1});
  CHECK(parse("  ngày  01  tháng 12 năm 2022 ") == Date{2022, 12, 1});
  // Typed decomposed (NFD).
  CHECK(parse("nga\u0300y 01 tha\u0301ng 12 na\u0306m 2022") == Date{2022, 12, 1});
  // What administrative() writes parses back.
  for (const Date date : {Date{2022, 12, 1}, Date{2020, 2, 5}, Date{2025, 7, 1}}) {
    CHECK(parse(date.administrative()) == date);
    CHECK(parse(date.vn()) == date);
    CHECK(parse(date.iso()) == date);
  }
}

TEST_CASE("parse_date accepts today in English and Vietnamese")
{
  CHECK(parse("today") == k_today);
  CHECK(parse("TODAY") == k_today);
  CHECK(parse(" Today ") == k_today);
  CHECK(parse("hôm nay") == k_today);
  CHECK(parse("Hôm nay") == k_today);
  CHECK(parse("HÔM NAY") == k_today);
  CHECK(parse("hom nay") == k_today);
  CHECK(parse("ho\u0302m nay") == k_today);
  CHECK(parse_date("today", Date{2030, 1, 2}) == Date{2030, 1, 2});
}

TEST_CASE("parse_date rejects impossible dates, naming the value, the option and the reason")
{
  CHECK_THROWS_AS(parse("31/04/2022"), UsageError);
  CHECK_THROWS_WITH_AS(parse("31/04/2022"), "invalid date '31/04/2022' for --due: April 2022 has 30 days", UsageError);
  CHECK_THROWS_AS(parse("2022-13-01"), UsageError);
  CHECK_THROWS_WITH_AS(parse("2022-13-01"), doctest::Contains("'2022-13-01' for --due: there is no month 13"), UsageError);
  CHECK_THROWS_AS(parse("29/02/2023"), UsageError);
  CHECK_THROWS_WITH_AS(parse("29/02/2023"), doctest::Contains("'29/02/2023' for --due: February 2023 has 28 days"),
                       UsageError);
  CHECK_THROWS_AS(parse("1900-02-29"), UsageError);
  CHECK_THROWS_WITH_AS(parse("1900-02-29"), doctest::Contains("'1900-02-29'"), UsageError);
  CHECK_THROWS_AS(parse("0000-01-01"), UsageError);
  CHECK_THROWS_WITH_AS(parse("0000-01-01"), doctest::Contains("'0000-01-01' for --due: year 0 is out of range"), UsageError);
  CHECK_THROWS_AS(parse("32/01/2022"), UsageError);
  CHECK_THROWS_WITH_AS(parse("32/01/2022"), doctest::Contains("'32/01/2022'"), UsageError);
  CHECK_THROWS_AS(parse("00/01/2022"), UsageError);
  CHECK_THROWS_WITH_AS(parse("00/01/2022"), doctest::Contains("'00/01/2022' for --due: there is no day 0"), UsageError);
  CHECK_THROWS_AS(parse("2022-00-10"), UsageError);
  CHECK_THROWS_WITH_AS(parse("2022-00-10"), doctest::Contains("'2022-00-10'"), UsageError);
  CHECK_THROWS_AS(parse("ngày 31 tháng 4 năm 2022"), UsageError);
  CHECK_THROWS_WITH_AS(parse("ngày 31 tháng 4 năm 2022"), doctest::Contains("'ngày 31 tháng 4 năm 2022'"), UsageError);
}

TEST_CASE("parse_date rejects US order with a hint")
{
  CHECK_THROWS_AS(parse("12/31/2022"), UsageError);
  CHECK_THROWS_WITH_AS(parse("12/31/2022"), doctest::Contains("'12/31/2022' for --due: there is no month 31"), UsageError);
  CHECK_THROWS_WITH_AS(parse("12/31/2022"), doctest::Contains("DD/MM/YYYY"), UsageError);
}

TEST_CASE("parse_date rejects malformed text, naming the value and the option")
{
  for (const std::string text :
       {"", "   ", "abc", "2022-2-1", "2022-12-1", "22-12-01", "2022/12/01", "01/12/22", "1/12/022", "01/12/02022",
        "001/12/2022", "01/012/2022", "2022-12-01x", "2022-12-01 12:00", "01/12/2022 abc", "x01/12/2022",
        "01/12-2022", "01//2022", "1 12 2022", "ngày 01 tháng 12", "ngày 01 tháng 12 năm 22", "tháng 12 năm 2022",
        "ngày 01 tháng 12 năm 2022 xyz", "+2022-12-01", "-1/12/2022", "2022-12-0１", "yesterday", "hôm qua", "nay"}) {
    CAPTURE(text);
    CHECK_THROWS_AS(parse(text), UsageError);
    std::string trimmed = text;
    trimmed.erase(0, trimmed.find_first_not_of(' '));
    trimmed.erase(trimmed.find_last_not_of(' ') + 1);
    CHECK_THROWS_WITH_AS(parse(text), doctest::Contains(("invalid date '" + trimmed + "' for --due").c_str()), UsageError);
  }
  CHECK_THROWS_WITH_AS(parse("abc"),
                       "invalid date 'abc' for --due (expected YYYY-MM-DD, DD/MM/YYYY or 'ngày DD tháng MM năm YYYY')",
                       UsageError);
}

TEST_CASE("parse_date names the option given and rejects ill-formed UTF-8")
{
  CHECK_THROWS_WITH_AS(parse_date("31/04/2022", k_today, "--signed"), doctest::Contains("for --signed"), UsageError);
  CHECK_THROWS_WITH_AS(parse_date("soon", k_today), doctest::Contains("'soon' for date"), UsageError);
  CHECK_THROWS_WITH_AS(parse_date("01/12/2022\xFF", k_today, "--due"), doctest::Contains("invalid UTF-8 in --due"),
                       UsageError);
  CHECK_THROWS_WITH_AS(parse_date("01/12/2022\xFF", k_today, "--due"), doctest::Contains("01/12/2022\\xff"), UsageError);
}

TEST_CASE("local_today returns a valid calendar date")
{
  const Date today = local_today();
  CHECK(Date::is_valid(today.year, today.month, today.day));
  CHECK(today.year >= 1970);
}
