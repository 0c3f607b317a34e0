#include <phoihop/io/document.hpp>

#include <phoihop/core/error.hpp>

#include <doctest/doctest.h>

using phoihop::io::Node;
using phoihop::io::parse_document;
using phoihop::io::write_document;

namespace {

std::string error_of(std::string_view text, std::string_view format)
{
  try {
    parse_document(text, format, "f");
  } catch (const phoihop::UsageError& e) {
    return e.what();
  }
  return "no error";
}

Node sample()
{
  Node root = Node::table();
  root.add("phoihop_export", Node::of_integer(1));
  Node list = Node::array();
  Node record = Node::table();
  record.add("uid", Node::of_text("a"));
  record.add("title", Node::of_text("Tuyên truyền \"giáo dục\"\nthế hệ trẻ\t\x01"));
  record.add("target", Node::of_real(100));
  record.add("ratio", Node::of_real(0.1));
  record.add("note", Node{});
  Node tags = Node::array();
  tags.items.push_back(Node::of_text("x"));
  record.add("tags", std::move(tags));
  Node children = Node::array();
  Node child = Node::table();
  child.add("seq", Node::of_integer(2));
  children.items.push_back(std::move(child));
  record.add("updates", std::move(children));
  list.items.push_back(std::move(record));
  root.add("tasks", std::move(list));
  return root;
}

} // namespace

TEST_CASE("documents round-trip through TOML and JSON byte for byte")
{
  for (const char* format : {"toml", "json"}) {
    std::string once = write_document(sample(), format);
    Node back = parse_document(once, format, "f");
    CHECK(back.find("phoihop_export")->integer == 1);
    const Node& task = back.find("tasks")->items.at(0);
    CHECK(task.find("title")->text == "Tuyên truyền \"giáo dục\"\nthế hệ trẻ\t\x01");
    CHECK(task.find("target")->type == Node::Type::real);
    CHECK(task.find("target")->real == 100.0);
    CHECK(task.find("ratio")->real == 0.1);
    CHECK(task.find("note") == nullptr);
    CHECK(task.find("updates")->items.at(0).find("seq")->integer == 2);
    if (std::string(format) == "json") {
      CHECK(write_document(back, format) == once);
    }
  }
}

TEST_CASE("TOML is written as a person would: scalars, then [[parent.child]] blocks")
{
  std::string text = write_document(sample(), "toml");
  CHECK(text.rfind("phoihop_export = 1\n\n[[tasks]]\nuid = \"a\"\n", 0) == 0);
  CHECK(text.find("target = 100.0\n") != std::string::npos);
  CHECK(text.find("tags = [\"x\"]\n") != std::string::npos);
  CHECK(text.find("\n[[tasks.updates]]\nseq = 2\n") != std::string::npos);
}

TEST_CASE("TOML dates read as ISO text and lines are remembered")
{
  Node root = parse_document("phoihop_export = 1\n\n[[tasks]]\ndue = 2026-12-31\n", "toml", "f");
  const Node& due = *root.find("tasks")->items.at(0).find("due");
  CHECK(due.text == "2026-12-31");
  CHECK(due.line == 4);
  CHECK(error_of("a = \n", "toml").rfind("f:1: invalid TOML", 0) == 0);
  CHECK(error_of("a = 1\nb = 08:00:00\n", "toml").rfind("f:2:", 0) == 0);
}

TEST_CASE("JSON reading is strict and names the line")
{
  Node root = parse_document("{\n  \"a\": [1, -2.5e1, true, null],\n  \"b\": \"\\u1ec7\\ud83d\\ude00\"\n}", "json", "f");
  CHECK(root.find("a")->items.at(1).real == -25.0);
  CHECK(root.find("a")->items.at(3).type == Node::Type::null);
  CHECK(root.find("b")->text == "\xe1\xbb\x87\xf0\x9f\x98\x80");
  CHECK(root.find("b")->line == 3);
  CHECK(error_of("{\n\"a\": 1,\n}", "json").rfind("f:3: invalid JSON", 0) == 0);
  CHECK(error_of("{\"a\": 1, \"a\": 2}", "json").find("duplicate key") != std::string::npos);
  CHECK(error_of("{\"a\": 01}", "json") != "no error");
  CHECK(error_of("{\"a\": \"x\ny\"}", "json").find("unterminated") != std::string::npos);
  CHECK(error_of("{} x", "json").find("after the document") != std::string::npos);
  CHECK(error_of("[1]", "json").find("must be a JSON object") != std::string::npos);
  CHECK(error_of("{\"a\": \"\\ud800\"}", "json").find("surrogate") != std::string::npos);
  CHECK(error_of(std::string(500, '['), "json").find("nested deeper than import.max_depth") != std::string::npos);
}

TEST_CASE("parse_document: nesting is limited, the document itself being one level")
{
  phoihop::io::DocumentLimits limits;
  limits.max_depth = 4;
  const auto error_with = [&](std::string_view text, std::string_view format) {
    try {
      parse_document(text, format, "f", limits);
    } catch (const phoihop::UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string too_deep = "f:2: nested deeper than import.max_depth allows (4 levels)";
  // JSON: four containers pass, a fifth is refused with its line.
  CHECK(error_with("{\"a\": [[{}]]}", "json") == "no error");
  CHECK(error_with("{\"a\":\n [[[{}]]]}", "json") == too_deep);
  // TOML: inline arrays and tables, dotted keys and headers all nest.
  CHECK(error_with("a = [[{}]]\n", "toml") == "no error");
  CHECK(error_with("x = 1\na = [[[{}]]]\n", "toml") == too_deep);
  CHECK(error_with("a.b.c = 1\n", "toml") == "no error");
  CHECK(error_with("\na.b.c.d.e = 1\n", "toml") == too_deep);
  CHECK(error_with("[a.b.c]\nx = 1\n", "toml") == "no error");
  CHECK(error_with("\n[a.b.c.d]\n", "toml") == too_deep);
  CHECK(error_with("[[a.b]]\nx = 1\n", "toml") == "no error");
  CHECK(error_with("\n[[a.b.c]]\n", "toml") == too_deep);
  // A header's depth counts from the document, not from the header before it.
  CHECK(error_with("[a.b.c]\n[x.y]\nz.w = 1\n", "toml") == "no error");
  // Brackets in strings and comments are text.
  CHECK(error_with("a = \"[[[[[[\" # [[[[[[\n", "toml") == "no error");
  CHECK(error_with("{\"a\": \"[[[[[[\\\"[[[[\"}", "json") == "no error");
}

TEST_CASE("parse_document: a document holding many values for its size is refused before it is parsed")
{
  // 200,000 empty arrays in 600 kB: past the free 65,536 values and one per 8 bytes.
  std::string items;
  for (int i = 0; i < 200000; ++i) {
    items += i == 0 ? "[]" : ",[]";
  }
  CHECK(error_of("{\"task\": [" + items + "]}", "json").find("f:1: too many values for a document of its size") == 0);
  CHECK(error_of("a = [" + items + "]\n", "toml").find("f:1: too many values for a document of its size") == 0);
  // As many values, each with room around it, as an export has: read.
  std::string spaced;
  for (int i = 0; i < 200000; ++i) {
    spaced += i == 0 ? "[]" : ",       []";
  }
  CHECK(error_of("{\"task\": [" + spaced + "]}", "json") == "no error");
  CHECK(error_of("a = [" + spaced + "]\n", "toml") == "no error");
}
