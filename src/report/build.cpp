#include <phoihop/report/build.hpp>

#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/award_store.hpp>
#include <phoihop/store/meeting_store.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/task_store.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace phoihop::report {

namespace {

std::string agreement_ref(const core::Agreement& a)
{
  return a.code.empty() ? "#" + std::to_string(a.id) : a.code;
}

// The last day an agreement's term covers for inclusion: its planned end, or
// its actual end if that came later.
core::Date term_last(const core::Agreement& a)
{
  return a.actual_end && *a.actual_end > a.end ? *a.actual_end : a.end;
}

std::optional<double> one_decimal(double value)
{
  return static_cast<double>(static_cast<long long>(value * 10.0 + (value >= 0 ? 0.5 : -0.5))) / 10.0;
}

void finish_counts(Counts& c, int progress_sum, int progress_count)
{
  int denominator = c.tasks_total - c.tasks_cancelled;
  if (denominator > 0) {
    c.completion_pct = one_decimal(100.0 * c.tasks_done / denominator);
  }
  if (progress_count > 0) {
    c.progress_avg = one_decimal(static_cast<double>(progress_sum) / progress_count);
  }
}

class Builder {
public:
  Builder(store::Database& db, const SummaryRequest& request)
    : m_request(request), m_agreements(db), m_tasks(db), m_meetings(db), m_awards(db), m_orgs(db)
  {
  }

  PeriodSection section(const core::Period& period)
  {
    PeriodSection out;
    out.period = period;
    out.as_of = period.as_of(m_request.today);
    int progress_sum = 0;
    int progress_count = 0;
    std::set<core::Id> meetings;
    std::set<core::Id> collectives;
    std::set<core::Id> individuals;
    for (const auto& a : m_agreements.list({})) {
      if (m_request.agreement_id && a.id != *m_request.agreement_id) {
        continue;
      }
      // An agreement belongs in a period its term overlaps, and in one where
      // its final review or an award came after the term ended.
      if (!period.overlaps(a.start, term_last(a)) && !has_events(a, period)) {
        continue;
      }
      auto section = agreement(a, period, out.as_of, out.attention);
      for (const auto& t : section.tasks) {
        if (t.status != "cancelled") {
          progress_sum += t.progress;
          ++progress_count;
        }
      }
      auto& c = out.totals;
      const auto& s = section.counts;
      c.tasks_total += s.tasks_total;
      c.tasks_planned += s.tasks_planned;
      c.tasks_in_progress += s.tasks_in_progress;
      c.tasks_done += s.tasks_done;
      c.tasks_cancelled += s.tasks_cancelled;
      c.tasks_overdue += s.tasks_overdue;
      c.tasks_done_in_period += s.tasks_done_in_period;
      // A meeting or decision about two agreements counts once in the totals.
      for (const auto& m : section.meetings) {
        meetings.insert(m.id);
      }
      for (const auto& d : section.decisions) {
        for (const auto& r : d.recipients) {
          (r.kind == "collective" ? collectives : individuals).insert(r.id);
        }
      }
      out.agreements.push_back(std::move(section));
    }
    out.totals.meetings = static_cast<int>(meetings.size());
    out.totals.awards_collective = static_cast<int>(collectives.size());
    out.totals.awards_individual = static_cast<int>(individuals.size());
    finish_counts(out.totals, progress_sum, progress_count);
    return out;
  }

private:
  AgreementSection agreement(const core::Agreement& a, const core::Period& period,
                             const core::Date& as_of, std::vector<Attention>& attention)
  {
    AgreementSection out;
    out.id = a.id;
    out.code = a.code;
    out.title = a.title;
    out.number = a.number;
    out.term = a.term_label();
    out.start = a.start;
    out.end = a.end;
    out.actual_end = a.actual_end;
    out.status = a.status;
    for (const auto& p : a.parties) {
      out.parties.push_back({p.org_id, p.org_name, p.signer_name, p.signer_position, p.signed_on});
    }
    tasks(a, period, as_of, out, attention);
    meetings(a, period, out);
    decisions(a, period, out);
    out.counts.meetings = static_cast<int>(out.meetings.size());
    check_final_review(a, as_of, attention);
    check_parties(a, as_of, attention);
    return out;
  }

  void tasks(const core::Agreement& a, const core::Period& period, const core::Date& as_of,
             AgreementSection& out, std::vector<Attention>& attention)
  {
    store::TaskFilter filter;
    filter.agreement_id = a.id;
    int progress_sum = 0;
    int progress_count = 0;
    auto& c = out.counts;
    for (const auto& t : m_tasks.list(filter, as_of)) {
      // A task exists from its start, else the meeting it came from, else
      // the start of its agreement's term (SPEC §5).
      core::Date exists = a.start;
      if (t.start) {
        exists = *t.start;
      } else if (t.meeting_id) {
        exists = meeting_date(*t.meeting_id);
      }
      if (exists > as_of) {
        continue;
      }
      TaskLine line;
      line.id = t.id;
      line.code = t.code;
      line.title = t.title;
      line.lead = t.lead_name;
      line.start = t.start;
      line.due = t.due;
      line.status = t.status;
      line.progress = t.progress;
      line.updated_on = t.updated_on;
      line.overdue = t.overdue_on(as_of);
      if (t.status == "done") {
        for (const auto& u : m_tasks.log(t.id)) {
          if (u.status == "done" && period.contains(u.date) && u.date <= as_of) {
            // The entry that made it done falls in the period.
            line.done_in_period = true;
          }
        }
      }
      ++c.tasks_total;
      if (t.status == "planned") {
        ++c.tasks_planned;
      } else if (t.status == "in_progress") {
        ++c.tasks_in_progress;
      } else if (t.status == "done") {
        ++c.tasks_done;
      } else if (t.status == "cancelled") {
        ++c.tasks_cancelled;
      }
      if (t.status != "cancelled") {
        progress_sum += t.progress;
        ++progress_count;
      }
      if (line.overdue) {
        ++c.tasks_overdue;
        Attention item;
        item.kind = "overdue_task";
        item.agreement_id = a.id;
        item.agreement = agreement_ref(a);
        item.task_id = t.id;
        item.task_title = t.title;
        item.due = t.due;
        item.progress = t.progress;
        attention.push_back(std::move(item));
      }
      if (line.done_in_period) {
        ++c.tasks_done_in_period;
      }
      out.tasks.push_back(std::move(line));
    }
    finish_counts(c, progress_sum, progress_count);
  }

  void meetings(const core::Agreement& a, const core::Period& period, AgreementSection& out)
  {
    store::MeetingFilter filter;
    filter.agreement_id = a.id;
    filter.from = period.first;
    filter.to = period.last;
    for (const auto& m : m_meetings.list(filter)) {
      MeetingLine line;
      line.id = m.id;
      line.date = m.date;
      line.kind = m.kind;
      line.title = m.title;
      line.place = m.place;
      for (const auto& p : m_meetings.participants(m.id)) {
        line.participants.push_back({p.role, p.org_name, p.name, p.position});
      }
      for (const auto& c : m_meetings.contributions(m.id)) {
        line.contributions.push_back({c.org_name, c.presenter, c.topic});
      }
      for (const auto& c : m_meetings.conclusions(m.id)) {
        line.conclusions.push_back(c.text);
      }
      out.meetings.push_back(std::move(line));
    }
  }

  void decisions(const core::Agreement& a, const core::Period& period, AgreementSection& out)
  {
    store::AwardFilter filter;
    filter.agreement_id = a.id;
    filter.from = period.first;
    filter.to = period.last;
    for (const auto& award : m_awards.list(filter)) {
      const auto& d = award.decision;
      if (out.decisions.empty() || out.decisions.back().id != d.id) {
        out.decisions.push_back({d.id, d.number, d.date, d.issuer_name, d.form, d.reason, {}});
      }
      const auto& r = award.recipient;
      bool individual = r.kind == "individual";
      out.decisions.back().recipients.push_back(
        {r.id, r.kind, r.recipient_name(), individual ? r.org_name : std::string(), r.position});
      ++(individual ? out.counts.awards_individual : out.counts.awards_collective);
    }
  }

  void check_final_review(const core::Agreement& a, const core::Date& as_of,
                          std::vector<Attention>& attention)
  {
    if (a.status == "draft" || a.status == "cancelled" || a.effective_end() > as_of) {
      return;
    }
    store::MeetingFilter filter;
    filter.agreement_id = a.id;
    filter.kind = "final_review";
    filter.to = as_of;
    if (!m_meetings.list(filter).empty()) {
      return;
    }
    Attention item;
    item.kind = "final_review_missing";
    item.agreement_id = a.id;
    item.agreement = agreement_ref(a);
    item.term_ended = a.effective_end();
    attention.push_back(std::move(item));
  }

  void check_parties(const core::Agreement& a, const core::Date& as_of,
                     std::vector<Attention>& attention)
  {
    for (const auto& p : a.parties) {
      auto org = m_orgs.get(p.org_id);
      // Ceased mid-term, and known to have by the as-of day.
      if (!org.valid_to || *org.valid_to < a.start || *org.valid_to >= a.effective_end() ||
          *org.valid_to >= as_of) {
        continue;
      }
      Attention item;
      item.kind = "party_ceased";
      item.agreement_id = a.id;
      item.agreement = agreement_ref(a);
      item.party = org.name;
      item.ceased_on = org.valid_to;
      item.months_into_term = months_between(a.start, org.valid_to->add_days(1));
      for (const auto& s : m_orgs.successors(org.id)) {
        item.successors.emplace_back(m_orgs.get(s.successor_id).name, s.date);
      }
      attention.push_back(std::move(item));
    }
  }

  bool has_events(const core::Agreement& a, const core::Period& period)
  {
    if (period.first <= a.start) {
      return false; // before the term: nothing to report yet
    }
    store::MeetingFilter meetings;
    meetings.agreement_id = a.id;
    meetings.from = period.first;
    meetings.to = period.last;
    store::AwardFilter awards;
    awards.agreement_id = a.id;
    awards.from = period.first;
    awards.to = period.last;
    return !m_meetings.list(meetings).empty() || !m_awards.list(awards).empty();
  }

  core::Date meeting_date(core::Id id)
  {
    auto it = m_meeting_dates.find(id);
    if (it == m_meeting_dates.end()) {
      it = m_meeting_dates.emplace(id, m_meetings.get(id).date).first;
    }
    return it->second;
  }

  const SummaryRequest& m_request;
  store::AgreementStore m_agreements;
  store::TaskStore m_tasks;
  store::MeetingStore m_meetings;
  store::AwardStore m_awards;
  store::OrgStore m_orgs;
  std::map<core::Id, core::Date> m_meeting_dates;
};

} // namespace

int months_between(const core::Date& from, const core::Date& to)
{
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  if (to.day < from.day) {
    --months;
  }
  return months;
}

Summary build_summary(store::Database& db, const SummaryRequest& request)
{
  Summary summary;
  summary.period = request.period;
  summary.today = request.today;
  Builder builder(db, request);
  std::vector<core::Period> parts{request.period};
  if (request.each) {
    parts = core::split_period(request.period, *request.each);
  }
  for (const auto& part : parts) {
    summary.sections.push_back(builder.section(part));
  }
  return summary;
}

} // namespace phoihop::report
