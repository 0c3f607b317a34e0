#include <phoihop/core/json.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using phoihop::core::json_quoted;
using phoihop::core::JsonArray;
using phoihop::core::JsonObject;

TEST_CASE("json_quoted escapes quotes, backslash and every control character")
{
  CHECK(json_quoted("") == "\"\"");
  CHECK(json_quoted("say \"hi\"") == "\"say \\\"hi\\\"\"");
  CHECK(json_quoted("a\\b") == "\"a\\\\b\"");
  CHECK(json_quoted("\n\r\t\b\f") == "\"\\n\\r\\t\\b\\f\"");
  CHECK(json_quoted(std::string("\x01", 1)) == "\"\\u0001\"");
  CHECK(json_quoted("\x1f") == "\"\\u001f\"");
  CHECK(json_quoted("\x1b[1m") == "\"\\u001b[1m\"");
  CHECK(json_quoted("\x7f") == "\"\\u007f\"");
  CHECK(json_quoted(std::string("a\0b", 3)) == "\"a\\u0000b\"");
  // Non-ASCII UTF-8 passes through unescaped, as does '/'.
  CHECK(json_quoted("Tỉnh đoàn Bến Tre") == "\"Tỉnh đoàn Bến Tre\"");
  CHECK(json_quoted("中文 \xF0\x9F\x98\x80") == "\"中文 \xF0\x9F\x98\x80\"");
  CHECK(json_quoted("05/QCPH") == "\"05/QCPH\"");
}

TEST_CASE("JsonObject and JsonArray: one member a line, two spaces a level; {} and [] when empty")
{
  std::ostringstream out;
  JsonObject object(out, 0);
  object.key("a");
  out << 1;
  object.key("list");
  JsonArray list(out, object.inner());
  list.item();
  out << json_quoted("x");
  list.item();
  JsonObject none(out, list.inner());
  none.close();
  list.close();
  object.key("empty");
  JsonArray empty(out, object.inner());
  empty.close();
  object.close();
  CHECK(out.str() == "{\n  \"a\": 1,\n  \"list\": [\n    \"x\",\n    {}\n  ],\n  \"empty\": []\n}");
}

TEST_CASE("JsonObject and JsonArray: compact below indent 0")
{
  std::ostringstream out;
  JsonArray array(out, -1);
  array.item();
  JsonObject object(out, array.inner());
  object.key("k\"");
  out << "null";
  object.key("n");
  out << 2;
  object.close();
  array.item();
  out << "true";
  array.close();
  CHECK(out.str() == "[{\"k\\\"\":null,\"n\":2},true]");
}
