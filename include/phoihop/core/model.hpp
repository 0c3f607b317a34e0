#pragma once

#include <phoihop/core/date.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Plain records as the rest of the program sees them: no SQL, no I/O.
namespace phoihop::core {

using Id = std::int64_t;

struct Organisation {
  Id id = 0;
  std::string uid;
  std::string name; // NFC, as written
  std::string short_name;
  std::string kind; // k_org_kind or empty
  std::optional<Id> parent_id;
  std::optional<Date> valid_from;
  std::optional<Date> valid_to;
  std::string note;
};

// A dated succession: `predecessor` was succeeded by `successor` on `date`.
struct Succession {
  Id predecessor_id = 0;
  Id successor_id = 0;
  Date date;
  std::string note;
};

struct Party {
  Id org_id = 0;
  std::string org_name;
  std::string signer_name;
  std::string signer_position; // at signing
  std::optional<Date> signed_on;
};

struct Agreement {
  Id id = 0;
  std::string uid;
  std::string code; // empty when none
  std::string title;
  std::string number; // document number, e.g. 05/QCPH-UBND-TĐTN
  std::optional<Date> signed_on;
  std::string place;
  std::string period; // "2018-2022" when given as a year range, else empty
  Date start;
  Date end; // planned end
  std::optional<Date> actual_end;
  std::string status = "draft"; // k_agreement_status
  std::string end_reason;
  std::optional<Id> supersedes_id;
  std::optional<Id> parent_id;
  std::string note;
  std::vector<Party> parties; // in the order they were named

  // The last day the agreement is in force: its actual end, else its planned end.
  Date effective_end() const { return actual_end ? *actual_end : end; }
  // The period as given ("2018-2022"), else "2022-12-01..2026-12-31".
  std::string term_label() const { return period.empty() ? start.iso() + ".." + end.iso() : period; }
};

} // namespace phoihop::core
