#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using phoihop::NotFound;
using phoihop::UsageError;
using phoihop::core::Date;
using phoihop::core::parse_period;
using phoihop::core::parse_step;
using phoihop::core::Period;
using phoihop::core::period_from_dates;
using phoihop::core::period_label;
using phoihop::core::split_period;
using phoihop::core::Step;
using phoihop::core::step_name;

namespace {

// A Tuesday in Q3, mid-month, so every relative form has a neighbour to get wrong.
const Date k_today{2025, 8, 12};

Period parse(const std::string& text, const Date& today = k_today)
{
  return parse_period(text, today);
}

// Checks the days and the label of a parsed period.
void check_period(const std::string& text, const Date& first, const Date& last, const std::string& label,
                  const Date& today = k_today)
{
  CAPTURE(text);
  const Period p = parse(text, today);
  CHECK(p.first == first);
  CHECK(p.last == last);
  CHECK(p.label == label);
}

// The message every refused value must produce: it names the value and the option.
std::string message_of(const std::string& text)
{
  try {
    parse(text);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

// A value refused as no period at all: the message names it and the option.
void check_refused(const std::string& text)
{
  CAPTURE(text);
  const std::string message = message_of(text);
  CHECK(message.find("'" + text + "'") != std::string::npos);
  CHECK(message.find("--period") != std::string::npos);
}

std::vector<std::string> labels(const std::vector<Period>& periods)
{
  std::vector<std::string> out;
  for (const Period& p : periods) {
    out.push_back(p.label);
  }
  return out;
}

} // namespace

TEST_CASE("parse_period: one year")
{
  check_period("2022", {2022, 1, 1}, {2022, 12, 31}, "2022");
  check_period("  2022\t", {2022, 1, 1}, {2022, 12, 31}, "2022");
  check_period("0001", {1, 1, 1}, {1, 12, 31}, "0001");
  check_period("9999", {9999, 1, 1}, {9999, 12, 31}, "9999");
}

TEST_CASE("parse_period: inclusive year ranges in every spelling")
{
  for (const std::string text : {"2018-2022", "2018..2022", "2018 - 2022", "2018 .. 2022", "2018\u20132022",
                                 "2018/2022"}) {
    check_period(text, {2018, 1, 1}, {2022, 12, 31}, "2018-2022");
  }
  // A one-year range is that year, and is labelled as one.
  check_period("2022-2022", {2022, 1, 1}, {2022, 12, 31}, "2022");
}

TEST_CASE("parse_period: quarters end on 03-31, 06-30, 09-30 and 12-31")
{
  check_period("2022-Q1", {2022, 1, 1}, {2022, 3, 31}, "2022-Q1");
  check_period("2022-Q2", {2022, 4, 1}, {2022, 6, 30}, "2022-Q2");
  check_period("2022-Q3", {2022, 7, 1}, {2022, 9, 30}, "2022-Q3");
  check_period("2022-Q4", {2022, 10, 1}, {2022, 12, 31}, "2022-Q4");
  for (const std::string text : {"2022Q4", "2022-q4", "2022q4", "2022 Q4", "2022-Q04"}) {
    check_period(text, {2022, 10, 1}, {2022, 12, 31}, "2022-Q4");
  }
}

TEST_CASE("parse_period: halves")
{
  check_period("2022-H1", {2022, 1, 1}, {2022, 6, 30}, "2022-H1");
  check_period("2022-H2", {2022, 7, 1}, {2022, 12, 31}, "2022-H2");
  check_period("2022H2", {2022, 7, 1}, {2022, 12, 31}, "2022-H2");
  check_period("2022h1", {2022, 1, 1}, {2022, 6, 30}, "2022-H1");
}

TEST_CASE("parse_period: months end on their last day, February by leap year")
{
  check_period("2022-12", {2022, 12, 1}, {2022, 12, 31}, "2022-12");
  check_period("2022-04", {2022, 4, 1}, {2022, 4, 30}, "2022-04");
  check_period("2024-02", {2024, 2, 1}, {2024, 2, 29}, "2024-02");
  check_period("2023-02", {2023, 2, 1}, {2023, 2, 28}, "2023-02");
  check_period("2000-02", {2000, 2, 1}, {2000, 2, 29}, "2000-02");
  check_period("1900-02", {1900, 2, 1}, {1900, 2, 28}, "1900-02");
}

TEST_CASE("parse_period: inclusive date ranges, each side any date form")
{
  const Date first{2022, 12, 1};
  const Date last{2023, 1, 31};
  for (const std::string text : {"2022-12-01..2023-01-31", "01/12/2022..31/01/2023", "1/12/2022..31/1/2023",
                                 "01.12.2022..31.01.2023", "2022-12-01 .. 2023-01-31",
                                 "ngày 01 tháng 12 năm 2022..ngày 31 tháng 01 năm 2023"}) {
    check_period(text, first, last, "2022-12-01..2023-01-31");
  }
  // "today" is a date too, so a running period can be written without looking up the date.
  check_period("2025-08-01..today", {2025, 8, 1}, k_today, "2025-08-01..2025-08-12");
  // One day is a period.
  check_period("2022-12-01..2022-12-01", first, first, "2022-12-01..2022-12-01");
}

TEST_CASE("parse_period: a date range that is a whole month, quarter, half or year gets that label")
{
  check_period("2022-12-01..2022-12-31", {2022, 12, 1}, {2022, 12, 31}, "2022-12");
  check_period("01/10/2022..31/12/2022", {2022, 10, 1}, {2022, 12, 31}, "2022-Q4");
  check_period("2022-07-01..2022-12-31", {2022, 7, 1}, {2022, 12, 31}, "2022-H2");
  check_period("2018-01-01..2022-12-31", {2018, 1, 1}, {2022, 12, 31}, "2018-2022");
  // Aligned to months but not to a calendar unit: stays a date range.
  check_period("2022-02-01..2022-04-30", {2022, 2, 1}, {2022, 4, 30}, "2022-02-01..2022-04-30");
  check_period("2022-07-01..2023-06-30", {2022, 7, 1}, {2023, 6, 30}, "2022-07-01..2023-06-30");
}

TEST_CASE("parse_period: từ … đến … as administrative documents write a range")
{
  for (const std::string text : {"từ 01/12/2022 đến 31/01/2023", "Từ ngày 01/12/2022 đến ngày 31/01/2023",
                                 "tu 01/12/2022 den 31/01/2023",
                                 "từ ngày 01 tháng 12 năm 2022 đến ngày 31 tháng 01 năm 2023",
                                 "từ\u00a001/12/2022\tđến 31/01/2023"}) {
    check_period(text, {2022, 12, 1}, {2023, 1, 31}, "2022-12-01..2023-01-31");
  }
}

TEST_CASE("parse_period: relative periods, with a hyphen or a space, any case")
{
  for (const std::string text : {"this-year", "this year", "This Year", "THIS-YEAR", "  this   year "}) {
    check_period(text, {2025, 1, 1}, {2025, 12, 31}, "2025");
  }
  check_period("last-year", {2024, 1, 1}, {2024, 12, 31}, "2024");
  check_period("last year", {2024, 1, 1}, {2024, 12, 31}, "2024");
  check_period("this-quarter", {2025, 7, 1}, {2025, 9, 30}, "2025-Q3");
  check_period("last-quarter", {2025, 4, 1}, {2025, 6, 30}, "2025-Q2");
  check_period("this-month", {2025, 8, 1}, {2025, 8, 31}, "2025-08");
  check_period("Last Month", {2025, 7, 1}, {2025, 7, 31}, "2025-07");
}

TEST_CASE("parse_period: relative periods across year boundaries")
{
  const Date new_year{2023, 1, 1};
  check_period("last-quarter", {2022, 10, 1}, {2022, 12, 31}, "2022-Q4", new_year);
  check_period("last-month", {2022, 12, 1}, {2022, 12, 31}, "2022-12", new_year);
  check_period("this-quarter", {2023, 1, 1}, {2023, 3, 31}, "2023-Q1", new_year);
  check_period("last-year", {2022, 1, 1}, {2022, 12, 31}, "2022", new_year);

  const Date new_years_eve{2022, 12, 31};
  check_period("this-quarter", {2022, 10, 1}, {2022, 12, 31}, "2022-Q4", new_years_eve);
  check_period("this-month", {2022, 12, 1}, {2022, 12, 31}, "2022-12", new_years_eve);
  check_period("last-month", {2022, 11, 1}, {2022, 11, 30}, "2022-11", new_years_eve);

  // March in a leap year: last month is the 29-day February.
  check_period("last-month", {2024, 2, 1}, {2024, 2, 29}, "2024-02", Date{2024, 3, 15});
  // Quarter edges: the first day of Q2 is in Q2.
  check_period("this-quarter", {2024, 4, 1}, {2024, 6, 30}, "2024-Q2", Date{2024, 4, 1});
  check_period("last-quarter", {2024, 1, 1}, {2024, 3, 31}, "2024-Q1", Date{2024, 4, 1});
}

TEST_CASE("parse_period: Vietnamese years and year ranges")
{
  check_period("năm 2022", {2022, 1, 1}, {2022, 12, 31}, "2022");
  check_period("Năm 2022", {2022, 1, 1}, {2022, 12, 31}, "2022");
  check_period("nam 2022", {2022, 1, 1}, {2022, 12, 31}, "2022");
  for (const std::string text : {"năm 2018-2022", "giai đoạn 2018-2022", "giai đoạn 2018 - 2022",
                                 "Giai đoạn 2018–2022", "GIAI DOAN 2018 .. 2022", "giai  đoạn  2018-2022"}) {
    check_period(text, {2018, 1, 1}, {2022, 12, 31}, "2018-2022");
  }
}

TEST_CASE("parse_period: Vietnamese quarters, roman or digits")
{
  for (const std::string text : {"Quý IV/2022", "quý IV/2022", "QUÝ iv/2022", "quý 4/2022", "quý IV năm 2022",
                                 "quý 4 năm 2022", "Quy IV/2022", "quý IV - 2022", "quý Ⅳ/2022"}) {
    check_period(text, {2022, 10, 1}, {2022, 12, 31}, "2022-Q4");
  }
  check_period("Quý I/2023", {2023, 1, 1}, {2023, 3, 31}, "2023-Q1");
  check_period("quý II năm 2023", {2023, 4, 1}, {2023, 6, 30}, "2023-Q2");
  check_period("quý III/2023", {2023, 7, 1}, {2023, 9, 30}, "2023-Q3");
}

TEST_CASE("parse_period: Vietnamese months and halves")
{
  for (const std::string text : {"tháng 12/2022", "Tháng 12/2022", "tháng 12 năm 2022", "thang 12/2022",
                                 "tháng 12-2022"}) {
    check_period(text, {2022, 12, 1}, {2022, 12, 31}, "2022-12");
  }
  check_period("tháng 2/2024", {2024, 2, 1}, {2024, 2, 29}, "2024-02");
  check_period("tháng 02/2023", {2023, 2, 1}, {2023, 2, 28}, "2023-02");

  for (const std::string text : {"6 tháng đầu năm 2022", "6 THÁNG ĐẦU NĂM 2022", "6 thang dau nam 2022",
                                 "sáu tháng đầu năm 2022", "6 tháng đầu 2022"}) {
    check_period(text, {2022, 1, 1}, {2022, 6, 30}, "2022-H1");
  }
  check_period("6 tháng cuối năm 2022", {2022, 7, 1}, {2022, 12, 31}, "2022-H2");
}

namespace {

// Each spelling of a form gives the same days and label.
struct Form {
  std::vector<std::string> spellings;
  Date first;
  Date last;
  std::string label;
};

void check_forms(const std::vector<Form>& forms)
{
  for (const Form& form : forms) {
    for (const std::string& text : form.spellings) {
      check_period(text, form.first, form.last, form.label);
    }
  }
}

} // namespace

TEST_CASE("parse_period: the first or last N months of a year, Vietnamese and English")
{
  check_forms({
    {{"9 tháng đầu năm 2023", "9 THÁNG ĐẦU NĂM 2023", "9 thang dau nam 2023",
      "9 tha\u0301ng đâ\u0300u na\u0306m 2023", "9 tháng đầu 2023", "  9  tháng   đầu năm 2023 ",
      "first 9 months of 2023", "First 9 Months of 2023", "first 9 months 2023"},
     {2023, 1, 1}, {2023, 9, 30}, "2023-01-01..2023-09-30"},
    // N = 1, 3, 6 and 12 are a month, a quarter, a half and the year, and are labelled so.
    {{"1 tháng đầu năm 2023", "first 1 month of 2023"}, {2023, 1, 1}, {2023, 1, 31}, "2023-01"},
    {{"3 tháng đầu năm 2023"}, {2023, 1, 1}, {2023, 3, 31}, "2023-Q1"},
    {{"06 tháng đầu năm 2023"}, {2023, 1, 1}, {2023, 6, 30}, "2023-H1"},
    {{"12 tháng đầu năm 2023", "12 tháng cuối năm 2023"}, {2023, 1, 1}, {2023, 12, 31}, "2023"},
    {{"2 tháng đầu năm 2024"}, {2024, 1, 1}, {2024, 2, 29}, "2024-01-01..2024-02-29"},
    {{"11 tháng đầu năm 2023"}, {2023, 1, 1}, {2023, 11, 30}, "2023-01-01..2023-11-30"},
    // cuối: the last N months.
    {{"3 tháng cuối năm 2023"}, {2023, 10, 1}, {2023, 12, 31}, "2023-Q4"},
    {{"4 tháng cuối năm 2023", "last 4 months of 2023"}, {2023, 9, 1}, {2023, 12, 31}, "2023-09-01..2023-12-31"},
  });
}

TEST_CASE("parse_period: nửa đầu năm and nửa cuối năm are the halves")
{
  check_forms({
    {{"nửa đầu năm 2023", "Nửa đầu năm 2023", "nua dau nam 2023", "nửa đầu 2023", "nu\u031b\u0309a đầu năm 2023"},
     {2023, 1, 1}, {2023, 6, 30}, "2023-H1"},
    {{"nửa cuối năm 2023", "NỬA CUỐI NĂM 2023"}, {2023, 7, 1}, {2023, 12, 31}, "2023-H2"},
  });
}

TEST_CASE("parse_period: M/YYYY is a month, Q3/2023 a quarter, H1/2023 a half")
{
  check_forms({
    {{"7/2023", "07/2023", " 07 / 2023 "}, {2023, 7, 1}, {2023, 7, 31}, "2023-07"},
    {{"12/2022"}, {2022, 12, 1}, {2022, 12, 31}, "2022-12"},
    {{"2/2024"}, {2024, 2, 1}, {2024, 2, 29}, "2024-02"},
    {{"Q3/2023", "q3/2023", "Q 3 / 2023", "Q03/2023"}, {2023, 7, 1}, {2023, 9, 30}, "2023-Q3"},
    {{"Q1/2023"}, {2023, 1, 1}, {2023, 3, 31}, "2023-Q1"},
    {{"H1/2023"}, {2023, 1, 1}, {2023, 6, 30}, "2023-H1"},
    {{"h2/2023"}, {2023, 7, 1}, {2023, 12, 31}, "2023-H2"},
  });
}

TEST_CASE("parse_period: day-first date ranges with a dash, an en dash or two dots")
{
  check_forms({
    {{"01/07/2023-31/07/2023", "01/07/2023 - 31/07/2023", "1/7/2023-31/7/2023", "01/07/2023\u201331/07/2023",
      "01/07/2023 \u2013 31/07/2023", "01/07/2023..31/07/2023", "01/07/2023 .. 31/07/2023", "01.07.2023-31.07.2023"},
     {2023, 7, 1}, {2023, 7, 31}, "2023-07"},
    {{"15/06/2023-14/07/2023"}, {2023, 6, 15}, {2023, 7, 14}, "2023-06-15..2023-07-14"},
    {{"01/12/2022 - 31/01/2023"}, {2022, 12, 1}, {2023, 1, 31}, "2022-12-01..2023-01-31"},
  });
}

TEST_CASE("parse_period: the new forms refuse what cannot be, with the reason")
{
  struct Refusal {
    std::string value;
    std::string message; // after "invalid period 'VALUE' for --period: ", or whole when it starts so
  };
  const std::string month = "a month is 01 to 12";
  const std::string months = "the number of months is 1 to 12";
  const std::string year_0 = "there is no year 0 (years run from 1 to 9999)";
  const std::vector<Refusal> refusals{
    {"13/2023", month},
    {"0/2023", month},
    {"00/2023", month},
    {"7/0000", year_0},
    {"Q5/2023", "a quarter is Q1 to Q4"},
    {"q0/2023", "a quarter is Q1 to Q4"},
    {"H3/2023", "a half is H1 or H2"},
    {"H0/2023", "a half is H1 or H2"},
    {"0 tháng đầu năm 2023", months},
    {"13 tháng đầu năm 2023", months},
    {"0 tháng cuối năm 2023", months},
    {"first 0 months of 2023", months},
    {"9 tháng đầu năm 0000", year_0},
    {"31/07/2023-01/07/2023", "the end 2023-07-01 is before the start 2023-07-31"},
    // A range's dates are checked as dates, the whole value named.
    {"31/02/2023-01/03/2023",
     "invalid date '31/02/2023' for the start of --period '31/02/2023-01/03/2023': February 2023 has 28 days"},
    {"01/03/2023-31/04/2023",
     "invalid date '31/04/2023' for the end of --period '01/03/2023-31/04/2023': April 2023 has 30 days"},
    {"01/13/2023-01/14/2023", "invalid date '01/13/2023' for the start of --period '01/13/2023-01/14/2023': "
                              "there is no month 13 (the day comes first: DD/MM/YYYY)"},
  };
  for (const Refusal& refusal : refusals) {
    CAPTURE(refusal.value);
    const bool whole = refusal.message.rfind("invalid ", 0) == 0;
    CHECK(message_of(refusal.value) ==
          (whole ? refusal.message : "invalid period '" + refusal.value + "' for --period: " + refusal.message));
  }
}

TEST_CASE("parse_period: near misses of the new forms are refused, never guessed")
{
  for (const std::string text :
       {"7/23", "7/20233", "123/2023", "7/2023/1", "7-2023", "Q3", "Q3/", "Q3-2023", "Q3/23", "QQ3/2023",
        "H1-2023", "X1/2023", "9 tháng 2023", "9 tháng đầu", "9 tháng giữa năm 2023", "9 tuần đầu năm 2023",
        "tháng đầu năm 2023", "nửa năm 2023", "nửa đầu", "nửa giữa năm 2023", "first months of 2023",
        "first 9 weeks of 2023", "first 9 months of 23", "first 9 months of 2023 x", "last 9 months",
        "01/07/2023-", "01/07/2023-31/07", "01/07-31/07/2023", "01/07/2023-31.07/2023", "01/07/2023--31/07/2023",
        "2023-07-01-2023-07-31"}) {
    check_refused(text);
  }
}

TEST_CASE("parse_period: Vietnamese relative periods")
{
  check_period("năm nay", {2025, 1, 1}, {2025, 12, 31}, "2025");
  check_period("Năm Nay", {2025, 1, 1}, {2025, 12, 31}, "2025");
  check_period("năm ngoái", {2024, 1, 1}, {2024, 12, 31}, "2024");
  check_period("năm trước", {2024, 1, 1}, {2024, 12, 31}, "2024");
  check_period("quý này", {2025, 7, 1}, {2025, 9, 30}, "2025-Q3");
  check_period("quý trước", {2025, 4, 1}, {2025, 6, 30}, "2025-Q2");
  check_period("tháng này", {2025, 8, 1}, {2025, 8, 31}, "2025-08");
  check_period("tháng trước", {2025, 7, 1}, {2025, 7, 31}, "2025-07");
  check_period("thang truoc", {2025, 7, 1}, {2025, 7, 31}, "2025-07");

  const Date january{2023, 1, 20};
  check_period("quý trước", {2022, 10, 1}, {2022, 12, 31}, "2022-Q4", january);
  check_period("tháng trước", {2022, 12, 1}, {2022, 12, 31}, "2022-12", january);
}

TEST_CASE("parse_period: agreement:REF asks the lookup for that agreement's term")
{
  std::string asked;
  auto lookup = [&asked](const std::string& ref) {
    asked = ref;
    return Period{{2022, 12, 1}, {2026, 12, 31}, "2022-2026"};
  };
  Period p = parse_period("agreement:QC-2022", k_today, lookup);
  CHECK(asked == "QC-2022");
  CHECK(p.first == Date{2022, 12, 1});
  CHECK(p.last == Date{2026, 12, 31});
  CHECK(p.label == "2022-2026");

  // The prefix in any case; REF keeps its own case and loses surrounding space.
  p = parse_period("Agreement: 7 ", k_today, lookup);
  CHECK(asked == "7");
  // REF goes to the lookup as --agreement gives it to the store: its case
  // kept (codes match case included), NFD made NFC.
  parse_period("AGREEMENT:bt-2018", k_today, lookup);
  CHECK(asked == "bt-2018");
  parse_period("agreement:Q\u0110-Ti\u0309nh", k_today, lookup);
  CHECK(asked == "QĐ-Tỉnh");

  // A lookup that gives no label gets the canonical one.
  auto unlabelled = [](const std::string&) { return Period{{2018, 1, 1}, {2022, 12, 31}, ""}; };
  CHECK(parse_period("agreement:5", k_today, unlabelled).label == "2018-2022");

  // The lookup's own errors (an unknown REF is exit 3, not 2) pass through.
  auto missing = [](const std::string& ref) -> Period { throw NotFound("no agreement " + ref); };
  CHECK_THROWS_WITH_AS(parse_period("agreement:X", k_today, missing), "no agreement X", NotFound);
}

TEST_CASE("parse_period: agreement: forms are refused without a lookup, an empty REF or a reversed term")
{
  CHECK_THROWS_WITH_AS(parse_period("agreement:5", k_today),
                       "invalid period 'agreement:5' for --period: an agreement's term cannot be used here",
                       UsageError);
  auto lookup = [](const std::string&) { return Period{{2022, 1, 1}, {2022, 12, 31}, "2022"}; };
  CHECK_THROWS_WITH_AS(parse_period("agreement:", k_today, lookup),
                       doctest::Contains("invalid period 'agreement:' for --period: expected agreement:REF"),
                       UsageError);
  CHECK_THROWS_WITH_AS(parse_period("agreement:   ", k_today, lookup), doctest::Contains("'agreement:'"),
                       UsageError);
  auto reversed = [](const std::string&) { return Period{{2022, 12, 31}, {2022, 1, 1}, ""}; };
  CHECK_THROWS_WITH_AS(parse_period("agreement:5", k_today, reversed),
                       doctest::Contains("'agreement:5' for --period: the agreement's term ends (2022-01-01)"),
                       UsageError);
}

TEST_CASE("parse_period: impossible periods are refused with the reason")
{
  CHECK(message_of("2022-Q5") == "invalid period '2022-Q5' for --period: a quarter is Q1 to Q4");
  CHECK(message_of("2022Q0") == "invalid period '2022Q0' for --period: a quarter is Q1 to Q4");
  CHECK(message_of("2022-H3") == "invalid period '2022-H3' for --period: a half is H1 or H2");
  CHECK(message_of("2022-H0") == "invalid period '2022-H0' for --period: a half is H1 or H2");
  CHECK(message_of("2022-13") == "invalid period '2022-13' for --period: a month is 01 to 12");
  CHECK(message_of("2022-00") == "invalid period '2022-00' for --period: a month is 01 to 12");
  CHECK(message_of("2022-2018") ==
        "invalid period '2022-2018' for --period: the range is reversed: 2018 is before 2022");
  CHECK(message_of("2022..2018") ==
        "invalid period '2022..2018' for --period: the range is reversed: 2018 is before 2022");
  CHECK(message_of("0000") == "invalid period '0000' for --period: there is no year 0 (years run from 1 to 9999)");
  CHECK(message_of("0000-2022") ==
        "invalid period '0000-2022' for --period: there is no year 0 (years run from 1 to 9999)");
  CHECK(message_of("0000-Q1") ==
        "invalid period '0000-Q1' for --period: there is no year 0 (years run from 1 to 9999)");
  CHECK(message_of("2023-01-31..2022-12-01") ==
        "invalid period '2023-01-31..2022-12-01' for --period: the end 2022-12-01 is before the start 2023-01-31");
  CHECK(message_of("từ 31/01/2023 đến 01/12/2022") ==
        "invalid period 'từ 31/01/2023 đến 01/12/2022' for --period: "
        "the end 2022-12-01 is before the start 2023-01-31");
}

TEST_CASE("parse_period: impossible Vietnamese periods are refused with the reason")
{
  CHECK(message_of("Quý V/2022") == "invalid period 'Quý V/2022' for --period: a quarter is Q1 to Q4");
  CHECK(message_of("quý 5/2022") == "invalid period 'quý 5/2022' for --period: a quarter is Q1 to Q4");
  CHECK(message_of("quý 0 năm 2022") == "invalid period 'quý 0 năm 2022' for --period: a quarter is Q1 to Q4");
  CHECK(message_of("tháng 13/2022") == "invalid period 'tháng 13/2022' for --period: a month is 01 to 12");
  CHECK(message_of("tháng 0/2022") == "invalid period 'tháng 0/2022' for --period: a month is 01 to 12");
  CHECK(message_of("giai đoạn 2022-2018") ==
        "invalid period 'giai đoạn 2022-2018' for --period: the range is reversed: 2018 is before 2022");
  CHECK(message_of("năm 0000") ==
        "invalid period 'năm 0000' for --period: there is no year 0 (years run from 1 to 9999)");
}

TEST_CASE("parse_period: relative periods cannot reach before year 1")
{
  const Date first_day{1, 1, 1};
  CHECK_THROWS_WITH_AS(parse("last-year", first_day),
                       "invalid period 'last-year' for --period: there is no year 0 (years run from 1 to 9999)",
                       UsageError);
  CHECK_THROWS_WITH_AS(parse("last-quarter", first_day), doctest::Contains("'last-quarter'"), UsageError);
  CHECK_THROWS_WITH_AS(parse("last-month", first_day), doctest::Contains("'last-month'"), UsageError);
  check_period("this-year", first_day, {1, 12, 31}, "0001", first_day);
}

TEST_CASE("parse_period: a bad date inside a range names it and the whole value")
{
  CHECK(message_of("2022-02-29..2022-03-31") ==
        "invalid date '2022-02-29' for the start of --period '2022-02-29..2022-03-31': February 2022 has 28 days");
  CHECK(message_of("01/12/2022..31/04/2023") ==
        "invalid date '31/04/2023' for the end of --period '01/12/2022..31/04/2023': April 2023 has 30 days");
  CHECK_THROWS_WITH_AS(parse("2022-12..2023-01"),
                       doctest::Contains("invalid date '2022-12' for the start of --period '2022-12..2023-01'"),
                       UsageError);
  CHECK_THROWS_WITH_AS(parse("2022-12-01..2023-01-31..2023-02-28"),
                       doctest::Contains("invalid date '2023-01-31..2023-02-28' for the end of --period"), UsageError);
  CHECK(message_of("2022-12-01..") ==
        "invalid period '2022-12-01..' for --period: a date range needs both ends, e.g. 2022-12-01..2023-01-31");
  CHECK(message_of("..2022-12-01") ==
        "invalid period '..2022-12-01' for --period: a date range needs both ends, e.g. 2022-12-01..2023-01-31");
  CHECK(message_of("từ 01/12/2022 đến") ==
        "invalid period 'từ 01/12/2022 đến' for --period: "
        "a date range needs both ends, e.g. 2022-12-01..2023-01-31");
  CHECK(message_of("từ 01/12/2022 đến 32/12/2022") ==
        "invalid date '32/12/2022' for the end of --period 'từ 01/12/2022 đến 32/12/2022': "
        "December 2022 has 31 days");
}

TEST_CASE("parse_period: anything else is refused naming the value, never guessed")
{
  for (const std::string text :
       {"", "22", "02022", "2022-1", "2022-123", "2022/12", "2022-Q", "2022-Q4x", "2022-", "Q4",
        "Q4-2022", "2022 12", "2022-12-01", "01/12/2022", "yesterday", "this", "this week", "next-year",
        "this-year-2022", "năm", "năm 22", "năm 2022 2023", "giai 2018-2022", "quý", "quý X/2022a", "quý A/2022",
        "quý 4", "quý 4/22", "tháng 12", "tháng 12/22", "tháng 123/2022", "6 tháng giữa năm 2022",
        "6 tháng đầu",
        "năm sau", "2018-2022-2024", "this..year"}) {
    check_refused(text);
  }
  CHECK(message_of("soon") ==
        "invalid period 'soon' for --period (expected e.g. 2022, 2018-2022, 2022-Q4, 2022-H1, 2022-12, "
        "2022-12-01..2023-01-31, this-month, last-quarter or agreement:REF)");
  // The value is quoted as cleaned: surrounding space is not part of it.
  CHECK(message_of("   ").find("invalid period '' for --period") == 0);
  // A control character cannot split the one-line error.
  CHECK(message_of("2022\n2023").find("'2022\\n2023'") != std::string::npos);
}

TEST_CASE("parse_period: the option name comes from the caller")
{
  CHECK_THROWS_WITH_AS(parse_period("2022-Q5", k_today, {}, "--active-in"),
                       "invalid period '2022-Q5' for --active-in: a quarter is Q1 to Q4", UsageError);
  CHECK_THROWS_WITH_AS(parse_period("\xff", k_today, {}, "--active-in"), doctest::Contains("--active-in"), UsageError);
}

TEST_CASE("period_from_dates: --from/--to")
{
  const Period p = period_from_dates({2022, 12, 1}, {2023, 1, 31}, "--from/--to");
  CHECK(p.first == Date{2022, 12, 1});
  CHECK(p.last == Date{2023, 1, 31});
  CHECK(p.label == "2022-12-01..2023-01-31");
  CHECK(period_from_dates({2022, 1, 1}, {2022, 12, 31}, "--from/--to").label == "2022");
  CHECK(period_from_dates({2022, 5, 5}, {2022, 5, 5}, "--from/--to").label == "2022-05-05..2022-05-05");
  CHECK_THROWS_WITH_AS(period_from_dates({2023, 1, 31}, {2022, 12, 1}, "--from/--to"),
                       "invalid period for --from/--to: the end 2022-12-01 is before the start 2023-01-31",
                       UsageError);
}

TEST_CASE("period_label")
{
  CHECK(period_label({2022, 1, 1}, {2022, 12, 31}) == "2022");
  CHECK(period_label({2018, 1, 1}, {2022, 12, 31}) == "2018-2022");
  CHECK(period_label({2022, 1, 1}, {2022, 6, 30}) == "2022-H1");
  CHECK(period_label({2022, 7, 1}, {2022, 12, 31}) == "2022-H2");
  CHECK(period_label({2022, 4, 1}, {2022, 6, 30}) == "2022-Q2");
  CHECK(period_label({2024, 2, 1}, {2024, 2, 29}) == "2024-02");
  // Not a whole unit: a half that starts in April, a month missing its last day, a year from 02 Jan.
  CHECK(period_label({2022, 4, 1}, {2022, 9, 30}) == "2022-04-01..2022-09-30");
  CHECK(period_label({2024, 2, 1}, {2024, 2, 28}) == "2024-02-01..2024-02-28");
  CHECK(period_label({2022, 1, 2}, {2022, 12, 31}) == "2022-01-02..2022-12-31");
  CHECK(period_label({2022, 1, 1}, {2023, 6, 30}) == "2022-01-01..2023-06-30");
}

TEST_CASE("Period::as_of is the last day, or today when that comes first")
{
  const Period year = parse("2022");
  CHECK(year.as_of({2026, 3, 1}) == Date{2022, 12, 31});
  CHECK(year.as_of({2022, 12, 31}) == Date{2022, 12, 31});
  CHECK(year.as_of({2022, 6, 15}) == Date{2022, 6, 15});
  CHECK(year.as_of({2022, 1, 1}) == Date{2022, 1, 1});
  // A period still running is reported as it stands today.
  CHECK(parse("this-year").as_of(k_today) == k_today);
}

TEST_CASE("Period::contains is inclusive at both ends")
{
  const Period q4 = parse("2022-Q4");
  CHECK(q4.contains({2022, 10, 1}));
  CHECK(q4.contains({2022, 11, 15}));
  CHECK(q4.contains({2022, 12, 31}));
  CHECK_FALSE(q4.contains({2022, 9, 30}));
  CHECK_FALSE(q4.contains({2023, 1, 1}));
}

TEST_CASE("Period::overlaps shares at least one day, inclusive")
{
  const Period p = parse("2022");
  CHECK(p.overlaps({2018, 1, 1}, {2022, 12, 31}));
  CHECK(p.overlaps({2022, 12, 1}, {2026, 12, 31}));
  CHECK(p.overlaps({2022, 12, 31}, {2026, 12, 31})); // touches on the last day
  CHECK(p.overlaps({2018, 1, 1}, {2022, 1, 1}));     // touches on the first day
  CHECK(p.overlaps({2022, 3, 1}, {2022, 3, 31}));    // inside
  CHECK(p.overlaps({2020, 1, 1}, {2025, 1, 1}));     // around
  CHECK_FALSE(p.overlaps({2023, 1, 1}, {2026, 12, 31}));
  CHECK_FALSE(p.overlaps({2018, 1, 1}, {2021, 12, 31}));
}

TEST_CASE("parse_step")
{
  CHECK(parse_step("year") == Step::year);
  CHECK(parse_step("half") == Step::half);
  CHECK(parse_step("quarter") == Step::quarter);
  CHECK(parse_step("month") == Step::month);
  CHECK(parse_step(" Month ") == Step::month);
  CHECK(parse_step("năm") == Step::year);
  CHECK(parse_step("NĂM") == Step::year);
  CHECK(parse_step("nửa năm") == Step::half);
  CHECK(parse_step("6 tháng") == Step::half);
  CHECK(parse_step("sáu tháng") == Step::half);
  CHECK(parse_step("quý") == Step::quarter);
  CHECK(parse_step("Quy") == Step::quarter);
  CHECK(parse_step("tháng") == Step::month);
  CHECK_THROWS_WITH_AS(parse_step("week"),
                       "invalid step 'week' for --each (expected one of: year, half, quarter, month)", UsageError);
  CHECK_THROWS_WITH_AS(parse_step("", "--split"), doctest::Contains("'' for --split"), UsageError);
  CHECK_THROWS_WITH_AS(parse_step("years"), doctest::Contains("'years'"), UsageError);
}

TEST_CASE("step_name")
{
  CHECK(step_name(Step::year) == "year");
  CHECK(step_name(Step::half) == "half");
  CHECK(step_name(Step::quarter) == "quarter");
  CHECK(step_name(Step::month) == "month");
}

TEST_CASE("split_period by year")
{
  const auto parts = split_period(parse("2018-2022"), Step::year);
  CHECK(labels(parts) == std::vector<std::string>{"2018", "2019", "2020", "2021", "2022"});
  REQUIRE(parts.size() == 5);
  CHECK(parts[0].first == Date{2018, 1, 1});
  CHECK(parts[0].last == Date{2018, 12, 31});
  CHECK(parts[4].first == Date{2022, 1, 1});
  CHECK(parts[4].last == Date{2022, 12, 31});

  // A term signed in December: the first year is clipped to its own days.
  const auto clipped = split_period(parse("2022-12-01..2024-03-15"), Step::year);
  CHECK(labels(clipped) ==
        std::vector<std::string>{"2022-12", "2023", "2024-01-01..2024-03-15"});
}

TEST_CASE("split_period by half")
{
  CHECK(labels(split_period(parse("2022"), Step::half)) == std::vector<std::string>{"2022-H1", "2022-H2"});
  CHECK(labels(split_period(parse("2022-05-10..2023-08-31"), Step::half)) ==
        std::vector<std::string>{"2022-05-10..2022-06-30", "2022-H2", "2023-H1", "2023-07-01..2023-08-31"});
}

TEST_CASE("split_period by quarter")
{
  const auto parts = split_period(parse("2022"), Step::quarter);
  CHECK(labels(parts) == std::vector<std::string>{"2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"});
  REQUIRE(parts.size() == 4);
  CHECK(parts[0].last == Date{2022, 3, 31});
  CHECK(parts[1].last == Date{2022, 6, 30});
  CHECK(parts[2].last == Date{2022, 9, 30});
  CHECK(parts[3].last == Date{2022, 12, 31});

  // A mid-quarter range: both ends clipped, the middle whole.
  const auto mid = split_period(parse("2022-02-15..2022-11-10"), Step::quarter);
  CHECK(labels(mid) == std::vector<std::string>{"2022-02-15..2022-03-31", "2022-Q2", "2022-Q3",
                                                "2022-10-01..2022-11-10"});
  REQUIRE(mid.size() == 4);
  CHECK(mid[0].first == Date{2022, 2, 15});
  CHECK(mid[3].last == Date{2022, 11, 10});

  // Inside one quarter: one clipped part.
  CHECK(labels(split_period(parse("2022-05-01..2022-05-20"), Step::quarter)) ==
        std::vector<std::string>{"2022-05-01..2022-05-20"});
}

TEST_CASE("split_period by month")
{
  const auto parts = split_period(parse("2022-12-01..2023-01-31"), Step::month);
  CHECK(labels(parts) == std::vector<std::string>{"2022-12", "2023-01"});
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].last == Date{2022, 12, 31});
  CHECK(parts[1].first == Date{2023, 1, 1});

  const auto leap = split_period(parse("2024-Q1"), Step::month);
  CHECK(labels(leap) == std::vector<std::string>{"2024-01", "2024-02", "2024-03"});
  REQUIRE(leap.size() == 3);
  CHECK(leap[1].last == Date{2024, 2, 29});

  CHECK(split_period(parse("2022"), Step::month).size() == 12);
  CHECK(labels(split_period(parse("2023-01-31..2023-03-01"), Step::month)) ==
        std::vector<std::string>{"2023-01-31..2023-01-31", "2023-02", "2023-03-01..2023-03-01"});
}

TEST_CASE("split_period: the parts are consecutive and cover the period exactly")
{
  const Period p = parse("2021-11-17..2024-02-03");
  for (const Step step : {Step::year, Step::half, Step::quarter, Step::month}) {
    CAPTURE(step_name(step));
    const auto parts = split_period(p, step);
    REQUIRE_FALSE(parts.empty());
    CHECK(parts.front().first == p.first);
    CHECK(parts.back().last == p.last);
    for (std::size_t i = 1; i < parts.size(); ++i) {
      CHECK(parts[i].first == parts[i - 1].last.add_days(1));
    }
  }
  // A period coarser than the step is one part, itself.
  CHECK(split_period(parse("2022-03"), Step::year) == std::vector<Period>{parse("2022-03")});
}

TEST_CASE("split_period reaches the last representable day without stepping past it")
{
  const auto parts = split_period(parse("9999"), Step::quarter);
  REQUIRE(parts.size() == 4);
  CHECK(parts.back().last == Date{9999, 12, 31});
}
