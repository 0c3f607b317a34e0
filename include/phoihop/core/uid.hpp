#pragma once

#include <string>

namespace phoihop::core {

// A time-ordered (version 7, RFC 9562) UUID in its canonical lower-case text
// form; successive calls in one process give strictly increasing uids.
std::string new_uid();

// The current UTC time as 2026-11-26T08:10:39Z, for created/updated stamps.
std::string utc_timestamp();

} // namespace phoihop::core
