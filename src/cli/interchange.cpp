#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/exchange/export.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/store/sent_store.hpp>

#include <fmt/format.h>

#include <memory>
#include <string>

// The `export` verb: its options and where the document goes. The document
// itself is built by src/exchange/export.cpp.
namespace phoihop::cli {

namespace {

struct ExportOptions {
  std::string format;
  std::string agreement;
  std::string output;
};

void run_export(Context& ctx, const ExportOptions& o)
{
  if (!o.format.empty() && o.format != "toml" && o.format != "json") {
    throw core::not_one_of("format", o.format, "export --format", {"toml", "json"});
  }
  std::string format = o.format.empty() ? "toml" : o.format;
  if (!o.output.empty()) {
    format = output_format(o.format, format, o.output, {"toml", "json"}, "export");
  }
  std::string text = io::write_document(exchange::export_document(ctx.db(), o.agreement), format);
  if (o.output.empty()) {
    ctx.out() << text;
  } else {
    ctx.db().verify_snapshot();
    io::write_atomically(o.output, text);
  }
  // The register of sent reports is an archive of bytes, not records to
  // import again: left out, and said so, so nobody takes the file for all of it.
  if (auto sent = store::SentStore(ctx.db()).list().size(); sent > 0) {
    ctx.talk(fmt::format("the register of sent reports ({} report{}) is not exported: 'db backup' and 'merge' "
                         "carry it",
                         sent, sent == 1 ? "" : "s"));
  }
}

} // namespace

void register_export(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<ExportOptions>();
  auto* cmd = app.add_subcommand(
    "export", "Write the whole database, or one agreement with everything it names, as one TOML or JSON "
              "document that import reads back");
  cmd->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"export", Need::read, [&ctx, o] { run_export(ctx, *o); }};
  });
  cmd->add_option("--format", o->format, "toml|json (default: toml)")
    ->check(offers({"toml", "json"}));
  cmd->add_option("--agreement", o->agreement, "Only this agreement (id or code) and what hangs off it")
    ->check(offers(Offer::agreement))
    ->check(non_empty);
  cmd->add_option("--output", o->output, "Write to this file (atomically) instead of standard output")
    ->check(offers(Offer::file))
    ->check(non_empty);
}

} // namespace phoihop::cli
