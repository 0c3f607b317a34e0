#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>

#include <doctest/doctest.h>

using phoihop::core::closest;
using phoihop::core::k_task_status;
using phoihop::core::k_lang;
using phoihop::core::not_one_of;

TEST_CASE("closest: one edit for short words, transpositions, case, accents and dashes")
{
  std::vector<std::string_view> nouns{"agreement", "task", "meeting", "award", "org", "db", "log"};
  CHECK(closest("tsak", nouns) == "task");     // a transposition is one edit
  CHECK(closest("agrement", nouns) == "agreement");
  CHECK(closest("AGREEMNT", nouns) == "agreement");
  CHECK(closest("mêeting", nouns) == "meeting"); // accents folded
  CHECK(closest("don", k_task_status.values) == "done");
  CHECK(closest("in-progress", k_task_status.values) == "in_progress");
  CHECK(closest("in_prog", k_task_status.values) == "in_progress"); // a unique prefix
  CHECK(closest("canceled", k_task_status.values) == "cancelled");
}

TEST_CASE("closest: nothing when nothing is close or two are equally close")
{
  std::vector<std::string_view> nouns{"agreement", "task", "meeting", "award", "org", "db", "log"};
  CHECK(closest("xyzzy", nouns).empty());
  CHECK(closest("", nouns).empty());
  CHECK(closest("x", k_task_status.values).empty());
  CHECK(closest("ab", {"ax", "ay"}).empty()); // equally close, both begin as typed
  CHECK(closest("cb", {"ax", "ay"}).empty());
  CHECK(closest("summary", nouns).empty());
}

TEST_CASE("EnumSet::check suggests the closest value in its one-line error")
{
  try {
    k_task_status.check("don", "--status");
    FAIL("accepted 'don'");
  } catch (const phoihop::UsageError& e) {
    CHECK(std::string(e.what()) == "invalid status 'don' for --status (expected one of: planned, "
                                   "in_progress, done, cancelled, unfinished); did you mean 'done'?");
  }
  CHECK_THROWS_WITH_AS(k_task_status.check("zzz", "--status"),
                       "invalid status 'zzz' for --status (expected one of: planned, in_progress, "
                       "done, cancelled, unfinished)",
                       phoihop::UsageError);
  CHECK(k_task_status.check("done", "--status") == "done");
}

TEST_CASE("closest: of equally close words, the one that begins as typed")
{
  std::vector<std::string_view> nouns{"agreement", "task", "meeting", "award", "org", "db", "log"};
  CHECK(closest("og", nouns) == "org"); // "org" and "log" are both one edit away
  CHECK(closest("vn", k_lang.values) == "vi");
  CHECK(closest("quater", {"year", "half", "quarter", "month"}) == "quarter");
  CHECK(closest("lastmonth", {"this-month", "last-month"}) == "last-month");
  CHECK(closest("last_month", {"this-month", "last-month"}) == "last-month");
}

TEST_CASE("not_one_of: every closed-set error reads alike and suggests")
{
  CHECK(std::string(not_one_of("value", "our", "--prefer", {"ours", "theirs"}).what()) ==
        "invalid value 'our' for --prefer (expected one of: ours, theirs); did you mean 'ours'?");
  CHECK(std::string(not_one_of("shell", "tcsh", "completion", {"bash", "zsh", "fish"}).what()) ==
        "invalid shell 'tcsh' for completion (expected one of: bash, zsh, fish)");
  CHECK(not_one_of("kind", "tsk", "--kind", {"task"}).status() == phoihop::ExitStatus::usage);
}
