#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/report/output.hpp>

namespace phoihop::cli {

void register_config(CLI::App& app, Context& ctx)
{
  auto* noun = add_noun(app, "config", "The settings in effect: each one's value and where it came "
                                       "from (default, config file line, environment, flag)");

  add_verb(*noun, ctx, "show",
           "Show every setting with its value and origin: default, FILE:LINE, $VARIABLE or --flag",
           Need::nothing, [&ctx] {
             std::string format = ctx.list_format();
             std::vector<report::Object> rows;
             for (const auto& [key, setting] : ctx.settings()) {
               rows.push_back({{"key", key}, {"value", setting.value}, {"origin", setting.origin}});
             }
             static const std::vector<report::Column> k_columns = {
               {"key", "KEY"}, {"value", "VALUE"}, {"origin", "ORIGIN"}};
             report::render_list(ctx.out(), format, k_columns, rows, ctx.style());
           });
}

} // namespace phoihop::cli
