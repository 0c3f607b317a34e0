#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/maintenance.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>

namespace phoihop::cli {

void register_db(CLI::App& app, Context& ctx)
{
  auto* noun = add_noun(app, "db", "The database file itself: init, info, check, backup, restore, migrate");

  add_verb(*noun, ctx, "init", "Create the database (or upgrade it) and print its path",
           Need::write, [&ctx] {
             ctx.out() << ctx.db().path() << '\n';
             ctx.talk(fmt::format("{} database at schema version {}",
                                  ctx.db().created() ? "created" : "opened",
                                  ctx.db().schema_version()));
           });

  add_verb(*noun, ctx, "migrate",
           "Upgrade an existing database to this version's schema (writes make it implicitly)",
           Need::nothing, [&ctx] {
             std::string path = ctx.db_path();
             if (std::filesystem::exists(path) && !std::filesystem::is_directory(path) &&
                 std::filesystem::file_size(path) == 0) {
               throw StoreError(fmt::format("'{}' is empty, not a phoihop database (create one "
                                            "with 'phoihop db init')",
                                            path));
             }
             if (!std::filesystem::exists(path)) {
               throw StoreError(fmt::format("database '{}' does not exist (create it with "
                                            "'phoihop db init')",
                                            path));
             }
             ctx.set_need(Need::write);
             ctx.talk(fmt::format("database '{}' is at schema version {}", path,
                                  ctx.db().schema_version()));
           });

  auto info_output = std::make_shared<ListOutput>();
  auto* info_verb = add_verb(*noun, ctx, "info", "Show the database path, schema version, size and record counts",
           Need::read, [&ctx, info_output] {
             std::string format = list_format(ctx, *info_output);
             auto info = store::database_info(ctx.db());
             report::Object record{
               {"path", ctx.db().path()},
               {"schema_version", info.schema_version},
               {"latest_schema_version", store::latest_schema_version()},
               {"journal_mode", info.journal_mode},
               {"size_bytes", info.size_bytes},
             };
             for (const auto& [table, count] : info.counts) {
               record.push_back({table, count});
             }
             emit_show(ctx, *info_output, format, record);
           });
  add_list_output(*info_verb, *info_output);

  auto rules_output = std::make_shared<ListOutput>();
  auto* rules = add_verb(*noun, ctx, "rules",
           "List the rules every stored record must satisfy: every write checks them, db check too",
           Need::nothing, [&ctx, rules_output] {
             std::string format = list_format(ctx, *rules_output);
             std::vector<report::Object> rows;
             for (const auto& rule : store::invariants()) {
               rows.push_back({{"rule", rule.name},
                               {"table", rule.table},
                               {"column", rule.column.empty() ? report::Value() : report::Value(rule.column)},
                               {"exit", static_cast<long long>(rule.status)}});
             }
             emit_list(ctx, *rules_output, format,
                       {{"rule", "RULE"}, {"table", "TABLE"}, {"column", "COLUMN"}, {"exit", "EXIT"}}, rows);
           });
  add_list_output(*rules, *rules_output);

  auto check_output = std::make_shared<ListOutput>();
  auto* check = add_verb(*noun, ctx, "check",
           "Check the file's integrity, its foreign keys, its schema and phoihop's own rules",
           Need::read, [&ctx, check_output] {
             std::string format = list_format(ctx, *check_output);
             const std::vector<report::Column> columns{
               {"check", "CHECK"}, {"table", "TABLE"}, {"row", "ROW"}, {"problem", "PROBLEM"}};
             auto problems = store::check_database(ctx.db());
             if (problems.empty()) {
               // A format for programs says "none" (JSON [], CSV and TSV their
               // header, a workbook its header row), on stdout as in a file;
               // a table on a terminal says nothing but the note.
               if (format != "table" || given(check_output->output)) {
                 emit_list(ctx, *check_output, format, columns, {});
               }
               ctx.talk(fmt::format("database '{}' passed every check", ctx.db().path()));
               return;
             }
             std::vector<report::Object> rows;
             for (const auto& p : problems) {
               report::Object row{{"check", p.check}, {"table", p.table}};
               row.push_back({"row", p.row == 0 ? report::Value() : report::Value(p.row)});
               row.push_back({"problem", p.detail});
               rows.push_back(std::move(row));
             }
             emit_list(ctx, *check_output, format, columns, rows);
             ctx.out().flush();
             throw StoreError(fmt::format("database '{}' failed {} check{} (listed on standard output)",
                                          ctx.db().path(), problems.size(), problems.size() == 1 ? "" : "s"));
           });

  add_list_output(*check, *check_output);

  auto file = std::make_shared<std::string>();
  auto* backup = add_verb(*noun, ctx, "backup",
                          "Copy the database to FILE, consistently, while others go on writing",
                          Need::read, [&ctx, file] {
                            auto size = store::backup_database(ctx.db(), *file);
                            ctx.talk(fmt::format("backed up '{}' to '{}' ({} bytes)", ctx.db().path(),
                                                 *file, size));
                          });
  backup->add_option("FILE", *file, "The backup to write (replaced atomically if it exists)")
    ->check(offers(Offer::file))
    ->required()
    ->check(non_empty);

  auto source = std::make_shared<std::string>();
  auto* restore = add_verb(*noun, ctx, "restore",
                           "Put the backup FILE in place of the database, safely while others use it",
                           Need::nothing, [&ctx, source] {
                             store::OpenOptions options{ctx.db_path(), store::Access::write,
                                                        ctx.busy_timeout_ms(), ctx.command_line};
                             auto pages = store::restore_database(options, *source, ctx.untrusted_limits());
                             ctx.talk(fmt::format("restored '{}' from '{}' ({} pages)", options.path, *source,
                                                  pages));
                           });
  restore->add_option("FILE", *source, "The backup to restore (a phoihop database; never changed)")
    ->check(offers(Offer::file))
    ->required()
    ->check(non_empty);
}

} // namespace phoihop::cli
