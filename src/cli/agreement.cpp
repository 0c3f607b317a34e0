#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/term.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/store/agreement_store.hpp>
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

struct AgreementOptions {
  ListOutput list_output; // list: --output, --bom
  ListOutput show_output; // show
  std::string ref;
  std::string title;
  std::vector<std::string> parties;
  std::string party;
  std::string period;
  std::string from;
  std::string to;
  std::string code;
  std::string number;
  std::string signed_on;
  std::string place;
  std::string supersedes;
  std::string parent;
  std::string note;
  std::string signer;
  std::string position;
  std::string date;
  std::string status;
  std::string reason;
  std::string active_on;
  std::string search;
  bool force = false;
  CLI::App* add = nullptr;
  CLI::App* renew = nullptr;
  CLI::App* edit = nullptr;
};

const std::vector<report::Column>& agreement_columns()
{
  static const std::vector<report::Column> k_columns = {
    {"id", "ID"},
    {"uid", "UID", false},
    {"code", "CODE"},
    {"title", "TITLE"},
    {"number", "NUMBER", false},
    {"term", "TERM"},
    {"start", "START", false, report::ColumnKind::date},
    {"end", "END", false, report::ColumnKind::date},
    {"actual_end", "ACTUAL END", false, report::ColumnKind::date},
    {"status", "STATUS"},
    {"signed_on", "SIGNED", false, report::ColumnKind::date},
    {"place", "PLACE", false},
    {"parties", "PARTIES"},
    {"supersedes_id", "SUPERSEDES", false},
    {"parent_id", "PARENT", false},
    {"end_reason", "END REASON", false},
    {"note", "NOTE", false},
  };
  return k_columns;
}

Value optional_id(const std::optional<core::Id>& id)
{
  return id ? Value(*id) : Value();
}

Object agreement_record(const core::Agreement& a)
{
  Array parties;
  for (const auto& p : a.parties) {
    parties.emplace_back(p.org_name);
  }
  return Object{
    {"id", a.id},
    {"uid", a.uid},
    {"code", report::text_or_null(a.code)},
    {"title", a.title},
    {"number", report::text_or_null(a.number)},
    {"term", a.term_label()},
    {"start", a.start.iso()},
    {"end", a.end.iso()},
    {"actual_end", date_value(a.actual_end)},
    {"status", a.status},
    {"signed_on", date_value(a.signed_on)},
    {"place", report::text_or_null(a.place)},
    {"parties", parties},
    {"supersedes_id", optional_id(a.supersedes_id)},
    {"parent_id", optional_id(a.parent_id)},
    {"end_reason", report::text_or_null(a.end_reason)},
    {"note", report::text_or_null(a.note)},
  };
}

// A code names an agreement next to ids, so it must not look like one.
std::string check_code(const std::string& text)
{
  std::string code = text_arg(text, "--code");
  if (code.empty()) {
    return code;
  }
  bool digits = std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  bool spaces = code.find_first_of(" \t") != std::string::npos;
  if (digits || code.front() == '#' || spaces) {
    throw UsageError(fmt::format("invalid code {} for --code: a code has no spaces and is not a "
                                 "number (numbers are ids)",
                                 quote_arg(code)));
  }
  return code;
}

// Sets the term from --period or --from/--to; `required` when neither may be missing.
void apply_term(Context& ctx, const CLI::App* verb, const AgreementOptions& o, core::Agreement& a,
                bool required)
{
  bool period = given(verb, "--period");
  bool from = given(verb, "--from");
  bool to = given(verb, "--to");
  if (period && (from || to)) {
    throw UsageError("give the term either as --period or as --from/--to, not both");
  }
  if (period) {
    auto term = core::term_from_period(text_arg(o.period, "--period"), a.signed_on, "--period");
    a.start = term.start;
    a.end = term.end;
    a.period = term.period;
  } else if (from || to) {
    if (required && !(from && to)) {
      throw UsageError("give both --from and --to (or --period)");
    }
    if (from) {
      a.start = required_date(ctx, o.from, "--from");
    }
    if (to) {
      a.end = required_date(ctx, o.to, "--to");
    }
    a.period.clear();
  } else if (required) {
    throw UsageError("give the term as --period 2018-2022 or as --from DATE --to DATE");
  }
  check_order(a.start, "start", a.end, "end");
  if (a.actual_end) {
    check_order(a.start, "start", *a.actual_end, "actual end");
  }
}

// Marks `old` as renewed by `renewal`: superseded, ending the day before the
// renewal starts when that falls inside its term.
void supersede(store::AgreementStore& agreements, core::Agreement old, const core::Agreement& renewal)
{
  if (old.id == renewal.id) {
    throw UsageError(fmt::format("agreement {} cannot supersede itself", store::describe(old)));
  }
  if (old.status == "superseded" || old.status == "cancelled") {
    auto by = agreements.superseded_by(old.id);
    throw Conflict(fmt::format("agreement {} is already {}{}", store::describe(old), old.status,
                               by.empty() ? "" : " by " + store::describe(by.front())));
  }
  old.status = "superseded";
  if (renewal.start > old.start && renewal.start <= old.effective_end()) {
    old.actual_end = renewal.start.add_days(-1);
  }
  agreements.update(old);
}

std::vector<core::Party> resolve_parties(Context& ctx, const std::vector<std::string>& names)
{
  std::vector<core::Party> parties;
  for (const auto& name : names) {
    auto org = mention_org(ctx, name, "--party");
    for (const auto& p : parties) {
      if (p.org_id == org.id) {
        throw UsageError(fmt::format("{} is named twice as a party (as {})", quote_arg(org.name),
                                     quote_arg(name)));
      }
    }
    parties.push_back({org.id, org.name, {}, {}, {}});
  }
  if (parties.size() < 2) {
    throw UsageError("an agreement needs two or more parties: give --party for each");
  }
  return parties;
}

void add_party_signatures(core::Agreement& a)
{
  if (!a.signed_on) {
    return;
  }
  for (auto& p : a.parties) {
    if (!p.signed_on) {
      p.signed_on = a.signed_on;
    }
  }
  if (a.status == "draft") {
    a.status = "in_force";
  }
}

// "Quy chế … giai đoạn 2018-2022" renewed for 2022-2026 becomes "… giai đoạn 2022-2026".
std::string renewed_title(const core::Agreement& old, const std::string& new_period)
{
  if (old.period.empty() || new_period.empty()) {
    return old.title;
  }
  std::string title = old.title;
  std::string dashed = old.period;
  auto dash = dashed.find('-');
  std::vector<std::string> spellings{old.period};
  if (dash != std::string::npos) {
    spellings.push_back(dashed.substr(0, dash) + "\xe2\x80\x93" + dashed.substr(dash + 1));
    spellings.push_back(dashed.substr(0, dash) + " - " + dashed.substr(dash + 1));
  }
  for (const auto& s : spellings) {
    if (auto pos = title.rfind(s); pos != std::string::npos) {
      return title.replace(pos, s.size(), new_period);
    }
  }
  return title;
}

} // namespace

void register_agreement(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<AgreementOptions>();
  auto* noun = add_noun(app, "agreement", "Coordination agreements (quy chế phối hợp): parties, "
                                          "signers, terms and status");

  auto* add = add_verb(
    *noun, ctx, "add", "Add an agreement and print its id", Need::write, [&ctx, o] {
      store::AgreementStore agreements(ctx.db());
      core::Agreement a;
      a.title = required_text(o->title, "title");
      a.code = check_code(o->code);
      a.number = text_arg(o->number, "--number");
      a.signed_on = date_arg(ctx, o->signed_on, "--signed");
      a.place = text_arg(o->place, "--place");
      a.note = long_text_arg(o->note, "--note");
      apply_term(ctx, o->add, *o, a, true);
      if (a.signed_on && *a.signed_on > a.end) {
        throw UsageError(fmt::format("signing date {} is after the end of the term {}",
                                     a.signed_on->iso(), a.end.iso()));
      }
      std::optional<core::Agreement> old;
      if (!o->supersedes.empty()) {
        old = agreements.resolve(o->supersedes);
        a.supersedes_id = old->id;
      }
      if (!o->parent.empty()) {
        a.parent_id = agreements.resolve(o->parent).id;
      }
      a.parties = resolve_parties(ctx, o->parties);
      add_party_signatures(a);
      agreements.insert(a);
      if (old) {
        supersede(agreements, *old, a);
      }
      ctx.out() << a.id << '\n';
    });
  o->add = add;
  add->add_option("TITLE", o->title, "Title, e.g. 'Quy chế phối hợp … giai đoạn 2018-2022'")
    ->required();
  add->add_option("--party", o->parties, "A party (repeat: two or more; created if new)")
    ->check(offers(Offer::org))
    ->allow_extra_args(false)
    ->required();
  add->add_option("--period", o->period, "Term as years: 2018-2022");
  add->add_option("--from", o->from, "First day of the term");
  add->add_option("--to", o->to, "Last day of the term (planned end)");
  add->add_option("--code", o->code, "Short unique code, e.g. BT-2018");
  add->add_option("--number", o->number, "Document number, e.g. 05/QCPH-UBND-TĐTN");
  add->add_option("--signed", o->signed_on, "Signing date (makes it in force)");
  add->add_option("--place", o->place, "Place of signing");
  add->add_option("--supersedes", o->supersedes, "The agreement this one renews (id or code)")
    ->check(offers(Offer::agreement));
  add->add_option("--parent", o->parent, "The agreement this one implements (id or code)")
    ->check(offers(Offer::agreement));
  add->add_option("--note", o->note, "Free text");

  auto* sign = add_verb(
    *noun, ctx, "sign", "Record who signed for a party, in what position and when", Need::write,
    [&ctx, o] {
      store::OrgStore orgs(ctx.db());
      store::AgreementStore agreements(ctx.db());
      auto a = agreements.resolve(o->ref);
      auto org = orgs.resolve(required_text(o->party, "--party"));
      auto party = std::find_if(a.parties.begin(), a.parties.end(),
                                [&](const core::Party& p) { return p.org_id == org.id; });
      if (party == a.parties.end()) {
        throw NotFound(fmt::format("{} is not a party of agreement {}", store::describe(org),
                                   store::describe(a)));
      }
      party->signer_name = required_text(o->signer, "--signer");
      party->signer_position = text_arg(o->position, "--position");
      auto date = date_arg(ctx, o->date, "--date");
      party->signed_on = date ? date : (a.signed_on ? a.signed_on : ctx.today());
      if (*party->signed_on > a.end) {
        throw UsageError(fmt::format("signing date {} is after the end of the term {}{}",
                                     party->signed_on->iso(), a.end.iso(),
                                     date ? "" : " (give the signing date with --date)"));
      }
      bool all = std::all_of(a.parties.begin(), a.parties.end(),
                             [](const core::Party& p) { return p.signed_on.has_value(); });
      if (all) {
        if (!a.signed_on) {
          for (const auto& p : a.parties) {
            a.signed_on = a.signed_on ? std::max(*a.signed_on, *p.signed_on) : *p.signed_on;
          }
        }
        if (a.status == "draft") {
          a.status = "in_force";
        }
      }
      agreements.update(a);
    });
  sign->add_option("REF", o->ref, "Agreement id or code")
    ->check(offers(Offer::agreement))->required();
  sign->add_option("--party", o->party, "The party signing (name or id)")
    ->check(offers(Offer::org))->required();
  sign->add_option("--signer", o->signer, "Name of the person who signed")->required();
  sign->add_option("--position", o->position, "Their position at signing");
  sign->add_option("--date", o->date, "Signing date (default: the agreement's, else today)");

  auto* renew = add_verb(
    *noun, ctx, "renew",
    "Create the successor agreement with the same parties and mark this one superseded; print "
    "the new id",
    Need::write, [&ctx, o] {
      store::AgreementStore agreements(ctx.db());
      auto old = agreements.resolve(o->ref);
      core::Agreement a;
      a.signed_on = date_arg(ctx, o->signed_on, "--signed");
      apply_term(ctx, o->renew, *o, a, true);
      a.title = o->title.empty() ? renewed_title(old, a.period) : required_text(o->title, "--title");
      a.code = check_code(o->code);
      a.number = text_arg(o->number, "--number");
      a.place = old.place;
      a.parent_id = old.parent_id;
      a.supersedes_id = old.id;
      for (const auto& p : old.parties) {
        a.parties.push_back({p.org_id, p.org_name, {}, {}, {}});
      }
      if (a.start <= old.start) {
        throw UsageError(fmt::format("the renewal starts {}, not after agreement {} started on {}",
                                     a.start.iso(), store::describe(old), old.start.iso()));
      }
      add_party_signatures(a);
      agreements.insert(a);
      supersede(agreements, old, a);
      ctx.out() << a.id << '\n';
    });
  o->renew = renew;
  renew->add_option("REF", o->ref, "The agreement to renew (id or code)")
    ->check(offers(Offer::agreement))->required();
  renew->add_option("--period", o->period, "Term of the renewal as years: 2022-2026");
  renew->add_option("--from", o->from, "First day of the renewal");
  renew->add_option("--to", o->to, "Last day of the renewal");
  renew->add_option("--title", o->title, "Title (default: the old title with the new period)");
  renew->add_option("--code", o->code, "Short unique code");
  renew->add_option("--number", o->number, "Document number");
  renew->add_option("--signed", o->signed_on, "Signing date (makes it in force)");

  auto* end = add_verb(
    *noun, ctx, "end", "End an agreement on a date (early, on time, or cancel it)", Need::write,
    [&ctx, o] {
      store::AgreementStore agreements(ctx.db());
      auto a = agreements.resolve(o->ref);
      auto date = required_date(ctx, o->date, "--date");
      std::string status = o->status;
      if (!status.empty() && status != "ended" && status != "ended_early" && status != "cancelled") {
        throw core::not_one_of("status", status, "--status", {"ended", "ended_early", "cancelled"});
      }
      if (a.status == "ended" || a.status == "ended_early" || a.status == "superseded" ||
          a.status == "cancelled") {
        throw Conflict(fmt::format("agreement {} is already {} ({})", store::describe(a), a.status,
                                   a.effective_end().iso()));
      }
      check_order(a.start, "the agreement's start", date, "end date");
      if (date > ctx.today()) {
        throw UsageError(fmt::format("end date {} is after today {}: record an end when it has "
                                     "happened",
                                     date.iso(), ctx.today().iso()));
      }
      // Work still open when the agreement ends would be left dangling:
      // refuse, or with --force close it on the end date: unfinished, with
      // the progress it reached (it stays in the figures), or cancelled when
      // the agreement itself is.
      store::TaskStore tasks(ctx.db());
      store::TaskFilter filter;
      filter.agreement_id = a.id;
      std::vector<core::Task> open;
      for (auto& t : tasks.list(filter, date)) {
        if (!core::task_closed(t.status)) {
          open.push_back(std::move(t));
        }
      }
      if (!open.empty() && !o->force) {
        std::vector<std::string> ids;
        for (const auto& t : open) {
          ids.push_back("#" + std::to_string(t.id));
        }
        throw Conflict(fmt::format("agreement {} still has {} open task{} on {} ({}); finish them "
                                   "first, or use --force to close them on that date",
                                   store::describe(a), open.size(), open.size() == 1 ? "" : "s",
                                   date.iso(), fmt::join(ids, ", ")));
      }
      if (status.empty()) {
        status = date < a.end ? "ended_early" : "ended";
      }
      for (const auto& t : open) {
        core::TaskUpdate close;
        close.date = date;
        // No note: the status says why, and the task's last result stays its own.
        close.status = status == "cancelled" ? "cancelled" : "unfinished";
        tasks.add_update(t.id, close);
      }
      a.status = status;
      a.actual_end = date;
      a.end_reason = long_text_arg(o->reason, "--reason");
      agreements.update(a);
    });
  end->add_option("REF", o->ref, "Agreement id or code")
    ->check(offers(Offer::agreement))->required();
  end->add_option("--date", o->date, "The last day it was in force")->required();
  end->add_option("--status", o->status, "ended|ended_early|cancelled (default: from the date)")
    ->check(offers({"ended", "ended_early", "cancelled"}));
  end->add_option("--reason", o->reason, "Why it ended");
  end->add_flag("--force", o->force,
                "Close the tasks still open on that date: unfinished at the progress they reached "
                "(cancelled if the agreement is)");

  auto* list = add_verb(
    *noun, ctx, "list", "List agreements by start date", Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->list_output);
      store::AgreementFilter filter;
      if (!o->status.empty()) {
        filter.status = core::k_agreement_status.check(o->status, "--status");
      }
      filter.active_on = date_arg(ctx, o->active_on, "--active-on");
      filter.search = text_arg(o->search, "--search");
      store::OrgStore orgs(ctx.db());
      store::AgreementStore agreements(ctx.db());
      if (!o->party.empty()) {
        filter.party_org_id = orgs.resolve(text_arg(o->party, "--party")).id;
      }
      std::vector<Object> rows;
      for (const auto& a : agreements.list(filter)) {
        rows.push_back(agreement_record(a));
      }
      emit_list(ctx, o->list_output, format, agreement_columns(), rows);
    });
  add_list_output(*list, o->list_output);
  list->add_option("--status", o->status, "Only this status: " + core::k_agreement_status.joined("|"))
    ->check(offers(core::k_agreement_status));
  list->add_option("--party", o->party, "Only agreements this organisation is party to")
    ->check(offers(Offer::org));
  list->add_option("--active-on", o->active_on, "Only agreements whose term includes DATE");
  list->add_option("--search", o->search, "Only titles, codes or numbers containing TEXT "
                                          "(case- and accent-insensitive)");

  auto* show = add_verb(
    *noun, ctx, "show", "Show one agreement with its parties and signers", Need::read, [&ctx, o] {
      std::string format = list_format(ctx, o->show_output);
      store::AgreementStore agreements(ctx.db());
      auto a = agreements.resolve(o->ref);
      Object record = agreement_record(a);
      Array parties;
      for (const auto& p : a.parties) {
        parties.emplace_back(Object{{"org_id", p.org_id},
                                    {"name", p.org_name},
                                    {"signer_name", report::text_or_null(p.signer_name)},
                                    {"signer_position", report::text_or_null(p.signer_position)},
                                    {"signed_on", date_value(p.signed_on)}});
      }
      for (auto& field : record) {
        if (field.key == "parties") {
          field.value = parties;
        }
      }
      Array by;
      for (const auto& s : agreements.superseded_by(a.id)) {
        by.emplace_back(s.id);
      }
      record.push_back({"superseded_by", by});
      Array children;
      for (const auto& c : agreements.children(a.id)) {
        children.emplace_back(c.id);
      }
      record.push_back({"children", children});
      emit_show(ctx, o->show_output, format, record);
    });
  add_list_output(*show, o->show_output);
  show->add_option("REF", o->ref, "Agreement id or code")
    ->check(offers(Offer::agreement))->required();

  auto* edit = add_verb(
    *noun, ctx, "edit", "Change an agreement's fields (an empty value clears an optional one)",
    Need::write, [&ctx, o] {
      store::AgreementStore agreements(ctx.db());
      auto a = agreements.resolve(o->ref);
      const CLI::App* v = o->edit;
      bool any = false;
      for (const char* name : {"--title", "--code", "--number", "--signed", "--place", "--period",
                               "--from", "--to", "--status", "--supersedes", "--parent", "--note"}) {
        any = any || given(v, name);
      }
      if (!any) {
        throw UsageError("nothing to change: give at least one field option (see --help)");
      }
      if (given(v, "--title")) {
        a.title = required_text(o->title, "--title");
      }
      if (given(v, "--code")) {
        a.code = check_code(o->code);
      }
      if (given(v, "--number")) {
        a.number = text_arg(o->number, "--number");
      }
      if (given(v, "--signed")) {
        a.signed_on = date_arg(ctx, o->signed_on, "--signed");
        if (a.signed_on && *a.signed_on > a.end) {
          throw UsageError(fmt::format("signing date {} is after the end of the term {}",
                                       a.signed_on->iso(), a.end.iso()));
        }
      }
      if (given(v, "--place")) {
        a.place = text_arg(o->place, "--place");
      }
      if (given(v, "--status")) {
        a.status = core::k_agreement_status.check(o->status, "--status");
      }
      if (given(v, "--note")) {
        a.note = long_text_arg(o->note, "--note");
      }
      if (given(v, "--supersedes")) {
        a.supersedes_id.reset();
        if (!o->supersedes.empty()) {
          a.supersedes_id = agreements.resolve(o->supersedes).id;
        }
      }
      if (given(v, "--parent")) {
        a.parent_id.reset();
        if (!o->parent.empty()) {
          a.parent_id = agreements.resolve(o->parent).id;
        }
      }
      if ((a.supersedes_id && *a.supersedes_id == a.id) || (a.parent_id && *a.parent_id == a.id)) {
        throw UsageError(fmt::format("agreement {} cannot refer to itself", store::describe(a)));
      }
      apply_term(ctx, v, *o, a, false);
      agreements.update(a);
    });
  o->edit = edit;
  edit->add_option("REF", o->ref, "Agreement id or code")
    ->check(offers(Offer::agreement))->required();
  edit->add_option("--title", o->title, "New title");
  edit->add_option("--code", o->code, "New code");
  edit->add_option("--number", o->number, "Document number");
  edit->add_option("--signed", o->signed_on, "Signing date");
  edit->add_option("--place", o->place, "Place of signing");
  edit->add_option("--period", o->period, "Term as years");
  edit->add_option("--from", o->from, "First day of the term");
  edit->add_option("--to", o->to, "Last day of the term (planned end)");
  edit->add_option("--status", o->status, "Status: " + core::k_agreement_status.joined("|"))
    ->check(offers(core::k_agreement_status));
  edit->add_option("--supersedes", o->supersedes, "The agreement this one renews")
    ->check(offers(Offer::agreement));
  edit->add_option("--parent", o->parent, "The agreement this one implements")
    ->check(offers(Offer::agreement));
  edit->add_option("--note", o->note, "Free text");

  auto* del = add_verb(
    *noun, ctx, "delete", "Delete an agreement; refused while anything refers to it, unless --force",
    Need::write, [&ctx, o] {
      store::AgreementStore agreements(ctx.db());
      auto a = agreements.resolve(o->ref);
      agreements.remove(a.id, o->force);
      ctx.talk(fmt::format("deleted agreement {}", store::describe(a)));
    });
  del->add_option("REF", o->ref, "Agreement id or code")
    ->check(offers(Offer::agreement))->required();
  del->add_flag("--force", o->force, "Also delete its tasks and unlink meetings, awards and "
                                     "agreements that refer to it");
}

} // namespace phoihop::cli
