#include <phoihop/core/period.hpp>

#include <phoihop/core/enums.hpp>
#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace phoihop::core {

namespace {

constexpr int k_min_year = 1;
constexpr int k_max_year = 9999;

constexpr std::string_view k_agreement_prefix = "agreement:";

constexpr std::string_view k_expected =
  "expected e.g. 2022, 2018-2022, 2022-Q4, 2022-H1, 2022-12, 2022-12-01..2023-01-31, this-month, last-quarter "
  "or agreement:REF";

bool is_digit(char c)
{
  return c >= '0' && c <= '9';
}

// Folded text is lower-case; bytes of other scripts glue into words so that
// they never match a keyword.
bool is_letter(char c)
{
  return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// The value of a run of digits, or -1 when it is too long to be a year,
// quarter or month (so no overflow and no accidental match).
int small_number(std::string_view digits)
{
  if (digits.empty() || digits.size() > 4) {
    return -1;
  }
  int value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

// Vietnamese documents number quarters I to IV. V to X are read too, so
// that "Quý V/2022" is refused as an impossible quarter, not as gibberish.
// 0 when `word` is not a roman numeral.
int roman_number(std::string_view word)
{
  static constexpr std::array<std::string_view, 10> k_roman = {"i", "ii", "iii", "iv", "v",
                                                               "vi", "vii", "viii", "ix", "x"};
  for (std::size_t i = 0; i < k_roman.size(); ++i) {
    if (word == k_roman[i]) {
      return static_cast<int>(i) + 1;
    }
  }
  return 0;
}

Date last_of_month(int year, int month)
{
  return Date{year, month, days_in_month(year, month)};
}

Period make_period(const Date& first, const Date& last)
{
  return Period{first, last, period_label(first, last)};
}

struct Token {
  enum class Kind { number, word, mark };
  Kind kind = Kind::mark;
  std::string text;
};

// Splits folded text into digit runs, letter runs and marks ("-", "/", "..",
// …). Spaces only separate, so "2018 - 2022" and "2018-2022" read the same.
std::vector<Token> tokenize(std::string_view folded)
{
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    const char c = folded[pos];
    if (c == ' ') {
      ++pos;
      continue;
    }
    std::size_t end = pos + 1;
    Token::Kind kind = Token::Kind::mark;
    if (is_digit(c)) {
      kind = Token::Kind::number;
      while (end < folded.size() && is_digit(folded[end])) {
        ++end;
      }
    } else if (is_letter(c)) {
      kind = Token::Kind::word;
      while (end < folded.size() && is_letter(folded[end])) {
        ++end;
      }
    } else if (c == '.' && end < folded.size() && folded[end] == '.') {
      ++end;
    }
    tokens.push_back(Token{kind, std::string(folded.substr(pos, end - pos))});
    pos = end;
  }
  return tokens;
}

// One parse of one value: holds what the error messages name.
class Parser {
public:
  Parser(std::string value, const Date& today, std::string_view what)
    : m_value(std::move(value)), m_today(today), m_what(what)
  {
  }

  Period parse(const AgreementTermLookup& agreement_term)
  {
    if (auto p = parse_agreement(agreement_term)) {
      return *p;
    }
    const std::string folded = fold(m_value);
    if (auto p = parse_relative(folded)) {
      return *p;
    }
    if (auto p = parse_from_to()) {
      return *p;
    }
    m_tokens = tokenize(folded);
    m_pos = 0;
    if (auto p = parse_tokens()) {
      return *p;
    }
    if (m_value.find("..") != std::string::npos) {
      return parse_date_range();
    }
    throw UsageError(fmt::format("invalid period {} for {} ({}){}", quote_arg(m_value), m_what, k_expected,
                                 keyword_suggestion(folded)));
  }

private:
  // "lastmonth", "last_month", "thismonth": the relative keyword meant, for a
  // word-like value only (a date-like value is never "corrected" to a keyword).
  static std::string keyword_suggestion(const std::string& folded)
  {
    if (folded.find_first_not_of("abcdefghijklmnopqrstuvwxyz -_") != std::string::npos) {
      return {};
    }
    return did_you_mean(folded, {"this-year", "last-year", "this-quarter", "last-quarter", "this-month",
                                 "last-month"});
  }

  UsageError fail(const std::string& why) const
  {
    return UsageError(fmt::format("invalid period {} for {}: {}", quote_arg(m_value), m_what, why));
  }

  void check_year(int year) const
  {
    if (year < k_min_year || year > k_max_year) {
      throw fail(fmt::format("there is no year {} (years run from {} to {})", year, k_min_year, k_max_year));
    }
  }

  Period years(int first_year, int last_year) const
  {
    check_year(first_year);
    check_year(last_year);
    if (last_year < first_year) {
      throw fail(fmt::format("the range is reversed: {} is before {}", last_year, first_year));
    }
    return make_period(Date{first_year, 1, 1}, Date{last_year, 12, 31});
  }

  Period half(int y, int h) const
  {
    if (h < 1 || h > 2) {
      throw fail("a half is H1 or H2");
    }
    check_year(y);
    return make_period(Date{y, h * 6 - 5, 1}, last_of_month(y, h * 6));
  }

  Period quarter(int y, int q) const
  {
    if (q < 1 || q > 4) {
      throw fail("a quarter is Q1 to Q4");
    }
    check_year(y);
    return make_period(Date{y, q * 3 - 2, 1}, last_of_month(y, q * 3));
  }

  Period month(int y, int m) const
  {
    if (m < 1 || m > 12) {
      throw fail("a month is 01 to 12");
    }
    check_year(y);
    return make_period(Date{y, m, 1}, last_of_month(y, m));
  }

  Period checked_dates(const Date& first, const Date& last) const
  {
    if (last < first) {
      throw fail(fmt::format("the end {} is before the start {}", last.iso(), first.iso()));
    }
    return make_period(first, last);
  }

  // "agreement:REF". The prefix is ASCII and matched without regard to case;
  // REF keeps its case because agreement codes are looked up as written.
  std::optional<Period> parse_agreement(const AgreementTermLookup& agreement_term) const
  {
    if (m_value.size() < k_agreement_prefix.size()) {
      return std::nullopt;
    }
    for (std::size_t i = 0; i < k_agreement_prefix.size(); ++i) {
      const char c = m_value[i];
      const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
      if (lower != k_agreement_prefix[i]) {
        return std::nullopt;
      }
    }
    const std::string ref = clean(std::string_view(m_value).substr(k_agreement_prefix.size()), m_what);
    if (ref.empty()) {
      throw fail("expected agreement:REF, an agreement's id or code");
    }
    if (!agreement_term) {
      throw fail("an agreement's term cannot be used here");
    }
    Period term = agreement_term(ref);
    if (term.last < term.first) {
      throw fail(fmt::format("the agreement's term ends ({}) before it starts ({})", term.last.iso(),
                             term.first.iso()));
    }
    if (term.label.empty()) {
      term.label = period_label(term.first, term.last);
    }
    return term;
  }

  // this-year, last-month, năm nay, quý trước, … A hyphen reads as a space,
  // so "this-year", "this year" and "This Year" are the same.
  std::optional<Period> parse_relative(const std::string& folded) const
  {
    std::string words = folded;
    std::replace(words.begin(), words.end(), '-', ' ');
    words = fold(words); // collapses the spaces the hyphens became
    const int this_year = m_today.year;
    const int this_quarter = (m_today.month - 1) / 3 + 1;
    if (words == "this year" || words == "nam nay") {
      return years(this_year, this_year);
    }
    if (words == "last year" || words == "nam ngoai" || words == "nam truoc") {
      return years(this_year - 1, this_year - 1);
    }
    if (words == "this quarter" || words == "quy nay") {
      return quarter(this_year, this_quarter);
    }
    if (words == "last quarter" || words == "quy truoc") {
      return this_quarter == 1 ? quarter(this_year - 1, 4) : quarter(this_year, this_quarter - 1);
    }
    if (words == "this month" || words == "thang nay") {
      return month(this_year, m_today.month);
    }
    if (words == "last month" || words == "thang truoc") {
      return m_today.month == 1 ? month(this_year - 1, 12) : month(this_year, m_today.month - 1);
    }
    return std::nullopt;
  }

  // "từ 01/12/2022 đến 31/01/2023", as administrative documents write a
  // date range; each side may start with "ngày". Split on the words of the
  // value itself so an error quotes the dates as the user typed them.
  std::optional<Period> parse_from_to() const
  {
    // Text pasted from Word separates words with tabs or no-break spaces too.
    // (Copied byte by byte: GCC 12 warns falsely on std::string::replace.)
    std::string spaced;
    for (std::size_t i = 0; i < m_value.size(); ++i) {
      if (m_value.compare(i, 2, "\xc2\xa0") == 0) {
        spaced += ' ';
        ++i;
      } else {
        spaced += m_value[i] == '\t' ? ' ' : m_value[i];
      }
    }
    std::vector<std::string> words = split_list(spaced, ' ');
    if (words.empty() || fold(words.front()) != "tu") {
      return std::nullopt;
    }
    const auto to = std::find_if(words.begin() + 1, words.end(), [](const std::string& w) { return fold(w) == "den"; });
    if (to == words.end()) {
      return std::nullopt;
    }
    auto side = [](std::vector<std::string>::const_iterator begin, std::vector<std::string>::const_iterator end) {
      if (begin != end && fold(*begin) == "ngay") {
        ++begin;
      }
      std::string text;
      for (auto it = begin; it != end; ++it) {
        text += text.empty() ? "" : " ";
        text += *it;
      }
      return text;
    };
    return dates(side(words.begin() + 1, to), side(to + 1, words.end()));
  }

  // "2022-12-01..2023-01-31": inclusive dates, each side any form parse_date takes.
  Period parse_date_range() const
  {
    const std::size_t dots = m_value.find("..");
    return dates(m_value.substr(0, dots), m_value.substr(dots + 2));
  }

  Period dates(const std::string& first_text, const std::string& last_text) const
  {
    const std::string first = clean(first_text, m_what);
    const std::string last = clean(last_text, m_what);
    if (first.empty() || last.empty()) {
      throw fail("a date range needs both ends, e.g. 2022-12-01..2023-01-31");
    }
    const std::string whole = quote_arg(m_value);
    // One statement each: the start is checked first, so which error a
    // doubly bad range reports does not depend on argument evaluation order.
    const Date first_day = parse_date(first, m_today, fmt::format("the start of {} {}", m_what, whole));
    const Date last_day = parse_date(last, m_today, fmt::format("the end of {} {}", m_what, whole));
    return checked_dates(first_day, last_day);
  }

  // The fixed-length forms, English and Vietnamese, on the folded tokens.
  std::optional<Period> parse_tokens()
  {
    if (word("nam")) {
      return year_range();
    }
    if (word("giai")) {
      return word("doan") ? year_range() : std::nullopt;
    }
    if (word("quy")) {
      return vietnamese_quarter();
    }
    if (word("thang")) {
      return vietnamese_month();
    }
    if (word("nua")) {
      return vietnamese_half();
    }
    if (word("sau")) {
      return months_of_year(6);
    }
    if (word("first")) {
      return english_months(true);
    }
    if (word("last")) {
      return english_months(false);
    }
    if (peek(Token::Kind::word) && (peek_text() == "q" || peek_text() == "h")) {
      return letter_slash_year();
    }
    if (peek(Token::Kind::number) && peek_text().size() <= 2) {
      return day_month_forms();
    }
    return iso_like();
  }

  // 2022 · 2018-2022 · 2018..2022 · 2018/2022 (as term_from_period reads
  // agreement terms), and nothing after.
  std::optional<Period> year_range()
  {
    const auto first = year();
    if (!first) {
      return std::nullopt;
    }
    if (at_end()) {
      return years(*first, *first);
    }
    if (!(mark("-") || mark("..") || mark("/"))) {
      return std::nullopt;
    }
    const auto last = year();
    if (!last || !at_end()) {
      return std::nullopt;
    }
    return years(*first, *last);
  }

  // 2022-Q4 · 2022Q4 · 2022-H1 · 2022H2 · 2022-12, or a year range.
  std::optional<Period> iso_like()
  {
    const std::size_t start = m_pos;
    if (auto p = year_range()) {
      return p;
    }
    m_pos = start;
    const auto y = year();
    if (!y) {
      return std::nullopt;
    }
    const bool dash = mark("-");
    if (dash && peek(Token::Kind::number) && peek_text().size() == 2) {
      const int m = small_number(next_text());
      return at_end() ? std::optional<Period>(month(*y, m)) : std::nullopt;
    }
    const bool is_quarter = word("q");
    if (!is_quarter && !word("h")) {
      return std::nullopt;
    }
    if (!peek(Token::Kind::number)) {
      return std::nullopt;
    }
    const int n = small_number(next_text());
    if (!at_end()) {
      return std::nullopt;
    }
    return is_quarter ? quarter(*y, n) : half(*y, n);
  }

  // (quý) IV/2022 · 4/2022 · IV năm 2022 · 4 - 2022
  std::optional<Period> vietnamese_quarter()
  {
    int q = 0;
    if (peek(Token::Kind::word)) {
      q = roman_number(peek_text());
      if (q == 0) {
        return std::nullopt;
      }
      next_text();
    } else if (peek(Token::Kind::number)) {
      q = small_number(next_text());
    } else {
      return std::nullopt;
    }
    const auto y = year_after_separator();
    if (!y) {
      return std::nullopt;
    }
    return quarter(*y, q);
  }

  // (tháng) 12/2022 · 12 năm 2022 · 12-2022
  std::optional<Period> vietnamese_month()
  {
    if (!peek(Token::Kind::number) || peek_text().size() > 2) {
      return std::nullopt;
    }
    const int m = small_number(next_text());
    const auto y = year_after_separator();
    if (!y) {
      return std::nullopt;
    }
    return month(*y, m);
  }

  // (N|sáu) tháng đầu|cuối [năm] 2022, after the number: the first or last
  // N months of a year ("9 tháng đầu năm 2023", "6 tháng cuối năm 2022").
  std::optional<Period> months_of_year(int n)
  {
    if (!word("thang")) {
      return std::nullopt;
    }
    const auto first = dau_or_cuoi();
    if (!first) {
      return std::nullopt;
    }
    word("nam");
    return year_months(n, *first);
  }

  // (nửa) đầu|cuối [năm] 2022: a half-year.
  std::optional<Period> vietnamese_half()
  {
    const auto first = dau_or_cuoi();
    if (!first) {
      return std::nullopt;
    }
    word("nam");
    const auto y = year();
    if (!y || !at_end()) {
      return std::nullopt;
    }
    return half(*y, *first ? 1 : 2);
  }

  // đầu (the first) or cuối (the last).
  std::optional<bool> dau_or_cuoi()
  {
    if (word("dau")) {
      return true;
    }
    if (word("cuoi")) {
      return false;
    }
    return std::nullopt;
  }

  // (first|last) 9 months of 2023, English for "9 tháng đầu năm 2023".
  std::optional<Period> english_months(bool first)
  {
    if (!peek(Token::Kind::number)) {
      return std::nullopt;
    }
    const int n = small_number(next_text());
    if (!(word("months") || word("month"))) {
      return std::nullopt;
    }
    word("of");
    return year_months(n, first);
  }

  // The year ending a months form, and the months themselves.
  std::optional<Period> year_months(int n, bool first)
  {
    const auto y = year();
    if (!y || !at_end()) {
      return std::nullopt;
    }
    if (n < 1 || n > 12) {
      throw fail("the number of months is 1 to 12");
    }
    check_year(*y);
    return first ? make_period(Date{*y, 1, 1}, last_of_month(*y, n))
                 : make_period(Date{*y, 13 - n, 1}, last_of_month(*y, 12));
  }

  // Q3/2023 · H1/2023: a quarter or a half, then a slash and the year.
  std::optional<Period> letter_slash_year()
  {
    const bool is_quarter = next_text() == "q";
    if (!peek(Token::Kind::number)) {
      return std::nullopt;
    }
    const int n = small_number(next_text());
    if (!mark("/")) {
      return std::nullopt;
    }
    const auto y = year();
    if (!y || !at_end()) {
      return std::nullopt;
    }
    return is_quarter ? quarter(*y, n) : half(*y, n);
  }

  // What starts with a short number: 9 tháng đầu năm 2023 · 7/2023 (a
  // month) · 01/07/2023-31/07/2023 (a range of day-first dates).
  std::optional<Period> day_month_forms()
  {
    const std::size_t start = m_pos;
    const int n = small_number(next_text());
    if (peek(Token::Kind::word)) {
      return months_of_year(n);
    }
    if (mark("/") && peek(Token::Kind::number) && peek_text().size() == 4) {
      const int y = small_number(next_text());
      return at_end() ? std::optional<Period>(month(y, n)) : std::nullopt;
    }
    m_pos = start;
    const auto first = day_first_date();
    if (!first || !(mark("-") || mark(".."))) {
      return std::nullopt;
    }
    const auto last = day_first_date();
    if (!last || !at_end()) {
      return std::nullopt;
    }
    return dates(*first, *last);
  }

  // D/M/YYYY or D.M.YYYY as tokens, given back as text for parse_date (which
  // says what is wrong with 31/02/2023).
  std::optional<std::string> day_first_date()
  {
    if (!peek(Token::Kind::number) || peek_text().size() > 2) {
      return std::nullopt;
    }
    std::string text = next_text();
    if (at_end() || (peek_text() != "/" && peek_text() != ".")) {
      return std::nullopt;
    }
    const std::string separator = next_text();
    if (!peek(Token::Kind::number) || peek_text().size() > 2) {
      return std::nullopt;
    }
    text += separator + next_text();
    if (!mark(separator) || !peek(Token::Kind::number) || peek_text().size() != 4) {
      return std::nullopt;
    }
    return text + separator + next_text();
  }

  // "/2022", "-2022" or "năm 2022", and nothing after.
  std::optional<int> year_after_separator()
  {
    if (!(mark("/") || mark("-") || word("nam"))) {
      return std::nullopt;
    }
    const auto y = year();
    if (!y || !at_end()) {
      return std::nullopt;
    }
    return y;
  }

  // Exactly four digits, as offices write years (so "22" is never 2022).
  std::optional<int> year()
  {
    if (!peek(Token::Kind::number) || peek_text().size() != 4) {
      return std::nullopt;
    }
    return small_number(next_text());
  }

  bool at_end() const { return m_pos == m_tokens.size(); }

  bool peek(Token::Kind kind) const { return !at_end() && m_tokens[m_pos].kind == kind; }

  const std::string& peek_text() const { return m_tokens[m_pos].text; }

  std::string next_text() { return m_tokens[m_pos++].text; }

  bool accept(Token::Kind kind, std::string_view text)
  {
    if (peek(kind) && peek_text() == text) {
      ++m_pos;
      return true;
    }
    return false;
  }

  bool word(std::string_view text) { return accept(Token::Kind::word, text); }
  bool mark(std::string_view text) { return accept(Token::Kind::mark, text); }

  std::string m_value;
  Date m_today;
  std::string_view m_what;
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
};

// The last day of the calendar `step` that contains `d`.
Date step_end(const Date& d, Step step)
{
  switch (step) {
  case Step::year:
    return Date{d.year, 12, 31};
  case Step::half:
    return last_of_month(d.year, d.month <= 6 ? 6 : 12);
  case Step::quarter:
    return last_of_month(d.year, (d.month + 2) / 3 * 3);
  case Step::month:
    return last_of_month(d.year, d.month);
  }
  return d;
}

} // namespace

Date Period::as_of(const Date& today) const
{
  return std::min(last, today);
}

bool Period::contains(const Date& d) const
{
  return first <= d && d <= last;
}

bool Period::overlaps(const Date& from, const Date& to) const
{
  return from <= last && first <= to;
}

std::string period_label(const Date& first, const Date& last)
{
  const bool month_aligned =
    first.day == 1 && last.day == days_in_month(last.year, last.month) && first <= last;
  if (month_aligned && first.month == 1 && last.month == 12) {
    return first.year == last.year ? fmt::format("{:04}", first.year)
                                   : fmt::format("{:04}-{:04}", first.year, last.year);
  }
  if (month_aligned && first.year == last.year) {
    const int months = last.month - first.month + 1;
    if (months == 1) {
      return fmt::format("{:04}-{:02}", first.year, first.month);
    }
    if (months == 3 && first.month % 3 == 1) {
      return fmt::format("{:04}-Q{}", first.year, (first.month + 2) / 3);
    }
    if (months == 6 && first.month % 6 == 1) {
      return fmt::format("{:04}-H{}", first.year, (first.month + 5) / 6);
    }
  }
  return fmt::format("{}..{}", first.iso(), last.iso());
}

Period parse_period(std::string_view text, const Date& today, const AgreementTermLookup& agreement_term,
                    std::string_view what)
{
  return Parser(clean(text, what), today, what).parse(agreement_term);
}

Period period_from_dates(const Date& from, const Date& to, std::string_view what)
{
  if (to < from) {
    throw UsageError(
      fmt::format("invalid period for {}: the end {} is before the start {}", what, to.iso(), from.iso()));
  }
  return make_period(from, to);
}

Step parse_step(std::string_view text, std::string_view what)
{
  struct Name {
    std::string_view folded;
    Step step;
  };
  // Vietnamese names are compared folded, so "Quý", "quy" and "QUÝ" all work.
  static constexpr std::array<Name, 10> k_names = {{
    {"year", Step::year},
    {"nam", Step::year},
    {"half", Step::half},
    {"nua nam", Step::half},
    {"6 thang", Step::half},
    {"sau thang", Step::half},
    {"quarter", Step::quarter},
    {"quy", Step::quarter},
    {"month", Step::month},
    {"thang", Step::month},
  }};
  const std::string value = clean(text, what);
  const std::string folded = fold(value);
  for (const Name& name : k_names) {
    if (folded == name.folded) {
      return name.step;
    }
  }
  throw not_one_of("step", value, what, {"year", "half", "quarter", "month"});
}

std::string_view step_name(Step step)
{
  switch (step) {
  case Step::year:
    return "year";
  case Step::half:
    return "half";
  case Step::quarter:
    return "quarter";
  case Step::month:
    return "month";
  }
  return "year";
}

std::vector<Period> split_period(const Period& p, Step step)
{
  std::vector<Period> parts;
  Date first = p.first;
  while (first <= p.last) {
    const Date last = std::min(step_end(first, step), p.last);
    parts.push_back(make_period(first, last));
    if (last == p.last) {
      break; // stepping past 9999-12-31 would throw
    }
    first = last.add_days(1);
  }
  return parts;
}

} // namespace phoihop::core
