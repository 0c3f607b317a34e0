#include <phoihop/core/error.hpp>
#include <phoihop/io/csv.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using phoihop::UsageError;
using phoihop::io::CsvOptions;
using phoihop::io::CsvTable;
using phoihop::io::read_csv;
using phoihop::io::CsvDialect;
using phoihop::io::runs_as_formula;

namespace {

using Rows = std::vector<std::vector<std::string>>;

CsvOptions named(std::string name, char delimiter = ',')
{
  CsvOptions options;
  options.name = std::move(name);
  options.delimiter = delimiter;
  return options;
}

// The message read_csv refuses `data` with; a test that expects a refusal
// fails on the returned marker when there was none.
std::string error_of(std::string_view data, const CsvOptions& options = named("x.csv"))
{
  try {
    (void)read_csv(data, options);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "<no error>";
}

bool contains(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

std::string slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open " + path);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Builds a new string rather than calling std::string::replace, on which
// GCC 12 gives a false -Wrestrict warning.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to)
{
  std::string out;
  std::size_t start = 0;
  for (std::size_t at = text.find(from); at != std::string_view::npos; at = text.find(from, start)) {
    out += text.substr(start, at - start);
    out += to;
    start = at + from.size();
  }
  out += text.substr(start);
  return out;
}

// Just enough JSON for csv-spectrum's expectations: an array of objects whose
// values are strings (numbers are kept as their text). Key order is kept, so
// it can be checked against the header.
using JsonObject = std::vector<std::pair<std::string, std::string>>;

class MiniJson {
public:
  explicit MiniJson(std::string_view text) : m_text(text) {}

  std::vector<JsonObject> array_of_objects()
  {
    std::vector<JsonObject> out;
    expect('[');
    if (peek() == ']') {
      ++m_pos;
      return out;
    }
    for (;;) {
      out.push_back(object());
      if (peek() == ']') {
        ++m_pos;
        return out;
      }
      expect(',');
    }
  }

private:
  char peek()
  {
    while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' ||
                                     m_text[m_pos] == '\t')) {
      ++m_pos;
    }
    if (m_pos == m_text.size()) {
      throw std::runtime_error("JSON: unexpected end");
    }
    return m_text[m_pos];
  }

  void expect(char c)
  {
    if (peek() != c) {
      throw std::runtime_error(std::string("JSON: expected ") + c);
    }
    ++m_pos;
  }

  JsonObject object()
  {
    JsonObject out;
    expect('{');
    if (peek() == '}') {
      ++m_pos;
      return out;
    }
    for (;;) {
      std::string key = string();
      expect(':');
      std::string value = peek() == '"' ? string() : number();
      out.emplace_back(std::move(key), std::move(value));
      if (peek() == '}') {
        ++m_pos;
        return out;
      }
      expect(',');
    }
  }

  std::string number()
  {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && std::string_view("+-.0123456789eE").find(m_text[m_pos]) != std::string_view::npos) {
      ++m_pos;
    }
    if (start == m_pos) {
      throw std::runtime_error("JSON: expected a string or a number");
    }
    return std::string(m_text.substr(start, m_pos - start));
  }

  std::string string()
  {
    expect('"');
    std::string out;
    for (;;) {
      if (m_pos >= m_text.size()) {
        throw std::runtime_error("JSON: unterminated string");
      }
      const char c = m_text[m_pos++];
      if (c == '"') {
        return out;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = m_text.at(m_pos++);
      switch (e) {
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case '"':
      case '\\':
      case '/': out += e; break;
      default: throw std::runtime_error(std::string("JSON: unsupported escape \\") + e);
      }
    }
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
};

std::string spectrum_path(const std::string& file)
{
  return std::string(PHOIHOP_SOURCE_DIR) + "/tests/data/csv-spectrum/" + file;
}

// Precomposed (NFC) and decomposed (NFD) spellings of the same words.
const std::string k_nfc_name = "Tên nhiệm vụ";
const std::string k_nfd_name = "Te\u0302n nhie\u0323\u0302m vu\u0323";
const std::string k_nfc_city = "Thành phố Hồ Chí Minh";
const std::string k_nfd_city = "Tha\u0300nh pho\u0302\u0301 Ho\u0302\u0300 Chi\u0301 Minh";

} // namespace

TEST_CASE("read_csv: a simple table, LF line breaks")
{
  const CsvTable t = read_csv("id,name\n1,Alpha\n2,Beta\n");
  CHECK(t.header == std::vector<std::string>{"id", "name"});
  CHECK(t.rows == Rows{{"1", "Alpha"}, {"2", "Beta"}});
  CHECK(t.row_lines == std::vector<int>{2, 3});
}

TEST_CASE("read_csv: CRLF, LF and a lone CR give the same table")
{
  const CsvTable lf = read_csv("a,b\n1,2\n3,4\n");
  for (const std::string_view data : {"a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\r\n1,2\n3,4\r", "a,b\n1,2\n3,4"}) {
    CAPTURE(data);
    const CsvTable t = read_csv(data);
    CHECK(t.header == lf.header);
    CHECK(t.rows == lf.rows);
    CHECK(t.row_lines == lf.row_lines);
  }
}

TEST_CASE("read_csv: the final line break is optional and empty lines at the end are ignored")
{
  const Rows expected{{"1", "2"}};
  CHECK(read_csv("a,b\n1,2").rows == expected);
  CHECK(read_csv("a,b\n1,2\n").rows == expected);
  CHECK(read_csv("a,b\n1,2\n\n\n").rows == expected);
  CHECK(read_csv("a,b\r\n1,2\r\n\r\n\r\n").rows == expected);
  CHECK(read_csv("a,b\r1,2\r\r").rows == expected);
  // A header alone is a table without rows.
  const CsvTable header_only = read_csv("a,b\n\n");
  CHECK(header_only.header == std::vector<std::string>{"a", "b"});
  CHECK(header_only.rows.empty());
  CHECK(header_only.row_lines.empty());
}

TEST_CASE("read_csv: an empty line in the middle is refused, except as an empty cell of a one-column table")
{
  CHECK(error_of("a,b\n1,2\n\n3,4\n") == "line 3 of 'x.csv' is empty, but the header has 2 fields");
  const CsvTable one = read_csv("a\n1\n\n2\n\n");
  CHECK(one.rows == Rows{{"1"}, {""}, {"2"}});
  CHECK(one.row_lines == std::vector<int>{2, 3, 4});
  // A quoted empty field is a record, even at the end.
  CHECK(read_csv("a\n1\n\"\"\n").rows == Rows{{"1"}, {""}});
}

TEST_CASE("read_csv: a UTF-8 byte order mark at the start is dropped")
{
  const CsvTable t = read_csv("\xEF\xBB\xBFid,name\r\n1,An\r\n");
  CHECK(t.header == std::vector<std::string>{"id", "name"});
  CHECK(t.rows == Rows{{"1", "An"}});
  // Before a quoted first name too.
  CHECK(read_csv("\xEF\xBB\xBF\"id\",name\n1,2\n").header == std::vector<std::string>{"id", "name"});
  // Only at the start: elsewhere U+FEFF is text and stays.
  CHECK(read_csv("a,b\n1,\xEF\xBB\xBFx\n").rows == Rows{{"1", "\xEF\xBB\xBFx"}});
}

TEST_CASE("read_csv: other delimiters")
{
  SUBCASE("semicolon, as Excel writes in locales with a decimal comma")
  {
    const CsvTable t = read_csv("tên;số tiền\nAn;1,5\n\"Bình; Chi\";2\n", named("vn.csv", ';'));
    CHECK(t.header == std::vector<std::string>{"tên", "số tiền"});
    CHECK(t.rows == Rows{{"An", "1,5"}, {"Bình; Chi", "2"}});
  }
  SUBCASE("tab")
  {
    const CsvTable t = read_csv("a\tb\n1, 2\t\"x\ty\"\n", named("t.tsv", '\t'));
    CHECK(t.rows == Rows{{"1, 2", "x\ty"}});
  }
  SUBCASE("a delimiter that would make the grammar ambiguous is refused")
  {
    for (const char bad : {'"', '\n', '\r', '\0', static_cast<char>(0xC3)}) {
      CAPTURE(static_cast<int>(bad));
      CHECK(contains(error_of("a,b\n", named("x.csv", bad)), "invalid CSV delimiter"));
    }
  }
}

TEST_CASE("read_csv: white space around unquoted fields is kept")
{
  const CsvTable t = read_csv("a,b,c\n  1 , x y ,\t\n");
  CHECK(t.rows == Rows{{"  1 ", " x y ", "\t"}});
}

TEST_CASE("read_csv: empty fields")
{
  const CsvTable t = read_csv("a,b,c\n,,\n1,,\n,\"\",3\n");
  CHECK(t.rows == Rows{{"", "", ""}, {"1", "", ""}, {"", "", "3"}});
}

TEST_CASE("read_csv: quoted fields")
{
  SUBCASE("the delimiter, doubled quotes and an empty value")
  {
    const CsvTable t = read_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n\"\"\"\",\"\"\"\"\"\",\"a\"\"\"\n");
    CHECK(t.rows == Rows{{"x, y", "say \"hi\"", ""}, {"\"", "\"\"", "a\""}});
  }
  SUBCASE("line breaks inside quotes become LF")
  {
    const Rows expected{{"one\ntwo", "x"}, {"three\n\nfour", "y"}};
    CHECK(read_csv("a,b\n\"one\ntwo\",x\n\"three\n\nfour\",y\n").rows == expected);
    CHECK(read_csv("a,b\r\n\"one\r\ntwo\",x\r\n\"three\r\n\r\nfour\",y\r\n").rows == expected);
    CHECK(read_csv("a,b\r\"one\rtwo\",x\r\"three\r\rfour\",y\r").rows == expected);
  }
  SUBCASE("a header name may be quoted")
  {
    CHECK(read_csv("\"a,1\",\"b\nc\"\n1,2\n").header == std::vector<std::string>{"a,1", "b\nc"});
  }
  SUBCASE("the last field of the file may be quoted without a line break after it")
  {
    CHECK(read_csv("a,b\n1,\"2\"").rows == Rows{{"1", "2"}});
  }
}

TEST_CASE("read_csv: text is converted to NFC")
{
  const std::string data = k_nfd_name + ",city\n" + k_nfd_name + "," + k_nfd_city + "\n\"" + k_nfd_city + "\",x\n";
  const CsvTable t = read_csv(data);
  CHECK(t.header == std::vector<std::string>{k_nfc_name, "city"});
  CHECK(t.rows == Rows{{k_nfc_name, k_nfc_city}, {k_nfc_city, "x"}});
}

TEST_CASE("read_csv: a file already in NFC reads the same by the shortcut as field by field")
{
  // Plain Vietnamese (the shortcut: no field is normalised again), and the
  // same file with one NFD cell (every field goes through nfc()).
  const std::string plain = "tên,\"ghi chú\"\nTỉnh đoàn Bến Tre,\"Đoàn \"\"TNCS\"\"\r\nHồ Chí Minh\"\n";
  const CsvTable a = read_csv(plain);
  CHECK(a.rows == Rows{{"Tỉnh đoàn Bến Tre", "Đoàn \"TNCS\"\nHồ Chí Minh"}});
  const CsvTable b = read_csv(plain + k_nfd_name + ",x\n");
  CHECK(b.rows == Rows{{"Tỉnh đoàn Bến Tre", "Đoàn \"TNCS\"\nHồ Chí Minh"}, {k_nfc_name, "x"}});
  CHECK(a.header == b.header);
}

TEST_CASE("read_csv: row lines count physical lines across quoted line breaks")
{
  const std::string data = "a,b\n"                // 1
                           "1,\"multi\nline\"\n"  // 2-3
                           "2,x\n"                // 4
                           "\"3\r\n\r\nc\",y\r\n" // 5-7
                           "4,z\n";               // 8
  const CsvTable t = read_csv(data);
  CHECK(t.row_lines == std::vector<int>{2, 4, 5, 8});
  CHECK(t.rows[2] == std::vector<std::string>{"3\n\nc", "y"});
}

TEST_CASE("read_csv: errors name the file and the physical line after multi-line fields")
{
  const std::string before = "a,b\n1,\"multi\nline\"\n\"x\r\ny\",2\n"; // lines 1-5
  CHECK(error_of(before + "3\n") == "line 6 of 'x.csv' has 1 field, but the header has 2");
  CHECK(error_of(before + "3,\xff\n") == "invalid UTF-8 on line 6 of 'x.csv'");
  CHECK(error_of(before + "3,a\"b\n") ==
        "quote inside an unquoted field on line 6 of 'x.csv' (field 2): quote the whole field and double the quote (\"\")");
  CHECK(error_of(before + "3,\"a\n\nb\"c\n") ==
        "unexpected 'c' after the closing quote on line 8 of 'x.csv' (field 2): a quoted field must end at the "
        "delimiter or the end of the line");
  CHECK(error_of(before + "3,4\n5,\"open\n6,7\n") ==
        "unclosed quote: the quoted field that starts on line 7 of 'x.csv' (field 2) never ends");
}

TEST_CASE("read_csv: invalid UTF-8 and NUL bytes are refused with their line")
{
  CHECK(error_of("a,b\n1,2\n3,\xC3\x28\n") == "invalid UTF-8 on line 3 of 'x.csv'");
  CHECK(error_of("a,b\r\n1,2\r\n3,4\r\n\xED\xA0\x80,5\r\n") == "invalid UTF-8 on line 4 of 'x.csv'"); // a surrogate
  CHECK(error_of("a,\xC0\xAF\n") == "invalid UTF-8 on line 1 of 'x.csv'");                            // overlong
  CHECK(error_of("a,b\n1,\"x\ny\xE1\x80\"\n") == "invalid UTF-8 on line 3 of 'x.csv'");               // truncated
  CHECK(error_of(std::string_view("a,b\n1,2\n3,x\0y\n", 15)) == "NUL byte on line 3 of 'x.csv'");
  CHECK(error_of(std::string_view("a,b\r\r\0", 7)) == "NUL byte on line 3 of 'x.csv'");
  // The name comes from the options.
  CHECK(error_of("a\n\xff\n", named("Danh sách.csv")) == "invalid UTF-8 on line 2 of 'Danh sách.csv'");
}

TEST_CASE("read_csv: ragged rows name both counts")
{
  CHECK(error_of("a,b,c\n1,2,3\n4,5\n") == "line 3 of 'x.csv' has 2 fields, but the header has 3");
  CHECK(error_of("a,b\n1,2,3\n") == "line 2 of 'x.csv' has 3 fields, but the header has 2");
  CHECK(error_of("a,b\n1,2,\n") == "line 2 of 'x.csv' has 3 fields, but the header has 2"); // a trailing delimiter
  // A delimiter inside quotes separates nothing.
  CHECK(read_csv("a,b\r\n1,\"x,y\"\r\n").rows == Rows{{"1", "x,y"}});
}

TEST_CASE("read_csv: quotes where RFC 4180 does not allow them")
{
  SUBCASE("inside an unquoted field")
  {
    CHECK(error_of("a,b\n1,ab\"c\n") ==
          "quote inside an unquoted field on line 2 of 'x.csv' (field 2): quote the whole field and double the quote (\"\")");
    CHECK(contains(error_of("a,b\n1,x\"\n"), "quote inside an unquoted field on line 2 of 'x.csv' (field 2)"));
    // White space before the opening quote makes the field unquoted.
    CHECK(contains(error_of("a,b\n1, \"x\"\n"), "quote inside an unquoted field on line 2 of 'x.csv' (field 2)"));
    CHECK(contains(error_of("a\"b,c\n1,2\n"), "quote inside an unquoted field on line 1 of 'x.csv' (field 1)"));
  }
  SUBCASE("after a closing quote")
  {
    CHECK(contains(error_of("a,b\n\"x\"y,2\n"), "unexpected 'y' after the closing quote on line 2 of 'x.csv' (field 1)"));
    CHECK(contains(error_of("a,b\n1,\"x\" \n"), "unexpected ' ' after the closing quote on line 2 of 'x.csv' (field 2)"));
    CHECK(contains(error_of("a,b\n1,\"x\"\"\"ở đây\n"), "unexpected 'ở đây' after the closing quote"));
    CHECK(contains(error_of("a;b\n1;\"x\",y\n", named("x.csv", ';')),
                   "unexpected ',y' after the closing quote on line 2 of 'x.csv' (field 2)"));
  }
  SUBCASE("a quote never closed names the line it opened on")
  {
    CHECK(error_of("a,b\n1,\"never\nclosed\n\n") ==
          "unclosed quote: the quoted field that starts on line 2 of 'x.csv' (field 2) never ends");
    CHECK(contains(error_of("a,\"b\n"), "the quoted field that starts on line 1 of 'x.csv' (field 2)"));
    CHECK(contains(error_of("a,b\n1,\"x\"\"\n"), "the quoted field that starts on line 2")); // "" is a quote, not the end
  }
}

TEST_CASE("read_csv: a file without a header row")
{
  CHECK(error_of("") == "'x.csv' is empty: a CSV file needs a header row");
  CHECK(error_of("\xEF\xBB\xBF") == "'x.csv' is empty: a CSV file needs a header row");
  CHECK(error_of("\n\r\n\r") == "'x.csv' has no header row: it holds only empty lines");
  CHECK(error_of("\na,b\n1,2\n") == "line 1 of 'x.csv' is empty: the first line must be the header row");
}

TEST_CASE("read_csv: header names must be present and distinct after trimming")
{
  CHECK(error_of("a,,c\n1,2,3\n") == "empty name in column 2 of the header (line 1) of 'x.csv'");
  CHECK(error_of("a,b,  \t\n1,2,3\n") == "empty name in column 3 of the header (line 1) of 'x.csv'");
  CHECK(error_of("\"\",b\n1,2\n") == "empty name in column 1 of the header (line 1) of 'x.csv'");
  CHECK(error_of("a,b,a\n1,2,3\n") == "duplicate name 'a' in columns 1 and 3 of the header (line 1) of 'x.csv'");
  CHECK(error_of("id, Tên ,\"Tên\"\n") == "duplicate name 'Tên' in columns 2 and 3 of the header (line 1) of 'x.csv'");
  // NFD and NFC spellings are the same name.
  CHECK(contains(error_of(k_nfc_name + "," + k_nfd_name + "\n"), "duplicate name"));
  // Case differs: distinct names (matching them loosely is the caller's choice).
  CHECK(read_csv("Name,name\n1,2\n").header == std::vector<std::string>{"Name", "name"});
  // Names are kept as written; only the checks trim.
  CHECK(read_csv(" a ,b\n1,2\n").header == std::vector<std::string>{" a ", "b"});
}

TEST_CASE("read_csv: 10,000 rows")
{
  constexpr int k_rows = 10000;
  std::string data = "\xEF\xBB\xBFid,tên,ghi chú\r\n";
  for (int i = 0; i < k_rows; ++i) {
    const std::string n = std::to_string(i);
    if (i % 100 == 7) {
      // Every hundredth row spans two lines, to keep line counting honest.
      data += n + ",Nguye\u0302\u0303n " + n + ",\"dòng 1\r\ndòng \"\"2\"\", " + n + "\"\r\n";
    } else {
      data += n + ",Nguye\u0302\u0303n " + n + ",\r\n";
    }
  }
  const CsvTable t = read_csv(data, named("big.csv"));
  REQUIRE(t.rows.size() == static_cast<std::size_t>(k_rows));
  REQUIRE(t.row_lines.size() == static_cast<std::size_t>(k_rows));
  CHECK(t.header == std::vector<std::string>{"id", "tên", "ghi chú"});
  CHECK(t.rows[0] == std::vector<std::string>{"0", "Nguyễn 0", ""});
  CHECK(t.rows[7] == std::vector<std::string>{"7", "Nguyễn 7", "dòng 1\ndòng \"2\", 7"});
  CHECK(t.rows[9999] == std::vector<std::string>{"9999", "Nguyễn 9999", ""});
  // Rows before i each add one line, plus one more for each multi-line row before i.
  CHECK(t.row_lines[0] == 2);
  CHECK(t.row_lines[7] == 9);
  CHECK(t.row_lines[8] == 11);
  CHECK(t.row_lines[9999] == 2 + 9999 + 100);
  bool all_match = true;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    all_match = all_match && t.rows[i].size() == 3 && t.rows[i][0] == std::to_string(i);
  }
  CHECK(all_match);

  // One bad row at the very end spoils the whole file: no partial result.
  CHECK(error_of(data + "x,y\r\n", named("big.csv")) == "line 10102 of 'big.csv' has 2 fields, but the header has 3");
}

TEST_CASE("read_csv: the csv-spectrum suite")
{
  const std::vector<std::string> names{"comma_in_quotes", "empty",       "empty_crlf",          "escaped_quotes",
                                       "json",            "newlines",    "newlines_crlf",       "quotes_and_newlines",
                                       "simple",          "simple_crlf", "utf8",                "location_coordinates"};
  for (const std::string& name : names) {
    CAPTURE(name);
    const std::string csv = slurp(spectrum_path(name + ".csv"));
    std::vector<JsonObject> expected = MiniJson(slurp(spectrum_path(name + ".json"))).array_of_objects();
    REQUIRE_FALSE(expected.empty());

    if (name == "location_coordinates") {
      // Deliberate difference: the suite accepts a bare quote inside an
      // unquoted field (37°36'37.8"N); RFC 4180 does not, and neither do we.
      CHECK(contains(error_of(csv, named(name + ".csv")),
                     "quote inside an unquoted field on line 2 of 'location_coordinates.csv' (field 2)"));
      continue;
    }
    if (name == "newlines_crlf") {
      // Deliberate difference: line breaks inside quotes become LF.
      for (JsonObject& object : expected) {
        for (auto& entry : object) {
          entry.second = replace_all(entry.second, "\r\n", "\n");
        }
      }
    }

    const CsvTable t = read_csv(csv, named(name + ".csv"));
    REQUIRE(t.rows.size() == expected.size());
    for (std::size_t r = 0; r < expected.size(); ++r) {
      CAPTURE(r);
      REQUIRE(expected[r].size() == t.header.size());
      for (std::size_t c = 0; c < t.header.size(); ++c) {
        CHECK(t.header[c] == expected[r][c].first);
        CHECK(t.rows[r][c] == expected[r][c].second);
      }
    }
  }
}

namespace {

std::string text_cell(std::string_view text, char separator = ',')
{
  std::string out;
  phoihop::io::append_csv_text(out, text, separator);
  return out;
}

std::string number_cell(std::string_view number, CsvDialect dialect)
{
  std::string out;
  phoihop::io::append_csv_number(out, number, dialect);
  return out;
}

std::string tsv_cell(std::string_view text, bool number = false)
{
  std::string out;
  phoihop::io::append_tsv_cell(out, text, number);
  return out;
}

} // namespace

TEST_CASE("append_csv_text quotes only what RFC 4180 requires")
{
  CHECK(text_cell("") == "");
  CHECK(text_cell("plain") == "plain");
  CHECK(text_cell(" spaced ") == " spaced ");
  CHECK(text_cell("Bến Tre") == "Bến Tre");
  CHECK(text_cell("a,b") == "\"a,b\"");
  CHECK(text_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(text_cell("\"") == "\"\"\"\"");
  CHECK(text_cell("a\nb") == "\"a\nb\"");
  CHECK(text_cell("a\rb") == "\"a\rb\"");
  CHECK(text_cell("a\r\nb") == "\"a\r\nb\"");
  CHECK(text_cell("tab\there") == "tab\there"); // a tab needs no quoting in CSV
  // excel-vi's separator is the semicolon: a comma needs no quotes there.
  CHECK(text_cell("a,b", ';') == "a,b");
  CHECK(text_cell("a;b", ';') == "\"a;b\"");
  CHECK(text_cell("a;b") == "a;b");
}

// Established with LibreOffice Calc 7.4 opening CSV (only `=` and something
// after it is a formula there) and Excel's documented behaviour (OWASP, CSV
// injection: = + - @, and tab and CR, which some programs trim first).
TEST_CASE("runs_as_formula: what LibreOffice Calc or Excel would run")
{
  for (std::string_view formula :
       {"=1+1", "=HYPERLINK(\"http://evil\",\"x\")", "=Tổ chức hội thi", "= text", "=-", "+1+1", "-2+3", "@SUM(1)",
        "-x", "-A1", "+A1", "-Tuyên", "@a", "-(1)", "--x", "\t=1+1", "\r=1+1", "\n-2+3", "\t\t@SUM(1)",
        "-1+", "- 2+3", "+ 1", "- (1)", "- cmd|' /C calc'!A0", "- HYPERLINK(\"x\")", "-2,5", "@1"}) {
    CAPTURE(formula);
    CHECK(runs_as_formula(formula));
  }
  for (std::string_view text :
       {"", "plain", "Bến Tre", "- Tuyên truyền", "+ Ưu điểm", "@ home", "-", "+", "=", "@", "−", "−2+3", "1-2",
        "2022-12-01", " =1+1", "'=1+1", "-5", "+5", "24.8", "-24.8", "-.5", "+.5", "-1e3", "-1E+3", "-5%", "\t-5", "\t",
        "\r\n", "＝1+1", "- Tuyên truyền, phổ biến"}) {
    CAPTURE(text);
    CHECK_FALSE(runs_as_formula(text));
  }
}

TEST_CASE("append_csv_text guards a formula with an apostrophe, inside the quotes when quoted")
{
  CHECK(text_cell("=1+1") == "'=1+1");
  CHECK(text_cell("-2+3") == "'-2+3");
  CHECK(text_cell("@SUM(1)") == "'@SUM(1)");
  CHECK(text_cell("\tx=1") == "\tx=1");
  CHECK(text_cell("\t=1") == "'\t=1");
  CHECK(text_cell("\r=1") == "\"'\r=1\"");
  CHECK(text_cell("=HYPERLINK(\"http://evil\",\"x\")") == "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  CHECK(text_cell("=SUM(1;2)", ';') == "\"'=SUM(1;2)\"");
  CHECK(text_cell("- Tuyên truyền") == "- Tuyên truyền");
  CHECK(text_cell("-5") == "-5");
}

TEST_CASE("append_csv_number: never guarded; excel-vi writes a decimal comma")
{
  CHECK(number_cell("-5", CsvDialect::rfc4180) == "-5");
  CHECK(number_cell("66.7", CsvDialect::rfc4180) == "66.7");
  CHECK(number_cell("66.7", CsvDialect::excel_vi) == "66,7");
  CHECK(number_cell("-24.8", CsvDialect::excel_vi) == "-24,8");
  CHECK(number_cell("1200", CsvDialect::excel_vi) == "1200");
  CHECK(number_cell("", CsvDialect::excel_vi) == "");
}

TEST_CASE("append_tsv_cell escapes tab, newline, CR and backslash, and guards formulas")
{
  CHECK(tsv_cell("") == "");
  CHECK(tsv_cell("a,b \"c\"") == "a,b \"c\"");
  CHECK(tsv_cell("a\tb") == "a\\tb");
  CHECK(tsv_cell("a\nb") == "a\\nb");
  CHECK(tsv_cell("a\r\nb") == "a\\r\\nb");
  CHECK(tsv_cell("C:\\dir") == "C:\\\\dir");
  // The escape is reversible: a literal backslash-n differs from a newline.
  CHECK(tsv_cell("\\n") != tsv_cell("\n"));
  CHECK(tsv_cell("Bến Tre") == "Bến Tre");
  CHECK(tsv_cell("=1+1") == "'=1+1");
  CHECK(tsv_cell("\t=1+1") == "'\\t=1+1");
  CHECK(tsv_cell("-5", true) == "-5");
  CHECK(tsv_cell("-2+3", true) == "-2+3");
}

TEST_CASE("csv_dialect: rfc4180 or excel-vi, anything else refused with the closest")
{
  CHECK(phoihop::io::csv_dialect("rfc4180", "--csv-dialect") == CsvDialect::rfc4180);
  CHECK(phoihop::io::csv_dialect("excel-vi", "--csv-dialect") == CsvDialect::excel_vi);
  CHECK_THROWS_WITH_AS(phoihop::io::csv_dialect("excel_vi", "--csv-dialect"),
                       doctest::Contains("did you mean 'excel-vi'"), UsageError);
  const phoihop::io::CsvStyle vi{CsvDialect::excel_vi, false};
  CHECK(vi.separator() == ';');
  CHECK(vi.with_bom());
  const phoihop::io::CsvStyle plain{};
  CHECK(plain.separator() == ',');
  CHECK_FALSE(plain.with_bom());
}
