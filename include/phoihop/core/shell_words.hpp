#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phoihop::core {

// Splits one command line the way a POSIX shell splits words, without any
// expansion: blanks separate words; '…' is literal; "…" keeps blanks and
// lets \ escape " \ $ ` only; outside quotes \ escapes any character; a #
// starting a word comments out the rest of the line. An unclosed quote or a
// trailing lone \ throws UsageError.
std::vector<std::string> split_shell_words(std::string_view line);

} // namespace phoihop::core
