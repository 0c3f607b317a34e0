#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/import.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/exchange/import.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/io/input.hpp>

#include <fmt/format.h>

#include <unistd.h>

#include <filesystem>

namespace phoihop::cli {

namespace {

std::string format_of(const ImportOptions& o)
{
  if (!o.format.empty()) {
    if (o.format != "toml" && o.format != "json" && o.format != "csv") {
      throw core::not_one_of("format", o.format, "--format", {"toml", "json", "csv"});
    }
    return o.format;
  }
  std::string ext = core::fold(std::filesystem::path(o.file).extension().string());
  if (ext == ".toml" || ext == ".json" || ext == ".csv") {
    return ext.substr(1);
  }
  throw UsageError(fmt::format("cannot tell the format of {} from its name: give --format toml, json "
                               "or csv",
                               quote_arg(o.file)));
}

// An export document (TOML or JSON) read back, keyed on uid (src/exchange/import.cpp).
void run_document_import(Context& ctx, const ImportOptions& options)
{
  std::string format = options.format;
  if (format.empty()) {
    format = core::fold(options.file.substr(options.file.rfind('.') + 1));
  }
  std::string name = options.file == "-" ? "<stdin>" : options.file;
  const io::DocumentLimits limits = ctx.document_limits();
  io::Node root = io::parse_document(io::read_input(options.file, {}, import_size_limit(ctx)), format, name, limits);
  auto counts = exchange::import_document(ctx.db(), root, name, import_settings(ctx));
  ctx.talk(fmt::format("import: {} inserted, {} updated, {} unchanged", counts.inserted, counts.updated,
                       counts.unchanged));
}

} // namespace

io::SizeLimit import_size_limit(Context& ctx)
{
  return io::SizeLimit{ctx.document_limits().max_size, "import.max_size"};
}

exchange::ImportSettings import_settings(Context& ctx)
{
  // Long work shows where it is, on a terminal only (cron logs stay clean).
  bool progress = ::isatty(STDERR_FILENO) == 1 && !ctx.flags.quiet;
  return exchange::ImportSettings{ctx.today(), progress ? &ctx.err : nullptr};
}

void register_import(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ImportOptions>();
  auto* cmd = app.add_subcommand(
    "import", "Read an export (TOML or JSON, keyed on uid: importing twice changes nothing) or a "
              "spreadsheet list (CSV) into the database, in one transaction");
  cmd->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"import", Need::write, [&ctx, o] {
                          if (o->dry_run && ctx.in_batch()) {
                            // Its rollback would end the batch's one transaction.
                            throw UsageError("--dry-run is for the whole batch: run 'batch --dry-run'");
                          }
                          std::string format = format_of(*o);
                          if (format == "csv") {
                            run_csv_import(ctx, *o);
                          } else {
                            if (!o->kind.empty() || !o->agreement.empty() || !o->map.empty() ||
                                !o->delimiter.empty() || o->skip_unknown) {
                              throw UsageError("--kind, --agreement, --map, --delimiter and "
                                               "--skip-unknown are for CSV files");
                            }
                            run_document_import(ctx, *o);
                          }
                          if (o->dry_run) {
                            ctx.db().rollback();
                            ctx.talk("dry run: nothing was changed");
                          }
                        }};
  });
  cmd->add_option("FILE", o->file, "The file to read (- for stdin needs --format)")
    ->check(offers(Offer::file))->required()->check(non_empty);
  cmd->add_option("--format", o->format, "toml|json|csv (default: from the file's extension)")
    ->check(offers({"toml", "json", "csv"}));
  cmd->add_option("--kind", o->kind, "CSV: what each row is: task|award|org")
    ->check(offers({"task", "award", "org"}));
  cmd->add_option("--agreement", o->agreement, "CSV tasks and awards: the agreement rows belong to "
                                               "when they have no agreement column")
    ->check(offers(Offer::agreement));
  cmd->add_option("--map", o->map, "CSV: map a spreadsheet header to a field, e.g. "
                                   "\"Tên nhiệm vụ=title\" (repeat)")
    ->allow_extra_args(false);
  cmd->add_option("--delimiter", o->delimiter, "CSV: the separator, one character (default ,)");
  cmd->add_flag("--skip-unknown", o->skip_unknown, "CSV: ignore columns that match no field");
  cmd->add_flag("--dry-run", o->dry_run, "Read and check everything, then roll back");
}

} // namespace phoihop::cli
