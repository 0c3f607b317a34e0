#include <phoihop/store/catalogue.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace phoihop::store {

namespace {

using K = ColumnKind;

ColumnSpec text(std::string_view key, std::string_view fold = {}, bool required = false)
{
  return ColumnSpec{key, key, K::text, {}, nullptr, required, {}, fold};
}

// Free text: notes, reasons, descriptions, conclusions.
ColumnSpec long_text(std::string_view key, std::string_view fold = {}, bool required = false)
{
  ColumnSpec c = text(key, fold, required);
  c.multiline = true;
  return c;
}

ColumnSpec date(std::string_view key, std::string_view column, bool required = false)
{
  return ColumnSpec{key, column, K::date, {}, nullptr, required, {}, {}};
}

ColumnSpec ref(std::string_view key, std::string_view column, std::string_view table, bool required = false)
{
  return ColumnSpec{key, column, K::ref, table, nullptr, required, {}, {}};
}

ColumnSpec choice(std::string_view key, const core::EnumSet& set, std::string_view fallback = {},
                  bool required = false)
{
  return ColumnSpec{key, key, K::text, {}, &set, required, fallback, {}};
}

ColumnSpec number(std::string_view key, ColumnKind kind)
{
  return ColumnSpec{key, key, kind, {}, nullptr, false, {}, {}};
}

ColumnSpec ordinal()
{
  return ColumnSpec{"", "ordinal", K::ordinal, {}, nullptr, false, {}, {}};
}

} // namespace

const std::vector<TableSpec>& interchange_tables()
{
  static const std::vector<TableSpec> k_tables = {
    {"org", "organisations", {}, {},
     {text("name", "name_key", true), text("short_name", "short_key"), choice("kind", core::k_org_kind),
      ref("parent", "parent_id", "org"), date("valid_from", "valid_from"), date("valid_to", "valid_to"),
      long_text("note")},
     {{"aliases", "org_alias", "org_id", "name", {}, "name_key", {}, true}}, 2, "t.name_key, t.uid"},
    // A former name with the last day it was the name (org rename --date).
    {"org_name", "former_names", "org", "org_id",
     {text("name", {}, true), date("until", "until", true)},
     {}, 0, "t.until, t.uid"},
    {"org_succession", "successions", {}, {},
     {ref("predecessor", "predecessor_id", "org", true), ref("successor", "successor_id", "org", true),
      date("date", "date", true), long_text("note")},
     {}, 0, "t.date, t.uid"},
    {"agreement", "agreements", {}, {},
     {text("code"), text("title", "title_key", true), text("number"), date("signed_on", "signed_on"),
      text("place"), text("period"), date("start", "start_date", true), date("end", "end_date", true),
      date("actual_end", "actual_end"), choice("status", core::k_agreement_status, "draft"),
      long_text("end_reason"), ref("supersedes", "supersedes_id", "agreement"),
      ref("parent", "parent_id", "agreement"), long_text("note")},
     {}, 2, "t.start_date, t.uid"},
    {"agreement_party", "parties", "agreement", "agreement_id",
     {ref("org", "org_id", "org", true), text("signer_name"), text("signer_position"),
      date("signed_on", "signed_on"), ordinal()},
     {}, 0, "t.ordinal, t.uid"},
    {"meeting", "meetings", {}, {},
     {choice("kind", core::k_meeting_kind, "other"), text("title", "title_key", true),
      date("date", "date", true), text("place"), choice("format", core::k_meeting_format),
      text("minutes"), long_text("note")},
     {{"agreements", "meeting_agreement", "meeting_id", "agreement_id", "agreement", {}, {}, false}}, 2,
     "t.date, t.uid"},
    {"meeting_participant", "participants", "meeting", "meeting_id",
     {ref("org", "org_id", "org"), text("name"), text("position"),
      choice("role", core::k_participant_role, "delegate"), ordinal()},
     {}, 0, "t.ordinal, t.uid"},
    {"meeting_contribution", "contributions", "meeting", "meeting_id",
     {ref("org", "org_id", "org"), text("presenter"), text("topic", {}, true), ordinal()},
     {}, 0, "t.ordinal, t.uid"},
    {"meeting_conclusion", "conclusions", "meeting", "meeting_id",
     {long_text("text", {}, true), ordinal()},
     {}, 0, "t.ordinal, t.uid"},
    {"task", "tasks", {}, {},
     {ref("agreement", "agreement_id", "agreement", true), text("code"), number("ordinal", K::integer),
      text("title", "title_key", true), long_text("description", "description_key"),
      ref("lead", "lead_org_id", "org"), date("start", "start_date"), date("due", "due_date"),
      number("target", K::real), text("unit"), ref("meeting", "meeting_id", "meeting"),
      ref("conclusion", "conclusion_id", "meeting_conclusion"), long_text("note")},
     {{"partners", "task_partner", "task_id", "org_id", "org", {}, "ordinal", false}}, 2,
     "(SELECT a.start_date FROM agreement a WHERE a.id = t.agreement_id), "
     "(SELECT a.uid FROM agreement a WHERE a.id = t.agreement_id), t.ordinal, t.uid"},
    {"task_update", "updates", "task", "task_id",
     {date("date", "date", true), number("seq", K::integer), choice("status", core::k_task_status),
      number("progress", K::integer), number("actual", K::real), date("due", "due"), long_text("note")},
     {}, 1, "t.date, t.seq, t.uid"},
    {"award_decision", "awards", {}, {},
     {text("number"), date("date", "date"), ref("issuer", "issuer_org_id", "org"),
      choice("form", core::k_award_form, "bang_khen"), long_text("reason"),
      ref("agreement", "agreement_id", "agreement"), ref("meeting", "meeting_id", "meeting")},
     {}, 2, "t.date, t.number, t.uid"},
    {"award_recipient", "recipients", "award_decision", "decision_id",
     {choice("kind", core::k_award_kind, {}, true), ref("org", "org_id", "org"),
      text("person_name", "person_key"), text("position"), ordinal(), long_text("note")},
     {}, 2, "t.ordinal, t.uid"},
  };
  return k_tables;
}

const std::vector<TableSpec>& archive_tables()
{
  static const std::vector<TableSpec> k_tables = {
    {"sent_report", "sent_reports", {}, {},
     {number("number", K::integer), text("symbol"), date("issued_on", "issued_on", true),
      long_text("recipients", {}, true), choice("view", core::k_report_view, {}, true), text("period", {}, true),
      date("period_start", "period_start", true), date("period_end", "period_end", true),
      date("as_of", "as_of", true), text("agreement"), choice("format", core::k_report_format, {}, true),
      choice("lang", core::k_lang, {}, true), number("size", K::integer), text("sha256", {}, true)},
     {}, 1, "t.issued_on, t.symbol, t.number, t.uid"},
  };
  return k_tables;
}

const TableSpec& interchange_table(std::string_view table)
{
  for (const auto& spec : interchange_tables()) {
    if (spec.table == table) {
      return spec;
    }
  }
  throw std::logic_error(fmt::format("no interchange table {}", table));
}

std::string noun_of(std::string_view table)
{
  if (table == "org") {
    return "organisation";
  }
  if (table == "org_name") {
    return "former name";
  }
  std::string noun(table);
  std::replace(noun.begin(), noun.end(), '_', ' ');
  return noun;
}

const std::vector<RecordKind>& record_kinds()
{
  static const std::vector<RecordKind> k_kinds = {
    {"org", {"org", "org_alias", "org_name", "org_succession"}},
    {"agreement", {"agreement", "agreement_party"}},
    {"task", {"task", "task_partner", "task_update"}},
    {"meeting", {"meeting", "meeting_agreement", "meeting_participant", "meeting_contribution", "meeting_conclusion"}},
    {"award", {"award_recipient", "award_decision"}},
    {"sent", {"sent_report"}},
  };
  return k_kinds;
}

} // namespace phoihop::store
