#include <phoihop/core/sent.hpp>

#include <doctest/doctest.h>

using phoihop::core::Date;
using phoihop::core::parse_document_number;
using phoihop::core::SentReport;

TEST_CASE("a sent report's number is printed with its symbol, and described with its year")
{
  SentReport r;
  r.number = 16;
  r.issued_on = Date{2024, 1, 15};
  CHECK(r.number_text() == "16");
  CHECK(r.described() == "16 of 2024");
  r.symbol = "BC-UBND";
  CHECK(r.number_text() == "16/BC-UBND");
  CHECK(r.described() == "16/BC-UBND of 2024");
  // Decree 30/2020 writes a 0 before a number under 10.
  r.number = 3;
  CHECK(r.number_text() == "03/BC-UBND");
  r.symbol.clear();
  CHECK(r.number_text() == "03");
}

TEST_CASE("a document number is read as printed or bare")
{
  auto full = parse_document_number("16/BC-UBND");
  REQUIRE(full);
  CHECK(full->number == 16);
  CHECK(full->symbol == std::optional<std::string>("BC-UBND"));
  // The symbol is what follows the first slash, slashes included.
  auto slashed = parse_document_number("7/BC/UBND-TĐTN");
  REQUIRE(slashed);
  CHECK(slashed->number == 7);
  CHECK(*slashed->symbol == "BC/UBND-TĐTN");
  auto bare = parse_document_number("016");
  REQUIRE(bare);
  CHECK(bare->number == 16);
  CHECK_FALSE(bare->symbol);
  CHECK(parse_document_number("999999")->number == 999999);

  for (const char* bad : {"", "0", "1000000", "1234567", "abc", "16a", "-3", "/BC-UBND", "16/", " 16", "16 /BC"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_document_number(bad));
  }
}

TEST_CASE("Word documents and workbooks are binary, the text formats are not")
{
  CHECK(phoihop::core::is_binary_format("docx"));
  CHECK(phoihop::core::is_binary_format("xlsx"));
  for (const char* text : {"md", "csv", "json", "html"}) {
    CHECK_FALSE(phoihop::core::is_binary_format(text));
  }
}
