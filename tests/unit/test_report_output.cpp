#include <phoihop/core/text.hpp>
#include <phoihop/report/output.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using phoihop::report::Array;
using phoihop::report::Column;
using phoihop::report::Object;
using phoihop::report::render_list;
using phoihop::report::render_show;
using phoihop::report::Style;
using phoihop::report::text_or_null;
using phoihop::report::Value;

namespace {

// "Bến Tre" precomposed and decomposed: both occupy 7 terminal columns.
const std::string k_ben_tre_nfc = "Bến Tre";
const std::string k_ben_tre_nfd = "Be\u0302\u0301n Tre";

std::string list_text(const std::string& format, const std::vector<Column>& columns,
                      const std::vector<Object>& rows, const Style& style = {})
{
  std::ostringstream out;
  render_list(out, format, columns, rows, style);
  return out.str();
}

std::string show_text(const std::string& format, const Object& record, const Style& style = {})
{
  std::ostringstream out;
  render_show(out, format, record, style);
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

bool has_trailing_space(const std::string& text)
{
  for (const auto& line : lines_of(text)) {
    if (!line.empty() && line.back() == ' ') {
      return true;
    }
  }
  return false;
}

const std::vector<Column> k_columns = {
  {"id", "ID"},
  {"name", "NAME"},
  {"note", "NOTE", false},
};

} // namespace

TEST_CASE("render_list csv: header of keys, every column, CRLF line ends, quoted cells")
{
  std::vector<Object> rows = {
    {{"id", 1}, {"name", "Bến Tre, tỉnh"}, {"note", "say \"hi\"\nok"}},
    {{"id", 2}, {"name", "Plain"}, {"note", "a\r\nb"}},
    {{"id", 3}, {"name", Value()}}, // null and absent fields are empty cells
  };
  CHECK(list_text("csv", k_columns, rows) ==
        "id,name,note\r\n"
        "1,\"Bến Tre, tỉnh\",\"say \"\"hi\"\"\nok\"\r\n"
        "2,Plain,\"a\r\nb\"\r\n"
        "3,,\r\n");
}

TEST_CASE("render_list csv quotes a header that needs it")
{
  std::vector<Column> columns = {{"a,b", "A"}, {"plain", "P"}};
  CHECK(list_text("csv", columns, {}) == "\"a,b\",plain\r\n");
}

TEST_CASE("render_list tsv: escaped cells, LF line ends")
{
  std::vector<Object> rows = {
    {{"id", 1}, {"name", "a\tb"}, {"note", "line\nnext \\ done"}},
  };
  CHECK(list_text("tsv", k_columns, rows) ==
        "id\tname\tnote\n"
        "1\ta\\tb\tline\\nnext \\\\ done\n");
}

TEST_CASE("render_list json: every field, exact text")
{
  std::vector<Object> rows = {
    {{"id", 1},
     {"name", "Bến \"Tre\""},
     {"note", Value()},
     {"ok", true},
     {"ratio", 0.5},
     {"tags", Array{"a", "b"}},
     {"empty", Array{}},
     {"nothing", Object{}},
     {"parent", Object{{"id", 2}, {"name", "x"}}}},
  };
  CHECK(list_text("json", k_columns, rows) == R"([
  {
    "id": 1,
    "name": "Bến \"Tre\"",
    "note": null,
    "ok": true,
    "ratio": 0.5,
    "tags": [
      "a",
      "b"
    ],
    "empty": [],
    "nothing": {},
    "parent": {
      "id": 2,
      "name": "x"
    }
  }
]
)");
  CHECK(list_text("json", k_columns, {}) == "[]\n");
}

TEST_CASE("render_list table: in_table columns, aligned on display width, no trailing spaces")
{
  std::vector<Column> columns = {{"place", "Tỉnh"}, {"note", "Ghi chú"}, {"hidden", "H", false}};
  std::vector<Object> rows = {
    {{"place", k_ben_tre_nfc}, {"note", "a"}, {"hidden", "never shown"}},
    {{"place", "Huế"}, {"note", "b"}},
    {{"place", k_ben_tre_nfd}, {"note", Value()}},
  };
  std::string text = list_text("table", columns, rows);
  // "Bến Tre" is 7 columns wide (not its 9 bytes), so the widest first cell is 7.
  CHECK(text == "Tỉnh     Ghi chú\n"
                "Bến Tre  a\n"
                "Huế      b\n" +
                  k_ben_tre_nfd + "\n");
  CHECK(text.find("never shown") == std::string::npos);
  CHECK_FALSE(has_trailing_space(text));
  // Every second column starts at the same display column.
  for (const auto& line : lines_of(text)) {
    if (line.find('a') != std::string::npos || line.find('b') != std::string::npos) {
      auto cut = line.rfind("  ");
      CAPTURE(line);
      CHECK(phoihop::core::display_width(line.substr(0, cut + 2)) == 9);
    }
  }
}

TEST_CASE("render_list table: a header wider than the cells sets the width")
{
  std::vector<Column> columns = {{"id", "IDENTIFIER"}, {"name", "NAME"}};
  std::vector<Object> rows = {{{"id", 7}, {"name", "x"}}};
  CHECK(list_text("table", columns, rows) == "IDENTIFIER  NAME\n"
                                             "7           x\n");
}

TEST_CASE("render_list table replaces control characters in cells")
{
  std::vector<Column> columns = {{"name", "NAME"}, {"note", "NOTE"}};
  std::vector<Object> rows = {{{"name", "a\tb\nc"}, {"note", "x\x1b[31my\x7f"}}};
  std::string text = list_text("table", columns, rows);
  CHECK(text == "NAME   NOTE\n"
                "a b c  x [31my\n");
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(lines_of(text).size() == 2);
}

TEST_CASE("render_list: colour escapes only in table headings and only with Style{true}")
{
  std::vector<Column> columns = {{"name", "NAME"}};
  std::vector<Object> rows = {{{"name", "x"}}};
  CHECK(list_text("table", columns, rows, Style{true}) == "\x1b[1mNAME\x1b[0m\nx\n");
  CHECK(list_text("table", columns, rows, Style{false}) == "NAME\nx\n");
  for (const std::string format : {"csv", "tsv", "json"}) {
    CAPTURE(format);
    CHECK(list_text(format, columns, rows, Style{true}).find('\x1b') == std::string::npos);
  }
}

TEST_CASE("render_show json prints the record with nested arrays of objects")
{
  Object record = {
    {"id", 3},
    {"code", text_or_null("")},
    {"parties", Array{Object{{"org", "A"}, {"signer", Value()}}, Object{{"org", "B"}, {"signer", "C"}}}},
  };
  CHECK(show_text("json", record) == R"({
  "id": 3,
  "code": null,
  "parties": [
    {
      "org": "A",
      "signer": null
    },
    {
      "org": "B",
      "signer": "C"
    }
  ]
}
)");
}

TEST_CASE("render_show csv and tsv: a header and one row of text values")
{
  Object record = {{"id", 3}, {"name", "a,b"}, {"aliases", Array{"x", "y"}}, {"note", Value()}};
  CHECK(show_text("csv", record) == "id,name,aliases,note\r\n3,\"a,b\",x; y,\r\n");
  CHECK(show_text("tsv", record) == "id\tname\taliases\tnote\n3\ta,b\tx; y\t\n");
}

TEST_CASE("render_show table: aligned scalars, nulls and empty lists left out, sub-tables indented")
{
  Object record = {
    {"id", 3},
    {"title", "Quy chế"},
    {"note", Value()},
    {"tags", Array{}},
    {"aliases", Array{"A", "B"}},
    {"parties", Array{Object{{"org", "Tỉnh đoàn"}, {"signer", "Nguyễn Văn A"}},
                      Object{{"org", "UBND"}, {"signer", Value()}}}},
  };
  std::string text = show_text("table", record);
  CHECK(text == "id       3\n"
                "title    Quy chế\n"
                "aliases  A; B\n"
                "\n"
                "parties:\n"
                "  org        signer\n"
                "  Tỉnh đoàn  Nguyễn Văn A\n"
                "  UBND\n");
  CHECK_FALSE(has_trailing_space(text));
}

TEST_CASE("render_show table replaces control characters and colours keys only with Style{true}")
{
  Object record = {{"name", "a\nb"}, {"parties", Array{Object{{"org", "x\ty"}}}}};
  CHECK(show_text("table", record) == "name  a b\n\nparties:\n  org\n  x y\n");
  std::string coloured = show_text("table", record, Style{true});
  CHECK(coloured == "\x1b[1mname\x1b[0m  a b\n\nparties:\n  \x1b[1morg\x1b[0m\n  x y\n");
}
