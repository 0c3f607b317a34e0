#include <phoihop/io/input.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace phoihop::io {

namespace {

UsageError too_large(const std::string& file, const SizeLimit& limit)
{
  return UsageError(fmt::format("{} is larger than {} allows ({} MiB)", quote_arg(file), limit.setting,
                                limit.max_size >> 20));
}

// Reads `in` to its end, refusing it once it passes the limit: a pipe gives
// no size up front, and must not fill the memory first.
std::string read_stream(std::istream& in, const std::string& file, const SizeLimit& limit, std::size_t expected = 0)
{
  std::string text;
  text.reserve(expected);
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > limit.max_size) {
      throw too_large(file, limit);
    }
  }
  return text;
}

} // namespace

std::string read_input(const std::string& file, std::string_view what, const SizeLimit& limit)
{
  if (file == "-") {
    return read_stream(std::cin, file, limit);
  }
  // A directory opens, and then reads as nothing: it is refused like a missing file.
  std::ifstream in(file, std::ios::binary);
  if (!in || std::filesystem::is_directory(file)) {
    throw UsageError(fmt::format("cannot read {}{}{}", what, what.empty() ? "" : " ", quote_arg(file)));
  }
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > limit.max_size) {
    throw too_large(file, limit);
  }
  return read_stream(in, file, limit, ec ? 0 : size);
}

} // namespace phoihop::io
