// The hot queries use their indexes: every statement that the everyday
// commands run is explained (EXPLAIN QUERY PLAN) against the real schema,
// and none may scan a table that grows with the records. Without
// sqlite_stat1 the planner assumes every table is large, as it is in a
// province's decade of records (bench/).
#include <phoihop/cli/app.hpp>
#include <phoihop/store/database.hpp>

#include <doctest/doctest.h>

#include "temp_dir.hpp"

#include <sqlite3.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using phoihop::test::TempDir;

// Tables whose size grows with the records; the others (organisations,
// agreements and their parties) stay in the hundreds.
const std::set<std::string> k_large = {
  "task", "task_update", "task_partner", "meeting", "meeting_agreement", "meeting_participant",
  "meeting_contribution", "meeting_conclusion", "award_decision", "award_recipient",
  "history_invocation", "history_change",
};

struct Runner {
  std::string db;
  std::string config; // an empty config file: the developer's own must not leak in
  std::string last_out;
  int operator()(std::vector<std::string> args)
  {
    args.insert(args.begin(), {"phoihop", "--db", db, "--config", config, "--today", "2026-11-26", "-q"});
    std::ostringstream out;
    std::ostringstream err;
    int status = phoihop::cli::run(args, out, err);
    last_out = out.str();
    if (status != 0) {
      MESSAGE(err.str());
    }
    return status;
  }
};

// alias (or table name) → table, from the FROM and JOIN clauses of `sql`.
std::map<std::string, std::string> aliases(const std::string& sql)
{
  static const std::regex k_from(R"((?:FROM|JOIN)\s+([a-z_]+)(?:\s+(?:AS\s+)?([a-z]\w*))?)", std::regex::icase);
  static const std::set<std::string> k_keywords = {"where", "join", "left", "on", "order", "group",
                                                   "limit", "inner", "cross", "using", "natural", "as"};
  std::map<std::string, std::string> out;
  for (std::sregex_iterator it(sql.begin(), sql.end(), k_from), end; it != end; ++it) {
    std::string table = (*it)[1];
    out[table] = table;
    std::string alias = (*it)[2];
    if (!alias.empty() && !k_keywords.count(alias)) {
      out[alias] = table;
    }
  }
  return out;
}

// The plan lines of `sql` that read a large table whole (SCAN, with or
// without an index: only SEARCH reads part of it).
std::vector<std::string> full_scans(sqlite3* db, const std::string& sql)
{
  std::vector<std::string> out;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &s, nullptr) != SQLITE_OK) {
    return out; // PRAGMAs, BEGIN, COMMIT: nothing to plan
  }
  auto names = aliases(sql);
  static const std::regex k_scan(R"(^SCAN (\w+)( .*)?$)");
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::string detail = reinterpret_cast<const char*>(sqlite3_column_text(s, 3));
    std::smatch m;
    // A partial index holds only the rows its WHERE names (the open
    // invocation, at most one), so scanning it is no full pass.
    bool partial = detail.find("INDEX history_invocation_open") != std::string::npos;
    if (!partial && std::regex_match(detail, m, k_scan)) {
      auto it = names.find(m[1]);
      std::string table = it == names.end() ? std::string(m[1]) : it->second;
      if (k_large.count(table)) {
        out.push_back(detail + " (" + table + ")");
      }
    }
  }
  sqlite3_finalize(s);
  return out;
}

} // namespace

TEST_CASE("the everyday commands' queries search large tables through an index")
{
  TempDir dir;
  Runner run{dir.file("plans.db"), dir.write("config.toml", ""), {}};
  REQUIRE(run({"agreement", "add", "Quy chế phối hợp", "--party", "UBND tỉnh Bến Tre", "--party",
               "Tỉnh đoàn Bến Tre", "--period", "2022-2026", "--code", "BT"}) == 0);
  REQUIRE(run({"task", "add", "Tuyên truyền", "--agreement", "BT", "--lead", "Tỉnh đoàn Bến Tre",
               "--partner", "UBND tỉnh Bến Tre", "--due", "2026-12-31", "--code", "T1"}) == 0);
  REQUIRE(run({"meeting", "add", "Hội nghị tổng kết", "--date", "2022-12-01", "--kind", "final_review",
               "--agreement", "BT"}) == 0);
  REQUIRE(run({"award", "add", "Tỉnh đoàn Bến Tre", "--kind", "collective", "--decision", "QĐ-1",
               "--date", "2022-12-01", "--agreement", "BT", "--meeting", "1"}) == 0);

  std::set<std::string> statements;
  phoihop::store::observe_statements([&](const std::string& sql) { statements.insert(sql); });
  // The invocations that scripts and cron make thousands of times.
  const std::vector<std::vector<std::string>> hot = {
    {"task", "add", "Xây dựng công trình", "--agreement", "BT", "--lead", "Tỉnh đoàn Bến Tre", "--due", "2026-06-30"},
    {"task", "update", "1", "--date", "2023-03-01", "--progress", "40"},
    {"task", "done", "1", "--date", "2024-01-15"},
    {"task", "show", "1"},
    {"task", "list", "--agreement", "BT", "--format", "csv"},
    {"task", "list", "--agreement", "BT", "--overdue"},
    {"meeting", "attend", "1", "--org", "UBND tỉnh Bến Tre", "--role", "co_chair"},
    {"meeting", "conclude", "1", "Tiếp tục phối hợp", "--lead", "Tỉnh đoàn Bến Tre", "--due", "2023-12-31"},
    {"meeting", "list", "--agreement", "BT"},
    {"meeting", "show", "1"},
    {"award", "list", "--agreement", "BT"},
    {"award", "add", "Nguyễn Văn A", "--kind", "individual", "--decision", "QĐ-1", "--unit", "Tỉnh đoàn Bến Tre"},
    {"agreement", "show", "BT"},
    {"report", "summary", "--period", "2022-2026", "--agreement", "BT", "--format", "json"},
    {"report", "tasks", "--period", "2023", "--agreement", "BT", "--format", "csv"},
    // The report over every agreement: the task state per agreement in SQL
    // (report_store.cpp), the CSV as counts alone.
    {"report", "summary", "--period", "2022-2026", "--format", "csv"},
    {"report", "summary", "--period", "2022-2026", "--each", "year", "--format", "md"},
    // The task lines' results (partners and names as of the day, the latest
    // actual and note), the follow-ups of conclusions, and --compare's counts pass.
    {"report", "summary", "--period", "2023", "--format", "json", "--compare", "previous"},
    {"report", "meetings", "--period", "2022", "--format", "json"},
    {"report", "awards", "--period", "2022", "--format", "csv"},
    // A report kept in the register of sent reports (the number looked up
    // by the unique index, the rules at COMMIT), and given back.
    {"report", "summary", "--period", "2023", "--record", "--number", "16", "--symbol", "BC-UBND"},
    {"report", "sent", "list", "--period", "2026"},
    {"report", "sent", "show", "16/BC-UBND"},
  };
  for (const auto& args : hot) {
    CAPTURE(args.front() + " " + args[1]);
    CHECK(run(args) == 0);
  }
  phoihop::store::observe_statements(nullptr);
  REQUIRE(statements.size() > 20);

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(run.db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  for (const auto& sql : statements) {
    CAPTURE(sql);
    auto scans = full_scans(db, sql);
    CHECK(scans.empty());
    for (const auto& scan : scans) {
      MESSAGE(scan);
    }
  }
  sqlite3_close(db);
}
