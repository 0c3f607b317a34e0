#include <phoihop/core/error.hpp>
#include <phoihop/core/shell_words.hpp>

#include <doctest/doctest.h>

using phoihop::UsageError;
using phoihop::core::split_shell_words;
using Words = std::vector<std::string>;

TEST_CASE("split_shell_words: blanks, quotes, escapes")
{
  CHECK(split_shell_words("task add \"Tuyên truyền\" --agreement BT-2022") ==
        Words{"task", "add", "Tuyên truyền", "--agreement", "BT-2022"});
  CHECK(split_shell_words("  a\t b  ") == Words{"a", "b"});
  CHECK(split_shell_words("'it''s' \"x y\"z") == Words{"its", "x yz"});
  CHECK(split_shell_words(R"(a\ b "q\"uote" 'back\slash' "\n")") ==
        Words{"a b", "q\"uote", "back\\slash", "\\n"});
  CHECK(split_shell_words("x '' \"\"") == Words{"x", "", ""});
  CHECK(split_shell_words("'$HOME' \"$(rm -rf /)\"") == Words{"$HOME", "$(rm -rf /)"});
}

TEST_CASE("split_shell_words: comments and blank lines")
{
  CHECK(split_shell_words("").empty());
  CHECK(split_shell_words("   ").empty());
  CHECK(split_shell_words("# a comment").empty());
  CHECK(split_shell_words("org list # trailing comment") == Words{"org", "list"});
  CHECK(split_shell_words("org add a#b '#x'") == Words{"org", "add", "a#b", "#x"});
}

TEST_CASE("split_shell_words: errors")
{
  CHECK_THROWS_AS(split_shell_words("a 'open"), UsageError);
  CHECK_THROWS_AS(split_shell_words("a \"open"), UsageError);
  CHECK_THROWS_AS(split_shell_words("a \\"), UsageError);
}
