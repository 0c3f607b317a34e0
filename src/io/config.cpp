#include <phoihop/io/config.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include "toml_input.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <pwd.h>
#include <sstream>
#include <unistd.h>

namespace phoihop::io {

const std::vector<ConfigKey>& config_keys()
{
  static const std::vector<ConfigKey> k_keys = {
    {"database.path", &Config::database_path, "the database file", false, true},
    {"database.busy_timeout", &Config::busy_timeout,
     "milliseconds to wait for another writer before giving up"},
    {"report.lang", &Config::report_lang, "language of reports and dates: en or vi"},
    {"report.format", &Config::report_format, "default report format: md, csv, json, docx, xlsx or html"},
    {"report.stale_months", &Config::report_stale_months,
     "months without an update after which an open task needs attention"},
    {"report.due_soon_days", &Config::report_due_soon_days,
     "days before its due date from which an open task needs attention"},
    {"output.format", &Config::output_format, "default list/show format: table, csv, tsv, json or xlsx"},
    {"output.color", &Config::output_color, "colour in table output: auto, always or never"},
    {"output.csv_dialect", &Config::output_csv_dialect,
     "how CSV is written: rfc4180 (, and a decimal point) or excel-vi (; a decimal comma and a BOM)"},
    {"import.max_size", &Config::import_max_size, "MiB: a larger TOML/JSON/CSV file is refused by import"},
    {"import.max_depth", &Config::import_max_depth, "how deep a TOML/JSON document may nest arrays and tables"},
    {"merge.time_limit", &Config::merge_time_limit, "seconds that reading the other database may take"},
    {"merge.memory_limit", &Config::merge_memory_limit, "MiB of memory that reading the other database may take"},
    {"office.body", &Config::office_body, "the issuing body, as printed at the head of a document", false, false,
     true},
    {"office.parent", &Config::office_parent, "the issuing body's parent body, printed above it (may be empty)",
     false, false, true},
    {"office.place", &Config::office_place, "the place of the date line: \"Trà Vinh, ngày … tháng … năm …\"",
     false, false, true},
    {"office.symbol", &Config::office_symbol, "the symbol after the document number: 15/BC-UBND", false, false, true},
    {"office.signer", &Config::office_signer, "who signs, by name", false, false, true},
    {"office.position", &Config::office_position, "the signer's position: PHÓ CHỦ TỊCH", false, false, true},
    {"office.capacity", &Config::office_capacity,
     "the capacity signed in, a string or an array of lines: [\"TM. ỦY BAN NHÂN DÂN\", \"KT. CHỦ TỊCH\"]", true, false,
     true},
    {"office.recipients", &Config::office_recipients, "the recipients (Nơi nhận), an array of strings", true, false,
     true},
    {"narrative.assessment", &Config::narrative_assessment, "a text file: the assessment (đánh giá)", false, true},
    {"narrative.shortcomings", &Config::narrative_shortcomings,
     "a text file: shortcomings and their causes (hạn chế, nguyên nhân)", false, true},
    {"narrative.direction", &Config::narrative_direction,
     "a text file: direction and tasks ahead (phương hướng, nhiệm vụ)", false, true},
    {"narrative.recommendations", &Config::narrative_recommendations,
     "a text file: recommendations (kiến nghị, đề xuất)", false, true},
  };
  return k_keys;
}

namespace {

std::string where(const std::string& path, const toml::source_region& source)
{
  return fmt::format("{}:{}", path, source.begin.line);
}

// The integer keys: their range and what the number counts.
struct IntegerKey {
  const char* key;
  std::int64_t min;
  std::int64_t max;
  const char* unit;
};
constexpr IntegerKey k_integer_keys[] = {
  {"database.busy_timeout", 0, 3600000, "milliseconds"},
  {"import.max_size", 1, 65536, "MiB"},
  {"import.max_depth", 4, 1000, "levels"},
  {"report.stale_months", 1, 120, "months"},
  {"report.due_soon_days", 0, 3650, "days"},
  {"merge.time_limit", 1, 86400, "seconds"},
  {"merge.memory_limit", 16, 1048576, "MiB"},
};

// "[database], [report] or [output]": the tables of the known keys, for messages.
std::string table_names()
{
  std::vector<std::string> tables;
  for (const auto& k : config_keys()) {
    std::string key = k.key;
    std::string table = "[" + key.substr(0, key.find('.')) + "]";
    if (std::find(tables.begin(), tables.end(), table) == tables.end()) {
      tables.push_back(table);
    }
  }
  std::string last = tables.back();
  tables.pop_back();
  return fmt::format("{} or {}", fmt::join(tables, ", "), last);
}

// Checks one value and returns it as the text the rest of phoihop uses.
std::string check_value(const std::string& key, const toml::node& node, const std::string& at)
{
  auto bad = [&](const std::string& why) {
    return UsageError(fmt::format("{}: bad value for {}: {}", at, key, why));
  };
  for (const auto& integer : k_integer_keys) {
    if (key == integer.key) {
      auto value = node.value<int64_t>();
      if (!node.is_integer() || !value || *value < integer.min || *value > integer.max) {
        std::ostringstream given;
        if (node.is_integer() && value) {
          given << *value;
        } else if (auto text = node.value<std::string>(); node.is_string() && text) {
          given << "'" << *text << "'";
        } else {
          given << "a " << node.type();
        }
        throw bad(fmt::format("expected {}, an integer from {} to {}, not {}", integer.unit, integer.min,
                              integer.max, given.str()));
      }
      return std::to_string(*value);
    }
  }
  const ConfigKey* known = nullptr;
  for (const auto& k : config_keys()) {
    known = key == k.key ? &k : known;
  }
  if (known != nullptr && known->list) {
    toml::array one;
    auto* array = node.as_array();
    if (array == nullptr && node.is_string()) {
      one.push_back(*node.value<std::string>());
      array = &one;
    }
    if (array == nullptr) {
      throw bad("expected a string or an array of strings");
    }
    std::string joined;
    for (const auto& item : *array) {
      if (!item.is_string()) {
        std::ostringstream type;
        type << item.type();
        throw bad(fmt::format("expected an array of strings, not one holding a {}", type.str()));
      }
      std::string text;
      try {
        text = core::checked_text(*item.value<std::string>(), key, false);
      } catch (const UsageError& e) {
        throw UsageError(fmt::format("{}: {}", at, e.what()));
      }
      if (text.empty()) {
        throw bad("an item is empty");
      }
      joined += (joined.empty() ? "" : "\n") + text;
    }
    return joined;
  }
  if (!node.is_string()) {
    throw bad("expected a string");
  }
  std::string text;
  try {
    text = known != nullptr && known->printed ? core::checked_text(*node.value<std::string>(), key, false)
                                              : core::nfc(*node.value<std::string>(), key);
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("{}: {}", at, e.what()));
  }
  const core::EnumSet* set = nullptr;
  if (key == "report.lang") {
    set = &core::k_lang;
  } else if (key == "report.format") {
    set = &core::k_report_format;
  } else if (key == "output.format") {
    set = &core::k_list_format;
  } else if (key == "output.color") {
    set = &core::k_color;
  } else if (key == "output.csv_dialect") {
    set = &core::k_csv_dialect;
  }
  if (set != nullptr && !set->contains(text)) {
    throw bad(fmt::format("{} is not one of {}{}", quote_arg(text), set->joined(", "),
                          core::did_you_mean(text, set->values)));
  }
  if (known != nullptr && known->path && text.empty()) {
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
      throw UsageError(fmt::format("{}: unknown table '[{}]' (expected {})", where(path, section.source()),
                                   section_name, table_names()));
    }
    if (table == nullptr) {
      throw UsageError(fmt::format("{}: unknown key '{}' (expected a {} table)", where(path, section.source()),
                                   section_name, table_names()));
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
      if (known->path) {
        std::filesystem::path p(value);
        if (value.rfind("~/", 0) == 0) {
          std::string home = home_directory();
          if (home.empty()) {
            throw UsageError(fmt::format("{}: {} {} starts with ~/, but there is no home directory ($HOME is "
                                         "unset and the password database has none): write the path in full",
                                         at, full, quote_arg(value)));
          }
          p = std::filesystem::path(home) / value.substr(2);
        } else if (p.is_relative()) {
          p = std::filesystem::path(path).parent_path() / p;
        }
        value = p.lexically_normal().string();
      }
      config.*(known->setting) = Setting{value, at};
    }
  }
}

std::string home_directory()
{
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return home;
  }
  // A service started without HOME still has a home in /etc/passwd (or LDAP).
  if (const passwd* user = ::getpwuid(::getuid()); user != nullptr && user->pw_dir != nullptr) {
    return user->pw_dir;
  }
  return {};
}

std::vector<std::string> setting_items(const Setting& setting)
{
  std::vector<std::string> items;
  std::size_t at = 0;
  while (!setting.value.empty() && at <= setting.value.size()) {
    std::size_t end = std::min(setting.value.find('\n', at), setting.value.size());
    items.push_back(setting.value.substr(at, end - at));
    at = end + 1;
  }
  return items;
}

} // namespace phoihop::io
