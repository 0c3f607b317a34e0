#pragma once

// A reader of the zip files phoihop writes, for the unit tests only: the
// local headers in order, each entry inflated with zlib. Enough for
// archives of stored or deflated entries with their sizes in the header,
// which is what libzip writes to a seekable target.

#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phoihop::test {

inline std::uint32_t zip_u32(std::string_view bytes, std::size_t at)
{
  auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes.at(at + i))); };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

inline std::uint16_t zip_u16(std::string_view bytes, std::size_t at)
{
  auto b = [&](std::size_t i) { return static_cast<std::uint16_t>(static_cast<unsigned char>(bytes.at(at + i))); };
  return static_cast<std::uint16_t>(b(0) | b(1) << 8);
}

// The entries of `zip` as (name, content), in the order they are stored.
inline std::vector<std::pair<std::string, std::string>> zip_entries(std::string_view zip)
{
  std::vector<std::pair<std::string, std::string>> entries;
  std::size_t at = 0;
  while (at + 30 <= zip.size() && zip_u32(zip, at) == 0x04034b50) {
    std::uint16_t method = zip_u16(zip, at + 8);
    std::uint32_t compressed = zip_u32(zip, at + 18);
    std::uint32_t size = zip_u32(zip, at + 22);
    std::uint16_t name_length = zip_u16(zip, at + 26);
    std::uint16_t extra_length = zip_u16(zip, at + 28);
    std::string name(zip.substr(at + 30, name_length));
    std::string_view data = zip.substr(at + 30 + name_length + extra_length, compressed);
    std::string content;
    if (method == 0) {
      content = std::string(data);
    } else if (method == 8) {
      content.resize(size);
      z_stream stream{};
      if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) {
        throw std::runtime_error("inflateInit2");
      }
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
      stream.avail_in = static_cast<uInt>(data.size());
      stream.next_out = reinterpret_cast<Bytef*>(content.data());
      stream.avail_out = static_cast<uInt>(content.size());
      int rc = inflate(&stream, Z_FINISH);
      inflateEnd(&stream);
      if (rc != Z_STREAM_END || stream.total_out != size) {
        throw std::runtime_error("cannot inflate " + name);
      }
    } else {
      throw std::runtime_error("unknown compression of " + name);
    }
    entries.emplace_back(std::move(name), std::move(content));
    at += 30 + name_length + extra_length + compressed;
  }
  return entries;
}

} // namespace phoihop::test
