#pragma once

#include <stdexcept>
#include <string>

namespace phoihop {

// The fixed exit statuses (phoihop(1), EXIT STATUS); scripts depend on these numbers.
enum class ExitStatus : int {
  ok = 0,
  failed = 1,
  usage = 2,
  not_found = 3,
  conflict = 4,
  unavailable = 5,
};

// Every error phoihop reports carries the exit status it maps to; the one
// catch in cli::run turns it into `phoihop: error: <what>` and that status.
class Error : public std::runtime_error {
public:
  Error(ExitStatus status, const std::string& what) : std::runtime_error(what), m_status(status) {}
  ExitStatus status() const { return m_status; }

private:
  ExitStatus m_status;
};

// Bad arguments or invalid input: exit 2.
class UsageError : public Error {
public:
  explicit UsageError(const std::string& what) : Error(ExitStatus::usage, what) {}
};

// A record named by the user does not exist: exit 3.
class NotFound : public Error {
public:
  explicit NotFound(const std::string& what) : Error(ExitStatus::not_found, what) {}
};

// A duplicate, or a record still referenced: exit 4.
class Conflict : public Error {
public:
  explicit Conflict(const std::string& what) : Error(ExitStatus::conflict, what) {}
};

// The database cannot be used: missing for a read, busy, corrupt, foreign or too new: exit 5.
class StoreError : public Error {
public:
  explicit StoreError(const std::string& what) : Error(ExitStatus::unavailable, what) {}
};

// The operation failed for another reason (I/O on an output file, …): exit 1.
class Failure : public Error {
public:
  explicit Failure(const std::string& what) : Error(ExitStatus::failed, what) {}
};

// Quotes a user-supplied value for an error message: 'value'.
std::string quote_arg(const std::string& value);

} // namespace phoihop
