#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>

#include "render_text.hpp"

#include <locale>
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

Value counts(const Counts& c)
{
  return Object{
    {"tasks_total", c.tasks_total},
    {"tasks_planned", c.tasks_planned},
    {"tasks_in_progress", c.tasks_in_progress},
    {"tasks_done", c.tasks_done},
    {"tasks_cancelled", c.tasks_cancelled},
    {"tasks_overdue", c.tasks_overdue},
    {"tasks_done_in_period", c.tasks_done_in_period},
    {"completion_pct", decimal(c.completion_pct)},
    {"progress_avg", decimal(c.progress_avg)},
    {"meetings", c.meetings},
    {"awards_collective", c.awards_collective},
    {"awards_individual", c.awards_individual},
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
  Array conclusions(m.conclusions.begin(), m.conclusions.end());
  return Object{
    {"id", id(m.id)},
    {"date", date(m.date)},
    {"kind", m.kind},
    {"title", m.title},
    {"place", text_or_null(m.place)},
    {"participants", std::move(participants)},
    {"contributions", std::move(contributions)},
    {"conclusions", std::move(conclusions)},
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

Value agreement(const AgreementSection& a)
{
  Array parties;
  for (const auto& p : a.parties) {
    parties.push_back(party(p));
  }
  Array tasks;
  for (const auto& t : a.tasks) {
    tasks.push_back(task(t));
  }
  Array meetings;
  for (const auto& m : a.meetings) {
    meetings.push_back(meeting(m));
  }
  Array decisions;
  for (const auto& d : a.decisions) {
    decisions.push_back(decision(d));
  }
  return Object{
    {"id", id(a.id)},
    {"code", text_or_null(a.code)},
    {"title", a.title},
    {"number", text_or_null(a.number)},
    {"term", text_or_null(a.term)},
    {"start", date(a.start)},
    {"end", date(a.end)},
    {"actual_end", date(a.actual_end)},
    {"status", a.status},
    {"parties", std::move(parties)},
    {"counts", counts(a.counts)},
    {"tasks", std::move(tasks)},
    {"meetings", std::move(meetings)},
    {"decisions", std::move(decisions)},
  };
}

// Each kind carries only its own fields, so a consumer switches on "kind"
// instead of guessing which nulls matter.
Value attention(const Attention& item)
{
  Object o{
    {"kind", item.kind},
    {"agreement_id", id(item.agreement_id)},
    {"agreement", item.agreement},
  };
  if (item.kind == "overdue_task") {
    o.push_back({"task_id", id(item.task_id)});
    o.push_back({"task_title", item.task_title});
    o.push_back({"due", date(item.due)});
    o.push_back({"progress", item.progress});
  } else if (item.kind == "final_review_missing") {
    o.push_back({"term_ended", date(item.term_ended)});
  } else if (item.kind == "party_ceased") {
    Array successors;
    for (const auto& [name, from] : item.successors) {
      successors.push_back(Object{{"name", name}, {"from", date(from)}});
    }
    o.push_back({"party", item.party});
    o.push_back({"ceased_on", date(item.ceased_on)});
    o.push_back({"months_into_term", item.months_into_term});
    o.push_back({"successors", std::move(successors)});
  }
  return o;
}

Value section(const PeriodSection& s)
{
  Array agreements;
  for (const auto& a : s.agreements) {
    agreements.push_back(agreement(a));
  }
  Array items;
  for (const auto& item : s.attention) {
    items.push_back(attention(item));
  }
  return Object{
    {"period", period(s.period)},
    {"as_of", date(s.as_of)},
    {"agreements", std::move(agreements)},
    {"totals", counts(s.totals)},
    {"attention", std::move(items)},
  };
}

} // namespace

void render_json(std::ostream& out, const Summary& summary, View view, const RenderOptions& /*options*/)
{
  Value document;
  if (view == View::summary) {
    Array sections;
    for (const auto& s : summary.sections) {
      sections.push_back(section(s));
    }
    document = Object{
      {"period", period(summary.period)},
      {"today", date(summary.today)},
      {"sections", std::move(sections)},
    };
  } else {
    Array rows;
    for (const auto& s : summary.sections) {
      for (auto& row : detail::register_rows(s, view)) {
        rows.push_back(std::move(row));
      }
    }
    document = std::move(rows);
  }
  // Value::write_json streams integers with operator<<, which follows the
  // stream's locale; writing through a classic-locale buffer keeps the bytes
  // the same whatever locale the caller's stream carries.
  std::ostringstream text;
  text.imbue(std::locale::classic());
  document.write_json(text, 0);
  text << '\n';
  out << text.str();
}

} // namespace phoihop::report
