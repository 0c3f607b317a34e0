#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/award_store.hpp>
#include <phoihop/store/meeting_store.hpp>
#include <phoihop/store/org_store.hpp>

#include <fmt/format.h>

#include <ostream>

namespace phoihop::cli {

namespace {

using report::Array;
using report::Object;
using report::Value;

struct AwardOptions {
  ListOutput list_output; // list: --output, --bom
  ListOutput show_output; // show
  std::string id;
  std::string recipient;
  std::string kind;
  std::string unit;
  std::string position;
  std::string form;
  std::string decision;
  std::string date;
  std::string issuer;
  std::string agreement;
  std::string meeting;
  std::string reason;
  std::string note;
  std::string period;
  std::string from;
  std::string to;
  CLI::App* add = nullptr;
  CLI::App* edit = nullptr;
  CLI::App* list = nullptr;
};

const std::vector<report::Column>& award_columns()
{
  static const std::vector<report::Column> k_columns = {
    {"id", "ID"},
    {"uid", "UID", false},
    {"decision_id", "DECISION ID", false},
    {"decision", "DECISION"},
    {"decision_date", "DATE", true, report::ColumnKind::date},
    {"form", "FORM"},
    {"issuer", "ISSUER", false},
    {"kind", "KIND"},
    {"recipient", "RECIPIENT"},
    {"org_id", "ORG ID", false},
    {"unit", "UNIT"},
    {"position", "POSITION", false},
    {"agreement_id", "AGREEMENT ID", false},
    {"agreement", "AGREEMENT", false},
    {"meeting_id", "MEETING", false},
    {"reason", "REASON", false},
    {"note", "NOTE", false},
  };
  return k_columns;
}

Value optional_id(const std::optional<core::Id>& id)
{
  return id ? Value(*id) : Value();
}

Object award_record(Context& ctx, const store::Award& award)
{
  const auto& r = award.recipient;
  const auto& d = award.decision;
  Value agreement;
  if (d.agreement_id) {
    auto a = store::AgreementStore(ctx.db()).get(*d.agreement_id);
    agreement = a.code.empty() ? "#" + std::to_string(a.id) : a.code;
  }
  bool individual = r.kind == "individual";
  return Object{
    {"id", r.id},
    {"uid", r.uid},
    {"decision_id", d.id},
    {"decision", report::text_or_null(d.number)},
    {"decision_date", date_value(d.date)},
    {"form", d.form},
    {"issuer", report::text_or_null(d.issuer_name)},
    {"kind", r.kind},
    {"recipient", r.recipient_name()},
    {"org_id", optional_id(r.org_id)},
    {"unit", individual ? report::text_or_null(r.org_name) : Value()},
    {"position", report::text_or_null(r.position)},
    {"agreement_id", optional_id(d.agreement_id)},
    {"agreement", agreement},
    {"meeting_id", optional_id(d.meeting_id)},
    {"reason", report::text_or_null(d.reason)},
    {"note", report::text_or_null(r.note)},
  };
}

// The decision-level options given on this command line, as a partial decision.
struct DecisionFields {
  std::optional<std::optional<core::Date>> date;
  std::optional<std::optional<core::Id>> issuer;
  std::string issuer_name;
  std::optional<std::string> form;
  std::optional<std::string> reason;
  std::optional<std::optional<core::Id>> agreement;
  std::optional<std::optional<core::Id>> meeting;
};

DecisionFields decision_fields(Context& ctx, const CLI::App* verb, const AwardOptions& o)
{
  DecisionFields f;
  if (given(verb, "--date")) {
    f.date = date_arg(ctx, o.date, "--date");
  }
  if (given(verb, "--form")) {
    f.form = core::k_award_form.check(o.form, "--form");
  }
  if (given(verb, "--reason")) {
    f.reason = long_text_arg(o.reason, "--reason");
  }
  if (given(verb, "--issuer")) {
    f.issuer = std::optional<core::Id>();
    if (!o.issuer.empty()) {
      auto org = mention_org(ctx, o.issuer, "--issuer");
      f.issuer = org.id;
      f.issuer_name = org.name;
    }
  }
  if (given(verb, "--agreement")) {
    f.agreement = std::optional<core::Id>();
    if (!o.agreement.empty()) {
      f.agreement = store::AgreementStore(ctx.db()).resolve(o.agreement).id;
    }
  }
  if (given(verb, "--meeting")) {
    f.meeting = std::optional<core::Id>();
    if (!o.meeting.empty()) {
      f.meeting = store::MeetingStore(ctx.db()).get(id_arg(o.meeting, "--meeting")).id;
    }
  }
  return f;
}

template <typename T>
std::string shown(const std::optional<T>& value)
{
  if (!value) {
    return "none";
  }
  if constexpr (std::is_same_v<T, core::Date>) {
    return value->iso();
  } else {
    return fmt::format("#{}", *value);
  }
}

// Merges the given fields into an existing decision: an unset field is filled,
// a different value is a Conflict naming the field and both values.
void merge_into(core::AwardDecision& d, const DecisionFields& f, bool overwrite)
{
  auto clash = [&](const char* field, const std::string& has, const std::string& given_value) {
    return Conflict(fmt::format("decision {} already has {} {}, not {}",
                                d.number.empty() ? "#" + std::to_string(d.id) : quote_arg(d.number),
                                field, has, given_value));
  };
  auto merge_optional = [&](auto& target, const auto& value, const char* field) {
    if (!value) {
      return;
    }
    if (!overwrite && target && *value && *target != **value) {
      throw clash(field, shown(target), shown(*value));
    }
    if (overwrite || !target) {
      target = *value;
    }
  };
  auto merge_text = [&](std::string& target, const std::optional<std::string>& value,
                        const char* field, bool defaulted) {
    if (!value) {
      return;
    }
    if (!overwrite && !target.empty() && !value->empty() && target != *value && !defaulted) {
      throw clash(field, quote_arg(target), quote_arg(*value));
    }
    if (overwrite || target.empty() || defaulted) {
      target = *value;
    }
  };
  merge_optional(d.date, f.date, "date");
  merge_optional(d.issuer_id, f.issuer, "issuer");
  if (f.issuer && *f.issuer) {
    d.issuer_name = f.issuer_name;
  }
  merge_text(d.form, f.form, "form", false);
  merge_text(d.reason, f.reason, "reason", false);
  merge_optional(d.agreement_id, f.agreement, "agreement");
  merge_optional(d.meeting_id, f.meeting, "meeting");
}

// Applies the recipient options: the name, unit and position per kind.
void apply_recipient(Context& ctx, const CLI::App* verb, const AwardOptions& o, core::AwardRecipient& r,
                     bool name_given, const std::string& name)
{
  if (r.kind == "collective") {
    if ((given(verb, "--unit") && !o.unit.empty()) || (given(verb, "--position") && !o.position.empty())) {
      throw UsageError("a collective recipient is an organisation: it has no --unit or --position");
    }
    if (name_given) {
      auto org = mention_org(ctx, name, "recipient");
      r.org_id = org.id;
      r.org_name = org.name;
    }
    r.person_name.clear();
    r.position.clear();
    return;
  }
  if (name_given) {
    r.person_name = required_text(name, "recipient");
  }
  if (given(verb, "--unit")) {
    r.org_id.reset();
    r.org_name.clear();
    if (!o.unit.empty()) {
      auto org = mention_org(ctx, o.unit, "--unit");
      r.org_id = org.id;
      r.org_name = org.name;
    }
  }
  if (given(verb, "--position")) {
    r.position = text_arg(o.position, "--position");
  }
}

void add_decision_options(CLI::App* verb, AwardOptions& o)
{
  verb->add_option("--decision", o.decision, "Decision number, e.g. 2345/QĐ-UBND (recipients "
                                             "with the same number share the decision)");
  verb->add_option("--date", o.date, "Date of the decision");
  verb->add_option("--issuer", o.issuer, "Organisation that issued it")->check(offers(Offer::org));
  verb->add_option("--form", o.form, "Form: " + core::k_award_form.joined("|"))
    ->check(offers(core::k_award_form));
  verb->add_option("--agreement", o.agreement, "The agreement it rewards work under")
    ->check(offers(Offer::agreement));
  verb->add_option("--meeting", o.meeting, "The meeting at which it was given (id)");
  verb->add_option("--reason", o.reason, "Why (as the decision words it)");
}

} // namespace

void register_award(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<AwardOptions>();
  auto* noun = add_noun(app, "award", "Commendations: recipients grouped by their decision "
                                      "(bằng khen, giấy khen)");

  auto* add = add_verb(
    *noun, ctx, "add",
    "Add a recipient, under a new decision or the existing one with the same --decision number; "
    "print the recipient's id",
    Need::write, [&ctx, o] {
      const CLI::App* v = o->add;
      core::AwardRecipient r;
      r.kind = core::k_award_kind.check(o->kind, "--kind");
      r.note = long_text_arg(o->note, "--note");
      std::string number = text_arg(o->decision, "--decision");
      auto fields = decision_fields(ctx, v, *o);
      apply_recipient(ctx, v, *o, r, true, o->recipient);
      store::AwardStore awards(ctx.db());
      core::AwardDecision d;
      if (auto existing = number.empty() ? std::nullopt : awards.decision_by_number(number)) {
        d = *existing;
        merge_into(d, fields, false);
        awards.update_decision(d);
      } else {
        d.number = number;
        merge_into(d, fields, true);
        awards.insert_decision(d);
      }
      r.decision_id = d.id;
      if (auto duplicate = awards.duplicate_of(d.id, r)) {
        throw Conflict(fmt::format("{} is already recipient #{} of this decision",
                                   quote_arg(r.recipient_name()), *duplicate));
      }
      awards.insert_recipient(r);
      ctx.out() << r.id << '\n';
    });
  o->add = add;
  add->add_option("RECIPIENT", o->recipient, "An organisation (collective) or a person (individual)")
    ->check(offers(Offer::org))
    ->required();
  add->add_option("--kind", o->kind, "collective|individual")
    ->check(offers(core::k_award_kind))->required();
  add->add_option("--unit", o->unit, "An individual's unit (organisation)")
    ->check(offers(Offer::org));
  add->add_option("--position", o->position, "An individual's position");
  add->add_option("--note", o->note, "Free text");
  add_decision_options(add, *o);

  auto* list = add_verb(
    *noun, ctx, "list", "List recipients by decision date and decision", Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->list_output);
      store::AwardFilter filter;
      if (!o->kind.empty()) {
        filter.kind = core::k_award_kind.check(o->kind, "--kind");
      }
      filter.decision = text_arg(o->decision, "--decision");
      auto period = period_option(ctx, o->list, o->period, o->from, o->to);
      if (period) {
        filter.from = period->first;
        filter.to = period->last;
      }
      if (!o->agreement.empty()) {
        filter.agreement_id = store::AgreementStore(ctx.db()).resolve(o->agreement).id;
      }
      if (!o->meeting.empty()) {
        filter.meeting_id = store::MeetingStore(ctx.db()).get(id_arg(o->meeting, "--meeting")).id;
      }
      std::vector<Object> rows;
      for (const auto& award : store::AwardStore(ctx.db()).list(filter)) {
        rows.push_back(award_record(ctx, award));
      }
      emit_list(ctx, o->list_output, format, award_columns(), rows);
    });
  add_list_output(*list, o->list_output);
  o->list = list;
  list->add_option("--agreement", o->agreement, "Only awards under this agreement")
    ->check(offers(Offer::agreement));
  list->add_option("--meeting", o->meeting, "Only awards given at this meeting (id)");
  list->add_option("--kind", o->kind, "Only collective or individual recipients")
    ->check(offers(core::k_award_kind));
  list->add_option("--decision", o->decision, "Only recipients of this decision number");
  list->add_option("--period", o->period, "Only decisions dated in this period (2022, 2022-Q4, …)")
    ->check(offers(Offer::period));
  list->add_option("--from", o->from, "Only decisions dated on or after DATE");
  list->add_option("--to", o->to, "Only decisions dated on or before DATE");

  auto* show = add_verb(
    *noun, ctx, "show", "Show one recipient with its decision", Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->show_output);
      store::AwardStore awards(ctx.db());
      auto award = awards.get(id_arg(o->id, "award id"));
      Object record = award_record(ctx, award);
      long long collectives = 0;
      long long individuals = 0;
      for (const auto& r : awards.recipients(award.decision.id)) {
        (r.kind == "collective" ? collectives : individuals) += 1;
      }
      record.push_back({"decision_collectives", collectives});
      record.push_back({"decision_individuals", individuals});
      emit_show(ctx, o->show_output, format, record);
    });
  add_list_output(*show, o->show_output);
  show->add_option("ID", o->id, "Recipient id")->required();

  auto* edit = add_verb(
    *noun, ctx, "edit",
    "Change a recipient, or (with decision options) its decision, which all its recipients share",
    Need::write, [&ctx, o] {
      const CLI::App* v = o->edit;
      bool any = false;
      for (const char* name : {"--recipient", "--unit", "--position", "--note", "--decision", "--date",
                               "--issuer", "--form", "--reason", "--agreement", "--meeting"}) {
        any = any || given(v, name);
      }
      if (!any) {
        throw UsageError("nothing to change: give at least one option (see --help)");
      }
      store::AwardStore awards(ctx.db());
      auto award = awards.get(id_arg(o->id, "award id"));
      auto& r = award.recipient;
      auto& d = award.decision;
      apply_recipient(ctx, v, *o, r, given(v, "--recipient"), o->recipient);
      if (given(v, "--note")) {
        r.note = long_text_arg(o->note, "--note");
      }
      auto fields = decision_fields(ctx, v, *o);
      if (given(v, "--decision")) {
        // Renumbering: to an existing number moves the recipient to that decision.
        std::string number = text_arg(o->decision, "--decision");
        auto target = number.empty() ? std::nullopt : awards.decision_by_number(number);
        if (target && target->id != d.id) {
          d = *target;
          merge_into(d, fields, false);
        } else {
          d.number = number;
          merge_into(d, fields, true);
        }
      } else {
        merge_into(d, fields, true);
      }
      awards.update_decision(d);
      r.decision_id = d.id;
      if (auto duplicate = awards.duplicate_of(d.id, r)) {
        throw Conflict(fmt::format("{} is already recipient #{} of this decision",
                                   quote_arg(r.recipient_name()), *duplicate));
      }
      awards.update_recipient(r);
    });
  o->edit = edit;
  edit->add_option("ID", o->id, "Recipient id")->required();
  edit->add_option("--recipient", o->recipient, "New recipient name (organisation or person)")
    ->check(offers(Offer::org));
  edit->add_option("--unit", o->unit, "An individual's unit")->check(offers(Offer::org));
  edit->add_option("--position", o->position, "An individual's position");
  edit->add_option("--note", o->note, "Free text");
  add_decision_options(edit, *o);

  auto* del = add_verb(*noun, ctx, "delete",
                       "Delete a recipient (and its decision when no recipient is left)",
                       Need::write, [&ctx, o] {
                         store::AwardStore(ctx.db()).remove(id_arg(o->id, "award id"));
                       });
  del->add_option("ID", o->id, "Recipient id")->required();
}

} // namespace phoihop::cli
