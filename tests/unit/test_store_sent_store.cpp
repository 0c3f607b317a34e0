#include <phoihop/core/error.hpp>
#include <phoihop/store/database.hpp>
#include <phoihop/store/invariants.hpp>
#include <phoihop/store/maintenance.hpp>
#include <phoihop/store/sent_store.hpp>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "temp_dir.hpp"

#include <sqlite3.h>

#include <string>
#include <vector>

using phoihop::Conflict;
using phoihop::Error;
using phoihop::ExitStatus;
using phoihop::NotFound;
using phoihop::core::Date;
using phoihop::core::DocumentNumber;
using phoihop::core::SentReport;
using phoihop::store::Access;
using phoihop::store::Database;
using phoihop::store::OpenOptions;
using phoihop::store::SentCopy;
using phoihop::store::SentFilter;
using phoihop::store::SentStore;
using phoihop::test::TempDir;

namespace {

OpenOptions options(const std::string& path, Access access = Access::write)
{
  OpenOptions o;
  o.path = path;
  o.access = access;
  o.busy_timeout_ms = 1000;
  o.command = "test";
  return o;
}

SentReport report(std::int64_t number, const std::string& symbol, Date issued_on)
{
  SentReport r;
  r.number = number;
  r.symbol = symbol;
  r.issued_on = issued_on;
  r.recipients = {"Như trên", "Lưu: VT, \"Văn phòng\""};
  r.view = "summary";
  r.period = "2024-01";
  r.period_start = Date{2024, 1, 1};
  r.period_end = Date{2024, 1, 31};
  r.as_of = Date{2024, 1, 31};
  r.agreement = "BT-2022";
  r.format = "md";
  r.lang = "vi";
  return r;
}

// Bytes that compress well and bytes that do not, a NUL among them.
std::string report_bytes(char seed)
{
  std::string out = "# Báo cáo\n\n";
  for (int i = 0; i < 2000; ++i) {
    out += static_cast<char>(seed + (i * 7919 % 251));
  }
  out += std::string(1, '\0') + "| a | b |\n";
  return out;
}

std::string violations(Database& db)
{
  std::string out;
  for (const auto& v : phoihop::store::check_invariants(db)) {
    out += v.rule->name + ": " + v.message + "\n";
  }
  return out;
}

void raw_exec(const std::string& path, const std::string& sql)
{
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

} // namespace

TEST_CASE("SHA-256 in lower-case hex")
{
  CHECK(phoihop::store::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(phoihop::store::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("a recorded report comes back byte for byte, with its register entry")
{
  TempDir dir;
  std::string path = dir.file("sent.db");
  std::string bytes = report_bytes('a');
  {
    Database db(options(path));
    SentStore sent(db);
    auto r = report(16, "BC-UBND", Date{2024, 2, 3});
    auto id = sent.insert(r, bytes);
    CHECK(id == r.id);
    CHECK(r.size == static_cast<std::int64_t>(bytes.size()));
    CHECK(r.sha256 == phoihop::store::sha256_hex(bytes));
    CHECK(r.uid.size() == 36);
    CHECK_FALSE(r.created_at.empty());
    // An empty report is a report too.
    auto empty = report(17, "BC-UBND", Date{2024, 2, 3});
    sent.insert(empty, "");
    CHECK(empty.size == 0);
    db.commit();
  }
  // The bytes are stored compressed.
  {
    Database db(options(path, Access::read));
    SentStore sent(db);
    auto found = sent.find(16, "BC-UBND", 2024);
    REQUIRE(found);
    CHECK(found->described() == "16/BC-UBND of 2024");
    CHECK(found->recipients == std::vector<std::string>{"Như trên", "Lưu: VT, \"Văn phòng\""});
    CHECK(found->view == "summary");
    CHECK(found->period == "2024-01");
    CHECK(found->as_of == Date{2024, 1, 31});
    CHECK(found->agreement == "BT-2022");
    CHECK(found->lang == "vi");
    CHECK(sent.bytes(*found) == bytes);
    CHECK(sent.bytes(*sent.find(17, "BC-UBND", 2024)).empty());
    auto copies = sent.copies();
    REQUIRE(copies.size() == 2);
    REQUIRE(copies[0].content);
    CHECK(copies[0].content->size() < bytes.size());
    CHECK(phoihop::store::check_database(db).empty());
  }
}

TEST_CASE("a number is unique per symbol and year of issue")
{
  TempDir dir;
  Database db(options(dir.file("sent.db")));
  SentStore sent(db);
  auto first = report(16, "BC-UBND", Date{2024, 1, 15});
  sent.insert(first, "một");
  auto again = report(16, "BC-UBND", Date{2024, 12, 31});
  try {
    sent.insert(again, "hai");
    FAIL("a second 16/BC-UBND of 2024 was recorded");
  } catch (const Conflict& e) {
    CHECK(std::string(e.what()) == "16/BC-UBND of 2024 was already sent on 2024-01-15");
  }
  // Another year, another symbol, no symbol: other documents.
  auto next_year = report(16, "BC-UBND", Date{2025, 1, 2});
  sent.insert(next_year, "ba");
  auto other_symbol = report(16, "BC-VP", Date{2024, 3, 1});
  sent.insert(other_symbol, "bốn");
  auto no_symbol = report(16, "", Date{2024, 3, 1});
  sent.insert(no_symbol, "năm");
  auto no_symbol_again = report(16, "", Date{2024, 6, 1});
  CHECK_THROWS_AS(sent.insert(no_symbol_again, "sáu"), Conflict);
  // The unique index holds whoever writes: a copy under another uid too.
  SentCopy copy{report(16, "BC-UBND", Date{2024, 5, 5}), std::string("x")};
  copy.report.uid = "01a25303-0000-7000-8000-000000000001";
  copy.report.size = 1;
  copy.report.sha256 = std::string(64, '0');
  copy.report.created_at = "2024-05-05T00:00:00Z";
  try {
    sent.insert_copy(copy);
    FAIL("a copy took a number already used");
  } catch (const Error& e) {
    CHECK(e.status() == ExitStatus::conflict);
  }
  db.commit();
}

TEST_CASE("a number as typed names one report, or says what it names")
{
  TempDir dir;
  Database db(options(dir.file("sent.db")));
  SentStore sent(db);
  auto a = report(16, "BC-UBND", Date{2024, 1, 15});
  sent.insert(a, "a");
  auto b = report(16, "BC-UBND", Date{2025, 1, 15});
  sent.insert(b, "b");
  auto c = report(16, "BC-VP", Date{2025, 2, 1});
  sent.insert(c, "c");
  auto d = report(17, "BC-UBND", Date{2025, 2, 1});
  sent.insert(d, "d");
  auto resolve = [&](std::int64_t number, std::optional<std::string> symbol, std::optional<int> year) {
    return sent.resolve(DocumentNumber{number, std::move(symbol)}, year);
  };
  CHECK(resolve(16, "BC-UBND", 2024).id == a.id);
  CHECK(resolve(16, "BC-VP", std::nullopt).id == c.id);
  CHECK(resolve(17, std::nullopt, std::nullopt).id == d.id); // bare: any symbol's
  try {
    resolve(16, "BC-UBND", std::nullopt);
    FAIL("ambiguous");
  } catch (const Conflict& e) {
    CHECK(std::string(e.what()) == "16/BC-UBND is ambiguous: 16/BC-UBND of 2024, 16/BC-UBND of 2025; give --year");
  }
  try {
    resolve(16, std::nullopt, 2025);
    FAIL("ambiguous");
  } catch (const Conflict& e) {
    CHECK(std::string(e.what()) ==
          "16 of 2025 is ambiguous: 16/BC-UBND of 2025, 16/BC-VP of 2025; give the number as printed (NUMBER/SYMBOL)");
  }
  try {
    resolve(16, "BC-XX", std::nullopt);
    FAIL("not found");
  } catch (const NotFound& e) {
    CHECK(std::string(e.what()) ==
          "no sent report 16/BC-XX (numbered 16: 16/BC-UBND of 2024, 16/BC-UBND of 2025, 16/BC-VP of 2025)");
  }
  CHECK_THROWS_AS(resolve(18, std::nullopt, std::nullopt), NotFound);
  // A report without a symbol is what a bare number names first.
  auto e = report(16, "", Date{2025, 3, 1});
  sent.insert(e, "e");
  CHECK(resolve(16, std::nullopt, std::nullopt).id == e.id);
  db.commit();
}

TEST_CASE("the register lists by date of issue, within a period")
{
  TempDir dir;
  Database db(options(dir.file("sent.db")));
  SentStore sent(db);
  auto late = report(2, "BC-UBND", Date{2024, 3, 1});
  sent.insert(late, "x");
  auto early = report(9, "BC-UBND", Date{2024, 1, 1});
  sent.insert(early, "y");
  auto next = report(1, "BC-UBND", Date{2025, 1, 1});
  sent.insert(next, "z");
  std::vector<std::string> numbers;
  for (const auto& r : sent.list()) {
    numbers.push_back(r.described());
  }
  CHECK(numbers == std::vector<std::string>{"09/BC-UBND of 2024", "02/BC-UBND of 2024", "01/BC-UBND of 2025"});
  SentFilter filter;
  filter.from = Date{2024, 2, 1};
  filter.to = Date{2024, 12, 31};
  auto in_2024 = sent.list(filter);
  REQUIRE(in_2024.size() == 1);
  CHECK(in_2024.front().number == 2);
  db.commit();
}

TEST_CASE("the record rules refuse a sent report whose bytes are not what it says, and db check finds one")
{
  TempDir dir;
  std::string path = dir.file("sent.db");
  {
    Database db(options(path));
    SentStore sent(db);
    auto r = report(16, "BC-UBND", Date{2024, 2, 3});
    sent.insert(r, report_bytes('a'));
    db.commit();
  }
  SUBCASE("a copy whose digest is not its content's is refused before COMMIT, with exit 5")
  {
    Database db(options(path));
    SentStore sent(db);
    auto original = sent.copies().front();
    SentCopy copy = original;
    copy.report.uid = "01a25303-0000-7000-8000-000000000002";
    copy.report.number = 17;
    copy.report.sha256 = phoihop::store::sha256_hex("something else");
    sent.insert_copy(copy);
    try {
      db.commit();
      FAIL("committed");
    } catch (const Error& e) {
      CHECK(e.status() == ExitStatus::unavailable);
      CHECK(std::string(e.what()).find("sent report 17/BC-UBND of 2024: its content's sha256 is") == 0);
    }
  }
  SUBCASE("a copy without content, or with another size")
  {
    Database db(options(path));
    SentStore sent(db);
    SentCopy copy = sent.copies().front();
    copy.report.uid = "01a25303-0000-7000-8000-000000000003";
    copy.report.number = 18;
    copy.content.reset();
    sent.insert_copy(copy);
    auto v = phoihop::store::first_violation(db, 0);
    REQUIRE(v);
    CHECK(v->message == "sent report 18/BC-UBND of 2024: its content is missing");
    // (Not committed: the destructor rolls back.)
  }
  SUBCASE("a damaged content blob: db check names it, reading it is refused")
  {
    raw_exec(path, "UPDATE sent_report_content SET content = substr(content, 1, 30)");
    Database db(options(path, Access::read));
    CHECK(violations(db) == "sent_content: sent report 16/BC-UBND of 2024: its content is not a whole zlib stream\n");
    SentStore sent(db);
    auto r = sent.find(16, "BC-UBND", 2024);
    REQUIRE(r);
    try {
      sent.bytes(*r);
      FAIL("damaged bytes were given back");
    } catch (const Error& e) {
      CHECK(e.status() == ExitStatus::unavailable);
      CHECK(std::string(e.what()).find("sent report 16/BC-UBND of 2024 in '" + path + "' is damaged") == 0);
    }
  }
  SUBCASE("content of another size than the recorded one")
  {
    const auto size = report_bytes('a').size();
    SUBCASE("one byte more")
    {
      raw_exec(path, "UPDATE sent_report SET size = size - 1");
      Database db(options(path, Access::read));
      CHECK(violations(db) == fmt::format("sent_content: sent report 16/BC-UBND of 2024: its content is {} bytes, "
                                          "not the recorded {}\n",
                                          size, size - 1));
    }
    SUBCASE("many more: inflating stops at the recorded size")
    {
      raw_exec(path, "UPDATE sent_report SET size = 10");
      Database db(options(path, Access::read));
      CHECK(violations(db) ==
            "sent_content: sent report 16/BC-UBND of 2024: its content inflates to more than the recorded 10 bytes\n");
    }
    SUBCASE("fewer")
    {
      raw_exec(path, "UPDATE sent_report SET size = size + 5");
      Database db(options(path, Access::read));
      CHECK(violations(db) == fmt::format("sent_content: sent report 16/BC-UBND of 2024: its content is {} bytes, "
                                          "not the recorded {}\n",
                                          size, size + 5));
    }
  }
  SUBCASE("a number, a period and recipients no writer of phoihop makes")
  {
    raw_exec(path, "PRAGMA ignore_check_constraints = 1; UPDATE sent_report SET number = 0, "
                   "period_end = '2023-12-31', recipients = '[\"\"]'");
    Database db(options(path, Access::read));
    auto found = violations(db);
    CHECK(found.find("sent_number: sent report #1: number 0 is not a whole number from 1 to 999999") !=
          std::string::npos);
    CHECK(found.find("sent_period: sent report 00/BC-UBND of 2024: its period ends 2023-12-31, before it starts "
                     "2024-01-01") != std::string::npos);
    CHECK(found.find("sent_as_of: ") != std::string::npos);
    CHECK(found.find("sent_recipients: ") != std::string::npos);
  }
}

TEST_CASE("undo of a recorded report takes its bytes with it")
{
  TempDir dir;
  std::string path = dir.file("sent.db");
  {
    Database db(options(path));
    auto r = report(16, "BC-UBND", Date{2024, 2, 3});
    SentStore(db).insert(r, report_bytes('q'));
    db.commit();
  }
  raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM sent_report");
  Database db(options(path, Access::read));
  CHECK(SentStore(db).list().empty());
  CHECK(phoihop::store::check_database(db).empty()); // no content left without its entry
}
