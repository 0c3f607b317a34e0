#include <phoihop/core/error.hpp>
#include <phoihop/store/agreement_store.hpp>
#include <phoihop/store/catalogue.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/org_store.hpp>
#include <phoihop/store/task_store.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

// The store's own test: the frozen list of history tables is private to store/.
#include "../../src/store/sql.hpp"

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using phoihop::Error;
using phoihop::ExitStatus;
using phoihop::core::Agreement;
using phoihop::core::Date;
using phoihop::core::Id;
using phoihop::core::Organisation;
using phoihop::core::Party;
using phoihop::core::Task;
using phoihop::store::Access;
using phoihop::store::AgreementStore;
using phoihop::store::Checkpoint;
using phoihop::store::Database;
using phoihop::store::OpenOptions;
using phoihop::store::OrgStore;
using phoihop::store::TaskStore;

namespace {

using phoihop::test::file_bytes;
using phoihop::test::TempDir;

OpenOptions write_options(const std::string& path)
{
  OpenOptions o;
  o.path = path;
  o.access = Access::write;
  o.busy_timeout_ms = 1000;
  o.command = "test";
  return o;
}

Id add_org(OrgStore& orgs, const std::string& name)
{
  Organisation org;
  org.name = name;
  return orgs.insert(org);
}

// A committed database with one 2018–2022 agreement between two bodies and
// one task starting 2019-01-01.
struct Committed {
  TempDir dir;
  std::string path = dir.file("rules.db");
  Id agreement = 0;
  Id task = 0;
  Id ubnd = 0;
  Id tinh_doan = 0;

  Committed()
  {
    Database db(write_options(path));
    OrgStore orgs(db);
    ubnd = add_org(orgs, "UBND tỉnh Bến Tre");
    tinh_doan = add_org(orgs, "Tỉnh đoàn Bến Tre");
    Agreement a;
    a.code = "BT-2018";
    a.title = "Quy chế phối hợp";
    a.start = Date{2018, 1, 1};
    a.end = Date{2022, 12, 31};
    a.parties = {Party{ubnd, "", "", "", {}}, Party{tinh_doan, "", "", "", {}}};
    agreement = AgreementStore(db).insert(a);
    Task t;
    t.agreement_id = agreement;
    t.title = "Tuyên truyền pháp luật";
    t.start = Date{2019, 1, 1};
    t.due = Date{2019, 12, 31};
    task = TaskStore(db).insert(t);
    db.commit();
  }
};

// What commit() throws, as "status: message"; "" when it commits.
std::string commit_error(Database& db)
{
  try {
    db.commit();
  } catch (const Error& e) {
    return std::to_string(static_cast<int>(e.status())) + ": " + e.what();
  }
  return "";
}

} // namespace

TEST_CASE("the catalogue's tables (the document's and the archive's) are the tables the history records, each in one kind of record")
{
  std::set<std::string> catalogue;
  for (const auto* tables : {&phoihop::store::interchange_tables(), &phoihop::store::archive_tables()}) {
    for (const auto& spec : *tables) {
      catalogue.emplace(spec.table);
      for (const auto& list : spec.lists) {
        catalogue.emplace(list.table);
      }
    }
  }
  std::set<std::string> history(phoihop::store::history_tables().begin(), phoihop::store::history_tables().end());
  CHECK(catalogue == history);
  std::multiset<std::string> in_kinds;
  for (const auto& kind : phoihop::store::record_kinds()) {
    in_kinds.insert(kind.tables.begin(), kind.tables.end());
  }
  CHECK(std::set<std::string>(in_kinds.begin(), in_kinds.end()) == catalogue);
  CHECK(in_kinds.size() == catalogue.size()); // no table in two kinds
}

TEST_CASE("every rule names a catalogue table, reads catalogue tables and compiles")
{
  Committed c;
  Database db(write_options(c.path));
  std::set<std::string> tables(phoihop::store::history_tables().begin(), phoihop::store::history_tables().end());
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& rule : phoihop::store::invariants()) {
    CAPTURE(rule.name);
    CAPTURE(rule.table);
    CHECK(tables.count(rule.table) == 1);
    CHECK_FALSE(rule.touches.empty());
    for (const auto& touch : rule.touches) {
      CHECK(tables.count(touch.table) == 1);
    }
    CHECK(rule.sql.find("{scope}") != std::string::npos);
    CHECK(rule.message.find("{") != std::string::npos); // names the record
    CHECK(seen.emplace(rule.name, rule.table + "." + rule.column).second); // one rule, one name
  }
  // Run them all (db check's way) on a valid database: nothing to report.
  CHECK(phoihop::store::check_invariants(db).empty());
}

TEST_CASE("a write that breaks a rule is refused at commit and the file is unchanged")
{
  Committed c;
  std::string before = file_bytes(c.path);
  {
    Database db(write_options(c.path));
    Task t;
    t.agreement_id = c.agreement;
    t.title = "Việc bắt đầu sớm";
    t.start = Date{2017, 5, 1};
    TaskStore(db).insert(t);
    auto error = commit_error(db);
    CHECK(error.rfind("2: task #", 0) == 0);
    CHECK(error.find("start 2017-05-01 is before agreement BT-2018 began on 2018-01-01") != std::string::npos);
  }
  CHECK(file_bytes(c.path) == before);
}

TEST_CASE("a change to one record is checked against the records it can break")
{
  Committed c;
  SUBCASE("moving an agreement's start after its task's start names the task")
  {
    Database db(write_options(c.path));
    AgreementStore agreements(db);
    auto a = agreements.get(c.agreement);
    a.start = Date{2019, 6, 1};
    agreements.update(a);
    auto error = commit_error(db);
    CHECK(error == "2: task #" + std::to_string(c.task) +
                     ": start 2019-01-01 is before agreement BT-2018 began on 2019-06-01");
  }
  SUBCASE("dropping a party (a change to agreement_party) names the agreement")
  {
    Database db(write_options(c.path));
    // The deleted row is gone: its agreement is read from the history's image of it.
    db.impl().exec("DELETE FROM agreement_party WHERE org_id = " + std::to_string(c.tinh_doan));
    CHECK(commit_error(db) == "2: agreement BT-2018 needs two or more parties; it has 1");
  }
  SUBCASE("an alias equal to another body's name, written behind the verbs' back, is a conflict")
  {
    Database db(write_options(c.path));
    db.impl().exec("INSERT INTO org_alias (uid, org_id, name, name_key) VALUES ('a1', " + std::to_string(c.ubnd) +
                   ", 'Tỉnh đoàn Bến Tre', 'tinh doan ben tre')");
    auto error = commit_error(db);
    CHECK(error.rfind("4: 'Tỉnh đoàn Bến Tre' is the name of organisation", 0) == 0);
  }
  SUBCASE("renaming a body to an existing alias's text is caught through the org's folded name")
  {
    {
      Database db(write_options(c.path));
      OrgStore(db).add_alias(c.ubnd, "Ủy ban tỉnh");
      db.commit();
    }
    Database db(write_options(c.path));
    db.impl().exec("UPDATE org SET name = 'Ủy ban tỉnh', name_key = 'uy ban tinh' WHERE id = " +
                   std::to_string(c.tinh_doan));
    CHECK(commit_error(db).rfind("4: 'Ủy ban tỉnh' is the name of organisation #" + std::to_string(c.tinh_doan), 0) ==
          0);
  }
  SUBCASE("a change that breaks nothing commits")
  {
    Database db(write_options(c.path));
    AgreementStore agreements(db);
    auto a = agreements.get(c.agreement);
    a.end = Date{2023, 12, 31};
    agreements.update(a);
    CHECK(commit_error(db).empty());
  }
}

TEST_CASE("a checkpoint finds what was broken since it, and rolls back to it")
{
  Committed c;
  Database db(write_options(c.path));
  TaskStore tasks(db);
  Task fine;
  fine.agreement_id = c.agreement;
  fine.title = "Việc đúng hạn";
  fine.start = Date{2020, 1, 1};
  tasks.insert(fine);
  Checkpoint checkpoint(db);
  CHECK_FALSE(checkpoint.violation().has_value());
  Task early = fine;
  early.id = 0;
  early.uid.clear();
  early.title = "Việc sớm";
  early.start = Date{2017, 1, 1};
  Id early_id = tasks.insert(early);
  auto broken = checkpoint.violation();
  REQUIRE(broken.has_value());
  CHECK(broken->rule->name == "task_start_in_term");
  CHECK(broken->row == early_id);
  CHECK(broken->error().status() == ExitStatus::usage);
  checkpoint.rollback();
  CHECK_FALSE(checkpoint.violation().has_value());
  CHECK_FALSE(tasks.find(early_id, Date{2020, 1, 1}).has_value());
  CHECK(commit_error(db).empty()); // the task before the checkpoint is kept
}

TEST_CASE("db check lists rows written by hand that break a rule")
{
  Committed c;
  {
    Database db(write_options(c.path));
    // As another program could: SQLite's CHECKs are off here, the rules run at commit.
    db.impl().exec("UPDATE task SET start_date = '2019-02-30', title = 'Tuye' || char(770) || 'n' WHERE id = " +
                   std::to_string(c.task));
    CHECK_FALSE(commit_error(db).empty());
  }
  {
    Database db(write_options(c.path));
    auto& impl = db.impl();
    impl.exec("DROP TRIGGER history_task_update"); // write unseen by the history, so unchecked at commit
    impl.exec("UPDATE task SET start_date = '2019-02-30', title = 'Tuye' || char(770) || 'n' WHERE id = " +
              std::to_string(c.task));
    auto found = phoihop::store::check_invariants(db);
    std::set<std::string> names;
    for (const auto& v : found) {
      CHECK(v.row == c.task);
      names.insert(v.rule->name);
    }
    CHECK(names == std::set<std::string>{"date", "text", "key"});
  }
}
