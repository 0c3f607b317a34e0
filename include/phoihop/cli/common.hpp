#pragma once

#include <phoihop/cli/context.hpp>
#include <phoihop/core/date.hpp>
#include <phoihop/report/output.hpp>

#include <CLI/CLI.hpp>

#include <optional>
#include <string>

// Small helpers every noun file uses to turn typed arguments into core values.
namespace phoihop::cli {

// NFC, trimmed, valid UTF-8 (UsageError naming `what` otherwise).
std::string text_arg(const std::string& value, const char* what);
// Like text_arg, but an empty result is a UsageError.
std::string required_text(const std::string& value, const char* what);
// A date option; empty text means absent.
std::optional<core::Date> date_arg(Context& ctx, const std::string& value, const char* what);

// A date option that must have a value.
core::Date required_date(Context& ctx, const std::string& value, const char* what);

// Throws UsageError naming both values when `from` is after `to`.
void check_order(const core::Date& from, const char* from_what, const core::Date& to,
                 const char* to_what);

// True when the option named `name` was given on the command line.
bool given(const CLI::App* verb, const std::string& name);

report::Value date_value(const std::optional<core::Date>& date);

} // namespace phoihop::cli
