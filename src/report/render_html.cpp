#include <phoihop/core/error.hpp>
#include <phoihop/report/render.hpp>

namespace phoihop::report {

// Placeholder while the html writer is built: refused, never half written.
std::unique_ptr<SummarySink> html_sink(std::ostream& /*out*/, View /*view*/, const RenderOptions& /*options*/)
{
  throw UsageError("--format html is not available yet");
}

} // namespace phoihop::report
