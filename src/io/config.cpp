#include <phoihop/io/config.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include "toml_input.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace phoihop::io {

const std::vector<ConfigKey>& config_keys()
{
  static const std::vector<ConfigKey> k_keys = {
    {"database.path", &Config::database_path, "the database file"},
    {"database.busy_timeout", &Config::busy_timeout,
     "milliseconds to wait for another writer before giving up"},
    {"report.lang", &Config::report_lang, "language of reports and dates: en or vi"},
    {"report.format", &Config::report_format, "default report format: md, csv or json"},
    {"output.format", &Config::output_format, "default list/show format: table, csv, tsv or json"},
    {"output.color", &Config::output_color, "colour in table output: auto, always or never"},
  };
  return k_keys;
}

namespace {

std::string where(const std::string& path, const toml::source_region& source)
{
  return fmt::format("{}:{}", path, source.begin.line);
}

// Checks one value and returns it as the text the rest of phoihop uses.
std::string check_value(const std::string& key, const toml::node& node, const std::string& at)
{
  auto bad = [&](const std::string& why) {
    return UsageError(fmt::format("{}: bad value for {}: {}", at, key, why));
  };
  if (key == "database.busy_timeout") {
    auto value = node.value<int64_t>();
    if (!node.is_integer() || !value || *value < 0 || *value > 3600000) {
      throw bad("expected milliseconds, an integer from 0 to 3600000");
    }
    return std::to_string(*value);
  }
  if (!node.is_string()) {
    throw bad("expected a string");
  }
  std::string text = core::nfc(*node.value<std::string>(), key);
  const core::EnumSet* set = nullptr;
  if (key == "report.lang") {
    set = &core::k_lang;
  } else if (key == "report.format") {
    set = &core::k_report_format;
  } else if (key == "output.format") {
    set = &core::k_list_format;
  } else if (key == "output.color") {
    set = &core::k_color;
  }
  if (set != nullptr && !set->contains(text)) {
    throw bad(fmt::format("{} is not one of {}{}", quote_arg(text), set->joined(", "),
                          core::did_you_mean(text, set->values)));
  }
  if (key == "database.path" && text.empty()) {
    throw bad("the path is empty");
  }
  return text;
}

} // namespace

void load_config_file(const std::string& path, Config& config)
{
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path)) {
    throw UsageError(fmt::format("cannot read config file '{}'", path));
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(detail::toml_for_parser(buffer.str(), path), path);
  } catch (const toml::parse_error& e) {
    throw UsageError(fmt::format("{}: {}", where(path, e.source()), e.description()));
  }
  for (auto&& [section_key, section] : root) {
    std::string section_name(section_key.str());
    auto* table = section.as_table();
    bool known_section = false;
    for (const auto& k : config_keys()) {
      known_section = known_section || std::string(k.key).rfind(section_name + ".", 0) == 0;
    }
    if (table != nullptr && !known_section && table->empty()) {
      throw UsageError(fmt::format("{}: unknown table '[{}]' (expected [database], [report] or "
                                   "[output])",
                                   where(path, section.source()), section_name));
    }
    if (table == nullptr) {
      throw UsageError(fmt::format("{}: unknown key '{}' (expected a [database], [report] or "
                                   "[output] table)",
                                   where(path, section.source()), section_name));
    }
    for (auto&& [key, node] : *table) {
      std::string full = section_name + "." + std::string(key.str());
      const ConfigKey* known = nullptr;
      for (const auto& k : config_keys()) {
        if (full == k.key) {
          known = &k;
        }
      }
      std::string at = where(path, node.source());
      if (known == nullptr) {
        std::string names;
        for (const auto& k : config_keys()) {
          names += (names.empty() ? "" : ", ") + std::string(k.key);
        }
        throw UsageError(fmt::format("{}: unknown key '{}' (known keys: {})", at, full, names));
      }
      std::string value = check_value(full, node, at);
      if (full == "database.path") {
        std::filesystem::path p(value);
        if (value.rfind("~/", 0) == 0) {
          const char* home = std::getenv("HOME");
          p = std::filesystem::path(home ? home : "") / value.substr(2);
        } else if (p.is_relative()) {
          p = std::filesystem::path(path).parent_path() / p;
        }
        value = p.lexically_normal().string();
      }
      config.*(known->setting) = Setting{value, at};
    }
  }
}

} // namespace phoihop::io
