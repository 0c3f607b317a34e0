#pragma once

#include <string>
#include <string_view>

namespace phoihop::io {

// The whole of `file`, or of standard input when it is "-", as bytes. A file
// that cannot be opened, or a directory, is a UsageError "cannot read WHAT
// 'FILE'" ("cannot read 'FILE'" when `what` is empty): `what` says what the
// file is to the command ("batch file").
std::string read_input(const std::string& file, std::string_view what = {});

} // namespace phoihop::io
