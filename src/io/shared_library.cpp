#include <phoihop/io/shared_library.hpp>

#include <fmt/format.h>

#include <dlfcn.h>

namespace phoihop::io {

SharedLibrary::SharedLibrary(const char* soname, const char* needed_for, const char* package)
  : m_soname(soname), m_handle(::dlopen(soname, RTLD_NOW | RTLD_LOCAL))
{
  if (m_handle == nullptr) {
    const char* why = ::dlerror();
    throw Failure(fmt::format("{} needs {} (Debian package {}): {}", needed_for, soname, package,
                              why ? why : "not found"));
  }
}

void* SharedLibrary::symbol(const char* name, const char* too_old) const
{
  void* found = ::dlsym(m_handle, name);
  if (found == nullptr) {
    throw Failure(fmt::format("{} has no function {}: {}", m_soname, name, too_old));
  }
  return found;
}

} // namespace phoihop::io
