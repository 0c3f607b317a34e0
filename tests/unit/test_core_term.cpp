#include <phoihop/core/error.hpp>
#include <phoihop/core/term.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>

using phoihop::UsageError;
using phoihop::core::Date;
using phoihop::core::Term;
using phoihop::core::term_from_period;

namespace {

Term term(const std::string& text, std::optional<Date> signed_on = std::nullopt)
{
  return term_from_period(text, signed_on, "--period");
}

} // namespace

TEST_CASE("term_from_period accepts every separator offices write")
{
  // Each spelling means the same term, and the label is normalised to the hyphen form.
  for (const std::string text : {"2018-2022", "2018..2022", "2018\u20132022", "2018/2022"}) {
    CAPTURE(text);
    Term t = term(text);
    CHECK(t.start == Date{2018, 1, 1});
    CHECK(t.end == Date{2022, 12, 31});
    CHECK(t.period == "2018-2022");
  }
}

TEST_CASE("term_from_period: one year is the whole calendar year")
{
  Term t = term("2022");
  CHECK(t.start == Date{2022, 1, 1});
  CHECK(t.end == Date{2022, 12, 31});
  CHECK(t.period == "2022");

  // A range whose ends are equal is one year as well.
  Term same = term("2022-2022");
  CHECK(same.start == Date{2022, 1, 1});
  CHECK(same.end == Date{2022, 12, 31});
  CHECK(same.period == "2022");
}

TEST_CASE("term_from_period: signed later in the first year, the term starts on signing")
{
  Term t = term("2018-2022", Date{2018, 3, 15});
  CHECK(t.start == Date{2018, 3, 15});
  CHECK(t.end == Date{2022, 12, 31});

  // Signed on 1 January changes nothing.
  CHECK(term("2018-2022", Date{2018, 1, 1}).start == Date{2018, 1, 1});
  // A one-year term signed on its last day runs for that one day.
  Term last_day = term("2022", Date{2022, 12, 31});
  CHECK(last_day.start == Date{2022, 12, 31});
  CHECK(last_day.end == Date{2022, 12, 31});
}

TEST_CASE("term_from_period: a signing date in another year does not move the start")
{
  // Signed the December before the term.
  CHECK(term("2018-2022", Date{2017, 12, 20}).start == Date{2018, 1, 1});
  // Signed in a later year of the term (a late signature of an older text).
  CHECK(term("2018-2022", Date{2019, 6, 1}).start == Date{2018, 1, 1});
  CHECK(term("2018-2022", Date{2019, 6, 1}).end == Date{2022, 12, 31});
}

TEST_CASE("term_from_period rejects a reversed range, naming the value and the order")
{
  CHECK_THROWS_AS(term("2022-2018"), UsageError);
  CHECK_THROWS_WITH_AS(term("2022-2018"), doctest::Contains("'2022-2018'"), UsageError);
  CHECK_THROWS_WITH_AS(term("2022-2018"), doctest::Contains("2018 is before 2022"), UsageError);
  CHECK_THROWS_WITH_AS(term("2022-2018"), doctest::Contains("--period"), UsageError);
}

TEST_CASE("term_from_period rejects malformed text, naming the value")
{
  for (const std::string text :
       {"2018-22", "18-22", "2018-2022x", "", "2018-", "2018 - 2022", " 2018-2022", "2018x", "20l8",
        "2018\u20142022" /* em dash */, "0000", "2018...2022"}) {
    CAPTURE(text);
    CHECK_THROWS_WITH_AS(term(text), doctest::Contains((std::string("invalid period '") + text + "' for --period").c_str()),
                         UsageError);
  }
}

TEST_CASE("term_from_period errors are UsageError (exit 2)")
{
  try {
    term("18-22");
    FAIL("no exception");
  } catch (const phoihop::Error& e) {
    CHECK(e.status() == phoihop::ExitStatus::usage);
  }
}
