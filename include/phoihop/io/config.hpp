#pragma once

#include <string>
#include <vector>

namespace phoihop::io {

// A setting remembers where its value came from, for error messages and
// `config show`: "default", "/home/u/.config/phoihop/config.toml:3",
// "$PHOIHOP_DB", "--db".
struct Setting {
  std::string value;
  std::string origin = "default";
};

struct Config {
  Setting database_path;
  Setting busy_timeout{"5000"}; // milliseconds
  Setting report_lang;          // en|vi; empty: from $LANG
  Setting report_format{"md"};
  Setting output_format{"table"};
  // The attention list (phoihop-report(1)): an open task with no update for
  // this many months; one due within this many days.
  Setting report_stale_months{"6"};
  Setting report_due_soon_days{"30"};
  Setting output_color{"auto"};
  Setting output_csv_dialect{"rfc4180"};
  // Limits on what import and merge read (man/phoihop.toml.5): a document's
  // size in MiB and nesting depth; the seconds and MiB of memory that reading
  // another database (merge OTHER_DB) may take.
  Setting import_max_size{"256"};
  Setting import_max_depth{"32"};
  Setting merge_time_limit{"600"};
  Setting merge_memory_limit{"2048"};
  // The office profile (man/phoihop.toml.5, [office]): who issues the
  // documents phoihop writes (report --format docx), as printed. Empty: a
  // visible blank to fill in, never invented. recipients is a list, one
  // recipient per line of the value.
  Setting office_body;
  Setting office_parent;
  Setting office_place;
  Setting office_symbol;
  Setting office_signer;
  Setting office_position;
  Setting office_capacity;
  Setting office_recipients;
  // The narrative sections of a filed report ([narrative]): text files the
  // officer writes, relative paths taken from the config file's directory.
  Setting narrative_assessment;
  Setting narrative_shortcomings;
  Setting narrative_direction;
  Setting narrative_recommendations;
};

// One documented key of the TOML file (see man/phoihop.toml.5).
struct ConfigKey {
  const char* key; // "database.path"
  Setting Config::*setting;
  const char* description;
  // The value is a TOML array of strings, kept one item per line.
  bool list = false;
  // The value is a file path: relative to the config file's directory, ~/ at $HOME.
  bool path = false;
  // The value is printed in documents: one line of text as records hold it
  // (NFC, trimmed, no control characters).
  bool printed = false;
};
const std::vector<ConfigKey>& config_keys();

// A list setting's items (ConfigKey::list).
std::vector<std::string> setting_items(const Setting& setting);

// The home directory of the user running phoihop: $HOME when it is set,
// else the user's entry in the password database (getpwuid), else "" (a
// service or container user with neither).
std::string home_directory();

// Reads the TOML file at `path` into `config`. A syntax error, an unknown
// key or a bad value throws UsageError naming the file and line. A relative
// database.path is taken relative to the file's directory.
void load_config_file(const std::string& path, Config& config);

} // namespace phoihop::io
