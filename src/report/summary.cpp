#include <phoihop/report/summary.hpp>

#include <algorithm>
#include <cmath>

namespace phoihop::report {

namespace {

// A row reading nothing, or two figures under one CSV column or JSON key,
// would still compile; refuse them here rather than in a user's report.
constexpr bool figures_well_formed()
{
  for (std::size_t i = 0; i < k_figures.size(); ++i) {
    const Figure& f = k_figures[i];
    if ((f.count == nullptr) == (f.percent == nullptr) || f.key.empty() || f.en.empty() || f.vi.empty()) {
      return false;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (k_figures[j].key == f.key) {
        return false;
      }
    }
  }
  return true;
}

static_assert(figures_well_formed(), "each figure has a key, headings and exactly one member of Counts");

} // namespace

const std::vector<const Figure*>& figures_read()
{
  static const std::vector<const Figure*> k_order = [] {
    std::vector<const Figure*> order;
    for (const Figure& f : k_figures) {
      if (f.read_after.empty()) {
        order.push_back(&f);
      }
    }
    for (const Figure& f : k_figures) {
      if (!f.read_after.empty()) {
        auto at = std::find_if(order.begin(), order.end(), [&](const Figure* g) { return g->key == f.read_after; });
        order.insert(at == order.end() ? at : at + 1, &f);
      }
    }
    return order;
  }();
  return k_order;
}

const Counts* Comparison::of(core::Id agreement_id) const
{
  auto it = std::lower_bound(agreements.begin(), agreements.end(), agreement_id,
                             [](const auto& entry, core::Id id) { return entry.first < id; });
  return it != agreements.end() && it->first == agreement_id ? &it->second : nullptr;
}

std::optional<double> delta(const Figure& figure, const Counts& now, const Counts& before)
{
  if (figure.count) {
    return static_cast<double>(now.*figure.count - before.*figure.count);
  }
  const auto& a = now.*figure.percent;
  const auto& b = before.*figure.percent;
  if (!a || !b) {
    return std::nullopt;
  }
  // Both are rounded to one decimal already; their difference is too, but
  // for the binary fractions between (and never -0).
  double points = std::round((*a - *b) * 10.0) / 10.0;
  return points == 0 ? 0.0 : points;
}

void replay(const Summary& summary, SummarySink& sink)
{
  sink.begin(summary.period, summary.today, summary.sections.size());
  for (const auto& section : summary.sections) {
    PeriodSection head;
    head.period = section.period;
    head.as_of = section.as_of;
    head.compare = section.compare;
    sink.begin_section(head);
    for (const auto& item : section.attention) {
      sink.attention(head, item);
    }
    for (const auto& agreement : section.agreements) {
      sink.agreement(head, agreement);
    }
    head.totals = section.totals;
    sink.end_section(head);
  }
  sink.end();
}

} // namespace phoihop::report
