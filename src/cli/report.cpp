#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/report_sent.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/report/build.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/store/agreement_store.hpp>

#include <fmt/format.h>

#include <ostream>
#include <sstream>
#include <streambuf>
#include <string_view>
#include <vector>

namespace phoihop::cli {

namespace {

// A stream buffer writing through an AtomicFile in 64 KiB chunks.
class AtomicFileBuffer : public std::streambuf {
public:
  explicit AtomicFileBuffer(io::AtomicFile& file) : m_file(file), m_buffer(1 << 16)
  {
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  }

protected:
  int_type overflow(int_type c) override
  {
    drain();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }

  int sync() override
  {
    drain();
    return 0;
  }

private:
  void drain()
  {
    m_file.write(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
    setp(m_buffer.data(), m_buffer.data() + m_buffer.size());
  }

  io::AtomicFile& m_file;
  std::vector<char> m_buffer;
};

struct ReportOptions {
  std::string period;
  std::string from;
  std::string to;
  std::string agreement;
  std::string each;
  std::string output;
  std::string layout;
  std::string compare;
  bool bom = false;
  RecordOptions record;
};

void run_report(Context& ctx, const CLI::App* verb, const ReportOptions& o, report::View view)
{
  const Issue issue = issue_of(ctx, verb, o.record);
  std::string format = ctx.report_format();
  if (given(verb, "--output")) {
    format = output_format(ctx.flags.format.empty() ? std::string() : format, format, o.output,
                           {"md", "csv", "json"}, "report " + verb->get_name());
  }
  report::RenderOptions render{ctx.lang(), o.bom};
  if (o.bom && format != "csv") {
    throw UsageError("--bom is for CSV output (--format csv)");
  }
  if (given(verb, "--from") != given(verb, "--to")) {
    throw UsageError("a report period needs both --from and --to (or --period)");
  }
  // One table of the sub-periods' totals: the registers have no figures to lay out.
  const bool columns = given(verb, "--layout") &&
                       core::k_report_layout.check(text_arg(o.layout, "--layout"), "--layout") == "columns";
  for (const char* option : {"--layout", "--compare"}) {
    if (given(verb, option) && view != report::View::summary) {
      throw UsageError(fmt::format("{} is for 'report summary' (a register or the attention list has a "
                                   "row per record, no figures to lay out or compare)",
                                   option));
    }
  }
  if (columns && given(verb, "--compare")) {
    throw UsageError("--compare is for the rows layout: --layout columns shows each sub-period's totals alone");
  }
  report::SummaryRequest request;
  request.today = ctx.today();
  if (given(verb, "--each")) {
    request.each = core::parse_step(text_arg(o.each, "--each"));
  }
  if (given(verb, "--compare")) {
    if (o.compare == "previous") {
      request.compare = report::SummaryRequest::Compare::previous;
    } else if (o.compare == "year") {
      request.compare = report::SummaryRequest::Compare::year;
    } else {
      throw core::not_one_of("value", o.compare, "--compare", {"previous", "year"});
    }
  }
  if (given(verb, "--output") && text_arg(o.output, "--output").empty()) {
    throw UsageError("--output is empty");
  }
  std::optional<core::Agreement> agreement;
  if (given(verb, "--agreement")) {
    agreement = store::AgreementStore(ctx.db()).resolve(o.agreement);
    request.agreement_id = agreement->id;
  }
  auto period = period_option(ctx, verb, o.period, o.from, o.to);
  if (!period) {
    // Without a period: the agreement's own term, else the current year.
    period = agreement ? core::Period{agreement->start, agreement->end,
                                      "agreement:" + text_arg(o.agreement, "--agreement")}
                       : core::parse_period("this-year", ctx.today());
  }
  request.period = *period;
  // Build only what the view prints: the CSV summary is counts alone, the
  // registers need no attention list, the meeting and award registers no tasks.
  // The attention list alone needs the task lines and nothing listed.
  using Tasks = report::SummaryRequest::Tasks;
  bool summary = view == report::View::summary;
  bool attention = view == report::View::attention;
  // The columns layout prints the totals alone, as the CSV summary its counts.
  const bool counts_only = summary && (format == "csv" || columns);
  request.tasks = view == report::View::tasks || attention || (summary && !counts_only) ? Tasks::lines
                  : summary                                                             ? Tasks::counts
                                                                                        : Tasks::none;
  request.listings = view != report::View::tasks && !attention && !counts_only;
  request.attention = attention || (summary && !counts_only);
  request.stale_months = ctx.report_stale_months();
  request.due_soon_days = ctx.report_due_soon_days();
  // Written as it is built (one agreement at a time), to stdout or through
  // the atomic file.
  auto write = [&](std::ostream& out) {
    auto sink = columns           ? report::columns_sink(out, format, render)
                : format == "md"  ? report::markdown_sink(out, view, render)
                : format == "csv" ? report::csv_sink(out, view, render)
                                  : report::json_sink(out, view, render);
    report::build_summary(ctx.db(), request, *sink);
  };
  if (issue.record) {
    // Recorded: the bytes whole, kept in the register and then sent where
    // the report goes (the file only once the record is committed).
    std::ostringstream rendered;
    write(rendered);
    SentRequest sent;
    sent.number = *issue.number;
    sent.issued_on = issue.date;
    sent.view = verb->get_name(); // the verb is the view: summary, tasks, …
    sent.period = request.period;
    sent.as_of = request.period.as_of(request.today);
    sent.agreement = agreement ? (agreement->code.empty() ? "#" + std::to_string(agreement->id) : agreement->code) : "";
    sent.format = format;
    sent.lang = render.lang;
    record_sent(ctx, sent, rendered.str(), given(verb, "--output") ? o.output : std::string());
    return;
  }
  if (!given(verb, "--output")) {
    write(ctx.out());
    return;
  }
  // A device or FIFO collects the report and gets it whole at commit().
  io::AtomicFile file(o.output);
  AtomicFileBuffer buffer(file);
  std::ostream out(&buffer);
  write(out);
  out.flush();
  ctx.db().verify_snapshot();
  file.commit();
}

} // namespace

void register_report(CLI::App& app, Context& ctx)
{
  auto* noun = add_noun(app, "report", "Period reports: the summary an office files and the "
                                       "registers behind it (Markdown, CSV, JSON)");
  struct Verb {
    const char* name;
    const char* description;
    report::View view;
  };
  static const Verb k_verbs[] = {
    {"summary", "The period report: per agreement, tasks as they stood at the period's end, "
                "meetings, awards, what needs attention; totals",
     report::View::summary},
    {"tasks", "The task register: each task as it stood at the end of each period",
     report::View::tasks},
    {"meetings", "The meeting register: meetings held in each period", report::View::meetings},
    {"awards", "The award register: recipients of decisions made in each period",
     report::View::awards},
    {"attention", "What needs attention as of each period's end, alone (for cron to mail): overdue, "
                  "stale, due soon, unfinished, and what earlier terms left unresolved",
     report::View::attention},
  };
  for (const auto& v : k_verbs) {
    auto o = std::make_shared<ReportOptions>();
    auto holder = std::make_shared<CLI::App*>(nullptr);
    auto view = v.view;
    auto* verb = add_verb(*noun, ctx, v.name, v.description, Need::read,
                          [&ctx, o, holder, view] { run_report(ctx, *holder, *o, view); });
    *holder = verb;
    verb->add_option("--period", o->period,
                     "The period: 2022, 2018-2022, 2022-Q4, 2022-H1, 2022-12, "
                     "2022-12-01..2023-01-31, last-month, agreement:REF, Quý IV/2022, 9 tháng đầu năm 2023, … "
                     "(default: the agreement's term with --agreement, else this year)")
      ->check(offers(Offer::period));
    verb->add_option("--from", o->from, "First day of the period (with --to)");
    verb->add_option("--to", o->to, "Last day of the period (with --from)");
    verb->add_option("--agreement", o->agreement, "Only this agreement (id or code)")
      ->check(offers(Offer::agreement));
    verb->add_option("--each", o->each, "Split into consecutive sub-periods: year|half|quarter|month")
      ->check(offers(Offer::step));
    verb->add_option("--output", o->output,
                     "Write to FILE atomically (a temporary file renamed over it) instead of stdout")
      ->check(offers(Offer::file));
    verb->add_option("--layout", o->layout,
                     "rows: each agreement's figures (the default); columns: one table of the totals, "
                     "a row per figure and a column per sub-period (report summary only)")
      ->check(offers(core::k_report_layout));
    verb->add_flag("--bom", o->bom, "Start CSV with a UTF-8 byte-order mark (for Excel)");
    verb->add_option("--compare", o->compare,
                     "Show each figure's change from the previous period of the same length (previous) "
                     "or the same period a year earlier (year) (report summary only)")
      ->check(offers({"previous", "year"}));
    add_record_options(*verb, ctx, o->record);
  }
  register_report_sent(*noun, ctx);
}

} // namespace phoihop::cli
