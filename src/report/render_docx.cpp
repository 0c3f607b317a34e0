// A report as a Word document (.docx) in the layout of Decree 30/2020/NĐ-CP,
// Phụ lục I: the WordprocessingML is written here, the zip container by
// io::ZipArchive (Debian's libzip). phoihop-report(1), WORD DOCUMENTS.

#include "render_text.hpp"

#include <phoihop/core/error.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/zip_archive.hpp>
#include <phoihop/report/render.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace phoihop::report {

namespace {

using detail::Spool;
using detail::Words;

// ---------------------------------------------------------------------------
// The page: A4, Decree 30's margins (top and bottom 20 mm, left 30 mm, right
// 15 mm), in twentieths of a point (twips; 1 mm = 56.7 twips).
constexpr int k_page_short = 11906;
constexpr int k_page_long = 16838;
constexpr int k_margin_top = 1134;
constexpr int k_margin_bottom = 1134;
constexpr int k_margin_left = 1701;
constexpr int k_margin_right = 851;
constexpr int k_portrait_text = k_page_short - k_margin_left - k_margin_right; // 9354
constexpr int k_landscape_text = k_page_long - k_margin_left - k_margin_right;

// Font sizes (styles_xml): the body 14 pt, the header block 13 pt, tables
// and the recipients 11 pt.

// A visible blank for what the profile does not give (never invented).
constexpr std::string_view k_blank = "……………";
constexpr std::string_view k_short_blank = "……";

// The fixed words of the document, once per language: a phrase missing in
// one language is a compile error, not a blank in an office's report.
struct DocWords {
  std::string_view motto_state;
  std::string_view motto;
  std::string_view number;        // "Số:"
  std::string_view report;        // the document type
  std::string_view results_of;    // the summary line: "Kết quả thực hiện"
  std::string_view agreements;    // "các quy chế phối hợp"
  std::string_view recipients;    // "Nơi nhận:"
  std::string_view results;       // I.
  std::string_view assessment;    // the narrative sections
  std::string_view shortcomings;
  std::string_view direction;
  std::string_view recommendations;
  std::string_view appendix;      // "Phụ lục"
  std::string_view attached_to;   // "(Kèm theo Báo cáo số"
  std::string_view of_date;       // "ngày"
  std::string_view of_body;       // "của"
  std::string_view totals_table;  // appendix titles
  std::string_view tasks_table;
  std::string_view see_appendix;  // "(chi tiết tại Phụ lục"
  std::string_view meetings_held; // "Hội nghị, cuộc họp trong kỳ"
  std::string_view chaired_by;
  std::string_view for_whom;      // an award "cho"
  std::string_view result_note;   // the task table's last column
  std::string_view signed_day;    // a party's signer "(…, ký ngày 01/12/2022)"
};

constexpr DocWords k_doc_en{
  .motto_state = "SOCIALIST REPUBLIC OF VIETNAM",
  .motto = "Independence - Freedom - Happiness",
  .number = "No.:",
  .report = "REPORT",
  .results_of = "Results of",
  .agreements = "the coordination agreements",
  .recipients = "Recipients:",
  .results = "RESULTS",
  .assessment = "ASSESSMENT",
  .shortcomings = "Shortcomings and their causes",
  .direction = "DIRECTION AND TASKS AHEAD",
  .recommendations = "RECOMMENDATIONS",
  .appendix = "Appendix",
  .attached_to = "(Attached to Report No.",
  .of_date = "of",
  .of_body = "by",
  .totals_table = "FIGURES BY AGREEMENT",
  .tasks_table = "WORK ITEMS AND THEIR RESULTS",
  .see_appendix = "details in Appendix",
  .meetings_held = "Meetings held",
  .chaired_by = "chaired by",
  .for_whom = "for",
  .result_note = "Results reported",
  .signed_day = "signed",
};

constexpr DocWords k_doc_vi{
  .motto_state = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  .motto = "Độc lập - Tự do - Hạnh phúc",
  .number = "Số:",
  .report = "BÁO CÁO",
  .results_of = "Kết quả thực hiện",
  .agreements = "các quy chế phối hợp",
  .recipients = "Nơi nhận:",
  .results = "KẾT QUẢ THỰC HIỆN",
  .assessment = "ĐÁNH GIÁ CHUNG",
  .shortcomings = "Hạn chế, nguyên nhân",
  .direction = "PHƯƠNG HƯỚNG, NHIỆM VỤ",
  .recommendations = "KIẾN NGHỊ, ĐỀ XUẤT",
  .appendix = "Phụ lục",
  .attached_to = "(Kèm theo Báo cáo số",
  .of_date = "ngày",
  .of_body = "của",
  .totals_table = "SỐ LIỆU TỔNG HỢP THEO QUY CHẾ",
  .tasks_table = "ĐẦU VIỆC VÀ KẾT QUẢ THỰC HIỆN",
  .see_appendix = "chi tiết tại Phụ lục",
  .meetings_held = "Hội nghị, cuộc họp trong kỳ",
  .chaired_by = "chủ trì",
  .for_whom = "cho",
  .result_note = "Kết quả thực hiện",
  .signed_day = "ký ngày",
};

constexpr std::string_view k_roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

// ---------------------------------------------------------------------------
// Text into WordprocessingML.

// Record text as XML character data: &, <, >, " escaped; what XML 1.0
// cannot hold (C0 controls but tab and newline, U+FFFE, U+FFFF) and bytes
// that are not UTF-8 (a record another tool wrote: db check flags it) as
// U+FFFD, so no record can break the document.
void append_xml(std::string& out, std::string_view text)
{
  const bool valid = core::is_valid_utf8(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto u = static_cast<unsigned char>(c);
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '"') {
      out += "&quot;";
    } else if (u < 0x20 && c != '\t' && c != '\n') {
      out += "\xEF\xBF\xBD";
    } else if (u < 0x80) {
      out += c;
    } else {
      // One whole code point: checked when the text as a whole is not UTF-8.
      std::size_t length = u >= 0xF0 ? 4 : u >= 0xE0 ? 3 : u >= 0xC0 ? 2 : 1;
      std::string_view sequence = text.substr(i, length);
      bool ok = sequence.size() == length && (valid || (length > 1 && core::is_valid_utf8(sequence)));
      bool nonchar = sequence == "\xEF\xBF\xBE" || sequence == "\xEF\xBF\xBF";
      out += ok && !nonchar ? sequence : std::string_view("\xEF\xBF\xBD");
      i += ok ? length - 1 : 0;
    }
  }
}

std::string xml(std::string_view text)
{
  std::string out;
  append_xml(out, text);
  return out;
}

// How a run of text looks; 0 / false: as its paragraph's style says.
struct Look {
  std::optional<bool> bold = std::nullopt; // absent: as the style says; false: not, even where the style is bold
  bool italic = false;
  int size = 0; // half-points
};

struct Run {
  std::string text;
  Look look{};
};

// The first character from `from` on that `is` (npos if none): a plain
// loop, where find_first_of() would call memchr() once per character.
template <class Is> std::size_t position_of(std::string_view text, std::size_t from, Is is)
{
  for (std::size_t i = from; i < text.size(); ++i) {
    if (is(text[i])) {
      return i;
    }
  }
  return std::string_view::npos;
}

// A run: tabs and line breaks in the text become Word's own.
void append_run(std::string& out, const Run& run)
{
  if (run.text.empty()) {
    return;
  }
  std::string props;
  if (run.look.bold) {
    props += *run.look.bold ? "<w:b/>" : "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>";
  }
  if (run.look.italic) {
    props += "<w:i/>";
  }
  if (run.look.size > 0) {
    props += fmt::format("<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", run.look.size);
  }
  out += "<w:r>";
  if (!props.empty()) {
    out += "<w:rPr>" + props + "</w:rPr>";
  }
  std::size_t from = 0;
  while (from <= run.text.size()) {
    std::size_t end = position_of(run.text, from, [](char c) { return c == '\t' || c == '\n'; });
    std::string_view piece(run.text.data() + from, (end == std::string::npos ? run.text.size() : end) - from);
    if (!piece.empty()) {
      // Spaces at either end are kept only when asked to.
      out += piece.front() == ' ' || piece.back() == ' ' ? "<w:t xml:space=\"preserve\">" : "<w:t>";
      append_xml(out, piece);
      out += "</w:t>";
    }
    if (end == std::string::npos) {
      break;
    }
    out += run.text[end] == '\t' ? "<w:tab/>" : "<w:br/>";
    from = end + 1;
  }
  out += "</w:r>";
}

// A paragraph of `style` (styles.xml below); `props`: more of its pPr.
std::string paragraph(std::string_view style, const std::vector<Run>& runs, std::string_view props = {})
{
  std::string out = fmt::format("<w:p><w:pPr><w:pStyle w:val=\"{}\"/>{}</w:pPr>", style, props);
  for (const auto& run : runs) {
    append_run(out, run);
  }
  out += "</w:p>";
  return out;
}

std::string paragraph(std::string_view style, std::string text, Look look = {})
{
  return paragraph(style, std::vector<Run>{Run{std::move(text), look}});
}

// A short centred rule under a line of the header block (a bottom border of
// an empty paragraph, indented to `width` twips of the cell's).
std::string rule(int cell_width, int width)
{
  int indent = std::max(0, (cell_width - width) / 2);
  return fmt::format("<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" "
                     "w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:ind w:left=\"{0}\" w:right=\"{0}\"/>"
                     "</w:pPr></w:p>",
                     indent);
}

// ---------------------------------------------------------------------------
// Tables whose columns follow their content: each column is as wide as its
// longest word at least (so no word breaks inside a cell) and, as far as the
// page allows, as its longest text; STT stays narrow and titles get the rest.

// An estimate of a line's width in twips at the table's 12 pt: Times New
// Roman's characters average under half an em (at 11 pt, 5.5 pt = 110
// twips); bold headings a little more.
constexpr int k_char_width = 112;
constexpr int k_cell_margins = 2 * 85 + 40;
constexpr int k_max_line_chars = 48; // a cell longer than this wraps anyway

class Table {
public:
  // `right`: the columns of numbers, set flush right.
  Table(std::vector<std::string> headers, std::vector<bool> right, int width)
    : m_columns(headers.size()), m_right(std::move(right)), m_width(width)
  {
    m_right.resize(m_columns, false);
    m_longest_word.assign(m_columns, 2);
    m_longest_text.assign(m_columns, 2);
    m_header_word.assign(m_columns, 2);
    m_headers = std::move(headers);
    for (std::size_t i = 0; i < m_columns; ++i) {
      measure(i, m_headers[i], true);
      m_header_word[i] = m_longest_word[i];
      m_longest_word[i] = 2;
    }
  }

  // A row of plain cells.
  void row(const std::vector<std::string>& cells, Look look = {})
  {
    m_rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    for (std::size_t i = 0; i < m_columns; ++i) {
      const std::string& text = i < cells.size() ? cells[i] : std::string();
      measure(i, text, look.bold.value_or(false));
      m_rows.append(cell(text, m_right[i] ? "TN" : "TT", look));
    }
    m_rows.append("</w:tr>");
    ++m_count;
  }

  std::size_t rows() const { return m_count; }

  // The table, its grid from the widths its content asks for.
  void write_to(Spool& out)
  {
    out.append("<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/>");
    out.append(fmt::format("<w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>", m_width));
    out.append("<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>");
    auto [widths, header_size] = column_widths();
    for (int w : widths) {
      out.append(fmt::format("<w:gridCol w:w=\"{}\"/>", w));
    }
    out.append("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (std::size_t i = 0; i < m_columns; ++i) {
      out.append(cell(m_headers[i], "TH", Look{.size = header_size}));
    }
    out.append("</w:tr>");
    m_rows.write_to(out);
    out.append("</w:tbl>");
    // A table must be followed by a paragraph; this one also parts two tables.
    out.append(paragraph("TT", std::string()));
  }

private:
  static std::string cell(const std::string& text, std::string_view style, Look look)
  {
    return "<w:tc>" + paragraph(style, text, look) + "</w:tc>";
  }

  // The longest word and the longest line of a cell, in display columns.
  void measure(std::size_t column, std::string_view text, bool bold)
  {
    int longest = 0;
    int line = 0;
    std::size_t from = 0;
    while (from <= text.size()) {
      std::size_t end =
        std::min(position_of(text, from, [](char c) { return c == ' ' || c == '\t' || c == '\n'; }), text.size());
      int word = core::display_width(text.substr(from, end - from));
      longest = std::max(longest, word);
      line += word + (line > 0 ? 1 : 0);
      if (end < text.size() && text[end] == '\n') {
        m_longest_text[column] = std::max(m_longest_text[column], std::min(line, k_max_line_chars));
        line = 0;
      }
      from = end + 1;
    }
    // Bold text is about an eighth wider.
    if (bold) {
      longest += longest / 8 + 1;
      line += line / 8 + 1;
    }
    m_longest_word[column] = std::max(m_longest_word[column], longest);
    m_longest_text[column] = std::max(m_longest_text[column], std::min(line, k_max_line_chars));
  }

  // The grid, and the headings' size in half-points (0: the style's 11 pt):
  // a column is at least as wide as its longest word, up to a cap (a URL or
  // a word of 300 letters breaks anyway and must not take the others' room),
  // and its heading's longest word, the headings set smaller (down to 8 pt)
  // where the page cannot hold them at 11.
  std::pair<std::vector<int>, int> column_widths() const
  {
    constexpr int k_longest_word_kept = 24;
    std::vector<int> least(m_columns);
    std::vector<int> wanted(m_columns);
    int header_size = 0;
    for (int size : {22, 20, 18, 16}) {
      for (std::size_t i = 0; i < m_columns; ++i) {
        int body = std::min(m_longest_word[i], k_longest_word_kept) * k_char_width;
        int heading = m_header_word[i] * k_char_width * size / 22;
        least[i] = std::max(body, heading) + k_cell_margins;
      }
      header_size = size == 22 ? 0 : size;
      if (std::accumulate(least.begin(), least.end(), 0) <= m_width) {
        break;
      }
    }
    for (std::size_t i = 0; i < m_columns; ++i) {
      wanted[i] = std::max(least[i], m_longest_text[i] * k_char_width + k_cell_margins);
    }
    auto sum = [](const std::vector<int>& v) { return std::accumulate(v.begin(), v.end(), 0); };
    std::vector<int> widths(m_columns);
    int total_wanted = sum(wanted);
    int total_least = sum(least);
    if (total_wanted <= m_width) {
      // Room for every line: the rest shared in proportion.
      for (std::size_t i = 0; i < m_columns; ++i) {
        widths[i] = static_cast<int>(static_cast<long long>(wanted[i]) * m_width / total_wanted);
      }
    } else if (total_least <= m_width) {
      // Every word fits: what is left goes to the columns that wrap, as they wrap.
      int spare = m_width - total_least;
      long long wrapping = std::max(1, total_wanted - total_least);
      for (std::size_t i = 0; i < m_columns; ++i) {
        widths[i] = least[i] + static_cast<int>(static_cast<long long>(wanted[i] - least[i]) * spare / wrapping);
      }
    } else {
      // Some word is wider than the page allows: in proportion to the words.
      for (std::size_t i = 0; i < m_columns; ++i) {
        widths[i] = static_cast<int>(static_cast<long long>(least[i]) * m_width / total_least);
      }
    }
    // The rounding's remainder to the widest column, so the table fills the line.
    auto widest = std::max_element(widths.begin(), widths.end());
    *widest += m_width - sum(widths);
    return {widths, header_size};
  }

  std::size_t m_columns;
  std::vector<bool> m_right;
  int m_width;
  std::vector<std::string> m_headers;
  std::vector<int> m_longest_word;
  std::vector<int> m_longest_text;
  std::vector<int> m_header_word; // the headings' longest word, in display columns
  Spool m_rows;
  std::size_t m_count = 0;
};

// ---------------------------------------------------------------------------
// The document's fixed parts.

std::string section_properties(bool landscape, bool first_page_unnumbered)
{
  int width = landscape ? k_page_long : k_page_short;
  int height = landscape ? k_page_short : k_page_long;
  return fmt::format("<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>"
                     "{}<w:pgSz w:w=\"{}\" w:h=\"{}\"{}/>"
                     "<w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"567\" "
                     "w:footer=\"567\" w:gutter=\"0\"/>{}</w:sectPr>",
                     first_page_unnumbered ? "<w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/>" : "",
                     width, height, landscape ? " w:orient=\"landscape\"" : "", k_margin_top, k_margin_right,
                     k_margin_bottom, k_margin_left, first_page_unnumbered ? "<w:titlePg/>" : "");
}

constexpr std::string_view k_namespaces =
  "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string styles_xml(bool vi)
{
  // Paragraph styles: the body (justified, first line indented 1 cm, 6 pt
  // after), the header block, headings, tables, recipients and signature.
  struct Style {
    std::string_view id;
    std::string_view name;
    std::string_view ppr;
    std::string_view rpr;
  };
  static constexpr Style k_styles[] = {
    {"Normal", "Normal", "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"288\" w:lineRule=\"auto\"/>"
                         "<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/>",
     "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/>"
     "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>"},
    {"Head", "Header block", "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/>"
                             "<w:jc w:val=\"center\"/>", "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>"},
    {"Rule", "Rule", "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>"
                     "<w:ind w:firstLine=\"0\"/>", "<w:sz w:val=\"4\"/>"},
    {"Title", "Title", "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/>"
                       "<w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>"},
    {"Subtitle", "Subtitle", "<w:keepNext/><w:spacing w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     "<w:b/><w:bCs/>"},
    {"Heading1", "heading 1", "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/>",
     "<w:b/><w:bCs/>"},
    {"Heading2", "heading 2", "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/>",
     "<w:b/><w:bCs/>"},
    {"Heading3", "heading 3", "<w:keepNext/><w:spacing w:before=\"60\" w:after=\"120\"/><w:outlineLvl w:val=\"2\"/>",
     "<w:b/><w:bCs/><w:i/><w:iCs/>"},
    {"TT", "Table text", "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>"
                                "<w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>",
     "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"},
    {"TH", "Table heading", "<w:keepNext/><w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" "
                                   "w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>",
     "<w:b/><w:bCs/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"},
    {"TN", "Table number", "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>"
                                    "<w:ind w:firstLine=\"0\"/><w:jc w:val=\"right\"/>",
     "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"},
    {"Recipients", "Recipients", "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/>"
                                 "<w:jc w:val=\"left\"/>", "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"},
    {"Signature", "Signature", "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/>"
                               "<w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>"},
    {"PageNumber", "Page number", "<w:spacing w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", ""},
  };
  std::string out = fmt::format(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles {}><w:docDefaults><w:rPrDefault>"
    "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" "
    "w:cs=\"Times New Roman\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang w:val=\"{}\" w:eastAsia=\"{}\" "
    "w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
    "w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>",
    k_namespaces, vi ? "vi-VN" : "en-GB", vi ? "vi-VN" : "en-GB");
  for (const auto& style : k_styles) {
    out += fmt::format("<w:style w:type=\"paragraph\" w:styleId=\"{}\"{}><w:name w:val=\"{}\"/>{}<w:qFormat/>"
                       "<w:pPr>{}</w:pPr><w:rPr>{}</w:rPr></w:style>",
                       style.id, style.id == "Normal" ? " w:default=\"1\"" : "", style.name,
                       style.id == "Normal" ? "" : "<w:basedOn w:val=\"Normal\"/>", style.ppr, style.rpr);
  }
  // Tables: the grid the figures are set in, and none for the header block
  // and the signature block.
  out += "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"Plain\"><w:name w:val=\"Normal Table\"/>"
         "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
         "<w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"85\" "
         "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
         "<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"Plain\"/>"
         "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
         "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:bottom w:val=\"single\" "
         "w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" "
         "w:color=\"000000\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
         "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders></w:tblPr>"
         "</w:style></w:styles>";
  return out;
}

constexpr std::string_view k_content_types =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
  "<Override PartName=\"/word/settings.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
  "<Override PartName=\"/word/header1.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
  "<Override PartName=\"/word/header2.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
  "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
  "<Override PartName=\"/docProps/app.xml\" "
  "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
  "</Types>";

constexpr std::string_view k_package_rels =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
  "Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" "
  "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
  "Target=\"docProps/core.xml\"/>"
  "<Relationship Id=\"rId3\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
  "Target=\"docProps/app.xml\"/>"
  "</Relationships>";

constexpr std::string_view k_document_rels =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rIdStyles\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "<Relationship Id=\"rIdSettings\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
  "<Relationship Id=\"rIdHeader\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>"
  "<Relationship Id=\"rIdHeaderFirst\" "
  "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/>"
  "</Relationships>";

std::string settings_xml()
{
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings {}>"
                     "<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>"
                     "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
                     "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>",
                     k_namespaces);
}

// The page number, centred at the top of every page but the first (Decree 30).
std::string header_xml(bool numbered)
{
  std::string number = numbered ? "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText "
                                  "xml:space=\"preserve\"> PAGE </w:instrText></w:r><w:r><w:fldChar "
                                  "w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar "
                                  "w:fldCharType=\"end\"/></w:r>"
                                : "";
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {}><w:p><w:pPr>"
                     "<w:pStyle w:val=\"PageNumber\"/></w:pPr>{}</w:p></w:hdr>",
                     k_namespaces, number);
}

// The document's properties: its title, and as its dates the day it is
// issued (else the as-of day), so the same report gives the same bytes.
std::string core_xml(const std::string& title, const core::Date& day, bool vi)
{
  return fmt::format(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
    "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>{}</dc:title><dc:creator>phoihop</dc:creator>"
    "<dc:language>{}</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">{}T00:00:00Z</dcterms:created>"
    "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{}T00:00:00Z</dcterms:modified></cp:coreProperties>",
    xml(title), vi ? "vi-VN" : "en-GB", day.iso(), day.iso());
}

std::string app_xml()
{
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Properties "
         "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
         "<Application>phoihop " PHOIHOP_VERSION "</Application></Properties>";
}

// ---------------------------------------------------------------------------

std::string plain(const std::string& text)
{
  return text;
}

std::string or_blank(const std::string& text, std::string_view blank = k_blank)
{
  return text.empty() ? std::string(blank) : text;
}

// Decree 30's date line: "Trà Vinh, ngày 05 tháng 02 năm 2024" (a zero
// before a day under 10 and a month under 3), en "Trà Vinh, 5 February 2024".
std::string date_line(bool vi, const Filing& filing)
{
  std::string place = or_blank(filing.place);
  if (!filing.issued_on) {
    return vi ? fmt::format("{}, ngày {} tháng {} năm {}", place, k_short_blank, k_short_blank, k_short_blank)
              : fmt::format("{}, {} {} {}", place, k_short_blank, k_short_blank, k_short_blank);
  }
  const core::Date& d = *filing.issued_on;
  if (vi) {
    return fmt::format("{}, {}", place, d.administrative());
  }
  static constexpr std::string_view k_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                                  "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{}, {} {} {}", place, d.day, k_months[d.month - 1], d.year);
}

// "15/BC-UBND", "03/BC-UBND" (Decree 30 writes a 0 before a number under
// 10), with blanks for what is not given.
std::string number_symbol(const Filing& filing)
{
  std::string number = filing.number.size() == 1 ? "0" + filing.number : filing.number;
  return fmt::format("{}/{}", or_blank(number, k_short_blank), or_blank(filing.symbol, k_short_blank));
}

// The lines of a narrative text: one paragraph per non-empty line.
std::vector<std::string> lines_of(const std::string& text)
{
  std::vector<std::string> lines;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t end = std::min(text.find('\n', from), text.size());
    std::string line = text.substr(from, end - from);
    auto first = line.find_first_not_of(" \t\r");
    if (first != std::string::npos) {
      lines.push_back(line.substr(first, line.find_last_not_of(" \t\r") - first + 1));
    }
    from = end + 1;
  }
  return lines;
}

// ---------------------------------------------------------------------------

class DocxSink : public SummarySink {
public:
  DocxSink(std::ostream& out, View view, const RenderOptions& options)
    : m_out(out), m_view(view), m_vi(detail::is_vi(options)), m_w(detail::words(m_vi)),
      m_d(m_vi ? k_doc_vi : k_doc_en), m_filing(options.filing), m_register(view)
  {
  }

  void begin(const core::Period& period, const core::Date& today, std::size_t sections) override
  {
    m_period = period;
    m_as_of = period.as_of(today);
    m_several = sections > 1;
    if (m_view == View::summary) {
      heading(1, std::string(m_d.results));
    }
    if (sections == 0) {
      body(std::string(m_view == View::summary ? m_w.no_agreements : m_w.no_rows));
    }
  }

  void begin_section(const PeriodSection& section) override
  {
    m_agreements_in_section = 0;
    m_register.begin(section);
    ++m_section_number;
    m_section_name = detail::capitalize(detail::period_name(m_vi, section.period));
    if (m_several) {
      std::string name = m_section_name;
      heading(m_view == View::summary ? 2 : 1, name);
      if (m_view == View::summary) {
        ++m_level_base;
      }
    }
    if (m_view == View::summary) {
      std::vector<std::string> headers{std::string(m_w.agreement)};
      for (const Figure* figure : figures_read()) {
        headers.emplace_back(m_vi ? figure->vi : figure->en);
      }
      std::vector<bool> right(headers.size(), true);
      right[0] = false;
      m_totals.emplace(headers, right, k_landscape_text);
    } else if (m_view != View::attention) {
      std::vector<std::string> headers;
      std::vector<bool> right;
      m_shown.clear();
      for (const auto& column : detail::register_columns(m_view)) {
        if (column.in_markdown && column.in_document) {
          m_shown.push_back(&column);
          headers.emplace_back(m_vi ? column.vi : column.en);
          right.push_back(column.kind == detail::CellKind::number || column.kind == detail::CellKind::percent);
        }
      }
      m_register_table.emplace(headers, right, k_landscape_text);
    }
  }

  void agreement(const PeriodSection& section, const AgreementSection& agreement) override
  {
    ++m_agreements_in_section;
    ++m_agreements;
    if (m_agreements == 1) {
      m_only_agreement = agreement.title.empty() ? detail::agreement_name(agreement) : agreement.title;
    }
    if (m_view == View::attention) {
      return;
    }
    if (m_view == View::summary) {
      write_agreement(agreement);
      return;
    }
    for (const auto& row : m_register.agreement(section, agreement)) {
      register_row(row);
    }
  }

  void attention(const PeriodSection& /*section*/, const Attention& item) override
  {
    if (m_view == View::summary || m_view == View::attention) {
      std::string text = detail::attention_sentence(m_vi, item, plain);
      (item.earlier ? m_attention_earlier : m_attention_items)
        .append(paragraph("Normal", {Run{"- "}, Run{item.agreement, Look{.bold = true}}, Run{": " + text}}));
    }
  }

  void end_section(const PeriodSection& section) override
  {
    if (m_view == View::summary) {
      if (m_agreements_in_section == 0) {
        body(std::string(m_w.no_agreements));
      }
      if (m_agreements_in_section > 1) {
        heading(2, std::string(m_w.totals));
        body(figures_prose(section.totals) + " (" + std::string(m_d.see_appendix) + " I).");
      }
      if (m_agreements_in_section > 0) {
        std::vector<std::string> total{std::string(m_w.total)};
        for (const Figure* figure : figures_read()) {
          total.push_back(figure_text(*figure, section.totals));
        }
        m_totals->row(total, Look{.bold = true});
        if (m_several) {
          m_appendix_totals.append(paragraph("Subtitle", m_section_name));
        }
        m_totals->write_to(m_appendix_totals);
      }
      m_totals.reset();
      write_attention(2);
    } else if (m_view == View::attention) {
      write_attention(0);
    } else {
      for (const auto& row : m_register.end()) {
        register_row(row);
      }
      if (m_register_table->rows() == 0) {
        body(std::string(m_w.no_rows));
      } else {
        m_register_table->write_to(m_body);
      }
      m_register_table.reset();
    }
    if (m_several && m_view == View::summary) {
      --m_level_base;
    }
  }

  void end() override
  {
    io::ZipArchive zip;
    zip.add("[Content_Types].xml", std::string(k_content_types));
    zip.add("_rels/.rels", std::string(k_package_rels));
    zip.add("docProps/core.xml", core_xml(subject(), m_filing.issued_on.value_or(m_as_of), m_vi));
    zip.add("docProps/app.xml", app_xml());
    zip.add("word/_rels/document.xml.rels", std::string(k_document_rels));
    zip.add("word/styles.xml", styles_xml(m_vi));
    zip.add("word/settings.xml", settings_xml());
    zip.add("word/header1.xml", header_xml(true));
    zip.add("word/header2.xml", header_xml(false));
    zip.add_pieces("word/document.xml", document());
    std::string bytes = zip.finish();
    m_out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }

private:
  // --- the body ------------------------------------------------------------

  void body(std::string text) { m_body.append(paragraph("Normal", std::move(text))); }

  // A heading numbered as Decree 30 reports number them: I., 1., 1.1. / a).
  void heading(int level, const std::string& text)
  {
    level += m_level_base;
    if (level == 1) {
      std::size_t n = m_numbers[0]++;
      m_numbers[1] = m_numbers[2] = 0;
      std::string roman = n < std::size(k_roman) ? std::string(k_roman[n]) : fmt::format("{}", n + 1);
      m_body.append(paragraph("Heading1", fmt::format("{}. {}", roman, text)));
    } else if (level == 2) {
      std::size_t n = ++m_numbers[1];
      m_numbers[2] = 0;
      m_body.append(paragraph("Heading2", fmt::format("{}. {}", n, text)));
    } else {
      std::size_t n = ++m_numbers[2];
      m_body.append(paragraph("Heading3", fmt::format("{}.{}. {}", m_numbers[1], n, text)));
    }
  }

  std::string figure_text(const Figure& figure, const Counts& c) const { return detail::figure_text(m_vi, figure, c); }

  // The figures as a sentence: "Tasks: 12; done: 8; …; average progress: 80.5%."
  std::string figures_prose(const Counts& c, std::optional<FigureGroup> only = std::nullopt) const
  {
    std::string text;
    for (const Figure* figure : figures_read()) {
      if (only && figure->group != *only) {
        continue;
      }
      if (figure->group == FigureGroup::tasks && c.tasks_total == 0) {
        continue;
      }
      text += fmt::format("{}{}: {}", text.empty() ? "" : "; ", m_vi ? figure->vi : figure->en, figure_text(*figure, c));
    }
    return text;
  }

  void write_agreement(const AgreementSection& agreement)
  {
    heading(2, detail::agreement_name(agreement));
    std::vector<std::string> facts;
    if (!agreement.number.empty()) {
      facts.push_back(fmt::format("{}: {}", m_w.number, agreement.number));
    }
    std::string term = m_vi ? fmt::format("từ {} đến {}", agreement.start.administrative(), agreement.end.administrative())
                            : fmt::format("{} to {}", agreement.start.iso(), agreement.end.iso());
    if (agreement.actual_end) {
      term += fmt::format(" ({} {})", m_w.ended_on, detail::date_prose(m_vi, *agreement.actual_end));
    }
    facts.push_back(fmt::format("{}: {}", m_w.term, term));
    facts.push_back(fmt::format("{}: {}", m_w.status, detail::agreement_status_label(m_vi, agreement.status)));
    body(fmt::format("{}.", fmt::join(facts, ". ")));
    if (agreement.parties.empty()) {
      body(std::string(m_w.no_parties));
    } else {
      std::vector<std::string> parties;
      for (const auto& party : agreement.parties) {
        std::vector<std::string> signer;
        for (const std::string* part : {&party.signer_name, &party.signer_position}) {
          if (!part->empty()) {
            signer.push_back(*part);
          }
        }
        if (party.signed_on) {
          signer.push_back(fmt::format("{} {}", m_d.signed_day, detail::date_cell(m_vi, *party.signed_on)));
        }
        parties.push_back(signer.empty() ? party.name : fmt::format("{} ({})", party.name, fmt::join(signer, ", ")));
      }
      body(fmt::format("{}: {}.", m_w.parties, fmt::join(parties, "; ")));
    }
    if (!agreement.note.empty()) {
      body(fmt::format("{}: {}", m_w.note, agreement.note));
    }
    if (agreement.tasks.empty() && agreement.counts.tasks_total == 0) {
      body(std::string(m_w.no_tasks));
    } else {
      body(fmt::format("{}: {} ({} II).", m_w.figures, figures_prose(agreement.counts, FigureGroup::tasks),
                       m_d.see_appendix));
      // Each lead body's tasks, when there are several (phoihop-report(1), RESULTS).
      if (agreement.by_lead.size() > 1) {
        body(fmt::format("{}:", m_w.by_lead));
        for (const auto& lead : agreement.by_lead) {
          body(fmt::format("- {}: {}.", lead.lead_id ? lead.lead : std::string(m_w.no_lead),
                           figures_prose(lead.counts, FigureGroup::tasks)));
        }
      }
      write_tasks(agreement);
    }
    write_meetings(agreement);
    write_awards(agreement);
    std::vector<std::string> row{detail::agreement_ref(agreement)};
    for (const Figure* figure : figures_read()) {
      row.push_back(figure_text(*figure, agreement.counts));
    }
    m_totals->row(row);
  }

  // The agreement's tasks in the appendix of tasks (landscape).
  void write_tasks(const AgreementSection& agreement)
  {
    if (agreement.tasks.empty()) {
      return;
    }
    Table table({std::string(m_w.task_no), std::string(m_w.task), std::string(m_w.lead), std::string(m_w.partners),
                 std::string(m_w.due), std::string(m_w.status), std::string(m_w.progress),
                 std::string(m_w.indicator), std::string(m_d.result_note)},
                {false, false, false, false, false, false, true, false, false}, k_landscape_text);
    for (std::size_t i = 0; i < agreement.tasks.size(); ++i) {
      const TaskLine& task = agreement.tasks[i];
      std::string status = detail::task_status_label(m_vi, task.status);
      if (task.overdue) {
        status += fmt::format(" ({})", m_w.overdue_mark);
      }
      std::string indicator = detail::indicator_text(m_vi, task, plain);
      std::string note = task.result_note;
      if (!note.empty() && task.result_date) {
        note = fmt::format("{} ({})", note, detail::date_cell(m_vi, *task.result_date));
      }
      table.row({task.code.empty() ? fmt::format("{}", i + 1) : task.code, task.title, or_dash(task.lead),
                 task.partners.empty() ? "—" : fmt::format("{}", fmt::join(task.partners, "; ")),
                 task.due ? detail::date_cell(m_vi, *task.due) : "—", status, fmt::format("{}%", task.progress),
                 indicator, or_dash(note)});
    }
    if (m_several && m_tasks_section != m_section_number) {
      m_tasks_section = m_section_number;
      m_appendix_tasks.append(paragraph("Subtitle", m_section_name));
    }
    m_appendix_tasks.append(paragraph("Heading2", detail::agreement_name(agreement)));
    table.write_to(m_appendix_tasks);
  }

  static std::string or_dash(const std::string& text) { return text.empty() ? "—" : text; }

  void write_meetings(const AgreementSection& agreement)
  {
    if (agreement.meetings.empty()) {
      body(std::string(m_w.no_meetings));
      return;
    }
    body(fmt::format("{}: {}.", m_d.meetings_held, agreement.meetings.size()));
    for (const auto& meeting : agreement.meetings) {
      std::string text = fmt::format("- {}: {}", detail::date_cell(m_vi, meeting.date),
                                     meeting.title.empty() ? detail::capitalize(detail::meeting_kind_label(m_vi, meeting.kind))
                                                           : meeting.title);
      std::vector<std::string> details;
      if (!meeting.title.empty()) {
        details.push_back(detail::meeting_kind_label(m_vi, meeting.kind));
      }
      if (!meeting.place.empty()) {
        details.push_back(meeting.place);
      }
      auto chairs = detail::chair_texts(meeting);
      if (!chairs.empty()) {
        details.push_back(fmt::format("{} {}", m_d.chaired_by, fmt::join(chairs, "; ")));
      }
      if (!details.empty()) {
        text += fmt::format(" ({})", fmt::join(details, ", "));
      }
      body(text + ".");
      if (auto orgs = detail::attending_orgs(meeting); !orgs.empty()) {
        body(fmt::format("{}: {}.", m_w.attending, fmt::join(orgs, "; ")));
      }
      for (const auto& contribution : meeting.contributions) {
        body(fmt::format("{}: {}", m_w.contributions, detail::contribution_text(contribution, plain)));
      }
      for (std::size_t i = 0; i < meeting.conclusions.size(); ++i) {
        const auto& conclusion = meeting.conclusions[i];
        std::string line = fmt::format("{} {}: {}", detail::capitalize(std::string(m_w.conclusion)), i + 1, conclusion.text);
        std::vector<std::string> tasks;
        for (const auto& task : conclusion.follow_ups) {
          tasks.push_back(detail::follow_up_text(m_vi, task, plain, conclusion.text));
        }
        if (!tasks.empty()) {
          line += fmt::format(" — {}: {}", m_w.follow_up, fmt::join(tasks, "; "));
        }
        m_body.append(paragraph("Normal", std::vector<Run>{Run{line, Look{.italic = true}}}));
      }
    }
  }

  void write_awards(const AgreementSection& agreement)
  {
    if (agreement.decisions.empty()) {
      body(std::string(m_w.no_awards));
      return;
    }
    body(fmt::format("{}: {}.", m_w.awards, figures_prose(agreement.counts, FigureGroup::awards)));
    for (const auto& decision : agreement.decisions) {
      std::string text = decision.number.empty() ? std::string(m_w.decision_no_number)
                                                 : fmt::format("{} {}", m_w.decision, decision.number);
      if (decision.date) {
        text += fmt::format(" {} {}", m_w.decision_of, detail::date_cell(m_vi, *decision.date));
      }
      if (!decision.issuer.empty()) {
        text += fmt::format(" {} {}", m_d.of_body, decision.issuer);
      }
      std::vector<std::string> who;
      for (const auto& recipient : decision.recipients) {
        who.push_back(recipient.kind == "individual" && !recipient.unit.empty()
                        ? fmt::format("{} ({})", recipient.name, recipient.unit)
                        : recipient.name);
      }
      text += fmt::format(": {} {} {}", detail::award_form_label(m_vi, decision.form), m_d.for_whom,
                          fmt::join(who, "; "));
      if (!decision.reason.empty()) {
        text += fmt::format(" — {}", decision.reason);
      }
      body("- " + text + ".");
    }
  }

  void write_attention(int level)
  {
    if (level > 0) {
      heading(level, std::string(m_w.attention));
    }
    if (m_attention_items.empty() && m_attention_earlier.empty()) {
      body(std::string(m_w.nothing_needs_attention));
    }
    m_attention_items.write_to(m_body);
    if (!m_attention_earlier.empty()) {
      m_body.append(paragraph("Heading3", std::string(m_w.attention_earlier)));
      m_attention_earlier.write_to(m_body);
    }
  }

  void register_row(const Object& row)
  {
    std::vector<std::string> cells;
    for (const auto* column : m_shown) {
      auto field = std::find_if(row.begin(), row.end(), [&](const Field& f) { return f.key == column->key; });
      cells.push_back(field == row.end() ? "—" : detail::register_text(m_vi, *column, field->value, plain));
    }
    m_register_table->row(cells);
  }

  // --- the document --------------------------------------------------------

  std::string subject() const
  {
    if (!m_filing.subject.empty()) {
      return m_filing.subject;
    }
    // A period the report names (năm 2023, quý IV/2022, giai đoạn 2018-2022),
    // else its days: never the command line's words (agreement:BT-2018).
    bool recognised = true;
    std::string period = detail::period_name(m_vi, m_period, &recognised);
    if (!recognised) {
      period = m_vi ? fmt::format("từ {} đến {}", m_period.first.administrative(), m_period.last.administrative())
                    : fmt::format("from {} to {}", m_period.first.iso(), m_period.last.iso());
    }
    if (m_view != View::summary) {
      return fmt::format("{} {}", detail::title_of(m_w, m_view), period);
    }
    if (m_agreements == 1) {
      // "… giai đoạn 2018-2022" once, when the title already says it.
      bool said = m_only_agreement.find(period) != std::string::npos ||
                  (!recognised && m_period.label.rfind("agreement:", 0) == 0);
      return fmt::format("{} {}{}", m_d.results_of, m_only_agreement, said ? "" : " " + period);
    }
    return fmt::format("{} {} {}", m_d.results_of, m_d.agreements, period);
  }

  // The header block: the issuing body under its parent beside the national
  // motto, then the number beside the place and date (a borderless table).
  std::string header_block(int width) const
  {
    // Reaching 1 cm into the left margin, as the Decree's model does, so the
    // state's name stays on one line at 13 pt.
    constexpr int outdent = 567;
    constexpr int left = 3800;
    const int right = width + outdent - left;
    std::string out = fmt::format("<w:tbl><w:tblPr><w:tblStyle w:val=\"Plain\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/>"
                                  "<w:tblInd w:w=\"-{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
                                  "<w:tblGrid><w:gridCol w:w=\"{}\"/><w:gridCol w:w=\"{}\"/></w:tblGrid>",
                                  width + outdent, outdent, left, right);
    std::string issuer;
    if (!m_filing.parent.empty()) {
      issuer += paragraph("Head", m_filing.parent);
    }
    issuer += paragraph("Head", or_blank(m_filing.body), Look{.bold = true}) + rule(left, left / 3);
    std::string motto = paragraph("Head", std::string(m_d.motto_state), Look{.bold = true}) +
                        paragraph("Head", std::string(m_d.motto), Look{.bold = true, .size = 28}) +
                        rule(right, 3900); // as long as the motto's line
    out += "<w:tr><w:tc>" + issuer + "</w:tc><w:tc>" + motto + "</w:tc></w:tr>";
    out += "<w:tr><w:tc>" + paragraph("Head", fmt::format("{} {}", m_d.number, number_symbol(m_filing))) +
           "</w:tc><w:tc>" + paragraph("Head", date_line(m_vi, m_filing), Look{.italic = true, .size = 28}) +
           "</w:tc></w:tr></w:tbl>";
    out += paragraph("Title", std::string(m_d.report));
    out += paragraph("Subtitle", subject()) + rule(width, 2000);
    return out;
  }

  // The narrative sections (Decree 30 reports: results, then assessment with
  // shortcomings and causes, direction and tasks, recommendations).
  std::string narrative()
  {
    std::string out;
    auto paragraphs = [&](const std::string& text) {
      for (const auto& line : lines_of(text)) {
        out += paragraph("Normal", line);
      }
    };
    auto roman = [&]() { return std::string(k_roman[std::min<std::size_t>(m_numbers[0]++, std::size(k_roman) - 1)]); };
    if (!m_filing.assessment.empty() || !m_filing.shortcomings.empty()) {
      out += paragraph("Heading1", fmt::format("{}. {}", roman(), m_d.assessment));
      paragraphs(m_filing.assessment);
      if (!m_filing.shortcomings.empty()) {
        out += paragraph("Heading2", std::string(m_d.shortcomings));
        paragraphs(m_filing.shortcomings);
      }
    }
    if (!m_filing.direction.empty()) {
      out += paragraph("Heading1", fmt::format("{}. {}", roman(), m_d.direction));
      paragraphs(m_filing.direction);
    }
    if (!m_filing.recommendations.empty()) {
      out += paragraph("Heading1", fmt::format("{}. {}", roman(), m_d.recommendations));
      paragraphs(m_filing.recommendations);
    }
    return out;
  }

  // Nơi nhận on the left, the signature block on the right.
  std::string signature_block(int width) const
  {
    constexpr int left = 4253;
    const int right = width - left;
    std::string recipients = paragraph("Recipients", std::vector<Run>{Run{std::string(m_d.recipients),
                                                                          Look{.bold = true, .italic = true, .size = 24}}});
    if (m_filing.recipients.empty()) {
      recipients += paragraph("Recipients", "- " + std::string(k_blank) + ";");
    }
    for (std::size_t i = 0; i < m_filing.recipients.size(); ++i) {
      // Decree 30's punctuation (";" after each, "." after the last) unless
      // the recipient was given with its own.
      const std::string& recipient = m_filing.recipients[i];
      bool punctuated = !recipient.empty() && std::string_view(".;,:").find(recipient.back()) != std::string_view::npos;
      recipients += paragraph("Recipients", fmt::format("- {}{}", recipient,
                                                        punctuated                             ? ""
                                                        : i + 1 == m_filing.recipients.size() ? "."
                                                                                               : ";"));
    }
    std::string sign;
    for (const auto& line : m_filing.capacity) {
      sign += paragraph("Signature", line);
    }
    sign += paragraph("Signature", or_blank(m_filing.position));
    // Room for the signature and the seal.
    for (int i = 0; i < 4; ++i) {
      sign += paragraph("Signature", std::string());
    }
    sign += paragraph("Signature", or_blank(m_filing.signer));
    return fmt::format("<w:tbl><w:tblPr><w:tblStyle w:val=\"Plain\"/><w:tblW w:w=\"{}\" w:type=\"dxa\"/>"
                       "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{}\"/><w:gridCol "
                       "w:w=\"{}\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc>{}</w:tc><w:tc>{}</w:tc>"
                       "</w:tr></w:tbl>",
                       width, left, right, recipients, sign);
  }

  // An appendix's title block: "Phụ lục I", its name, what it is attached to.
  std::string appendix_title(std::size_t n, std::string_view name) const
  {
    std::string attached = fmt::format(
      "{} {} {} {}{})", m_d.attached_to, number_symbol(m_filing), m_d.of_date,
      m_filing.issued_on ? detail::date_cell(m_vi, *m_filing.issued_on) : std::string(k_short_blank),
      m_filing.body.empty() ? "" : " " + std::string(m_d.of_body) + " " + m_filing.body);
    return paragraph("Title", fmt::format("{} {}", m_d.appendix, k_roman[n]), {}) +
           paragraph("Subtitle", std::string(name)) +
           paragraph("Subtitle", std::vector<Run>{Run{attached, Look{.bold = false, .italic = true}}}) +
           paragraph("TT", std::string());
  }

  // document.xml as pieces the archive reads in order: the spooled body and
  // appendices are never copied whole.
  std::vector<io::ZipArchive::Piece> document()
  {
    std::vector<io::ZipArchive::Piece> pieces;
    std::string text = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {}>"
                                   "<w:body>",
                                   k_namespaces);
    // A register is one wide table: the whole document in landscape.
    const bool landscape = m_view != View::summary && m_view != View::attention;
    const int width = landscape ? k_landscape_text : k_portrait_text;
    text += header_block(width);
    auto flush = [&pieces, &text](Spool* spool) {
      pieces.push_back({std::move(text), nullptr});
      text.clear();
      if (spool != nullptr) {
        pieces.push_back({std::string(), io::ZipArchive::File(spool->take_file())});
      }
    };
    flush(&m_body);
    if (m_view == View::summary) {
      text += narrative();
    }
    text += paragraph("Normal", std::string()) + signature_block(width);
    bool appendices = m_view == View::summary && (!m_appendix_totals.empty() || !m_appendix_tasks.empty());
    if (appendices) {
      // The portrait part ends here; the wide tables follow in landscape.
      text += paragraph("Normal", std::vector<Run>{}, section_properties(false, true));
      std::size_t n = 0;
      if (!m_appendix_totals.empty()) {
        text += appendix_title(n++, m_d.totals_table);
        flush(&m_appendix_totals);
      }
      if (!m_appendix_tasks.empty()) {
        if (n > 0) {
          text += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>";
        }
        text += appendix_title(n++, m_d.tasks_table);
        flush(&m_appendix_tasks);
      }
    }
    text += section_properties(appendices || landscape, !appendices) + "</w:body></w:document>";
    flush(nullptr);
    return pieces;
  }

  std::ostream& m_out;
  View m_view;
  bool m_vi;
  const Words& m_w;
  const DocWords& m_d;
  Filing m_filing;
  detail::RegisterRows m_register;
  core::Period m_period;
  core::Date m_as_of;
  bool m_several = false;
  int m_level_base = 0;
  std::size_t m_numbers[3] = {0, 0, 0};
  std::size_t m_agreements = 0;
  std::size_t m_agreements_in_section = 0;
  std::size_t m_section_number = 0; // of the current sub-period, from 1
  std::size_t m_tasks_section = 0;  // the sub-period Phụ lục II last named
  std::string m_section_name;
  std::string m_only_agreement;
  Spool m_body;
  Spool m_appendix_totals;
  Spool m_appendix_tasks;
  std::optional<Table> m_totals;
  std::optional<Table> m_register_table;
  std::vector<const detail::RegisterColumn*> m_shown;
  Spool m_attention_items; // of the current section, written at its end
  Spool m_attention_earlier;
};

} // namespace

std::unique_ptr<SummarySink> docx_sink(std::ostream& out, View view, const RenderOptions& options)
{
  // Without libzip, fail before the report is read, not after.
  io::ZipArchive::load();
  return std::make_unique<DocxSink>(out, view, options);
}

void render_docx(std::ostream& out, const Summary& summary, View view, const RenderOptions& options)
{
  replay(summary, *docx_sink(out, view, options));
}

} // namespace phoihop::report
