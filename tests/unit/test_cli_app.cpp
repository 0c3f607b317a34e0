// The registry is the help: every noun, verb and option registered must be
// documented in its man page, and every option a page names must exist.
#include <phoihop/cli/app.hpp>
#include <phoihop/io/config.hpp>
#include <phoihop/core/enums.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

std::string read_page(const std::string& name)
{
  std::ifstream in(std::string(PHOIHOP_SOURCE_DIR) + "/man/" + name, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  // Compare words, not roff: \- is a plain hyphen in the rendered page.
  return std::regex_replace(text.str(), std::regex(R"(\\-)"), "-");
}

// Long option names as a man page writes them: \-\-party or --party.
std::set<std::string> options_in(const std::string& page)
{
  std::set<std::string> out;
  std::regex option(R"(--([a-z][a-z0-9-]*))");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), option); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[1];
    while (!name.empty() && name.back() == '-') {
      name.pop_back();
    }
    out.insert("--" + name);
  }
  return out;
}

bool mentions_option(const std::string& page, const std::string& name)
{
  return std::regex_search(page, std::regex(name + "([^a-z0-9-]|$)"));
}

std::set<std::string> long_names(const CLI::App* app)
{
  std::set<std::string> out;
  for (const auto* opt : app->get_options()) {
    for (const auto& name : opt->get_lnames()) {
      out.insert("--" + name);
    }
  }
  return out;
}

} // namespace

TEST_CASE("every registered noun, verb and option is in the man pages, and no page invents one")
{
  std::ostringstream out;
  std::ostringstream err;
  phoihop::cli::Context ctx(out, err);
  auto app = phoihop::cli::build_app(ctx);
  std::string main_page = read_page("phoihop.1");
  REQUIRE(!main_page.empty());
  auto globals = long_names(app.get());
  for (const auto& name : globals) {
    CHECK_MESSAGE(mentions_option(main_page, name), "phoihop.1 lacks global option " << name);
  }
  // A page may mention another noun's options ("created by agreement add --party").
  std::set<std::string> known = globals;
  for (const auto* noun : app->get_subcommands({})) {
    for (const auto* verb : noun->get_subcommands({})) {
      auto names = long_names(verb);
      known.insert(names.begin(), names.end());
      for (const auto* sub : verb->get_subcommands({})) {
        auto sub_names = long_names(sub);
        known.insert(sub_names.begin(), sub_names.end());
      }
    }
  }
  for (const auto* noun : app->get_subcommands({})) {
    std::string page_name = "phoihop-" + noun->get_name() + ".1";
    std::string page = read_page(page_name);
    REQUIRE_MESSAGE(!page.empty(), "missing man page " << page_name);
    CHECK_MESSAGE(main_page.find(page_name.substr(0, page_name.size() - 2)) != std::string::npos,
                  "phoihop.1 does not refer to " << page_name);
    // A command without verbs (batch) documents its own options.
    for (const auto& name : long_names(noun)) {
      known.insert(name);
      if (name != "--help") {
        CHECK_MESSAGE(mentions_option(page, name), page_name << " lacks option " << name);
      }
    }
    for (const auto* verb : noun->get_subcommands({})) {
      CHECK_MESSAGE(page.find(noun->get_name() + " " + verb->get_name()) != std::string::npos,
                    page_name << " lacks verb " << verb->get_name());
      for (const auto& name : long_names(verb)) {
        CHECK_MESSAGE(mentions_option(page, name),
                      page_name << " lacks option " << name << " of " << verb->get_name());
      }
      // A verb with verbs of its own (report sent list).
      for (const auto* sub : verb->get_subcommands({})) {
        std::string path = noun->get_name() + " " + verb->get_name() + " " + sub->get_name();
        CHECK_MESSAGE(page.find(path) != std::string::npos, page_name << " lacks verb " << path);
        for (const auto& name : long_names(sub)) {
          CHECK_MESSAGE(mentions_option(page, name), page_name << " lacks option " << name << " of " << path);
        }
      }
    }
    for (const auto& name : options_in(page)) {
      CHECK_MESSAGE(known.count(name) == 1, page_name << " names an unknown option " << name);
    }
  }
}

TEST_CASE("every config key and enum value is documented")
{
  std::string toml_page = read_page("phoihop.toml.5");
  for (const auto& key : phoihop::io::config_keys()) {
    CHECK_MESSAGE(toml_page.find(key.key) != std::string::npos, "phoihop.toml.5 lacks " << key.key);
  }
  std::string org_page = read_page("phoihop-org.1");
  for (auto kind : phoihop::core::k_org_kind.values) {
    CHECK_MESSAGE(org_page.find(std::string(kind)) != std::string::npos, "org kind " << kind);
  }
  std::string agreement_page = read_page("phoihop-agreement.1");
  for (auto status : phoihop::core::k_agreement_status.values) {
    CHECK_MESSAGE(agreement_page.find(std::string(status)) != std::string::npos, "status " << status);
  }
}
