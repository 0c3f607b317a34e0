#include <phoihop/io/input.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace phoihop::io {

std::string read_input(const std::string& file, std::string_view what)
{
  std::stringstream text;
  if (file == "-") {
    text << std::cin.rdbuf();
    return text.str();
  }
  // A directory opens, and then reads as nothing: it is refused like a missing file.
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file)) {
    throw UsageError(fmt::format("cannot read {}{}{}", what, what.empty() ? "" : " ", quote_arg(file)));
  }
  text << in.rdbuf();
  return text.str();
}

} // namespace phoihop::io
