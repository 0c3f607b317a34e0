// The writers of reports and lists on a model built from fuzz bytes (any
// text a record may hold): Markdown keeps its shape whatever the text (no
// newline, pipe or block marker in a record escapes its cell or line), CSV
// reads back with io::read_csv as the same rows and cells, JSON reads back
// with io::parse_document, TSV and table lists keep one line per row, the
// .docx is well-formed XML and the HTML page holds no markup from a record.
#include "fuzz.hpp"

#include "../tests/unit/zip_reader.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/period.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/csv.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/report/output.hpp>
#include <phoihop/report/render.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <sstream>

using phoihop::core::Date;
using phoihop::fuzz::require;
using namespace phoihop::report; // the model's many line structs

namespace {

constexpr std::array<const char*, 6> k_task_statuses = {"planned", "in_progress", "done", "cancelled", "unfinished",
                                                        "?"};
constexpr std::array<const char*, 4> k_meeting_kinds = {"regular", "final_review", "interim_review", "?"};
constexpr std::array<const char*, 5> k_roles = {"chair", "co_chair", "secretary", "delegate", "?"};
constexpr std::array<const char*, 3> k_recipient_kinds = {"collective", "individual", "?"};
constexpr std::array<const char*, 4> k_award_forms = {"bang_khen", "giay_khen", "other", ""};
constexpr std::array<const char*, 7> k_agreement_statuses = {"draft",      "in_force",  "ended", "ended_early",
                                                             "superseded", "cancelled", "?"};
constexpr std::array<const char*, 12> k_attention_kinds = {
  "overdue_task",       "task_unfinished",    "task_stale",   "task_due_soon",
  "lead_ceased",        "final_review_missing", "term_over_in_force", "party_ceased",
  "party_ceased_before_term", "no_tasks",     "no_signers",   "?"};

// Builds a model from the bytes. With `skeleton`, every record text that is
// not empty becomes "x": the same model with tame text, whose Markdown must
// have the same shape. Enum words stay as they are in both (they choose
// what is written, not how it is escaped).
class Builder {
public:
  Builder(const std::uint8_t* data, std::size_t size, bool skeleton) : m_in(data, size), m_skeleton(skeleton) {}

  Summary summary()
  {
    Summary s;
    s.period = period();
    s.today = date();
    const std::size_t sections = m_in.ConsumeIntegralInRange<std::size_t>(0, 3);
    for (std::size_t i = 0; i < sections; ++i) {
      s.sections.push_back(section());
    }
    return s;
  }

  // A list of rows for render_list: 1 to 5 columns, values of every type.
  std::vector<Object> rows(std::vector<Column>& columns)
  {
    const std::size_t width = m_in.ConsumeIntegralInRange<std::size_t>(1, 5);
    for (std::size_t i = 0; i < width; ++i) {
      // Keys and headings are the program's own words, never record text.
      columns.push_back(Column{"c" + std::to_string(i), "Column " + std::to_string(i), m_in.ConsumeBool()});
    }
    std::vector<Object> out;
    const std::size_t count = m_in.ConsumeIntegralInRange<std::size_t>(0, 6);
    for (std::size_t r = 0; r < count; ++r) {
      Object row;
      for (std::size_t i = 0; i < width; ++i) {
        if (m_in.ConsumeIntegralInRange(0, 7) != 0) { // now and then a column is missing
          row.push_back(Field{columns[i].key, value(0)});
        }
      }
      out.push_back(std::move(row));
    }
    return out;
  }

private:
  // Record text as phoihop stores it: trimmed (clean()), and never only
  // control characters (the command line and import refuse those), so it is
  // empty exactly when its Markdown is.
  std::string text()
  {
    std::string t = phoihop::core::clean(phoihop::fuzz::stored_text(m_in.ConsumeRandomLengthString(48)));
    if (markdown_text(t).empty()) {
      t.clear();
    }
    return m_skeleton && !t.empty() ? "x" : t;
  }

  template <std::size_t N>
  std::string word(const std::array<const char*, N>& words)
  {
    if (m_in.ConsumeIntegralInRange(0, 15) == 0) {
      // An unknown word is shown as stored; the skeleton keeps it, since a
      // word chooses what is written.
      return phoihop::fuzz::stored_text(m_in.ConsumeRandomLengthString(16));
    }
    return words[m_in.ConsumeIntegralInRange<std::size_t>(0, N - 1)];
  }

  Date date() { return Date::from_days(m_in.ConsumeIntegralInRange<long>(-719162, 2932896)); }

  std::optional<Date> maybe_date() { return m_in.ConsumeBool() ? std::optional<Date>(date()) : std::nullopt; }

  phoihop::core::Period period()
  {
    Date a = date();
    Date b = date();
    if (b < a) {
      std::swap(a, b);
    }
    return phoihop::core::period_from_dates(a, b, "fuzz");
  }

  int count() { return m_in.ConsumeIntegralInRange(0, 1000); }

  std::optional<double> maybe_number()
  {
    if (!m_in.ConsumeBool()) {
      return std::nullopt;
    }
    return m_in.ConsumeFloatingPointInRange(-1e6, 1e6);
  }

  std::optional<double> percent()
  {
    if (!m_in.ConsumeBool()) {
      return std::nullopt;
    }
    return m_in.ConsumeFloatingPointInRange(0.0, 100.0);
  }

  Counts counts()
  {
    Counts c;
    c.tasks_total = count();
    c.tasks_planned = count();
    c.tasks_in_progress = count();
    c.tasks_done = count();
    c.tasks_cancelled = count();
    c.tasks_overdue = count();
    c.tasks_done_in_period = count();
    c.completion_pct = percent();
    c.progress_avg = percent();
    c.meetings = count();
    c.awards_collective = count();
    c.awards_individual = count();
    c.tasks_unfinished = count();
    return c;
  }

  phoihop::core::Id id() { return m_in.ConsumeIntegralInRange<phoihop::core::Id>(1, 1'000'000); }

  template <typename Make>
  auto some(std::size_t most, Make make)
  {
    std::vector<decltype(make())> out;
    const std::size_t n = m_in.ConsumeIntegralInRange<std::size_t>(0, most);
    for (std::size_t i = 0; i < n; ++i) {
      out.push_back(make());
    }
    return out;
  }

  MeetingLine meeting()
  {
    MeetingLine m;
    m.id = id();
    m.date = date();
    m.kind = word(k_meeting_kinds);
    m.title = text();
    m.place = text();
    m.participants = some(3, [&] { return ParticipantLine{word(k_roles), text(), text(), text()}; });
    m.contributions = some(2, [&] { return ContributionLine{text(), text(), text()}; });
    m.conclusions = some(2, [&] {
      return ConclusionLine{text(), some(2, [&] {
                              return FollowUpLine{id(), text(), text(), word(k_task_statuses),
                                                  m_in.ConsumeIntegralInRange(0, 100)};
                            })};
    });
    return m;
  }

  DecisionLine decision()
  {
    DecisionLine d;
    d.id = id();
    d.number = text();
    d.date = maybe_date();
    d.issuer = text();
    d.form = word(k_award_forms);
    d.reason = text();
    d.recipients = some(3, [&] { return RecipientLine{id(), word(k_recipient_kinds), text(), text(), text()}; });
    return d;
  }

  AgreementSection agreement()
  {
    AgreementSection a;
    a.id = id();
    a.code = text();
    a.title = text();
    a.number = text();
    const auto term = period();
    a.term = m_in.ConsumeBool() ? term.label : text();
    a.start = term.first;
    a.end = term.last;
    a.actual_end = maybe_date();
    a.status = word(k_agreement_statuses);
    a.parties = some(3, [&] { return PartyLine{id(), text(), text(), text(), maybe_date()}; });
    a.tasks = some(4, [&] {
      TaskLine t;
      t.id = id();
      t.code = text();
      t.title = text();
      t.lead = text();
      t.start = maybe_date();
      t.due = maybe_date();
      t.status = word(k_task_statuses);
      t.progress = m_in.ConsumeIntegralInRange(0, 100);
      t.overdue = m_in.ConsumeBool();
      t.done_in_period = m_in.ConsumeBool();
      t.updated_on = maybe_date();
      t.planned_due = maybe_date();
      if (m_in.ConsumeBool()) {
        t.lead_id = id();
      }
      t.partners = some(2, [&] { return text(); });
      t.target = maybe_number();
      t.actual = maybe_number();
      t.unit = text();
      t.pct_of_target = percent();
      t.result_note = text();
      t.result_date = maybe_date();
      return t;
    });
    a.note = text();
    a.by_lead = some(2, [&] {
      LeadLine lead;
      if (m_in.ConsumeBool()) {
        lead.lead_id = id();
      }
      lead.lead = text();
      lead.counts = counts();
      return lead;
    });
    a.counts = counts();
    a.meetings = some(2, [&] { return meeting(); });
    a.decisions = some(2, [&] { return decision(); });
    return a;
  }

  Attention attention()
  {
    Attention item;
    item.kind = word(k_attention_kinds);
    item.agreement_id = id();
    item.agreement = text();
    item.earlier = m_in.ConsumeBool();
    item.last_update = maybe_date();
    item.months = m_in.ConsumeIntegralInRange(0, 240);
    item.task_id = id();
    item.task_title = text();
    item.due = maybe_date();
    item.progress = m_in.ConsumeIntegralInRange(0, 100);
    item.term_ended = maybe_date();
    item.party = text();
    item.ceased_on = maybe_date();
    item.months_into_term = m_in.ConsumeIntegralInRange(0, 120);
    item.successors = some(2, [&] { return std::pair<std::string, Date>(text(), date()); });
    return item;
  }

  PeriodSection section()
  {
    PeriodSection s;
    s.period = period();
    s.as_of = s.period.as_of(date());
    s.agreements = some(3, [&] { return agreement(); });
    s.totals = counts();
    s.attention = some(3, [&] { return attention(); });
    if (m_in.ConsumeBool()) {
      Comparison other{period(), date(), counts(), {}};
      for (const auto& a : s.agreements) {
        if (m_in.ConsumeBool()) {
          other.agreements.emplace_back(a.id, counts());
        }
      }
      // Comparison::of() searches them by id.
      std::sort(other.agreements.begin(), other.agreements.end(),
                [](const auto& x, const auto& y) { return x.first < y.first; });
      other.agreements.erase(std::unique(other.agreements.begin(), other.agreements.end(),
                                         [](const auto& x, const auto& y) { return x.first == y.first; }),
                             other.agreements.end());
      s.compare = std::move(other);
    }
    return s;
  }

  Value value(int depth)
  {
    switch (m_in.ConsumeIntegralInRange(0, depth < 2 ? 7 : 5)) {
    case 0: return Value();
    case 1: return Value(m_in.ConsumeBool());
    case 2: return Value(m_in.ConsumeIntegral<long long>());
    case 3: {
      // SQLite stores no NaN, and import takes no infinity.
      const double d = m_in.ConsumeFloatingPoint<double>();
      return std::isfinite(d) ? Value(d) : Value(0.5);
    }
    case 4:
    case 5: return Value(text());
    case 6: return Value(some(3, [&] { return value(depth + 1); }));
    default: {
      Object o;
      const std::size_t n = m_in.ConsumeIntegralInRange<std::size_t>(0, 3);
      for (std::size_t i = 0; i < n; ++i) {
        o.push_back(Field{"k" + std::to_string(i), value(depth + 1)});
      }
      return Value(std::move(o));
    }
    }
  }

  FuzzedDataProvider m_in;
  bool m_skeleton;
};

// Markdown -------------------------------------------------------------------

// Table cells between unescaped pipes ("\|" is text); -1 when the line does
// not start and end with a pipe.
int cell_count(const std::string& line)
{
  if (line.size() < 2 || line.front() != '|' || line.back() != '|') {
    return -1;
  }
  int pipes = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++pipes;
    }
  }
  return pipes - 1;
}

// What kind of block line each line is: "" blank, "#2" a heading, "|4" a
// table row of four cells, "-" a bullet, "1." an item, "p" a paragraph.
std::vector<std::string> shape(const std::string& markdown)
{
  std::vector<std::string> out;
  std::istringstream lines(markdown);
  std::string line;
  bool hard_break = false; // the last line ended in a hard break (an odd run of backslashes)
  while (std::getline(lines, line)) {
    const bool continued = hard_break && line.rfind("  ", 0) == 0;
    const std::size_t last = line.find_last_not_of('\\');
    hard_break = (line.size() - (last == std::string::npos ? 0 : last + 1)) % 2 == 1;
    if (continued) {
      continue; // a record's next line, in its list item or paragraph
    }
    if (line.empty()) {
      out.emplace_back();
    } else if (line[0] == '#') {
      const std::size_t level = line.find_first_not_of('#');
      require(level != std::string::npos && level <= 6 && line[level] == ' ', "a heading is #… and a space", line);
      out.push_back("#" + std::to_string(level));
    } else if (line[0] == '|') {
      out.push_back("|" + std::to_string(cell_count(line)));
    } else if (line.rfind("- ", 0) == 0) {
      out.emplace_back("-");
    } else if (line[0] >= '0' && line[0] <= '9') {
      const std::size_t dot = line.find_first_not_of("0123456789");
      require(dot != std::string::npos && line.compare(dot, 2, ". ") == 0, "a numbered item is N. …", line);
      out.push_back(line.substr(0, dot + 1));
    } else {
      out.emplace_back("p");
    }
  }
  return out;
}

// Every table keeps its column count: header, separator and rows.
void check_tables(const std::vector<std::string>& shapes, const std::string& markdown)
{
  std::string table;
  for (const auto& s : shapes) {
    if (s.empty() || s[0] != '|') {
      table.clear();
      continue;
    }
    require(s != "|-1", "a table row ends with a pipe", markdown);
    if (table.empty()) {
      table = s;
    }
    require(s == table, "a table's rows keep its column count", markdown);
  }
}

// The Word document's main part is well-formed XML in UTF-8: every element
// closed in order, every & an entity, no markup out of record text.
void check_docx(const Summary& summary, View view, const char* lang)
{
  std::ostringstream out;
  phoihop::report::render_docx(out, summary, view, RenderOptions{lang, false, {}});
  std::string xml;
  for (const auto& [name, content] : phoihop::test::zip_entries(out.str())) {
    if (name == "word/document.xml") {
      xml = content;
    }
  }
  require(!xml.empty(), "the .docx has its document.xml", xml);
  require(phoihop::core::is_valid_utf8(xml), "document.xml is valid UTF-8", xml);
  std::vector<std::string> open;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '&') {
      bool entity = false;
      for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"}) {
        entity = entity || xml.compare(i, e.size(), e) == 0;
      }
      require(entity, "every & in document.xml is an entity", xml);
    } else if (xml[i] == '<') {
      std::size_t end = xml.find('>', i);
      require(end != std::string::npos, "every tag of document.xml ends", xml);
      std::string tag = xml.substr(i + 1, end - i - 1);
      i = end;
      if (tag.empty() || tag[0] == '?') {
        continue;
      }
      bool closing = tag[0] == '/';
      bool empty = tag.back() == '/';
      std::string name = tag.substr(closing ? 1 : 0, tag.find_first_of(" /", closing ? 1 : 0) - (closing ? 1 : 0));
      if (closing) {
        require(!open.empty() && open.back() == name, "document.xml closes its elements in order", xml);
        open.pop_back();
      } else if (!empty) {
        open.push_back(name);
      }
    } else {
      require(xml[i] != '>', "no > outside a tag of document.xml", xml);
    }
  }
  require(open.empty(), "document.xml closes every element", xml);
}

// The HTML page: past its style sheet every < opens a tag of the page's own
// small vocabulary with its own attributes, every & is an entity and no >
// stands alone, so no record text is markup (a <script>, an onload=).
void check_html(const Summary& summary, View view, const char* lang)
{
  std::ostringstream out;
  render_html(out, summary, view, RenderOptions{lang, false, {}});
  const std::string page = out.str();
  require(phoihop::core::is_valid_utf8(page), "the HTML page is valid UTF-8", page);
  static const std::array<std::string_view, 33> k_elements{
    "!DOCTYPE", "html",  "head", "meta", "title", "style",  "body",       "header", "section", "h1",  "h2",
    "h3",       "h4",    "h5",   "p",    "ul",    "ol",     "li",         "strong", "table",   "thead", "tbody",
    "tr",       "th",    "td",   "br",   "figure", "svg",   "figcaption", "g",      "rect",    "line", "text"};
  static const std::array<std::string_view, 23> k_attributes{
    "lang",   "charset", "name", "content", "class", "scope",  "role",         "width",
    "height", "viewBox", "x",    "y",       "x1",    "y1",     "x2",           "y2",
    "fill",   "stroke",  "stroke-width", "stroke-dasharray", "text-anchor", "html", "xmlns"};
  auto known = [](const auto& set, std::string_view name) {
    return std::find(set.begin(), set.end(), name) != set.end();
  };
  const std::size_t style_end = page.find("</style>");
  require(style_end != std::string::npos, "the page has its style sheet", page);
  for (std::size_t i = style_end; i < page.size(); ++i) {
    if (page[i] == '&') {
      bool entity = false;
      for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
        entity = entity || page.compare(i, e.size(), e) == 0;
      }
      require(entity, "every & on the page is an entity", page);
    } else if (page[i] == '<') {
      const std::size_t end = page.find('>', i);
      require(end != std::string::npos, "every tag of the page ends", page);
      std::string_view tag(page.data() + i + 1, end - i - 1);
      i = end;
      if (!tag.empty() && tag[0] == '/') {
        tag.remove_prefix(1);
      }
      const std::size_t name_end = std::min(tag.find(' '), tag.size());
      require(known(k_elements, tag.substr(0, name_end)), "a tag of the page's own", std::string(tag));
      // Attributes: name="value", the value free of quotes and angle brackets.
      std::size_t at = name_end;
      while (at < tag.size()) {
        while (at < tag.size() && tag[at] == ' ') {
          ++at;
        }
        const std::size_t eq = tag.find_first_of("= ", at);
        const std::string_view name = tag.substr(at, (eq == std::string_view::npos ? tag.size() : eq) - at);
        if (name.empty() || name == "/") {
          break;
        }
        require(known(k_attributes, name), "an attribute of the page's own", std::string(tag));
        at = eq == std::string_view::npos ? tag.size() : eq;
        if (at < tag.size() && tag[at] == '=') {
          require(at + 1 < tag.size() && tag[at + 1] == '"', "an attribute's value is quoted", std::string(tag));
          const std::size_t close = tag.find('"', at + 2);
          require(close != std::string_view::npos, "an attribute's value ends", std::string(tag));
          at = close + 1;
        }
      }
    } else {
      require(page[i] != '>', "no > outside a tag of the page", page);
    }
  }
}

std::string markdown(const Summary& summary, View view, const char* lang)
{
  std::ostringstream out;
  render_markdown(out, summary, view, RenderOptions{lang, false, {}});
  return out.str();
}

void check_markdown(const Summary& summary, const Summary& skeleton, View view, const char* lang)
{
  const std::string text = markdown(summary, view, lang);
  require(phoihop::core::is_valid_utf8(text), "Markdown is valid UTF-8");
  require(!text.empty() && text.back() == '\n' && text.find("\n\n\n") == std::string::npos,
          "Markdown blocks are one blank line apart, ending with a newline", text);
  const auto shapes = shape(text);
  check_tables(shapes, text);
  const std::string tame = markdown(skeleton, view, lang);
  require(shapes == shape(tame), "record text does not change the Markdown's shape", text + "\n---\n" + tame);
}

// CSV ------------------------------------------------------------------------

phoihop::io::CsvTable read_back(const std::string& csv, std::string_view what)
{
  try {
    return phoihop::io::read_csv(csv);
  } catch (const phoihop::UsageError& e) {
    require(false, what, std::string(e.what()) + "\n" + csv);
  }
  return {};
}

// The text a CSV reader gives back for `text`: NFC with every line break LF.
std::string as_read(const std::string& text)
{
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
    } else {
      out += text[i];
    }
  }
  return phoihop::core::nfc(out);
}

void check_csv(const Summary& summary, View view, bool bom)
{
  std::ostringstream out;
  render_csv(out, summary, view, RenderOptions{"en", bom, {}});
  const auto table = read_back(out.str(), "report CSV reads back");
  std::size_t rows = 0;
  for (const auto& section : summary.sections) {
    if (view == View::attention) {
      rows += section.attention.size(); // a row per item, none per agreement
    }
    for (const auto& agreement : section.agreements) {
      switch (view) {
      case View::attention: break;
      case View::summary: rows += 1; break;
      case View::tasks: rows += agreement.tasks.size(); break;
      case View::meetings: rows += agreement.meetings.size(); break;
      case View::awards:
        for (const auto& decision : agreement.decisions) {
          rows += decision.recipients.size();
        }
        break;
      }
    }
  }
  require(table.rows.size() == rows, "report CSV has a row per record", out.str());
}

// JSON -----------------------------------------------------------------------

void check_json(const std::string& json, std::string_view what)
{
  try {
    phoihop::io::parse_document("{\"document\": " + json + "}", "json", "rendered");
  } catch (const phoihop::UsageError& e) {
    require(false, what, std::string(e.what()) + "\n" + json);
  }
}

// Lists ----------------------------------------------------------------------

void check_list(const std::vector<Column>& columns, const std::vector<Object>& rows)
{
  std::ostringstream csv;
  render_list(csv, "csv", columns, rows);
  const auto table = read_back(csv.str(), "list CSV reads back");
  require(table.header.size() == columns.size(), "list CSV has every column", csv.str());
  // One empty cell alone on the last line reads as an empty line; lists
  // have more than one column.
  if (columns.size() > 1) {
    require(table.rows.size() == rows.size(), "list CSV has a row per record", csv.str());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        std::string expected;
        for (const auto& field : rows[r]) {
          if (field.key == columns[c].key) {
            // A text cell a spreadsheet would run reads back with the
            // guard's apostrophe; a number is never guarded.
            expected = field.value.text();
            if (!field.value.is_number() && phoihop::io::runs_as_formula(expected)) {
              expected.insert(0, "'");
            }
          }
        }
        require(table.rows[r][c] == as_read(expected), "list CSV cells read back", csv.str());
      }
    }
  }
  // TSV and table: one line per row, TSV with a tab between cells only.
  for (const char* format : {"tsv", "table"}) {
    std::ostringstream out;
    render_list(out, format, columns, rows);
    const std::string text = out.str();
    require(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) == rows.size() + 1,
            "a list has one line per row", text);
    if (std::string_view(format) == "tsv") {
      require(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\t')) ==
                (rows.size() + 1) * (columns.size() - 1),
              "TSV has a tab between cells only", text);
    }
  }
  std::ostringstream json;
  render_list(json, "json", columns, rows);
  check_json(json.str(), "list JSON reads back");
  for (const auto& row : rows) {
    for (const char* format : {"json", "csv", "tsv", "table"}) {
      std::ostringstream out;
      render_show(out, format, row);
      if (std::string_view(format) == "json") {
        check_json(out.str(), "show JSON reads back");
      } else if (std::string_view(format) == "csv" && row.size() > 1) {
        const auto shown = read_back(out.str(), "show CSV reads back");
        require(shown.rows.size() == 1 && shown.header.size() == row.size(), "show CSV is one record",
                out.str());
      }
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  // The first byte picks lists or reports, so both get the whole input.
  if (size > 0 && data[0] % 4 == 0) {
    std::vector<Column> columns;
    Builder builder(data + 1, size - 1, false);
    const std::vector<Object> rows = builder.rows(columns);
    check_list(columns, rows);
    return 0;
  }
  const Summary summary = Builder(data, size, false).summary();
  const Summary skeleton = Builder(data, size, true).summary();
  for (View view : {View::summary, View::tasks, View::meetings, View::awards, View::attention}) {
    for (const char* lang : {"en", "vi"}) {
      check_markdown(summary, skeleton, view, lang);
      check_docx(summary, view, lang);
      check_html(summary, view, lang);
      std::ostringstream json;
      render_json(json, summary, view, RenderOptions{lang, false, {}});
      check_json(json.str(), "report JSON reads back");
    }
    check_csv(summary, view, size % 2 == 1);
  }
  return 0;
}
