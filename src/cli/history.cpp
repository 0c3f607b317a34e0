#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/store/catalogue.hpp>
#include <phoihop/store/history_store.hpp>

#include <fmt/format.h>

#include <ostream>

namespace phoihop::cli {

namespace {

using report::Object;
using report::Value;

struct HistoryOptions {
  std::string limit = "20";
  std::string entity;
  std::string id;
  bool dry_run = false;
  ListOutput output; // log: --output, --bom
};

// `--entity` names records as the commands do; each is one or more tables.
std::vector<std::string> tables_of(const std::string& entity)
{
  std::vector<std::string_view> names;
  for (const auto& kind : store::record_kinds()) {
    if (kind.name == entity) {
      return {kind.tables.begin(), kind.tables.end()};
    }
    names.push_back(kind.name);
  }
  throw core::not_one_of("entity", entity, "--entity", names);
}

std::vector<std::string_view> entity_names()
{
  std::vector<std::string_view> names;
  for (const auto& kind : store::record_kinds()) {
    names.push_back(kind.name);
  }
  return names;
}

const std::vector<report::Column>& log_columns()
{
  static const std::vector<report::Column> k_columns = {
    {"invocation", "#"},      {"at", "WHEN"},       {"command", "COMMAND"},
    {"undo_of", "UNDO OF", false}, {"undone_by", "UNDONE BY", false},
    {"table", "RECORD"},      {"row_id", "ID"},     {"op", "CHANGE"},
    {"before", "BEFORE", false}, {"after", "AFTER", false},
  };
  return k_columns;
}

Value optional_id(const std::optional<core::Id>& id)
{
  return id ? Value(*id) : Value();
}

void show_log(Context& ctx, const HistoryOptions& o, const CLI::App* verb)
{
  std::string format = list_format(ctx, o.output);
  store::HistoryFilter filter;
  std::string limit = text_arg(o.limit, "--limit");
  if (limit.empty() || limit.size() > 6 || limit.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(limit) == 0) {
    throw UsageError(fmt::format("invalid number {} for --limit (expected a whole number above 0)",
                                 quote_arg(limit)));
  }
  filter.limit = std::stoi(limit);
  if (given(verb, "--entity")) {
    filter.tables = tables_of(o.entity);
  }
  if (given(verb, "--id")) {
    if (!given(verb, "--entity")) {
      throw UsageError("--id needs --entity (ids are per kind of record)");
    }
    filter.row_id = id_arg(o.id, "--id");
  }
  std::vector<Object> rows;
  for (const auto& i : store::HistoryStore(ctx.db()).list(filter)) {
    for (const auto& c : i.changes) {
      rows.push_back(Object{{"invocation", i.id},
                            {"at", i.at},
                            {"command", i.command},
                            {"undo_of", optional_id(i.undo_of)},
                            {"undone_by", optional_id(i.undone_by)},
                            {"table", c.table},
                            {"row_id", c.row_id},
                            {"op", c.op},
                            {"before", report::text_or_null(c.before)},
                            {"after", report::text_or_null(c.after)}});
    }
  }
  emit_list(ctx, o.output, format, log_columns(), rows);
}

void run_undo(Context& ctx, const HistoryOptions& o)
{
  store::HistoryStore history(ctx.db());
  auto target = history.last_undoable();
  if (!target) {
    throw NotFound("nothing to undo: no recorded change is left to revert");
  }
  history.undo(*target);
  ctx.out() << target->id << '\n';
  if (o.dry_run) {
    ctx.db().rollback();
    ctx.talk(fmt::format("dry run: would undo #{} ({}, {} change{}); nothing was changed", target->id,
                         target->command, target->changes.size(),
                         target->changes.size() == 1 ? "" : "s"));
  } else {
    ctx.talk(fmt::format("undid #{} ({}, {} change{})", target->id, target->command,
                         target->changes.size(), target->changes.size() == 1 ? "" : "s"));
  }
}

} // namespace

void register_history(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<HistoryOptions>();
  auto holder = std::make_shared<CLI::App*>(nullptr);
  auto* log = app.add_subcommand("log", "Show the recorded changes, newest invocation first: when, "
                                        "the command line, each record before and after");
  log->parse_complete_callback([&ctx, o, holder] {
    ctx.action = Action{"log", Need::read, [&ctx, o, holder] { show_log(ctx, *o, *holder); }};
  });
  *holder = log;
  log->add_option("--limit", o->limit, "How many invocations (default 20)");
  log->add_option("--entity", o->entity, "Only changes to org|agreement|task|meeting|award|sent (sent reports) records")
    ->check(offers(entity_names()));
  log->add_option("--id", o->id, "Only changes to the record with this id (with --entity)");
  add_list_output(*log, o->output);

  auto* undo = app.add_subcommand("undo", "Revert the last invocation that changed something, as a "
                                          "whole (a batch is one); print its number");
  undo->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"undo", Need::write, [&ctx, o] { run_undo(ctx, *o); }};
  });
  undo->add_flag("--dry-run", o->dry_run, "Check and show what would be reverted, change nothing");
}

} // namespace phoihop::cli
