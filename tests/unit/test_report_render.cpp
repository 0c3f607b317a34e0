#include <phoihop/core/text.hpp>
#include <phoihop/report/render.hpp>

#include <doctest/doctest.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <locale>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

using phoihop::core::Date;
using phoihop::core::Period;
using phoihop::report::AgreementSection;
using phoihop::report::Attention;
using phoihop::report::Comparison;
using phoihop::report::ConclusionLine;
using phoihop::report::ContributionLine;
using phoihop::report::Counts;
using phoihop::report::FollowUpLine;
using phoihop::report::LeadLine;
using phoihop::report::DecisionLine;
using phoihop::report::markdown_cell;
using phoihop::report::markdown_text;
using phoihop::report::MeetingLine;
using phoihop::report::ParticipantLine;
using phoihop::report::PartyLine;
using phoihop::report::PeriodSection;
using phoihop::report::RecipientLine;
using phoihop::report::render_csv;
using phoihop::report::render_json;
using phoihop::report::render_markdown;
using phoihop::report::RenderOptions;
using phoihop::report::Summary;
using phoihop::report::TaskLine;
using phoihop::report::View;

namespace {

// Record text that tries every way of breaking out of a Markdown table or
// line: a pipe, HTML, emphasis, a link, and a newline followed by a heading.
const std::string k_hostile_title = "a | b <script>alert(1)</script> *bold* [link](x)\n# heading";
const std::string k_formula_lead = "=HYPERLINK(\"http://evil\",\"x\")";

Date d(int y, int m, int day)
{
  return Date::from_ymd(y, m, day);
}

TaskLine task(phoihop::core::Id id, std::string code, std::string title, std::string lead, std::string status,
              int progress)
{
  TaskLine t;
  t.id = id;
  t.code = std::move(code);
  t.title = std::move(title);
  t.lead = std::move(lead);
  t.start = d(2022, 1, 1);
  t.due = d(2022, 12, 31);
  t.status = std::move(status);
  t.progress = progress;
  return t;
}

AgreementSection agreement_2018()
{
  AgreementSection a;
  a.id = 1;
  a.code = "QCPH-2018";
  a.title = "Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn giai đoạn 2018-2022";
  a.number = "05/QCPH-UBND-TĐTN";
  a.term = "2018-2022";
  a.start = d(2018, 1, 1);
  a.end = d(2022, 12, 31);
  a.status = "ended";
  a.parties = {
    PartyLine{10, "UBND tỉnh Bến Tre", "Cao Văn Trọng", "Chủ tịch UBND tỉnh", d(2018, 3, 15)},
    PartyLine{11, "Tỉnh đoàn Bến Tre", "Nguyễn Văn Hùng", "Bí thư Tỉnh đoàn", d(2018, 3, 15)},
  };
  return a;
}

// Two sub-periods (--each year over 2021-2022), two agreements, tasks in every
// status, a co-chaired meeting, a decision with collectives and individuals,
// and an attention item of each kind.
Summary sample_summary()
{
  Summary s;
  s.period = Period{d(2021, 1, 1), d(2022, 12, 31), "2021-2022"};
  s.today = d(2023, 3, 15);

  // 2021: one agreement with a single cancelled task, so no rate applies.
  PeriodSection y2021;
  y2021.period = Period{d(2021, 1, 1), d(2021, 12, 31), "2021"};
  y2021.as_of = d(2021, 12, 31);
  {
    AgreementSection a = agreement_2018();
    TaskLine cancelled = task(4, "4", "Xây dựng mô hình điểm", "Tỉnh đoàn Bến Tre", "cancelled", 0);
    cancelled.updated_on = d(2021, 5, 1);
    a.tasks = {cancelled};
    a.counts.tasks_total = 1;
    a.counts.tasks_cancelled = 1;
    y2021.agreements.push_back(a);
    y2021.totals = a.counts;
  }
  s.sections.push_back(y2021);

  PeriodSection y2022;
  y2022.period = Period{d(2022, 1, 1), d(2022, 12, 31), "2022"};
  y2022.as_of = d(2022, 12, 31);
  {
    AgreementSection a = agreement_2018();
    TaskLine done = task(1, "1", "Tuyên truyền, giáo dục chính trị tư tưởng", "Tỉnh đoàn Bến Tre", "done", 100);
    done.done_in_period = true;
    done.updated_on = d(2022, 11, 30);
    TaskLine late = task(2, "2", "Hỗ trợ thanh niên khởi nghiệp", "Sở Lao động - Thương binh và Xã hội",
                         "in_progress", 40);
    late.due = d(2022, 6, 30);
    late.overdue = true;
    late.updated_on = d(2022, 3, 1);
    // Its results: partners (one with a pipe), an indicator over its target,
    // a note of two lines whose second looks like a list item.
    late.lead_id = 30;
    late.partners = {"Tỉnh đoàn Bến Tre", "Sở Kế hoạch | Đầu tư"};
    late.target = 120;
    late.actual = 121;
    late.unit = "mô hình";
    late.pct_of_target = 100.8;
    late.result_note = "Đã xây dựng 121 mô hình\n- vượt chỉ tiêu";
    late.result_date = d(2022, 9, 30);
    TaskLine planned = task(3, "3", "Chuyển đổi số trong công tác đoàn", "", "planned", 0);
    planned.due.reset();
    TaskLine cancelled = task(4, "4", "Xây dựng mô hình điểm", "Tỉnh đoàn Bến Tre", "cancelled", 0);
    cancelled.updated_on = d(2021, 5, 1);
    TaskLine hostile = task(5, "", k_hostile_title, k_formula_lead, "planned", 0);
    a.tasks = {done, late, planned, cancelled, hostile};
    a.counts = Counts{5, 2, 1, 1, 1, 1, 1, 25.0, 35.0, 1, 2, 2};

    MeetingLine m;
    m.id = 7;
    m.date = d(2022, 12, 1);
    m.kind = "final_review";
    m.title = "Hội nghị tổng kết Quy chế phối hợp giai đoạn 2018-2022";
    m.place = "Hội trường UBND tỉnh";
    m.participants = {
      ParticipantLine{"co_chair", "UBND tỉnh Bến Tre", "Nguyễn Thị Bé Mười", "Phó Chủ tịch UBND tỉnh"},
      ParticipantLine{"co_chair", "Tỉnh đoàn Bến Tre", "Lâm Như Quỳnh", "Bí thư Tỉnh đoàn"},
      ParticipantLine{"delegate", "Sở Nội vụ", "", ""},
      ParticipantLine{"delegate", "UBND tỉnh Bến Tre", "Trần Văn C", "Chánh Văn phòng"},
      ParticipantLine{"delegate", "UBND huyện Châu Thành", "", ""},
    };
    m.contributions = {
      ContributionLine{"Sở Giáo dục và Đào tạo", "Lê Văn D", "Giáo dục kỹ năng sống cho học sinh"},
      ContributionLine{"Huyện đoàn Ba Tri", "", "Thanh niên khởi nghiệp"},
    };
    m.conclusions = {
      ConclusionLine{"1. Tiếp tục triển khai quy chế giai đoạn 2022-2026",
                     {FollowUpLine{3, "3", "Chuyển đổi số trong công tác đoàn", "planned", 0}}},
      ConclusionLine{"- Các sở, ngành phối hợp chặt chẽ", {}},
    };
    a.meetings = {m};

    DecisionLine decision;
    decision.id = 3;
    decision.number = "2345/QĐ-UBND";
    decision.date = d(2022, 12, 1);
    decision.issuer = "UBND tỉnh Bến Tre";
    decision.form = "bang_khen";
    decision.reason = "Có thành tích xuất sắc trong thực hiện quy chế phối hợp giai đoạn 2018-2022";
    decision.recipients = {
      RecipientLine{20, "collective", "Sở Giáo dục và Đào tạo", "", ""},
      RecipientLine{21, "collective", "+1 Huyện đoàn Ba Tri", "", ""},
      RecipientLine{22, "individual", "Nguyễn Văn A", "Huyện đoàn Giồng Trôm", "Bí thư"},
      RecipientLine{23, "individual", "-1 Trần Thị B", "@SUM(A1)", "Phó Bí thư"},
    };
    a.decisions = {decision};
    a.note = "Ký tại hội nghị tổng kết\nsố 05/QCPH";
    a.by_lead = {
      LeadLine{30, "Sở Lao động - Thương binh và Xã hội", Counts{1, 0, 1, 0, 0, 1, 0, 0.0, 40.0}},
      LeadLine{31, "Tỉnh đoàn Bến Tre", Counts{2, 0, 0, 1, 1, 0, 1, 100.0, 100.0}},
      LeadLine{std::nullopt, "", Counts{2, 2, 0, 0, 0, 0, 0, 0.0, 0.0}},
    };
    y2022.agreements.push_back(a);

    AgreementSection b;
    b.id = 2;
    b.code = "QCPH-2022";
    b.title = "Quy chế phối hợp, giai đoạn 2022-2026";
    b.term = "2022-2026";
    b.start = d(2022, 1, 1);
    b.end = d(2026, 12, 31);
    b.status = "in_force";
    b.parties = {PartyLine{10, "UBND tỉnh Bến Tre", "Nguyễn Thị Bé Mười", "Phó Chủ tịch UBND tỉnh", d(2022, 12, 1)}};
    TaskLine b1 = task(8, "1", "Đầu việc một", "Tỉnh đoàn Bến Tre", "done", 100);
    b1.done_in_period = true;
    TaskLine b2 = task(9, "2", "Đầu việc hai", "Tỉnh đoàn Bến Tre", "done", 100);
    b2.done_in_period = true;
    TaskLine b3 = task(10, "3", "Đầu việc ba", "Tỉnh đoàn Bến Tre", "in_progress", 0);
    b.tasks = {b1, b2, b3};
    b.counts = Counts{3, 0, 1, 2, 0, 0, 2, 200.0 / 3.0, 200.0 / 3.0, 0, 0, 0};
    y2022.agreements.push_back(b);

    y2022.totals = Counts{8, 2, 2, 3, 1, 1, 3, 3.0 / 7.0 * 100.0, 340.0 / 7.0, 1, 2, 2};

    Attention overdue;
    overdue.kind = "overdue_task";
    overdue.agreement_id = 1;
    overdue.agreement = "QCPH-2018";
    overdue.task_id = 2;
    overdue.task_title = late.title;
    overdue.due = late.due;
    overdue.progress = 40;
    Attention review;
    review.kind = "final_review_missing";
    review.agreement_id = 1;
    review.agreement = "QCPH-2018";
    review.term_ended = d(2022, 12, 31);
    Attention ceased;
    ceased.kind = "party_ceased";
    ceased.agreement_id = 2;
    ceased.agreement = "QCPH-2022";
    ceased.party = "UBND tỉnh Bến Tre";
    ceased.ceased_on = d(2025, 6, 30);
    ceased.months_into_term = 31;
    ceased.successors = {{"UBND tỉnh Vĩnh Long", d(2025, 7, 1)}, {"UBND xã Phú Túc", d(2025, 7, 1)}};
    y2022.attention = {overdue, review, ceased};
  }
  s.sections.push_back(y2022);
  return s;
}

// A one-section summary, as without --each.
Summary single_summary(const std::string& label = "2022")
{
  Summary s = sample_summary();
  s.sections.erase(s.sections.begin());
  s.period = s.sections.front().period;
  s.period.label = label;
  s.sections.front().period.label = label;
  return s;
}

RenderOptions lang(const std::string& code, bool bom = false)
{
  RenderOptions options;
  options.lang = code;
  options.bom = bom;
  return options;
}

std::string markdown(const Summary& s, View view = View::summary, const RenderOptions& options = {})
{
  std::ostringstream out;
  render_markdown(out, s, view, options);
  return out.str();
}

std::string csv(const Summary& s, View view = View::summary, const RenderOptions& options = {})
{
  std::ostringstream out;
  render_csv(out, s, view, options);
  return out.str();
}

std::string json(const Summary& s, View view = View::summary, const RenderOptions& options = {})
{
  std::ostringstream out;
  render_json(out, s, view, options);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// Pipes that delimit cells: those not escaped by an odd run of backslashes.
int unescaped_pipes(const std::string& line)
{
  int count = 0;
  int backslashes = 0;
  for (char c : line) {
    if (c == '|' && backslashes % 2 == 0) {
      ++count;
    }
    backslashes = c == '\\' ? backslashes + 1 : 0;
  }
  return count;
}

// Every GFM table (a run of lines starting with '|') has as many cell
// delimiters on each row as on its header. Returns the number of tables.
int check_tables(const std::string& md)
{
  int tables = 0;
  int header_pipes = -1;
  for (const auto& line : lines_of(md)) {
    if (line.empty() || line.front() != '|') {
      header_pipes = -1;
      continue;
    }
    if (header_pipes < 0) {
      header_pipes = unescaped_pipes(line);
      ++tables;
      continue;
    }
    CAPTURE(line);
    CHECK(unescaped_pipes(line) == header_pipes);
  }
  return tables;
}

std::size_t count_of(const std::string& text, const std::string& what)
{
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) {
    ++n;
  }
  return n;
}

// A strict JSON checker (RFC 8259 grammar, no extensions): enough to prove
// the renderer's output parses without a JSON library in the test deps.
class JsonChecker {
public:
  explicit JsonChecker(const std::string& text) : m_text(text) {}

  bool valid()
  {
    try {
      space();
      value();
      space();
      return m_at == m_text.size();
    } catch (const std::runtime_error&) {
      return false;
    }
  }

private:
  char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }
  void fail() const { throw std::runtime_error("bad json"); }
  void expect(char c)
  {
    if (peek() != c) {
      fail();
    }
    ++m_at;
  }
  void space()
  {
    while (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t') {
      ++m_at;
    }
  }
  void literal(const std::string& word)
  {
    if (m_text.compare(m_at, word.size(), word) != 0) {
      fail();
    }
    m_at += word.size();
  }
  void digits()
  {
    if (!(peek() >= '0' && peek() <= '9')) {
      fail();
    }
    while (peek() >= '0' && peek() <= '9') {
      ++m_at;
    }
  }
  void number()
  {
    if (peek() == '-') {
      ++m_at;
    }
    if (peek() == '0') {
      ++m_at;
    } else {
      digits();
    }
    if (peek() == '.') {
      ++m_at;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_at;
      if (peek() == '+' || peek() == '-') {
        ++m_at;
      }
      digits();
    }
  }
  void string()
  {
    expect('"');
    while (peek() != '"') {
      char c = peek();
      if (c == '\0' || static_cast<unsigned char>(c) < 0x20) {
        fail();
      }
      ++m_at;
      if (c == '\\') {
        char e = peek();
        ++m_at;
        if (e == 'u') {
          for (int i = 0; i < 4; ++i) {
            if (!std::isxdigit(static_cast<unsigned char>(peek()))) {
              fail();
            }
            ++m_at;
          }
        } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          fail();
        }
      }
    }
    ++m_at;
  }
  void value()
  {
    char c = peek();
    if (c == '{') {
      ++m_at;
      space();
      if (peek() == '}') {
        ++m_at;
        return;
      }
      for (;;) {
        space();
        string();
        space();
        expect(':');
        space();
        value();
        space();
        if (peek() == ',') {
          ++m_at;
          continue;
        }
        expect('}');
        return;
      }
    }
    if (c == '[') {
      ++m_at;
      space();
      if (peek() == ']') {
        ++m_at;
        return;
      }
      for (;;) {
        space();
        value();
        space();
        if (peek() == ',') {
          ++m_at;
          continue;
        }
        expect(']');
        return;
      }
    }
    if (c == '"') {
      string();
    } else if (c == 't') {
      literal("true");
    } else if (c == 'f') {
      literal("false");
    } else if (c == 'n') {
      literal("null");
    } else {
      number();
    }
  }

  const std::string& m_text;
  std::size_t m_at = 0;
};

bool valid_json(const std::string& text)
{
  return JsonChecker(text).valid();
}

const std::string k_summary_header =
  "period_start,period_end,agreement_id,agreement_code,agreement_title,tasks_total,tasks_planned,"
  "tasks_in_progress,tasks_done,tasks_cancelled,tasks_overdue,tasks_done_in_period,completion_pct,"
  "progress_avg,meetings,awards_collective,awards_individual,tasks_unfinished\r\n";

} // namespace

TEST_CASE("summary CSV has the fixed columns and one row per sub-period and agreement")
{
  const std::string text = csv(sample_summary());
  CHECK(text ==
        k_summary_header +
          "2021-01-01,2021-12-31,1,QCPH-2018,Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn giai đoạn 2018-2022,"
          "1,0,0,0,1,0,0,,,0,0,0,0\r\n"
          "2022-01-01,2022-12-31,1,QCPH-2018,Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn giai đoạn 2018-2022,"
          "5,2,1,1,1,1,1,25.0,35.0,1,2,2,0\r\n"
          "2022-01-01,2022-12-31,2,QCPH-2022,\"Quy chế phối hợp, giai đoạn 2022-2026\","
          "3,0,1,2,0,0,2,66.7,66.7,0,0,0,0\r\n");
  // Every line ends in CRLF; no totals row.
  CHECK(count_of(text, "\n") == count_of(text, "\r\n"));
  CHECK(count_of(text, "\r\n") == 4);
}

TEST_CASE("summary CSV of an empty period is the header alone")
{
  Summary s = sample_summary();
  for (auto& section : s.sections) {
    section.agreements.clear();
  }
  CHECK(csv(s) == k_summary_header);
}

TEST_CASE("output does not depend on the stream's locale; CSV ignores --lang")
{
  // A locale with a decimal comma and a separator after every digit: any
  // number that went through the stream's formatting would show it.
  struct CommaPunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\1"; }
  };
  const std::locale comma(std::locale::classic(), new CommaPunct);
  const Summary s = sample_summary();
  for (View view : {View::summary, View::tasks, View::meetings, View::awards}) {
    std::ostringstream md_out;
    std::ostringstream csv_out;
    std::ostringstream json_out;
    md_out.imbue(comma);
    csv_out.imbue(comma);
    json_out.imbue(comma);
    render_markdown(md_out, s, view, {});
    render_csv(csv_out, s, view, lang("vi"));
    render_json(json_out, s, view, {});
    CHECK(md_out.str() == markdown(s, view));
    CHECK(csv_out.str() == csv(s, view));
    CHECK(json_out.str() == json(s, view));
  }
  CHECK(csv(s).find("66.7") != std::string::npos);
  CHECK(csv(s).find("66,7") == std::string::npos);
}

TEST_CASE("--bom puts a UTF-8 byte-order mark first, CSV only")
{
  const Summary s = sample_summary();
  const std::string with = csv(s, View::summary, lang("en", true));
  CHECK(with.rfind("\xEF\xBB\xBF" "period_start,", 0) == 0);
  CHECK(with.substr(3) == csv(s));
  CHECK(csv(s).rfind("period_start,", 0) == 0);
  CHECK(json(s, View::summary, lang("en", true)).front() == '{');
  CHECK(markdown(s, View::summary, lang("en", true)).front() == '#');
}

TEST_CASE("task register CSV: one row per sub-period, agreement and task, formulas neutralised")
{
  const std::string text = csv(sample_summary(), View::tasks);
  const auto lines = lines_of(text);
  REQUIRE(!lines.empty());
  CHECK(lines[0] ==
        "period_start,period_end,agreement_id,agreement_code,task_id,code,title,lead,start,due,status,progress,"
        "overdue,done_in_period,updated_on,partners,target,actual,unit,pct_of_target,result_note,result_date\r");
  CHECK(text.find("2021-01-01,2021-12-31,1,QCPH-2018,4,4,Xây dựng mô hình điểm,Tỉnh đoàn Bến Tre,2022-01-01,"
                  "2022-12-31,cancelled,0,false,false,2021-05-01,,,,,,,\r\n") != std::string::npos);
  // The results after the fixed columns: partners joined, the indicator with
  // its percentage at one decimal, the note quoted with its line break.
  CHECK(text.find("2022-01-01,2022-12-31,1,QCPH-2018,2,2,Hỗ trợ thanh niên khởi nghiệp,"
                  "Sở Lao động - Thương binh và Xã hội,2022-01-01,2022-06-30,in_progress,40,true,false,"
                  "2022-03-01,Tỉnh đoàn Bến Tre; Sở Kế hoạch | Đầu tư,120,121,mô hình,100.8,"
                  "\"Đã xây dựng 121 mô hình\n- vượt chỉ tiêu\",2022-09-30\r\n") != std::string::npos);
  CHECK(text.find("2022-01-01,2022-12-31,1,QCPH-2018,3,3,Chuyển đổi số trong công tác đoàn,,2022-01-01,,planned,"
                  "0,false,false,,,,,,,,\r\n") != std::string::npos);
  // The hostile title keeps its newline inside a quoted cell; the lead is neutralised.
  CHECK(text.find("1,QCPH-2018,5,,\"" + k_hostile_title + "\",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"") !=
        std::string::npos);
  // 1 task in 2021, 5 + 3 in 2022, and the header.
  CHECK(count_of(text, "\r\n") == 10);
  // A whole percentage keeps its decimal, as the summary's do.
  Summary whole = sample_summary();
  whole.sections.back().agreements.front().tasks[1].pct_of_target = 100.0;
  CHECK(csv(whole, View::tasks).find(",120,121,mô hình,100.0,") != std::string::npos);
}

TEST_CASE("meeting register CSV: chairs with positions, attending organisations, counts")
{
  const std::string text = csv(sample_summary(), View::meetings);
  CHECK(text == "period_start,period_end,agreement_id,agreement_code,meeting_id,date,kind,title,place,chairs,"
                "attendees,contributions,conclusions,follow_ups\r\n"
                "2022-01-01,2022-12-31,1,QCPH-2018,7,2022-12-01,final_review,"
                "Hội nghị tổng kết Quy chế phối hợp giai đoạn 2018-2022,Hội trường UBND tỉnh,"
                "\"Nguyễn Thị Bé Mười (Phó Chủ tịch UBND tỉnh, UBND tỉnh Bến Tre); "
                "Lâm Như Quỳnh (Bí thư Tỉnh đoàn, Tỉnh đoàn Bến Tre)\","
                "UBND tỉnh Bến Tre; Tỉnh đoàn Bến Tre; Sở Nội vụ; UBND huyện Châu Thành,2,2,"
                // The follow-up tasks as compact JSON: one object per (conclusion, task).
                "\"[{\"\"conclusion\"\":1,\"\"task_id\"\":3,\"\"code\"\":\"\"3\"\",\"\"title\"\":"
                "\"\"Chuyển đổi số trong công tác đoàn\"\",\"\"status\"\":\"\"planned\"\",\"\"progress\"\":0}]\"\r\n");
}

TEST_CASE("a meeting of two agreements is one row per agreement, by date")
{
  Summary s = sample_summary();
  auto& section = s.sections.back();
  MeetingLine early = section.agreements[0].meetings[0];
  early.id = 5;
  early.date = d(2022, 3, 1);
  early.title = "Giao ban";
  section.agreements[1].meetings = {early, section.agreements[0].meetings[0]};
  const auto lines = lines_of(csv(s, View::meetings));
  REQUIRE(lines.size() == 4);
  CHECK(lines[1].rfind("2022-01-01,2022-12-31,2,QCPH-2022,5,2022-03-01,", 0) == 0);
  CHECK(lines[2].rfind("2022-01-01,2022-12-31,1,QCPH-2018,7,2022-12-01,", 0) == 0);
  CHECK(lines[3].rfind("2022-01-01,2022-12-31,2,QCPH-2022,7,2022-12-01,", 0) == 0);
}

TEST_CASE("award register CSV: one row per recipient, formulas neutralised")
{
  const std::string text = csv(sample_summary(), View::awards);
  CHECK(text == "period_start,period_end,agreement_id,agreement_code,decision_id,decision_number,decision_date,"
                "issuer,form,kind,recipient,unit,position\r\n"
                "2022-01-01,2022-12-31,1,QCPH-2018,3,2345/QĐ-UBND,2022-12-01,UBND tỉnh Bến Tre,bang_khen,"
                "collective,Sở Giáo dục và Đào tạo,,\r\n"
                "2022-01-01,2022-12-31,1,QCPH-2018,3,2345/QĐ-UBND,2022-12-01,UBND tỉnh Bến Tre,bang_khen,"
                "collective,'+1 Huyện đoàn Ba Tri,,\r\n"
                "2022-01-01,2022-12-31,1,QCPH-2018,3,2345/QĐ-UBND,2022-12-01,UBND tỉnh Bến Tre,bang_khen,"
                "individual,Nguyễn Văn A,Huyện đoàn Giồng Trôm,Bí thư\r\n"
                "2022-01-01,2022-12-31,1,QCPH-2018,3,2345/QĐ-UBND,2022-12-01,UBND tỉnh Bến Tre,bang_khen,"
                "individual,'-1 Trần Thị B,'@SUM(A1),Phó Bí thư\r\n");
}

TEST_CASE("summary JSON is the whole model, parses, with typed values and nulls")
{
  const std::string text = json(sample_summary());
  CHECK(valid_json(text));
  CHECK(text.rfind("{\n  \"format_version\": 1,\n  \"period\": {\n    \"first\": \"2021-01-01\",\n    \"last\": \"2022-12-31\",\n"
                   "    \"label\": \"2021-2022\"\n  },\n  \"today\": \"2023-03-15\",\n  \"sections\": [",
                   0) == 0);
  CHECK(text.find("\"as_of\": \"2021-12-31\"") != std::string::npos);
  CHECK(text.find("\"completion_pct\": 66.7,") != std::string::npos);
  CHECK(text.find("\"completion_pct\": 25.0,") != std::string::npos);
  CHECK(text.find("\"completion_pct\": null,") != std::string::npos);
  CHECK(text.find("\"progress_avg\": 48.6,") != std::string::npos); // the 2022 totals: 340/7
  CHECK(text.find("\"overdue\": true,") != std::string::npos);
  CHECK(text.find("\"actual_end\": null,") != std::string::npos);
  CHECK(text.find("\"title\": \"a | b <script>alert(1)</script> *bold* [link](x)\\n# heading\"") !=
        std::string::npos);
  CHECK(text.find("\"kind\": \"party_ceased\"") != std::string::npos);
  CHECK(text.find("\"months_into_term\": 31,") != std::string::npos);
  CHECK(text.find("\"name\": \"UBND tỉnh Vĩnh Long\",\n") != std::string::npos);
  CHECK(text.find("\"term_ended\": \"2022-12-31\"") != std::string::npos);
  CHECK(text.find("\"conclusions\": [\n") != std::string::npos);
  // The results, appended after each object's fixed keys.
  CHECK(text.find("\"updated_on\": \"2022-03-01\",\n              \"lead_id\": 30,\n"
                  "              \"partners\": [\n                \"Tỉnh đoàn Bến Tre\",\n"
                  "                \"Sở Kế hoạch | Đầu tư\"\n              ],\n"
                  "              \"target\": 120.0,\n              \"actual\": 121.0,\n"
                  "              \"unit\": \"mô hình\",\n              \"pct_of_target\": 100.8,\n"
                  "              \"result_note\": \"Đã xây dựng 121 mô hình\\n- vượt chỉ tiêu\",\n"
                  "              \"result_date\": \"2022-09-30\"\n") != std::string::npos);
  CHECK(text.find("\"lead_id\": null,\n              \"partners\": [],\n              \"target\": null,") !=
        std::string::npos);
  CHECK(text.find("\"follow_ups\": [\n                {\n                  \"conclusion\": 1,\n"
                  "                  \"task_id\": 3,") != std::string::npos);
  CHECK(text.find("\"note\": \"Ký tại hội nghị tổng kết\\nsố 05/QCPH\",\n          \"by_lead\": [") !=
        std::string::npos);
  CHECK(text.find("\"lead_id\": null,\n              \"lead\": null,\n              \"counts\": {\n"
                  "                \"tasks_total\": 2,") != std::string::npos);
  // A lead's counts are the task figures alone.
  CHECK(count_of(text, "\"awards_individual\": ") == count_of(text, "\"tasks_total\": ") - 3);
  CHECK(text.find("\"compare\"") == std::string::npos); // only with --compare
  CHECK(text.back() == '\n');
}

TEST_CASE("register JSON is an array of the CSV rows, typed")
{
  const std::string tasks = json(sample_summary(), View::tasks);
  CHECK(valid_json(tasks));
  CHECK(tasks.rfind("[\n  {\n    \"period_start\": \"2021-01-01\",", 0) == 0);
  CHECK(tasks.find("\"task_id\": 2,\n    \"code\": \"2\",") != std::string::npos);
  CHECK(tasks.find("\"progress\": 40,\n    \"overdue\": true,\n    \"done_in_period\": false,") !=
        std::string::npos);
  CHECK(tasks.find("\"lead\": null,") != std::string::npos);
  CHECK(count_of(tasks, "\"task_id\"") == 9);

  CHECK(tasks.find("\"updated_on\": \"2022-03-01\",\n    \"partners\": [\n      \"Tỉnh đoàn Bến Tre\",") !=
        std::string::npos);
  CHECK(tasks.find("\"pct_of_target\": 100.8,\n    \"result_note\": \"Đã xây dựng 121 mô hình\\n- vượt chỉ tiêu\",\n"
                   "    \"result_date\": \"2022-09-30\"\n") != std::string::npos);

  const std::string meetings = json(sample_summary(), View::meetings);
  CHECK(valid_json(meetings));
  CHECK(meetings.find("\"contributions\": 2,") != std::string::npos);
  CHECK(meetings.find("\"conclusions\": 2,\n    \"follow_ups\": [\n      {\n        \"conclusion\": 1,\n"
                      "        \"task_id\": 3,\n        \"code\": \"3\",") != std::string::npos);

  const std::string awards = json(sample_summary(), View::awards);
  CHECK(valid_json(awards));
  CHECK(count_of(awards, "\"recipient\"") == 4);
  CHECK(awards.find("\"unit\": \"@SUM(A1)\"") != std::string::npos); // JSON needs no neutralising

  Summary empty = sample_summary();
  empty.sections.clear();
  CHECK(json(empty, View::awards) == "[]\n");
}

TEST_CASE("markdown_text and markdown_cell make record text inert")
{
  CHECK(markdown_text("a | b") == "a \\| b");
  CHECK(markdown_text("<script>x</script>") == "&lt;script&gt;x&lt;/script&gt;");
  CHECK(markdown_text("Tom & Jerry") == "Tom &amp; Jerry");
  CHECK(markdown_text("&amp;") == "&amp;amp;");
  CHECK(markdown_text("# heading") == "\\# heading");
  CHECK(markdown_text("*bold* _it_ `code`") == "\\*bold\\* \\_it\\_ \\`code\\`");
  CHECK(markdown_text("[link](x)") == "\\[link\\](x)");
  CHECK(markdown_text("back\\slash") == "back\\\\slash");
  CHECK(markdown_text("line one\nline two") == "line one line two");
  CHECK(markdown_text("line one\r\n\r\nline two") == "line one line two");
  CHECK(markdown_text("  padded\t") == "padded");
  CHECK(markdown_text("- item") == "\\- item");
  CHECK(markdown_text("+ item") == "\\+ item");
  CHECK(markdown_text("===") == "\\===");
  CHECK(markdown_text("12. item") == "12\\. item");
  CHECK(markdown_text("3) item") == "3\\) item");
  CHECK(markdown_text("IV. Về công tác") == "IV\\. Về công tác");
  CHECK(markdown_text("a) mục") == "a\\) mục");
  CHECK(markdown_text("(1) mục") == "\\(1) mục");
  CHECK(markdown_text("~~gone~~") == "\\~\\~gone\\~\\~");
  CHECK(markdown_text("Nguyễn Thị Bé Mười 2018-2022") == "Nguyễn Thị Bé Mười 2018-2022");
  CHECK(markdown_text("Năm 2022. Tốt") == "Năm 2022. Tốt");
  CHECK(markdown_cell(k_hostile_title) ==
        "a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[link\\](x) \\# heading");
  CHECK(markdown_cell("") == "");
}

TEST_CASE("summary Markdown in English: sections, agreements, tables, attention")
{
  const std::string md = markdown(sample_summary());
  const auto lines = lines_of(md);
  REQUIRE(lines.size() > 10);
  CHECK(lines[0] == "# Coordination report — 2021-2022");
  CHECK(lines[2] == "Period: 2021-01-01 to 2022-12-31; figures as of 2022-12-31.");
  CHECK(md.find("\n## 2021\n\nPeriod: 2021-01-01 to 2021-12-31; figures as of 2021-12-31.\n") != std::string::npos);
  CHECK(md.find("\n## 2022\n") != std::string::npos);
  CHECK(md.find("\n### QCPH-2018 — Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn giai đoạn 2018-2022\n") !=
        std::string::npos);
  CHECK(md.find("- **Term:** 2018-2022 (2018-01-01 to 2022-12-31)\n- **Status:** ended\n") != std::string::npos);
  CHECK(md.find("| UBND tỉnh Bến Tre | Cao Văn Trọng | Chủ tịch UBND tỉnh | 2018-03-15 |") != std::string::npos);
  CHECK(md.find("| Completion rate | 66.7% |") != std::string::npos);
  CHECK(md.find("| Completion rate | — |") != std::string::npos);
  // Progress bars: ten cells, one per whole 10 %.
  CHECK(md.find("| ░░░░░░░░░░ 0% |") != std::string::npos);
  CHECK(md.find("| ▓▓▓▓░░░░░░ 40% |") != std::string::npos);
  CHECK(md.find("| ▓▓▓▓▓▓▓▓▓▓ 100% |") != std::string::npos);
  CHECK(md.find("| No. | Task | Lead | Partners | Due | Status | Progress | Result / target |\n") !=
        std::string::npos);
  CHECK(md.find("| 2 | Hỗ trợ thanh niên khởi nghiệp | Sở Lao động - Thương binh và Xã hội | "
                "Tỉnh đoàn Bến Tre; Sở Kế hoạch \\| Đầu tư | 2022-06-30 | in progress — **overdue** | "
                "▓▓▓▓░░░░░░ 40% | 121 / 120 mô hình (100.8%) |") != std::string::npos);
  CHECK(md.find("| done (in this period) |") != std::string::npos);
  // The agreement's note and a task's result keep their lines (a hard break,
  // the next line indented into the item, a list marker escaped).
  CHECK(md.find("- **Status:** ended\n- **Note:** Ký tại hội nghị tổng kết\\\n  số 05/QCPH\n") !=
        std::string::npos);
  CHECK(md.find("\n##### Results reported\n\n- **2. Hỗ trợ thanh niên khởi nghiệp** (2022-09-30): "
                "Đã xây dựng 121 mô hình\\\n  \\- vượt chỉ tiêu\n\n") != std::string::npos);
  CHECK(count_of(md, "Results reported") == 1); // no other task has a note
  // The breakdown by lead body: the task figures, the tasks without a lead last.
  CHECK(md.find("\n##### By lead body\n\n| Lead | Tasks | Planned | In progress | Done | Cancelled | "
                "Unfinished at the end | Overdue | Done in the period | Completion rate | Average progress |\n") !=
        std::string::npos);
  CHECK(md.find("| Sở Lao động - Thương binh và Xã hội | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0.0% | 40.0% |\n"
                "| Tỉnh đoàn Bến Tre | 2 | 0 | 0 | 1 | 1 | 0 | 0 | 1 | 100.0% | 100.0% |\n"
                "| (no lead) | 2 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0.0% | 0.0% |\n") != std::string::npos);
  // The meeting.
  CHECK(md.find("\n##### 2022-12-01 — Hội nghị tổng kết Quy chế phối hợp giai đoạn 2018-2022\n\n"
                "- **Kind:** final review conference\n- **Place:** Hội trường UBND tỉnh\n"
                "- **Co-chairs:** Nguyễn Thị Bé Mười (Phó Chủ tịch UBND tỉnh, UBND tỉnh Bến Tre); "
                "Lâm Như Quỳnh (Bí thư Tỉnh đoàn, Tỉnh đoàn Bến Tre)\n"
                "- **Attending:** UBND tỉnh Bến Tre; Tỉnh đoàn Bến Tre; Sở Nội vụ; UBND huyện Châu Thành\n") !=
        std::string::npos);
  CHECK(md.find("**Contributions**\n\n1. Sở Giáo dục và Đào tạo — Lê Văn D: Giáo dục kỹ năng sống cho học sinh\n"
                "2. Huyện đoàn Ba Tri: Thanh niên khởi nghiệp\n") != std::string::npos);
  // Conclusions that look like list markers stay one item each.
  // Each with its follow-up tasks as they stood on the as-of day.
  CHECK(md.find("**Conclusions**\n\n1. 1\\. Tiếp tục triển khai quy chế giai đoạn 2022-2026 — follow-up: "
                "“Chuyển đổi số trong công tác đoàn” (#3, planned, 0%)\n"
                "2. \\- Các sở, ngành phối hợp chặt chẽ\n") != std::string::npos);
  // The award.
  CHECK(md.find("##### Decision No. 2345/QĐ-UBND of 2022-12-01\n\n- **Issued by:** UBND tỉnh Bến Tre\n"
                "- **Form:** certificate of merit\n") != std::string::npos);
  CHECK(md.find("**Collectives (2)**\n\n1. Sở Giáo dục và Đào tạo\n2. \\+1 Huyện đoàn Ba Tri\n") != std::string::npos);
  CHECK(md.find("**Individuals (2)**\n\n| No. | Name | Position | Unit |\n| ---: | --- | --- | --- |\n"
                "| 1 | Nguyễn Văn A | Bí thư | Huyện đoàn Giồng Trôm |\n") != std::string::npos);
  // Empty sections say so.
  CHECK(count_of(md, "No meetings in this period.") == 2);
  CHECK(count_of(md, "No awards in this period.") == 2);
  // Totals and attention.
  CHECK(md.find("| **Total** | 8 | 2 | 2 | 3 | 1 | 0 | 1 | 3 | 42.9% | 48.6% | 1 | 2 | 2 |") != std::string::npos);
  CHECK(md.find("- **QCPH-2018**: task “Hỗ trợ thanh niên khởi nghiệp” (#2) was due on 2022-06-30 and is overdue "
                "at 40%.\n") != std::string::npos);
  CHECK(md.find("- **QCPH-2018**: final review not held although the term ended on 2022-12-31.\n") !=
        std::string::npos);
  CHECK(md.find("- **QCPH-2022**: party UBND tỉnh Bến Tre ceased on 2025-06-30, 31 months into the term; "
                "succeeded by UBND tỉnh Vĩnh Long (from 2025-07-01) and UBND xã Phú Túc (from 2025-07-01).\n") !=
        std::string::npos);
  CHECK(md.find("Nothing needs attention.") != std::string::npos); // 2021
  // Blocks are separated by exactly one blank line, and the file ends with one newline.
  CHECK(md.find("\n\n\n") == std::string::npos);
  CHECK(md.back() == '\n');
  CHECK(md[md.size() - 2] != '\n');
}

TEST_CASE("summary Markdown for a terminal: block bars of bar_width columns, the rest unchanged")
{
  RenderOptions terminal;
  terminal.bar_width = 10;
  const std::string text = markdown(sample_summary());
  const std::string md = markdown(sample_summary(), View::summary, terminal);
  CHECK(md.find("| ░░░░░░░░░░ 0% |") != std::string::npos);
  CHECK(md.find("| ████░░░░░░ 40% |") != std::string::npos);
  CHECK(md.find("| ██████████ 100% |") != std::string::npos);
  CHECK(md.find("▓") == std::string::npos);
  // The average progress gets its bar; every bar is ten columns.
  CHECK(md.find("| Average progress | ") != std::string::npos);
  std::size_t bars = 0;
  const std::string row = "\n| Average progress | "; // the figures' row, not a column heading
  for (std::size_t at = md.find(row); at != std::string::npos; at = md.find(row, at + 1)) {
    const std::size_t from = at + row.size();
    std::string cell = md.substr(from, md.find(" |", from) - from);
    if (cell != "—") {
      CHECK_MESSAGE(phoihop::core::display_width(cell.substr(0, cell.find(' '))) == 10, cell);
      ++bars;
    }
  }
  CHECK(bars > 0);
  // Eighths of a column: 84 % of ten is eight columns and three eighths.
  Summary s = sample_summary();
  s.sections.front().agreements.front().tasks.front().progress = 84;
  CHECK(markdown(s, View::summary, terminal).find("| ████████▍░ 84% |") != std::string::npos);
  // Files and pipes keep the text's own bars.
  CHECK(text.find("█") == std::string::npos);
}

TEST_CASE("summary Markdown escapes hostile record text and keeps every table rectangular")
{
  const std::string md = markdown(sample_summary());
  CHECK(md.find("<script") == std::string::npos);
  CHECK(md.find("[link]") == std::string::npos);
  CHECK(md.find("\n# heading") == std::string::npos);
  CHECK(md.find("| 5 | a \\| b &lt;script&gt;alert(1)&lt;/script&gt; \\*bold\\* \\[link\\](x) \\# heading | "
                "\\=HYPERLINK(\"http://evil\",\"x\") | — | 2022-12-31 | planned | ░░░░░░░░░░ 0% | — |") !=
        std::string::npos);
  CHECK(check_tables(md) > 10);
  CHECK(check_tables(markdown(sample_summary(), View::summary, lang("vi"))) > 10);
  for (View view : {View::tasks, View::meetings, View::awards}) {
    CHECK(check_tables(markdown(sample_summary(), view)) >= 1);
  }
}

TEST_CASE("one section needs no sub-period heading level")
{
  const std::string md = markdown(single_summary());
  CHECK(md.rfind("# Coordination report — 2022\n\nPeriod: 2022-01-01 to 2022-12-31; figures as of 2022-12-31.\n\n"
                 "## QCPH-2018 — ",
                 0) == 0);
  CHECK(md.find("\n### Tasks\n") != std::string::npos);
  CHECK(md.find("\n## Totals\n") != std::string::npos);
  CHECK(md.find("\n## Needs attention\n") != std::string::npos);
}

TEST_CASE("summary Markdown in Vietnamese: administrative dates and Vietnamese headings")
{
  const std::string md = markdown(sample_summary(), View::summary, lang("vi"));
  const auto lines = lines_of(md);
  REQUIRE(lines.size() > 10);
  CHECK(lines[0] == "# Báo cáo kết quả thực hiện quy chế phối hợp giai đoạn 2021-2022");
  CHECK(lines[2] == "Kỳ báo cáo: từ ngày 01 tháng 01 năm 2021 đến ngày 31 tháng 12 năm 2022; số liệu tính đến "
                    "ngày 31 tháng 12 năm 2022.");
  CHECK(md.find("\n## Năm 2022\n") != std::string::npos);
  CHECK(md.find("- **Thời hạn:** 2018-2022 (từ ngày 01 tháng 01 năm 2018 đến ngày 31 tháng 12 năm 2022)\n"
                "- **Tình trạng:** đã kết thúc\n") != std::string::npos);
  CHECK(md.find("#### Các bên ký kết") != std::string::npos);
  CHECK(md.find("| Tỷ lệ hoàn thành | 66,7% |") != std::string::npos);
  CHECK(md.find("| STT | Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời hạn | Tình trạng | Tiến độ | "
                "Kết quả / chỉ tiêu |\n") != std::string::npos);
  CHECK(md.find("| 2 | Hỗ trợ thanh niên khởi nghiệp | Sở Lao động - Thương binh và Xã hội | "
                "Tỉnh đoàn Bến Tre; Sở Kế hoạch \\| Đầu tư | 30/06/2022 | đang thực hiện — **quá hạn** | "
                "▓▓▓▓░░░░░░ 40% | 121 / 120 mô hình (100,8%) |") != std::string::npos);
  CHECK(md.find("- **Ghi chú:** Ký tại hội nghị tổng kết\\\n  số 05/QCPH\n") != std::string::npos);
  CHECK(md.find("\n##### Kết quả thực hiện\n\n- **2. Hỗ trợ thanh niên khởi nghiệp** (30/09/2022): ") !=
        std::string::npos);
  CHECK(md.find("\n##### Kết quả theo đơn vị chủ trì\n\n| Đơn vị chủ trì | Tổng số đầu việc |") !=
        std::string::npos);
  CHECK(md.find("| (chưa giao đơn vị chủ trì) | 2 | 2 |") != std::string::npos);
  CHECK(md.find("— đầu việc triển khai: “Chuyển đổi số trong công tác đoàn” (#3, chưa thực hiện, 0%)\n") !=
        std::string::npos);
  CHECK(md.find("| hoàn thành (trong kỳ) |") != std::string::npos);
  CHECK(md.find("| đã hủy |") != std::string::npos);
  CHECK(md.find("| chưa thực hiện |") != std::string::npos);
  CHECK(md.find("##### 01/12/2022 — Hội nghị tổng kết") != std::string::npos);
  CHECK(md.find("- **Loại:** hội nghị tổng kết\n") != std::string::npos);
  CHECK(md.find("- **Đồng chủ trì:** Nguyễn Thị Bé Mười (Phó Chủ tịch UBND tỉnh, UBND tỉnh Bến Tre)") !=
        std::string::npos);
  CHECK(md.find("##### Quyết định số 2345/QĐ-UBND ngày 01/12/2022\n") != std::string::npos);
  CHECK(md.find("- **Hình thức:** bằng khen\n") != std::string::npos);
  CHECK(md.find("**Tập thể (2)**") != std::string::npos);
  CHECK(md.find("**Cá nhân (2)**") != std::string::npos);
  CHECK(md.find("Không có hội nghị trong kỳ.") != std::string::npos);
  CHECK(md.find("### Tổng hợp chung") != std::string::npos);
  CHECK(md.find("| **Tổng cộng** | 8 | 2 | 2 | 3 | 1 | 0 | 1 | 3 | 42,9% | 48,6% |") != std::string::npos);
  CHECK(md.find("### Những vấn đề cần lưu ý") != std::string::npos);
  CHECK(md.find("- **QCPH-2018**: đầu việc “Hỗ trợ thanh niên khởi nghiệp” (#2) có hạn hoàn thành ngày 30 tháng 6 "
                "năm 2022 nhưng chưa hoàn thành, tiến độ mới đạt 40%.\n") != std::string::npos);
  CHECK(md.find("- **QCPH-2018**: chưa tổ chức hội nghị tổng kết dù quy chế đã hết thời hạn ngày 31 tháng 12 năm "
                "2022.\n") != std::string::npos);
  CHECK(md.find("- **QCPH-2022**: UBND tỉnh Bến Tre chấm dứt hoạt động ngày 30 tháng 6 năm 2025, sau 31 tháng "
                "thực hiện quy chế; đơn vị kế thừa: UBND tỉnh Vĩnh Long (từ ngày 01 tháng 7 năm 2025), "
                "UBND xã Phú Túc (từ ngày 01 tháng 7 năm 2025).\n") != std::string::npos);
  CHECK(md.find("Không có vấn đề cần lưu ý.") != std::string::npos);
}

TEST_CASE("Vietnamese titles name the period the way documents do")
{
  auto title = [](const std::string& label, const Date& first, const Date& last) {
    Summary s = single_summary(label);
    s.period.first = first;
    s.period.last = last;
    return lines_of(markdown(s, View::summary, lang("vi"))).front();
  };
  const std::string base = "# Báo cáo kết quả thực hiện quy chế phối hợp ";
  CHECK(title("2022", d(2022, 1, 1), d(2022, 12, 31)) == base + "năm 2022");
  CHECK(title("2022-Q4", d(2022, 10, 1), d(2022, 12, 31)) == base + "quý IV/2022");
  CHECK(title("2022-H1", d(2022, 1, 1), d(2022, 6, 30)) == base + "6 tháng đầu năm 2022");
  CHECK(title("2022-02", d(2022, 2, 1), d(2022, 2, 28)) == base + "tháng 02/2022");
  CHECK(title("2022-12", d(2022, 12, 1), d(2022, 12, 31)) == base + "tháng 12/2022");
  CHECK(title("2022-12-01..2023-01-31", d(2022, 12, 1), d(2023, 1, 31)) ==
        base + "từ ngày 01/12/2022 đến ngày 31/01/2023");
  CHECK(title("agreement:QCPH_2018", d(2018, 1, 1), d(2022, 12, 31)) ==
        "# Báo cáo kết quả thực hiện quy chế phối hợp — agreement:QCPH\\_2018");
}

TEST_CASE("register Markdown: one table per sub-period, the register's columns")
{
  const std::string md = markdown(sample_summary(), View::tasks);
  CHECK(md.rfind("# Task register — 2021-2022\n\nPeriod: 2021-01-01 to 2022-12-31; figures as of 2022-12-31.\n\n"
                 "## 2021\n",
                 0) == 0);
  CHECK(count_of(md, "| Agreement id | Agreement | Task id | Code | Task | Lead | Start | Due | Status | Progress | "
                     "Overdue | Done in period | Updated | Partners | Target | Actual | Unit | % of target | "
                     "Result | Result dated |\n") == 2);
  CHECK(md.find("| 1 | QCPH-2018 | 2 | 2 | Hỗ trợ thanh niên khởi nghiệp | Sở Lao động - Thương binh và Xã hội | "
                "2022-01-01 | 2022-06-30 | in progress | 40% | yes | no | 2022-03-01 | "
                "Tỉnh đoàn Bến Tre; Sở Kế hoạch \\| Đầu tư | 120 | 121 | mô hình | 100.8% | "
                "Đã xây dựng 121 mô hình - vượt chỉ tiêu | 2022-09-30 |") != std::string::npos);
  const std::string tasks_vi = markdown(sample_summary(), View::tasks, lang("vi"));
  CHECK(tasks_vi.find("| Đơn vị phối hợp | Chỉ tiêu | Thực hiện | Đơn vị tính | Tỷ lệ so với chỉ tiêu | Kết quả | "
                      "Ngày báo cáo kết quả |\n") != std::string::npos);
  CHECK(tasks_vi.find("| 120 | 121 | mô hình | 100,8% | Đã xây dựng 121 mô hình - vượt chỉ tiêu | 30/09/2022 |") !=
        std::string::npos);

  const std::string vi = markdown(sample_summary(), View::awards, lang("vi"));
  CHECK(vi.rfind("# Danh sách khen thưởng giai đoạn 2021-2022\n", 0) == 0);
  CHECK(vi.find("Không có dữ liệu trong kỳ.") != std::string::npos); // 2021
  CHECK(vi.find("| 1 | QCPH-2018 | 3 | 2345/QĐ-UBND | 01/12/2022 | UBND tỉnh Bến Tre | bằng khen | cá nhân | "
                "\\-1 Trần Thị B | @SUM(A1) | Phó Bí thư |") != std::string::npos);

  const std::string meetings = markdown(sample_summary(), View::meetings, lang("vi"));
  CHECK(meetings.find("| Mã quy chế | Quy chế | Mã hội nghị | Ngày | Loại | Tên hội nghị | Địa điểm | Chủ trì | "
                      "Thành phần tham dự | Số tham luận | Số kết luận | Đầu việc triển khai kết luận |") !=
        std::string::npos);
  CHECK(meetings.find("| hội nghị tổng kết |") != std::string::npos);
  CHECK(meetings.find("| 2 | 2 | kết luận 1: “Chuyển đổi số trong công tác đoàn” (#3, chưa thực hiện, 0%) |") !=
        std::string::npos);
  CHECK(markdown(sample_summary(), View::meetings)
          .find("| 2 | 2 | conclusion 1: “Chuyển đổi số trong công tác đoàn” (#3, planned, 0%) |") !=
        std::string::npos);
}

TEST_CASE("every format and view renders byte-identically twice")
{
  for (View view : {View::summary, View::tasks, View::meetings, View::awards}) {
    for (const std::string code : {"en", "vi"}) {
      CAPTURE(code);
      CHECK(markdown(sample_summary(), view, lang(code)) == markdown(sample_summary(), view, lang(code)));
      CHECK(csv(sample_summary(), view, lang(code)) == csv(sample_summary(), view, lang(code)));
      CHECK(json(sample_summary(), view, lang(code)) == json(sample_summary(), view, lang(code)));
    }
  }
}

TEST_CASE("cmark-gfm renders the Markdown to tables with whole rows and no injected HTML")
{
  const std::filesystem::path cmark = "/usr/bin/cmark-gfm";
  if (!std::filesystem::exists(cmark)) {
    MESSAGE("cmark-gfm not installed (apt-get install cmark-gfm): skipped");
    return;
  }
  std::string dir = "/tmp/phoihop-render-test-XXXXXX";
  REQUIRE(::mkdtemp(dir.data()) != nullptr);
  for (const std::string code : {"en", "vi"}) {
    for (View view : {View::summary, View::tasks, View::meetings, View::awards}) {
      CAPTURE(code);
      const std::string md_path = dir + "/report.md";
      const std::string html_path = dir + "/report.html";
      {
        std::ofstream file(md_path, std::ios::binary);
        file << markdown(sample_summary(), view, lang(code));
      }
      const std::string command =
        cmark.string() + " -e table -e strikethrough '" + md_path + "' > '" + html_path + "'";
      REQUIRE(std::system(command.c_str()) == 0);
      std::ifstream file(html_path, std::ios::binary);
      const std::string html((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
      CHECK(html.find("<script") == std::string::npos);
      CHECK(html.find("<a ") == std::string::npos);
      CHECK(html.find("<em>") == std::string::npos);
      CHECK(html.find("<del>") == std::string::npos);
      CHECK(count_of(html, "<h1>") == 1);
      CHECK(html.find("heading</h") == std::string::npos);
      // Each table: every body row has as many cells as the header.
      std::size_t tables = 0;
      for (std::size_t at = html.find("<table>"); at != std::string::npos; at = html.find("<table>", at + 1)) {
        ++tables;
        const std::size_t end = html.find("</table>", at);
        const std::string table = html.substr(at, end - at);
        const std::size_t body = table.find("<tbody>");
        const std::size_t columns = count_of(table.substr(0, body), "</th>");
        CHECK(columns > 0);
        if (body == std::string::npos) {
          continue;
        }
        std::size_t row = table.find("<tr>", body);
        while (row != std::string::npos) {
          const std::size_t row_end = table.find("</tr>", row);
          CHECK(count_of(table.substr(row, row_end - row), "</td>") == columns);
          row = table.find("<tr>", row_end);
        }
      }
      CHECK(tables >= 1);
      if (view == View::summary) {
        CHECK(html.find("a | b &lt;script&gt;alert(1)&lt;/script&gt; *bold* [link](x) # heading</td>") !=
              std::string::npos);
      }
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("one chair and a secretary are labelled in the singular; an untitled meeting is named by its kind")
{
  Summary s = single_summary();
  MeetingLine& m = s.sections.front().agreements.front().meetings.front();
  m.title.clear();
  m.participants = {
    ParticipantLine{"chair", "UBND tỉnh Bến Tre", "Nguyễn Thị Bé Mười", "Phó Chủ tịch UBND tỉnh"},
    ParticipantLine{"secretary", "Văn phòng UBND tỉnh", "Phạm Văn E", ""},
  };
  const std::string en = markdown(s);
  CHECK(en.find("#### 2022-12-01 — Final review conference\n") != std::string::npos);
  CHECK(en.find("- **Chair:** Nguyễn Thị Bé Mười (Phó Chủ tịch UBND tỉnh, UBND tỉnh Bến Tre)\n"
                "- **Secretary:** Phạm Văn E (Văn phòng UBND tỉnh)\n") != std::string::npos);
  const std::string vi = markdown(s, View::summary, lang("vi"));
  CHECK(vi.find("#### 01/12/2022 — Hội nghị tổng kết\n") != std::string::npos);
  CHECK(vi.find("- **Chủ trì:** Nguyễn Thị Bé Mười") != std::string::npos);
  CHECK(vi.find("- **Thư ký:** Phạm Văn E") != std::string::npos);
}

TEST_CASE("a decision whose number is not recorded is named by what it is, in both languages")
{
  Summary s = single_summary();
  DecisionLine& decision = s.sections.front().agreements.front().decisions.front();
  decision.number.clear();
  CHECK(markdown(s).find("#### Commendation decision of 2022-12-01\n") != std::string::npos);
  CHECK(markdown(s, View::summary, lang("vi")).find("#### Quyết định khen thưởng ngày 01/12/2022\n") !=
        std::string::npos);
  decision.date.reset();
  CHECK(markdown(s).find("#### Commendation decision\n") != std::string::npos);
  CHECK(markdown(s, View::summary, lang("vi")).find("#### Quyết định khen thưởng\n") != std::string::npos);
}

TEST_CASE("a summary without sections or agreements says so in every format")
{
  Summary s = sample_summary();
  s.sections.clear();
  CHECK(markdown(s) == "# Coordination report — 2021-2022\n\n"
                       "Period: 2021-01-01 to 2022-12-31; figures as of 2022-12-31.\n\n"
                       "No agreement's term overlaps this period.\n");
  CHECK(markdown(s, View::tasks, lang("vi")).find("Không có dữ liệu trong kỳ.") != std::string::npos);
  CHECK(json(s) == "{\n  \"format_version\": 1,\n  \"period\": {\n    \"first\": \"2021-01-01\",\n    \"last\": \"2022-12-31\",\n"
                   "    \"label\": \"2021-2022\"\n  },\n  \"today\": \"2023-03-15\",\n  \"sections\": []\n}\n");
  Summary none = single_summary();
  none.sections.front().agreements.clear();
  none.sections.front().attention.clear();
  const std::string md = markdown(none, View::summary, lang("vi"));
  CHECK(md.find("Không có quy chế phối hợp nào thực hiện trong kỳ.") != std::string::npos);
  CHECK(md.find("Không có vấn đề cần lưu ý.") != std::string::npos);
  CHECK(md.find("Tổng hợp chung") == std::string::npos);
}
