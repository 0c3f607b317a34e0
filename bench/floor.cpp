// The process floor: the least a C++ program on SQLite can do for one
// invocation. Linked like phoihop (libsqlite3.a statically, libstdc++
// shared), built by bench/run.py with g++ -O2.
//
//   floor --version         print SQLite's version (process start-up only)
//   floor DB [SQL]          open DB read-only, run SQL (default "select 1")
//                           and write the rows as CSV with a header
#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <string>

namespace {

void csv_cell(std::string& out, const char* text)
{
  if (text == nullptr) {
    return;
  }
  if (std::strpbrk(text, ",\"\r\n") == nullptr) {
    out += text;
    return;
  }
  out += '"';
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == '"') {
      out += '"';
    }
    out += *p;
  }
  out += '"';
}

} // namespace

int main(int argc, char** argv)
{
  if (argc < 2) {
    std::fprintf(stderr, "usage: floor --version | floor DB [SQL]\n");
    return 2;
  }
  if (std::strcmp(argv[1], "--version") == 0) {
    std::printf("floor (SQLite %s)\n", sqlite3_libversion());
    return 0;
  }
  const char* sql = argc > 2 ? argv[2] : "select 1";
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
    return 5;
  }
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  std::string out;
  const int columns = sqlite3_column_count(st);
  for (int c = 0; c < columns; ++c) {
    if (c > 0) {
      out += ',';
    }
    csv_cell(out, sqlite3_column_name(st, c));
  }
  out += "\r\n";
  int rc = 0;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int c = 0; c < columns; ++c) {
      if (c > 0) {
        out += ',';
      }
      csv_cell(out, reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
    }
    out += "\r\n";
  }
  if (rc != SQLITE_DONE) {
    std::fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
    return 1;
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  sqlite3_finalize(st);
  sqlite3_close(db);
  return 0;
}
