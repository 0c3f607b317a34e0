#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/date.hpp>
#include <phoihop/report/output.hpp>

namespace phoihop::cli {

namespace {

// The settings in effect for this very invocation: the file's keys as the
// context resolves them, --format where it is the setting (it is also the
// format of this output), and the date taken as today.
std::vector<std::pair<std::string, io::Setting>> settings_in_effect(Context& ctx)
{
  auto settings = ctx.settings();
  const std::string& format = ctx.flags.format;
  for (auto& [key, setting] : settings) {
    if ((key == "output.format" && core::k_list_format.contains(format)) ||
        (key == "report.format" && core::k_report_format.contains(format))) {
      setting = {format, "--format"};
    }
  }
  std::string origin = !ctx.flags.today.empty()      ? "--today"
                       : !env("PHOIHOP_TODAY").empty() ? "$PHOIHOP_TODAY"
                                                       : "default";
  settings.emplace_back("today", io::Setting{ctx.today().iso(), origin});
  // The zone `today` is taken in when nothing pins it.
  auto zone = core::local_time_zone();
  settings.emplace_back("time_zone",
                        io::Setting{zone.name.empty() ? "system (/etc/localtime)"
                                    : zone.known      ? zone.name
                                                      : zone.name + " (unknown: UTC is used)",
                                    zone.name.empty() ? "default" : "$TZ"});
  return settings;
}

} // namespace

void register_config(CLI::App& app, Context& ctx)
{
  auto* noun = add_noun(app, "config", "The settings in effect: each one's value and where it came "
                                       "from (default, config file line, environment, flag)");

  auto output = std::make_shared<ListOutput>();
  auto* show = add_verb(*noun, ctx, "show",
           "Show every setting with its value and origin: default, FILE:LINE, $VARIABLE or --flag",
           Need::nothing, [&ctx, output] {
             std::string format = list_format(ctx, *output);
             std::vector<report::Object> rows;
             for (const auto& [key, setting] : settings_in_effect(ctx)) {
               rows.push_back({{"key", key}, {"value", setting.value}, {"origin", setting.origin}});
             }
             static const std::vector<report::Column> k_columns = {
               {"key", "KEY"}, {"value", "VALUE"}, {"origin", "ORIGIN"}};
             emit_list(ctx, *output, format, k_columns, rows);
           });
  add_list_output(*show, *output);
}

} // namespace phoihop::cli
