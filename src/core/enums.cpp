#include <phoihop/core/enums.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace phoihop::core {

const EnumSet k_agreement_status{
  "status", {"draft", "in_force", "ended", "ended_early", "superseded", "cancelled"}};
const EnumSet k_org_kind{"kind",
  {"people_committee", "party_committee", "youth_union", "mass_organisation", "department",
   "agency", "province", "district", "commune", "school", "enterprise", "other"}};
const EnumSet k_task_status{"status", {"planned", "in_progress", "done", "cancelled", "unfinished"}};
const EnumSet k_meeting_kind{
  "kind", {"final_review", "interim_review", "briefing", "signing", "working", "other"}};
const EnumSet k_meeting_format{"format", {"in_person", "online", "hybrid"}};
const EnumSet k_participant_role{"role", {"chair", "co_chair", "secretary", "delegate"}};
const EnumSet k_award_kind{"kind", {"collective", "individual"}};
const EnumSet k_award_form{"form", {"bang_khen", "giay_khen", "other"}};
const EnumSet k_list_format{"format", {"table", "csv", "tsv", "json", "xlsx"}};
const EnumSet k_report_format{"format", {"md", "csv", "json", "docx", "xlsx", "html"}};
const EnumSet k_report_layout{"layout", {"rows", "columns"}};
const EnumSet k_report_view{"view", {"summary", "tasks", "meetings", "awards", "attention"}};
const EnumSet k_lang{"language", {"en", "vi"}};
const EnumSet k_color{"color mode", {"auto", "always", "never"}};
const EnumSet k_csv_dialect{"CSV dialect", {"rfc4180", "excel-vi"}};

namespace {

std::string comparable(std::string_view text)
{
  std::string key = fold(text);
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of adjacent characters each cost one.
std::size_t edit_distance(const std::string& a, const std::string& b)
{
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) {
    d[i][0] = i;
  }
  for (std::size_t j = 0; j <= b.size(); ++j) {
    d[0][j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

} // namespace

std::string closest(std::string_view typed, const std::vector<std::string_view>& candidates)
{
  std::string key = comparable(typed);
  if (key.empty()) {
    return {};
  }
  // One edit for short words, two up to six characters, three beyond: "don"
  // finds "done" and "agrement" "agreement", but "db" does not find "do".
  std::size_t limit = key.size() <= 3 ? 1 : key.size() <= 6 ? 2 : 3;
  std::string_view best;
  std::size_t best_distance = limit + 1;
  bool tie = false;
  // Among equally close words, the one that begins as typed: a first letter
  // is rarely mistyped ("vn" is "vi", not "en").
  std::string_view same_start;
  int same_start_count = 0;
  std::string_view prefixed;
  int prefix_count = 0;
  for (auto candidate : candidates) {
    std::string other = comparable(candidate);
    std::size_t distance = edit_distance(key, other);
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
      tie = false;
      same_start_count = 0;
    } else if (distance == best_distance && other != comparable(best)) {
      tie = true;
    }
    if (distance == best_distance && !other.empty() && other.front() == key.front()) {
      same_start = candidate;
      ++same_start_count;
    }
    if (key.size() >= 3 && other.size() > key.size() && other.compare(0, key.size(), key) == 0) {
      prefixed = candidate;
      ++prefix_count;
    }
  }
  if (best_distance <= limit && !tie) {
    return std::string(best);
  }
  if (best_distance <= limit && same_start_count == 1) {
    return std::string(same_start);
  }
  if (prefix_count == 1) {
    return std::string(prefixed);
  }
  return {};
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates)
{
  std::string match = closest(typed, candidates);
  return match.empty() ? std::string() : fmt::format("; did you mean '{}'?", match);
}

UsageError not_one_of(std::string_view kind, std::string_view value, std::string_view what,
                      const std::vector<std::string_view>& values)
{
  std::string list;
  for (auto v : values) {
    list += (list.empty() ? "" : ", ") + std::string(v);
  }
  return UsageError(fmt::format("invalid {} {} for {} (expected one of: {}){}", kind,
                                quote_arg(std::string(value)), what, list,
                                did_you_mean(value, values)));
}

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
    throw not_one_of(name, value, what, values);
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
