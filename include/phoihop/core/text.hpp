#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace phoihop::core {

// True when `text` is well-formed UTF-8 without NUL bytes.
bool is_valid_utf8(std::string_view text);

// Unicode NFC of `text`; throws UsageError naming `what` when it is not
// valid UTF-8 or contains a NUL byte. Every stored string passes through here.
std::string nfc(std::string_view text, std::string_view what = "text");

// True when `text` is well-formed UTF-8 without NUL made only of code points
// that nfc() keeps as they are without asking utf8proc (ASCII, U+00A0-U+02FF,
// U+1E00-U+1EFF: Latin and precomposed Vietnamese). Every piece of such text
// cut at ASCII bytes is then its own NFC too.
bool is_simple_nfc(std::string_view text);

// nfc() of `text` into `text` itself (no copy when it is already NFC).
void nfc_in_place(std::string& text, std::string_view what = "text");

// The longest text a value may hold: one line (names, titles, codes) or free
// text (notes, reasons, descriptions, conclusions, minutes).
inline constexpr std::size_t k_max_line = 2000;
inline constexpr std::size_t k_max_text = 100000;

// True when `text` has a C0 control character, DEL or a C1 control
// (U+0080-U+009F); line feeds and tabs are allowed in `multiline` text.
bool has_control_character(std::string_view text, bool multiline);

// The first thing that keeps `text` from being a stored value, or nullptr:
// "is not valid UTF-8", "is not in Unicode NFC", "has white space at either
// end", "has a control character", "is too long". What every writer stores
// and `db check` verifies (store/invariants.cpp).
const char* text_fault(std::string_view text, bool multiline);

// nfc() plus trimming of leading/trailing white space.
std::string clean(std::string_view text, std::string_view what = "text");

// A value as every command and import takes it: clean(), then no control
// characters and at most k_max_line bytes; `multiline` text (notes, reasons,
// descriptions) keeps line feeds and tabs (CRLF becomes LF) and may have
// k_max_text bytes. Throws UsageError naming `what` and the value.
std::string checked_text(std::string_view value, std::string_view what, bool multiline);

// clean(text), without a copy where it can: a view of `text` itself when it
// is_simple_nfc() (trimming is all clean() does to it), else of `buffer`,
// which then holds clean(text).
std::string_view clean_view(std::string_view text, std::string& buffer, std::string_view what = "text");

// The folded key used to find names and to search: case- and
// accent-insensitive, đ→d, runs of white space collapsed to one ASCII space,
// trimmed. "  TỈNH  Đoàn Bến Tre" and "tinh doan ben tre" give the same key.
// Never throws: each ill-formed byte becomes U+FFFD (validate with nfc() first).
std::string fold(std::string_view text);

namespace detail {
// fold() as utf8proc_decompose gives it for the whole text at once: what
// fold()'s per-code-point fast path must equal (the unit tests compare them).
std::string fold_by_utf8proc(std::string_view text);
} // namespace detail

// `text` in NFC without its accents, its case kept (marks stripped, đ→d,
// Đ→D): "Sở Lao động" → "So Lao dong". For shells that match no other way.
std::string unaccent(std::string_view text);

// `text` in NFC, case-folded, its accents kept: "SỞ" and "sở" alike.
std::string casefold(std::string_view text);

// Columns `text` occupies on a terminal (East Asian wide = 2, combining = 0).
int display_width(std::string_view text);

// Pads `text` with spaces on the right to `width` display columns.
std::string pad_right(std::string_view text, int width);

// A byte string whose memcmp order is Vietnamese alphabetical order
// (a ă â b c d đ e ê … by letter first, then tone: none, huyền, hỏi, ngã,
// sắc, nặng; then case). Usable as an SQLite BLOB for ORDER BY.
std::string vi_sort_key(std::string_view text);

// Vietnamese alphabetical comparison of two strings (via vi_sort_key).
bool vi_less(std::string_view a, std::string_view b);

// Splits on `sep`, trimming each part; empty parts are dropped.
std::vector<std::string> split_list(std::string_view text, char sep);

} // namespace phoihop::core
