#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>

#include <doctest/doctest.h>

using phoihop::core::closest;
using phoihop::core::k_task_status;

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
  CHECK(closest("og", nouns).empty()); // "org" and "log" are both one edit away
  CHECK(closest("summary", nouns).empty());
}

TEST_CASE("EnumSet::check suggests the closest value in its one-line error")
{
  try {
    k_task_status.check("don", "--status");
    FAIL("accepted 'don'");
  } catch (const phoihop::UsageError& e) {
    CHECK(std::string(e.what()) == "invalid status 'don' for --status (expected one of: planned, "
                                   "in_progress, done, cancelled); did you mean 'done'?");
  }
  CHECK_THROWS_WITH_AS(k_task_status.check("zzz", "--status"),
                       "invalid status 'zzz' for --status (expected one of: planned, in_progress, "
                       "done, cancelled)",
                       phoihop::UsageError);
  CHECK(k_task_status.check("done", "--status") == "done");
}
