#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>
#include <phoihop/cli/report_sent.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/atomic_file.hpp>
#include <phoihop/io/config.hpp>
#include <phoihop/io/input.hpp>
#include <phoihop/report/build.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/store/agreement_store.hpp>

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ostream>
#include <sstream>
#include <streambuf>
#include <string_view>
#include <vector>

namespace phoihop::cli {

namespace {

// Columns of a progress bar on a terminal: "████████░░ 80%".
constexpr int k_terminal_bar_width = 10;

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
  // The filed document (.docx): the office profile's keys for this report
  // and the narrative sections' files. Its number and day are RecordOptions',
  // which a recorded report of any format takes.
  std::string body;
  std::string parent;
  std::string place;
  std::string symbol;
  std::string signer;
  std::string position;
  std::vector<std::string> capacity;
  std::vector<std::string> recipients;
  std::string subject;
  std::string assessment;
  std::string shortcomings;
  std::string direction;
  std::string recommendations;
  RecordOptions record;
};

using report::Filing;

// The options of the filed document, each beside the [office] or
// [narrative] key it overrides (phoihop.toml(5)); one table for the
// registration, the check that they go with a .docx, and the filing.
struct FilingOption {
  const char* name;
  std::string ReportOptions::*text;          // one of these two
  std::vector<std::string> ReportOptions::*list;
  io::Setting io::Config::*setting;          // the config key it overrides; null: none
  std::string Filing::*field;                // where a text goes
  std::vector<std::string> Filing::*items;   // where a list goes
  const char* help;
  bool narrative = false;                    // the value is a file to read
};

const std::vector<FilingOption>& filing_options()
{
  static const std::vector<FilingOption> k_options = {
    {"--body", &ReportOptions::body, nullptr, &io::Config::office_body, &Filing::body, nullptr,
     "The issuing body, as printed (overrides office.body)"},
    {"--parent", &ReportOptions::parent, nullptr, &io::Config::office_parent, &Filing::parent, nullptr,
     "Its parent body, printed above it (overrides office.parent)"},
    {"--place", &ReportOptions::place, nullptr, &io::Config::office_place, &Filing::place, nullptr,
     "The place of the date line (overrides office.place)"},
    {"--symbol", &ReportOptions::symbol, nullptr, &io::Config::office_symbol, &Filing::symbol, nullptr,
     "The symbol after the number: BC-UBND (overrides office.symbol)"},
    {"--signer", &ReportOptions::signer, nullptr, &io::Config::office_signer, &Filing::signer, nullptr,
     "Who signs (overrides office.signer)"},
    {"--position", &ReportOptions::position, nullptr, &io::Config::office_position, &Filing::position, nullptr,
     "The signer's position (overrides office.position)"},
    {"--capacity", nullptr, &ReportOptions::capacity, &io::Config::office_capacity, nullptr, &Filing::capacity,
     "A line of the capacity signed in, e.g. \"TM. ỦY BAN NHÂN DÂN\" then \"KT. CHỦ TỊCH\" (repeat; "
     "overrides office.capacity)"},
    {"--recipient", nullptr, &ReportOptions::recipients, &io::Config::office_recipients, nullptr, &Filing::recipients,
     "A recipient under Nơi nhận (repeat; overrides office.recipients)"},
    {"--subject", &ReportOptions::subject, nullptr, nullptr, &Filing::subject, nullptr,
     "The summary line under BÁO CÁO (default: said from the agreement and the period)"},
    {"--assessment", &ReportOptions::assessment, nullptr, &io::Config::narrative_assessment, &Filing::assessment, nullptr,
     "A text file: the assessment, one paragraph per line (overrides narrative.assessment)", true},
    {"--shortcomings", &ReportOptions::shortcomings, nullptr, &io::Config::narrative_shortcomings,
     &Filing::shortcomings, nullptr, "A text file: shortcomings and their causes (overrides narrative.shortcomings)", true},
    {"--direction", &ReportOptions::direction, nullptr, &io::Config::narrative_direction, &Filing::direction, nullptr,
     "A text file: direction and tasks ahead (overrides narrative.direction)", true},
    {"--recommendations", &ReportOptions::recommendations, nullptr, &io::Config::narrative_recommendations,
     &Filing::recommendations, nullptr, "A text file: recommendations (overrides narrative.recommendations)", true},
  };
  return k_options;
}

// A narrative section's text file: UTF-8 (a byte-order mark dropped), NFC,
// no control characters but line breaks and tabs.
std::string narrative_text(const std::string& file, const std::string& option)
{
  if (file.empty()) {
    throw UsageError(fmt::format("{} is empty: give the section's text file", option));
  }
  std::string text = io::read_input(file, "narrative section " + option, {std::size_t{1} << 20, option});
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
    text.erase(0, 3);
  }
  if (text.size() > core::k_max_text) {
    throw UsageError(fmt::format("{} '{}': {} bytes, more than a narrative section's {}", option, file, text.size(),
                                 core::k_max_text));
  }
  return core::checked_text(text, fmt::format("{} '{}'", option, file), true);
}

// The filed document's parts: the config's [office] and [narrative], the
// options over them, and the number and day of issue. A recorded report in
// another format is filed under the same symbol and recipients, and reads
// no narrative (it has none).
report::Filing filing(Context& ctx, const CLI::App* verb, const ReportOptions& o, report::View view,
                      const Issue& issue, bool docx)
{
  report::Filing f;
  const io::Config& config = ctx.config();
  for (const auto& option : filing_options()) {
    bool here = given(verb, option.name);
    if (option.list) {
      f.*option.items =
        here ? [&] {
          std::vector<std::string> items;
          for (const auto& item : o.*option.list) {
            items.push_back(core::checked_text(item, option.name, false));
            if (items.back().empty()) {
              throw UsageError(fmt::format("{} is empty", option.name));
            }
          }
          return items;
        }()
             : io::setting_items(config.*option.setting);
      continue;
    }
    std::string value = here ? o.*option.text : option.setting ? (config.*option.setting).value : std::string();
    if (option.narrative) {
      // The narrative sections are the Word summary's alone.
      bool read = docx && view == report::View::summary && (here || !value.empty());
      // An error names what named the file: the option, or the config key and its line.
      std::string source = option.name;
      for (const auto& key : io::config_keys()) {
        if (!here && key.setting == option.setting) {
          source = fmt::format("{} ({})", key.key, (config.*option.setting).origin);
        }
      }
      f.*option.field = read ? narrative_text(value, source) : std::string();
    } else {
      f.*option.field = here ? core::checked_text(value, option.name, false) : value;
      // An empty value is a variable that was not set, not a choice (but a
      // body may have no parent body).
      if (here && (f.*option.field).empty() && option.field != &Filing::parent) {
        throw UsageError(fmt::format("{} is empty", option.name));
      }
    }
  }
  // A recorded Word document is what was sent: it can have no blank left
  // to fill in by hand (the register would keep other bytes than the paper).
  if (docx && issue.record) {
    std::vector<std::string> blanks;
    for (const auto& option : filing_options()) {
      bool required = option.field == &Filing::body || option.field == &Filing::place ||
                      option.field == &Filing::symbol || option.field == &Filing::signer ||
                      option.field == &Filing::position;
      if (required && (f.*option.field).empty()) {
        blanks.push_back(option.name);
      }
    }
    if (!blanks.empty()) {
      throw UsageError(fmt::format("a recorded Word document can have no blank to fill in by hand: give {} (or "
                                   "set them in [office] of the config)",
                                   fmt::join(blanks, ", ")));
    }
  }
  if (issue.number) {
    f.number = std::to_string(*issue.number);
  }
  // A recorded document is dated as its register entry is (today unless given).
  if (given(verb, "--date-issued") || issue.record) {
    f.issued_on = issue.date;
  }
  return f;
}

void run_report(Context& ctx, const CLI::App* verb, const ReportOptions& o, report::View view)
{
  const Issue issue = issue_of(ctx, verb, o.record);
  std::string format = ctx.report_format();
  if (given(verb, "--output")) {
    format = output_format(ctx.flags.format.empty() ? std::string() : format, format, o.output,
                           {"md", "csv", "json", "docx", "xlsx", "html"}, "report " + verb->get_name());
  }
  const bool docx = format == "docx";
  // A zip of XML (.docx, .xlsx) is for a file or a program, never a terminal.
  const bool binary = docx || format == "xlsx";
  // The register of sent reports keeps, of a report of any format, its
  // number, day, symbol and recipients; the rest is the Word document's.
  auto kept = [](std::string_view option) {
    return option == "--number" || option == "--date-issued" || option == "--symbol" || option == "--recipient";
  };
  std::vector<std::string_view> document_options{"--number", "--date-issued"};
  for (const auto& option : filing_options()) {
    document_options.push_back(option.name);
  }
  for (auto option : document_options) {
    if (given(verb, std::string(option)) && !docx && !(issue.record && kept(option))) {
      throw UsageError(fmt::format("{} is for a Word document (--format docx, or --output FILE.docx){}", option,
                                   kept(option) ? " or a recorded report (--record)" : ""));
    }
  }
  if (binary && (given(verb, "--output") ? is_terminal(o.output) : ::isatty(STDOUT_FILENO) == 1)) {
    throw UsageError(fmt::format("a .{0} is not for a terminal: give --output FILE.{0}, or redirect the output",
                                 format));
  }
  for (const auto& option : filing_options()) {
    if (option.narrative && given(verb, option.name) && view != report::View::summary) {
      throw UsageError(fmt::format("{} is for 'report summary': a register has no narrative sections", option.name));
    }
  }
  // The changes of --compare would be a second summary sheet no chart reads.
  if (format == "xlsx" && given(verb, "--compare")) {
    throw UsageError("--compare is for md, csv and json: an .xlsx has the totals of each sub-period on its "
                     "summary sheet and their progress over time on its chart");
  }
  report::RenderOptions render{ctx.lang(), o.bom,
                               docx || issue.record ? filing(ctx, verb, o, view, issue, docx) : report::Filing{}};
  // Progress as bars for a person at a terminal, under the one switch of
  // terminal decoration (Context::color); a pipe, a file and the register of
  // sent reports get the text's own bytes.
  if (format == "md" && !given(verb, "--output") && !issue.record && ::isatty(STDOUT_FILENO) == 1 && ctx.color()) {
    render.bar_width = k_terminal_bar_width;
  }
  check_csv_options(ctx, format, o.bom);
  render.csv_dialect = ctx.csv_dialect();
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
  // The one table of the columns layout is for the formats read as data; a
  // document has its own place for the sub-periods' figures (--layout rows,
  // the default, goes with every format).
  static const std::pair<std::string_view, std::string_view> k_own_place[] = {
    {"docx", "a .docx has the figures' table in its appendix"},
    {"xlsx", "an .xlsx has the totals of each sub-period on its summary sheet and their progress over time on "
             "its chart"},
    {"html", "an HTML report charts each sub-period's figures with --each"},
  };
  for (const auto& [document, place] : k_own_place) {
    if (columns && format == document) {
      throw UsageError(fmt::format("--layout columns is for md, csv and json: {}", place));
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
  if (render.filing.issued_on && *render.filing.issued_on < period->first) {
    throw UsageError(fmt::format("{} {} is before the period the report is about ({} to {})",
                                 given(verb, "--date-issued") ? "--date-issued" : "the date of issue (today)",
                                 render.filing.issued_on->iso(), period->first.iso(), period->last.iso()));
  }
  // Build only what the view prints: the CSV summary is counts alone, the
  // registers need no attention list, the meeting and award registers no tasks.
  // The attention list alone needs the task lines and nothing listed.
  using Tasks = report::SummaryRequest::Tasks;
  bool summary = view == report::View::summary;
  bool attention = view == report::View::attention;
  // The columns layout prints the totals alone, as the CSV summary and the
  // workbook's summary sheet (the registers are their verbs' workbooks) their counts.
  const bool counts_only = summary && (format == "csv" || format == "xlsx" || columns);
  // A .docx states the figures of the period's summary as they were filed:
  // the --compare changes are for md, csv and json.
  if (docx && given(verb, "--compare")) {
    throw UsageError("--compare is for md, csv and json: a .docx states this period's figures");
  }
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
                : docx            ? report::docx_sink(out, view, render)
                : format == "xlsx" ? report::xlsx_sink(out, view, render)
                : format == "html" ? report::html_sink(out, view, render)
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
    sent.symbol = render.filing.symbol;
    sent.recipients = render.filing.recipients;
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
  io::AtomicFileBuffer buffer(file);
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
                                       "registers behind it (Markdown, CSV, JSON, Word, Excel)");
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
                     "Write to FILE atomically (a temporary file renamed over it) instead of stdout; its "
                     "extension (.md, .csv, .json, .docx, .xlsx, .html) picks the format")
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
    for (const auto& option : filing_options()) {
      auto* added = option.list ? verb->add_option(option.name, (*o).*option.list, option.help)
                                : verb->add_option(option.name, (*o).*option.text, option.help);
      if (option.narrative) {
        added->check(offers(Offer::file));
      }
    }
  }
  register_report_sent(*noun, ctx);
}

} // namespace phoihop::cli
