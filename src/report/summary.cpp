#include <phoihop/report/summary.hpp>

#include <algorithm>

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

void replay(const Summary& summary, SummarySink& sink)
{
  sink.begin(summary.period, summary.today, summary.sections.size());
  for (const auto& section : summary.sections) {
    PeriodSection head;
    head.period = section.period;
    head.as_of = section.as_of;
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
