#pragma once

#include <string>
#include <string_view>

namespace phoihop::io {

// Replaces the file at `path` with `data` atomically: a temporary file in the
// same directory is written, fsynced and renamed over `path`, and the
// directory is fsynced. A reader sees the old file or the whole new one, never
// a part; on any failure the temporary file is removed, the old file is left
// as it was, and Failure (exit 1) names the path and the reason.
void write_atomically(const std::string& path, std::string_view data);

} // namespace phoihop::io
