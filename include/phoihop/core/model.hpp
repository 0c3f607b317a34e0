#pragma once

#include <phoihop/core/date.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Plain records as the rest of the program sees them: no SQL, no I/O.
namespace phoihop::core {

using Id = std::int64_t;

// A record id as people type it: "12" or "#12"; nullopt for anything else.
std::optional<Id> parse_id(std::string_view text);

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

// One entry of a task's dated log, holding only what it says; the log is
// the source of truth for the task's state on any date.
struct TaskUpdate {
  Id id = 0;
  Date date;
  int seq = 0; // orders updates entered for the same date
  std::optional<std::string> status; // k_task_status
  std::optional<int> progress;       // percent
  std::optional<double> actual;      // the indicator's value
  std::optional<Date> due;           // an extension: the due date from this entry's date on
  std::string note;
};

// A task's state on a day: each value from the latest entry on or before it
// that gives one (planned, 0 %, no actual before any).
struct TaskState {
  std::string status = "planned";
  int progress = 0;
  std::optional<double> actual;
  std::optional<Date> due; // the latest extension on or before the day, if any
  std::optional<Date> updated_on; // the latest entry on or before the day that gives a value
};

// Whether a task in `status` is closed: done, cancelled, or left unfinished
// when its agreement ended. A closed task is never overdue.
inline bool task_closed(std::string_view status)
{
  return status == "done" || status == "cancelled" || status == "unfinished";
}

struct Task {
  Id id = 0;
  std::string uid;
  Id agreement_id = 0;
  std::string agreement_code;
  std::string code; // empty when none; unique within the agreement
  int ordinal = 0;
  std::string title;
  std::string description;
  std::optional<Id> lead_id;
  std::string lead_name;
  std::vector<std::pair<Id, std::string>> partners; // id, name
  std::optional<Date> start;
  std::optional<Date> due; // as planned (task add/edit); an extension moves due_now
  std::optional<double> target;
  std::string unit;
  std::optional<Id> meeting_id;
  std::optional<Id> conclusion_id;
  std::string note;

  // The state as of some day: the latest update on or before it.
  std::string status = "planned";
  int progress = 0;
  std::optional<double> actual;
  std::optional<Date> updated_on;
  std::optional<Date> due_now; // in force that day: the latest extension, else due

  // Due (as in force) before `day` and not closed by then (phoihop-task(1), Overdue).
  bool overdue_on(const Date& day) const
  {
    return due_now && *due_now < day && !task_closed(status);
  }
};

struct Participant {
  Id id = 0;
  std::optional<Id> org_id;
  std::string org_name;
  std::string name;
  std::string position; // as of the meeting day
  std::string role = "delegate";
  int ordinal = 0;
};

struct Contribution {
  Id id = 0;
  std::optional<Id> org_id;
  std::string org_name;
  std::string presenter;
  std::string topic;
  int ordinal = 0;
};

struct Conclusion {
  Id id = 0;
  std::string text;
  int ordinal = 0;
  std::vector<Id> task_ids; // follow-up tasks created from it
};

struct Meeting {
  Id id = 0;
  std::string uid;
  std::string kind = "other";
  std::string title;
  Date date;
  std::string place;
  std::string format;
  std::string minutes;
  std::string note;
  std::vector<Id> agreement_ids;
};

struct AwardDecision {
  Id id = 0;
  std::string uid;
  std::string number; // empty when unknown
  std::optional<Date> date;
  std::optional<Id> issuer_id;
  std::string issuer_name;
  std::string form = "bang_khen";
  std::string reason;
  std::optional<Id> agreement_id;
  std::optional<Id> meeting_id;
};

// A collective recipient is an organisation (org); an individual is a
// person (person_name) with their unit (org) and position.
struct AwardRecipient {
  Id id = 0;
  std::string uid;
  Id decision_id = 0;
  std::string kind; // k_award_kind
  std::optional<Id> org_id;
  std::string org_name;
  std::string person_name;
  std::string position;
  int ordinal = 0;
  std::string note;

  const std::string& recipient_name() const { return kind == "collective" ? org_name : person_name; }
};

} // namespace phoihop::core
