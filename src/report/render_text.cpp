#include "render_text.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/io/temp_file.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <charconv>
#include <cmath>
#include <cstring>
#include <ostream>
#include <cstddef>
#include <utility>

namespace phoihop::report::detail {


namespace {

const Words k_words_en{
  .summary_title = "Coordination report",
  .tasks_title = "Task register",
  .attention_title = "Needs attention",
  .meetings_title = "Meeting register",
  .awards_title = "Award register",
  .period = "Period",
  .as_of = "figures as of",
  .number = "Number",
  .term = "Term",
  .ended_on = "ended",
  .status = "Status",
  .parties = "Parties",
  .party = "Party",
  .signer = "Signer",
  .position = "Position",
  .signed_on = "Signed",
  .no_parties = "No parties recorded.",
  .figures = "Figures",
  .figure = "Figure",
  .value = "Value",
  .tasks = "Tasks",
  .task_no = "No.",
  .task = "Task",
  .lead = "Lead",
  .due = "Due",
  .progress = "Progress",
  .overdue_mark = "overdue",
  .done_in_period_mark = "in this period",
  .no_tasks = "No work items are recorded for this agreement.",
  .partners = "Partners",
  .indicator = "Result / target",
  .results = "Results reported",
  .by_lead = "By lead body",
  .no_lead = "(no lead)",
  .note = "Note",
  .follow_up = "follow-up",
  .conclusion = "conclusion",
  .compared_with = "Compared with",
  .changes_in_brackets = "changes in brackets",
  .meetings = "Meetings",
  .kind = "Kind",
  .place = "Place",
  .attending = "Attending",
  .contributions = "Contributions",
  .conclusions = "Conclusions",
  .no_meetings = "No meetings in this period.",
  .awards = "Awards",
  .decision = "Decision No.",
  .decision_no_number = "Commendation decision",
  .decision_of = "of",
  .issuer = "Issued by",
  .form = "Form",
  .reason = "Reason",
  .collectives = "Collectives",
  .individuals = "Individuals",
  .name = "Name",
  .unit = "Unit",
  .no_awards = "No awards in this period.",
  .totals = "Totals",
  .agreement = "Agreement",
  .total = "Total",
  .no_agreements = "No agreement's term overlaps this period.",
  .attention = "Needs attention",
  .nothing_needs_attention = "Nothing needs attention.",
  .attention_earlier = "Still unresolved from agreements outside this period",
  .no_rows = "No records in this period.",
  .yes = "yes",
  .no = "no",
};

const Words k_words_vi{
  .summary_title = "Báo cáo kết quả thực hiện quy chế phối hợp",
  .tasks_title = "Danh sách đầu việc",
  .attention_title = "Những vấn đề cần lưu ý",
  .meetings_title = "Danh sách hội nghị",
  .awards_title = "Danh sách khen thưởng",
  .period = "Kỳ báo cáo",
  .as_of = "số liệu tính đến",
  .number = "Số hiệu",
  .term = "Thời hạn",
  .ended_on = "kết thúc",
  .status = "Tình trạng",
  .parties = "Các bên ký kết",
  .party = "Cơ quan",
  .signer = "Người ký",
  .position = "Chức vụ",
  .signed_on = "Ngày ký",
  .no_parties = "Chưa ghi nhận các bên ký kết.",
  .figures = "Số liệu tổng hợp",
  .figure = "Chỉ tiêu",
  .value = "Số liệu",
  .tasks = "Đầu việc",
  .task_no = "STT",
  .task = "Nội dung",
  .lead = "Đơn vị chủ trì",
  .due = "Thời hạn",
  .progress = "Tiến độ",
  .overdue_mark = "quá hạn",
  .done_in_period_mark = "trong kỳ",
  .no_tasks = "Chưa ghi nhận đầu việc nào của quy chế này.",
  .partners = "Đơn vị phối hợp",
  .indicator = "Kết quả / chỉ tiêu",
  .results = "Kết quả thực hiện",
  .by_lead = "Kết quả theo đơn vị chủ trì",
  .no_lead = "(chưa giao đơn vị chủ trì)",
  .note = "Ghi chú",
  .follow_up = "đầu việc triển khai",
  .conclusion = "kết luận",
  .compared_with = "So sánh với",
  .changes_in_brackets = "mức tăng, giảm ghi trong ngoặc",
  .meetings = "Hội nghị",
  .kind = "Loại",
  .place = "Địa điểm",
  .attending = "Thành phần tham dự",
  .contributions = "Tham luận",
  .conclusions = "Kết luận",
  .no_meetings = "Không có hội nghị trong kỳ.",
  .awards = "Khen thưởng",
  .decision = "Quyết định số",
  .decision_no_number = "Quyết định khen thưởng",
  .decision_of = "ngày",
  .issuer = "Cơ quan ban hành",
  .form = "Hình thức",
  .reason = "Lý do",
  .collectives = "Tập thể",
  .individuals = "Cá nhân",
  .name = "Họ và tên",
  .unit = "Đơn vị",
  .no_awards = "Không có khen thưởng trong kỳ.",
  .totals = "Tổng hợp chung",
  .agreement = "Quy chế",
  .total = "Tổng cộng",
  .no_agreements = "Không có quy chế phối hợp nào thực hiện trong kỳ.",
  .attention = "Những vấn đề cần lưu ý",
  .nothing_needs_attention = "Không có vấn đề cần lưu ý.",
  .attention_earlier = "Tồn tại chưa được giải quyết của các quy chế ngoài kỳ báo cáo",
  .no_rows = "Không có dữ liệu trong kỳ.",
  .yes = "có",
  .no = "không",
};

struct Label {
  std::string_view value;
  std::string_view en;
  std::string_view vi;
};

std::string label_of(const std::vector<Label>& labels, bool vi, std::string_view value)
{
  for (const auto& label : labels) {
    if (label.value == value) {
      return std::string(vi ? label.vi : label.en);
    }
  }
  return std::string(value);
}

const std::vector<Label> k_agreement_status_labels{
  {"draft", "draft", "dự thảo"},
  {"in_force", "in force", "đang hiệu lực"},
  {"ended", "ended", "đã kết thúc"},
  {"ended_early", "ended early", "kết thúc trước hạn"},
  {"superseded", "superseded", "đã được thay thế"},
  {"cancelled", "cancelled", "đã hủy"},
};

const std::vector<Label> k_task_status_labels{
  {"planned", "planned", "chưa thực hiện"},
  {"in_progress", "in progress", "đang thực hiện"},
  {"done", "done", "hoàn thành"},
  {"cancelled", "cancelled", "đã hủy"},
  {"unfinished", "unfinished at the end", "chưa hoàn thành khi kết thúc"},
};

const std::vector<Label> k_meeting_kind_labels{
  {"final_review", "final review conference", "hội nghị tổng kết"},
  {"interim_review", "interim review conference", "hội nghị sơ kết"},
  {"briefing", "briefing", "họp giao ban"},
  {"signing", "signing ceremony", "lễ ký kết"},
  {"working", "working meeting", "buổi làm việc"},
  {"other", "other", "khác"},
};

const std::vector<Label> k_role_labels{
  {"chair", "chair", "chủ trì"},
  {"co_chair", "co-chair", "đồng chủ trì"},
  {"secretary", "secretary", "thư ký"},
  {"delegate", "delegate", "đại biểu"},
};

const std::vector<Label> k_award_form_labels{
  {"bang_khen", "certificate of merit", "bằng khen"},
  {"giay_khen", "certificate of commendation", "giấy khen"},
  {"other", "other", "khác"},
};

const std::vector<Label> k_award_kind_labels{
  {"collective", "collective", "tập thể"},
  {"individual", "individual", "cá nhân"},
};

// What an attention item is about (Attention::kind), as a register's cell.
const std::vector<Label> k_attention_kind_labels{
  {"overdue_task", "overdue", "quá hạn"},
  {"task_unfinished", "unfinished at the end", "chưa hoàn thành khi kết thúc"},
  {"task_stale", "no recent update", "lâu không cập nhật"},
  {"task_due_soon", "due soon", "sắp đến hạn"},
  {"lead_ceased", "lead body ceased", "cơ quan chủ trì đã chấm dứt hoạt động"},
  {"final_review_missing", "no final review", "chưa tổng kết"},
  {"term_over_in_force", "term over, still in force", "hết thời hạn nhưng còn hiệu lực"},
  {"party_ceased", "a party ceased", "một bên đã chấm dứt hoạt động"},
  {"party_ceased_before_term", "a party ceased before the term", "một bên chấm dứt hoạt động trước thời hạn"},
  {"no_tasks", "no work items recorded", "chưa ghi nhận đầu việc"},
  {"no_signers", "no signers recorded", "chưa ghi nhận người ký"},
};

bool all_digits(std::string_view text)
{
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view digits)
{
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

// Administrative style (Decree 30/2020/NĐ-CP) pads months 1 and 2 only, as
// Date::administrative() does.
std::string vi_month(int month)
{
  return month <= 2 ? fmt::format("{:02}", month) : fmt::format("{}", month);
}

std::optional<std::string> vi_period_name(std::string_view label)
{
  static constexpr std::array<std::string_view, 4> k_roman{"I", "II", "III", "IV"};
  if (label.size() == 4 && all_digits(label)) {
    return fmt::format("năm {}", label);
  }
  if (label.size() == 9 && label[4] == '-' && all_digits(label.substr(0, 4)) && all_digits(label.substr(5))) {
    return fmt::format("giai đoạn {}", label);
  }
  if (label.size() == 7 && label[4] == '-' && all_digits(label.substr(0, 4))) {
    std::string_view year = label.substr(0, 4);
    char letter = label[5];
    char digit = label[6];
    if (letter == 'Q' && digit >= '1' && digit <= '4') {
      return fmt::format("quý {}/{}", k_roman[static_cast<std::size_t>(digit - '1')], year);
    }
    if (letter == 'H' && (digit == '1' || digit == '2')) {
      return fmt::format("6 tháng {} năm {}", digit == '1' ? "đầu" : "cuối", year);
    }
    if (all_digits(label.substr(5))) {
      int month = to_int(label.substr(5));
      if (month >= 1 && month <= 12) {
        return fmt::format("tháng {}/{}", vi_month(month), year);
      }
    }
  }
  return std::nullopt;
}

// "9 tháng đầu năm 2023", "4 tháng cuối năm 2023": whole months from the
// start or to the end of one year, as offices name their nine-month reports
// (a single month, a quarter, a half or the year has a label of its own).
std::optional<std::string> vi_months_name(const core::Period& period)
{
  const core::Date& first = period.first;
  const core::Date& last = period.last;
  if (first.year != last.year || first.day != 1 || last.day != core::days_in_month(last.year, last.month)) {
    return std::nullopt;
  }
  const int months = last.month - first.month + 1;
  if (first.month == 1 || last.month == 12) {
    return fmt::format("{} tháng {} năm {:04}", months, first.month == 1 ? "đầu" : "cuối", first.year);
  }
  return std::nullopt;
}

} // namespace

bool is_vi(const RenderOptions& options)
{
  return options.lang == "vi";
}

const Words& words(bool vi)
{
  return vi ? k_words_vi : k_words_en;
}

std::string agreement_status_label(bool vi, std::string_view status)
{
  return label_of(k_agreement_status_labels, vi, status);
}

std::string task_status_label(bool vi, std::string_view status)
{
  return label_of(k_task_status_labels, vi, status);
}

std::string meeting_kind_label(bool vi, std::string_view kind)
{
  return label_of(k_meeting_kind_labels, vi, kind);
}

std::string role_label(bool vi, std::string_view role)
{
  return label_of(k_role_labels, vi, role);
}

std::string award_form_label(bool vi, std::string_view form)
{
  return label_of(k_award_form_labels, vi, form);
}

std::string award_kind_label(bool vi, std::string_view kind)
{
  return label_of(k_award_kind_labels, vi, kind);
}

std::string attention_kind_label(bool vi, std::string_view kind)
{
  return label_of(k_attention_kind_labels, vi, kind);
}

std::string capitalize(std::string text)
{
  if (text.empty()) {
    return text;
  }
  if (text[0] >= 'a' && text[0] <= 'z') {
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  } else if (text.compare(0, 2, "đ") == 0) {
    text.replace(0, 2, "Đ");
  }
  return text;
}

std::string one_decimal(double value)
{
  // fmt formats independently of the C and C++ locales, so a comma locale
  // can never leak into the CSV.
  std::string text = fmt::format("{:.1f}", value);
  return text == "-0.0" ? "0.0" : text;
}

double one_decimal_number(double value)
{
  std::string text = one_decimal(value);
  double number = 0;
  std::from_chars(text.data(), text.data() + text.size(), number);
  return number;
}

std::string decimal_text(bool vi, const std::optional<double>& value)
{
  if (!value) {
    return "—";
  }
  std::string text = one_decimal(*value);
  if (vi) {
    std::replace(text.begin(), text.end(), '.', ',');
  }
  return text;
}

std::string number_text(bool vi, double value)
{
  std::string text = fmt::format("{}", value);
  if (vi) {
    std::replace(text.begin(), text.end(), '.', ',');
  }
  return text;
}

std::string delta_text(bool vi, double value, bool percent)
{
  if (value == 0) {
    return percent ? (vi ? "±0,0" : "±0.0") : "±0";
  }
  std::string text = percent ? decimal_text(vi, value) : fmt::format("{}", static_cast<long long>(value));
  return value > 0 ? "+" + text : text;
}

std::string progress_bar(int percent)
{
  int clamped = std::clamp(percent, 0, 100);
  int filled = clamped / 10;
  std::string bar;
  for (int i = 0; i < 10; ++i) {
    bar += i < filled ? "▓" : "░";
  }
  return fmt::format("{} {}%", bar, percent);
}

std::string block_bar(double percent, int width)
{
  static const char* const k_eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  const long eighths = std::lround(std::clamp(percent, 0.0, 100.0) * width * 8 / 100);
  const long full = eighths / 8;
  const long part = eighths % 8;
  std::string bar;
  for (long i = 0; i < full; ++i) {
    bar += "█";
  }
  bar += k_eighths[part];
  for (long i = full + (part > 0 ? 1 : 0); i < width; ++i) {
    bar += "░";
  }
  return bar;
}

std::string date_cell(bool vi, const core::Date& date)
{
  return vi ? date.vn() : date.iso();
}

std::string date_prose(bool vi, const core::Date& date)
{
  return vi ? date.administrative() : date.iso();
}

std::string period_name(bool vi, const core::Period& period, bool* recognised)
{
  if (recognised) {
    *recognised = true;
  }
  if (!vi) {
    return period.label;
  }
  if (auto name = vi_period_name(period.label)) {
    return *name;
  }
  if (period.label == core::period_label(period.first, period.last)) {
    if (auto name = vi_months_name(period)) {
      return *name;
    }
    // The canonical date-range form "2022-12-01..2023-01-31".
    return fmt::format("từ ngày {} đến ngày {}", period.first.vn(), period.last.vn());
  }
  if (recognised) {
    *recognised = false;
  }
  return period.label;
}

std::string person_text(const ParticipantLine& person)
{
  std::string details;
  for (const auto* part : {&person.position, &person.org}) {
    if (!part->empty()) {
      details += (details.empty() ? "" : ", ") + *part;
    }
  }
  if (person.name.empty()) {
    return details;
  }
  return details.empty() ? person.name : fmt::format("{} ({})", person.name, details);
}

std::vector<std::string> chair_texts(const MeetingLine& meeting)
{
  std::vector<std::string> chairs;
  for (const auto& person : meeting.participants) {
    if (person.role == "chair" || person.role == "co_chair") {
      chairs.push_back(person_text(person));
    }
  }
  return chairs;
}

std::vector<std::string> attending_orgs(const MeetingLine& meeting)
{
  std::vector<std::string> orgs;
  for (const auto& person : meeting.participants) {
    if (!person.org.empty() && std::find(orgs.begin(), orgs.end(), person.org) == orgs.end()) {
      orgs.push_back(person.org);
    }
  }
  return orgs;
}

Value follow_ups_value(const MeetingLine& meeting)
{
  Array out;
  for (std::size_t i = 0; i < meeting.conclusions.size(); ++i) {
    for (const auto& task : meeting.conclusions[i].follow_ups) {
      out.push_back(Object{
        {"conclusion", static_cast<long long>(i + 1)},
        {"task_id", Value(static_cast<long long>(task.task_id))},
        {"code", text_or_null(task.code)},
        {"title", task.title},
        {"status", task.status},
        {"progress", task.progress},
      });
    }
  }
  return out;
}

const std::vector<RegisterColumn>& register_columns(View view)
{
  static const std::vector<RegisterColumn> k_tasks{
    {"period_start", "Period start", "Từ ngày", CellKind::date, false},
    {"period_end", "Period end", "Đến ngày", CellKind::date, false},
    {"agreement_id", "Agreement id", "Mã quy chế", CellKind::number, true, false},
    {"agreement_code", "Agreement", "Quy chế", CellKind::text},
    {"task_id", "Task id", "Mã đầu việc", CellKind::number, true, false},
    {"code", "Code", "Ký hiệu", CellKind::text},
    {"title", "Task", "Nội dung", CellKind::text},
    {"lead", "Lead", "Đơn vị chủ trì", CellKind::text},
    {"start", "Start", "Bắt đầu", CellKind::date, true, false},
    {"due", "Due", "Thời hạn", CellKind::date},
    {"status", "Status", "Tình trạng", CellKind::task_status},
    {"progress", "Progress", "Tiến độ", CellKind::percent},
    {"overdue", "Overdue", "Quá hạn", CellKind::flag, true, false},
    {"done_in_period", "Done in period", "Hoàn thành trong kỳ", CellKind::flag, true, false},
    {"updated_on", "Updated", "Cập nhật", CellKind::date, true, false},
    // Appended: the columns above are fixed, in this order.
    {"partners", "Partners", "Đơn vị phối hợp", CellKind::text},
    {"target", "Target", "Chỉ tiêu", CellKind::quantity},
    {"actual", "Actual", "Thực hiện", CellKind::quantity},
    {"unit", "Unit", "Đơn vị tính", CellKind::text},
    {"pct_of_target", "% of target", "Tỷ lệ so với chỉ tiêu", CellKind::decimal_percent, true, false},
    {"result_note", "Result", "Kết quả", CellKind::text},
    {"result_date", "Result dated", "Ngày báo cáo kết quả", CellKind::date, true, false},
  };
  static const std::vector<RegisterColumn> k_meetings{
    {"period_start", "Period start", "Từ ngày", CellKind::date, false},
    {"period_end", "Period end", "Đến ngày", CellKind::date, false},
    {"agreement_id", "Agreement id", "Mã quy chế", CellKind::number, true, false},
    {"agreement_code", "Agreement", "Quy chế", CellKind::text},
    {"meeting_id", "Meeting id", "Mã hội nghị", CellKind::number, true, false},
    {"date", "Date", "Ngày", CellKind::date},
    {"kind", "Kind", "Loại", CellKind::meeting_kind},
    {"title", "Title", "Tên hội nghị", CellKind::text},
    {"place", "Place", "Địa điểm", CellKind::text},
    {"chairs", "Chairs", "Chủ trì", CellKind::text},
    {"attendees", "Attending", "Thành phần tham dự", CellKind::text},
    {"contributions", "Contributions", "Số tham luận", CellKind::number},
    {"conclusions", "Conclusions", "Số kết luận", CellKind::number},
    // Appended: the columns above are fixed, in this order.
    {"follow_ups", "Follow-up tasks", "Đầu việc triển khai kết luận", CellKind::follow_ups},
  };
  static const std::vector<RegisterColumn> k_awards{
    {"period_start", "Period start", "Từ ngày", CellKind::date, false},
    {"period_end", "Period end", "Đến ngày", CellKind::date, false},
    {"agreement_id", "Agreement id", "Mã quy chế", CellKind::number, true, false},
    {"agreement_code", "Agreement", "Quy chế", CellKind::text},
    {"decision_id", "Decision id", "Mã quyết định", CellKind::number, true, false},
    {"decision_number", "Decision", "Số quyết định", CellKind::text},
    {"decision_date", "Date", "Ngày quyết định", CellKind::date},
    {"issuer", "Issued by", "Cơ quan ban hành", CellKind::text},
    {"form", "Form", "Hình thức", CellKind::award_form},
    {"kind", "Kind", "Đối tượng", CellKind::award_kind},
    {"recipient", "Recipient", "Tập thể, cá nhân", CellKind::text},
    {"unit", "Unit", "Đơn vị", CellKind::text},
    {"position", "Position", "Chức vụ", CellKind::text},
  };
  // The attention list: each kind fills the columns it has (phoihop-report(1)).
  static const std::vector<RegisterColumn> k_attention{
    {"period_start", "Period start", "Từ ngày", CellKind::date, false},
    {"period_end", "Period end", "Đến ngày", CellKind::date, false},
    {"as_of", "As of", "Tính đến ngày", CellKind::date, false},
    {"kind", "Kind", "Loại", CellKind::attention_kind},
    {"agreement_id", "Agreement id", "Mã quy chế", CellKind::number, true, false},
    {"agreement_code", "Agreement", "Quy chế", CellKind::text},
    {"earlier", "Outside the period", "Ngoài kỳ báo cáo", CellKind::flag},
    {"task_id", "Task id", "Mã đầu việc", CellKind::number, true, false},
    {"task_title", "Task", "Nội dung", CellKind::text},
    {"due", "Due", "Thời hạn", CellKind::date},
    {"progress", "Progress", "Tiến độ", CellKind::percent},
    {"last_update", "Last update", "Cập nhật lần cuối", CellKind::date},
    {"months", "Months", "Số tháng", CellKind::number},
    {"term_ended", "Term ended", "Hết thời hạn", CellKind::date},
    {"body", "Body", "Đơn vị", CellKind::text},
    {"ceased_on", "Ceased", "Chấm dứt hoạt động", CellKind::date},
    {"successors", "Successors", "Đơn vị kế thừa", CellKind::text},
  };
  static const std::vector<RegisterColumn> k_none;
  switch (view) {
  case View::tasks: return k_tasks;
  case View::meetings: return k_meetings;
  case View::awards: return k_awards;
  case View::attention: return k_attention;
  case View::summary: break;
  }
  return k_none;
}

namespace {

Value date_or_null(const std::optional<core::Date>& date)
{
  return date ? Value(date->iso()) : Value();
}

Object row_start(const PeriodSection& section, const AgreementSection& agreement)
{
  return Object{
    {"period_start", section.period.first.iso()},
    {"period_end", section.period.last.iso()},
    {"agreement_id", Value(static_cast<long long>(agreement.id))},
    {"agreement_code", text_or_null(agreement.code)},
  };
}

Value id_value(core::Id id)
{
  return Value(static_cast<long long>(id));
}

Value number_or_null(const std::optional<double>& value)
{
  return value ? Value(*value) : Value();
}

Value names(const std::vector<std::string>& names)
{
  return Array(names.begin(), names.end());
}

std::string joined(const std::vector<std::string>& parts)
{
  std::string out;
  for (const auto& part : parts) {
    out += (out.empty() ? "" : "; ") + part;
  }
  return out;
}

} // namespace

void register_rows(const PeriodSection& section, const AgreementSection& agreement, View view,
                   std::vector<Object>& rows)
{
  if (view == View::tasks) {
    for (const auto& task : agreement.tasks) {
      Object row = row_start(section, agreement);
      row.push_back({"task_id", id_value(task.id)});
      row.push_back({"code", text_or_null(task.code)});
      row.push_back({"title", task.title});
      row.push_back({"lead", text_or_null(task.lead)});
      row.push_back({"start", date_or_null(task.start)});
      row.push_back({"due", date_or_null(task.due)});
      row.push_back({"status", task.status});
      row.push_back({"progress", task.progress});
      row.push_back({"overdue", task.overdue});
      row.push_back({"done_in_period", task.done_in_period});
      row.push_back({"updated_on", date_or_null(task.updated_on)});
      row.push_back({"partners", names(task.partners)});
      row.push_back({"target", number_or_null(task.target)});
      row.push_back({"actual", number_or_null(task.actual)});
      row.push_back({"unit", text_or_null(task.unit)});
      row.push_back({"pct_of_target",
                     task.pct_of_target ? Value(one_decimal_number(*task.pct_of_target)) : Value()});
      row.push_back({"result_note", text_or_null(task.result_note)});
      row.push_back({"result_date", date_or_null(task.result_date)});
      rows.push_back(std::move(row));
    }
  } else if (view == View::awards) {
    for (const auto& decision : agreement.decisions) {
      for (const auto& recipient : decision.recipients) {
        Object row = row_start(section, agreement);
        row.push_back({"decision_id", id_value(decision.id)});
        row.push_back({"decision_number", text_or_null(decision.number)});
        row.push_back({"decision_date", date_or_null(decision.date)});
        row.push_back({"issuer", text_or_null(decision.issuer)});
        row.push_back({"form", text_or_null(decision.form)});
        row.push_back({"kind", recipient.kind});
        row.push_back({"recipient", recipient.name});
        row.push_back({"unit", text_or_null(recipient.unit)});
        row.push_back({"position", text_or_null(recipient.position)});
        rows.push_back(std::move(row));
      }
    }
  }
}

std::vector<Object> register_rows(const PeriodSection& section, View view)
{
  std::vector<Object> rows;
  if (view == View::meetings) {
    // A meeting concerning several agreements appears under each of them in
    // the model; the register lists it by date, once per agreement, the
    // agreements in their section order (a stable sort keeps that order).
    std::vector<std::pair<const MeetingLine*, const AgreementSection*>> pairs;
    for (const auto& agreement : section.agreements) {
      for (const auto& meeting : agreement.meetings) {
        pairs.emplace_back(&meeting, &agreement);
      }
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
      return std::pair(a.first->date, a.first->id) < std::pair(b.first->date, b.first->id);
    });
    for (const auto& [meeting, agreement] : pairs) {
      Object row = row_start(section, *agreement);
      row.push_back({"meeting_id", id_value(meeting->id)});
      row.push_back({"date", meeting->date.iso()});
      row.push_back({"kind", meeting->kind});
      row.push_back({"title", meeting->title});
      row.push_back({"place", text_or_null(meeting->place)});
      row.push_back({"chairs", text_or_null(joined(chair_texts(*meeting)))});
      row.push_back({"attendees", text_or_null(joined(attending_orgs(*meeting)))});
      row.push_back({"contributions", static_cast<long long>(meeting->contributions.size())});
      row.push_back({"conclusions", static_cast<long long>(meeting->conclusions.size())});
      row.push_back({"follow_ups", follow_ups_value(*meeting)});
      rows.push_back(std::move(row));
    }
  } else {
    for (const auto& agreement : section.agreements) {
      register_rows(section, agreement, view, rows);
    }
  }
  return rows;
}

void RegisterRows::begin(const PeriodSection& section)
{
  m_section = {};
  m_section.period = section.period;
  m_section.as_of = section.as_of;
}

Object RegisterRows::attention(const PeriodSection& section, const Attention& item) const
{
  const std::string& k = item.kind;
  bool task = k == "overdue_task" || k == "task_unfinished" || k == "task_stale" || k == "task_due_soon" ||
              k == "lead_ceased";
  std::vector<std::string> successors;
  for (const auto& [name, from] : item.successors) {
    successors.push_back(fmt::format("{} ({})", name, from.iso()));
  }
  return Object{
    {"period_start", section.period.first.iso()},
    {"period_end", section.period.last.iso()},
    {"as_of", section.as_of.iso()},
    {"kind", k},
    {"agreement_id", id_value(item.agreement_id)},
    {"agreement_code", item.agreement},
    {"earlier", item.earlier},
    {"task_id", task ? id_value(item.task_id) : Value()},
    {"task_title", task ? Value(item.task_title) : Value()},
    {"due", task ? date_or_null(item.due) : Value()},
    {"progress", task ? Value(item.progress) : Value()},
    {"last_update", date_or_null(item.last_update)},
    {"months", k == "task_stale" ? Value(item.months) : k == "party_ceased" ? Value(item.months_into_term) : Value()},
    {"term_ended", date_or_null(item.term_ended)},
    {"body", text_or_null(item.party)},
    {"ceased_on", date_or_null(item.ceased_on)},
    {"successors", successors.empty() ? Value() : Value(joined(successors))},
  };
}

std::vector<Object> RegisterRows::agreement(const PeriodSection& section, const AgreementSection& agreement)
{
  std::vector<Object> rows;
  if (m_view == View::attention) {
    return rows; // its rows come from attention()
  }
  if (m_view == View::meetings) {
    m_section.agreements.push_back(agreement);
  } else {
    register_rows(section, agreement, m_view, rows);
  }
  return rows;
}

std::vector<Object> RegisterRows::end()
{
  std::vector<Object> rows;
  if (m_view == View::meetings) {
    rows = register_rows(m_section, m_view);
  }
  m_section = {};
  return rows;
}

Spool::~Spool()
{
  if (m_file) {
    std::fclose(m_file);
  }
}

void Spool::append(std::string_view text)
{
  m_empty = m_empty && text.empty();
  if (m_buffer.size() + text.size() > k_limit && !m_buffer.empty()) {
    spill();
  }
  m_buffer += text;
}

void Spool::spill()
{
  if (!m_file) {
    int fd = io::unnamed_temp_file("the report");
    m_file = ::fdopen(fd, "w+");
    if (!m_file) {
      int error = errno;
      ::close(fd);
      throw Failure(fmt::format("cannot open a temporary file for the report: {}", std::strerror(error)));
    }
  }
  if (std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size()) {
    throw Failure(fmt::format("cannot write a temporary file for the report in {} ($TMPDIR): {}", io::temp_dir(),
                              std::strerror(errno)));
  }
  m_buffer.clear();
}

template <class Emit> void Spool::drain(Emit emit)
{
  if (m_file) {
    // rewind() would clear the error of a failed last write: checked here.
    if (std::fflush(m_file) != 0 || std::fseek(m_file, 0, SEEK_SET) != 0) {
      throw Failure(fmt::format("cannot write a temporary file for the report: {}", std::strerror(errno)));
    }
    std::string chunk(1 << 16, '\0');
    std::size_t n = 0;
    while ((n = std::fread(chunk.data(), 1, chunk.size(), m_file)) > 0) {
      emit(std::string_view(chunk.data(), n));
    }
    if (std::ferror(m_file)) {
      throw Failure(fmt::format("cannot read a temporary file for the report: {}", std::strerror(errno)));
    }
    std::fclose(m_file);
    m_file = nullptr;
  }
  emit(std::string_view(m_buffer));
  m_buffer.clear();
  m_empty = true;
}

void Spool::write_to(std::ostream& out)
{
  drain([&out](std::string_view text) { out.write(text.data(), static_cast<std::streamsize>(text.size())); });
}

void Spool::write_to(Spool& other)
{
  drain([&other](std::string_view text) { other.append(text); });
}

std::FILE* Spool::take_file()
{
  spill();
  std::FILE* file = m_file;
  m_file = nullptr;
  m_empty = true;
  if (std::fflush(file) != 0) {
    std::fclose(file);
    throw Failure(fmt::format("cannot write a temporary file for the report: {}", std::strerror(errno)));
  }
  std::rewind(file);
  return file;
}

const std::vector<std::string_view>& summary_csv_columns()
{
  static const std::vector<std::string_view> k_columns = [] {
    std::vector<std::string_view> columns{"period_start", "period_end", "agreement_id", "agreement_code",
                                          "agreement_title"};
    for (const auto& figure : k_figures) {
      columns.push_back(figure.key);
    }
    return columns;
  }();
  return k_columns;
}

namespace {

std::string successors_text(bool vi, const Attention& item, Escape esc)
{
  std::string list;
  for (const auto& [name, from] : item.successors) {
    std::string one = vi ? fmt::format("{} (từ {})", esc(name), from.administrative())
                         : fmt::format("{} (from {})", esc(name), from.iso());
    list += (list.empty() ? "" : vi ? ", " : " and ") + one;
  }
  return list;
}

std::string date_text(bool vi, const core::Date& date)
{
  return vi ? date.administrative() : date.iso();
}

std::string successors_clause(bool vi, const Attention& item, Escape esc)
{
  std::string successors = successors_text(vi, item, esc);
  if (vi) {
    return successors.empty() ? "chưa ghi nhận đơn vị kế thừa" : "đơn vị kế thừa: " + successors;
  }
  return successors.empty() ? "no successor recorded" : "succeeded by " + successors;
}

} // namespace

std::string attention_sentence(bool vi, const Attention& item, Escape esc)
{
  std::string task = fmt::format("“{}” (#{})", esc(item.task_title), item.task_id);
  std::string ceased = item.ceased_on ? " " + date_text(vi, *item.ceased_on) : "";
  if (item.kind == "overdue_task") {
    if (vi) {
      std::string due = item.due ? fmt::format(" có hạn hoàn thành {}", item.due->administrative()) : "";
      return fmt::format("đầu việc {}{} nhưng chưa hoàn thành, tiến độ mới đạt {}%.", task, due, item.progress);
    }
    std::string due = item.due ? fmt::format(" was due on {} and", item.due->iso()) : "";
    return fmt::format("task {}{} is overdue at {}%.", task, due, item.progress);
  }
  if (item.kind == "task_unfinished") {
    return vi ? fmt::format("đầu việc {} chưa hoàn thành khi quy chế kết thúc, tiến độ đạt {}%.", task, item.progress)
              : fmt::format("task {} was left unfinished at {}% when the agreement ended.", task, item.progress);
  }
  if (item.kind == "task_stale") {
    if (vi) {
      std::string last =
          item.last_update ? "lần cuối " + item.last_update->administrative() : "chưa có cập nhật nào";
      return fmt::format("đầu việc {} không được cập nhật trong {} tháng ({}), tiến độ {}%.", task, item.months, last,
                         item.progress);
    }
    std::string last = item.last_update ? "last on " + item.last_update->iso() : "none since it started";
    return fmt::format("task {} has had no update for {} months ({}), at {}%.", task, item.months, last, item.progress);
  }
  if (item.kind == "task_due_soon") {
    std::string due = item.due ? date_text(vi, *item.due) : "";
    return vi ? fmt::format("đầu việc {} sắp đến hạn hoàn thành {}, tiến độ {}%.", task, due, item.progress)
              : fmt::format("task {} is due on {}, at {}%.", task, due, item.progress);
  }
  if (item.kind == "lead_ceased") {
    return vi ? fmt::format("đầu việc {} do {} chủ trì, đơn vị đã chấm dứt hoạt động{}; {}.", task, esc(item.party),
                            ceased, successors_clause(vi, item, esc))
              : fmt::format("task {} is led by {}, which ceased{}; {}.", task, esc(item.party),
                            ceased.empty() ? "" : " on" + ceased, successors_clause(vi, item, esc));
  }
  if (item.kind == "final_review_missing") {
    if (vi) {
      std::string ended =
          item.term_ended ? fmt::format(" dù quy chế đã hết thời hạn {}", item.term_ended->administrative()) : "";
      return fmt::format("chưa tổ chức hội nghị tổng kết{}.", ended);
    }
    std::string ended = item.term_ended ? fmt::format(" although the term ended on {}", item.term_ended->iso()) : "";
    return fmt::format("final review not held{}.", ended);
  }
  if (item.kind == "term_over_in_force") {
    std::string ended = item.term_ended ? date_text(vi, *item.term_ended) : "";
    return vi ? fmt::format("quy chế đã hết thời hạn {} nhưng chưa được ghi nhận kết thúc.", ended)
              : fmt::format("the term ended on {} but the agreement is still recorded as in force.", ended);
  }
  if (item.kind == "party_ceased") {
    if (vi) {
      return fmt::format("{} chấm dứt hoạt động{}, sau {} tháng thực hiện quy chế; {}.", esc(item.party), ceased,
                         item.months_into_term, successors_clause(vi, item, esc));
    }
    return fmt::format("party {} ceased{}, {} month{} into the term; {}.", esc(item.party),
                       ceased.empty() ? "" : " on" + ceased, item.months_into_term,
                       item.months_into_term == 1 ? "" : "s", successors_clause(vi, item, esc));
  }
  if (item.kind == "party_ceased_before_term") {
    return vi ? fmt::format("{} đã chấm dứt hoạt động{}, trước khi quy chế bắt đầu; {}.", esc(item.party), ceased,
                            successors_clause(vi, item, esc))
              : fmt::format("party {} had ceased{}, before the term began; {}.", esc(item.party),
                            ceased.empty() ? "" : " on" + ceased, successors_clause(vi, item, esc));
  }
  if (item.kind == "no_tasks") {
    return vi ? std::string("chưa ghi nhận đầu việc nào; chưa có số liệu về kết quả thực hiện.")
              : std::string("no work items are recorded; its results are not known.");
  }
  if (item.kind == "no_signers") {
    return vi ? std::string("chưa ghi nhận người ký quy chế.") : std::string("no signers are recorded.");
  }
  return esc(item.kind);
}


namespace {

// A number of a register row read back from its text (the C locale's way,
// whatever the process's).
double number(const std::string& text)
{
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// "conclusion 1: “Title” (#12, in progress, 40%); …" from follow_ups_value().
std::string follow_ups_text(bool vi, const Value& value, Escape esc)
{
  std::string text;
  for (const auto& item : value.array() ? *value.array() : Array{}) {
    const Object* o = item.object();
    if (!o) {
      continue;
    }
    auto field = [o](std::string_view key) {
      auto it = std::find_if(o->begin(), o->end(), [&](const Field& f) { return f.key == key; });
      return it == o->end() ? std::string() : it->value.text();
    };
    FollowUpLine task{static_cast<core::Id>(number(field("task_id"))), field("code"), field("title"),
                      field("status"), static_cast<int>(number(field("progress")))};
    text += fmt::format("{}{} {}: {}", text.empty() ? "" : "; ", words(vi).conclusion, field("conclusion"),
                        follow_up_text(vi, task, esc));
  }
  return text.empty() ? "—" : text;
}

} // namespace

std::string percent_text(bool vi, const std::optional<double>& value)
{
  std::string text = decimal_text(vi, value);
  return value ? text + "%" : text;
}

std::string follow_up_text(bool vi, const FollowUpLine& task, Escape esc, std::string_view conclusion)
{
  std::string state =
    fmt::format("#{}, {}, {}%", task.task_id, esc(task_status_label(vi, task.status)), task.progress);
  return task.title == conclusion ? state : fmt::format("“{}” ({})", esc(task.title), state);
}

std::string register_text(bool vi, const RegisterColumn& column, const Value& value, Escape esc)
{
  if (value.is_null()) {
    return "—";
  }
  std::string text = value.text();
  switch (column.kind) {
  case CellKind::date: {
    // Register dates are ISO in the row; Vietnamese tables write dd/mm/yyyy.
    if (vi && text.size() == 10) {
      return text.substr(8, 2) + "/" + text.substr(5, 2) + "/" + text.substr(0, 4);
    }
    return text;
  }
  case CellKind::flag: return std::string(text == "true" ? words(vi).yes : words(vi).no);
  case CellKind::task_status: return esc(task_status_label(vi, text));
  case CellKind::meeting_kind: return esc(meeting_kind_label(vi, text));
  case CellKind::award_kind: return esc(award_kind_label(vi, text));
  case CellKind::award_form: return esc(award_form_label(vi, text));
  case CellKind::attention_kind: return esc(attention_kind_label(vi, text));
  case CellKind::percent: return text + "%";
  case CellKind::quantity: return number_text(vi, number(text));
  case CellKind::decimal_percent: return percent_text(vi, number(text));
  case CellKind::follow_ups: return follow_ups_text(vi, value, esc);
  case CellKind::number:
  case CellKind::text: break;
  }
  std::string escaped = esc(text);
  return escaped.empty() ? "—" : escaped;
}


std::string agreement_name(const AgreementSection& agreement)
{
  if (agreement.code.empty()) {
    return agreement.title.empty() ? fmt::format("#{}", agreement.id) : agreement.title;
  }
  return agreement.title.empty() ? agreement.code : agreement.code + " — " + agreement.title;
}

std::string agreement_ref(const AgreementSection& agreement)
{
  return agreement.code.empty() ? fmt::format("#{}", agreement.id) : agreement.code;
}

std::string_view title_of(const Words& w, View view)
{
  switch (view) {
  case View::tasks: return w.tasks_title;
  case View::meetings: return w.meetings_title;
  case View::awards: return w.awards_title;
  case View::attention: return w.attention_title;
  case View::summary: break;
  }
  return w.summary_title;
}


std::string figure_text(bool vi, const Figure& figure, const Counts& counts)
{
  if (figure.count && figure.group == FigureGroup::tasks && counts.tasks_total == 0) {
    return "—";
  }
  return figure.count ? fmt::format("{}", counts.*figure.count) : percent_text(vi, counts.*figure.percent);
}

std::string contribution_text(const ContributionLine& contribution, Escape esc)
{
  std::string who = esc(contribution.org);
  if (!contribution.presenter.empty()) {
    who += (who.empty() ? "" : " — ") + esc(contribution.presenter);
  }
  std::string topic = esc(contribution.topic);
  return who.empty() ? topic : topic.empty() ? who : who + ": " + topic;
}


std::string indicator_text(bool vi, const TaskLine& task, Escape esc)
{
  if (!task.target && !task.actual) {
    return "—";
  }
  std::string unit = task.unit.empty() ? "" : " " + esc(task.unit);
  std::string actual = task.actual ? number_text(vi, *task.actual) : "—";
  std::string text =
    task.target ? fmt::format("{} / {}{}", actual, number_text(vi, *task.target), unit) : actual + unit;
  if (task.pct_of_target) {
    text += fmt::format(" ({})", percent_text(vi, task.pct_of_target));
  }
  return text;
}

std::string escape_html(const std::string& text)
{
  std::size_t first = 0;
  std::size_t last = text.size();
  auto blank = [](char c) { return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f; };
  while (first < last && blank(text[first])) {
    ++first;
  }
  while (last > first && blank(text[last - 1])) {
    --last;
  }
  std::string out;
  out.reserve(last - first + 16);
  for (std::size_t i = first; i < last; ++i) {
    char c = text[i];
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default:
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        if (out.empty() || out.back() != ' ') {
          out += ' ';
        }
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::string period_line(bool vi, const core::Period& period, const core::Date& as_of)
{
  const Words& w = words(vi);
  if (vi) {
    return fmt::format("{}: từ {} đến {}; {} {}.", w.period, period.first.administrative(),
                       period.last.administrative(), w.as_of, as_of.administrative());
  }
  return fmt::format("{}: {} to {}; {} {}.", w.period, period.first.iso(), period.last.iso(), w.as_of, as_of.iso());
}

std::string report_title(bool vi, std::string_view what, const core::Period& period, Escape esc)
{
  bool recognised = true;
  std::string name = period_name(vi, period, &recognised);
  if (vi && recognised) {
    return fmt::format("{} {}", what, esc(name));
  }
  return fmt::format("{} — {}", what, esc(name));
}

std::string section_heading(bool vi, const core::Period& period, Escape esc)
{
  std::string name = period_name(vi, period);
  return esc(vi ? capitalize(name) : name);
}

std::string compare_line(bool vi, const Comparison& other, Escape esc)
{
  const Words& w = words(vi);
  std::string name = esc(period_name(vi, other.period));
  if (vi) {
    return fmt::format("{} {} (từ {} đến {}; {} {}); {}.", w.compared_with, name, other.period.first.administrative(),
                       other.period.last.administrative(), w.as_of, other.as_of.administrative(),
                       w.changes_in_brackets);
  }
  return fmt::format("{} {} ({} to {}; {} {}); {}.", w.compared_with, name, other.period.first.iso(),
                     other.period.last.iso(), w.as_of, other.as_of.iso(), w.changes_in_brackets);
}

std::string figure_change_text(bool vi, const Figure& figure, const Counts& now, const Counts* before)
{
  std::string text = figure_text(vi, figure, now);
  if (before) {
    if (auto change = delta(figure, now, *before)) {
      text += fmt::format(" ({})", delta_text(vi, *change, figure.is_percent()));
    }
  }
  return text;
}

std::string awards_line(bool vi, const Counts& counts)
{
  std::string line;
  for (const Figure* figure : figures_read()) {
    if (figure->group == FigureGroup::awards) {
      line += fmt::format("{}{}: {}", line.empty() ? "" : " · ", vi ? figure->vi : figure->en,
                          figure_text(vi, *figure, counts));
    }
  }
  return line + ".";
}

std::vector<Fact> agreement_facts(bool vi, const AgreementSection& agreement, Escape esc)
{
  const Words& w = words(vi);
  std::vector<Fact> facts;
  if (!agreement.number.empty()) {
    facts.push_back({std::string(w.number), esc(agreement.number)});
  }
  std::string term = vi ? fmt::format("từ {} đến {}", agreement.start.administrative(), agreement.end.administrative())
                        : fmt::format("{} to {}", agreement.start.iso(), agreement.end.iso());
  if (agreement.actual_end) {
    term += fmt::format("; {} {}", w.ended_on, date_prose(vi, *agreement.actual_end));
  }
  // A term that is not whole years ("2024-03-01..2025-02-28") says no more
  // than its days, which the prose gives in the report's language.
  const bool days_only = agreement.term.find("..") != std::string::npos;
  facts.push_back({std::string(w.term), agreement.term.empty() || days_only
                                          ? term
                                          : fmt::format("{} ({})", esc(agreement.term), term)});
  facts.push_back({std::string(w.status), esc(agreement_status_label(vi, agreement.status))});
  return facts;
}

std::string meeting_heading(bool vi, const MeetingLine& meeting, Escape esc)
{
  std::string title = esc(meeting.title);
  if (title.empty()) {
    title = esc(capitalize(meeting_kind_label(vi, meeting.kind)));
  }
  return fmt::format("{} — {}", date_cell(vi, meeting.date), title);
}

std::vector<Fact> meeting_facts(bool vi, const MeetingLine& meeting, Escape esc)
{
  const Words& w = words(vi);
  std::vector<Fact> facts;
  facts.push_back({std::string(w.kind), esc(meeting_kind_label(vi, meeting.kind))});
  if (!meeting.place.empty()) {
    facts.push_back({std::string(w.place), esc(meeting.place)});
  }
  // One line per role, in the order chair, co-chairs, secretary: who led
  // the meeting is what a report reader looks for first.
  // Vietnamese nouns have no plural; English ones take it.
  struct RoleLine {
    std::string_view role;
    std::string_view en_plural;
  };
  for (const auto& [role, en_plural] :
       {RoleLine{"chair", "Chairs"}, RoleLine{"co_chair", "Co-chairs"}, RoleLine{"secretary", "Secretaries"}}) {
    std::string people;
    int count = 0;
    for (const auto& person : meeting.participants) {
      if (person.role == role) {
        people += (people.empty() ? "" : "; ") + esc(person_text(person));
        ++count;
      }
    }
    if (count > 0) {
      facts.push_back({!vi && count > 1 ? std::string(en_plural) : capitalize(role_label(vi, role)), people});
    }
  }
  std::string orgs;
  for (const auto& org : attending_orgs(meeting)) {
    orgs += (orgs.empty() ? "" : "; ") + esc(org);
  }
  if (!orgs.empty()) {
    facts.push_back({std::string(w.attending), orgs});
  }
  return facts;
}

std::string decision_heading(bool vi, const DecisionLine& decision, Escape esc)
{
  const Words& w = words(vi);
  std::string heading = decision.number.empty() ? std::string(w.decision_no_number)
                                                : fmt::format("{} {}", w.decision, esc(decision.number));
  if (decision.date) {
    heading += fmt::format(" {} {}", w.decision_of, date_cell(vi, *decision.date));
  }
  return heading;
}

std::vector<Fact> decision_facts(bool vi, const DecisionLine& decision, Escape esc)
{
  const Words& w = words(vi);
  std::vector<Fact> facts;
  if (!decision.issuer.empty()) {
    facts.push_back({std::string(w.issuer), esc(decision.issuer)});
  }
  if (!decision.form.empty()) {
    facts.push_back({std::string(w.form), esc(award_form_label(vi, decision.form))});
  }
  if (!decision.reason.empty()) {
    facts.push_back({std::string(w.reason), esc(decision.reason)});
  }
  return facts;
}

std::string cell_text(const std::string& text, Escape esc)
{
  std::string escaped = esc(text);
  return escaped.empty() ? "—" : escaped;
}

std::string cell_date(bool vi, const std::optional<core::Date>& date)
{
  return date ? date_cell(vi, *date) : "—";
}

std::string lines_text(const std::string& text, Escape esc, std::string_view separator)
{
  std::string out;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t end = std::min(text.find('\n', from), text.size());
    std::string line = esc(text.substr(from, end - from));
    if (!line.empty()) {
      if (!out.empty()) {
        out += separator;
      }
      out += line;
    }
    from = end + 1;
  }
  return out;
}

TextTable parties_table(bool vi, const AgreementSection& agreement, Escape esc)
{
  const Words& w = words(vi);
  TextTable table{{std::string(w.party), std::string(w.signer), std::string(w.position), std::string(w.signed_on)},
                  {},
                  {}};
  for (const auto& party : agreement.parties) {
    table.rows.push_back({cell_text(party.name, esc), cell_text(party.signer_name, esc),
                          cell_text(party.signer_position, esc), cell_date(vi, party.signed_on)});
  }
  return table;
}

TextTable figures_table(bool vi, const Counts& counts, const Counts* before)
{
  const Words& w = words(vi);
  TextTable table{{std::string(w.figure), std::string(w.value)}, {false, true}, {}};
  for (const Figure* figure : figures_read()) {
    table.rows.push_back({std::string(vi ? figure->vi : figure->en), figure_change_text(vi, *figure, counts, before)});
  }
  return table;
}

TextTable by_lead_table(bool vi, const AgreementSection& agreement, Escape esc)
{
  const Words& w = words(vi);
  TextTable table{{std::string(w.lead)}, {false}, {}};
  std::vector<const Figure*> shown;
  for (const Figure* figure : figures_read()) {
    if (figure->group == FigureGroup::tasks) {
      table.headers.emplace_back(vi ? figure->vi : figure->en);
      table.right.push_back(true);
      shown.push_back(figure);
    }
  }
  for (const auto& lead : agreement.by_lead) {
    std::vector<std::string> row{lead.lead_id ? cell_text(lead.lead, esc) : std::string(w.no_lead)};
    for (const Figure* figure : shown) {
      row.push_back(figure_text(vi, *figure, lead.counts));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

TextTable totals_table(bool vi)
{
  TextTable table{{std::string(words(vi).agreement)}, {false}, {}};
  for (const Figure* figure : figures_read()) {
    table.headers.emplace_back(vi ? figure->vi : figure->en);
    table.right.push_back(true);
  }
  return table;
}

std::vector<std::string> counts_row(bool vi, std::string name, const Counts& counts, const Counts* before)
{
  std::vector<std::string> row{std::move(name)};
  for (const Figure* figure : figures_read()) {
    row.push_back(figure_change_text(vi, *figure, counts, before));
  }
  return row;
}

TextTable tasks_table(bool vi)
{
  const Words& w = words(vi);
  return {{std::string(w.task_no), std::string(w.task), std::string(w.lead), std::string(w.partners),
           std::string(w.due), std::string(w.status), std::string(w.progress), std::string(w.indicator)},
          {false, false, false, false, false, false, true, false},
          {}};
}

std::string task_number(const TaskLine& task, std::size_t index, Escape esc)
{
  return task.code.empty() ? fmt::format("{}", index + 1) : cell_text(task.code, esc);
}

std::string partners_text(const TaskLine& task, Escape esc)
{
  std::string partners;
  for (const auto& partner : task.partners) {
    partners += (partners.empty() ? "" : "; ") + esc(partner);
  }
  return partners.empty() ? "—" : partners;
}

std::string task_status_text(bool vi, const TaskLine& task, Escape esc, std::string_view strong,
                             std::string_view strong_end)
{
  std::string status = esc(task_status_label(vi, task.status));
  if (task.overdue) {
    status += fmt::format(" — {}{}{}", strong, words(vi).overdue_mark, strong_end);
  }
  if (task.done_in_period) {
    status += fmt::format(" ({})", words(vi).done_in_period_mark);
  }
  return status;
}

std::string result_when(bool vi, const TaskLine& task)
{
  return task.result_date ? fmt::format(" ({})", date_cell(vi, *task.result_date)) : "";
}

TextTable individuals_table(bool vi, const DecisionLine& decision, Escape esc)
{
  const Words& w = words(vi);
  TextTable table{{std::string(w.task_no), std::string(w.name), std::string(w.position), std::string(w.unit)},
                  {true, false, false, false},
                  {}};
  for (const auto& recipient : decision.recipients) {
    if (recipient.kind == "individual") {
      table.rows.push_back({fmt::format("{}", table.rows.size() + 1), cell_text(recipient.name, esc),
                            cell_text(recipient.position, esc), cell_text(recipient.unit, esc)});
    }
  }
  return table;
}

std::vector<std::string> collective_names(const DecisionLine& decision, Escape esc)
{
  std::vector<std::string> names;
  for (const auto& recipient : decision.recipients) {
    if (recipient.kind != "individual") {
      names.push_back(esc(recipient.name));
    }
  }
  return names;
}

std::vector<std::string> contribution_items(const MeetingLine& meeting, Escape esc)
{
  std::vector<std::string> items;
  for (const auto& contribution : meeting.contributions) {
    items.push_back(contribution_text(contribution, esc));
  }
  return items;
}

std::vector<std::string> conclusion_items(bool vi, const MeetingLine& meeting, Escape esc)
{
  std::vector<std::string> items;
  for (const auto& conclusion : meeting.conclusions) {
    std::string item = esc(conclusion.text);
    std::string tasks;
    for (const auto& task : conclusion.follow_ups) {
      tasks += (tasks.empty() ? "" : "; ") + follow_up_text(vi, task, esc, conclusion.text);
    }
    if (!tasks.empty()) {
      item += fmt::format(" — {}: {}", words(vi).follow_up, tasks);
    }
    items.push_back(std::move(item));
  }
  return items;
}

RegisterTable register_table(bool vi, View view)
{
  RegisterTable table;
  for (const auto& column : register_columns(view)) {
    if (column.in_markdown) {
      table.shown.push_back(&column);
      table.headers.emplace_back(vi ? column.vi : column.en);
      table.right.push_back(column.kind == CellKind::number || column.kind == CellKind::percent);
    }
  }
  return table;
}

std::vector<std::string> register_line(bool vi, const RegisterTable& table, const Object& row, Escape esc)
{
  std::vector<std::string> line;
  for (const auto* column : table.shown) {
    auto field = std::find_if(row.begin(), row.end(), [&](const Field& f) { return f.key == column->key; });
    line.push_back(field == row.end() ? "—" : register_text(vi, *column, field->value, esc));
  }
  return line;
}

ProseSink::ProseSink(View view, const RenderOptions& options, Escape esc)
  : m_view(view), m_vi(is_vi(options)), m_esc(esc), m_totals_head(totals_table(m_vi)), m_register(view)
{
}

void ProseSink::begin(const core::Period& period, const core::Date& today, std::size_t sections)
{
  open(report_title(m_vi, title_of(w(), m_view), period, m_esc), period_line(m_vi, period, period.as_of(today)));
  if (sections == 0) {
    paragraph(std::string(m_view == View::summary ? w().no_agreements : w().no_rows));
  }
  // With one section the agreements sit right under the title; with several
  // (--each) each sub-period gets its own heading level.
  m_several = sections > 1;
  m_level = m_several ? 3 : 2;
  if (m_view != View::summary && m_view != View::attention) {
    m_table = register_table(m_vi, m_view);
  }
}

void ProseSink::begin_section(const PeriodSection& section)
{
  open_section(m_several, m_several ? section_heading(m_vi, section.period, m_esc) : std::string(),
               period_line(m_vi, section.period, section.as_of));
  m_compare = section.compare;
  if (m_compare && m_view == View::summary) {
    compare(compare_line(m_vi, *m_compare, m_esc));
  }
  m_any_agreement = false;
  m_table_started = false;
  m_register.begin(section);
}

void ProseSink::agreement(const PeriodSection& section, const AgreementSection& agreement)
{
  m_any_agreement = true;
  if (m_view == View::attention) {
    return;
  }
  if (m_view == View::summary) {
    const Counts* before = m_compare ? m_compare->of(agreement.id) : nullptr;
    write_agreement(agreement, before, m_level);
    m_totals.append(row(counts_row(m_vi, cell_text(agreement_ref(agreement), m_esc), agreement.counts, before),
                        m_totals_head.right, false));
  } else {
    write_rows(m_register.agreement(section, agreement));
  }
}

void ProseSink::attention(const PeriodSection& /*section*/, const Attention& item)
{
  if (m_view == View::summary || m_view == View::attention) {
    (item.earlier ? m_attention_earlier : m_attention).append(attention_item(item));
  }
}

void ProseSink::end_section(const PeriodSection& section)
{
  if (m_view == View::attention) {
    // The list alone: with one section right under the title.
    attention_lists(m_several);
  } else if (m_view == View::summary) {
    if (!m_any_agreement) {
      paragraph(std::string(w().no_agreements));
    } else {
      totals(section);
    }
    attention_lists(true);
  } else {
    write_rows(m_register.end());
    if (m_table_started) {
      table_end();
    } else {
      paragraph(std::string(w().no_rows));
    }
  }
  close_section(section);
}

void ProseSink::totals(const PeriodSection& section)
{
  heading(m_level, std::string(w().totals));
  table_start(m_totals_head);
  m_totals.write_to(out());
  out() << row(counts_row(m_vi, std::string(w().total), section.totals, m_compare ? &m_compare->totals : nullptr),
               m_totals_head.right, true);
  table_end();
  after_totals(section);
}

void ProseSink::attention_lists(bool with_heading)
{
  if (with_heading) {
    heading(m_level, std::string(w().attention));
  }
  if (m_attention.empty() && m_attention_earlier.empty()) {
    paragraph(std::string(w().nothing_needs_attention));
    return;
  }
  if (!m_attention.empty()) {
    attention_list(m_attention);
  }
  if (!m_attention_earlier.empty()) {
    heading(m_level + 1, std::string(w().attention_earlier));
    attention_list(m_attention_earlier);
  }
}

void ProseSink::write_rows(const std::vector<Object>& rows)
{
  for (const auto& line : rows) {
    if (!m_table_started) {
      table_start({m_table.headers, m_table.right, {}});
      m_table_started = true;
    }
    out() << row(register_line(m_vi, m_table, line, m_esc), m_table.right, false);
  }
}

} // namespace phoihop::report::detail
