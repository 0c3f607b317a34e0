#include <phoihop/core/uid.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <string>

using phoihop::core::new_uid;

namespace {

bool canonical_v7(const std::string& u)
{
  if (u.size() != 36 || u[8] != '-' || u[13] != '-' || u[18] != '-' || u[23] != '-') {
    return false;
  }
  for (std::size_t i = 0; i < u.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (!dash && std::string("0123456789abcdef").find(u[i]) == std::string::npos) {
      return false;
    }
  }
  return u[14] == '7' && std::string("89ab").find(u[19]) != std::string::npos;
}

} // namespace

TEST_CASE("new_uid: RFC 9562 version 7, canonical lower-case text")
{
  for (int i = 0; i < 100; ++i) {
    std::string u = new_uid();
    INFO(u);
    CHECK(canonical_v7(u));
  }
}

TEST_CASE("new_uid: its first 48 bits are the Unix time in milliseconds")
{
  using namespace std::chrono;
  auto before = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  std::string u = new_uid();
  auto after = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  long long stamp = std::stoll(u.substr(0, 8) + u.substr(9, 4), nullptr, 16);
  CHECK(stamp >= before);
  CHECK(stamp <= after + 1); // +1: a uid may borrow the next millisecond
}

TEST_CASE("new_uid: strictly increasing within a process, and all distinct")
{
  // Many uids fall in the same millisecond here: the counter must order them.
  std::set<std::string> seen;
  std::string previous = new_uid();
  int out_of_order = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string u = new_uid();
    if (!(previous < u)) {
      ++out_of_order;
    }
    seen.insert(u);
    previous = u;
  }
  CHECK(out_of_order == 0);
  CHECK(seen.size() == 20000);
}
