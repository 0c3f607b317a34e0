#pragma once

#include <string>

namespace phoihop::io {

// The folder temporary files go to: $TMPDIR, else /tmp.
std::string temp_dir();

// An unnamed temporary file in temp_dir(), open for reading and writing
// (O_TMPFILE; on a file system without it, a named file unlinked at once),
// so nothing is left behind after a kill. Returns its descriptor; a Failure
// (exit 1) naming the folder when it cannot be made. `what` says whose file
// it is: "the report".
int unnamed_temp_file(const std::string& what);

} // namespace phoihop::io
