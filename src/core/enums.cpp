#include <phoihop/core/enums.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>

namespace phoihop::core {

const EnumSet k_agreement_status{
  "status", {"draft", "in_force", "ended", "ended_early", "superseded", "cancelled"}};
const EnumSet k_org_kind{"kind",
  {"people_committee", "party_committee", "youth_union", "mass_organisation", "department",
   "agency", "province", "district", "commune", "school", "enterprise", "other"}};
const EnumSet k_task_status{"status", {"planned", "in_progress", "done", "cancelled"}};
const EnumSet k_meeting_kind{
  "kind", {"final_review", "interim_review", "briefing", "signing", "working", "other"}};
const EnumSet k_meeting_format{"format", {"in_person", "online", "hybrid"}};
const EnumSet k_participant_role{"role", {"chair", "co_chair", "secretary", "delegate"}};
const EnumSet k_award_kind{"kind", {"collective", "individual"}};
const EnumSet k_award_form{"form", {"bang_khen", "giay_khen", "other"}};
const EnumSet k_list_format{"format", {"table", "csv", "tsv", "json"}};
const EnumSet k_report_format{"format", {"md", "csv", "json"}};
const EnumSet k_lang{"language", {"en", "vi"}};
const EnumSet k_color{"color mode", {"auto", "always", "never"}};

bool EnumSet::contains(std::string_view value) const
{
  for (auto v : values) {
    if (v == value) {
      return true;
    }
  }
  return false;
}

std::string EnumSet::check(std::string_view value, std::string_view what) const
{
  if (!contains(value)) {
    throw UsageError(fmt::format("invalid {} {} for {} (expected one of: {})", name,
                                 quote_arg(std::string(value)), what, joined(", ")));
  }
  return std::string(value);
}

std::string EnumSet::joined(std::string_view sep) const
{
  std::string out;
  for (auto v : values) {
    if (!out.empty()) {
      out += sep;
    }
    out += v;
  }
  return out;
}

} // namespace phoihop::core
