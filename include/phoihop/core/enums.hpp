#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phoihop::core {

// A closed set of words a field accepts (agreement status, organisation kind, …).
// One table per set keeps the CLI checks, the SQL CHECK constraints, the man
// pages and the completion lists from drifting apart.
struct EnumSet {
  std::string_view name; // what the message calls it: "status"
  std::vector<std::string_view> values;

  bool contains(std::string_view value) const;
  // Returns `value` if it is in the set, else throws UsageError listing the set.
  std::string check(std::string_view value, std::string_view what) const;
  std::string joined(std::string_view sep = "|") const;
};

extern const EnumSet k_agreement_status;
extern const EnumSet k_org_kind;
extern const EnumSet k_task_status;
extern const EnumSet k_meeting_kind;
extern const EnumSet k_meeting_format;
extern const EnumSet k_participant_role;
extern const EnumSet k_award_kind;
extern const EnumSet k_award_form;
extern const EnumSet k_list_format;
extern const EnumSet k_report_format;
extern const EnumSet k_lang;
extern const EnumSet k_color;

} // namespace phoihop::core
