#pragma once

#include <phoihop/core/error.hpp>

#include <string>
#include <type_traits>

namespace phoihop::io {

// A Debian library loaded with dlopen when a command first needs it (libzip
// for .docx, libxlsxwriter for .xlsx), so no other command pays for it at
// start-up: only its header is used at build time, and each function is
// looked up by name into a pointer typed from that header (decltype).
class SharedLibrary {
public:
  // Fails (exit 1) naming what needs it and the Debian package that has it.
  // The library stays loaded for the life of the process (never dlclose),
  // so the pointers bound from it outlive this object.
  SharedLibrary(const char* soname, const char* needed_for, const char* package);

  // `function` from the symbol `name`; a missing one fails naming `too_old`
  // ("a libzip older than 1.7 (Debian 12 ships 1.7.3)").
  template <class Function> void bind(Function& function, const char* name, const char* too_old) const
  {
    function = reinterpret_cast<Function>(symbol(name, too_old));
  }

private:
  void* symbol(const char* name, const char* too_old) const;
  std::string m_soname;
  void* m_handle = nullptr;
};

} // namespace phoihop::io
