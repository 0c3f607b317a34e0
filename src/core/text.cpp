#include <phoihop/core/text.hpp>

#include <phoihop/core/error.hpp>

#include <fmt/format.h>
#include <utf8proc.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>

namespace phoihop::core {

namespace {

using CodePoint = utf8proc_int32_t;

constexpr std::string_view k_replacement_utf8 = "\xEF\xBF\xBD";

// The option flags are a C enum; or-ing them yields an int.
constexpr utf8proc_option_t options(int flags)
{
  return static_cast<utf8proc_option_t>(flags);
}

const utf8proc_uint8_t* bytes_of(std::string_view text)
{
  return reinterpret_cast<const utf8proc_uint8_t*>(text.data());
}

// Length of the well-formed sequence starting at `pos`, or 0 when the bytes
// there are ill-formed. utf8proc_iterate already rejects overlong forms,
// surrogates and code points above U+10FFFF.
std::size_t sequence_length(std::string_view text, std::size_t pos, CodePoint* code_point = nullptr)
{
  CodePoint cp = 0;
  const auto n = utf8proc_iterate(bytes_of(text) + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) {
    return 0;
  }
  if (code_point != nullptr) {
    *code_point = cp;
  }
  return static_cast<std::size_t>(n);
}

struct Utf8Problem {
  std::size_t offset = 0;
  bool nul = false;
};

std::optional<Utf8Problem> find_utf8_problem(std::string_view text)
{
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c == 0) {
      return Utf8Problem{pos, true};
    }
    if (c < 0x80) {
      ++pos;
      continue;
    }
    const std::size_t n = sequence_length(text, pos);
    if (n == 0) {
      return Utf8Problem{pos, false};
    }
    pos += n;
  }
  return std::nullopt;
}

// The value for an error message: ill-formed bytes written as \xNN so the
// message itself stays valid UTF-8 (quote_arg() then escapes control chars).
std::string printable(std::string_view text)
{
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    const std::size_t n = c < 0x80 ? 1 : sequence_length(text, pos);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", c);
      ++pos;
    } else {
      out.append(text.substr(pos, n));
      pos += n;
    }
  }
  return phoihop::quote_arg(out);
}

// Ill-formed bytes become U+FFFD, so the folding helpers never throw on
// text that bypassed nfc(); NUL bytes are kept.
std::string sanitized(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    const std::size_t n = c < 0x80 ? 1 : sequence_length(text, pos);
    if (n == 0) {
      out += k_replacement_utf8;
      ++pos;
    } else {
      out.append(text.substr(pos, n));
      pos += n;
    }
  }
  return out;
}

// `valid` must be well-formed UTF-8 (NUL allowed: the length is explicit).
std::vector<CodePoint> decompose(std::string_view valid, utf8proc_option_t flags)
{
  std::vector<CodePoint> buffer(valid.size() + 8);
  for (;;) {
    const auto n = utf8proc_decompose(bytes_of(valid), static_cast<utf8proc_ssize_t>(valid.size()), buffer.data(),
                                      static_cast<utf8proc_ssize_t>(buffer.size()), flags);
    if (n < 0) {
      throw Failure(fmt::format("cannot normalise text: {}", utf8proc_errmsg(n)));
    }
    const auto count = static_cast<std::size_t>(n);
    if (count <= buffer.size()) {
      buffer.resize(count);
      return buffer;
    }
    // The buffer was too small: utf8proc reported the size it needs.
    buffer.resize(count);
  }
}

// True when every code point of valid UTF-8 lies in ASCII, U+00A0-U+02FF or
// U+1E00-U+1EFF (Latin and the precomposed Vietnamese letters): each of those
// is a starter (combining class 0) with NFC_Quick_Check=Yes that nothing
// composes with, so such text is already in NFC (UAX #15 quick check) and
// normalising it is a copy. Tests: test_core_text.cpp checks every one.
bool is_plain_nfc(std::string_view valid)
{
  for (std::size_t i = 0; i < valid.size();) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    CodePoint cp = 0;
    if ((c & 0xE0) == 0xC0 && i + 1 < valid.size()) {
      cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(valid[i + 1]) & 0x3F);
      i += 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < valid.size()) {
      cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(valid[i + 1]) & 0x3F) << 6) |
           (static_cast<unsigned char>(valid[i + 2]) & 0x3F);
      i += 3;
    } else {
      return false;
    }
    if (!((cp >= 0xA0 && cp <= 0x2FF) || (cp >= 0x1E00 && cp <= 0x1EFF))) {
      return false;
    }
  }
  return true;
}

enum class Shape {
  ill_formed, // or holding a NUL byte
  plain_nfc,  // well-formed, and every code point one is_plain_nfc() copies
  other,      // well-formed
};

// is_valid_utf8() and is_plain_nfc() in one pass, the 1-, 2- and 3-byte
// sequences decoded here as utf8proc_iterate() judges them (no overlong
// form, no surrogate; the unit tests compare them for every 2- and 3-byte
// sequence), anything else by utf8proc_iterate() itself.
Shape shape_of(std::string_view text)
{
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  bool plain = true;
  std::size_t i = 0;
  while (i < size) {
    const unsigned c = bytes[i];
    if (c < 0x80) {
      if (c == 0) {
        return Shape::ill_formed;
      }
      ++i;
      continue;
    }
    auto continuation = [&](std::size_t at) { return at < size && (bytes[at] & 0xC0U) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
      if (!continuation(i + 1)) {
        return Shape::ill_formed;
      }
      const unsigned cp = ((c & 0x1FU) << 6) | (bytes[i + 1] & 0x3FU);
      plain = plain && cp >= 0xA0 && cp <= 0x2FF;
      i += 2;
      continue;
    }
    if (c >= 0xE0 && c <= 0xEF) {
      if (!continuation(i + 1) || !continuation(i + 2) || (c == 0xE0 && bytes[i + 1] < 0xA0) ||
          (c == 0xED && bytes[i + 1] > 0x9F)) {
        return Shape::ill_formed;
      }
      const unsigned cp = ((c & 0x0FU) << 12) | ((bytes[i + 1] & 0x3FU) << 6) | (bytes[i + 2] & 0x3FU);
      plain = plain && cp >= 0x1E00 && cp <= 0x1EFF;
      i += 3;
      continue;
    }
    const std::size_t n = sequence_length(text, i);
    if (n == 0) {
      return Shape::ill_formed;
    }
    plain = false;
    i += n;
  }
  return plain ? Shape::plain_nfc : Shape::other;
}

// utf8proc_map of well-formed `valid` with `flags`, composed (NFC).
std::string mapped(std::string_view valid, int flags)
{
  utf8proc_uint8_t* raw = nullptr;
  const auto n = utf8proc_map(bytes_of(valid), static_cast<utf8proc_ssize_t>(valid.size()), &raw,
                              options(flags | UTF8PROC_COMPOSE | UTF8PROC_STABLE));
  const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(raw, &std::free);
  if (n < 0) {
    throw Failure(fmt::format("cannot normalise text: {}", utf8proc_errmsg(n)));
  }
  return std::string(reinterpret_cast<const char*>(raw), static_cast<std::size_t>(n));
}

std::string nfc_of_valid(std::string_view valid)
{
  return is_plain_nfc(valid) ? std::string(valid) : mapped(valid, 0);
}

// Unicode White_Space: the ASCII and C1 controls that separate, plus the
// space, line and paragraph separator categories.
bool is_white_space(CodePoint cp)
{
  if ((cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85) {
    return true;
  }
  if (cp < 0xA0) {
    return false;
  }
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_ZS || category == UTF8PROC_CATEGORY_ZL || category == UTF8PROC_CATEGORY_ZP;
}

// Trimming also drops the zero-width space and the byte order mark: both are
// invisible, arrive with text pasted from Word or Excel, and never belong at
// the edge of a name.
bool is_trimmable(CodePoint cp)
{
  return is_white_space(cp) || cp == 0x200B || cp == 0xFEFF;
}

bool is_mark(CodePoint cp)
{
  if (cp < 0x0300) {
    return false;
  }
  const auto category = utf8proc_category(cp);
  return category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC || category == UTF8PROC_CATEGORY_ME;
}

// Works on ill-formed text too: such bytes are never trimmed.
std::string_view trim_view(std::string_view text)
{
  while (!text.empty()) {
    CodePoint cp = 0;
    const std::size_t n = sequence_length(text, 0, &cp);
    if (n == 0 || !is_trimmable(cp)) {
      break;
    }
    text.remove_prefix(n);
  }
  while (!text.empty()) {
    std::size_t start = text.size() - 1;
    while (start > 0 && text.size() - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
      --start;
    }
    CodePoint cp = 0;
    const std::size_t n = sequence_length(text, start, &cp);
    if (n != text.size() - start || !is_trimmable(cp)) {
      break;
    }
    text.remove_suffix(n);
  }
  return text;
}

// U+0110/U+0111 have no decomposition, so stripping marks leaves them; the
// eth U+00D0/U+00F0 is included because legacy Vietnamese font converters
// put it where Đ belongs.
bool is_d_with_stroke(CodePoint lower)
{
  return lower == 0x0111 || lower == 0x00F0;
}

// Vietnamese alphabet order, with f j w z in their Latin places.
enum class Letter : std::uint8_t {
  a, a_breve, a_circumflex, b, c, d, d_stroke, e, e_circumflex, f, g, h, i, j, k, l, m, n,
  o, o_circumflex, o_horn, p, q, r, s, t, u, u_horn, v, w, x, y, z,
};

constexpr std::array<Letter, 26> k_latin_letters = {
  Letter::a, Letter::b, Letter::c, Letter::d, Letter::e, Letter::f, Letter::g, Letter::h, Letter::i,
  Letter::j, Letter::k, Letter::l, Letter::m, Letter::n, Letter::o, Letter::p, Letter::q, Letter::r,
  Letter::s, Letter::t, Letter::u, Letter::v, Letter::w, Letter::x, Letter::y, Letter::z,
};

constexpr CodePoint k_breve = 0x0306;
constexpr CodePoint k_circumflex = 0x0302;
constexpr CodePoint k_horn = 0x031B;

// Tone ranks follow the dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
std::uint8_t tone_rank(CodePoint mark)
{
  switch (mark) {
  case 0x0300: return 1; // huyền
  case 0x0309: return 2; // hỏi
  case 0x0303: return 3; // ngã
  case 0x0301: return 4; // sắc
  case 0x0323: return 5; // nặng
  default: return 0;
  }
}

Letter letter_with_modifiers(Letter base, const CodePoint* marks, std::size_t count)
{
  bool breve = false;
  bool circumflex = false;
  bool horn = false;
  for (std::size_t index = 0; index < count; ++index) {
    breve = breve || marks[index] == k_breve;
    circumflex = circumflex || marks[index] == k_circumflex;
    horn = horn || marks[index] == k_horn;
  }
  switch (base) {
  case Letter::a: return breve ? Letter::a_breve : circumflex ? Letter::a_circumflex : Letter::a;
  case Letter::e: return circumflex ? Letter::e_circumflex : Letter::e;
  case Letter::o: return circumflex ? Letter::o_circumflex : horn ? Letter::o_horn : Letter::o;
  case Letter::u: return horn ? Letter::u_horn : Letter::u;
  default: return base;
  }
}

// Level-1 weights; see vi_sort_key(). 0x0000 is the level terminator.
constexpr std::uint16_t k_weight_space = 0x0001;
constexpr std::uint16_t k_weight_punctuation = 0x0002; // followed by the code point
constexpr std::uint16_t k_weight_digit = 0x0010;
constexpr std::uint16_t k_weight_letter = 0x0100;
constexpr std::uint16_t k_weight_other = 0x8000; // followed by the code point

constexpr std::uint16_t letter_weight(Letter letter)
{
  return static_cast<std::uint16_t>(k_weight_letter + static_cast<std::uint16_t>(letter));
}

bool is_punctuation_like(CodePoint cp)
{
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_PC:
  case UTF8PROC_CATEGORY_PD:
  case UTF8PROC_CATEGORY_PS:
  case UTF8PROC_CATEGORY_PE:
  case UTF8PROC_CATEGORY_PI:
  case UTF8PROC_CATEGORY_PF:
  case UTF8PROC_CATEGORY_PO:
  case UTF8PROC_CATEGORY_SM:
  case UTF8PROC_CATEGORY_SC:
  case UTF8PROC_CATEGORY_SK:
  case UTF8PROC_CATEGORY_SO:
  case UTF8PROC_CATEGORY_CC:
  case UTF8PROC_CATEGORY_CF:
    return true;
  default:
    return false;
  }
}

struct SortElement {
  std::uint16_t weight = 0;
  CodePoint code_point = -1; // only for the punctuation and other classes
  std::uint8_t tone = 0;
  bool upper = false;
};

SortElement sort_element(CodePoint base, const CodePoint* marks, std::size_t mark_count)
{
  SortElement element;
  const CodePoint lower = utf8proc_tolower(base);
  element.upper = lower != base;
  for (std::size_t index = 0; index < mark_count && element.tone == 0; ++index) {
    element.tone = tone_rank(marks[index]);
  }
  if (base >= '0' && base <= '9') {
    element.weight = static_cast<std::uint16_t>(k_weight_digit + (base - '0'));
  } else if (lower >= 'a' && lower <= 'z') {
    const Letter letter = letter_with_modifiers(k_latin_letters[static_cast<std::size_t>(lower - 'a')], marks, mark_count);
    element.weight = letter_weight(letter);
  } else if (is_d_with_stroke(lower)) {
    element.weight = letter_weight(Letter::d_stroke);
  } else if (is_punctuation_like(base)) {
    element.weight = k_weight_punctuation;
    element.code_point = base;
  } else {
    element.weight = k_weight_other;
    element.code_point = lower;
  }
  return element;
}

void append_code_point_bytes(std::string& key, CodePoint cp)
{
  key += static_cast<char>((cp >> 16) & 0xFF);
  key += static_cast<char>((cp >> 8) & 0xFF);
  key += static_cast<char>(cp & 0xFF);
}

} // namespace

bool is_valid_utf8(std::string_view text)
{
  return shape_of(text) != Shape::ill_formed;
}

bool is_simple_nfc(std::string_view text)
{
  return shape_of(text) == Shape::plain_nfc;
}

namespace {

// The error for text shape_of() found ill-formed: what and where.
[[noreturn]] void throw_ill_formed(std::string_view text, std::string_view what)
{
  const auto problem = find_utf8_problem(text).value_or(Utf8Problem{});
  throw UsageError(fmt::format("{} in {}: {} (byte {})", problem.nul ? "NUL byte" : "invalid UTF-8", what,
                               printable(text), problem.offset + 1));
}

} // namespace

std::string nfc(std::string_view text, std::string_view what)
{
  switch (shape_of(text)) {
  case Shape::ill_formed:
    throw_ill_formed(text, what);
  case Shape::plain_nfc:
    return std::string(text);
  case Shape::other:
    break;
  }
  return nfc_of_valid(text);
}

void nfc_in_place(std::string& text, std::string_view what)
{
  switch (shape_of(text)) {
  case Shape::ill_formed:
    throw_ill_formed(text, what);
  case Shape::plain_nfc:
    return;
  case Shape::other:
    break;
  }
  text = nfc_of_valid(text);
}

std::string_view clean_view(std::string_view text, std::string& buffer, std::string_view what)
{
  if (shape_of(text) == Shape::plain_nfc) {
    return trim_view(text);
  }
  buffer = clean(text, what);
  return buffer;
}

bool has_control_character(std::string_view text, bool multiline)
{
  // Most text has none of the bytes that can start a control character: one
  // cheap pass over all bytes, the exact one only when some are there.
  unsigned suspect = 0;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    suspect |= static_cast<unsigned>(c < 0x20) | static_cast<unsigned>(c == 0x7f) | static_cast<unsigned>(c == 0xc2);
  }
  for (std::size_t i = 0; suspect != 0 && i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool allowed = multiline && (c == '\n' || c == '\t');
    // C0 controls, DEL, and the C1 controls U+0080-U+009F (UTF-8 C2 80 - C2 9F;
    // U+009B is a terminal's CSI).
    bool c1 = c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f;
    if (((c < 0x20 || c == 0x7f) && !allowed) || c1) {
      return true;
    }
  }
  return false;
}

const char* text_fault(std::string_view text, bool multiline)
{
  switch (shape_of(text)) {
  case Shape::ill_formed: return "is not valid UTF-8";
  case Shape::plain_nfc: break;
  case Shape::other:
    if (nfc_of_valid(text) != text) {
      return "is not in Unicode NFC";
    }
    break;
  }
  if (trim_view(text).size() != text.size()) {
    return "has white space at either end";
  }
  if (has_control_character(text, multiline)) {
    return "has a control character";
  }
  if (text.size() > (multiline ? k_max_text : k_max_line)) {
    return "is too long";
  }
  return nullptr;
}

std::string clean(std::string_view text, std::string_view what)
{
  if (shape_of(text) == Shape::plain_nfc) {
    return std::string(trim_view(text));
  }
  const std::string normalised = nfc(text, what);
  return std::string(trim_view(normalised));
}

std::string checked_text(std::string_view value, std::string_view what, bool multiline)
{
  std::string text = clean(value, what);
  if (multiline && text.find('\r') != std::string::npos) {
    std::string joined;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
        joined += text[i];
      }
    }
    text = std::move(joined);
  }
  if (has_control_character(text, multiline)) {
    throw UsageError(fmt::format("control character in {}: {}", what, quote_arg(std::string(value))));
  }
  std::size_t limit = multiline ? k_max_text : k_max_line;
  if (text.size() > limit) {
    throw UsageError(fmt::format("{} is too long: {} bytes (at most {})", what, text.size(), limit));
  }
  return text;
}

namespace {

// COMPAT folds full-width letters and ligatures; IGNORE drops soft hyphens
// and zero-width characters that pasted text carries; LUMP maps the many
// dashes, quotes and spaces to their ASCII forms.
constexpr int k_fold_flags = UTF8PROC_DECOMPOSE | UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                             UTF8PROC_STRIPMARK | UTF8PROC_LUMP | UTF8PROC_IGNORE;

// The folded key from the code points utf8proc made of the text: runs of
// white space become one space between words, đ becomes d.
class FoldWriter {
public:
  explicit FoldWriter(std::string& out) : m_out(out) {}
  void add(CodePoint cp)
  {
    if (is_white_space(cp)) {
      space();
    } else {
      std::array<utf8proc_uint8_t, 4> buffer{};
      const auto n = utf8proc_encode_char(is_d_with_stroke(cp) ? 'd' : cp, buffer.data());
      bytes(std::string_view(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n)));
    }
  }
  void space() { m_space_pending = !m_out.empty(); }
  void bytes(std::string_view b)
  {
    if (m_space_pending) {
      m_out += ' ';
      m_space_pending = false;
    }
    m_out.append(b);
  }

private:
  std::string& m_out;
  bool m_space_pending = false;
};

std::string fold_whole(std::string_view text)
{
  const auto code_points = decompose(sanitized(text), options(k_fold_flags));
  std::string out;
  out.reserve(code_points.size());
  FoldWriter writer(out);
  for (const CodePoint cp : code_points) {
    writer.add(cp);
  }
  return out;
}

// What one code point folds to, from utf8proc_decompose_char with the flags
// above: up to 4 code points, each white space or bytes (đ already d).
// utf8proc_decompose is that per code point, then a canonical reordering of
// any code points with a non-zero combining class; STRIPMARK leaves none in
// practice, and a code point whose folding keeps one is `whole`: the text is
// then folded by utf8proc_decompose itself.
struct FoldPiece {
  bool ready = false;
  bool whole = false;
  std::uint8_t count = 0;
  std::uint8_t space_mask = 0; // bit k: part k is white space
  std::array<std::uint8_t, 4> length{};
  std::array<std::array<char, 4>, 4> bytes{};
};

void fill_piece(CodePoint cp, FoldPiece& piece)
{
  std::array<CodePoint, 8> parts{};
  int boundclass = UTF8PROC_BOUNDCLASS_START;
  const auto n = utf8proc_decompose_char(cp, parts.data(), static_cast<utf8proc_ssize_t>(parts.size()),
                                         options(k_fold_flags), &boundclass);
  piece = FoldPiece{};
  piece.ready = true;
  if (n < 0 || static_cast<std::size_t>(n) > piece.bytes.size()) {
    piece.whole = true;
    return;
  }
  piece.count = static_cast<std::uint8_t>(n);
  for (std::size_t k = 0; k < piece.count; ++k) {
    const CodePoint part = parts[k];
    if (utf8proc_get_property(part)->combining_class != 0) {
      piece.whole = true;
      return;
    }
    if (is_white_space(part)) {
      piece.space_mask = static_cast<std::uint8_t>(piece.space_mask | (1U << k));
      continue;
    }
    const CodePoint written = is_d_with_stroke(part) ? 'd' : part;
    piece.length[k] = static_cast<std::uint8_t>(
      utf8proc_encode_char(written, reinterpret_cast<utf8proc_uint8_t*>(piece.bytes[k].data())));
  }
}

// Pieces of the code points below U+3000 (Latin, Vietnamese, Greek, Cyrillic,
// combining marks, punctuation, spaces) are kept once made; others are made
// each time.
constexpr CodePoint k_kept_pieces = 0x3000;

const FoldPiece& piece_of(CodePoint cp, FoldPiece& scratch)
{
  static std::array<FoldPiece, k_kept_pieces> kept;
  FoldPiece& piece = cp < k_kept_pieces ? kept[static_cast<std::size_t>(cp)] : scratch;
  if (!piece.ready || &piece == &scratch) {
    fill_piece(cp, piece);
  }
  return piece;
}

} // namespace

std::string fold(std::string_view text)
{
  std::string out;
  out.reserve(text.size());
  FoldWriter writer(out);
  FoldPiece scratch;
  std::size_t pos = 0;
  while (pos < text.size()) {
    CodePoint cp = static_cast<unsigned char>(text[pos]);
    std::size_t n = 1;
    if (cp >= 0x80) {
      n = sequence_length(text, pos, &cp);
      if (n == 0) {
        cp = 0xFFFD; // as sanitized() spells an ill-formed byte
        n = 1;
      }
    }
    pos += n;
    const FoldPiece& piece = piece_of(cp, scratch);
    if (piece.whole) {
      return fold_whole(text);
    }
    for (std::size_t k = 0; k < piece.count; ++k) {
      if ((piece.space_mask >> k) & 1U) {
        writer.space();
      } else {
        writer.bytes(std::string_view(piece.bytes[k].data(), piece.length[k]));
      }
    }
  }
  return out;
}

namespace detail {

std::string fold_by_utf8proc(std::string_view text)
{
  return fold_whole(text);
}

} // namespace detail

std::string unaccent(std::string_view text)
{
  std::string out = mapped(sanitized(text), UTF8PROC_STRIPMARK);
  // The stroke of đ is no mark utf8proc strips: U+0111 and U+0110 by hand.
  for (std::size_t at = out.find('\xC4'); at != std::string::npos; at = out.find('\xC4', at)) {
    if (at + 1 < out.size() && (out[at + 1] == '\x91' || out[at + 1] == '\x90')) {
      out.replace(at, 2, out[at + 1] == '\x91' ? "d" : "D");
    } else {
      ++at;
    }
  }
  return out;
}

std::string casefold(std::string_view text)
{
  return mapped(sanitized(text), UTF8PROC_CASEFOLD);
}

int display_width(std::string_view text)
{
  int width = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    CodePoint cp = 0;
    const std::size_t n = sequence_length(text, pos, &cp);
    if (n == 0) {
      // A terminal shows an ill-formed byte as one replacement character.
      ++width;
      ++pos;
      continue;
    }
    width += utf8proc_charwidth(cp);
    pos += n;
  }
  return width;
}

std::string pad_right(std::string_view text, int width)
{
  std::string out(text);
  const int missing = width - display_width(text);
  if (missing > 0) {
    out.append(static_cast<std::size_t>(missing), ' ');
  }
  return out;
}

// Key layout, each level compared only when the previous ones are equal:
//   1. per element a 2-byte big-endian weight (space < punctuation < digits
//      < letters a ă â … z < other), punctuation and other code points
//      followed by their 3-byte code point; then 0x0000. Every element
//      class has a fixed length, so equal prefixes stay aligned for memcmp.
//   2. per element its tone + 1; then 0x00.
//   3. per element 1 for lower case, 2 for upper; then 0x00.
//   4. the NFC bytes, so distinct strings never tie.
// An element is a base character with the combining marks after it, or a
// run of white space.
std::string vi_sort_key(std::string_view text)
{
  const std::string valid = sanitized(text);
  const auto code_points = decompose(valid, options(UTF8PROC_DECOMPOSE | UTF8PROC_STABLE | UTF8PROC_IGNORE));

  std::vector<SortElement> elements;
  elements.reserve(code_points.size());
  std::size_t pos = 0;
  while (pos < code_points.size()) {
    const CodePoint base = code_points[pos];
    std::size_t end = pos + 1;
    while (end < code_points.size() && is_mark(code_points[end])) {
      ++end;
    }
    if (is_white_space(base)) {
      if (elements.empty() || elements.back().weight != k_weight_space) {
        elements.push_back(SortElement{k_weight_space, -1, 0, false});
      }
    } else if (is_mark(base)) {
      // A mark with no base character: give it its own element.
      elements.push_back(SortElement{k_weight_other, base, 0, false});
      end = pos + 1;
    } else {
      elements.push_back(sort_element(base, code_points.data() + pos + 1, end - pos - 1));
    }
    pos = end;
  }

  std::string key;
  key.reserve(elements.size() * 4 + valid.size() + 4);
  for (const auto& element : elements) {
    key += static_cast<char>(element.weight >> 8);
    key += static_cast<char>(element.weight & 0xFF);
    if (element.code_point >= 0) {
      append_code_point_bytes(key, element.code_point);
    }
  }
  key.append(2, '\0');
  for (const auto& element : elements) {
    key += static_cast<char>(element.tone + 1);
  }
  key += '\0';
  for (const auto& element : elements) {
    key += static_cast<char>(element.upper ? 2 : 1);
  }
  key += '\0';
  key += nfc_of_valid(valid);
  return key;
}

bool vi_less(std::string_view a, std::string_view b)
{
  return vi_sort_key(a) < vi_sort_key(b);
}

std::vector<std::string> split_list(std::string_view text, char sep)
{
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(sep, start);
    const std::string_view part = trim_view(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (!part.empty()) {
      parts.emplace_back(part);
    }
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  return parts;
}

} // namespace phoihop::core
