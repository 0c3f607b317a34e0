#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/meeting_store.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/task_store.hpp>

#include <fmt/format.h>

#include <algorithm>

#include <ostream>

namespace phoihop::cli {

namespace {

using report::Array;
using report::Object;
using report::Value;

struct MeetingOptions {
  ListOutput list_output; // list: --output, --bom
  ListOutput show_output; // show
  std::string id;
  std::string title;
  std::string text;
  std::string date;
  std::string kind;
  std::vector<std::string> agreements;
  std::string agreement;
  std::string place;
  std::string format;
  std::string minutes;
  std::string note;
  std::string org;
  std::string name;
  std::string position;
  std::string role;
  std::string topic;
  std::string lead;
  std::string due;
  std::string period;
  std::string from;
  std::string to;
  bool force = false;
  CLI::App* add = nullptr;
  CLI::App* edit = nullptr;
  CLI::App* list = nullptr;
  CLI::App* conclude = nullptr;
};

const std::vector<report::Column>& meeting_columns()
{
  static const std::vector<report::Column> k_columns = {
    {"id", "ID"},
    {"uid", "UID", false},
    {"date", "DATE", true, report::ColumnKind::date},
    {"kind", "KIND"},
    {"title", "TITLE"},
    {"place", "PLACE", false},
    {"format", "FORMAT", false},
    {"minutes", "MINUTES", false},
    {"agreement_ids", "AGREEMENT IDS", false},
    {"agreements", "AGREEMENTS"},
    {"chairs", "CHAIRS"},
    {"participants", "PARTICIPANTS", false},
    {"contributions", "CONTRIBUTIONS", false},
    {"conclusions", "CONCLUSIONS", false},
    {"note", "NOTE", false},
  };
  return k_columns;
}

std::string person_label(const core::Participant& p)
{
  std::string label = p.name.empty() ? p.org_name : p.name;
  if (!p.name.empty() && !p.position.empty()) {
    label += " (" + p.position + ")";
  }
  return label;
}

Object meeting_record(Context& ctx, const core::Meeting& m)
{
  store::MeetingStore meetings(ctx.db());
  store::AgreementStore agreements(ctx.db());
  Array ids;
  Array refs;
  for (auto id : m.agreement_ids) {
    auto a = agreements.get(id);
    ids.emplace_back(id);
    refs.emplace_back(a.code.empty() ? "#" + std::to_string(id) : a.code);
  }
  auto participants = meetings.participants(m.id);
  Array chairs;
  for (const auto& p : participants) {
    if (p.role == "chair" || p.role == "co_chair") {
      chairs.emplace_back(person_label(p));
    }
  }
  return Object{
    {"id", m.id},
    {"uid", m.uid},
    {"date", m.date.iso()},
    {"kind", m.kind},
    {"title", m.title},
    {"place", report::text_or_null(m.place)},
    {"format", report::text_or_null(m.format)},
    {"minutes", report::text_or_null(m.minutes)},
    {"agreement_ids", ids},
    {"agreements", refs},
    {"chairs", chairs},
    {"participants", static_cast<long long>(participants.size())},
    {"contributions", static_cast<long long>(meetings.contributions(m.id).size())},
    {"conclusions", static_cast<long long>(meetings.conclusions(m.id).size())},
    {"note", report::text_or_null(m.note)},
  };
}

void apply_fields(Context& ctx, const CLI::App* verb, const MeetingOptions& o, core::Meeting& m)
{
  if (given(verb, "--date")) {
    m.date = required_date(ctx, o.date, "--date");
  }
  if (given(verb, "--kind")) {
    m.kind = core::k_meeting_kind.check(o.kind, "--kind");
  }
  if (given(verb, "--place")) {
    m.place = text_arg(o.place, "--place");
  }
  if (given(verb, "--format")) {
    m.format = o.format.empty() ? std::string() : core::k_meeting_format.check(o.format, "--format");
  }
  if (given(verb, "--minutes")) {
    m.minutes = text_arg(o.minutes, "--minutes");
  }
  if (given(verb, "--note")) {
    m.note = long_text_arg(o.note, "--note");
  }
  if (given(verb, "--agreement")) {
    m.agreement_ids.clear();
    store::AgreementStore agreements(ctx.db());
    for (const auto& ref : o.agreements) {
      if (ref.empty()) {
        continue; // `--agreement ""` clears the list
      }
      auto id = agreements.resolve(ref).id;
      if (std::find(m.agreement_ids.begin(), m.agreement_ids.end(), id) == m.agreement_ids.end()) {
        m.agreement_ids.push_back(id);
      }
    }
  }
}

void add_field_options(CLI::App* verb, MeetingOptions& o)
{
  verb->add_option("--kind", o.kind, "Kind: " + core::k_meeting_kind.joined("|"))
    ->check(offers(core::k_meeting_kind));
  verb->add_option("--agreement", o.agreements, "An agreement it concerns (repeat for several)")
    ->check(offers(Offer::agreement))
    ->allow_extra_args(false);
  verb->add_option("--place", o.place, "Where it was held");
  verb->add_option("--format", o.format, "in_person|online|hybrid (the meeting's, not the output's)")
    ->check(offers(core::k_meeting_format));
  verb->add_option("--minutes", o.minutes, "Reference to the minutes (biên bản)");
  verb->add_option("--note", o.note, "Free text");
}

} // namespace

namespace {

// A follow-up task's title from its conclusion, which is free text: its
// first line, tabs as spaces, cut to one line's length at a character.
std::string follow_up_title(const std::string& conclusion)
{
  std::string title = conclusion.substr(0, conclusion.find('\n'));
  std::replace(title.begin(), title.end(), '\t', ' ');
  if (title.size() > core::k_max_line) {
    std::size_t cut = core::k_max_line;
    while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) {
      --cut; // not inside a UTF-8 sequence
    }
    title.resize(cut);
  }
  return core::clean(title);
}

} // namespace

void register_meeting(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<MeetingOptions>();
  auto* noun = add_noun(app, "meeting", "Review meetings and conferences: participants, "
                                        "contributions (tham luận) and conclusions");

  auto* add = add_verb(*noun, ctx, "add", "Add a meeting and print its id", Need::write, [&ctx, o] {
    core::Meeting m;
    m.title = required_text(o->title, "title");
    apply_fields(ctx, o->add, *o, m);
    store::MeetingStore(ctx.db()).insert(m);
    ctx.out() << m.id << '\n';
  });
  o->add = add;
  add->add_option("TITLE", o->title, "Title, e.g. 'Hội nghị tổng kết …'")->required();
  add->add_option("--date", o->date, "The day it was held")->required();
  add_field_options(add, *o);

  auto* attend = add_verb(
    *noun, ctx, "attend", "Record a participant: an organisation, and optionally the person, their "
                          "position on that day and their role",
    Need::write, [&ctx, o] {
      std::string role = o->role.empty() ? "delegate" : core::k_participant_role.check(o->role, "--role");
      store::MeetingStore meetings(ctx.db());
      auto m = meetings.get(id_arg(o->id, "meeting id"));
      auto org = mention_org(ctx, o->org, "--org");
      core::Participant p;
      p.org_id = org.id;
      p.name = text_arg(o->name, "--name");
      p.position = text_arg(o->position, "--position");
      p.role = role;
      for (const auto& other : meetings.participants(m.id)) {
        if (other.org_id == p.org_id && core::fold(other.name) == core::fold(p.name)) {
          throw Conflict(fmt::format("{} already attends meeting {}",
                                     p.name.empty() ? store::describe(org) : quote_arg(p.name),
                                     store::describe(m)));
        }
      }
      meetings.add_participant(m.id, p);
    });
  attend->add_option("ID", o->id, "Meeting id")->required();
  attend->add_option("--org", o->org, "The organisation attending (created if new)")
    ->check(offers(Offer::org))->required();
  attend->add_option("--name", o->name, "The person attending");
  attend->add_option("--position", o->position, "Their position on the day of the meeting");
  attend->add_option("--role", o->role, "Role: " + core::k_participant_role.joined("|") +
                                          " (default delegate)")
    ->check(offers(core::k_participant_role));

  auto* contribute = add_verb(
    *noun, ctx, "contribute", "Record a prepared contribution (tham luận), kept in order",
    Need::write, [&ctx, o] {
      store::MeetingStore meetings(ctx.db());
      auto m = meetings.get(id_arg(o->id, "meeting id"));
      core::Contribution c;
      c.topic = required_text(o->topic, "--topic");
      c.presenter = text_arg(o->name, "--name");
      c.org_id = mention_org(ctx, o->org, "--org").id;
      meetings.add_contribution(m.id, c);
    });
  contribute->add_option("ID", o->id, "Meeting id")->required();
  contribute->add_option("--org", o->org, "The organisation presenting (created if new)")
    ->check(offers(Offer::org))->required();
  contribute->add_option("--topic", o->topic, "What it was about")->required();
  contribute->add_option("--name", o->name, "Who presented it");

  auto* conclude = add_verb(
    *noun, ctx, "conclude",
    "Record a conclusion, kept in order; with --lead also create a follow-up task under the "
    "meeting's agreement and print its id",
    Need::write, [&ctx, o] {
      bool follow_up = given(o->conclude, "--lead");
      if (follow_up) {
        required_text(o->lead, "--lead");
      }
      if (!follow_up && (given(o->conclude, "--due") || given(o->conclude, "--agreement"))) {
        throw UsageError("--due and --agreement create a follow-up task and need --lead");
      }
      std::string text = required_long_text(o->text, "conclusion");
      auto due = date_arg(ctx, o->due, "--due");
      store::MeetingStore meetings(ctx.db());
      store::AgreementStore agreements(ctx.db());
      auto m = meetings.get(id_arg(o->id, "meeting id"));
      core::Conclusion c;
      c.text = text;
      meetings.add_conclusion(m.id, c);
      if (!follow_up) {
        return;
      }
      core::Agreement agreement;
      if (!o->agreement.empty()) {
        agreement = agreements.resolve(o->agreement);
      } else if (m.agreement_ids.size() == 1) {
        agreement = agreements.get(m.agreement_ids.front());
      } else {
        throw UsageError(fmt::format("meeting {} concerns {} agreements; say which one the "
                                     "follow-up task belongs to with --agreement",
                                     store::describe(m), m.agreement_ids.size()));
      }
      core::Task t;
      t.agreement_id = agreement.id;
      t.title = follow_up_title(text);
      auto lead = mention_org(ctx, o->lead, "--lead");
      t.lead_id = lead.id;
      t.start = m.date < agreement.start ? agreement.start : m.date;
      t.due = due;
      t.meeting_id = m.id;
      t.conclusion_id = c.id;
      if (t.due && *t.due < *t.start) {
        throw UsageError(fmt::format("due date {} is before the follow-up task can start on {} "
                                     "(the meeting's date, or its agreement's start if later)",
                                     t.due->iso(), t.start->iso()));
      }
      store::TaskStore(ctx.db()).insert(t);
      ctx.out() << t.id << '\n';
    });
  o->conclude = conclude;
  conclude->add_option("ID", o->id, "Meeting id")->required();
  conclude->add_option("TEXT", o->text, "The conclusion or direction")->required();
  conclude->add_option("--lead", o->lead, "Create a follow-up task led by this organisation")
    ->check(offers(Offer::org));
  conclude->add_option("--due", o->due, "Due date of the follow-up task");
  conclude->add_option("--agreement", o->agreement,
                       "Agreement of the follow-up task (default: the meeting's only one)")
    ->check(offers(Offer::agreement));

  auto* list = add_verb(
    *noun, ctx, "list", "List meetings by date", Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->list_output);
      store::MeetingFilter filter;
      if (!o->kind.empty()) {
        filter.kind = core::k_meeting_kind.check(o->kind, "--kind");
      }
      store::AgreementStore agreements(ctx.db());
      auto period = period_option(ctx, o->list, o->period, o->from, o->to);
      if (period) {
        filter.from = period->first;
        filter.to = period->last;
      }
      if (!o->agreement.empty()) {
        filter.agreement_id = agreements.resolve(o->agreement).id;
      }
      std::vector<Object> rows;
      for (const auto& m : store::MeetingStore(ctx.db()).list(filter)) {
        rows.push_back(meeting_record(ctx, m));
      }
      emit_list(ctx, o->list_output, format, meeting_columns(), rows);
    });
  add_list_output(*list, o->list_output);
  o->list = list;
  list->add_option("--agreement", o->agreement, "Only meetings about this agreement")
    ->check(offers(Offer::agreement));
  list->add_option("--kind", o->kind, "Only this kind: " + core::k_meeting_kind.joined("|"))
    ->check(offers(core::k_meeting_kind));
  list->add_option("--period", o->period, "Only meetings held in this period (2022, 2022-Q4, …)")
    ->check(offers(Offer::period));
  list->add_option("--from", o->from, "Only meetings on or after DATE");
  list->add_option("--to", o->to, "Only meetings on or before DATE");

  auto* show = add_verb(
    *noun, ctx, "show", "Show one meeting with its participants, contributions and conclusions",
    Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->show_output);
      store::MeetingStore meetings(ctx.db());
      auto m = meetings.get(id_arg(o->id, "meeting id"));
      Object record = meeting_record(ctx, m);
      Array participants;
      for (const auto& p : meetings.participants(m.id)) {
        participants.emplace_back(Object{{"role", p.role},
                                         {"org_id", p.org_id ? Value(*p.org_id) : Value()},
                                         {"org", report::text_or_null(p.org_name)},
                                         {"name", report::text_or_null(p.name)},
                                         {"position", report::text_or_null(p.position)}});
      }
      Array contributions;
      for (const auto& c : meetings.contributions(m.id)) {
        contributions.emplace_back(Object{{"order", c.ordinal},
                                          {"org", report::text_or_null(c.org_name)},
                                          {"presenter", report::text_or_null(c.presenter)},
                                          {"topic", c.topic}});
      }
      Array conclusions;
      for (const auto& c : meetings.conclusions(m.id)) {
        Array tasks;
        for (auto id : c.task_ids) {
          tasks.emplace_back(id);
        }
        conclusions.emplace_back(Object{{"order", c.ordinal}, {"text", c.text}, {"task_ids", tasks}});
      }
      for (auto& field : record) {
        if (field.key == "participants") {
          field.value = participants;
        } else if (field.key == "contributions") {
          field.value = contributions;
        } else if (field.key == "conclusions") {
          field.value = conclusions;
        }
      }
      emit_show(ctx, o->show_output, format, record);
    });
  add_list_output(*show, o->show_output);
  show->add_option("ID", o->id, "Meeting id")->required();

  auto* edit = add_verb(
    *noun, ctx, "edit",
    "Change a meeting's fields (an empty value clears an optional one; --agreement replaces the list)",
    Need::write, [&ctx, o] {
      const CLI::App* v = o->edit;
      bool any = given(v, "--title");
      for (const char* name :
           {"--date", "--kind", "--agreement", "--place", "--format", "--minutes", "--note"}) {
        any = any || given(v, name);
      }
      if (!any) {
        throw UsageError("nothing to change: give at least one field option (see --help)");
      }
      store::MeetingStore meetings(ctx.db());
      auto m = meetings.get(id_arg(o->id, "meeting id"));
      if (given(v, "--title")) {
        m.title = required_text(o->title, "--title");
      }
      apply_fields(ctx, v, *o, m);
      meetings.update(m);
    });
  o->edit = edit;
  edit->add_option("ID", o->id, "Meeting id")->required();
  edit->add_option("--title", o->title, "New title");
  edit->add_option("--date", o->date, "The day it was held");
  add_field_options(edit, *o);

  auto* del = add_verb(
    *noun, ctx, "delete",
    "Delete a meeting with its participants, contributions and conclusions; refused while tasks "
    "or award decisions refer to it, unless --force",
    Need::write, [&ctx, o] {
      store::MeetingStore meetings(ctx.db());
      auto m = meetings.get(id_arg(o->id, "meeting id"));
      meetings.remove(m.id, o->force);
      ctx.talk(fmt::format("deleted meeting {}", store::describe(m)));
    });
  del->add_option("ID", o->id, "Meeting id")->required();
  del->add_flag("--force", o->force, "Unlink the tasks and award decisions that refer to it");
}

} // namespace phoihop::cli
