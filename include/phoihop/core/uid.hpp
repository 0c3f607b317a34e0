#pragma once

#include <string>

namespace phoihop::core {

// A random (version 4) UUID in its canonical lower-case text form.
std::string new_uid();

// The current UTC time as 2026-11-26T08:10:39Z, for created/updated stamps.
std::string utc_timestamp();

} // namespace phoihop::core
