#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/meeting_store.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/task_store.hpp>

#include <fmt/format.h>

#include <ostream>

namespace phoihop::cli {

namespace {

using report::Array;
using report::Object;
using report::Value;

// The field options of one verb (add or edit), kept at registration so that
// asking which were given is no search by name (a batch runs it per line).
struct FieldOptions {
  CLI::Option* code = nullptr;
  CLI::Option* description = nullptr;
  CLI::Option* lead = nullptr;
  CLI::Option* partner = nullptr;
  CLI::Option* start = nullptr;
  CLI::Option* due = nullptr;
  CLI::Option* target = nullptr;
  CLI::Option* unit = nullptr;
  CLI::Option* meeting = nullptr;
  CLI::Option* note = nullptr;
};

struct TaskOptions {
  ListOutput list_output; // list: --output, --bom
  ListOutput show_output; // show
  std::string id;
  std::string title;
  std::string agreement;
  std::string code;
  std::string lead;
  std::vector<std::string> partners;
  std::string start;
  std::string due;
  std::string target;
  std::string unit;
  std::string meeting;
  std::string note;
  std::string description;
  std::string date;
  std::string progress;
  std::string status;
  std::string actual;
  std::string due_before;
  std::string search;
  bool overdue = false;
  bool force = false;
  FieldOptions add_fields;
  FieldOptions edit_fields;
  CLI::Option* edit_title = nullptr;
  CLI::App* update = nullptr;
};

const std::vector<report::Column>& task_columns()
{
  static const std::vector<report::Column> k_columns = {
    {"id", "ID"},
    {"uid", "UID", false},
    {"agreement_id", "AGREEMENT ID", false},
    {"agreement", "AGREEMENT"},
    {"code", "CODE"},
    {"ordinal", "ORDINAL", false},
    {"title", "TITLE"},
    {"description", "DESCRIPTION", false},
    {"lead_id", "LEAD ID", false},
    {"lead", "LEAD"},
    {"partners", "PARTNERS", false},
    {"start", "START", false, report::ColumnKind::date},
    {"due", "DUE", true, report::ColumnKind::date},
    {"status", "STATUS"},
    {"progress", "PROGRESS", true, report::ColumnKind::percent},
    {"overdue", "OVERDUE", false},
    {"target", "TARGET", false},
    {"actual", "ACTUAL", false},
    {"unit", "UNIT", false},
    {"updated_on", "UPDATED", false, report::ColumnKind::date},
    {"meeting_id", "MEETING", false},
    {"conclusion_id", "CONCLUSION", false},
    {"note", "NOTE", false},
  };
  return k_columns;
}

Value optional_number(const std::optional<double>& n)
{
  return n ? Value(*n) : Value();
}

Value optional_id(const std::optional<core::Id>& id)
{
  return id ? Value(*id) : Value();
}

Object task_record(const core::Task& t, const core::Date& today)
{
  Array partners;
  for (const auto& p : t.partners) {
    partners.emplace_back(p.second);
  }
  return Object{
    {"id", t.id},
    {"uid", t.uid},
    {"agreement_id", t.agreement_id},
    {"agreement", t.agreement_code.empty() ? Value("#" + std::to_string(t.agreement_id))
                                           : Value(t.agreement_code)},
    {"code", report::text_or_null(t.code)},
    {"ordinal", t.ordinal},
    {"title", t.title},
    {"description", report::text_or_null(t.description)},
    {"lead_id", optional_id(t.lead_id)},
    {"lead", report::text_or_null(t.lead_name)},
    {"partners", partners},
    {"start", date_value(t.start)},
    {"due", date_value(t.due_now)},
    {"status", t.status},
    {"progress", t.progress},
    {"overdue", t.overdue_on(today)},
    {"target", optional_number(t.target)},
    {"actual", optional_number(t.actual)},
    {"unit", report::text_or_null(t.unit)},
    {"updated_on", date_value(t.updated_on)},
    {"meeting_id", optional_id(t.meeting_id)},
    {"conclusion_id", optional_id(t.conclusion_id)},
    {"note", report::text_or_null(t.note)},
    {"planned_due", date_value(t.due)}, // before any extension (task update --due)
  };
}

// Checks a task's dates against each other and against its agreement's term.
void check_task_dates(const core::Task& t, const core::Agreement& a)
{
  if (t.start && t.due) {
    check_order(*t.start, "start", *t.due, "due date");
  }
  if (t.start && *t.start < a.start) {
    throw UsageError(fmt::format("start {} is before agreement {} began on {}", t.start->iso(),
                                 store::describe(a), a.start.iso()));
  }
  if (t.due && *t.due < a.start) {
    throw UsageError(fmt::format("due date {} is before agreement {} began on {}", t.due->iso(),
                                 store::describe(a), a.start.iso()));
  }
}

// Applies the field options shared by `task add` and `task edit`.
void apply_fields(Context& ctx, const FieldOptions& f, const TaskOptions& o, core::Task& t)
{
  if (given(f.code)) {
    t.code = text_arg(o.code, "--code");
  }
  if (given(f.description)) {
    t.description = long_text_arg(o.description, "--description");
  }
  if (given(f.start)) {
    t.start = date_arg(ctx, o.start, "--start");
  }
  if (given(f.due)) {
    t.due = date_arg(ctx, o.due, "--due");
  }
  if (given(f.target)) {
    t.target = number_arg(o.target, "--target");
  }
  if (given(f.unit)) {
    t.unit = text_arg(o.unit, "--unit");
  }
  if (given(f.note)) {
    t.note = long_text_arg(o.note, "--note");
  }
  if (given(f.lead)) {
    t.lead_id.reset();
    t.lead_name.clear();
    if (!text_arg(o.lead, "--lead").empty()) {
      auto org = mention_org(ctx, o.lead, "--lead");
      t.lead_id = org.id;
      t.lead_name = org.name;
    }
  }
  if (given(f.partner)) {
    t.partners.clear();
    for (const auto& name : o.partners) {
      if (text_arg(name, "--partner").empty()) {
        continue; // `--partner ""` clears the list
      }
      auto org = mention_org(ctx, name, "--partner");
      for (const auto& p : t.partners) {
        if (p.first == org.id) {
          throw UsageError(fmt::format("{} is named twice as a partner (as {})", quote_arg(org.name),
                                       quote_arg(name)));
        }
      }
      t.partners.emplace_back(org.id, org.name);
    }
  }
  for (const auto& p : t.partners) {
    if (t.lead_id && *t.lead_id == p.first) {
      throw UsageError(fmt::format("{} is the lead; it cannot also be a partner", quote_arg(p.second)));
    }
  }
  if (given(f.meeting)) {
    t.meeting_id.reset();
    if (!o.meeting.empty()) {
      t.meeting_id = store::MeetingStore(ctx.db()).get(id_arg(o.meeting, "--meeting")).id;
    }
  }
}

FieldOptions add_field_options(CLI::App* verb, TaskOptions& o)
{
  FieldOptions f;
  f.code = verb->add_option("--code", o.code, "Code or number within the agreement, e.g. 1 or TT-01");
  f.description = verb->add_option("--description", o.description, "Longer description");
  f.lead = verb->add_option("--lead", o.lead, "Lead organisation (created if new)")
    ->check(offers(Offer::org));
  f.partner = verb->add_option("--partner", o.partners, "A partner organisation (repeat for several)")
    ->check(offers(Offer::org))
    ->allow_extra_args(false);
  f.start = verb->add_option("--start", o.start, "Start date");
  f.due = verb->add_option("--due", o.due, "Due date");
  f.target = verb->add_option("--target", o.target, "Indicator target (a number)");
  f.unit = verb->add_option("--unit", o.unit, "Indicator unit, e.g. 'buổi', 'người'");
  f.meeting = verb->add_option("--meeting", o.meeting, "The meeting the task came from (id)");
  f.note = verb->add_option("--note", o.note, "Free text");
  return f;
}

// Records a dated update, carrying over from the state on that date whatever
// the user did not give.
void record_update(Context& ctx, core::Id id, const std::string& date_text,
                   std::optional<std::string> status, std::optional<int> progress,
                   std::optional<double> actual, bool actual_given, const std::string& note,
                   std::optional<core::Date> due = std::nullopt)
{
  store::TaskStore tasks(ctx.db());
  store::AgreementStore agreements(ctx.db());
  auto task = tasks.get(id, ctx.today());
  auto agreement = agreements.get(task.agreement_id);
  core::Date date = date_text.empty() ? ctx.today() : required_date(ctx, date_text, "--date");
  if (date > ctx.today()) {
    throw UsageError(fmt::format("update date {} is after today {}", date.iso(), ctx.today().iso()));
  }
  if (date < agreement.start) {
    throw UsageError(fmt::format("update date {} is before agreement {} began on {}", date.iso(),
                                 store::describe(agreement), agreement.start.iso()));
  }
  // The entry records only what was said; what it leaves out is read from
  // the log on any later day, so later back-dated entries are seen too.
  auto previous = tasks.state_on(id, date);
  // 'unfinished' says the agreement ended with the task open: only from its end on.
  if (status && *status == "unfinished" && (!agreement.actual_end || date < *agreement.actual_end)) {
    throw UsageError(agreement.actual_end
                       ? fmt::format("a task is unfinished only once its agreement has ended ({}), not on {}",
                                     agreement.actual_end->iso(), date.iso())
                       : fmt::format("a task is unfinished only once its agreement has ended; agreement {} "
                                     "has not (agreement end --force closes open tasks as unfinished)",
                                     store::describe(agreement)));
  }
  // An extension moves the due date no earlier than the task can start
  // (the store's rule, said here with the task's words).
  core::Date earliest = task.start ? *task.start : agreement.start;
  if (due && *due < earliest) {
    throw UsageError(fmt::format("--due {} is before task #{} starts on {}", due->iso(), task.id, earliest.iso()));
  }
  core::TaskUpdate update;
  update.date = date;
  update.note = note;
  update.status = status;
  update.progress = progress;
  update.due = due;
  if (actual_given) {
    update.actual = actual;
  }
  std::string resulting = status ? *status : previous.status;
  if (!status && progress) {
    // Progress alone moves a planned task along, and 100 % means done.
    if (*progress == 100 && resulting != "done") {
      update.status = resulting = "done";
    } else if (*progress > 0 && resulting == "planned") {
      update.status = resulting = "in_progress";
    }
  }
  if (resulting == "done") {
    if (progress && *progress != 100) {
      throw UsageError(fmt::format("a done task is at 100 %, not {} %{}", *progress,
                                   status ? "" : " (give --status to reopen it)"));
    }
    if (status) {
      update.progress = 100;
    }
  }
  tasks.add_update(id, update);
}

} // namespace

void register_task(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<TaskOptions>();
  auto* noun = add_noun(app, "task", "Work items (đầu việc) under an agreement, with their dated "
                                     "update log");

  auto* add = add_verb(*noun, ctx, "add", "Add a task to an agreement and print its id",
                       Need::write, [&ctx, o] {
                         core::Task t;
                         t.title = required_text(o->title, "title");
                         auto agreement = store::AgreementStore(ctx.db()).resolve(o->agreement);
                         t.agreement_id = agreement.id;
                         apply_fields(ctx, o->add_fields, *o, t);
                         check_task_dates(t, agreement);
                         store::TaskStore(ctx.db()).insert(t);
                         ctx.out() << t.id << '\n';
                       });
  add->add_option("TITLE", o->title, "What is to be done")->required();
  add->add_option("--agreement", o->agreement, "The agreement (id or code)")
    ->check(offers(Offer::agreement))->required();
  o->add_fields = add_field_options(add, *o);

  auto* update = add_verb(
    *noun, ctx, "update",
    "Log the task's progress or status on a date (back-dating allowed); unspecified values carry "
    "over from that date",
    Need::write, [&ctx, o] {
      const CLI::App* v = o->update;
      std::optional<std::string> status;
      std::optional<int> progress;
      if (given(v, "--status")) {
        status = core::k_task_status.check(o->status, "--status");
      }
      if (given(v, "--progress")) {
        progress = percent_arg(o->progress, "--progress");
      }
      if (given(v, "--actual") && o->actual.empty()) {
        throw UsageError("--actual is empty");
      }
      auto actual = number_arg(o->actual, "--actual");
      std::optional<core::Date> due;
      if (given(v, "--due")) {
        due = required_date(ctx, o->due, "--due");
      }
      if (!status && !progress && !given(v, "--actual") && !due && !given(v, "--note")) {
        throw UsageError("nothing to record: give --progress, --status, --actual, --due or --note");
      }
      record_update(ctx, id_arg(o->id, "task id"), o->date, status, progress, actual,
                    given(v, "--actual"), long_text_arg(o->note, "--note"), due);
    });
  o->update = update;
  update->add_option("ID", o->id, "Task id")->required();
  update->add_option("--date", o->date, "The day the update describes (default: today)");
  update->add_option("--progress", o->progress, "Progress in percent, 0-100");
  update->add_option("--status", o->status, "Status: " + core::k_task_status.joined("|"))
    ->check(offers(core::k_task_status));
  update->add_option("--actual", o->actual, "The indicator's actual value");
  update->add_option("--due", o->due,
                     "Extend (or bring forward) the due date from --date on; earlier reports keep the old one");
  update->add_option("--note", o->note, "What happened (for --due: the decision or reason)");

  auto* done = add_verb(*noun, ctx, "done", "Mark the task done (100 %) on a date", Need::write,
                        [&ctx, o] {
                          core::Id id = id_arg(o->id, "task id");
                          store::TaskStore tasks(ctx.db());
                          auto date = o->date.empty() ? ctx.today()
                                                      : required_date(ctx, o->date, "--date");
                          auto state = tasks.state_on(id, date);
                          tasks.get(id, ctx.today());
                          if (state.status == "done") {
                            throw Conflict(fmt::format("task #{} is already done on {}", id,
                                                       date.iso()));
                          }
                          record_update(ctx, id, o->date, std::string("done"), 100, std::nullopt,
                                        false, long_text_arg(o->note, "--note"));
                        });
  done->add_option("ID", o->id, "Task id")->required();
  done->add_option("--date", o->date, "The day it was done (default: today)");
  done->add_option("--note", o->note, "What was achieved");

  auto* list = add_verb(
    *noun, ctx, "list", "List tasks with their state as of today", Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->list_output);
      store::TaskFilter filter;
      if (!o->status.empty()) {
        filter.status = core::k_task_status.check(o->status, "--status");
      }
      filter.due_before = date_arg(ctx, o->due_before, "--due-before");
      filter.search = text_arg(o->search, "--search");
      filter.overdue = o->overdue;
      if (!o->agreement.empty()) {
        filter.agreement_id = store::AgreementStore(ctx.db()).resolve(o->agreement).id;
      }
      if (!o->lead.empty()) {
        filter.lead_id = store::OrgStore(ctx.db()).resolve(text_arg(o->lead, "--lead")).id;
      }
      std::vector<Object> rows;
      for (const auto& t : store::TaskStore(ctx.db()).list(filter, ctx.today())) {
        rows.push_back(task_record(t, ctx.today()));
      }
      if (format == "table") {
        for (auto& row : rows) {
          for (auto& field : row) {
            if (field.key == "progress") {
              field.value = field.value.text() + "%";
            }
          }
        }
      }
      emit_list(ctx, o->list_output, format, task_columns(), rows);
    });
  add_list_output(*list, o->list_output);
  list->add_option("--agreement", o->agreement, "Only tasks of this agreement (id or code)")
    ->check(offers(Offer::agreement));
  list->add_option("--status", o->status, "Only this status today: " + core::k_task_status.joined("|"))
    ->check(offers(core::k_task_status));
  list->add_option("--lead", o->lead, "Only tasks this organisation leads")
    ->check(offers(Offer::org));
  list->add_flag("--overdue", o->overdue, "Only tasks due before today and not done or cancelled");
  list->add_option("--due-before", o->due_before, "Only tasks due before DATE");
  list->add_option("--search", o->search, "Only titles or descriptions containing TEXT "
                                          "(case- and accent-insensitive)");

  auto* show = add_verb(*noun, ctx, "show", "Show one task with its partners and update log",
                        Need::read, [&ctx, o] {
                          std::string format = list_format(ctx, o->show_output);
                          store::TaskStore tasks(ctx.db());
                          auto t = tasks.get(id_arg(o->id, "task id"), ctx.today());
                          Object record = task_record(t, ctx.today());
                          Array log;
                          for (const auto& u : tasks.log(t.id)) {
                            log.emplace_back(Object{{"date", u.date.iso()},
                                                    {"status", u.status ? Value(*u.status) : Value()},
                                                    {"progress", u.progress ? Value(*u.progress) : Value()},
                                                    {"actual", optional_number(u.actual)},
                                                    {"due", date_value(u.due)},
                                                    {"note", report::text_or_null(u.note)}});
                          }
                          record.push_back({"log", log});
                          emit_show(ctx, o->show_output, format, record);
                        });
  add_list_output(*show, o->show_output);
  show->add_option("ID", o->id, "Task id")->required();

  auto* edit = add_verb(
    *noun, ctx, "edit",
    "Change a task's fields (an empty value clears an optional one; --partner replaces the list)",
    Need::write, [&ctx, o] {
      const FieldOptions& f = o->edit_fields;
      bool any = false;
      for (const CLI::Option* option : {o->edit_title, f.code, f.description, f.lead, f.partner,
                                        f.start, f.due, f.target, f.unit, f.meeting, f.note}) {
        any = any || given(option);
      }
      if (!any) {
        throw UsageError("nothing to change: give at least one field option (see --help)");
      }
      store::TaskStore tasks(ctx.db());
      auto t = tasks.get(id_arg(o->id, "task id"), ctx.today());
      if (given(o->edit_title)) {
        t.title = required_text(o->title, "--title");
      }
      apply_fields(ctx, f, *o, t);
      check_task_dates(t, store::AgreementStore(ctx.db()).get(t.agreement_id));
      tasks.update(t);
    });
  edit->add_option("ID", o->id, "Task id")->required();
  o->edit_title = edit->add_option("--title", o->title, "New title");
  o->edit_fields = add_field_options(edit, *o);

  auto* del = add_verb(*noun, ctx, "delete",
                       "Delete a task; one with logged updates needs --force", Need::write,
                       [&ctx, o] {
                         store::TaskStore tasks(ctx.db());
                         auto t = tasks.get(id_arg(o->id, "task id"), ctx.today());
                         auto log = tasks.log(t.id);
                         if (!log.empty() && !o->force) {
                           throw Conflict(fmt::format("task {} has {} logged update{}; use --force "
                                                      "to delete it with its log",
                                                      store::describe(t), log.size(),
                                                      log.size() == 1 ? "" : "s"));
                         }
                         tasks.remove(t.id);
                         ctx.talk(fmt::format("deleted task {}", store::describe(t)));
                       });
  del->add_option("ID", o->id, "Task id")->required();
  del->add_flag("--force", o->force, "Also delete its update log");
}

} // namespace phoihop::cli
