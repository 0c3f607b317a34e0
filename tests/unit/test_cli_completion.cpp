// Completion hints ride on the registered options (offers() in common.hpp):
// every enum value and every option naming a record must carry one, or the
// generated scripts would silently offer nothing for it.
#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/core/enums.hpp>

#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>

namespace {

using phoihop::cli::Offer;
using phoihop::cli::offered;
using phoihop::cli::offers;

// "path --option" (or "path POSITIONAL") → its hints, for the whole tree.
void collect(CLI::App* app, const std::string& path, std::map<std::string, std::vector<std::string>>& out)
{
  for (auto* option : app->get_options()) {
    out[path + " " + option->get_name()] = offered(option);
  }
  for (auto* sub : app->get_subcommands({})) {
    collect(sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
  }
}

std::map<std::string, std::vector<std::string>> hints()
{
  std::ostringstream sink;
  phoihop::cli::Context ctx(sink, sink);
  auto app = phoihop::cli::build_app(ctx);
  std::map<std::string, std::vector<std::string>> out;
  collect(app.get(), "", out);
  return out;
}

} // namespace

TEST_CASE("offers() attaches words that offered() reads back, in order and without repeats")
{
  CLI::App app;
  std::string value;
  auto* option = app.add_option("--status", value)
                   ->check(offers(phoihop::core::k_task_status))
                   ->check(offers({"done", "extra"}));
  CHECK(offered(option) == std::vector<std::string>{"planned", "in_progress", "done", "cancelled", "unfinished", "extra"});
  auto* file = app.add_option("--output", value)->check(offers(Offer::file));
  CHECK(offered(file) == std::vector<std::string>{"@file"});
  auto* plain = app.add_option("--note", value);
  CHECK(offered(plain).empty());
  // The hint never validates: any value still parses.
  const char* argv[] = {"x", "--status", "anything"};
  CHECK_NOTHROW(app.parse(3, argv));
  CHECK(value == "anything");
}

TEST_CASE("every enum value is offered by some option of the registry")
{
  std::set<std::string> words;
  for (const auto& [key, offer] : hints()) {
    words.insert(offer.begin(), offer.end());
  }
  for (const auto* set : {&phoihop::core::k_agreement_status, &phoihop::core::k_org_kind,
                          &phoihop::core::k_task_status, &phoihop::core::k_meeting_kind,
                          &phoihop::core::k_meeting_format, &phoihop::core::k_participant_role,
                          &phoihop::core::k_award_kind, &phoihop::core::k_award_form,
                          &phoihop::core::k_list_format, &phoihop::core::k_report_format,
                          &phoihop::core::k_report_layout, &phoihop::core::k_lang,
                          &phoihop::core::k_color}) {
    for (auto value : set->values) {
      CHECK_MESSAGE(words.count(std::string(value)) == 1, "no option offers " << value);
    }
  }
  for (const char* keyword : {"this-year", "last-quarter", "quarter", "@file"}) {
    CHECK_MESSAGE(words.count(keyword) == 1, "no option offers " << keyword);
  }
}

TEST_CASE("every option and positional naming an agreement or an organisation offers them")
{
  // (A task's --unit is the indicator's unit, 'buổi'; an award's is an organisation.)
  const std::set<std::string> org_options{"--party", "--lead", "--partner", "--org", "--issuer",
                                          "--by", "ORG", "FROM", "INTO"};
  int checked = 0;
  for (const auto& hint : hints()) {
    // Not a structured binding: doctest's CHECK_MESSAGE captures it in a
    // lambda, which clang 14 refuses for bindings.
    const std::string& key = hint.first;
    const auto& offer = hint.second;
    std::string name = key.substr(key.rfind(' ') + 1);
    if (name == "--agreement" || name == "REF") {
      CHECK_MESSAGE(offer == std::vector<std::string>{"@agreement"}, key << " offers no agreement codes");
      ++checked;
    } else if (org_options.count(name) == 1 || (name == "--unit" && key.rfind("award", 0) == 0)) {
      CHECK_MESSAGE(offer == std::vector<std::string>{"@org"}, key << " offers no organisation names");
      ++checked;
    }
  }
  CHECK(checked > 30);
}

namespace {

std::string help_of(CLI::App* app, std::initializer_list<const char*> path)
{
  for (const char* name : path) {
    app = app->get_subcommand(name);
  }
  return app->help();
}

} // namespace

TEST_CASE("--help names each value from its hint or its kind, not CLI11's TEXT")
{
  std::ostringstream sink;
  phoihop::cli::Context ctx(sink, sink);
  auto app = phoihop::cli::build_app(ctx);
  std::string list = help_of(app.get(), {"task", "list"});
  CHECK(list.find("--agreement REF ") != std::string::npos);
  CHECK(list.find("--lead ORG ") != std::string::npos);
  CHECK(list.find("--status planned|in_progress|done|cancelled") != std::string::npos);
  CHECK(list.find("--due-before DATE ") != std::string::npos);
  CHECK(list.find("--overdue ") != std::string::npos);
  std::string summary = help_of(app.get(), {"report", "summary"});
  CHECK(summary.find("--period PERIOD ") != std::string::npos);
  CHECK(summary.find("--output FILE ") != std::string::npos);
  CHECK(summary.find("--each year|half|quarter|month") != std::string::npos);
  CHECK(help_of(app.get(), {"log"}).find("--limit N ") != std::string::npos);
  CHECK(help_of(app.get(), {"task", "update"}).find("--progress N ") != std::string::npos);
  CHECK(help_of(app.get(), {"agreement", "add"}).find("--party ORG ... REQUIRED") != std::string::npos);
  // A positional's name says what it is: no second name after it.
  std::string show = help_of(app.get(), {"agreement", "show"});
  CHECK(show.find("REF REQUIRED") != std::string::npos);
  CHECK(show.find("REF TEXT") == std::string::npos);
  CHECK(help_of(app.get(), {"completion"}).find("SHELL bash|zsh|fish") != std::string::npos);
  // An option_text given at registration stays.
  CHECK(app->help().find("--db PATH ") != std::string::npos);
}

TEST_CASE("completion --help: one blank line between the options and the examples")
{
  std::ostringstream sink;
  phoihop::cli::Context ctx(sink, sink);
  auto app = phoihop::cli::build_app(ctx);
  std::string help = help_of(app.get(), {"completion"});
  CHECK(help.find("\n\nExamples:") != std::string::npos);
  CHECK(help.find("\n\n\nExamples:") == std::string::npos);
}

TEST_CASE("the global --format completes with the formats the command takes")
{
  std::ostringstream out;
  std::ostringstream err;
  REQUIRE(phoihop::cli::run({"phoihop", "completion", "bash"}, out, err) == 0);
  const std::string script = out.str();
  auto words = [](const phoihop::core::EnumSet& set) {
    std::string joined;
    for (auto value : set.values) {
      joined += (joined.empty() ? "" : " ") + std::string(value);
    }
    return joined;
  };
  const std::string report = words(phoihop::core::k_report_format);
  const std::string list = words(phoihop::core::k_list_format);
  CHECK(script.find("'report summary/--format') REPLY='" + report + "'") != std::string::npos);
  CHECK(script.find("'report attention/--format') REPLY='" + report + "'") != std::string::npos);
  CHECK(script.find("'task list/--format') REPLY='" + list + "'") != std::string::npos);
  CHECK(script.find("'report sent list/--format') REPLY='" + list + "'") != std::string::npos);
  // A verb's own --format is its own.
  CHECK(script.find("'meeting add/--format') REPLY='in_person") != std::string::npos);
  CHECK(script.find("'export/--format') REPLY='" + list + "'") == std::string::npos);
  // Before any command, either kind.
  CHECK(script.find("*/--format) REPLY='" + list + " md docx") != std::string::npos);
}
