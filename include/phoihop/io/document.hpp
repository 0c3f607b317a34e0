#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The plain tree of an interchange document (phoihop-export(1),
// phoihop-import(1)), read from and written to TOML or JSON. It knows nothing
// of records: src/exchange/ gives the tree its meaning.
namespace phoihop::io {

struct Node {
  enum class Type { null, boolean, integer, real, string, array, table };
  Type type = Type::null;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0;
  std::string text; // strings; TOML dates are read as their ISO text
  std::vector<Node> items;
  std::vector<std::pair<std::string, Node>> fields; // in the order written
  int line = 0; // where the value starts in the file (1-based; 0 when built)

  // Defaulted below the class: clang (with libstdc++) refuses implicit ones,
  // which it instantiates for std::pair<std::string, Node> while Node is incomplete.
  Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;
  ~Node();

  // The field `key` of a table, or nullptr.
  const Node* find(std::string_view key) const;
  // Appends a field to a table (the order of writing is the order of output).
  Node& add(std::string key, Node value);

  static Node of_text(std::string s);
  static Node of_integer(std::int64_t i);
  static Node of_real(double d);
  static Node table();
  static Node array();
};

inline Node::Node() = default;
inline Node::Node(const Node&) = default;
inline Node::Node(Node&&) noexcept = default;
inline Node& Node::operator=(const Node&) = default;
inline Node& Node::operator=(Node&&) noexcept = default;
inline Node::~Node() = default;

// "string", "integer", … for messages.
std::string_view type_name(Node::Type type);

// What a document may be (import.max_size, import.max_depth in
// phoihop.toml(5)). The size is checked as the file is read (read_input);
// the depth counts nested arrays and tables, the document itself being 1.
struct DocumentLimits {
  std::size_t max_size = std::size_t{256} << 20;
  int max_depth = 32;
};

// Parses `text` as "toml" or "json" into a table. Syntax errors throw
// UsageError "NAME:LINE: …", naming `name` (the file as the user gave it).
// Before parsing, a scan refuses a document nested deeper than the limit or
// holding more values than its size warrants (more than one per 8 bytes
// beyond the first 65,536), so the tree stays in proportion to the text.
Node parse_document(std::string_view text, std::string_view format, const std::string& name,
                    const DocumentLimits& limits = {});

// Writes a table as "toml" or "json" (pretty, two spaces). Null fields are
// left out; the output is a function of the tree alone, so equal trees give
// byte-identical files.
std::string write_document(const Node& root, std::string_view format);

} // namespace phoihop::io
