#include <phoihop/core/error.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/org_store.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

using phoihop::Conflict;
using phoihop::NotFound;
using phoihop::UsageError;
using phoihop::core::Agreement;
using phoihop::core::Date;
using phoihop::core::Id;
using phoihop::core::Organisation;
using phoihop::core::Party;
using phoihop::core::Succession;
using phoihop::store::Access;
using phoihop::store::AgreementStore;
using phoihop::store::Database;
using phoihop::store::OpenOptions;
using phoihop::store::OrgStore;

namespace {

using phoihop::test::TempDir;

OpenOptions write_options(const std::string& path)
{
  OpenOptions out;
  out.path = path;
  out.access = Access::write;
  return out;
}

// One open write transaction on a fresh database; never committed.
struct Fixture {
  TempDir dir;
  Database db{write_options(dir.file("test.db"))};
  OrgStore orgs{db};
  AgreementStore agreements{db};

  Id add(const std::string& name, const std::string& short_name = {})
  {
    Organisation org;
    org.name = name;
    org.short_name = short_name;
    return orgs.insert(org);
  }

  Id add_agreement(const std::string& title, const std::vector<Id>& party_ids)
  {
    Agreement a;
    a.title = title;
    a.start = Date{2018, 1, 1};
    a.end = Date{2022, 12, 31};
    for (Id id : party_ids) {
      Party party;
      party.org_id = id;
      a.parties.push_back(party);
    }
    return agreements.insert(a);
  }
};

std::vector<Id> ids_of(const std::vector<Organisation>& orgs)
{
  std::vector<Id> out;
  for (const auto& org : orgs) {
    out.push_back(org.id);
  }
  return out;
}

std::vector<std::string> names_of(const std::vector<Organisation>& orgs)
{
  std::vector<std::string> out;
  for (const auto& org : orgs) {
    out.push_back(org.name);
  }
  return out;
}

std::string usage_message(OrgStore& orgs, const std::string& text)
{
  try {
    orgs.resolve(text);
  } catch (const UsageError& e) {
    return e.what();
  }
  return {};
}

} // namespace

TEST_CASE_FIXTURE(Fixture, "insert, get and find round-trip every field")
{
  auto parent = add("Trung ương Đoàn");
  Organisation org;
  org.name = "Tỉnh đoàn Bến Tre";
  org.short_name = "TĐ BT";
  org.kind = "youth_union";
  org.parent_id = parent;
  org.valid_from = Date{1976, 3, 26};
  org.valid_to = Date{2030, 12, 31};
  org.note = "ghi chú";
  Id id = orgs.insert(org);
  CHECK(id > 0);
  CHECK(org.id == id);
  CHECK_FALSE(org.uid.empty());

  auto got = orgs.get(id);
  CHECK(got.id == id);
  CHECK(got.uid == org.uid);
  CHECK(got.name == "Tỉnh đoàn Bến Tre");
  CHECK(got.short_name == "TĐ BT");
  CHECK(got.kind == "youth_union");
  CHECK(got.parent_id == parent);
  CHECK(got.valid_from == Date{1976, 3, 26});
  CHECK(got.valid_to == Date{2030, 12, 31});
  CHECK(got.note == "ghi chú");

  // Empty optional fields come back empty, not as "".
  auto bare = orgs.get(parent);
  CHECK(bare.short_name.empty());
  CHECK(bare.kind.empty());
  CHECK_FALSE(bare.parent_id.has_value());
  CHECK_FALSE(bare.valid_from.has_value());

  REQUIRE(orgs.find(id).has_value());
  CHECK(orgs.find(id)->name == "Tỉnh đoàn Bến Tre");
  CHECK_FALSE(orgs.find(9999).has_value());
  CHECK_THROWS_WITH_AS(orgs.get(9999), "no organisation with id 9999", NotFound);
}

TEST_CASE_FIXTURE(Fixture, "insert keeps a given uid and makes distinct ones otherwise")
{
  Organisation org;
  org.name = "Sở Nội vụ";
  org.uid = "0190a3c4-0000-7000-8000-000000000001";
  orgs.insert(org);
  CHECK(orgs.get(org.id).uid == "0190a3c4-0000-7000-8000-000000000001");
  Organisation a;
  a.name = "A";
  Organisation b;
  b.name = "B";
  orgs.insert(a);
  orgs.insert(b);
  CHECK(a.uid != b.uid);
}

TEST_CASE_FIXTURE(Fixture, "match finds by folded name, short name and alias")
{
  Id tinh_doan = add("Tỉnh đoàn Bến Tre", "TĐ BT");
  add("Sở Giáo dục và Đào tạo");
  REQUIRE(orgs.add_alias(tinh_doan, "Đoàn TNCS Hồ Chí Minh tỉnh"));

  for (const std::string text :
       {"Tỉnh đoàn Bến Tre", "tinh doan ben tre", "  TỈNH   ĐOÀN BẾN TRE ",
        "Ti\u0309nh \u0111oa\u0300n Be\u0302\u0301n Tre" /* NFD */, "td bt", "TĐ BT",
        "doan tncs ho chi minh tinh", "ĐOÀN TNCS HỒ CHÍ MINH TỈNH"}) {
    CAPTURE(text);
    CHECK(ids_of(orgs.match(text)) == std::vector<Id>{tinh_doan});
  }
  CHECK(orgs.match("Tỉnh đoàn").empty()); // whole names only, not substrings
  CHECK(orgs.match("nowhere").empty());
}

TEST_CASE_FIXTURE(Fixture, "match: an exact name wins over other bodies' aliases and short names")
{
  Id department = add("Sở Giáo dục và Đào tạo", "GD");
  REQUIRE(orgs.add_alias(department, "Sở Giáo dục"));
  // Created after the alias, so add_alias could not refuse it.
  Id named = add("Sở Giáo dục");
  Id gd = add("GD");

  CHECK(ids_of(orgs.match("so giao duc")) == std::vector<Id>{named});
  CHECK(ids_of(orgs.match("gd")) == std::vector<Id>{gd});
  CHECK(orgs.resolve("Sở Giáo dục").id == named);
}

TEST_CASE_FIXTURE(Fixture, "resolve by id, with or without #")
{
  add("Một");
  add("Hai");
  Id three = add("Ba");
  CHECK(orgs.resolve("3").id == three);
  CHECK(orgs.resolve("#3").id == three);
  CHECK(orgs.resolve("#3").name == "Ba");
  CHECK_THROWS_WITH_AS(orgs.resolve("#99"), "no organisation with id 99", NotFound);
  CHECK_THROWS_AS(orgs.resolve("99"), NotFound);
}

TEST_CASE_FIXTURE(Fixture, "resolve: an unknown name is NotFound naming it")
{
  add("Tỉnh đoàn Bến Tre");
  CHECK_THROWS_WITH_AS(orgs.resolve("Tỉnh đoàn Vĩnh Long"), "no organisation named 'Tỉnh đoàn Vĩnh Long'",
                       NotFound);
  CHECK_THROWS_AS(orgs.resolve("#"), NotFound);
}

TEST_CASE_FIXTURE(Fixture, "resolve: an ambiguous name is a UsageError listing the candidates")
{
  Id first = add("Ủy ban nhân dân tỉnh Bến Tre", "UBND");
  Id second = add("Ủy ban nhân dân huyện Ba Tri", "UBND");
  add("Sở Tài chính");
  CHECK_THROWS_AS(orgs.resolve("ubnd"), UsageError);
  std::string message = usage_message(orgs, "ubnd");
  CAPTURE(message);
  CHECK(message.find("'ubnd' is ambiguous") != std::string::npos);
  CHECK(message.find("#" + std::to_string(first) + " Ủy ban nhân dân tỉnh Bến Tre") != std::string::npos);
  CHECK(message.find("#" + std::to_string(second) + " Ủy ban nhân dân huyện Ba Tri") != std::string::npos);
  CHECK(message.find("Sở Tài chính") == std::string::npos);
  // The full name is not ambiguous.
  CHECK(orgs.resolve("Ủy ban nhân dân huyện Ba Tri").id == second);
}

TEST_CASE_FIXTURE(Fixture, "resolve_or_create creates once and finds the same body again")
{
  bool created = false;
  auto org = orgs.resolve_or_create("  Huyện đoàn Ba Tri ", &created);
  CHECK(created);
  CHECK(org.id > 0);
  CHECK(org.name == "Huyện đoàn Ba Tri"); // trimmed

  auto again = orgs.resolve_or_create("HUYỆN ĐOÀN BA TRI", &created);
  CHECK_FALSE(created);
  CHECK(again.id == org.id);
  CHECK(orgs.list().size() == 1);

  // Decomposed input is stored in NFC.
  auto nfd = orgs.resolve_or_create("Ti\u0309nh \u0111oa\u0300n", &created);
  CHECK(created);
  CHECK(nfd.name == "Tỉnh đoàn");
  CHECK(orgs.get(nfd.id).name == "Tỉnh đoàn");

  // Without the out-parameter it works the same.
  CHECK(orgs.resolve_or_create("tinh doan").id == nfd.id);
}

TEST_CASE_FIXTURE(Fixture, "resolve_or_create never creates from an id or an empty name")
{
  CHECK_THROWS_AS(orgs.resolve_or_create("#7"), NotFound);
  CHECK_THROWS_AS(orgs.resolve_or_create("7"), NotFound);
  CHECK_THROWS_AS(orgs.resolve_or_create("   "), UsageError);
  CHECK(orgs.list().empty());
}

TEST_CASE_FIXTURE(Fixture, "list() is in Vietnamese alphabetical order")
{
  for (const std::string name : {"Xuân Lộc", "Ưu tú", "Ủy ban nhân dân tỉnh", "Đoàn Thanh niên", "Dân vận",
                                 "Bến Tre", "Ấp Bắc", "An Giang"}) {
    add(name);
  }
  // Byte order would put Đ, Ư, Ấ and Ủ after every ASCII letter.
  CHECK(names_of(orgs.list()) == std::vector<std::string>{"An Giang", "Ấp Bắc", "Bến Tre", "Dân vận",
                                                           "Đoàn Thanh niên", "Ủy ban nhân dân tỉnh",
                                                           "Ưu tú", "Xuân Lộc"});
}

TEST_CASE_FIXTURE(Fixture, "list(search) matches folded substrings of names, short names and aliases")
{
  Id tinh_doan = add("Tỉnh đoàn Bến Tre", "TĐBT");
  Id huyen_doan = add("Huyện đoàn Ba Tri");
  Id so = add("Sở Văn hóa");
  orgs.add_alias(so, "Sở VHTTDL Bến Tre");

  CHECK(ids_of(orgs.list("ĐOÀN")) == std::vector<Id>{huyen_doan, tinh_doan});
  CHECK(ids_of(orgs.list("ben tre")) == std::vector<Id>{so, tinh_doan});
  CHECK(ids_of(orgs.list("tdb")) == std::vector<Id>{tinh_doan});
  CHECK(ids_of(orgs.list("VHTT")) == std::vector<Id>{so});
  CHECK(orgs.list("Vĩnh Long").empty());
  CHECK(orgs.list().size() == 3);
}

TEST_CASE_FIXTURE(Fixture, "add_alias: true when new, false when already known")
{
  Id id = add("Tỉnh đoàn Bến Tre");
  CHECK(orgs.add_alias(id, "Đoàn tỉnh"));
  CHECK_FALSE(orgs.add_alias(id, "ĐOÀN TỈNH"));  // same folded alias
  CHECK_FALSE(orgs.add_alias(id, "tinh doan ben tre")); // its own name
  CHECK(orgs.add_alias(id, "TĐ"));
  CHECK(orgs.aliases(id) == std::vector<std::string>{"Đoàn tỉnh", "TĐ"});
  CHECK_THROWS_AS(orgs.add_alias(id, "   "), UsageError);
  CHECK_THROWS_AS(orgs.add_alias(9999, "x"), NotFound);
}

TEST_CASE_FIXTURE(Fixture, "add_alias refuses another body's name")
{
  Id tinh_doan = add("Tỉnh đoàn Bến Tre");
  Id ubnd = add("Ủy ban nhân dân tỉnh");
  CHECK_THROWS_AS(orgs.add_alias(tinh_doan, "uy ban nhan dan tinh"), Conflict);
  CHECK_THROWS_WITH_AS(orgs.add_alias(tinh_doan, "Ủy ban nhân dân tỉnh"),
                       doctest::Contains(("is the name of organisation #" + std::to_string(ubnd)).c_str()),
                       Conflict);
  CHECK(orgs.aliases(tinh_doan).empty());
  // Another body's alias is fine: aliases may be shared.
  orgs.add_alias(ubnd, "UBND");
  CHECK(orgs.add_alias(tinh_doan, "UBND"));
}

TEST_CASE_FIXTURE(Fixture, "rename keeps the old name as an alias")
{
  Id id = add("Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre");
  orgs.rename(id, "Tỉnh đoàn Bến Tre");
  CHECK(orgs.get(id).name == "Tỉnh đoàn Bến Tre");
  CHECK(orgs.aliases(id) == std::vector<std::string>{"Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre"});
  CHECK(orgs.resolve("doan tncs ho chi minh tinh ben tre").id == id);
  CHECK(orgs.resolve("tinh doan ben tre").id == id);
}

TEST_CASE_FIXTURE(Fixture, "rename to one of its aliases drops that alias; a case change adds none")
{
  Id id = add("Tỉnh đoàn Bến Tre");
  orgs.add_alias(id, "Tỉnh Đoàn");
  orgs.rename(id, "Tỉnh Đoàn");
  CHECK(orgs.get(id).name == "Tỉnh Đoàn");
  CHECK(orgs.aliases(id) == std::vector<std::string>{"Tỉnh đoàn Bến Tre"});

  orgs.rename(id, "TỈNH ĐOÀN");
  CHECK(orgs.get(id).name == "TỈNH ĐOÀN");
  CHECK(orgs.aliases(id) == std::vector<std::string>{"Tỉnh đoàn Bến Tre"});
}

TEST_CASE_FIXTURE(Fixture, "rename refuses a name another body has")
{
  Id id = add("Tỉnh đoàn Bến Tre");
  Id other = add("Hội Liên hiệp Thanh niên");
  CHECK_THROWS_WITH_AS(orgs.rename(id, "hoi lien hiep thanh nien"),
                       doctest::Contains(("organisation #" + std::to_string(other) + " is already named").c_str()),
                       Conflict);
  CHECK(orgs.get(id).name == "Tỉnh đoàn Bến Tre");
  CHECK(orgs.aliases(id).empty());
  CHECK_THROWS_AS(orgs.rename(id, " "), UsageError);
  CHECK_THROWS_AS(orgs.rename(9999, "x"), NotFound);
}

TEST_CASE_FIXTURE(Fixture, "successions are recorded, listed both ways, and not twice")
{
  Id old_a = add("Sở Văn hóa");
  Id old_b = add("Sở Thể thao");
  Id merged = add("Sở Văn hóa, Thể thao và Du lịch");
  orgs.add_succession({old_a, merged, Date{2008, 8, 1}, "hợp nhất"});
  orgs.add_succession({old_b, merged, Date{2008, 8, 1}, ""});

  auto next = orgs.successors(old_a);
  REQUIRE(next.size() == 1);
  CHECK(next[0].predecessor_id == old_a);
  CHECK(next[0].successor_id == merged);
  CHECK(next[0].date == Date{2008, 8, 1});
  CHECK(next[0].note == "hợp nhất");

  auto before = orgs.predecessors(merged);
  REQUIRE(before.size() == 2);
  CHECK(before[0].predecessor_id == old_a);
  CHECK(before[1].predecessor_id == old_b);
  CHECK(before[1].note.empty());
  CHECK(orgs.successors(merged).empty());

  // The same pair again, even on another date, is a Conflict naming both.
  CHECK_THROWS_WITH_AS(orgs.add_succession({old_a, merged, Date{2010, 1, 1}, ""}),
                       doctest::Contains("is already recorded as succeeded by"), Conflict);
  CHECK(orgs.successors(old_a).size() == 1);
}

TEST_CASE_FIXTURE(Fixture, "children lists the bodies whose parent it is, in Vietnamese order")
{
  Id province = add("Tỉnh đoàn Bến Tre");
  Organisation ba_tri;
  ba_tri.name = "Huyện đoàn Ba Tri";
  ba_tri.parent_id = province;
  orgs.insert(ba_tri);
  Organisation cho_lach;
  cho_lach.name = "Huyện đoàn Chợ Lách";
  cho_lach.parent_id = province;
  orgs.insert(cho_lach);
  Organisation binh_dai;
  binh_dai.name = "Huyện đoàn Bình Đại";
  binh_dai.parent_id = province;
  orgs.insert(binh_dai);
  CHECK(names_of(orgs.children(province)) ==
        std::vector<std::string>{"Huyện đoàn Ba Tri", "Huyện đoàn Bình Đại", "Huyện đoàn Chợ Lách"});
  CHECK(orgs.children(ba_tri.id).empty());
}

TEST_CASE_FIXTURE(Fixture, "merge moves agreement parties and aliases, and deletes the merged body")
{
  Id from = add("Đoàn TN tỉnh", "ĐTN");
  Id into = add("Tỉnh đoàn Bến Tre");
  Id other = add("Sở Giáo dục và Đào tạo");
  orgs.add_alias(from, "Tỉnh đoàn BT");
  Id agreement = add_agreement("Quy chế phối hợp", {other, from});

  orgs.merge(from, into);

  CHECK_FALSE(orgs.find(from).has_value());
  auto parties = agreements.get(agreement).parties;
  REQUIRE(parties.size() == 2);
  CHECK(parties[0].org_id == other);
  CHECK(parties[1].org_id == into); // keeps its place among the parties
  CHECK(parties[1].org_name == "Tỉnh đoàn Bến Tre");

  // The merged body's alias, name and short name now lead to `into`.
  auto aliases = orgs.aliases(into);
  CHECK(std::find(aliases.begin(), aliases.end(), "Tỉnh đoàn BT") != aliases.end());
  CHECK(std::find(aliases.begin(), aliases.end(), "Đoàn TN tỉnh") != aliases.end());
  CHECK(orgs.resolve("doan tn tinh").id == into);
  CHECK(orgs.resolve("tinh doan bt").id == into);
  // `into` had no short name, so it takes the merged one's.
  CHECK(orgs.get(into).short_name == "ĐTN");
  CHECK(orgs.resolve("dtn").id == into);
}

TEST_CASE_FIXTURE(Fixture, "merge refuses two parties of one agreement, changing nothing")
{
  Id from = add("Đoàn TN tỉnh");
  Id into = add("Tỉnh đoàn Bến Tre");
  Id agreement = add_agreement("Quy chế phối hợp", {from, into});
  CHECK_THROWS_WITH_AS(orgs.merge(from, into),
                       doctest::Contains(("are both parties of agreement #" + std::to_string(agreement)).c_str()),
                       Conflict);
  CHECK(orgs.find(from).has_value());
  CHECK(agreements.get(agreement).parties.size() == 2);
}

TEST_CASE_FIXTURE(Fixture, "merge refuses a body into itself and unknown ids")
{
  Id id = add("Tỉnh đoàn Bến Tre");
  CHECK_THROWS_AS(orgs.merge(id, id), UsageError);
  CHECK_THROWS_AS(orgs.merge(id, 9999), NotFound);
  CHECK_THROWS_AS(orgs.merge(9999, id), NotFound);
  CHECK(orgs.find(id).has_value());
}

TEST_CASE_FIXTURE(Fixture, "merge moves successions and children to the remaining body")
{
  Id older = add("Ban Thanh niên tỉnh");
  Id from = add("Đoàn TN tỉnh");
  Id into = add("Tỉnh đoàn Bến Tre");
  orgs.add_succession({older, from, Date{1990, 1, 1}, ""});
  Organisation child;
  child.name = "Huyện đoàn Ba Tri";
  child.parent_id = from;
  orgs.insert(child);

  orgs.merge(from, into);
  auto next = orgs.successors(older);
  REQUIRE(next.size() == 1);
  CHECK(next[0].successor_id == into);
  CHECK(orgs.get(child.id).parent_id == into);
}

TEST_CASE_FIXTURE(Fixture, "merge of a parent into its own child clears the parent link")
{
  // The child's stale parent_id (the deleted parent) must not be written back.
  Id parent = add("Đoàn TN tỉnh");
  Organisation child;
  child.name = "Tỉnh đoàn Bến Tre";
  child.parent_id = parent;
  orgs.insert(child);
  CHECK_NOTHROW(orgs.merge(parent, child.id));
  CHECK_FALSE(orgs.find(parent).has_value());
  CHECK_FALSE(orgs.get(child.id).parent_id.has_value());
}

TEST_CASE_FIXTURE(Fixture, "resolve's cache of the invocation follows renames, merges and edits")
{
  Id first = add("Sở Tư pháp", "STP");
  CHECK(orgs.resolve("stp").id == first);
  CHECK(orgs.resolve_or_create("Sở Tư pháp").id == first); // found again, from the cache

  // Another body takes the short name: the cached answer would now be wrong.
  auto org = orgs.get(first);
  org.short_name.clear();
  orgs.update(org);
  Id second = add("Sở Tài chính", "STP");
  CHECK(orgs.resolve("stp").id == second);

  // Merged away: its names lead to the body that stays.
  orgs.merge(first, second);
  CHECK(orgs.resolve("Sở Tư pháp").id == second);
  bool created = true;
  CHECK(orgs.resolve_or_create("Sở Tư pháp", &created).id == second);
  CHECK_FALSE(created);

  // Renamed: the cached copy carries the new name.
  orgs.rename(second, "Sở Tài chính tỉnh");
  CHECK(orgs.resolve("stp").name == "Sở Tài chính tỉnh");
}
