#pragma once

#include <phoihop/core/error.hpp>

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
  // Returns `value` if it is in the set, else throws UsageError listing the
  // set and, when one is close, suggesting it ("did you mean 'done'?").
  std::string check(std::string_view value, std::string_view what) const;
  std::string joined(std::string_view sep = "|") const;
};

// The candidate closest to what the user typed, compared case- and
// accent-insensitively with '-' and '_' alike, by Damerau-Levenshtein distance
// (a transposition is one edit) within a cut-off that grows with the length;
// or the one candidate the typed word begins (3 characters at least). Empty
// when nothing is close or two candidates are equally close.
std::string closest(std::string_view typed, const std::vector<std::string_view>& candidates);

// "; did you mean 'done'?" for the closest candidate, or "" when there is none.
std::string did_you_mean(std::string_view typed, const std::vector<std::string_view>& candidates);

// The one error for a value outside a closed set, so that every such message
// reads alike and suggests the closest word: "invalid KIND 'x' for WHAT
// (expected one of: a, b, c); did you mean 'b'?". `values` are listed as given.
UsageError not_one_of(std::string_view kind, std::string_view value, std::string_view what,
                      const std::vector<std::string_view>& values);

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
// How `report summary` lays out its figures: rows (per agreement) or columns (per sub-period).
extern const EnumSet k_report_layout;
// The report verbs, as a sent report names what it was: summary, tasks, meetings, awards, attention.
extern const EnumSet k_report_view;
extern const EnumSet k_lang;
extern const EnumSet k_color;
// How CSV is written (io::CsvDialect): rfc4180, excel-vi.
extern const EnumSet k_csv_dialect;

} // namespace phoihop::core
