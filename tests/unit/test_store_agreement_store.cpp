#include <phoihop/core/error.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/org_store.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

using phoihop::Conflict;
using phoihop::NotFound;
using phoihop::core::Agreement;
using phoihop::core::Date;
using phoihop::core::Id;
using phoihop::core::Organisation;
using phoihop::core::Party;
using phoihop::store::Access;
using phoihop::store::AgreementFilter;
using phoihop::store::AgreementStore;
using phoihop::store::Database;
using phoihop::store::OpenOptions;
using phoihop::store::OrgStore;

namespace {

using phoihop::test::TempDir;

// A plain sqlite3 connection, for rows no store class writes yet (tasks, meetings, awards).
class RawDb {
public:
  explicit RawDb(const std::string& path)
  {
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      std::string message = sqlite3_errmsg(m_db);
      sqlite3_close(m_db);
      throw std::runtime_error("cannot open " + path + ": " + message);
    }
    exec("PRAGMA foreign_keys = ON");
  }
  ~RawDb() { sqlite3_close(m_db); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const std::string& sql)
  {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(sql + ": " + message);
    }
  }

  // The first column of the first row, as text ("" for none or NULL).
  std::string text(const std::string& sql)
  {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(m_db));
    }
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }

  long long count(const std::string& table) { return std::stoll(text("SELECT count(*) FROM " + table)); }

private:
  sqlite3* m_db = nullptr;
};

OpenOptions write_options(const std::string& path)
{
  OpenOptions out;
  out.path = path;
  out.access = Access::write;
  return out;
}

Party party_of(Id org_id)
{
  Party party;
  party.org_id = org_id;
  return party;
}

Agreement make(const std::string& code, const std::string& title, Date start, Date end,
               const std::vector<Id>& party_ids)
{
  Agreement a;
  a.code = code;
  a.title = title;
  a.start = start;
  a.end = end;
  for (Id id : party_ids) {
    a.parties.push_back(party_of(id));
  }
  return a;
}

Id add_org(OrgStore& orgs, const std::string& name)
{
  Organisation org;
  org.name = name;
  return orgs.insert(org);
}

std::vector<Id> ids_of(const std::vector<Agreement>& agreements)
{
  std::vector<Id> out;
  for (const auto& a : agreements) {
    out.push_back(a.id);
  }
  return out;
}

// One open write transaction on a fresh database with three bodies; never committed.
struct Fixture {
  TempDir dir;
  Database db{write_options(dir.file("test.db"))};
  OrgStore orgs{db};
  AgreementStore agreements{db};
  Id ubnd = add_org(orgs, "Ủy ban nhân dân tỉnh Bến Tre");
  Id tinh_doan = add_org(orgs, "Tỉnh đoàn Bến Tre");
  Id so_gd = add_org(orgs, "Sở Giáo dục và Đào tạo");

  Id add(Agreement a) { return agreements.insert(a); }
};

// Three agreements to filter: one ended, one in force, one ended early.
struct ListFixture : Fixture {
  Id a2018 = 0;
  Id a2022 = 0;
  Id a2019 = 0;

  ListFixture()
  {
    auto first = make("BT-2018", "Quy chế phối hợp giữa UBND tỉnh và Tỉnh đoàn", Date{2018, 1, 1},
                      Date{2022, 12, 31}, {ubnd, tinh_doan});
    first.number = "05/QCPH-UBND-TĐTN";
    first.status = "ended";
    a2018 = add(first);

    auto second = make("BT-2022", "Chương trình phối hợp", Date{2022, 12, 1}, Date{2026, 12, 31},
                       {tinh_doan, so_gd});
    second.status = "in_force";
    a2022 = add(second);

    auto third = make("", "Kế hoạch liên tịch", Date{2019, 1, 1}, Date{2021, 12, 31}, {so_gd});
    third.actual_end = Date{2020, 6, 30};
    third.status = "ended_early";
    a2019 = add(third);
  }

  std::vector<Id> active_on(Date date)
  {
    AgreementFilter filter;
    filter.active_on = date;
    return ids_of(agreements.list(filter));
  }

  std::vector<Id> search(const std::string& text)
  {
    AgreementFilter filter;
    filter.search = text;
    return ids_of(agreements.list(filter));
  }
};

} // namespace

TEST_CASE_FIXTURE(Fixture, "insert stores the agreement with its parties in the order named")
{
  auto a = make("BT-2018", "Quy chế phối hợp", Date{2018, 3, 15}, Date{2022, 12, 31}, {tinh_doan, ubnd});
  a.number = "05/QCPH-UBND-TĐTN";
  a.signed_on = Date{2018, 3, 15};
  a.place = "Bến Tre";
  a.period = "2018-2022";
  a.status = "in_force";
  a.note = "ghi chú";
  a.parties[0].signer_name = "Nguyễn Văn A";
  a.parties[0].signer_position = "Bí thư";
  a.parties[0].signed_on = Date{2018, 3, 15};
  Id id = agreements.insert(a);
  CHECK(id > 0);
  CHECK(a.id == id);
  CHECK_FALSE(a.uid.empty());

  auto got = agreements.get(id);
  CHECK(got.uid == a.uid);
  CHECK(got.code == "BT-2018");
  CHECK(got.title == "Quy chế phối hợp");
  CHECK(got.number == "05/QCPH-UBND-TĐTN");
  CHECK(got.signed_on == Date{2018, 3, 15});
  CHECK(got.place == "Bến Tre");
  CHECK(got.period == "2018-2022");
  CHECK(got.start == Date{2018, 3, 15});
  CHECK(got.end == Date{2022, 12, 31});
  CHECK_FALSE(got.actual_end.has_value());
  CHECK(got.status == "in_force");
  CHECK(got.note == "ghi chú");
  CHECK_FALSE(got.supersedes_id.has_value());
  REQUIRE(got.parties.size() == 2);
  CHECK(got.parties[0].org_id == tinh_doan);
  CHECK(got.parties[0].org_name == "Tỉnh đoàn Bến Tre");
  CHECK(got.parties[0].signer_name == "Nguyễn Văn A");
  CHECK(got.parties[0].signer_position == "Bí thư");
  CHECK(got.parties[0].signed_on == Date{2018, 3, 15});
  CHECK(got.parties[1].org_id == ubnd);
  CHECK(got.parties[1].signer_name.empty());
  CHECK_FALSE(got.parties[1].signed_on.has_value());

  CHECK_FALSE(agreements.find(9999).has_value());
  CHECK_THROWS_WITH_AS(agreements.get(9999), "no agreement with id 9999", NotFound);
}

TEST_CASE_FIXTURE(Fixture, "resolve by id, #id and code")
{
  Id id = add(make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {ubnd}));
  std::string text_id = std::to_string(id);
  CHECK(agreements.resolve(text_id).id == id);
  CHECK(agreements.resolve("#" + text_id).id == id);
  CHECK(agreements.resolve("BT-2018").id == id);
  CHECK(agreements.resolve("  BT-2018 ").id == id); // trimmed like every argument
  CHECK(agreements.resolve("BT-2018").parties.size() == 1);
  CHECK(agreements.id_by_code("BT-2018") == id);
  CHECK_FALSE(agreements.id_by_code("BT-2099").has_value());
  CHECK_THROWS_WITH_AS(agreements.resolve("BT-2099"), "no agreement with id or code 'BT-2099'", NotFound);
  CHECK_THROWS_WITH_AS(agreements.resolve("#99"), "no agreement with id 99", NotFound);
}

TEST_CASE_FIXTURE(Fixture, "a taken code is a Conflict; agreements without a code may be many")
{
  Id first = add(make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {ubnd}));
  auto again = make("BT-2018", "Another", Date{2019, 1, 1}, Date{2020, 12, 31}, {ubnd});
  CHECK_THROWS_WITH_AS(agreements.insert(again),
                       ("agreement code 'BT-2018' is already taken by agreement #" + std::to_string(first)).c_str(),
                       Conflict);
  CHECK(agreements.list({}).size() == 1);

  add(make("", "Kế hoạch 1", Date{2019, 1, 1}, Date{2019, 12, 31}, {ubnd}));
  add(make("", "Kế hoạch 2", Date{2020, 1, 1}, Date{2020, 12, 31}, {ubnd}));
  CHECK(agreements.list({}).size() == 3);
}

TEST_CASE_FIXTURE(Fixture, "update changes fields and signatures, and refuses another's code")
{
  Id first = add(make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {ubnd, tinh_doan}));
  add(make("BT-2022", "Chương trình", Date{2022, 1, 1}, Date{2026, 12, 31}, {ubnd}));
  auto a = agreements.get(first);
  a.title = "Quy chế phối hợp";
  a.status = "ended";
  a.parties[1].signer_name = "Trần Thị B";
  agreements.update(a);
  auto got = agreements.get(first);
  CHECK(got.title == "Quy chế phối hợp");
  CHECK(got.status == "ended");
  CHECK(got.parties[1].signer_name == "Trần Thị B");

  a.code = "BT-2022";
  CHECK_THROWS_AS(agreements.update(a), Conflict);
  CHECK(agreements.get(first).code == "BT-2018");
}

TEST_CASE("describe names the agreement with its code when it has one")
{
  Agreement a;
  a.id = 2;
  a.code = "BT-2022";
  a.title = "Quy chế phối hợp";
  CHECK(phoihop::store::describe(a) == "#2 (BT-2022) Quy chế phối hợp");
  a.code.clear();
  CHECK(phoihop::store::describe(a) == "#2 Quy chế phối hợp");
}

TEST_CASE_FIXTURE(ListFixture, "list without a filter: every agreement by start date, with parties")
{
  auto all = agreements.list({});
  CHECK(ids_of(all) == std::vector<Id>{a2018, a2019, a2022});
  REQUIRE(all.size() == 3);
  REQUIRE(all[0].parties.size() == 2);
  CHECK(all[0].parties[1].org_name == "Tỉnh đoàn Bến Tre");
  CHECK(all[1].actual_end == Date{2020, 6, 30});
}

TEST_CASE_FIXTURE(ListFixture, "list by status")
{
  AgreementFilter filter;
  filter.status = "in_force";
  CHECK(ids_of(agreements.list(filter)) == std::vector<Id>{a2022});
  filter.status = "ended_early";
  CHECK(ids_of(agreements.list(filter)) == std::vector<Id>{a2019});
  filter.status = "draft";
  CHECK(agreements.list(filter).empty());
}

TEST_CASE_FIXTURE(ListFixture, "list by party")
{
  AgreementFilter filter;
  filter.party_org_id = tinh_doan;
  CHECK(ids_of(agreements.list(filter)) == std::vector<Id>{a2018, a2022});
  filter.party_org_id = so_gd;
  CHECK(ids_of(agreements.list(filter)) == std::vector<Id>{a2019, a2022});
  filter.party_org_id = ubnd;
  CHECK(ids_of(agreements.list(filter)) == std::vector<Id>{a2018});
  filter.party_org_id = 9999;
  CHECK(agreements.list(filter).empty());
}

TEST_CASE_FIXTURE(ListFixture, "list active_on includes the first and the last day")
{
  CHECK(active_on(Date{2017, 12, 31}).empty());
  CHECK(active_on(Date{2018, 1, 1}) == std::vector<Id>{a2018});
  CHECK(active_on(Date{2022, 11, 30}) == std::vector<Id>{a2018});
  CHECK(active_on(Date{2022, 12, 1}) == std::vector<Id>{a2018, a2022});
  CHECK(active_on(Date{2022, 12, 31}) == std::vector<Id>{a2018, a2022});
  CHECK(active_on(Date{2023, 1, 1}) == std::vector<Id>{a2022});
  CHECK(active_on(Date{2026, 12, 31}) == std::vector<Id>{a2022});
  CHECK(active_on(Date{2027, 1, 1}).empty());
}

TEST_CASE_FIXTURE(ListFixture, "list active_on ends on the actual end when the agreement ended early")
{
  CHECK(active_on(Date{2019, 1, 1}) == std::vector<Id>{a2018, a2019});
  CHECK(active_on(Date{2020, 6, 30}) == std::vector<Id>{a2018, a2019});
  CHECK(active_on(Date{2020, 7, 1}) == std::vector<Id>{a2018});
  // The planned end no longer counts.
  CHECK(active_on(Date{2021, 12, 31}) == std::vector<Id>{a2018});
}

TEST_CASE_FIXTURE(ListFixture, "list search folds case and accents over title, code and number")
{
  CHECK(search("quy che") == std::vector<Id>{a2018});
  CHECK(search("PHỐI HỢP") == std::vector<Id>{a2018, a2022});
  CHECK(search("phoi hop") == std::vector<Id>{a2018, a2022});
  CHECK(search("lien tich") == std::vector<Id>{a2019});
  CHECK(search("bt-2022") == std::vector<Id>{a2022});
  CHECK(search("05/qcph-ubnd-tdtn") == std::vector<Id>{a2018});
  CHECK(search("Vĩnh Long").empty());
}

TEST_CASE_FIXTURE(ListFixture, "list filters combine")
{
  AgreementFilter filter;
  filter.party_org_id = tinh_doan;
  filter.active_on = Date{2023, 6, 1};
  CHECK(ids_of(agreements.list(filter)) == std::vector<Id>{a2022});
  filter.status = "ended";
  CHECK(agreements.list(filter).empty());
}

TEST_CASE_FIXTURE(Fixture, "remove without force deletes an unreferenced agreement and its parties")
{
  Id id = add(make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {ubnd, tinh_doan}));
  CHECK(agreements.references(id).empty());
  agreements.remove(id, false);
  CHECK_FALSE(agreements.find(id).has_value());
  AgreementFilter filter;
  filter.party_org_id = ubnd;
  CHECK(agreements.list(filter).empty());
  CHECK(orgs.find(ubnd).has_value()); // the parties' bodies stay
  CHECK_THROWS_AS(agreements.remove(9999, false), NotFound);
  CHECK_THROWS_AS(agreements.remove(9999, true), NotFound);
}

TEST_CASE_FIXTURE(Fixture, "references and remove: renewing and implementing agreements")
{
  Id old_id = add(make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {ubnd, tinh_doan}));
  auto renewal = make("BT-2022", "Quy chế mới", Date{2022, 12, 1}, Date{2026, 12, 31}, {ubnd, tinh_doan});
  renewal.supersedes_id = old_id;
  Id renewal_id = add(renewal);
  auto plan = make("", "Kế hoạch thực hiện", Date{2019, 1, 1}, Date{2019, 12, 31}, {tinh_doan});
  plan.parent_id = old_id;
  Id plan_id = add(plan);
  auto plan2 = make("", "Kế hoạch thực hiện 2", Date{2020, 1, 1}, Date{2020, 12, 31}, {tinh_doan});
  plan2.parent_id = old_id;
  Id plan2_id = add(plan2);

  CHECK(agreements.references(old_id) ==
        std::vector<std::string>{"1 renewing agreement (#" + std::to_string(renewal_id) + ")",
                                 "2 implementing agreements (#" + std::to_string(plan_id) + ", #" +
                                   std::to_string(plan2_id) + ")"});
  CHECK(agreements.references(renewal_id).empty());
  CHECK(ids_of(agreements.superseded_by(old_id)) == std::vector<Id>{renewal_id});
  CHECK(ids_of(agreements.children(old_id)) == std::vector<Id>{plan_id, plan2_id});

  // Without force: a Conflict naming what refers to it, and nothing deleted.
  CHECK_THROWS_WITH_AS(agreements.remove(old_id, false), doctest::Contains("is still referenced by 1 renewing agreement"),
                       Conflict);
  CHECK(agreements.find(old_id).has_value());
  CHECK(agreements.get(renewal_id).supersedes_id == old_id);

  // With force: deleted, and the links from the others cleared.
  agreements.remove(old_id, true);
  CHECK_FALSE(agreements.find(old_id).has_value());
  auto kept_renewal = agreements.get(renewal_id);
  CHECK_FALSE(kept_renewal.supersedes_id.has_value());
  CHECK(kept_renewal.parties.size() == 2);
  CHECK_FALSE(agreements.get(plan_id).parent_id.has_value());
  CHECK_FALSE(agreements.get(plan2_id).parent_id.has_value());
  CHECK(agreements.list({}).size() == 3);
}

TEST_CASE("references and remove --force: tasks, meetings and award decisions")
{
  TempDir dir;
  std::string path = dir.file("test.db");
  Id id = 0;
  {
    Database db(write_options(path));
    OrgStore orgs(db);
    auto a = make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {add_org(orgs, "Tỉnh đoàn"), add_org(orgs, "UBND tỉnh")});
    id = AgreementStore(db).insert(a);
    db.commit();
  }
  // No store class writes these yet: add them behind phoihop's back.
  {
    RawDb raw(path);
    std::string agreement = std::to_string(id);
    raw.exec("INSERT INTO task (id, uid, agreement_id, ordinal, title, title_key, created_at, updated_at) "
             "VALUES (1, 't1', " + agreement + ", 1, 'Task 1', 'task 1', 'now', 'now'), "
             "(2, 't2', " + agreement + ", 2, 'Task 2', 'task 2', 'now', 'now')");
    raw.exec("INSERT INTO task_update (uid, task_id, date, seq, status, progress, created_at) "
             "VALUES ('u1', 1, '2019-01-01', 1, 'done', 100, 'now')");
    raw.exec("INSERT INTO meeting (id, uid, title, title_key, date, created_at, updated_at) "
             "VALUES (1, 'm1', 'Sơ kết', 'so ket', '2020-01-01', 'now', 'now')");
    raw.exec("INSERT INTO meeting_agreement (meeting_id, agreement_id) VALUES (1, " + agreement + ")");
    raw.exec("INSERT INTO award_decision (id, uid, agreement_id, created_at, updated_at) "
             "VALUES (1, 'd1', " + agreement + ", 'now', 'now')");
  }
  {
    Database db(write_options(path));
    AgreementStore agreements(db);
    CHECK(agreements.references(id) ==
          std::vector<std::string>{"2 tasks (#1, #2)", "1 meeting (#1)", "1 award decision (#1)"});
    CHECK_THROWS_WITH_AS(agreements.remove(id, false),
                         doctest::Contains("still referenced by 2 tasks (#1, #2), 1 meeting (#1), 1 award decision (#1)"),
                         Conflict);
    agreements.remove(id, true);
    db.commit();
  }
  RawDb raw(path);
  CHECK(raw.count("agreement") == 0);
  CHECK(raw.count("agreement_party") == 0);
  CHECK(raw.count("task") == 0);
  CHECK(raw.count("task_update") == 0);
  CHECK(raw.count("meeting") == 1); // the meeting stays, unlinked
  CHECK(raw.count("meeting_agreement") == 0);
  CHECK(raw.count("award_decision") == 1);
  CHECK(raw.text("SELECT agreement_id FROM award_decision").empty()); // NULL
  CHECK(raw.count("org") == 2);
  CHECK(raw.text("PRAGMA foreign_key_check").empty());
}

TEST_CASE_FIXTURE(Fixture, "resolve's cache of the invocation follows code, date and party changes")
{
  Id id = add(make("BT-2018", "Quy chế", Date{2018, 1, 1}, Date{2022, 12, 31}, {ubnd}));
  CHECK(agreements.resolve("BT-2018").end == Date{2022, 12, 31});
  auto a = agreements.get(id);
  a.code = "BT-18";
  a.end = Date{2023, 12, 31};
  agreements.update(a);
  CHECK_THROWS_AS(agreements.resolve("BT-2018"), NotFound);
  CHECK(agreements.resolve("BT-18").end == Date{2023, 12, 31});
  CHECK(agreements.resolve(std::to_string(id)).code == "BT-18");
  // A party's name comes through the organisation: renaming it shows.
  orgs.rename(ubnd, "UBND tỉnh Bến Tre (mới)");
  CHECK(agreements.resolve("BT-18").parties.at(0).org_name == "UBND tỉnh Bến Tre (mới)");
}
