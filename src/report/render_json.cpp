#include <phoihop/core/json.hpp>
#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>
#include <phoihop/report/summary.hpp>

#include "render_text.hpp"

#include <locale>
#include <optional>
#include <string_view>
#include <ostream>
#include <sstream>

namespace phoihop::report {

namespace {

Value id(core::Id value)
{
  return Value(static_cast<long long>(value));
}

Value date(const core::Date& d)
{
  return Value(d.iso());
}

Value date(const std::optional<core::Date>& d)
{
  return d ? Value(d->iso()) : Value();
}

// Rounded as the CSV rounds it, so the two formats print the same figure.
Value decimal(const std::optional<double>& value)
{
  return value ? Value(detail::one_decimal_number(*value)) : Value();
}

Value period(const core::Period& p)
{
  return Object{{"first", date(p.first)}, {"last", date(p.last)}, {"label", p.label}};
}

// An agreement's "counts" or a section's "totals": the figures in table
// order, counts as integers, percentages as numbers or null. `tasks_only`:
// the task figures alone (a lead body's).
Value counts(const Counts& c, bool tasks_only = false)
{
  Object o;
  for (const auto& figure : k_figures) {
    if (!tasks_only || figure.group == FigureGroup::tasks) {
      o.push_back({std::string(figure.key), figure.count ? Value(c.*figure.count) : decimal(c.*figure.percent)});
    }
  }
  return o;
}

// The changes from the other period of --compare, keyed as "counts":
// integers, and percentage points as numbers or null.
Value deltas(const Counts& now, const Counts& before)
{
  Object o;
  for (const auto& figure : k_figures) {
    auto change = delta(figure, now, before);
    Value value;
    if (change) {
      value = figure.count ? Value(static_cast<long long>(*change)) : decimal(change);
    }
    o.push_back({std::string(figure.key), std::move(value)});
  }
  return o;
}

// An agreement's "compare": its counts in the other period and the changes,
// or null when the other period did not include it.
Value agreement_compare(const AgreementSection& a, const Comparison& other)
{
  const Counts* before = other.of(a.id);
  if (!before) {
    return Value();
  }
  return Object{{"counts", counts(*before)}, {"deltas", deltas(a.counts, *before)}};
}

Value number(const std::optional<double>& value)
{
  return value ? Value(*value) : Value();
}

Value lead(const LeadLine& l)
{
  return Object{
    {"lead_id", l.lead_id ? id(*l.lead_id) : Value()},
    {"lead", l.lead_id ? Value(l.lead) : Value()},
    {"counts", counts(l.counts, true)},
  };
}

Value party(const PartyLine& p)
{
  return Object{
    {"org_id", id(p.org_id)},
    {"name", p.name},
    {"signer_name", text_or_null(p.signer_name)},
    {"signer_position", text_or_null(p.signer_position)},
    {"signed_on", date(p.signed_on)},
  };
}

Value task(const TaskLine& t)
{
  return Object{
    {"id", id(t.id)},
    {"code", text_or_null(t.code)},
    {"title", t.title},
    {"lead", text_or_null(t.lead)},
    {"start", date(t.start)},
    {"due", date(t.due)},
    {"status", t.status},
    {"progress", t.progress},
    {"overdue", t.overdue},
    {"done_in_period", t.done_in_period},
    {"updated_on", date(t.updated_on)},
    {"lead_id", t.lead_id ? id(*t.lead_id) : Value()},
    {"partners", Array(t.partners.begin(), t.partners.end())},
    {"target", number(t.target)},
    {"actual", number(t.actual)},
    {"unit", text_or_null(t.unit)},
    {"pct_of_target", decimal(t.pct_of_target)},
    {"result_note", text_or_null(t.result_note)},
    {"result_date", date(t.result_date)},
  };
}

Value meeting(const MeetingLine& m)
{
  Array participants;
  for (const auto& p : m.participants) {
    participants.push_back(Object{
      {"role", p.role},
      {"org", text_or_null(p.org)},
      {"name", text_or_null(p.name)},
      {"position", text_or_null(p.position)},
    });
  }
  Array contributions;
  for (const auto& c : m.contributions) {
    contributions.push_back(Object{
      {"org", text_or_null(c.org)},
      {"presenter", text_or_null(c.presenter)},
      {"topic", c.topic},
    });
  }
  Array conclusions;
  for (const auto& c : m.conclusions) {
    conclusions.push_back(c.text);
  }
  return Object{
    {"id", id(m.id)},
    {"date", date(m.date)},
    {"kind", m.kind},
    {"title", m.title},
    {"place", text_or_null(m.place)},
    {"participants", std::move(participants)},
    {"contributions", std::move(contributions)},
    {"conclusions", std::move(conclusions)},
    {"follow_ups", detail::follow_ups_value(m)},
  };
}

Value decision(const DecisionLine& d)
{
  Array recipients;
  for (const auto& r : d.recipients) {
    recipients.push_back(Object{
      {"id", id(r.id)},
      {"kind", r.kind},
      {"name", r.name},
      {"unit", text_or_null(r.unit)},
      {"position", text_or_null(r.position)},
    });
  }
  return Object{
    {"id", id(d.id)},
    {"number", text_or_null(d.number)},
    {"date", date(d.date)},
    {"issuer", text_or_null(d.issuer)},
    {"form", text_or_null(d.form)},
    {"reason", text_or_null(d.reason)},
    {"recipients", std::move(recipients)},
  };
}

// Each kind carries only its own fields, so a consumer switches on "kind"
// instead of guessing which nulls matter. "earlier" is true for an item of
// an agreement outside the period, still unresolved.
Value attention(const Attention& item)
{
  Object o{
    {"kind", item.kind},
    {"agreement_id", id(item.agreement_id)},
    {"agreement", item.agreement},
    {"earlier", item.earlier},
  };
  auto successors = [&] {
    Array list;
    for (const auto& [name, from] : item.successors) {
      list.push_back(Object{{"name", name}, {"from", date(from)}});
    }
    return list;
  };
  const std::string& k = item.kind;
  if (k == "overdue_task" || k == "task_unfinished" || k == "task_stale" || k == "task_due_soon" ||
      k == "lead_ceased") {
    o.push_back({"task_id", id(item.task_id)});
    o.push_back({"task_title", item.task_title});
    o.push_back({"due", date(item.due)});
    o.push_back({"progress", item.progress});
  }
  if (k == "task_stale") {
    o.push_back({"last_update", date(item.last_update)});
    o.push_back({"months", item.months});
  } else if (k == "lead_ceased") {
    o.push_back({"lead", item.party});
    o.push_back({"ceased_on", date(item.ceased_on)});
    o.push_back({"successors", successors()});
  } else if (k == "final_review_missing" || k == "term_over_in_force") {
    o.push_back({"term_ended", date(item.term_ended)});
  } else if (k == "party_ceased" || k == "party_ceased_before_term") {
    o.push_back({"party", item.party});
    o.push_back({"ceased_on", date(item.ceased_on)});
    if (k == "party_ceased") {
      o.push_back({"months_into_term", item.months_into_term});
    }
    o.push_back({"successors", successors()});
  }
  return o;
}

// An object written field by field, as Value::write_json writes one at `indent`.
class ObjectWriter : public core::JsonObject {
public:
  ObjectWriter(std::ostream& out, int indent) : JsonObject(out, indent), m_out(out) {}
  void field(std::string_view name, const Value& value)
  {
    key(name);
    value.write_json(m_out, inner());
  }

private:
  std::ostream& m_out;
};

using ArrayWriter = core::JsonArray;

// The field `key` of `o`: an array of `to_value` of each item, written one
// by one; `flush` is called every 512 items, so a long task list is not held
// as text.
template <class Items, class ToValue, class Flush>
void array_field(std::ostream& out, ObjectWriter& o, std::string_view key, const Items& items, ToValue to_value,
                 Flush flush)
{
  o.key(key);
  ArrayWriter array(out, o.inner());
  std::size_t written = 0;
  for (const auto& item : items) {
    array.item();
    to_value(item).write_json(out, array.inner());
    if (++written % 512 == 0) {
      flush();
    }
  }
  array.close();
}

template <class Flush>
void write_agreement(std::ostream& out, const AgreementSection& a, const std::optional<Comparison>& compare,
                     int indent, Flush flush)
{
  ObjectWriter o(out, indent);
  o.field("id", id(a.id));
  o.field("code", text_or_null(a.code));
  o.field("title", a.title);
  o.field("number", text_or_null(a.number));
  o.field("term", text_or_null(a.term));
  o.field("start", date(a.start));
  o.field("end", date(a.end));
  o.field("actual_end", date(a.actual_end));
  o.field("status", a.status);
  Array parties;
  for (const auto& p : a.parties) {
    parties.push_back(party(p));
  }
  o.field("parties", parties);
  o.field("counts", counts(a.counts));
  array_field(out, o, "tasks", a.tasks, task, flush);
  array_field(out, o, "meetings", a.meetings, meeting, flush);
  array_field(out, o, "decisions", a.decisions, decision, flush);
  o.field("note", text_or_null(a.note));
  array_field(out, o, "by_lead", a.by_lead, lead, flush);
  if (compare) {
    o.field("compare", agreement_compare(a, *compare));
  }
  o.close();
}

// The document of phoihop-report(1), FORMATS, written as it is built.
// Everything goes through a classic-locale buffer (Value::write_json streams
// integers with operator<<, which follows a stream's locale), emptied into
// `out` after each agreement.
class JsonSink : public SummarySink {
public:
  JsonSink(std::ostream& out, View view) : m_out(out), m_view(view), m_register(view)
  {
    m_text.imbue(std::locale::classic());
  }

  void begin(const core::Period& whole, const core::Date& today, std::size_t /*sections*/) override
  {
    if (m_view == View::summary) {
      m_document.emplace(m_text, 0);
      m_document->field("format_version", k_json_format_version);
      m_document->field("period", period(whole));
      m_document->field("today", date(today));
      m_document->key("sections");
      m_sections.emplace(m_text, 2);
    } else {
      m_rows.emplace(m_text, 0);
    }
  }

  void begin_section(const PeriodSection& s) override
  {
    if (m_view != View::summary) {
      m_register.begin(s);
      return;
    }
    m_sections->item();
    m_section_object.emplace(m_text, m_sections->inner());
    m_section_object->field("period", period(s.period));
    m_section_object->field("as_of", date(s.as_of));
    m_section_object->key("agreements");
    m_agreements.emplace(m_text, m_section_object->inner());
    m_attention_count = 0;
    m_compare = s.compare;
  }

  void agreement(const PeriodSection& s, const AgreementSection& a) override
  {
    if (m_view == View::summary) {
      m_agreements->item();
      write_agreement(m_text, a, m_compare, m_agreements->inner(), [this] { flush(); });
    } else {
      write_rows(m_register.agreement(s, a));
    }
    flush();
  }

  void attention(const PeriodSection& s, const Attention& item) override
  {
    if (m_view == View::attention) {
      write_rows({m_register.attention(s, item)});
      return;
    }
    if (m_view != View::summary) {
      return;
    }
    // The items of the section's array, as core::JsonArray lays them out,
    // spilled as text: each after "[\n" or ",\n" at two more than the array.
    const int at = m_section_object->inner() + 2;
    std::ostringstream text;
    text.imbue(std::locale::classic());
    text << (m_attention_count++ == 0 ? "[\n" : ",\n") << std::string(static_cast<std::size_t>(at), ' ');
    report::attention(item).write_json(text, at);
    m_attention.append(text.str());
  }

  void end_section(const PeriodSection& s) override
  {
    if (m_view != View::summary) {
      write_rows(m_register.end());
      flush();
      return;
    }
    m_agreements->close();
    m_section_object->field("totals", counts(s.totals));
    m_section_object->key("attention");
    if (m_attention.empty()) {
      m_text << "[]";
    } else {
      flush();
      m_attention.write_to(m_out);
      m_text << '\n' << std::string(static_cast<std::size_t>(m_section_object->inner()), ' ') << ']';
    }
    if (m_compare) {
      m_section_object->field("compare", Object{
                                           {"period", period(m_compare->period)},
                                           {"as_of", date(m_compare->as_of)},
                                           {"totals", counts(m_compare->totals)},
                                           {"deltas", deltas(s.totals, m_compare->totals)},
                                         });
    }
    m_section_object->close();
    flush();
  }

  void end() override
  {
    if (m_view == View::summary) {
      m_sections->close();
      m_document->close();
    } else {
      m_rows->close();
    }
    m_text << '\n';
    flush();
  }

private:
  void write_rows(const std::vector<Object>& rows)
  {
    for (const auto& row : rows) {
      m_rows->item();
      Value(row).write_json(m_text, m_rows->inner());
    }
  }

  void flush()
  {
    m_out << m_text.str();
    m_text.str(std::string());
  }

  std::ostream& m_out;
  View m_view;
  std::ostringstream m_text;
  std::optional<ObjectWriter> m_document;
  std::optional<ArrayWriter> m_sections;
  std::optional<ObjectWriter> m_section_object;
  std::optional<ArrayWriter> m_agreements;
  std::optional<ArrayWriter> m_rows;
  detail::Spool m_attention;
  std::size_t m_attention_count = 0;
  detail::RegisterRows m_register;
  std::optional<Comparison> m_compare; // of the current section
};

} // namespace

std::unique_ptr<SummarySink> json_sink(std::ostream& out, View view, const RenderOptions& /*options*/)
{
  return std::make_unique<JsonSink>(out, view);
}

void render_json(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *json_sink(out, view, options));
}

} // namespace phoihop::report
