#pragma once

#include <phoihop/cli/context.hpp>
#include <phoihop/core/date.hpp>
#include <phoihop/core/period.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The register of sent reports on the command line (phoihop-report(1), SENT
// REPORTS): the options every report verb takes to record what it writes
// (--record, --number, --date-issued), the recording itself, and the verbs
// `report sent list` and `report sent show`.
namespace phoihop::cli {

// --record, --number and --date-issued as typed.
struct RecordOptions {
  bool record = false;
  std::string number;
  std::string date_issued;
};

// Adds them to a report verb. --record makes the invocation a write (its
// stdout held until the record commits); --number and --date-issued are
// also what a document's header prints ("Số: 16/BC-UBND", the date line).
void add_record_options(CLI::App& verb, Context& ctx, RecordOptions& options);

// The document's number and date of issue: --number (from the office's
// outgoing register; required by --record, never made up) and
// --date-issued (default: today). Checked before the database is touched.
struct Issue {
  bool record = false;
  std::optional<std::int64_t> number;
  core::Date date;
};
Issue issue_of(Context& ctx, const CLI::App* verb, const RecordOptions& options);

// What a sent report's register entry says besides its bytes; the report
// verb fills it in from its options and the office profile.
struct SentRequest {
  std::int64_t number = 0;
  std::string symbol;                  // --symbol, else [office] symbol; empty: none
  core::Date issued_on;                // --date-issued, else today
  std::vector<std::string> recipients; // --recipient…, else [office] recipients
  std::string view;                    // summary, tasks, meetings, awards, attention
  core::Period period;
  core::Date as_of;
  std::string agreement; // the agreement's code (else #id) when the report was limited to one
  std::string format;    // md, csv, json, …
  std::string lang;
};

// Records `bytes` as sent under `request` in the invocation's transaction
// (refused, exit 4, when the number is taken for the symbol and year), then
// sends them where the report goes: stdout (held until the commit, as every
// write's output), or `output`, whose file is put in place only after the
// commit, so no file ever claims a record that was rolled back. Should that
// last step fail, the error says the report is recorded and how to get it.
void record_sent(Context& ctx, const SentRequest& request, std::string_view bytes, const std::string& output);

// `report sent list` and `report sent show`, under the report noun.
void register_report_sent(CLI::App& report, Context& ctx);

} // namespace phoihop::cli
