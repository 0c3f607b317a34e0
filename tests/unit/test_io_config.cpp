#include <phoihop/core/error.hpp>
#include <phoihop/io/config.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

#include <unistd.h>

using phoihop::UsageError;
using phoihop::io::Config;
using phoihop::io::load_config_file;

namespace {

using phoihop::test::TempDir;

// Sets an environment variable for one scope and puts the old value back.
class ScopedEnv {
public:
  ScopedEnv(const char* name, const std::string& value) : m_name(name)
  {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv()
  {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
  const char* m_name;
  std::optional<std::string> m_old;
};

Config load(const std::string& path)
{
  Config config;
  load_config_file(path, config);
  return config;
}

// The message of the UsageError `path` gives, or "" when it loads.
std::string error_of(const std::string& path)
{
  try {
    load(path);
  } catch (const UsageError& e) {
    return e.what();
  }
  return {};
}

// Checks the error of a one-file config names the file and the line.
void check_error_at(const TempDir& dir, const std::string& text, int line, const std::string& detail)
{
  std::string path = dir.write("config.toml", text);
  CAPTURE(text);
  CHECK_THROWS_AS(load(path), UsageError);
  std::string message = error_of(path);
  CAPTURE(message);
  CHECK(message.rfind(path + ":" + std::to_string(line) + ": ", 0) == 0);
  CHECK(message.find(detail) != std::string::npos);
}

} // namespace

TEST_CASE("load_config_file: a valid file sets every value with its file:line origin")
{
  TempDir dir;
  std::string path = dir.write("config.toml", "# phoihop settings\n"
                                              "[database]\n"
                                              "path = \"/srv/phoihop/bentre.db\"\n"
                                              "busy_timeout = 250\n"
                                              "\n"
                                              "[report]\n"
                                              "lang = \"vi\"\n"
                                              "format = \"csv\"\n"
                                              "\n"
                                              "[output]\n"
                                              "format = \"json\"\n"
                                              "color = \"never\"\n");
  Config config = load(path);
  CHECK(config.database_path.value == "/srv/phoihop/bentre.db");
  CHECK(config.database_path.origin == path + ":3");
  CHECK(config.busy_timeout.value == "250");
  CHECK(config.busy_timeout.origin == path + ":4");
  CHECK(config.report_lang.value == "vi");
  CHECK(config.report_lang.origin == path + ":7");
  CHECK(config.report_format.value == "csv");
  CHECK(config.report_format.origin == path + ":8");
  CHECK(config.output_format.value == "json");
  CHECK(config.output_format.origin == path + ":11");
  CHECK(config.output_color.value == "never");
  CHECK(config.output_color.origin == path + ":12");
}

TEST_CASE("load_config_file: keys not in the file keep their defaults")
{
  TempDir dir;
  std::string path = dir.write("config.toml", "[output]\nformat = \"tsv\"\n");
  Config config = load(path);
  CHECK(config.output_format.value == "tsv");
  CHECK(config.output_format.origin == path + ":2");
  CHECK(config.busy_timeout.value == "5000");
  CHECK(config.busy_timeout.origin == "default");
  CHECK(config.database_path.value.empty());
  CHECK(config.database_path.origin == "default");
  CHECK(config.output_color.value == "auto");

  // An empty file is valid and changes nothing.
  Config untouched = load(dir.write("empty.toml", ""));
  CHECK(untouched.output_format.value == "table");
  CHECK(untouched.output_format.origin == "default");
}

TEST_CASE("load_config_file: dotted keys and inline tables, as TOML allows")
{
  TempDir dir;
  std::string path = dir.write("config.toml", "database.busy_timeout = 0\n"
                                              "output = { format = \"csv\", color = \"always\" }\n");
  Config config = load(path);
  CHECK(config.busy_timeout.value == "0");
  CHECK(config.busy_timeout.origin == path + ":1");
  CHECK(config.output_format.value == "csv");
  CHECK(config.output_color.value == "always");
  CHECK(config.output_color.origin == path + ":2");
}

TEST_CASE("load_config_file: a relative database.path is relative to the file's directory")
{
  TempDir dir;
  std::filesystem::create_directory(dir.file("etc"));
  std::string path = dir.write("etc/config.toml", "[database]\npath = \"data/bentre.db\"\n");
  CHECK(load(path).database_path.value == dir.path() + "/etc/data/bentre.db");

  // ".." is resolved lexically, so the shown path is clean.
  dir.write("etc/config.toml", "[database]\npath = \"../shared/./bentre.db\"\n");
  CHECK(load(path).database_path.value == dir.path() + "/shared/bentre.db");

  // An absolute path is kept as it is.
  dir.write("etc/config.toml", "[database]\npath = \"/var/lib/phoihop.db\"\n");
  CHECK(load(path).database_path.value == "/var/lib/phoihop.db");
}

TEST_CASE("load_config_file: \"~/\" in database.path is $HOME")
{
  TempDir dir;
  ScopedEnv home("HOME", dir.file("home"));
  std::string path = dir.write("config.toml", "[database]\npath = \"~/phoihop/bentre.db\"\n");
  CHECK(load(path).database_path.value == dir.file("home") + "/phoihop/bentre.db");
}

TEST_CASE("load_config_file: a misspelt key names the file, the line and the known keys")
{
  TempDir dir;
  check_error_at(dir, "[output]\nformat = \"csv\"\ncolour = \"never\"\n", 3,
                 "unknown key 'output.colour' (known keys: database.path, database.busy_timeout");
  check_error_at(dir, "[database]\n\npaht = \"x.db\"\n", 3, "unknown key 'database.paht'");
}

TEST_CASE("load_config_file: keys outside the three tables are refused")
{
  TempDir dir;
  check_error_at(dir, "lang = \"vi\"\n", 1,
                 "unknown key 'lang' (expected a [database], [report], [output], [import], [merge], [office] or "
                 "[narrative] table)");
  check_error_at(dir, "[database]\npath = \"x.db\"\n\n[reports]\nlang = \"vi\"\n", 5,
                 "unknown key 'reports.lang'");
  check_error_at(dir, "[database.extra]\nname = \"x\"\n", 1, "unknown key 'database.extra'");
}

TEST_CASE("BUG: load_config_file refuses an unknown table even when it is empty")
{
  // phoihop.toml(5): "a misspelt key is never silently ignored"; a misspelt
  // [reprot] header whose keys were moved away is still a mistake to report.
  TempDir dir;
  std::string path = dir.write("config.toml", "[database]\npath = \"x.db\"\n\n[reprot]\n");
  CHECK_THROWS_AS(load(path), UsageError);
  CHECK(error_of(path).find(path + ":4") != std::string::npos);
}

TEST_CASE("load_config_file: a value of the wrong type")
{
  TempDir dir;
  check_error_at(dir, "[database]\nbusy_timeout = \"5000\"\n", 2,
                 "bad value for database.busy_timeout: expected milliseconds");
  check_error_at(dir, "[database]\nbusy_timeout = 5.0\n", 2, "bad value for database.busy_timeout");
  check_error_at(dir, "[database]\npath = 5\n", 2, "bad value for database.path: expected a string");
  check_error_at(dir, "[output]\ncolor = true\n", 2, "bad value for output.color: expected a string");
  check_error_at(dir, "[report]\nlang = [\"vi\"]\n", 2, "bad value for report.lang: expected a string");
}

TEST_CASE("load_config_file: a value outside its set")
{
  TempDir dir;
  check_error_at(dir, "[output]\n\nformat = \"xml\"\n", 3,
                 "bad value for output.format: 'xml' is not one of table, csv, tsv, json, xlsx");
  check_error_at(dir, "[output]\ncolor = \"sometimes\"\n", 2,
                 "'sometimes' is not one of auto, always, never");
  check_error_at(dir, "[report]\nlang = \"fr\"\n", 2, "'fr' is not one of en, vi");
  // The sets are case-sensitive, as on the command line.
  check_error_at(dir, "[report]\nformat = \"MD\"\n", 2, "'MD' is not one of md, csv, json");
}

TEST_CASE("load_config_file: busy_timeout must be from 0 to one hour")
{
  TempDir dir;
  check_error_at(dir, "[database]\nbusy_timeout = -1\n", 2,
                 "expected milliseconds, an integer from 0 to 3600000");
  check_error_at(dir, "[database]\nbusy_timeout = 3600001\n", 2, "from 0 to 3600000");
  std::string path = dir.write("config.toml", "[database]\nbusy_timeout = 3600000\n");
  CHECK(load(path).busy_timeout.value == "3600000");
}

TEST_CASE("load_config_file: an empty database.path")
{
  TempDir dir;
  check_error_at(dir, "[database]\npath = \"\"\n", 2, "bad value for database.path: the path is empty");
}

TEST_CASE("load_config_file: a TOML syntax error names the file and its line")
{
  TempDir dir;
  check_error_at(dir, "[database\n", 1, "");
  check_error_at(dir, "[database]\npath = \"x.db\"\nbusy_timeout = \n", 3, "");
  check_error_at(dir, "[output]\nformat = \"csv\"\nformat = \"tsv\"\n", 3, "");
  check_error_at(dir, "[output]\nformat = \"csv\n", 2, "");
}

TEST_CASE("load_config_file: a missing file is a UsageError naming it")
{
  TempDir dir;
  std::string path = dir.file("nope.toml");
  CHECK_THROWS_AS(load(path), UsageError);
  CHECK(error_of(path) == "cannot read config file '" + path + "'");
  CHECK_FALSE(std::filesystem::exists(path));
}
