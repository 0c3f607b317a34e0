#include <phoihop/core/error.hpp>
#include <phoihop/core/uid.hpp>
#include <phoihop/exchange/export.hpp>
#include <phoihop/exchange/import.hpp>
#include <phoihop/io/document.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/org_store.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <string>

using phoihop::UsageError;
using phoihop::exchange::export_document;
using phoihop::exchange::ImportSettings;
using phoihop::exchange::import_document;
using phoihop::exchange::merge_document;
using phoihop::exchange::MergePolicy;
using phoihop::io::parse_document;
using phoihop::io::write_document;
using phoihop::store::Access;
using phoihop::store::Database;
using phoihop::store::OpenOptions;
using phoihop::test::TempDir;

namespace {

OpenOptions write_options(const std::string& path)
{
  OpenOptions out;
  out.path = path;
  out.access = Access::write;
  return out;
}

// A fresh database in one open write transaction, never committed. Each in
// a directory of its own: a database being created locks its directory.
struct Fresh {
  TempDir dir;
  Database db{write_options(dir.file("test.db"))};
};

const ImportSettings k_settings{phoihop::core::Date{2026, 11, 26}, nullptr};

const char* k_hand_written = R"(phoihop_export = 1

[[organisations]]
name = "Tỉnh đoàn Bến Tre"
short_name = "TĐBT"

[[organisations]]
name = "Sở Giáo dục và Đào tạo"
)";

std::string error_of(Database& db, const std::string& text)
{
  try {
    import_document(db, parse_document(text, "toml", "doc.toml"), "doc.toml", k_settings);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "(no error)";
}

} // namespace

TEST_CASE("import_document: a hand-written document, then again: nothing changes")
{
  Fresh fresh;
  Database& db = fresh.db;
  auto root = parse_document(k_hand_written, "toml", "doc.toml");
  auto first = import_document(db, root, "doc.toml", k_settings);
  CHECK(first.inserted == 2);
  CHECK(first.updated == 0);
  CHECK(first.unchanged == 0);
  // Records without uid are found again by their natural key (the name).
  auto second = import_document(db, root, "doc.toml", k_settings);
  CHECK(second.inserted == 0);
  CHECK(second.updated == 0);
  CHECK(second.unchanged == 2);
}

TEST_CASE("export_document → import_document → export_document is the same document")
{
  Fresh one;
  Database& a = one.db;
  import_document(a, parse_document(k_hand_written, "toml", "doc.toml"), "doc.toml", k_settings);
  std::string exported = write_document(export_document(a), "toml");
  CHECK(exported.rfind("phoihop_export = 1\n", 0) == 0);

  Fresh other;
  Database& b = other.db;
  auto counts = import_document(b, parse_document(exported, "toml", "a.toml"), "a.toml", k_settings);
  CHECK(counts.inserted == 2);
  CHECK(write_document(export_document(b), "toml") == exported);
}

TEST_CASE("import_document: errors name the document and the line")
{
  Fresh fresh;
  Database& db = fresh.db;
  CHECK(error_of(db, "[[organisations]]\nname = \"X\"\n") ==
        "doc.toml:1: not a phoihop export: the key phoihop_export = 1 is missing");
  CHECK(error_of(db, "phoihop_export = 2\n") ==
        "doc.toml:1: unknown document version 2 (this phoihop reads version 1)");
  CHECK(error_of(db, "phoihop_export = 1\n\n[[organisations]]\nname = \"X\"\ncolour = \"red\"\n")
          .rfind("doc.toml:5: unknown key 'colour' in organisations (known: uid, name, ", 0) == 0);
  CHECK(error_of(db, "phoihop_export = 1\n\n[[organisations]]\nname = \"a\\u0007b\"\n") ==
        "doc.toml:4: control character in name: 'a\\x07b'");
}

TEST_CASE("merge_document: a differing field is a conflict, or settled as the policy says")
{
  std::string uid = phoihop::core::new_uid();
  auto document = [&](const std::string& name) {
    return parse_document("phoihop_export = 1\n\n[[organisations]]\nuid = \"" + uid + "\"\nname = \"" + name + "\"\n",
                          "toml", "doc.toml");
  };
  Fresh their_file;
  Database& theirs = their_file.db;
  import_document(theirs, document("Huyện đoàn Châu Thành"), "doc.toml", k_settings);
  Fresh our_file;
  Database& ours = our_file.db;
  import_document(ours, document("Huyện đoàn Chợ Lách"), "doc.toml", k_settings);

  auto tree = export_document(theirs);
  auto report = merge_document(ours, tree, "theirs.db", MergePolicy::report, k_settings);
  REQUIRE(report.conflicts.size() == 1);
  CHECK(report.conflicts[0] == "organisation " + uid +
                                 " (Huyện đoàn Chợ Lách): name: ours 'Huyện đoàn Chợ Lách' vs theirs "
                                 "'Huyện đoàn Châu Thành'");
  CHECK(report.added == 0);

  auto kept = merge_document(ours, tree, "theirs.db", MergePolicy::ours, k_settings);
  CHECK(kept.settled == 1);
  CHECK(phoihop::store::OrgStore(ours).match("Huyện đoàn Chợ Lách").size() == 1);

  auto taken = merge_document(ours, tree, "theirs.db", MergePolicy::theirs, k_settings);
  CHECK(taken.settled == 1);
  CHECK(phoihop::store::OrgStore(ours).match("Huyện đoàn Châu Thành").size() == 1);
  CHECK(phoihop::store::OrgStore(ours).match("Huyện đoàn Chợ Lách").empty());
}
