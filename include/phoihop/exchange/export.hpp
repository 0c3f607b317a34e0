#pragma once

#include <phoihop/io/document.hpp>
#include <phoihop/store/database.hpp>

#include <string>

// The document engine: records of the database as the tree of an interchange
// document (io::Node, written as TOML or JSON by io::write_document) and,
// in import.hpp, such a tree read back into a database. It knows the store's
// catalogue of records, never the command line.
namespace phoihop::exchange {

// The whole database, or, when `agreement_ref` (an id or a code) is given,
// that agreement with everything it brings and names (its tasks, the meetings
// about it, its awards, the organisations and agreements they refer to), so
// the document imports on its own: the tree `phoihop export` writes.
io::Node export_document(store::Database& db, const std::string& agreement_ref = {});

} // namespace phoihop::exchange
