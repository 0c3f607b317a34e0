#include <phoihop/cli/context.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace phoihop::cli {

std::string env(const char* name)
{
  const char* value = std::getenv(name);
  return value ? value : "";
}

namespace {

// $VARIABLE when it is an absolute path, else `fallback` in the home
// directory; "" when there is no home either.
std::string xdg_dir(const char* variable, const char* fallback)
{
  std::string dir = env(variable);
  if (!dir.empty() && std::filesystem::path(dir).is_absolute()) {
    return dir;
  }
  std::string home = io::home_directory();
  return home.empty() ? std::string() : home + "/" + fallback;
}

} // namespace

std::string Context::config_path()
{
  if (!flags.config.empty()) {
    return flags.config;
  }
  if (auto path = env("PHOIHOP_CONFIG"); !path.empty()) {
    return path;
  }
  // Without a home there is no default config file, as when it does not exist.
  std::string dir = xdg_dir("XDG_CONFIG_HOME", ".config");
  return dir.empty() ? std::string() : dir + "/phoihop/config.toml";
}

void Context::inherit(Context& parent)
{
  m_parent = &parent;
  flags = parent.flags;
}

const io::Config& Context::config()
{
  if (m_parent) {
    return m_parent->config();
  }
  if (!m_config) {
    io::Config config;
    std::string path = config_path();
    bool named = !flags.config.empty() || !env("PHOIHOP_CONFIG").empty();
    // A config file the user named must exist; the default one is optional.
    if (named || (!path.empty() && std::filesystem::exists(path))) {
      io::load_config_file(path, config);
    }
    m_config = config;
  }
  return *m_config;
}

std::string Context::db_path()
{
  if (m_parent) {
    return m_parent->db_path();
  }
  return db_path_setting().value;
}

io::Setting Context::db_path_setting()
{
  if (!flags.db.empty()) {
    return {flags.db, "--db"};
  }
  if (auto path = env("PHOIHOP_DB"); !path.empty()) {
    return {path, "$PHOIHOP_DB"};
  }
  if (const auto& setting = config().database_path; !setting.value.empty()) {
    return setting;
  }
  std::string dir = xdg_dir("XDG_DATA_HOME", ".local/share");
  if (dir.empty()) {
    // Not /.local/share/…: a file at the root that nobody asked for.
    throw UsageError(fmt::format("no database file: $HOME is unset and the password database has no home for "
                                 "user {}; set PHOIHOP_DB or give --db (or set XDG_DATA_HOME or HOME)",
                                 ::getuid()));
  }
  return {dir + "/phoihop/phoihop.db", "default"};
}

int Context::busy_timeout_ms()
{
  return std::stoi(config().busy_timeout.value);
}

io::DocumentLimits Context::document_limits()
{
  const auto& config = this->config();
  return io::DocumentLimits{std::stoul(config.import_max_size.value) << 20, std::stoi(config.import_max_depth.value)};
}

store::UntrustedLimits Context::untrusted_limits()
{
  const auto& config = this->config();
  store::UntrustedLimits limits;
  limits.time = std::chrono::seconds(std::stoi(config.merge_time_limit.value));
  limits.memory = std::stoul(config.merge_memory_limit.value) << 20;
  return limits;
}

int Context::report_stale_months()
{
  return std::stoi(config().report_stale_months.value);
}

int Context::report_due_soon_days()
{
  return std::stoi(config().report_due_soon_days.value);
}

core::Date Context::today()
{
  if (!m_today && m_parent && flags.today == m_parent->flags.today) {
    m_today = m_parent->today();
  }
  if (!m_today) {
    core::Date local = core::local_today();
    std::string pinned = flags.today;
    const char* what = "--today";
    if (pinned.empty()) {
      pinned = env("PHOIHOP_TODAY");
      what = "PHOIHOP_TODAY";
    }
    m_today = pinned.empty() ? local : core::parse_date(pinned, local, what);
    // The zone matters when the local date is today: nothing pinned, or a
    // pinned "today"/"hôm nay", which reads as another day from another one.
    bool local_used = pinned.empty() || core::parse_date(pinned, local.add_days(1), what) != *m_today;
    if (auto zone = core::local_time_zone(); local_used && !zone.known) {
      talk(fmt::format("warning: TZ='{}' is not a time zone this system knows, so today's date is taken "
                       "in UTC (give a zone of /usr/share/zoneinfo, e.g. TZ=Asia/Ho_Chi_Minh)",
                       zone.name));
    }
  }
  return *m_today;
}

std::string Context::lang()
{
  return lang_setting().value;
}

io::Setting Context::lang_setting()
{
  if (!flags.lang.empty()) {
    return {core::k_lang.check(flags.lang, "--lang"), "--lang"};
  }
  if (const auto& setting = config().report_lang; !setting.value.empty()) {
    return setting;
  }
  const char* variable = env("LC_ALL").empty() ? "LANG" : "LC_ALL";
  std::string locale = env(variable);
  if (locale.empty()) {
    return {"en", "default"};
  }
  return {locale.rfind("vi", 0) == 0 ? "vi" : "en", std::string("$") + variable};
}

std::string Context::list_format()
{
  return flags.format.empty() ? config().output_format.value : core::k_list_format.check(flags.format, "--format");
}

std::string Context::report_format()
{
  if (!flags.format.empty()) {
    return core::k_report_format.check(flags.format, "--format");
  }
  return config().report_format.value;
}

io::Setting Context::csv_dialect_setting()
{
  if (!flags.csv_dialect.empty()) {
    return {core::k_csv_dialect.check(flags.csv_dialect, "--csv-dialect"), "--csv-dialect"};
  }
  return config().output_csv_dialect;
}

io::CsvDialect Context::csv_dialect()
{
  const io::Setting setting = csv_dialect_setting();
  return io::csv_dialect(setting.value, setting.origin);
}

io::Setting Context::color_setting()
{
  if (!flags.color.empty()) {
    return {core::k_color.check(flags.color, "--color"), "--color"};
  }
  if (config().output_color.origin != "default") {
    return config().output_color;
  }
  if (!env("NO_COLOR").empty()) {
    return {"never", "$NO_COLOR"};
  }
  return {"auto", "default"};
}

bool Context::color()
{
  std::string mode = color_setting().value;
  if (mode == "auto") {
    return ::isatty(STDOUT_FILENO) == 1 && env("TERM") != "dumb";
  }
  return mode == "always";
}

report::Style Context::style()
{
  report::Style style{color()};
  style.today = today();
  if (!style.color) {
    return style;
  }
  // The width only matters on a terminal; $COLUMNS stands in for one when
  // output goes elsewhere with --color always (tests, `watch`, `less -R`).
  struct winsize size {};
  if (::isatty(STDOUT_FILENO) == 1 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0) {
    style.width = size.ws_col;
  } else if (auto columns = env("COLUMNS"); !columns.empty()) {
    if (columns.find_first_not_of("0123456789") == std::string::npos && columns.size() < 6) {
      style.width = std::stoi(columns);
    }
  }
  return style;
}

std::vector<std::pair<std::string, io::Setting>> Context::settings()
{
  if (m_parent) {
    return m_parent->settings();
  }
  const io::Config& file = config();
  std::vector<std::pair<std::string, io::Setting>> out;
  for (const auto& key : io::config_keys()) {
    std::string name = key.key;
    io::Setting setting = file.*(key.setting);
    if (name == "database.path") {
      setting = db_path_setting();
    } else if (name == "report.lang") {
      setting = lang_setting();
    } else if (name == "output.color") {
      setting = color_setting();
    } else if (name == "output.csv_dialect") {
      setting = csv_dialect_setting();
    }
    if (key.list) {
      std::string shown;
      for (const auto& item : io::setting_items(setting)) {
        shown += (shown.empty() ? "" : "; ") + item;
      }
      setting.value = shown;
    }
    // (--format is not shown as a setting: here it chooses config show's own format.)
    out.emplace_back(name, setting);
  }
  return out;
}

void Context::talk(const std::string& message)
{
  if (m_parent) {
    m_parent->talk(message);
    return;
  }
  if (flags.quiet) {
    return;
  }
  if (m_hold_talk) {
    m_held_talk.push_back(message);
  } else {
    err << "phoihop: " << message << '\n';
  }
}

void Context::release_talk()
{
  m_hold_talk = false;
  for (const auto& message : m_held_talk) {
    talk(message);
  }
  m_held_talk.clear();
}

void Context::check_flags()
{
  if (!flags.lang.empty()) {
    core::k_lang.check(flags.lang, "--lang");
  }
  if (!flags.color.empty()) {
    core::k_color.check(flags.color, "--color");
  }
  if (!flags.csv_dialect.empty()) {
    core::k_csv_dialect.check(flags.csv_dialect, "--csv-dialect");
  }
  today();
}

store::Database& Context::db()
{
  if (m_parent) {
    return m_parent->db();
  }
  if (m_db) {
    return *m_db;
  }
  if (m_need == Need::nothing) {
    throw Failure("internal error: the verb did not declare that it needs the database");
  }
  std::string path = db_path();
  store::OpenOptions options{path, m_need == Need::write ? store::Access::write : store::Access::read,
                             busy_timeout_ms(), command_line};
  if (m_need == Need::write && flags.db.empty() && env("PHOIHOP_DB").empty() &&
      config().database_path.value.empty()) {
    // The default location is ours to create; a path the user chose is not.
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  }
  m_db = std::make_unique<store::Database>(options);
  for (const auto& warning : m_db->warnings()) {
    talk(warning);
  }
  return *m_db;
}

void Context::check_records()
{
  if (m_db && m_db->access() == store::Access::write) {
    m_db->check();
  }
}

void Context::commit()
{
  // A write rolled back already (a dry run) committed nothing to follow.
  bool committing = m_db && m_db->writing();
  if (m_db) {
    m_db->commit();
  }
  auto steps = std::move(m_after_commit);
  m_after_commit.clear();
  if (!committing) {
    return;
  }
  // Every step runs, whatever an earlier one did (a batch's recorded files:
  // each is committed already); the failures are told together, in one line.
  std::optional<Error> first;
  std::vector<std::string> failures;
  for (auto& step : steps) {
    try {
      step();
    } catch (const Error& e) {
      if (!first) {
        first = e;
      }
      failures.emplace_back(e.what());
    }
  }
  if (first) {
    throw Error(first->status(), fmt::format("{}", fmt::join(failures, "; and ")));
  }
}

void Context::after_commit(std::function<void()> step)
{
  if (m_parent) {
    m_parent->after_commit(std::move(step));
    return;
  }
  m_after_commit.push_back(std::move(step));
}

} // namespace phoihop::cli
