#include <phoihop/cli/app.hpp>
#include <phoihop/cli/common.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/org_store.hpp>

#include <fmt/format.h>

#include <ostream>

namespace phoihop::cli {

namespace {

using report::Array;
using report::Object;
using report::Value;

struct OrgOptions {
  ListOutput list_output; // list: --output, --bom
  ListOutput show_output; // show
  std::string org;
  std::string name;
  std::vector<std::string> names;
  std::string into;
  std::string short_name;
  std::string kind;
  std::string parent;
  std::string from;
  std::string to;
  std::string note;
  std::string search;
  std::vector<std::string> by;
  std::string date;
  // The verbs whose callbacks ask which options were given.
  CLI::App* add = nullptr;
  CLI::App* edit = nullptr;
};

const std::vector<report::Column>& org_columns()
{
  static const std::vector<report::Column> k_columns = {
    {"id", "ID"},
    {"uid", "UID", false},
    {"name", "NAME"},
    {"short_name", "SHORT"},
    {"kind", "KIND"},
    {"parent_id", "PARENT_ID", false},
    {"parent", "PARENT", false},
    {"valid_from", "FROM", true, report::ColumnKind::date},
    {"valid_to", "TO", true, report::ColumnKind::date},
    {"aliases", "ALIASES", false},
    {"successors", "SUCCEEDED BY"},
    {"note", "NOTE", false},
  };
  return k_columns;
}

Object org_record(store::OrgStore& orgs, const core::Organisation& org)
{
  Array aliases;
  for (auto& alias : orgs.aliases(org.id)) {
    aliases.emplace_back(alias);
  }
  Array successors;
  for (const auto& s : orgs.successors(org.id)) {
    successors.emplace_back(orgs.get(s.successor_id).name);
  }
  Value parent;
  if (org.parent_id) {
    parent = orgs.get(*org.parent_id).name;
  }
  return Object{
    {"id", org.id},
    {"uid", org.uid},
    {"name", org.name},
    {"short_name", report::text_or_null(org.short_name)},
    {"kind", report::text_or_null(org.kind)},
    {"parent_id", org.parent_id ? Value(*org.parent_id) : Value()},
    {"parent", parent},
    {"valid_from", date_value(org.valid_from)},
    {"valid_to", date_value(org.valid_to)},
    {"aliases", aliases},
    {"successors", successors},
    {"note", report::text_or_null(org.note)},
  };
}

// Applies the field options shared by `org add` and `org edit`.
void apply_fields(Context& ctx, const CLI::App* verb, const OrgOptions& o, store::OrgStore& orgs,
                  core::Organisation& org)
{
  if (given(verb, "--short")) {
    org.short_name = text_arg(o.short_name, "--short");
  }
  if (given(verb, "--kind")) {
    org.kind = o.kind.empty() ? std::string() : core::k_org_kind.check(o.kind, "--kind");
  }
  if (given(verb, "--parent")) {
    if (o.parent.empty()) {
      org.parent_id.reset();
    } else {
      auto parent = orgs.resolve(text_arg(o.parent, "--parent"));
      if (parent.id == org.id) {
        throw UsageError(fmt::format("{} cannot be its own parent", store::describe(org)));
      }
      org.parent_id = parent.id;
    }
  }
  if (given(verb, "--from")) {
    org.valid_from = date_arg(ctx, o.from, "--from");
  }
  if (given(verb, "--to")) {
    org.valid_to = date_arg(ctx, o.to, "--to");
  }
  if (org.valid_from && org.valid_to) {
    check_order(*org.valid_from, "valid from", *org.valid_to, "valid to");
  }
  if (given(verb, "--note")) {
    org.note = long_text_arg(o.note, "--note");
  }
}

void add_field_options(CLI::App* verb, OrgOptions& o)
{
  verb->add_option("--short", o.short_name, "Short name (also finds the organisation)");
  verb->add_option("--kind", o.kind, "Kind: " + core::k_org_kind.joined("|"))
    ->check(offers(core::k_org_kind));
  verb->add_option("--parent", o.parent, "Parent organisation (name or id)")
    ->check(offers(Offer::org));
  verb->add_option("--from", o.from, "Valid from DATE");
  verb->add_option("--to", o.to, "Valid to DATE (the last day it existed)");
  verb->add_option("--note", o.note, "Free text");
}

} // namespace

void register_org(CLI::App& app, Context& ctx)
{
  auto o = std::make_shared<OrgOptions>();
  auto* noun = add_noun(app, "org",
                        "Organisations: found by name, short name or alias, ignoring case and "
                        "accents; created on first mention");

  auto* add = add_verb(*noun, ctx, "add", "Add an organisation explicitly and print its id", Need::write,
                 [&ctx, o] {
                   store::OrgStore orgs(ctx.db());
                   core::Organisation org;
                   org.name = required_text(o->name, "organisation name");
                   auto existing = orgs.match(org.name);
                   if (!existing.empty()) {
                     throw Conflict(fmt::format("organisation {} already exists as {}",
                                                quote_arg(org.name),
                                                store::describe(existing.front())));
                   }
                   apply_fields(ctx, o->add, *o, orgs, org);
                   orgs.insert(org);
                   ctx.out() << org.id << '\n';
                 });
  o->add = add;
  add->add_option("NAME", o->name, "Full name as written")->required();
  add_field_options(add, *o);

  auto* list = add_verb(*noun, ctx, "list", "List organisations in Vietnamese alphabetical order",
                        Need::read, [&ctx, o] {
                          std::string format = list_format(ctx, o->list_output);
                          store::OrgStore orgs(ctx.db());
                          std::vector<Object> rows;
                          for (const auto& org : orgs.list(text_arg(o->search, "--search"))) {
                            rows.push_back(org_record(orgs, org));
                          }
                          emit_list(ctx, o->list_output, format, org_columns(), rows);
                        });
  add_list_output(*list, o->list_output);
  list->add_option("--search", o->search, "Only names, short names or aliases containing TEXT "
                                          "(case- and accent-insensitive)");

  auto* show = add_verb(*noun, ctx, "show", "Show one organisation with its aliases, successions "
                                            "and agreements",
                        Need::read, [&ctx, o] {
                          std::string format = list_format(ctx, o->show_output);
                          store::OrgStore orgs(ctx.db());
                          store::AgreementStore agreements(ctx.db());
                          auto org = orgs.resolve(text_arg(o->org, "organisation"));
                          Object record = org_record(orgs, org);
                          Array predecessors;
                          for (const auto& s : orgs.predecessors(org.id)) {
                            predecessors.emplace_back(Object{{"id", s.predecessor_id},
                                                             {"name", orgs.get(s.predecessor_id).name},
                                                             {"date", s.date.iso()}});
                          }
                          Array successors;
                          for (const auto& s : orgs.successors(org.id)) {
                            successors.emplace_back(Object{{"id", s.successor_id},
                                                           {"name", orgs.get(s.successor_id).name},
                                                           {"date", s.date.iso()}});
                          }
                          for (auto& field : record) {
                            if (field.key == "successors") {
                              field.value = successors;
                            }
                          }
                          record.push_back({"predecessors", predecessors});
                          Array former;
                          for (const auto& [name, until] : orgs.former_names(org.id)) {
                            former.emplace_back(Object{{"name", name}, {"until", until.iso()}});
                          }
                          record.push_back({"former_names", former});
                          Array children;
                          for (const auto& child : orgs.children(org.id)) {
                            children.emplace_back(Object{{"id", child.id}, {"name", child.name}});
                          }
                          record.push_back({"children", children});
                          Array parties;
                          store::AgreementFilter filter;
                          filter.party_org_id = org.id;
                          for (const auto& a : agreements.list(filter)) {
                            parties.emplace_back(Object{{"id", a.id},
                                                        {"code", report::text_or_null(a.code)},
                                                        {"title", a.title},
                                                        {"term", a.term_label()},
                                                        {"status", a.status}});
                          }
                          record.push_back({"agreements", parties});
                          emit_show(ctx, o->show_output, format, record);
                        });
  add_list_output(*show, o->show_output);
  show->add_option("ORG", o->org, "Name, short name, alias or id")
    ->check(offers(Offer::org))->required();

  auto* rename = add_verb(*noun, ctx, "rename",
                          "Rename an organisation; the old name stays as an alias", Need::write,
                          [&ctx, o] {
                            store::OrgStore orgs(ctx.db());
                            auto org = orgs.resolve(text_arg(o->org, "organisation"));
                            std::optional<core::Date> from;
                            if (!o->date.empty()) {
                              from = required_date(ctx, o->date, "--date");
                              // A rename is recorded once it has happened, while the body exists.
                              if (*from > ctx.today()) {
                                throw UsageError(fmt::format("rename date {} is after today {}: record a "
                                                             "rename when it has happened",
                                                             from->iso(), ctx.today().iso()));
                              }
                              if (org.valid_to && *from > *org.valid_to) {
                                throw UsageError(fmt::format("{} ceased on {}; it cannot be renamed from {}",
                                                             store::describe(org), org.valid_to->iso(),
                                                             from->iso()));
                              }
                            }
                            orgs.rename(org.id, required_text(o->name, "new name"), from);
                          });
  rename->add_option("ORG", o->org, "Name, short name, alias or id")
    ->check(offers(Offer::org))->required();
  rename->add_option("NAME", o->name, "The new name")->required();
  rename->add_option("--date", o->date,
                     "The day the new name took effect: reports about earlier days keep the old name "
                     "(without it, the old name is treated as a mistake)");

  auto* alias = add_verb(*noun, ctx, "alias", "Add other names the organisation is known by",
                         Need::write, [&ctx, o] {
                           store::OrgStore orgs(ctx.db());
                           auto org = orgs.resolve(text_arg(o->org, "organisation"));
                           for (const auto& name : o->names) {
                             std::string text = required_text(name, "alias");
                             if (!orgs.add_alias(org.id, text)) {
                               ctx.talk(fmt::format("{} already answers to {}",
                                                    store::describe(org), quote_arg(text)));
                             }
                           }
                         });
  alias->add_option("ORG", o->org, "Name, short name, alias or id")
    ->check(offers(Offer::org))->required();
  alias->add_option("NAME", o->names, "One or more aliases")->required();

  auto* merge = add_verb(*noun, ctx, "merge",
                         "Merge two entries for the same body: FROM's references and names move "
                         "to INTO and FROM is deleted",
                         Need::write, [&ctx, o] {
                           store::OrgStore orgs(ctx.db());
                           auto from = orgs.resolve(text_arg(o->org, "FROM"));
                           auto into = orgs.resolve(text_arg(o->into, "INTO"));
                           orgs.merge(from.id, into.id);
                           ctx.talk(fmt::format("merged {} into {}", store::describe(from),
                                                store::describe(into)));
                         });
  merge->add_option("FROM", o->org, "The duplicate entry")->check(offers(Offer::org))->required();
  merge->add_option("INTO", o->into, "The entry to keep")->check(offers(Offer::org))->required();

  auto* succeed = add_verb(
    *noun, ctx, "succeed",
    "Record that ORG was succeeded by one or more organisations on DATE (a merger or a split)",
    Need::write, [&ctx, o] {
      store::OrgStore orgs(ctx.db());
      auto date = required_date(ctx, o->date, "--date");
      auto org = orgs.resolve(text_arg(o->org, "organisation"));
      if (org.valid_from && date <= *org.valid_from) {
        throw UsageError(fmt::format("succession date {} is not after {} came into being on {}",
                                     date.iso(), store::describe(org), org.valid_from->iso()));
      }
      for (const auto& name : o->by) {
        bool created = false;
        auto successor = orgs.resolve_or_create(required_text(name, "--by"), &created);
        if (successor.id == org.id) {
          throw UsageError(fmt::format("{} cannot succeed itself", store::describe(org)));
        }
        if (created) {
          successor.valid_from = date;
          orgs.update(successor);
          ctx.talk(fmt::format("created organisation {}", store::describe(successor)));
        }
        orgs.add_succession({org.id, successor.id, date, long_text_arg(o->note, "--note")});
      }
      // The body ceased the day before its successors took over.
      if (!org.valid_to) {
        org.valid_to = date.add_days(-1);
        orgs.update(org);
      }
    });
  succeed->add_option("ORG", o->org, "The organisation that ceased")
    ->check(offers(Offer::org))->required();
  succeed->add_option("--by", o->by, "A successor (repeat for several; created if new)")
    ->check(offers(Offer::org))
    ->allow_extra_args(false)
    ->required();
  succeed->add_option("--date", o->date, "The day the successors took over")->required();
  succeed->add_option("--note", o->note, "Free text, e.g. the decision that merged them");

  auto* edit = add_verb(*noun, ctx, "edit", "Change an organisation's short name, kind, parent, "
                                      "validity or note (an empty value clears it)",
                  Need::write, [&ctx, o] {
                    store::OrgStore orgs(ctx.db());
                    auto org = orgs.resolve(text_arg(o->org, "organisation"));
                    bool any = false;
                    for (const char* name : {"--short", "--kind", "--parent", "--from", "--to",
                                             "--note"}) {
                      any = any || given(o->edit, name);
                    }
                    if (!any) {
                      throw UsageError("nothing to change: give at least one of --short, --kind, "
                                       "--parent, --from, --to, --note");
                    }
                    apply_fields(ctx, o->edit, *o, orgs, org);
                    orgs.update(org);
                  });
  o->edit = edit;
  edit->add_option("ORG", o->org, "Name, short name, alias or id")
    ->check(offers(Offer::org))->required();
  add_field_options(edit, *o);
}

} // namespace phoihop::cli
