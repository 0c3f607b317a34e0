#include <phoihop/report/build.hpp>

#include <phoihop/core/error.hpp>

#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/award_store.hpp>
#include <phoihop/store/meeting_store.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/report_store.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace phoihop::report {

namespace {

std::string agreement_ref(const core::Agreement& a)
{
  return a.code.empty() ? "#" + std::to_string(a.id) : a.code;
}

// The last day an agreement's term covers for inclusion, as known on
// `as_of`: its planned end, or its actual end if that came later and had
// happened by then (an end recorded later changes no earlier report).
core::Date term_last(const core::Agreement& a, const core::Date& as_of)
{
  auto ended = ended_by(a, as_of);
  return ended && *ended > a.end ? *ended : a.end;
}

std::optional<double> one_decimal(double value)
{
  return std::round(value * 10.0) / 10.0; // in double: an indicator may be far beyond 64 bits of tenths
}

void finish_counts(Counts& c, long long progress_sum, int progress_count)
{
  int denominator = c.tasks_total - c.tasks_cancelled;
  if (denominator > 0) {
    c.completion_pct = one_decimal(100.0 * c.tasks_done / denominator);
  }
  if (progress_count > 0) {
    c.progress_avg = one_decimal(static_cast<double>(progress_sum) / progress_count);
  }
}

// A day after every day a report is about: a renewal that never came into force.
constexpr core::Date k_never{9999, 12, 31};

// The successors of `org_id` with the day each took over, named as that day.
using Successors = std::vector<std::pair<std::string, core::Date>>;
// The task figures of Counts from a tally (meetings and awards untouched).
void set_task_figures(Counts& c, const store::ReportTaskCounts& n)
{
  c.tasks_total = n.total;
  c.tasks_planned = n.planned;
  c.tasks_in_progress = n.in_progress;
  c.tasks_done = n.done;
  c.tasks_cancelled = n.cancelled;
  c.tasks_unfinished = n.unfinished;
  c.tasks_overdue = n.overdue;
  c.tasks_done_in_period = n.done_in_period;
  finish_counts(c, n.progress_sum, n.progress_count);
}

std::optional<double> pct_of_target(const std::optional<double>& actual, const std::optional<double>& target)
{
  if (!actual || !target || *target == 0) {
    return std::nullopt;
  }
  return one_decimal(*actual / *target * 100.0);
}

// The tasks of an agreement tallied by lead body, in the order each lead
// first appears, the tasks without a lead last.
class LeadTally {
public:
  void add(const store::ReportTask& t, const core::Date& as_of)
  {
    if (!t.lead_id) {
      m_none.add(t, as_of);
      return;
    }
    auto [it, added] = m_index.try_emplace(*t.lead_id, m_leads.size());
    if (added) {
      m_leads.push_back({t.lead_id, t.lead, {}});
    }
    m_leads[it->second].tally.add(t, as_of);
  }

  std::vector<LeadLine> lines() const
  {
    std::vector<LeadLine> out;
    for (const auto& lead : m_leads) {
      out.push_back({lead.id, lead.name, {}});
      set_task_figures(out.back().counts, lead.tally);
    }
    if (m_none.total > 0) {
      out.push_back({std::nullopt, {}, {}});
      set_task_figures(out.back().counts, m_none);
    }
    return out;
  }

private:
  struct Lead {
    std::optional<core::Id> id;
    std::string name;
    store::ReportTaskCounts tally;
  };
  std::vector<Lead> m_leads;
  std::unordered_map<core::Id, std::size_t> m_index;
  store::ReportTaskCounts m_none; // the tasks without a lead
};

class Builder {
public:
  Builder(store::Database& db, const SummaryRequest& request, SummarySink& sink)
    : m_request(request), m_sink(sink), m_agreements(db), m_meetings(db), m_awards(db), m_orgs(db),
      m_report(db)
  {
  }

  void run()
  {
    std::vector<core::Period> parts{m_request.period};
    if (m_request.each) {
      parts = core::split_period(m_request.period, *m_request.each);
    }
    m_sink.begin(m_request.period, m_request.today, parts.size());
    if (!parts.empty()) {
      for (auto& a : m_agreements.list({})) {
        // A renewal supersedes from when it is in force: signed (not a
        // draft, not cancelled) and started; one that is not (yet) never
        // does, and its predecessor is told as ended.
        if (a.supersedes_id) {
          core::Date in_force = a.status == "draft" || a.status == "cancelled" ? k_never
                                : a.signed_on                                 ? std::max(a.start, *a.signed_on)
                                                                              : a.start;
          auto& from = m_renewed_from[*a.supersedes_id];
          from = from ? std::min(*from, in_force) : in_force;
        }
        if (!m_request.agreement_id || a.id == *m_request.agreement_id) {
          m_list.push_back(std::move(a));
        }
      }
    }
    for (const auto& part : parts) {
      section(part);
    }
    m_sink.end();
  }

private:
  void section(const core::Period& period)
  {
    PeriodSection out;
    out.period = period;
    out.as_of = period.as_of(m_request.today);
    m_sink.begin_section(out);
    long long progress_sum = 0;
    int progress_count = 0;
    // A meeting or decision about two agreements counts once in the totals.
    std::vector<core::Id> meetings;
    std::vector<core::Id> collectives;
    std::vector<core::Id> individuals;
    for (const auto& a : m_list) {
      // An agreement belongs in a period its term overlaps, and in one where
      // its final review or an award came after the term ended.
      if (!period.overlaps(a.start, term_last(a, out.as_of)) && !has_events(a, period)) {
        // Outside the period: what it left unresolved is still listed.
        if (m_request.attention && a.start <= out.as_of) {
          remember(a, out);
        }
        continue;
      }
      AgreementSection section;
      agreement(a, out, section, progress_sum, progress_count, meetings, collectives, individuals);
      // Task counts add up; the percentages come from the summed progress
      // and meetings and recipients are counted once, after the loop.
      for (const auto& figure : k_figures) {
        if (figure.group == FigureGroup::tasks && figure.count) {
          out.totals.*figure.count += section.counts.*figure.count;
        }
      }
      m_sink.agreement(out, section);
    }
    out.totals.meetings = distinct(meetings);
    out.totals.awards_collective = distinct(collectives);
    out.totals.awards_individual = distinct(individuals);
    finish_counts(out.totals, progress_sum, progress_count);
    m_sink.end_section(out);
  }

  static int distinct(std::vector<core::Id>& ids)
  {
    std::sort(ids.begin(), ids.end());
    return static_cast<int>(std::unique(ids.begin(), ids.end()) - ids.begin());
  }

  void agreement(const core::Agreement& a, const PeriodSection& section, AgreementSection& out,
                 long long& progress_sum, int& progress_count, std::vector<core::Id>& meeting_ids,
                 std::vector<core::Id>& collectives, std::vector<core::Id>& individuals)
  {
    out.id = a.id;
    out.code = a.code;
    out.title = a.title;
    out.note = a.note;
    out.number = a.number;
    out.term = a.term_label();
    out.start = a.start;
    out.end = a.end;
    // As of the day: an end that had not happened yet is not told, a
    // signature given later not shown, a body named as it was then.
    const core::Date& as_of = section.as_of;
    out.actual_end = ended_by(a, as_of);
    out.status = status_on(a, as_of, renewed_from(a));
    for (const auto& p : a.parties) {
      bool signed_by_then = !p.signed_on || *p.signed_on <= as_of;
      out.parties.push_back({p.org_id, name_on(p.org_id, p.org_name, as_of),
                             signed_by_then ? p.signer_name : std::string(),
                             signed_by_then ? p.signer_position : std::string(),
                             signed_by_then ? p.signed_on : std::nullopt});
    }
    tasks(a, section, out, progress_sum, progress_count);
    const core::Period& period = section.period;
    if (m_request.listings) {
      meetings(a, period, out);
      decisions(a, period, out);
      out.counts.meetings = static_cast<int>(out.meetings.size());
      for (const auto& m : out.meetings) {
        meeting_ids.push_back(m.id);
      }
      for (const auto& d : out.decisions) {
        for (const auto& r : d.recipients) {
          (r.kind == "collective" ? collectives : individuals).push_back(r.id);
        }
      }
    } else {
      auto ids = m_report.meeting_ids(a.id, period.first, held_by(section));
      out.counts.meetings = static_cast<int>(ids.size());
      meeting_ids.insert(meeting_ids.end(), ids.begin(), ids.end());
      for (const auto& [id, individual] : m_report.recipients(a.id, period.first, held_by(section))) {
        ++(individual ? out.counts.awards_individual : out.counts.awards_collective);
        (individual ? individuals : collectives).push_back(id);
      }
    }
    if (m_request.attention && m_request.tasks == SummaryRequest::Tasks::lines) {
      agreement_attention(a, section, out.counts.tasks_total, false);
    }
  }

  // The attention items of an agreement outside the period, as of its day.
  void remember(const core::Agreement& a, const PeriodSection& section)
  {
    if (!followed(a, section.as_of)) {
      return;
    }
    store::ReportTaskCounts n;
    auto ceased = m_report.ceased_leads(a.id, section.as_of);
    m_report.tasks(task_query(a, section), [&](const store::ReportTask& t) {
      task_attention(a, section, t, n.add(t, section.as_of), ceased, true);
    });
    agreement_attention(a, section, n.total, true);
  }

  // Whether an agreement's work is followed on `day`: signed and not cancelled.
  static bool followed(const core::Agreement& a, const core::Date& day)
  {
    auto status = status_on(a, day);
    return status != "draft" && status != "cancelled";
  }

  static store::ReportTaskQuery task_query(const core::Agreement& a, const PeriodSection& section)
  {
    store::ReportTaskQuery query;
    query.agreement_id = a.id;
    query.term_start = a.start;
    query.as_of = section.as_of;
    query.period_first = section.period.first;
    query.period_last = section.period.last;
    return query;
  }

  Attention item_of(const core::Agreement& a, std::string kind, bool earlier) const
  {
    Attention item;
    item.kind = std::move(kind);
    item.agreement_id = a.id;
    item.agreement = agreement_ref(a);
    item.earlier = earlier;
    return item;
  }

  // A task's items: overdue, left unfinished at the end, no news for
  // report.stale_months, due within report.due_soon_days, led by a body
  // that has ceased. A closed task has none but unfinished.
  void task_attention(const core::Agreement& a, const PeriodSection& section, const store::ReportTask& t,
                      bool overdue, const std::unordered_map<core::Id, core::Id>& ceased_leads, bool earlier)
  {
    if (!followed(a, section.as_of)) {
      return;
    }
    const core::Date& as_of = section.as_of;
    auto task_item = [&](const char* kind) {
      Attention item = item_of(a, kind, earlier);
      item.task_id = t.id;
      item.task_title = t.title;
      item.due = t.due;
      item.progress = t.progress;
      return item;
    };
    if (t.status == "unfinished") {
      m_sink.attention(section, task_item("task_unfinished"));
      return;
    }
    if (core::task_closed(t.status)) {
      return;
    }
    if (overdue) {
      m_sink.attention(section, task_item("overdue_task"));
    } else {
      core::Date since = t.updated_on ? *t.updated_on : t.start ? std::max(*t.start, a.start) : a.start;
      int months = months_between(since, as_of);
      if (months >= m_request.stale_months) {
        Attention item = task_item("task_stale");
        item.last_update = t.updated_on;
        item.months = months;
        m_sink.attention(section, item);
      }
      if (t.due && *t.due >= as_of && *t.due <= as_of.add_days(m_request.due_soon_days)) {
        m_sink.attention(section, task_item("task_due_soon"));
      }
    }
    if (auto it = ceased_leads.find(t.id); it != ceased_leads.end()) {
      const auto& org = organisation(it->second);
      Attention item = task_item("lead_ceased");
      item.party = name_on(org.id, org.name, as_of);
      item.ceased_on = org.valid_to;
      item.successors = successors(org.id, as_of);
      m_sink.attention(section, item);
    }
  }

  // An agreement's items: no final review after its term, its term over
  // but still in force, a party that ceased before or during the term, no
  // work items or no signers recorded.
  void agreement_attention(const core::Agreement& a, const PeriodSection& section, int tasks_total, bool earlier)
  {
    const core::Date& as_of = section.as_of;
    if (!followed(a, as_of)) {
      return;
    }
    auto ended = ended_by(a, as_of);
    core::Date last = ended ? *ended : a.end;
    if (last <= as_of && !m_report.has_final_review(a.id, as_of)) {
      Attention item = item_of(a, "final_review_missing", earlier);
      item.term_ended = last;
      m_sink.attention(section, item);
    }
    if (!ended && a.end < as_of) {
      Attention item = item_of(a, "term_over_in_force", earlier);
      item.term_ended = a.end;
      m_sink.attention(section, item);
    }
    bool any_signer = false;
    for (const auto& p : a.parties) {
      any_signer = any_signer || (!p.signer_name.empty() && (!p.signed_on || *p.signed_on <= as_of));
      const auto& org = organisation(p.org_id);
      // Ceased before the day: before the term began, or during it.
      if (!org.valid_to || *org.valid_to >= as_of) {
        continue;
      }
      bool before = *org.valid_to < a.start;
      if (!before && *org.valid_to >= last) {
        continue; // it outlived the term
      }
      Attention item = item_of(a, before ? "party_ceased_before_term" : "party_ceased", earlier);
      item.party = name_on(org.id, org.name, as_of);
      item.ceased_on = org.valid_to;
      item.months_into_term = before ? 0 : months_between(a.start, org.valid_to->add_days(1));
      item.successors = successors(org.id, as_of);
      m_sink.attention(section, item);
    }
    if (tasks_total == 0) {
      m_sink.attention(section, item_of(a, "no_tasks", earlier));
    }
    if (!any_signer) {
      m_sink.attention(section, item_of(a, "no_signers", earlier));
    }
  }

  Successors successors(core::Id org_id, const core::Date& as_of)
  {
    auto [it, added] = m_successions.try_emplace(org_id);
    if (added) {
      it->second = m_orgs.successors(org_id);
    }
    Successors out;
    for (const auto& s : it->second) {
      if (s.date <= as_of) {
        const auto& successor = organisation(s.successor_id);
        out.emplace_back(name_on(successor.id, successor.name, as_of), s.date);
      }
    }
    return out;
  }

  // Organisations and successions, read once per report: a merger leaves
  // thousands of tasks led by a few ceased bodies.
  const core::Organisation& organisation(core::Id id)
  {
    auto [it, added] = m_organisations.try_emplace(id);
    if (added) {
      it->second = m_orgs.get(id);
    }
    return it->second;
  }

  // An organisation's name on `day` (org rename --date), `name` when it was
  // never renamed on a date; the store is asked only when some body was.
  std::string name_on(core::Id org_id, const std::string& name, const core::Date& day)
  {
    if (!m_any_former_names) {
      m_any_former_names = m_report.any_former_names() ? 1 : 0;
    }
    return *m_any_former_names ? m_orgs.name_on(org_id, day) : name;
  }

  void tasks(const core::Agreement& a, const PeriodSection& section, AgreementSection& out,
             long long& total_progress_sum, int& total_progress_count)
  {
    auto query = task_query(a, section);
    if (m_request.tasks == SummaryRequest::Tasks::none) {
      return;
    }
    store::ReportTaskCounts n;
    if (m_request.tasks == SummaryRequest::Tasks::counts) {
      n = m_report.task_counts(query);
    } else {
      std::unordered_map<core::Id, core::Id> ceased;
      if (m_request.attention) {
        ceased = m_report.ceased_leads(a.id, section.as_of);
      }
      LeadTally leads;
      m_report.tasks(query, [&](const store::ReportTask& t) {
        TaskLine line;
        line.id = t.id;
        line.code = t.code;
        line.title = t.title;
        line.lead = t.lead;
        line.start = t.start;
        line.due = t.due;
        line.planned_due = t.planned_due;
        line.status = t.status;
        line.progress = t.progress;
        line.updated_on = t.updated_on;
        line.overdue = n.add(t, section.as_of);
        line.done_in_period = t.done_in_period;
        line.lead_id = t.lead_id;
        line.partners = t.partners;
        line.target = t.target;
        line.actual = t.actual;
        line.unit = t.unit;
        line.pct_of_target = pct_of_target(t.actual, t.target);
        line.result_note = t.note;
        line.result_date = t.noted_on;
        leads.add(t, section.as_of);
        if (m_request.attention) {
          task_attention(a, section, t, line.overdue, ceased, false);
        }
        out.tasks.push_back(std::move(line));
      });
      out.by_lead = leads.lines();
    }
    set_task_figures(out.counts, n);
    total_progress_sum += n.progress_sum;
    total_progress_count += n.progress_count;
  }

  void meetings(const core::Agreement& a, const core::Period& period, AgreementSection& out)
  {
    store::MeetingFilter filter;
    filter.agreement_id = a.id;
    filter.from = period.first;
    filter.to = std::min(period.last, period.as_of(m_request.today)); // held by the as-of day
    for (const auto& m : m_meetings.list(filter)) {
      MeetingLine line;
      line.id = m.id;
      line.date = m.date;
      line.kind = m.kind;
      line.title = m.title;
      line.place = m.place;
      // The bodies as they were named that day (never later than the as-of day).
      const core::Date named_on = std::min(m.date, period.as_of(m_request.today));
      for (const auto& p : m_meetings.participants(m.id)) {
        line.participants.push_back({p.role, named(p.org_id, p.org_name, named_on), p.name, p.position});
      }
      for (const auto& c : m_meetings.contributions(m.id)) {
        line.contributions.push_back({named(c.org_id, c.org_name, named_on), c.presenter, c.topic});
      }
      // Each follow-up task as it stood on the section's as-of day.
      for (auto& c : m_report.conclusions(m.id, period.as_of(m_request.today))) {
        ConclusionLine conclusion{std::move(c.text), {}};
        for (auto& f : c.follow_ups) {
          conclusion.follow_ups.push_back(
            {f.task_id, std::move(f.code), std::move(f.title), std::move(f.status), f.progress});
        }
        line.conclusions.push_back(std::move(conclusion));
      }
      out.meetings.push_back(std::move(line));
    }
  }

  void decisions(const core::Agreement& a, const core::Period& period, AgreementSection& out)
  {
    store::AwardFilter filter;
    filter.agreement_id = a.id;
    filter.from = period.first;
    filter.to = std::min(period.last, period.as_of(m_request.today)); // decided by the as-of day
    for (const auto& award : m_awards.list(filter)) {
      const auto& d = award.decision;
      // The bodies as they were named on the decision's day (never later than the as-of day).
      const core::Date as_of = period.as_of(m_request.today);
      const core::Date named_on = d.date ? std::min(*d.date, as_of) : as_of;
      if (out.decisions.empty() || out.decisions.back().id != d.id) {
        out.decisions.push_back(
          {d.id, d.number, d.date, named(d.issuer_id, d.issuer_name, named_on), d.form, d.reason, {}});
      }
      const auto& r = award.recipient;
      bool individual = r.kind == "individual";
      std::string unit = named(r.org_id, r.org_name, named_on);
      out.decisions.back().recipients.push_back(
        {r.id, r.kind, individual ? r.person_name : unit, individual ? unit : std::string(), r.position});
      ++(individual ? out.counts.awards_individual : out.counts.awards_collective);
    }
  }

  // A body named as on `day`, when there is one.
  std::string named(const std::optional<core::Id>& org_id, const std::string& name, const core::Date& day)
  {
    return org_id && !name.empty() ? name_on(*org_id, name, day) : name;
  }

  std::optional<core::Date> renewed_from(const core::Agreement& a) const
  {
    auto it = m_renewed_from.find(a.id);
    return it == m_renewed_from.end() ? std::nullopt : it->second;
  }

  bool has_events(const core::Agreement& a, const core::Period& period)
  {
    if (period.first <= a.start) {
      return false; // before the term: nothing to report yet
    }
    return m_report.has_events(a.id, period.first, std::min(period.last, period.as_of(m_request.today)));
  }

  // The last day whose meetings and decisions a section tells: its as-of
  // day (a meeting planned after it has not been held yet).
  static core::Date held_by(const PeriodSection& section)
  {
    return std::min(section.period.last, section.as_of);
  }

  const SummaryRequest& m_request;
  SummarySink& m_sink;
  store::AgreementStore m_agreements;
  store::MeetingStore m_meetings;
  store::AwardStore m_awards;
  store::OrgStore m_orgs;
  store::ReportStore m_report;
  std::vector<core::Agreement> m_list;
  std::optional<int> m_any_former_names;
  std::unordered_map<core::Id, core::Organisation> m_organisations;
  std::unordered_map<core::Id, std::vector<core::Succession>> m_successions;
  std::unordered_map<core::Id, std::optional<core::Date>> m_renewed_from; // the earliest renewal's start
};

// Keeps everything: the Summary of build_summary().
class Collector : public SummarySink {
public:
  explicit Collector(Summary& summary) : m_summary(summary) {}
  void begin(const core::Period& period, const core::Date& today, std::size_t /*sections*/) override
  {
    m_summary.period = period;
    m_summary.today = today;
  }
  void begin_section(const PeriodSection& section) override { m_summary.sections.push_back(section); }
  void agreement(const PeriodSection& /*section*/, const AgreementSection& agreement) override
  {
    m_summary.sections.back().agreements.push_back(agreement);
  }
  void attention(const PeriodSection& /*section*/, const Attention& item) override
  {
    m_summary.sections.back().attention.push_back(item);
  }
  void end_section(const PeriodSection& section) override { m_summary.sections.back().totals = section.totals; }
  void end() override {}

private:
  Summary& m_summary;
};

// Counts only: the agreements' and the totals of a comparison period.
class ComparisonCollector : public SummarySink {
public:
  explicit ComparisonCollector(Comparison& comparison) : m_comparison(comparison) {}
  void begin(const core::Period& /*period*/, const core::Date& /*today*/, std::size_t /*sections*/) override {}
  void begin_section(const PeriodSection& section) override
  {
    m_comparison.period = section.period;
    m_comparison.as_of = section.as_of;
  }
  void agreement(const PeriodSection& /*section*/, const AgreementSection& agreement) override
  {
    m_comparison.agreements.emplace_back(agreement.id, agreement.counts);
  }
  void attention(const PeriodSection& /*section*/, const Attention& /*item*/) override {}
  void end_section(const PeriodSection& section) override
  {
    m_comparison.totals = section.totals;
    std::sort(m_comparison.agreements.begin(), m_comparison.agreements.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  }
  void end() override {}

private:
  Comparison& m_comparison;
};

// Hands each section over with its comparison (--compare): the other
// period counted by the same builder before the section is built, one more
// counts pass. The section is passed on as the builder streams it;
// begin_section and end_section carry the comparison, which a sink keeps
// for the agreements in between.
class ComparingSink : public SummarySink {
public:
  ComparingSink(store::Database& db, const SummaryRequest& request, SummarySink& sink)
    : m_db(db), m_request(request), m_sink(sink)
  {
  }
  void begin(const core::Period& period, const core::Date& today, std::size_t sections) override
  {
    // Before anything is written: the whole period's other one reaches
    // furthest back, so if it exists every sub-period's does.
    try {
      compare_period(period, *m_request.compare);
    } catch (const UsageError&) {
      throw UsageError(fmt::format("there is no period before {} to compare it with", period.first.iso()));
    }
    m_sink.begin(period, today, sections);
  }
  void begin_section(const PeriodSection& section) override
  {
    SummaryRequest other;
    other.period = compare_period(section.period, *m_request.compare);
    other.agreement_id = m_request.agreement_id;
    other.today = compare_as_of(section, other.period, *m_request.compare);
    other.tasks = m_request.tasks == SummaryRequest::Tasks::none ? SummaryRequest::Tasks::none
                                                                 : SummaryRequest::Tasks::counts;
    other.listings = false;
    other.attention = false;
    Comparison comparison;
    ComparisonCollector collector(comparison);
    Builder(m_db, other, collector).run();
    PeriodSection head = section;
    head.compare = std::move(comparison);
    m_sink.begin_section(head);
    m_compare = std::move(head.compare);
  }
  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    m_sink.agreement(section, agreement);
  }
  void attention(const PeriodSection& section, const Attention& item) override { m_sink.attention(section, item); }
  void end_section(const PeriodSection& section) override
  {
    PeriodSection tail = section;
    tail.compare = std::move(m_compare);
    m_sink.end_section(tail);
  }
  void end() override { m_sink.end(); }

private:
  store::Database& m_db;
  const SummaryRequest& m_request;
  SummarySink& m_sink;
  std::optional<Comparison> m_compare;
};

core::Date shift_months(const core::Date& first_of_month, int months)
{
  int index = first_of_month.year * 12 + (first_of_month.month - 1) - months;
  return core::Date::from_ymd(index / 12, index % 12 + 1, 1);
}

// The same date a year earlier; 29 February becomes the 28th.
core::Date year_before(const core::Date& d)
{
  return core::Date::from_ymd(d.year - 1, d.month, std::min(d.day, core::days_in_month(d.year - 1, d.month)));
}

} // namespace

core::Period compare_period(const core::Period& period, SummaryRequest::Compare compare)
{
  const bool whole_months = period.first.day == 1 && period.last.add_days(1).day == 1;
  core::Date first;
  core::Date last;
  if (whole_months) {
    int months = compare == SummaryRequest::Compare::year
                   ? 12
                   : (period.last.year - period.first.year) * 12 + (period.last.month - period.first.month) + 1;
    first = shift_months(period.first, months);
    last = shift_months(period.last.add_days(1), months).add_days(-1);
  } else if (compare == SummaryRequest::Compare::previous) {
    long days = period.last.days() - period.first.days() + 1;
    first = period.first.add_days(-days);
    last = period.first.add_days(-1);
  } else {
    first = year_before(period.first);
    last = year_before(period.last);
  }
  return core::Period{first, last, core::period_label(first, last)};
}

core::Date compare_as_of(const PeriodSection& section, const core::Period& other, SummaryRequest::Compare compare)
{
  if (section.as_of >= section.period.last) {
    return other.last;
  }
  core::Date day = compare == SummaryRequest::Compare::year
                     ? year_before(section.as_of)
                     : other.first.add_days(section.as_of.days() - section.period.first.days());
  // Never outside the other period: a sub-period not begun by today is
  // compared with the other before it began (nothing yet).
  return std::clamp(day, other.first.add_days(-1), other.last);
}

int months_between(const core::Date& from, const core::Date& to)
{
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  if (to.day < from.day) {
    --months;
  }
  return months;
}

std::optional<core::Date> ended_by(const core::Agreement& a, const core::Date& day)
{
  std::optional<core::Date> end = a.actual_end;
  if (!end && a.status != "draft" && a.status != "in_force") {
    end = a.end; // ended with no day recorded: its term's end
  }
  if (end && *end <= day) {
    return end;
  }
  return std::nullopt;
}

std::string status_on(const core::Agreement& a, const core::Date& day, const std::optional<core::Date>& renewed_from)
{
  if (a.status == "draft") {
    return "draft";
  }
  if (auto ended = ended_by(a, day)) {
    // Superseded from the renewal's start, or from the end when the renewal
    // follows on the next day; ended (early) in between.
    bool superseded = !renewed_from || day >= *renewed_from || *ended >= renewed_from->add_days(-1);
    if (a.status == "in_force" || (a.status == "superseded" && !superseded)) {
      return *ended < a.end ? "ended_early" : "ended";
    }
    return a.status;
  }
  if (a.signed_on && *a.signed_on > day) {
    return "draft";
  }
  return "in_force";
}

Summary build_summary(store::Database& db, const SummaryRequest& request)
{
  Summary summary;
  Collector collector(summary);
  build_summary(db, request, collector);
  return summary;
}

void build_summary(store::Database& db, const SummaryRequest& request, SummarySink& sink)
{
  if (request.compare) {
    ComparingSink comparing(db, request, sink);
    Builder(db, request, comparing).run();
    return;
  }
  Builder(db, request, sink).run();
}

} // namespace phoihop::report
