#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>

#include <doctest/doctest.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using phoihop::UsageError;
using phoihop::core::checked_text;
using phoihop::core::clean;
using phoihop::core::display_width;
using phoihop::core::fold;
using phoihop::core::is_valid_utf8;
using phoihop::core::nfc;
using phoihop::core::pad_right;
using phoihop::core::split_list;
using phoihop::core::vi_less;
using phoihop::core::vi_sort_key;

namespace {

// The UTF-8 bytes of a code point (utf8proc's encoder, not one more of our own).
std::string utf8_of(std::uint32_t cp)
{
  std::array<utf8proc_uint8_t, 4> bytes{};
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes.data());
  return std::string(reinterpret_cast<const char*>(bytes.data()), static_cast<std::size_t>(n));
}

// Precomposed (NFC) and decomposed (NFD) spellings of the same names.
const std::string k_tinh_doan_nfc = "Tỉnh đoàn Bến Tre";
const std::string k_tinh_doan_nfd = "Ti\u0309nh \u0111oa\u0300n Be\u0302\u0301n Tre";

std::vector<std::string> vi_sorted(std::vector<std::string> names)
{
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) { return vi_less(a, b); });
  return names;
}

// Checks that each name sorts strictly before the next one.
void check_strictly_ordered(const std::vector<std::string>& names)
{
  for (std::size_t index = 1; index < names.size(); ++index) {
    INFO(names[index - 1], " < ", names[index]);
    CHECK(vi_less(names[index - 1], names[index]));
    CHECK_FALSE(vi_less(names[index], names[index - 1]));
  }
}

} // namespace

TEST_CASE("is_valid_utf8 accepts well-formed text")
{
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8(k_tinh_doan_nfc));
  CHECK(is_valid_utf8(k_tinh_doan_nfd));
  CHECK(is_valid_utf8("中文 \xF0\x9F\x98\x80"));   // 3- and 4-byte sequences
  CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF, the last code point
  CHECK(is_valid_utf8("\xEF\xBF\xBE"));            // U+FFFE: a noncharacter, still well-formed
}

TEST_CASE("is_valid_utf8 rejects ill-formed text and NUL bytes")
{
  CHECK_FALSE(is_valid_utf8(std::string_view("a\0b", 3)));
  CHECK_FALSE(is_valid_utf8(std::string_view("\0", 1)));
  CHECK_FALSE(is_valid_utf8("\x80"));                 // lone continuation byte
  CHECK_FALSE(is_valid_utf8("B\xE1\xBA"));            // truncated 3-byte sequence
  CHECK_FALSE(is_valid_utf8("\xC3"));                 // truncated 2-byte sequence
  CHECK_FALSE(is_valid_utf8("\xC0\x80"));             // overlong NUL
  CHECK_FALSE(is_valid_utf8("\xC1\xBF"));             // overlong 2-byte
  CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));         // overlong 3-byte '/'
  CHECK_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));     // overlong 4-byte '/'
  CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));         // surrogate U+D800
  CHECK_FALSE(is_valid_utf8("\xED\xBF\xBF"));         // surrogate U+DFFF
  CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));     // U+110000
  CHECK_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));     // invalid lead byte
  CHECK_FALSE(is_valid_utf8("\xFF"));
  CHECK_FALSE(is_valid_utf8("caf\xE9"));              // Latin-1, not UTF-8
}

TEST_CASE("nfc composes decomposed Vietnamese into the precomposed bytes")
{
  CHECK(k_tinh_doan_nfd != k_tinh_doan_nfc);
  CHECK(nfc(k_tinh_doan_nfd) == k_tinh_doan_nfc);
  CHECK(nfc(k_tinh_doan_nfc) == k_tinh_doan_nfc);
  CHECK(nfc("Nguye\u0302\u0303n Thi\u0323 Be\u0301 Mu\u031Bo\u031B\u0300i") == "Nguyễn Thị Bé Mười");
  // Marks typed in a non-canonical order are reordered before composing.
  CHECK(nfc("o\u0323\u031B") == "ợ");
  CHECK(nfc("o\u031B\u0323") == "ợ");
  CHECK(nfc("") == "");
  CHECK(nfc("ASCII stays as is ") == "ASCII stays as is ");
}

TEST_CASE("nfc throws a usage error naming the field for ill-formed input")
{
  CHECK_THROWS_AS(nfc("B\xE1n", "--title"), UsageError);
  CHECK_THROWS_WITH_AS(nfc("B\xE1n", "--title"), doctest::Contains("invalid UTF-8 in --title"), UsageError);
  // The value is shown with the bad byte escaped, and its position.
  CHECK_THROWS_WITH_AS(nfc("B\xE1n", "--title"), doctest::Contains("'B\\xe1n' (byte 2)"), UsageError);
  CHECK_THROWS_WITH_AS(nfc("\xED\xA0\x80"), doctest::Contains("invalid UTF-8 in text"), UsageError);

  const std::string_view with_nul("ab\0c", 4);
  CHECK_THROWS_AS(nfc(with_nul, "--name"), UsageError);
  CHECK_THROWS_WITH_AS(nfc(with_nul, "--name"), doctest::Contains("NUL byte in --name"), UsageError);
  CHECK_THROWS_WITH_AS(nfc(with_nul, "--name"), doctest::Contains("'ab\\x00c' (byte 3)"), UsageError);
}

TEST_CASE("clean normalises and trims Unicode white space at both ends")
{
  CHECK(clean("  Bến Tre  ") == "Bến Tre");
  CHECK(clean("\t\n Bến Tre\r\n") == "Bến Tre");
  CHECK(clean("\u00A0Bến Tre\u00A0") == "Bến Tre");          // no-break space, from Word
  CHECK(clean("\u3000Bến Tre\u2003\u202F") == "Bến Tre");    // ideographic, em, narrow spaces
  CHECK(clean("\uFEFFBến Tre\u200B") == "Bến Tre");          // BOM and zero-width space
  CHECK(clean(" " + k_tinh_doan_nfd + " ") == k_tinh_doan_nfc);
  CHECK(clean("Bến  Tre") == "Bến  Tre");                    // inside is kept
  CHECK(clean("   ") == "");
  CHECK(clean("") == "");
  CHECK(clean("x") == "x");
  CHECK_THROWS_WITH_AS(clean(" \xFF ", "--place"), doctest::Contains("invalid UTF-8 in --place"), UsageError);
  CHECK_THROWS_WITH_AS(clean(" \xFF ", "--place"), doctest::Contains("' \\xff '"), UsageError);
}

TEST_CASE("checked_text: one line or free text, as commands and imports take it")
{
  CHECK(checked_text("  " + k_tinh_doan_nfd + " ", "--name", false) == k_tinh_doan_nfc);
  CHECK(checked_text(" a\r\nb\tc \r\n", "--note", true) == "a\nb\tc");
  CHECK_THROWS_WITH_AS(checked_text("a\nb", "--title", false), "control character in --title: 'a\\nb'",
                       UsageError);
  CHECK_THROWS_WITH_AS(checked_text("a\x07" "b", "--note", true), "control character in --note: 'a\\x07b'",
                       UsageError);
  CHECK(checked_text(std::string(phoihop::core::k_max_line, 'x'), "--title", false).size() ==
        phoihop::core::k_max_line);
  CHECK_THROWS_WITH_AS(checked_text(std::string(phoihop::core::k_max_line + 1, 'x'), "--title", false),
                       "--title is too long: 2001 bytes (at most 2000)", UsageError);
  CHECK(checked_text(std::string(phoihop::core::k_max_line + 1, 'x'), "--note", true).size() ==
        phoihop::core::k_max_line + 1);
  CHECK_THROWS_WITH_AS(checked_text(" \xFF ", "--place", false), doctest::Contains("invalid UTF-8 in --place"),
                       UsageError);
}

TEST_CASE("fold gives one key for case, accents, đ and white space variants")
{
  CHECK(fold("  TỈNH  Đoàn Bến Tre") == "tinh doan ben tre");
  CHECK(fold("tinh doan ben tre") == "tinh doan ben tre");
  CHECK(fold(k_tinh_doan_nfc) == "tinh doan ben tre");
  CHECK(fold(k_tinh_doan_nfd) == fold(k_tinh_doan_nfc));
  CHECK(fold("Nguyễn Thị Bé Mười") == "nguyen thi be muoi");
  CHECK(fold("Lâm Như Quỳnh") == "lam nhu quynh");
  CHECK(fold("ĐOÀN TNCS HỒ CHÍ MINH") == "doan tncs ho chi minh");
  CHECK(fold("đ") == "d");
  CHECK(fold("Đ") == "d");
  CHECK(fold("ăâêôơư ẮẰẲẴẶ ỢỰ") == "aaeoou aaaaa ou");
}

TEST_CASE("fold lumps compatibility spaces, dashes and pasted invisibles")
{
  CHECK(fold("Bến\u00A0Tre") == "ben tre");
  CHECK(fold("Bến\t\n  Tre\u3000") == "ben tre");
  CHECK(fold("05/QCPH\u2013UBND") == "05/qcph-ubnd");       // en dash
  CHECK(fold("Tỉnh\u00ADđoàn") == "tinhdoan");              // soft hyphen
  CHECK(fold("\u200BBến Tre") == "ben tre");                // zero-width space
  CHECK(fold("ＢẾＮ ＴＲＥ") == "ben tre");                 // full-width letters
  CHECK(fold("\u00D0o\u00E0n") == "doan");                  // eth typed for Đ by legacy converters
  CHECK(fold("") == "");
  CHECK(fold(" \t ") == "");
}

TEST_CASE("fold is idempotent and never throws on ill-formed input")
{
  for (const std::string text : {"  TỈNH  Đoàn Bến Tre", "Ôn  ĐỨC", "a-b_c", "中文 Ｘ"}) {
    CAPTURE(text);
    CHECK(fold(fold(text)) == fold(text));
  }
  // Each ill-formed byte becomes U+FFFD rather than throwing.
  CHECK_NOTHROW(fold("B\xE1n"));
  CHECK(fold("B\xE1n") == "b\uFFFDn");
  CHECK(fold("\xED\xA0\x80X") == "\uFFFD\uFFFD\uFFFDx");
}

TEST_CASE("display_width counts terminal columns")
{
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("Bến Tre") == 7);
  CHECK(display_width("Be\u0302\u0301n Tre") == 7);        // combining marks take no column
  CHECK(display_width("e\u0302\u0301") == 1);
  CHECK(display_width(k_tinh_doan_nfd) == display_width(k_tinh_doan_nfc));
  CHECK(display_width("中文") == 4);                         // East Asian wide
  CHECK(display_width("Ａ") == 2);
  CHECK(display_width("a\xFF" "b") == 3);                    // a bad byte shows as one replacement char
}

TEST_CASE("pad_right pads by display columns, never truncates")
{
  CHECK(pad_right("Bến", 5) == "Bến  ");
  CHECK(pad_right("Be\u0302\u0301n", 5) == "Be\u0302\u0301n  ");
  CHECK(pad_right("中文", 6) == "中文  ");
  CHECK(pad_right("abc", 3) == "abc");
  CHECK(pad_right("abcdef", 3) == "abcdef");
  CHECK(pad_right("abc", -1) == "abc");
  CHECK(pad_right("", 2) == "  ");
  CHECK(display_width(pad_right("Nguyễn Thị Bé Mười", 25)) == 25);
}

TEST_CASE("vi_sort_key orders by Vietnamese letters first")
{
  check_strictly_ordered({"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
                          "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"});
  // Letters decide before tones: Ánh has more letters in common with Anh than with Ăn.
  check_strictly_ordered({"Anh", "Ánh", "Ăn"});
  CHECK(vi_less("Anh", "Ăn"));
  CHECK(vi_less("Dung", "Đà Nẵng"));
  CHECK(vi_less("Đà Nẵng", "Em"));
  CHECK(vi_less("Dương", "Đào"));
  CHECK(vi_less("Zulu", "đ") == false);
  CHECK(vi_less("Ư", "V"));
  CHECK(vi_less("Ơn", "Pa"));
}

TEST_CASE("vi_sort_key sorts a mixed list into dictionary order")
{
  const std::vector<std::string> names = {"Ơn", "Ông", "Ốc", "Bé", "Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Đào", "Dương"};
  const std::vector<std::string> expected = {"Ba", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bé", "Dương", "Đào", "Ốc", "Ông", "Ơn"};
  CHECK(vi_sorted(names) == expected);

  std::vector<std::string> reversed(expected.rbegin(), expected.rend());
  CHECK(vi_sorted(reversed) == expected);
}

TEST_CASE("vi_sort_key breaks letter ties by tone: none, huyền, hỏi, ngã, sắc, nặng")
{
  check_strictly_ordered({"ma", "mà", "mả", "mã", "má", "mạ"});
  check_strictly_ordered({"viêt", "việt"});
  check_strictly_ordered({"ơ", "ờ", "ở", "ỡ", "ớ", "ợ"});
  // The first toned letter decides.
  check_strictly_ordered({"bà ba", "bá bà"});
  check_strictly_ordered({"ba bà", "bà ba"});
  // A tone never outweighs a letter.
  CHECK(vi_less("mạ", "mb"));
  CHECK(vi_less("Bạ", "Bé"));
}

TEST_CASE("vi_sort_key breaks remaining ties by case, lower first, then bytes")
{
  check_strictly_ordered({"an", "aN", "An", "AN"});
  check_strictly_ordered({"đào", "Đào", "ĐÀO"});
  // Tone outranks case.
  CHECK(vi_less("Ba", "bà"));
  CHECK(vi_less("bà", "Bá"));
  // Case outranks the byte order (uppercase bytes are smaller).
  CHECK(vi_less("bé", "Bé"));
  // Different strings never tie, even when every level before the bytes agrees.
  CHECK(vi_sort_key("An Giang") != vi_sort_key("An  Giang"));
  CHECK(vi_less("An  Giang", "An Giang") != vi_less("An Giang", "An  Giang"));
  CHECK(vi_sort_key("u\u0308") != vi_sort_key("u"));
  CHECK(vi_sort_key("Bến Tre") == vi_sort_key("Bến Tre"));
  CHECK_FALSE(vi_less("Bến Tre", "Bến Tre"));
}

TEST_CASE("vi_sort_key puts white space and punctuation before digits, digits before letters")
{
  check_strictly_ordered({"An", "An Giang", "An-Giang", "An1", "Anh"});
  check_strictly_ordered({" ", "-", "0", "1", "9", "a"});
  check_strictly_ordered({"(a)", "1a", "a"});
  // Every run of white space is one unit: a tab sorts like a space.
  CHECK(vi_less("An\tGiang", "Anh"));
  // Other scripts follow the Latin letters, by code point.
  check_strictly_ordered({"z", "Ωmega", "Дон", "中"});
  // Case-insensitive for other scripts too.
  CHECK(vi_less("ωa", "Ωb"));
}

TEST_CASE("vi_sort_key gives the same key for NFD and NFC input")
{
  CHECK(vi_sort_key(k_tinh_doan_nfd) == vi_sort_key(k_tinh_doan_nfc));
  CHECK(vi_sort_key("Nguye\u0302\u0303n") == vi_sort_key("Nguyễn"));
  CHECK(vi_sort_key("o\u0323\u031B") == vi_sort_key("ợ"));
  const std::vector<std::string> nfd = {"O\u031Bn", "O\u0302ng", "O\u0302\u0301c", "Be\u0301", "Ba", "Ba\u0300", "Ba\u0309",
                                        "Ba\u0303", "Ba\u0301", "Ba\u0323", "\u0110a\u0300o", "Du\u031Bo\u031Bng"};
  const std::vector<std::string> expected = {"Ba", "Ba\u0300", "Ba\u0309", "Ba\u0303", "Ba\u0301", "Ba\u0323",
                                             "Be\u0301", "Du\u031Bo\u031Bng", "\u0110a\u0300o", "O\u0302\u0301c", "O\u0302ng", "O\u031Bn"};
  CHECK(vi_sorted(nfd) == expected);
  // Mixed forms interleave correctly.
  check_strictly_ordered({"Ba\u0300", "Bả", "Ba\u0303", "Bá"});
}

TEST_CASE("vi_sort_key is a byte string usable with plain comparison")
{
  const std::string a = vi_sort_key("Anh");
  const std::string b = vi_sort_key("Ăn");
  CHECK(a < b);
  CHECK(a.compare(b) < 0);
  CHECK(vi_sort_key("").size() > 0);
  CHECK(vi_less("", "a"));
  CHECK(vi_less("", " "));
  CHECK_NOTHROW(vi_sort_key("B\xE1n"));
  CHECK_NOTHROW(vi_sort_key(std::string_view("a\0b", 3)));
  CHECK(vi_sort_key("\u0301a").size() > 0);   // a leading mark with no base
}

TEST_CASE("split_list splits, trims and drops empty parts")
{
  using List = std::vector<std::string>;
  CHECK(split_list("a,b,c", ',') == List{"a", "b", "c"});
  CHECK(split_list(" Sở Nội vụ , Sở Tài chính ,, ", ',') == List{"Sở Nội vụ", "Sở Tài chính"});
  CHECK(split_list("  UBND tỉnh  ", ',') == List{"UBND tỉnh"});
  CHECK(split_list("a;b , c", ';') == List{"a", "b , c"});
  CHECK(split_list("\u00A0x\u00A0,\u3000y", ',') == List{"x", "y"});
  CHECK(split_list("", ',').empty());
  CHECK(split_list(" , ,", ',').empty());
  CHECK(split_list(",a,", ',') == List{"a"});
}

TEST_CASE("nfc's shortcut: every code point of the ranges it copies is already NFC, alone and after another")
{
  // nfc() copies text made only of ASCII, U+00A0-U+02FF and U+1E00-U+1EFF
  // without asking utf8proc; that is right only if utf8proc would leave each
  // of them unchanged, also right after a letter it might compose with.
  const std::vector<std::vector<int>> ranges = {{0x20, 0x7E}, {0xA0, 0x2FF}, {0x1E00, 0x1EFF}};
  int checked = 0;
  for (const auto& range : ranges) {
    for (int cp = range[0]; cp <= range[1]; ++cp) {
      const std::string text = "a" + utf8_of(static_cast<std::uint32_t>(cp)) + "e" +
                               utf8_of(static_cast<std::uint32_t>(cp)) + utf8_of(static_cast<std::uint32_t>(cp));
      CHECK(nfc(text) == text); // the shortcut
      // A decomposed ý in front sends the whole text through utf8proc, which
      // must compose the ý and leave the rest as it was.
      if (nfc("y\xCC\x81" + text) != "\xC3\xBD" + text) {
        FAIL("utf8proc changes code point " << cp);
      }
      ++checked;
    }
  }
  CHECK(checked == 0x5F + 0x260 + 0x100);
  CHECK(nfc("Vie\xCC\xA3t") == "Vi\xE1\xBA\xB9t"); // a combining mark still composes
}

TEST_CASE("fold's per-code-point path equals utf8proc folding the whole text: every code point")
{
  using phoihop::core::detail::fold_by_utf8proc;
  // Alone, between letters, and between spaces with a mark after it (a mark
  // kept by the folding would have to be reordered: fold() must notice).
  int differ = 0;
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    const std::string c = utf8_of(cp);
    for (const std::string& text : {c, "A" + c + "b", " " + c + "\u0301 \u0323x"}) {
      if (fold(text) != fold_by_utf8proc(text)) {
        ++differ;
        INFO("code point ", cp);
        CHECK(fold(text) == fold_by_utf8proc(text));
      }
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("fold's per-code-point path equals utf8proc folding the whole text: samples")
{
  using phoihop::core::detail::fold_by_utf8proc;
  const std::vector<std::string> samples = {
    "",
    " ",
    "\t\n\r ",
    k_tinh_doan_nfc,
    k_tinh_doan_nfd,
    "  TỈNH  Đoàn Bến Tre  ",
    "ĐOÀN TNCS HỒ CHÍ MINH đđĐĐ \u00D0\u00F0",
    "Nguye\u0302\u0303n Thi\u0323 Be\u0301 Mu\u031Bo\u031B\u0300i",
    "o\u0323\u031B o\u031B\u0323 a\u0301\u0300\u0309",             // marks in either order
    "\u0301\u0323 leading marks",
    "Ὦ ᾯ \u1FA7 \u0391\u0345 \u03B1\u0313\u0342\u0345 ΣΑΣ ς",        // Greek, ypogegrammeni
    "Ｂến Ｔre ﬁ ﬂ ㎞ ① ½ ™",                                         // compatibility forms
    "05/QCPH\u2013UBND \u2014 \u2018x\u2019 \u201Cy\u201D \u2212",   // lumped punctuation
    "Tỉnh\u00ADđoàn \u200B\u200C\u200D\uFEFF \u2060x",               // ignorables
    "\u00A0\u2002\u2003\u2009\u202F\u205F\u3000 spaces \u2028\u2029\u0085",
    "中文 日本語 한국어 \u1100\u1161\u11A8 \uAC00",                     // CJK, Hangul jamo
    "עִבְרִית العَرَبِيَّة हिन्दी ไทย",                                        // scripts with marks
    "\xF0\x9F\x98\x80 \xF0\x9F\x87\xBB\xF0\x9F\x87\xB3 \xF0\x9D\x90\x80", // emoji, math bold A
    std::string("a\0b", 3),
    "bad \xFF byte \xE1\xBA and \xC0\x80 overlong \xED\xA0\x80 surrogate",
    "\xF4\x90\x80\x80 \x80\x80 \xC3",
  };
  for (const auto& text : samples) {
    INFO(text);
    CHECK(fold(text) == fold_by_utf8proc(text));
  }
  // Random mixes from the ranges the fold sees in practice, a deterministic sequence.
  const std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges = {
    {0x00, 0x7F},     {0x80, 0x2FF},   {0x300, 0x36F},   {0x370, 0x4FF},   {0x1E00, 0x1FFF},
    {0x2000, 0x206F}, {0x3000, 0x30FF}, {0xAC00, 0xAC20}, {0xFB00, 0xFB4F}, {0xFE00, 0xFFFD},
    {0x1F600, 0x1F64F},
  };
  std::uint32_t state = 12345;
  auto next = [&state](std::uint32_t bound) {
    state = state * 1103515245U + 12345U;
    return (state >> 8) % bound;
  };
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const std::uint32_t length = next(12);
    for (std::uint32_t i = 0; i < length; ++i) {
      if (next(40) == 0) {
        text += static_cast<char>(0x80 + next(0x80)); // an ill-formed byte
        continue;
      }
      const auto& range = ranges[next(static_cast<std::uint32_t>(ranges.size()))];
      const std::uint32_t cp = range.first + next(range.second - range.first + 1);
      text += (cp >= 0xD800 && cp <= 0xDFFF) ? std::string(" ") : utf8_of(cp);
    }
    if (fold(text) != fold_by_utf8proc(text)) {
      INFO("round ", round);
      CHECK(fold(text) == fold_by_utf8proc(text));
    }
  }
}

namespace {

// utf8proc's own answer: every sequence well-formed, and no NUL.
bool valid_by_utf8proc(std::string_view text)
{
  std::size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + pos,
                                    static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0 || cp == 0) {
      return false;
    }
    pos += static_cast<std::size_t>(n);
  }
  return true;
}

std::string nfc_by_utf8proc(std::string_view text)
{
  utf8proc_uint8_t* raw = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                              static_cast<utf8proc_ssize_t>(text.size()), &raw,
                              static_cast<utf8proc_option_t>(UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  std::string out = n < 0 ? std::string() : std::string(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
  std::free(raw);
  return out;
}

} // namespace

TEST_CASE("is_valid_utf8 and nfc decode as utf8proc does: every 1-, 2- and 3-byte sequence")
{
  const std::vector<unsigned> thirds = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x9F, 0xA0, 0xBF, 0xC0, 0xE1, 0xFF};
  int differ = 0;
  for (unsigned lead = 0; lead <= 0xFF; ++lead) {
    for (unsigned second = 0; second <= 0xFF; ++second) {
      for (unsigned third : thirds) {
        std::string text = "x";
        text += static_cast<char>(lead);
        text += static_cast<char>(second);
        text += static_cast<char>(third);
        for (std::size_t cut = 2; cut <= text.size(); ++cut) {
          const std::string_view part(text.data(), cut);
          const bool valid = valid_by_utf8proc(part);
          if (is_valid_utf8(part) != valid) {
            ++differ;
            INFO("bytes ", lead, " ", second, " ", third, " cut ", cut);
            CHECK(is_valid_utf8(part) == valid);
          }
          if (valid && nfc(part) != nfc_by_utf8proc(part)) {
            ++differ;
            INFO("bytes ", lead, " ", second, " ", third, " cut ", cut);
            CHECK(nfc(part) == nfc_by_utf8proc(part));
          }
          if (!valid && third == 0x80 && cut == text.size()) { // (exceptions are slow: a sample)
            bool refused = false;
            try {
              nfc(part);
            } catch (const UsageError&) {
              refused = true;
            }
            if (!refused) {
              ++differ;
              FAIL_CHECK("nfc accepted ill-formed bytes ", lead, " ", second, " ", third, " cut ", cut);
            }
          }
        }
      }
    }
  }
  CHECK(differ == 0);
}

TEST_CASE("nfc and clean equal utf8proc's NFC (then trimmed) for every BMP code point after a letter")
{
  int differ = 0;
  for (std::uint32_t cp = 1; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      continue;
    }
    for (const std::string& text : {"a" + utf8_of(cp), utf8_of(cp) + "\u0301", " " + utf8_of(cp) + " "}) {
      if (nfc(text) != nfc_by_utf8proc(text)) {
        ++differ;
        INFO("code point ", cp);
        CHECK(nfc(text) == nfc_by_utf8proc(text));
      }
      std::string in_place = text;
      phoihop::core::nfc_in_place(in_place);
      if (in_place != nfc(text)) {
        ++differ;
        FAIL_CHECK("nfc_in_place differs from nfc for code point ", cp);
      }
    }
  }
  CHECK(differ == 0);
  CHECK(clean(" \u1EA0 ") == "\u1EA0");
  CHECK(clean("\u00A0A\u0323\u00A0") == "\u1EA0"); // composed, then the no-break spaces trimmed
}

TEST_CASE("is_simple_nfc: well-formed, no NUL, only code points nfc() copies")
{
  using phoihop::core::is_simple_nfc;
  CHECK(is_simple_nfc(""));
  CHECK(is_simple_nfc("Tỉnh đoàn Bến Tre, \"ghi chú\"\r\n"));
  CHECK_FALSE(is_simple_nfc(k_tinh_doan_nfd));         // combining marks
  CHECK_FALSE(is_simple_nfc("中文"));                   // well-formed, but utf8proc decides
  CHECK_FALSE(is_simple_nfc("B\xE1n"));
  CHECK_FALSE(is_simple_nfc(std::string_view("a\0b", 3)));
  for (std::uint32_t cp = 1; cp < 0x3000; ++cp) {
    const bool copied = cp < 0x80 || (cp >= 0xA0 && cp <= 0x2FF) || (cp >= 0x1E00 && cp <= 0x1EFF);
    if (is_simple_nfc(utf8_of(cp)) != copied) {
      FAIL_CHECK("is_simple_nfc is wrong for code point ", cp);
    }
  }
}

TEST_CASE("clean_view gives clean()'s text, a view of the input when that is only trimmed")
{
  using phoihop::core::clean_view;
  std::string buffer;
  for (const std::string& text : {std::string(""), std::string("  Bến Tre  "), std::string("\u00A0Bến Tre\u3000"),
                                 " " + k_tinh_doan_nfd + " ", std::string("\uFEFF中文\u200B"), std::string("x")}) {
    INFO(text);
    const std::string_view view = clean_view(text, buffer);
    CHECK(view == clean(text));
    const bool inside = view.data() >= text.data() && view.data() + view.size() <= text.data() + text.size();
    CHECK(inside == phoihop::core::is_simple_nfc(text));
  }
  CHECK_THROWS_WITH_AS(clean_view(" \xFF ", buffer, "cell"), doctest::Contains("invalid UTF-8 in cell"), UsageError);
}

TEST_CASE("unaccent keeps the case and drops the accents; casefold keeps the accents")
{
  CHECK(phoihop::core::unaccent("Sở Lao động") == "So Lao dong");
  CHECK(phoihop::core::unaccent("ĐOÀN Đà Nẵng") == "DOAN Da Nang");
  CHECK(phoihop::core::unaccent("Sở GD&ĐT") == "So GD&DT");
  CHECK(phoihop::core::unaccent("plain") == "plain");
  CHECK(phoihop::core::casefold("SỞ Lao") == "sở lao");
  CHECK(phoihop::core::casefold("Đà") == "đà");
}
