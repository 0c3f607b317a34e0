#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/core/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// A report as it was sent (phoihop-report(1), SENT REPORTS): the register
// entry `report … --record` makes. The bytes themselves stay in the store;
// this is what is said about them.
namespace phoihop::core {

// The highest document number --number accepts: registers restart every year
// and no office numbers a million documents in one.
inline constexpr std::int64_t k_max_document_number = 999999;

struct SentReport {
  Id id = 0;
  std::string uid;
  std::int64_t number = 0; // from the office's outgoing register (the 16 of 16/BC-UBND)
  std::string symbol;      // the office's symbol (the BC-UBND of 16/BC-UBND); empty when none
  Date issued_on;          // numbers are unique per symbol and year of issue
  std::vector<std::string> recipients; // as printed under "Nơi nhận", in order
  std::string view;        // k_report_view: summary, tasks, …
  std::string period;      // the period's label: 2024-01, 2022-Q4, agreement:BT-2022
  Date period_start;
  Date period_end;
  Date as_of;              // the day every fact of the report is told as of
  std::string agreement;   // the agreement the report was limited to (its code, else #id); empty: all
  std::string format;      // k_report_format: md, csv, json, …
  std::string lang;        // en or vi
  std::int64_t size = 0;   // bytes sent
  std::string sha256;      // of the bytes sent, lower-case hex
  std::string created_at;  // when it was recorded (UTC)

  // The number as printed in the document: "16/BC-UBND", or "16" without a
  // symbol; under 10 with a 0 before it, as Decree 30/2020 writes it ("03").
  std::string number_text() const;
  // "16/BC-UBND of 2024": the number as printed with its year, which makes it unique.
  std::string described() const;
};

// A document number as typed: "16/BC-UBND" (number and symbol) or "16"
// (no symbol given); nullopt when it does not begin with a number from 1 to
// k_max_document_number followed by nothing or '/' and a symbol.
struct DocumentNumber {
  std::int64_t number = 0;
  std::optional<std::string> symbol; // nullopt: a bare number
};
std::optional<DocumentNumber> parse_document_number(std::string_view text);

// Binary formats (a Word document, a workbook) are never written to a terminal.
bool is_binary_format(std::string_view format);

} // namespace phoihop::core
