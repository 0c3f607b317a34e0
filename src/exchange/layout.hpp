#pragma once

#include <phoihop/store/catalogue.hpp>

#include <cstdint>
#include <vector>

// What export.cpp and import.cpp share about the document's layout
// (private to src/exchange/).
namespace phoihop::exchange::detail {

// The document version this build writes and reads; a new layout gets a new number.
inline constexpr std::int64_t k_document_version = 1;
inline constexpr const char* k_version_key = "phoihop_export";

// The tables written inside each record of `parent` (a task's updates).
inline std::vector<const store::TableSpec*> children_of(const store::TableSpec& parent)
{
  std::vector<const store::TableSpec*> out;
  for (const auto& spec : store::interchange_tables()) {
    if (spec.parent_table == parent.table) {
      out.push_back(&spec);
    }
  }
  return out;
}

} // namespace phoihop::exchange::detail
