#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/report_sent.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/sent.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/store/sent_store.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>
#include <unistd.h>

namespace phoihop::cli {

namespace {

using report::Object;
using report::Value;

// The command that gives a recorded report back, as a hint in messages.
std::string show_command(const core::SentReport& sent)
{
  return fmt::format("phoihop report sent show {} --year {}", sent.number_text(), sent.issued_on.year);
}

int year_arg(const std::string& text)
{
  bool digits = text.size() == 4 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || text == "0000") {
    throw UsageError(fmt::format("invalid year {} for --year (expected four digits, e.g. 2024)", quote_arg(text)));
  }
  return std::stoi(text);
}

const std::vector<report::Column>& sent_columns()
{
  // The sha256 is in CSV, TSV and JSON; a table keeps to what fits a terminal.
  static const std::vector<report::Column> k_columns = {
    {"number", "NUMBER"},       {"issued_on", "ISSUED", true, report::ColumnKind::date}, {"view", "VIEW"},
    {"period", "PERIOD"},       {"as_of", "AS OF", true, report::ColumnKind::date},      {"agreement", "AGREEMENT"},
    {"format", "FORMAT"},       {"lang", "LANG"},        {"size", "SIZE"},
    {"sha256", "SHA256", false}, {"recipients", "RECIPIENTS"},
  };
  return k_columns;
}

Object sent_record(const core::SentReport& r)
{
  report::Array recipients;
  for (const auto& name : r.recipients) {
    recipients.emplace_back(name);
  }
  return Object{{"number", r.number_text()},
                {"issued_on", r.issued_on.iso()},
                {"view", r.view},
                {"period", r.period},
                {"as_of", r.as_of.iso()},
                {"agreement", report::text_or_null(r.agreement)},
                {"format", r.format},
                {"lang", r.lang},
                {"size", static_cast<long long>(r.size)},
                {"sha256", r.sha256},
                {"recipients", Value(std::move(recipients))},
                {"symbol", report::text_or_null(r.symbol)},
                {"year", r.issued_on.year},
                {"period_start", r.period_start.iso()},
                {"period_end", r.period_end.iso()},
                {"recorded_at", r.created_at},
                {"uid", r.uid}};
}

struct SentOptions {
  std::string period;
  std::string from;
  std::string to;
  std::string number;
  std::string year;
  ListOutput list_output; // list: --output, --bom
  ListOutput show_output; // show: the bytes, or with --info the details
  bool info = false;
  CLI::App* list = nullptr;
  CLI::App* show = nullptr;
};

void run_sent_list(Context& ctx, const SentOptions& o)
{
  std::string format = list_format(ctx, o.list_output);
  store::SentFilter filter;
  if (auto period = period_option(ctx, o.list, o.period, o.from, o.to)) {
    filter.from = period->first;
    filter.to = period->last;
  }
  std::vector<Object> rows;
  for (const auto& sent : store::SentStore(ctx.db()).list(filter)) {
    rows.push_back(sent_record(sent));
  }
  emit_list(ctx, o.list_output, format, sent_columns(), rows);
}

void run_sent_show(Context& ctx, const SentOptions& o)
{
  std::string typed = text_arg(o.number, "NUMBER");
  auto number = core::parse_document_number(typed);
  if (!number) {
    throw UsageError(fmt::format("invalid number {} (expected the number as printed, e.g. 16/BC-UBND, or 16)",
                                 quote_arg(typed)));
  }
  std::optional<int> year;
  if (given(o.show, "--year")) {
    year = year_arg(o.year);
  }
  const std::string& output = o.show_output.file;
  bool to_file = given(o.show, "--output");
  if (to_file && text_arg(output, "--output").empty()) {
    throw UsageError("--output is empty");
  }
  if (!o.info && o.show_output.bom) {
    throw UsageError("--bom is for the details as CSV (--info): show gives back the bytes as they were sent");
  }
  std::string format = o.info ? list_format(ctx, o.show_output) : std::string();
  store::SentStore reports(ctx.db());
  auto sent = reports.resolve(*number, year);
  if (o.info) {
    emit_show(ctx, o.show_output, format, sent_record(sent));
    return;
  }
  // The bytes as they were sent: another --format cannot be had of them.
  if (!ctx.flags.format.empty() && ctx.flags.format != sent.format) {
    throw UsageError(fmt::format("{} was sent as {}; show gives back the bytes sent (--info for its details "
                                 "as --format {})",
                                 sent.described(), sent.format, ctx.flags.format));
  }
  if (to_file) {
    output_format({}, sent.format, output, {sent.format}, "a copy of " + sent.described());
  }
  if (core::is_binary_format(sent.format) && (to_file ? is_terminal(output) : ::isatty(STDOUT_FILENO) == 1)) {
    throw UsageError(fmt::format("{} is a {} file, not text for a terminal: give --output FILE or redirect "
                                 "standard output",
                                 sent.described(), sent.format));
  }
  std::string bytes = reports.bytes(sent);
  if (!to_file) {
    ctx.out() << bytes;
    return;
  }
  io::AtomicFile file(output);
  file.write(bytes);
  ctx.db().verify_snapshot();
  file.commit();
}

} // namespace

void add_record_options(CLI::App& verb, Context& ctx, RecordOptions& options)
{
  verb.add_flag("--record", options.record,
                "Keep what is written in the register of sent reports, under --number (see 'report sent')");
  verb.add_option("--number", options.number,
                  "The document's number in the office's outgoing register: --number 15 prints Số: 15/SYMBOL "
                  "(.docx); --record needs it")
    ->option_text("N");
  verb.add_option("--date-issued", options.date_issued,
                  "The day the document is issued, on its date line (.docx) and in the register (--record; "
                  "default: today)");
  // --record turns the report into a write, decided once the line is parsed:
  // its stdout is then held until the record commits, as every write's is.
  verb.callback([&ctx, &options] {
    if (options.record && ctx.action) {
      ctx.action->need = Need::write;
    }
  });
}

Issue issue_of(Context& ctx, const CLI::App* verb, const RecordOptions& options)
{
  Issue issue;
  issue.record = options.record;
  if (given(verb, "--number")) {
    std::string text = text_arg(options.number, "--number");
    auto number = core::parse_document_number(text);
    if (number && number->symbol) {
      throw UsageError(fmt::format("--number {} is the number with its symbol: give the number alone (--number {}) "
                                   "and the symbol with --symbol or office.symbol",
                                   quote_arg(text), number->number));
    }
    if (!number) {
      throw UsageError(fmt::format("invalid --number {} (expected the document's number in the outgoing "
                                   "register, a whole number from 1 to {})",
                                   quote_arg(text), core::k_max_document_number));
    }
    issue.number = number->number;
  }
  issue.date = given(verb, "--date-issued")
                 ? required_date(ctx, text_arg(options.date_issued, "--date-issued"), "--date-issued")
                 : ctx.today();
  // What was sent has been sent: a register entry is never dated ahead.
  if (issue.record && ctx.today() < issue.date) {
    throw UsageError(fmt::format("--date-issued {} is after today ({}): a report is recorded as it is sent",
                                 issue.date.iso(), ctx.today().iso()));
  }
  if (issue.record && !issue.number) {
    throw UsageError("--record needs --number N: the number the office's outgoing register gives the document "
                     "(phoihop never makes one up)");
  }
  // A write would create a missing database; a report of records that are
  // not there is nothing to keep, and a mistyped path would pass unnoticed.
  if (issue.record && !ctx.in_batch() && !std::filesystem::exists(ctx.db_path())) {
    throw StoreError(fmt::format("database '{}' does not exist (create it with 'phoihop db init', or give another "
                                 "with --db)",
                                 ctx.db_path()));
  }
  return issue;
}

void record_sent(Context& ctx, const SentRequest& request, std::string_view bytes, const std::string& output)
{
  core::SentReport sent;
  sent.number = request.number;
  sent.symbol = request.symbol;
  sent.issued_on = request.issued_on;
  sent.recipients = request.recipients;
  sent.view = request.view;
  sent.period = request.period.label;
  sent.period_start = request.period.first;
  sent.period_end = request.period.last;
  sent.as_of = request.as_of;
  sent.agreement = request.agreement;
  sent.format = request.format;
  sent.lang = request.lang;
  // A report of records that were not there (an empty file made a database
  // by this very run, or a batch's mistyped --db) is nothing to keep.
  if (ctx.db().created()) {
    throw StoreError(fmt::format("database '{}' held no records before this report (it is new or was empty): "
                                 "nothing to record",
                                 ctx.db_path()));
  }
  store::SentStore(ctx.db()).insert(sent, bytes);
  ctx.talk(fmt::format("recorded {}: report {} {}, as of {}, {}, {} bytes", sent.described(), sent.view, sent.period,
                       sent.as_of.iso(), sent.format, sent.size));
  if (output.empty()) {
    ctx.out() << bytes; // held by the runner until the record commits
    return;
  }
  // Written now, so a full disk refuses the record too; put in place only
  // once the record is committed (Context::after_commit).
  auto file = std::make_shared<io::AtomicFile>(output);
  file->write(bytes);
  ctx.after_commit([file, sent, output] {
    try {
      file->commit();
    } catch (const Error& e) {
      throw Error(e.status(), fmt::format("{}; {} is recorded: {} --output {} writes it", e.what(),
                                          sent.described(), show_command(sent), quote_arg(output)));
    }
  });
}

void register_report_sent(CLI::App& report, Context& ctx)
{
  auto* noun = add_noun(report, "sent", "The register of sent reports: what 'report … --record' kept, "
                                        "listed, and given back byte for byte");
  auto o = std::make_shared<SentOptions>();
  o->list = add_verb(*noun, ctx, "list", "List the sent reports by date of issue: number as printed, period, "
                                         "format, size, sha256, recipients",
                     Need::read, [&ctx, o] { run_sent_list(ctx, *o); });
  o->list->add_option("--period", o->period, "Only reports issued in this period (2024, 2024-01, 2024-Q1, …)")
    ->check(offers(Offer::period));
  o->list->add_option("--from", o->from, "Only reports issued on or after DATE");
  o->list->add_option("--to", o->to, "Only reports issued on or before DATE");
  add_list_output(*o->list, o->list_output);

  o->show = add_verb(*noun, ctx, "show",
                     "Give back the exact bytes a sent report was, on stdout or to --output FILE",
                     Need::read, [&ctx, o] { run_sent_show(ctx, *o); });
  o->show->add_option("NUMBER", o->number, "The number as printed (16/BC-UBND), or the number alone (16)")
    ->check(offers(Offer::sent))
    ->required();
  o->show->add_option("--year", o->year, "The year of issue, when the number was used in several years")
    ->option_text("YYYY");
  add_list_output(*o->show, o->show_output,
                  "Write to FILE atomically instead of stdout: the bytes sent, or with --info the details in "
                  "the format its extension names (.csv, .tsv, .json)");
  o->show->add_flag("--info", o->info, "Print the record's details (list formats) instead of the bytes");
}

} // namespace phoihop::cli
