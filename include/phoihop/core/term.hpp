#pragma once

#include <phoihop/core/date.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace phoihop::core {

// An agreement's term: the first and last day it is in force, and the year
// range it was given as ("2018-2022"), if any.
struct Term {
  Date start;
  Date end;
  std::string period;
};

// A year range as offices write it: "2018-2022", "2018–2022", "2018..2022",
// or one year "2022". The term runs from 1 January of the first year — or
// from `signed_on` when the agreement was signed later in that year — to 31
// December of the last. A reversed or malformed range throws UsageError.
Term term_from_period(std::string_view text, std::optional<Date> signed_on, std::string_view what);

} // namespace phoihop::core
