#include <phoihop/exchange/import.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/sent_store.hpp>

#include <fmt/format.h>

namespace phoihop::exchange {

MergeResult merge_sent(store::Database& db, const std::vector<store::SentCopy>& theirs, const std::string& name,
                       MergePolicy policy)
{
  store::SentStore ours(db);
  MergeResult result;
  long long mark = store::change_mark(db);
  for (const auto& copy : theirs) {
    const core::SentReport& their = copy.report;
    auto mine = ours.find_uid(their.uid);
    if (!mine) {
      mine = ours.find(their.number, their.symbol, their.issued_on.year);
    }
    if (!mine) {
      // Written as they hold it, then checked as if it had been written
      // here: the record rules name what their file got wrong.
      store::SentCopy added = copy;
      ours.insert_copy(added);
      if (auto v = store::first_violation(db, mark)) {
        throw Error(v->rule->status, fmt::format("{}: record {}: {}", name, their.uid, v->message));
      }
      mark = store::change_mark(db);
      ++result.added;
    } else if (mine->sha256 == their.sha256 && mine->described() == their.described()) {
      ++result.identical;
    } else if (policy == MergePolicy::report) {
      std::string what = mine->described() == their.described()
                           ? fmt::format("sha256: ours {} vs theirs {}", mine->sha256, their.sha256)
                           : fmt::format("number: ours {} vs theirs {}", mine->described(), their.described());
      result.conflicts.push_back(fmt::format("sent report {} ({}): {} (a report that was sent is never replaced: "
                                             "--prefer keeps ours)",
                                             their.uid, their.described(), what));
    } else {
      ++result.settled;
    }
  }
  return result;
}

} // namespace phoihop::exchange
