#include <phoihop/io/zip_archive.hpp>

#include "zip_reader.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

using phoihop::io::ZipArchive;
using phoihop::test::zip_entries;

namespace {

ZipArchive::File temporary_file(const std::string& text)
{
  ZipArchive::File file(std::tmpfile());
  REQUIRE(file != nullptr);
  REQUIRE(std::fwrite(text.data(), 1, text.size(), file.get()) == text.size());
  return file;
}

} // namespace

TEST_CASE("a zip archive holds its entries in order, each read back whole")
{
  ZipArchive zip;
  zip.add("[Content_Types].xml", "<Types/>");
  zip.add("word/document.xml", std::string(100000, 'x') + "end");
  std::string bytes = zip.finish();
  REQUIRE(bytes.rfind("PK\x03\x04", 0) == 0);
  auto entries = zip_entries(bytes);
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].first == "[Content_Types].xml");
  CHECK(entries[0].second == "<Types/>");
  CHECK(entries[1].first == "word/document.xml");
  CHECK(entries[1].second == std::string(100000, 'x') + "end");
  // Deflated: 100,000 equal bytes take far less room.
  CHECK(bytes.size() < 2000);
}

TEST_CASE("the same entries give the same bytes, whatever the clock")
{
  auto make = [] {
    ZipArchive zip;
    zip.add("a.xml", "<a/>");
    return zip.finish();
  };
  std::string first = make();
  CHECK(make() == first);
}

TEST_CASE("an entry of pieces is the same as one of their text joined")
{
  std::string big(300000, 'y');
  std::string joined;
  {
    ZipArchive zip;
    zip.add("word/document.xml", "<w:document>" + big + "middle" + big + "</w:document>");
    joined = zip.finish();
  }
  std::vector<ZipArchive::Piece> pieces;
  pieces.push_back({"<w:document>", nullptr});
  pieces.push_back({"", temporary_file(big)});
  pieces.push_back({"middle", nullptr});
  pieces.push_back({"", temporary_file(big)});
  pieces.push_back({"</w:document>", nullptr});
  ZipArchive zip;
  zip.add_pieces("word/document.xml", std::move(pieces));
  CHECK(zip.finish() == joined);
}

TEST_CASE("an archive dropped before it is finished leaks nothing and throws nothing")
{
  ZipArchive zip;
  std::vector<ZipArchive::Piece> pieces;
  pieces.push_back({"", temporary_file("abc")});
  zip.add_pieces("x", std::move(pieces));
  zip.add("y", "z");
  // No finish(): the destructor discards the archive and closes the file.
}
