#include <phoihop/core/uid.hpp>

#include <phoihop/core/model.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <random>

namespace phoihop::core {

std::string new_uid()
{
  // RFC 9562 version 7: 48 bits of Unix time in milliseconds, then 74 bits
  // that are random for the first uid of each millisecond and count up
  // within it (§6.2, method 3 in spirit). The uids one process makes are
  // therefore strictly increasing, and those of later invocations sort
  // after earlier ones: each new uid lands at the right-hand end of the
  // uid index instead of on a random page of it, which is what a bulk load
  // of 100,000 rows spends its time on otherwise. Uniqueness across
  // machines still rests on the random bits, as with version 4.
  static std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  static std::uint64_t last_ms = 0;
  static std::uint64_t counter_high = 0; // the 12 bits of rand_a
  static std::uint64_t counter_low = 0;  // the 62 bits of rand_b
  constexpr std::uint64_t k_low_mask = (std::uint64_t{1} << 62) - 1;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  auto ms = static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  if (ms > last_ms) {
    last_ms = ms;
    // The top bit of the counter starts clear: room for 2^73 more uids
    // within this millisecond before it would overflow.
    counter_high = engine() & 0x7ff;
    counter_low = engine() & k_low_mask;
  } else if (++counter_low > k_low_mask) { // same millisecond, or the clock went back
    counter_low = 0;
    if (++counter_high > 0xfff) {
      counter_high = 0;
      ++last_ms; // borrow the next millisecond rather than repeat a uid
    }
  }
  std::array<unsigned char, 16> bytes{};
  for (int i = 0; i < 6; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(last_ms >> (8 * (5 - i)));
  }
  bytes[6] = static_cast<unsigned char>(0x70 | (counter_high >> 8));
  bytes[7] = static_cast<unsigned char>(counter_high);
  bytes[8] = static_cast<unsigned char>(0x80 | (counter_low >> 56));
  for (int i = 9; i < 16; ++i) {
    bytes[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter_low >> (8 * (15 - i)));
  }
  static const char* k_hex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) {
      out += '-';
    }
    out += k_hex[bytes[i] >> 4];
    out += k_hex[bytes[i] & 15];
  }
  return out;
}

std::optional<Id> parse_id(std::string_view text)
{
  if (!text.empty() && text.front() == '#') {
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  Id id = 0;
  for (char c : text) {
    id = id * 10 + (c - '0');
  }
  return id;
}

std::string utc_timestamp()
{
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

} // namespace phoihop::core
