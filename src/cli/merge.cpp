#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/import.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/exchange/export.hpp>
#include <phoihop/exchange/import.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/sent_store.hpp>
#include <phoihop/store/untrusted.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <memory>

namespace phoihop::cli {

namespace {

using exchange::MergePolicy;

struct MergeOptions {
  std::string file;
  std::string prefer;
  bool dry_run = false;
};

void run_merge(Context& ctx, const MergeOptions& o)
{
  if (o.dry_run && ctx.in_batch()) {
    // Its rollback would end the batch's one transaction.
    throw UsageError("--dry-run is for the whole batch: run 'batch --dry-run'");
  }
  MergePolicy policy = MergePolicy::report;
  if (o.prefer == "ours") {
    policy = MergePolicy::ours;
  } else if (o.prefer == "theirs") {
    policy = MergePolicy::theirs;
  } else if (!o.prefer.empty()) {
    throw core::not_one_of("value", o.prefer, "--prefer", {"ours", "theirs"});
  }
  std::error_code ec;
  if (std::filesystem::equivalent(o.file, ctx.db_path(), ec)) {
    throw UsageError(fmt::format("cannot merge {} into itself", quote_arg(o.file)));
  }
  // The other office's file is never created, migrated or changed, nor
  // trusted: it is read from a checked private copy, under limits
  // (store/untrusted.hpp). Its errors name it, not ours: they are about it.
  // Theirs is read whole, and the copy removed, before ours is opened and
  // write-locked.
  io::Node theirs;
  std::vector<store::SentCopy> their_sent;
  store::open_untrusted(o.file, ctx.untrusted_limits())->read([&](store::Database& other) {
    theirs = exchange::export_document(other);
    their_sent = store::SentStore(other).copies();
  });
  exchange::MergeResult result =
    exchange::merge_document(ctx.db(), theirs, o.file, policy, import_settings(ctx));
  // The register of sent reports is not in the document (it holds bytes):
  // it is carried on its own, and what was sent is never replaced.
  exchange::MergeResult sent = exchange::merge_sent(ctx.db(), their_sent, o.file, policy);
  result.added += sent.added;
  result.identical += sent.identical;
  result.settled += sent.settled;
  result.conflicts.insert(result.conflicts.end(), sent.conflicts.begin(), sent.conflicts.end());
  if (!result.conflicts.empty()) {
    throw Conflict(fmt::format("{} conflicting field{} with {}; nothing was changed (settle them with --prefer "
                               "ours|theirs):\n  {}",
                               result.conflicts.size(), result.conflicts.size() == 1 ? "" : "s",
                               quote_arg(o.file), fmt::join(result.conflicts, "\n  ")));
  }
  std::string settled = policy == MergePolicy::ours ? "kept ours" : "took theirs";
  std::string summary = fmt::format("merge: {} added, {} identical, {} conflict{} settled ({})", result.added,
                                    result.identical, result.settled, result.settled == 1 ? "" : "s",
                                    policy == MergePolicy::report ? "none to settle" : settled);
  if (o.dry_run) {
    ctx.db().rollback();
    ctx.talk(fmt::format("dry run: {}; nothing was changed", summary));
  } else {
    ctx.talk(summary);
  }
  if (policy == MergePolicy::theirs && sent.settled > 0) {
    ctx.talk(fmt::format("{} sent report{} kept as ours: a report that was sent is never replaced", sent.settled,
                         sent.settled == 1 ? "" : "s"));
  }
}

} // namespace

void register_merge(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<MergeOptions>();
  auto* cmd = app.add_subcommand(
    "merge", "Bring another phoihop database in: records matched by uid (organisations also by name), new ones "
             "added, identical ones skipped, differing ones reported as conflicts");
  cmd->parse_complete_callback([&ctx, o] {
    ctx.action = Action{"merge", Need::write, [&ctx, o] { run_merge(ctx, *o); }};
  });
  cmd->add_option("OTHER_DB", o->file, "The other database file (opened read-only, never changed)")
    ->check(offers(Offer::file))
    ->required()
    ->check(non_empty);
  cmd->add_option("--prefer", o->prefer, "Settle conflicts: ours|theirs (default: list them and change nothing)")
    ->check(offers({"ours", "theirs"}));
  cmd->add_flag("--dry-run", o->dry_run, "Check and show what would be merged, then roll back");
}

} // namespace phoihop::cli
