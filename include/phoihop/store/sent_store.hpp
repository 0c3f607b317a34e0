#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/core/sent.hpp>
#include <phoihop/store/database.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::store {

struct SentFilter {
  std::optional<core::Date> from; // issued on or after
  std::optional<core::Date> to;   // issued on or before
};

// A sent report as stored: its register entry and its content, the zlib
// stream of the bytes sent (nullopt when the row is missing), unchecked.
struct SentCopy {
  core::SentReport report;
  std::optional<std::string> content;
};

// The register of sent reports (table sent_report, the bytes compressed in
// sent_report_content): written once by `report … --record` or a merge,
// never edited; only `undo` of the invocation that wrote a record removes it.
class SentStore {
public:
  explicit SentStore(Database& db) : m_db(db) {}

  // Records `bytes` as sent under `report`'s number: sets its id, size,
  // sha256 and created_at, and a new uid unless it has one (a merge keeps
  // theirs); the bytes are stored compressed (zlib). A number already used
  // for the symbol in the year of issue is a Conflict naming the earlier one.
  core::Id insert(core::SentReport& report, std::string_view bytes);

  // Oldest first (issue date, symbol, number).
  std::vector<core::SentReport> list(const SentFilter& filter = {});
  // The report sent under `number` and `symbol` ("" for none) in `year`, if any.
  std::optional<core::SentReport> find(std::int64_t number, const std::string& symbol, int year);
  std::optional<core::SentReport> find_uid(const std::string& uid);
  // The report a number as typed names: "16/BC-UBND" that number and symbol,
  // a bare "16" the one without a symbol, else any symbol's; `year` when
  // given, else any year's. NotFound when none; a Conflict listing them,
  // with what to add, when several.
  core::SentReport resolve(const core::DocumentNumber& number, std::optional<int> year);
  // The bytes that were sent, checked against the recorded size and sha256:
  // a StoreError naming the report when they do not match (a damaged file).
  std::string bytes(const core::SentReport& report);
  // Every report as stored, oldest first: merge reads the other office's,
  // and writes each with insert_copy() as it was, uid, sizes, sha256 and
  // time of recording included, for the record rules to check as if it
  // had been written here.
  std::vector<SentCopy> copies();
  core::Id insert_copy(SentCopy& copy);

private:
  Database& m_db;
};

// The SHA-256 of `bytes` in lower-case hex (Nettle).
std::string sha256_hex(std::string_view bytes);

} // namespace phoihop::store
