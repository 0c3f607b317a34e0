#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace phoihop::io {

// The whole of `file`, or of standard input when it is "-", as bytes. A file
// that cannot be opened, or a directory, is a UsageError "cannot read WHAT
// 'FILE'" ("cannot read 'FILE'" when `what` is empty): `what` says what the
// file is to the command ("batch file").
//
// A file larger than `max_size` bytes is refused before it is read (standard
// input, once that many bytes came): a UsageError "'FILE' is larger than
// SETTING allows (N MiB)", naming the setting that sets the limit.
struct SizeLimit {
  std::size_t max_size = SIZE_MAX;
  std::string_view setting;
};
std::string read_input(const std::string& file, std::string_view what = {}, const SizeLimit& limit = {});

} // namespace phoihop::io
