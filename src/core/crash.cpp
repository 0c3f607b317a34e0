#include <phoihop/core/crash.hpp>

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace phoihop::core {

namespace {

struct Armed {
  std::string point; // empty: no crash requested
  long nth = 1;
  long reached = 0;
  bool stop = false; // PHOIHOP_CRASH_SIGNAL=STOP: stop there instead, until SIGCONT
};

Armed& armed()
{
  static Armed a = [] {
    Armed r;
    const char* spec = std::getenv("PHOIHOP_CRASH_AT");
    if (spec == nullptr || *spec == '\0') {
      return r;
    }
    r.point = spec;
    const char* signal = std::getenv("PHOIHOP_CRASH_SIGNAL");
    r.stop = signal != nullptr && std::strcmp(signal, "STOP") == 0;
    if (auto colon = r.point.find(':'); colon != std::string::npos) {
      r.nth = std::max(1L, std::strtol(r.point.c_str() + colon + 1, nullptr, 10));
      r.point.resize(colon);
    }
    return r;
  }();
  return a;
}

} // namespace

bool crash_armed(const char* point)
{
  const auto& a = armed();
  return !a.point.empty() && a.point == point;
}

void crash_point(const char* point)
{
  auto& a = armed();
  if (a.point.empty() || a.point != point || ++a.reached < a.nth) {
    return;
  }
  if (a.stop) {
    a.point.clear(); // once: the run goes on to its end when continued
    ::kill(::getpid(), SIGSTOP); // a test changes the world meanwhile, then continues us
    return;
  }
  static const char k_note[] = "phoihop: crash point reached (PHOIHOP_CRASH_AT)\n";
  [[maybe_unused]] auto n = ::write(STDERR_FILENO, k_note, sizeof k_note - 1);
  ::kill(::getpid(), SIGKILL);
  ::pause();
}

} // namespace phoihop::core
