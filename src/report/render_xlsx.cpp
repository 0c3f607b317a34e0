#include <phoihop/core/error.hpp>
#include <phoihop/report/render.hpp>

namespace phoihop::report {

// Placeholder while the xlsx writer is built: refused, never half written.
std::unique_ptr<SummarySink> xlsx_sink(std::ostream& /*out*/, View /*view*/, const RenderOptions& /*options*/)
{
  throw UsageError("--format xlsx is not available yet");
}

} // namespace phoihop::report
