// io::parse_document and write_document (the TOML and JSON of import and
// export) on any bytes: a parsed tree, written out, reads back and writes
// the same bytes again ("equal trees give byte-identical files"); a JSON
// tree holding what a database can hold also writes as TOML that reads back.
#include "fuzz.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/document.hpp>

#include <cmath>

using phoihop::io::Node;
using phoihop::fuzz::require;

namespace {

Node reparse(const std::string& text, std::string_view format, std::string_view what)
{
  try {
    return phoihop::io::parse_document(text, format, "written");
  } catch (const phoihop::UsageError& e) {
    require(false, what, std::string(e.what()) + "\n" + text);
  }
  return {};
}

// What export can put in a tree: text is valid UTF-8 (stored text is NFC'd),
// numbers are finite, and arrays hold no nulls (a missing value is a missing key).
bool exportable(const Node& n)
{
  switch (n.type) {
  case Node::Type::string: return phoihop::core::is_valid_utf8(n.text);
  case Node::Type::real: return std::isfinite(n.real);
  case Node::Type::array:
    for (const auto& item : n.items) {
      if (item.type == Node::Type::null || !exportable(item)) {
        return false;
      }
    }
    return true;
  case Node::Type::table:
    for (const auto& [key, value] : n.fields) {
      if (!phoihop::core::is_valid_utf8(key) || !exportable(value)) {
        return false;
      }
    }
    return true;
  default: return true;
  }
}

void check_round_trip(const Node& root, std::string_view format)
{
  const std::string first = phoihop::io::write_document(root, format);
  const Node again = reparse(first, format, "a written document reads back");
  const std::string second = phoihop::io::write_document(again, format);
  require(first == second, "a document read back writes the same bytes", first + "\n---\n" + second);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const std::string_view text = phoihop::fuzz::as_text(data, size);
  for (std::string_view format : {"toml", "json"}) {
    Node root;
    try {
      root = phoihop::io::parse_document(text, format, "fuzz");
    } catch (const phoihop::UsageError&) {
      continue;
    }
    require(root.type == Node::Type::table, "a document is a table");
    check_round_trip(root, format);
    if (exportable(root)) {
      const std::string_view other = format == "json" ? "toml" : "json";
      const Node converted = reparse(phoihop::io::write_document(root, other), other,
                                     "a document converts to the other format");
      check_round_trip(converted, other);
    }
  }
  return 0;
}
