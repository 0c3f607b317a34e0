#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/report/build.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/store/agreement_store.hpp>

#include <fmt/format.h>

#include <ostream>
#include <sstream>

namespace phoihop::cli {

namespace {

struct ReportOptions {
  std::string period;
  std::string from;
  std::string to;
  std::string agreement;
  std::string each;
  std::string output;
  bool bom = false;
};

void run_report(Context& ctx, const CLI::App* verb, const ReportOptions& o, report::View view)
{
  std::string format = ctx.report_format();
  report::RenderOptions render{ctx.lang(), o.bom};
  if (o.bom && format != "csv") {
    throw UsageError("--bom is for CSV output (--format csv)");
  }
  if (given(verb, "--from") != given(verb, "--to")) {
    throw UsageError("a report period needs both --from and --to (or --period)");
  }
  report::SummaryRequest request;
  request.today = ctx.today();
  if (given(verb, "--each")) {
    request.each = core::parse_step(text_arg(o.each, "--each"));
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
  auto summary = report::build_summary(ctx.db(), request);
  std::ostringstream text;
  if (format == "md") {
    report::render_markdown(text, summary, view, render);
  } else if (format == "csv") {
    report::render_csv(text, summary, view, render);
  } else {
    report::render_json(text, summary, view, render);
  }
  if (given(verb, "--output")) {
    io::write_atomically(o.output, text.str());
  } else {
    ctx.out() << text.str();
  }
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
                     "2022-12-01..2023-01-31, last-month, agreement:REF, Quý IV/2022, … "
                     "(default: the agreement's term with --agreement, else this year)");
    verb->add_option("--from", o->from, "First day of the period (with --to)");
    verb->add_option("--to", o->to, "Last day of the period (with --from)");
    verb->add_option("--agreement", o->agreement, "Only this agreement (id or code)");
    verb->add_option("--each", o->each, "Split into consecutive sub-periods: year|half|quarter|month");
    verb->add_option("--output", o->output,
                     "Write to FILE atomically (a temporary file renamed over it) instead of stdout");
    verb->add_flag("--bom", o->bom, "Start CSV with a UTF-8 byte-order mark (for Excel)");
  }
}

} // namespace phoihop::cli
