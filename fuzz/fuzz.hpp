#pragma once

// Shared by the libFuzzer targets in this folder. A target returns quietly
// for input phoihop refuses with its own error (UsageError and the like);
// anything else (a sanitizer report, an uncaught exception, a broken
// invariant checked with require()) stops the run, and libFuzzer keeps the
// input as crash-<sha1>.

#include <phoihop/core/text.hpp>

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace phoihop::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size)
{
  return {reinterpret_cast<const char*>(data), size};
}

// An invariant: when it does not hold, says which and traps.
inline void require(bool holds, std::string_view what, std::string_view detail = {})
{
  if (holds) {
    return;
  }
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty()) {
    std::fprintf(stderr, "  %.*s\n", static_cast<int>(detail.size()), detail.data());
  }
  __builtin_trap();
}

// Text as phoihop stores it: valid UTF-8 without NUL, in NFC. Fuzz bytes that
// are not become '?' byte by byte, so the rest of the input still counts.
inline std::string stored_text(std::string text)
{
  if (!core::is_valid_utf8(text)) {
    for (char& c : text) {
      if (c == '\0' || static_cast<unsigned char>(c) >= 0x80) {
        c = '?';
      }
    }
  }
  return core::nfc(text);
}

} // namespace phoihop::fuzz
