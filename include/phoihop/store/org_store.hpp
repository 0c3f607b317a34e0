#pragma once

#include <phoihop/core/model.hpp>
#include <phoihop/store/database.hpp>

#include <string>
#include <vector>

namespace phoihop::store {

// What still points at a record, for "still referenced" errors.
struct Reference {
  std::string what; // "party of agreement #2 (BT-2018)"
};

// Organisations, their aliases and their dated successions.
class OrgStore {
public:
  explicit OrgStore(Database& db) : m_db(db) {}

  std::optional<core::Organisation> find(core::Id id);
  core::Organisation get(core::Id id); // NotFound when absent

  // Every organisation whose name, short name or alias folds like `text`;
  // exact names win over short names and aliases.
  std::vector<core::Organisation> match(const std::string& text);

  // An id ("12" or "#12"), a name, a short name or an alias. None → NotFound;
  // several → UsageError listing the candidates.
  core::Organisation resolve(const std::string& text);
  // As resolve(), but an unknown name creates the organisation (write access).
  core::Organisation resolve_or_create(const std::string& text, bool* created = nullptr);

  core::Id insert(core::Organisation& org);
  void update(const core::Organisation& org);
  std::vector<core::Organisation> list(const std::string& search = {});

  std::vector<std::string> aliases(core::Id id);
  // Adds an alias; false when the organisation already answers to it.
  bool add_alias(core::Id id, const std::string& name);
  // The new name becomes the name; the old one stays as an alias.
  // Renames it; the old name stays as an alias. With `from`, the rename is
  // a dated fact: the old name is kept as its name until the day before, so
  // a report about an earlier day names it as it was named then. Without,
  // the old name was never right (a typo) and is not kept as a former name.
  void rename(core::Id id, const std::string& name, const std::optional<core::Date>& from = std::nullopt);
  // Its former names, each with the last day it was the name, oldest first.
  std::vector<std::pair<std::string, core::Date>> former_names(core::Id id);
  // Its name on `day`: the former name in force then, else the name.
  std::string name_on(core::Id id, const core::Date& day);

  void add_succession(const core::Succession& s);
  std::vector<core::Succession> successors(core::Id id);
  std::vector<core::Succession> predecessors(core::Id id);
  std::vector<core::Organisation> children(core::Id id);

  // `from` and `into` are the same body: every reference moves to `into`,
  // `from`'s names become aliases of `into`, and `from` is deleted.
  void merge(core::Id from, core::Id into);

private:
  core::Organisation resolve_uncached(const std::string& text);
  Database& m_db;
};

// "#3 Tỉnh đoàn Bến Tre"
std::string describe(const core::Organisation& org);

} // namespace phoihop::store
