#pragma once

#include <string>
#include <string_view>
#include <vector>

// The examples that end every verb's --help, and the one-line summaries of
// the nouns that `phoihop` alone prints. One table, so a new verb is one line
// here; tests/cli/test_help.bash runs every example on the Bến Tre database.
namespace phoihop::cli {

struct Example {
  std::string_view comment; // what it does, one short line
  std::string_view command; // a command line that works on the Bến Tre example
};

// The examples of a command ("task add", "batch"); empty when it has none.
const std::vector<Example>& examples_of(std::string_view path);

// The --help footer for `path`: "Examples:" and its lines, or "" when none.
// A noun without examples of its own ("task") gets a few of its verbs'; ""
// is phoihop itself.
std::string examples_footer(std::string_view path);

// How `phoihop` alone and `phoihop --help` end: a few examples, then where
// to read further (each command's --help, the manual).
std::string closing_lines();

// One line saying what a top-level command is for; "" when it has none.
std::string_view overview_of(std::string_view command);

} // namespace phoihop::cli
