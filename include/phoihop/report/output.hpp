#pragma once

#include <phoihop/core/date.hpp>
#include <phoihop/io/csv.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// The shape of everything `list` and `show` print, and the renderers for
// table, csv, tsv and json. Renderers see plain values, never the database.
namespace phoihop::report {

struct Field;
class Value;
using Array = std::vector<Value>;
using Object = std::vector<Field>;

// The members are defined below Field: clang (with libstdc++) instantiates
// them on the spot, and std::vector<Field> needs Field complete there.
class Value {
public:
  Value();
  Value(std::nullptr_t);
  Value(bool b);
  Value(int i);
  Value(long i);
  Value(long long i);
  Value(double d);
  Value(const char* s);
  Value(std::string s);
  Value(Array a);
  Value(Object o);
  Value(const Value&);
  Value(Value&&) noexcept;
  Value& operator=(const Value&);
  Value& operator=(Value&&) noexcept;
  ~Value();

  bool is_null() const { return std::holds_alternative<std::monostate>(m_v); }
  // An integer or a real: text() writes it in digits, a point and a leading minus.
  bool is_number() const
  {
    return std::holds_alternative<std::int64_t>(m_v) || std::holds_alternative<double>(m_v);
  }
  const Array* array() const { return std::get_if<Array>(&m_v); }
  const bool* boolean() const { return std::get_if<bool>(&m_v); }
  const std::string* string() const { return std::get_if<std::string>(&m_v); }
  // An integer or a real as a double; absent for anything else.
  std::optional<double> number() const
  {
    if (const auto* i = std::get_if<std::int64_t>(&m_v)) {
      return static_cast<double>(*i);
    }
    if (const auto* d = std::get_if<double>(&m_v)) {
      return *d;
    }
    return std::nullopt;
  }
  const Object* object() const { return std::get_if<Object>(&m_v); }
  // Scalars as text ("" for null); arrays of scalars joined with "; ";
  // records and arrays of records as compact JSON.
  std::string text() const;
  // Pretty-printed at `indent` spaces; compact on one line when indent < 0.
  void write_json(std::ostream& out, int indent) const;

private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> m_v;
};

struct Field {
  std::string key;
  Value value;
};

inline Value::Value() = default;
inline Value::Value(std::nullptr_t) {}
inline Value::Value(bool b) : m_v(b) {}
inline Value::Value(int i) : m_v(static_cast<std::int64_t>(i)) {}
inline Value::Value(long i) : m_v(static_cast<std::int64_t>(i)) {}
inline Value::Value(long long i) : m_v(static_cast<std::int64_t>(i)) {}
inline Value::Value(double d) : m_v(d) {}
inline Value::Value(const char* s) : m_v(std::string(s)) {}
inline Value::Value(std::string s) : m_v(std::move(s)) {}
inline Value::Value(Array a) : m_v(std::move(a)) {}
inline Value::Value(Object o) : m_v(std::move(o)) {}
inline Value::Value(const Value&) = default;
inline Value::Value(Value&&) noexcept = default;
inline Value& Value::operator=(const Value&) = default;
inline Value& Value::operator=(Value&&) noexcept = default;
inline Value::~Value() = default;

// An empty string or absent optional becomes null in JSON and an empty cell elsewhere.
Value text_or_null(const std::string& s);

// What a list column holds, where its values alone do not say it (a
// workbook's cell types): numbers, booleans and text are told by the value;
// a date is an ISO text and a percentage a whole number.
enum class ColumnKind { value, date, percent };

struct Column {
  std::string key;    // snake_case, the CSV header and JSON key
  std::string header; // the table heading
  bool in_table = true;
  ColumnKind kind = ColumnKind::value;
};

// Decoration of table output, for a terminal: bold headings, statuses in
// colour (overdue rows' status red), and the table fitted to `width` display
// columns (0: no limit). Never set when output is not for a person.
struct Style {
  bool color = false;
  int width = 0;
  // Not decoration: the day a workbook (xlsx) says it was made, phoihop's
  // "today", so the same list gives the same bytes.
  std::optional<core::Date> today{};
};

// A list: csv/tsv/table print `columns` (table only the in_table ones), JSON
// prints every field of each row as an array of objects. CSV is written in
// `csv`'s dialect, with its byte-order mark when it has one; CSV and TSV
// cells go through io::runs_as_formula()'s guard, but numbers never do.
void render_list(std::ostream& out, const std::string& format, const std::vector<Column>& columns,
                 const std::vector<Object>& rows, const Style& style = {}, const io::CsvStyle& csv = {});

// One record: JSON prints the object; csv/tsv a header and one row of its
// scalar fields; table a "key  value" block, with lists of objects as
// indented sub-tables.
void render_show(std::ostream& out, const std::string& format, const Object& record,
                 const Style& style = {}, const io::CsvStyle& csv = {});

// One record of CSV in `csv`'s dialect (CRLF) or, for `format` "tsv", TSV
// (LF): the cells `numbers` marks (a shorter vector: none past its end) are
// numbers phoihop wrote, the others text, guarded and quoted as io/csv.hpp says.
void write_delimited(std::ostream& out, std::string_view format, const std::vector<std::string>& cells,
                     const std::vector<bool>& numbers = {}, const io::CsvStyle& csv = {});

// The xlsx format of render_list and render_show (render_xlsx.cpp): a
// workbook of one sheet, the list's columns with typed cells, or the
// record's scalar fields as a two-column key/value sheet.
void render_list_xlsx(std::ostream& out, const std::vector<Column>& columns, const std::vector<Object>& rows,
                      const Style& style);
void render_show_xlsx(std::ostream& out, const Object& record, const Style& style);

} // namespace phoihop::report
