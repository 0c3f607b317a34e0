#include <phoihop/io/workbook.hpp>

#include <phoihop/core/error.hpp>
#include <phoihop/io/shared_library.hpp>
#include <phoihop/core/text.hpp>
#include <phoihop/io/temp_file.hpp>

#include <fmt/format.h>
#include <xlsxwriter.h> // declarations only: the functions are looked up in the loaded library

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <ostream>
#include <unistd.h>

namespace phoihop::io {

namespace {

// The functions of libxlsxwriter phoihop calls, typed from its headers.
struct Libxlsxwriter {
  decltype(&::workbook_new_opt) new_opt;
  decltype(&::workbook_add_worksheet) add_worksheet;
  decltype(&::workbook_add_format) add_format;
  decltype(&::workbook_add_chart) add_chart;
  decltype(&::workbook_set_properties) set_properties;
  decltype(&::workbook_close) close;
  decltype(&::lxw_workbook_free) free;
  decltype(&::lxw_strerror) strerror;
  decltype(&::format_set_bold) set_bold;
  decltype(&::format_set_num_format) set_num_format;
  decltype(&::format_set_text_wrap) set_text_wrap;
  decltype(&::format_set_align) set_align;
  decltype(&::format_set_bg_color) set_bg_color;
  decltype(&::format_set_bottom) set_bottom;
  decltype(&::worksheet_write_string) write_string;
  decltype(&::worksheet_write_number) write_number;
  decltype(&::worksheet_write_boolean) write_boolean;
  decltype(&::worksheet_write_formula_num) write_formula_num;
  decltype(&::worksheet_set_column) set_column;
  decltype(&::worksheet_freeze_panes) freeze_panes;
  decltype(&::worksheet_autofilter) autofilter;
  decltype(&::worksheet_set_landscape) set_landscape;
  decltype(&::worksheet_set_paper) set_paper;
  decltype(&::worksheet_repeat_rows) repeat_rows;
  decltype(&::worksheet_fit_to_pages) fit_to_pages;
  decltype(&::worksheet_insert_chart_opt) insert_chart_opt;
  decltype(&::chart_add_series) add_series;
  decltype(&::chart_series_set_categories) series_set_categories;
  decltype(&::chart_series_set_values) series_set_values;
  decltype(&::chart_series_set_name) series_set_name;
  decltype(&::chart_title_set_name) title_set_name;
  decltype(&::chart_axis_set_num_format) axis_set_num_format;
  decltype(&::chart_axis_set_min) axis_set_min;
  decltype(&::chart_legend_set_position) legend_set_position;
};

constexpr const char* k_soname = "libxlsxwriter.so.4";
constexpr const char* k_too_old = "a libxlsxwriter older than 1.1 (Debian 12 ships 1.1.4)";

const Libxlsxwriter& lib()
{
  static const Libxlsxwriter loaded = [] {
    const SharedLibrary lib(k_soname, "writing an .xlsx", "libxlsxwriter4");
    Libxlsxwriter x{};
    lib.bind(x.new_opt, "workbook_new_opt", k_too_old);
    lib.bind(x.add_worksheet, "workbook_add_worksheet", k_too_old);
    lib.bind(x.add_format, "workbook_add_format", k_too_old);
    lib.bind(x.add_chart, "workbook_add_chart", k_too_old);
    lib.bind(x.set_properties, "workbook_set_properties", k_too_old);
    lib.bind(x.close, "workbook_close", k_too_old);
    lib.bind(x.free, "lxw_workbook_free", k_too_old);
    lib.bind(x.strerror, "lxw_strerror", k_too_old);
    lib.bind(x.set_bold, "format_set_bold", k_too_old);
    lib.bind(x.set_num_format, "format_set_num_format", k_too_old);
    lib.bind(x.set_text_wrap, "format_set_text_wrap", k_too_old);
    lib.bind(x.set_align, "format_set_align", k_too_old);
    lib.bind(x.set_bg_color, "format_set_bg_color", k_too_old);
    lib.bind(x.set_bottom, "format_set_bottom", k_too_old);
    lib.bind(x.write_string, "worksheet_write_string", k_too_old);
    lib.bind(x.write_number, "worksheet_write_number", k_too_old);
    lib.bind(x.write_boolean, "worksheet_write_boolean", k_too_old);
    lib.bind(x.write_formula_num, "worksheet_write_formula_num", k_too_old);
    lib.bind(x.set_column, "worksheet_set_column", k_too_old);
    lib.bind(x.freeze_panes, "worksheet_freeze_panes", k_too_old);
    lib.bind(x.autofilter, "worksheet_autofilter", k_too_old);
    lib.bind(x.set_landscape, "worksheet_set_landscape", k_too_old);
    lib.bind(x.set_paper, "worksheet_set_paper", k_too_old);
    lib.bind(x.repeat_rows, "worksheet_repeat_rows", k_too_old);
    lib.bind(x.fit_to_pages, "worksheet_fit_to_pages", k_too_old);
    lib.bind(x.insert_chart_opt, "worksheet_insert_chart_opt", k_too_old);
    lib.bind(x.add_series, "chart_add_series", k_too_old);
    lib.bind(x.series_set_categories, "chart_series_set_categories", k_too_old);
    lib.bind(x.series_set_values, "chart_series_set_values", k_too_old);
    lib.bind(x.series_set_name, "chart_series_set_name", k_too_old);
    lib.bind(x.title_set_name, "chart_title_set_name", k_too_old);
    lib.bind(x.axis_set_num_format, "chart_axis_set_num_format", k_too_old);
    lib.bind(x.axis_set_min, "chart_axis_set_min", k_too_old);
    lib.bind(x.legend_set_position, "chart_legend_set_position", k_too_old);
    return x;
  }();
  return loaded;
}

constexpr std::size_t k_styles = static_cast<std::size_t>(Workbook::Style::total_percent) + 1;
// A column no wider than this many characters: longer text wraps or is cut on screen.
constexpr double k_max_width = 60;
// Excel's paper size code of A4.
constexpr std::uint8_t k_paper_a4 = 9;

// UTF-16 units of the character starting with `lead`: two past the BMP.
std::size_t utf16_units(unsigned char lead)
{
  return lead >= 0xF0 ? 2 : 1;
}

} // namespace

struct Workbook::Impl {
  const Libxlsxwriter& x = lib();
  int fd = -1; // the unnamed file the workbook is written to
  std::string path; // /proc/self/fd/N: libxlsxwriter writes to a filename only
  std::string tmpdir;
  std::string title;
  lxw_workbook* book = nullptr;
  std::array<lxw_format*, k_styles> formats{};
  struct SheetState {
    lxw_worksheet* sheet = nullptr;
    std::string name;
    std::string folded; // names compare without case (Excel's rule; accents count)
    std::vector<double> widths;
  };
  std::vector<SheetState> sheets;

  // Also when the constructor throws half-way: libxlsxwriter's handles and
  // its temporary files go with the workbook.
  ~Impl()
  {
    if (book != nullptr) {
      x.free(book);
    }
    if (fd >= 0) {
      ::close(fd);
    }
  }

  void check(lxw_error error, std::string_view what) const
  {
    if (error != LXW_NO_ERROR) {
      throw Failure(fmt::format("cannot write the workbook ({}): {}", what, x.strerror(error)));
    }
  }

  lxw_format* format(Style style) const { return formats[static_cast<std::size_t>(style)]; }

  void widen(Sheet sheet, std::uint16_t col, double width)
  {
    auto& widths = sheets.at(sheet).widths;
    if (widths.size() <= col) {
      widths.resize(col + 1u, 0);
    }
    widths[col] = std::max(widths[col], std::min(width, k_max_width));
  }
};

double excel_day(const core::Date& date)
{
  // Day 25569 is 1970-01-01 (Excel counts 1900-02-29, which never was).
  return static_cast<double>(date.days() + 25569);
}

std::string cell_text(std::string_view text, std::size_t limit)
{
  if (text.size() <= limit) {
    return std::string(text); // a UTF-8 byte is never fewer than a UTF-16 unit
  }
  const std::string_view ellipsis = "…";
  std::size_t units = 0;
  std::size_t cut = 0; // the last character boundary leaving room for the ellipsis
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    units += utf16_units(lead);
    if (units > limit) {
      return std::string(text.substr(0, cut)) + std::string(ellipsis);
    }
    i += length;
    if (units <= limit - 1) {
      cut = std::min(i, text.size());
    }
  }
  return std::string(text);
}

void Workbook::load()
{
  lib();
}

Workbook::Workbook(const core::Date& created, std::string_view title) : m_impl(std::make_unique<Impl>())
{
  auto& impl = *m_impl;
  impl.fd = unnamed_temp_file("the workbook");
  impl.path = fmt::format("/proc/self/fd/{}", impl.fd);
  impl.tmpdir = temp_dir();
  impl.title = std::string(title);
  lxw_workbook_options options{};
  // Rows go to each sheet's temporary file as they are left: memory stays
  // flat whatever the rows; strings are written inline, not shared.
  options.constant_memory = LXW_TRUE;
  options.tmpdir = impl.tmpdir.data();
  impl.book = impl.x.new_opt(impl.path.c_str(), &options);
  if (impl.book == nullptr) {
    throw Failure("cannot start the workbook: out of memory");
  }
  lxw_doc_properties properties{};
  properties.title = impl.title.data();
  // The report's "today", never the clock: the same report gives the same bytes.
  // (libxlsxwriter takes 0 for "now": a day before 1970 is the epoch's second 1.)
  properties.created = std::max<time_t>(static_cast<time_t>(created.days()) * 86400, 1);
  impl.check(impl.x.set_properties(impl.book, &properties), "its properties");

  auto add = [&impl](Style style) {
    lxw_format* format = impl.x.add_format(impl.book);
    impl.formats[static_cast<std::size_t>(style)] = format;
    return format;
  };
  auto numbered = [&](Style style, const char* number_format, bool bold) {
    lxw_format* format = add(style);
    impl.x.set_num_format(format, number_format);
    impl.x.set_align(format, LXW_ALIGN_VERTICAL_TOP);
    if (bold) {
      impl.x.set_bold(format);
    }
  };
  impl.formats[0] = nullptr; // plain: the default
  lxw_format* wrap = add(Style::wrap);
  impl.x.set_text_wrap(wrap);
  impl.x.set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* header = add(Style::header);
  impl.x.set_bold(header);
  impl.x.set_text_wrap(header);
  impl.x.set_align(header, LXW_ALIGN_VERTICAL_TOP);
  impl.x.set_bg_color(header, 0xDDEBF7);
  impl.x.set_bottom(header, LXW_BORDER_THIN);
  numbered(Style::integer, "0", false);
  numbered(Style::decimal, "General", false);
  numbered(Style::date, "dd/mm/yyyy", false);
  numbered(Style::percent, "0.0%", false);
  numbered(Style::percent_whole, "0%", false);
  lxw_format* total = add(Style::total);
  impl.x.set_bold(total);
  numbered(Style::total_integer, "0", true);
  numbered(Style::total_decimal, "General", true);
  numbered(Style::total_percent, "0.0%", true);
}

Workbook::~Workbook() = default;

Workbook::Sheet Workbook::add_sheet(std::string_view wanted)
{
  auto& impl = *m_impl;
  // Excel refuses []:*?/\ in a sheet name, and an apostrophe at either end.
  std::string name;
  for (char c : wanted) {
    name += std::strchr("[]:*?/\\", c) != nullptr && c != '\0' ? ' ' : c;
  }
  auto cut = [](std::string text, std::size_t limit) {
    std::string kept = cell_text(text, limit + 1); // never inside a character
    if (kept.size() < text.size()) {
      kept.resize(kept.size() - std::strlen("…"));
    }
    return kept;
  };
  auto trimmed = [](std::string text) {
    while (!text.empty() && (text.front() == '\'' || text.front() == ' ')) {
      text.erase(0, 1);
    }
    while (!text.empty() && (text.back() == '\'' || text.back() == ' ')) {
      text.pop_back();
    }
    return text.empty() ? std::string("Sheet") : text;
  };
  name = trimmed(cut(name, k_max_sheet_name));
  std::string unique = name;
  for (int n = 2; std::any_of(impl.sheets.begin(), impl.sheets.end(),
                              [&](const Impl::SheetState& s) { return s.folded == core::casefold(unique); });
       ++n) {
    std::string suffix = fmt::format(" ({})", n);
    unique = trimmed(cut(name, k_max_sheet_name - suffix.size())) + suffix;
  }
  lxw_worksheet* sheet = impl.x.add_worksheet(impl.book, unique.c_str());
  if (sheet == nullptr) {
    throw Failure(fmt::format("cannot add the sheet '{}' to the workbook (temporary files in {})", unique,
                              impl.tmpdir));
  }
  impl.sheets.push_back({sheet, unique, core::casefold(unique), {}});
  return impl.sheets.size() - 1;
}

const std::string& Workbook::sheet_name(Sheet sheet) const
{
  return m_impl->sheets.at(sheet).name;
}

void Workbook::text(Sheet sheet, std::uint32_t row, std::uint16_t col, std::string_view text, Style style)
{
  auto& impl = *m_impl;
  if (text.empty()) {
    return;
  }
  auto& widths = impl.sheets.at(sheet).widths;
  double known = col < widths.size() ? widths[col] : 0;
  // Display width is never more than the bytes: only a longer text can widen the column.
  if (static_cast<double>(text.size()) > known && known < k_max_width) {
    int widest = 0;
    for (std::size_t start = 0; start <= text.size();) {
      std::size_t end = text.find('\n', start);
      end = end == std::string_view::npos ? text.size() : end;
      widest = std::max(widest, core::display_width(text.substr(start, end - start)));
      start = end + 1;
    }
    // A heading wraps: it asks for less than the cells below it may.
    impl.widen(sheet, col, style == Style::header ? std::min(widest + 2, 24) : widest + 2);
  }
  std::string kept = cell_text(text);
  impl.check(impl.x.write_string(impl.sheets.at(sheet).sheet, row, col, kept.c_str(), impl.format(style)),
             fmt::format("sheet '{}', row {}", impl.sheets.at(sheet).name, row + 1));
}

void Workbook::number(Sheet sheet, std::uint32_t row, std::uint16_t col, double value, Style style)
{
  auto& impl = *m_impl;
  impl.widen(sheet, col, 10);
  impl.check(impl.x.write_number(impl.sheets.at(sheet).sheet, row, col, value, impl.format(style)),
             fmt::format("sheet '{}', row {}", impl.sheets.at(sheet).name, row + 1));
}

void Workbook::date(Sheet sheet, std::uint32_t row, std::uint16_t col, const core::Date& date, Style style)
{
  m_impl->widen(sheet, col, 12);
  number(sheet, row, col, excel_day(date), style);
}

void Workbook::boolean(Sheet sheet, std::uint32_t row, std::uint16_t col, bool value, Style style)
{
  auto& impl = *m_impl;
  impl.widen(sheet, col, 8);
  impl.check(impl.x.write_boolean(impl.sheets.at(sheet).sheet, row, col, value ? 1 : 0, impl.format(style)),
             fmt::format("sheet '{}', row {}", impl.sheets.at(sheet).name, row + 1));
}

void Workbook::formula(Sheet sheet, std::uint32_t row, std::uint16_t col, const std::string& formula,
                       double cached, Style style)
{
  auto& impl = *m_impl;
  impl.widen(sheet, col, 10);
  impl.check(impl.x.write_formula_num(impl.sheets.at(sheet).sheet, row, col, ("=" + formula).c_str(),
                                      impl.format(style), cached),
             fmt::format("sheet '{}', row {}", impl.sheets.at(sheet).name, row + 1));
}

void Workbook::fit_columns(Sheet sheet, std::uint16_t columns)
{
  auto& impl = *m_impl;
  auto& state = impl.sheets.at(sheet);
  for (std::uint16_t col = 0; col < columns; ++col) {
    double width = col < state.widths.size() && state.widths[col] > 0 ? state.widths[col] : 8.43;
    impl.check(impl.x.set_column(state.sheet, col, col, width, nullptr), "column widths");
  }
}

void Workbook::table_setup(Sheet sheet, std::uint32_t last_row, std::uint16_t last_col)
{
  auto& impl = *m_impl;
  lxw_worksheet* ws = impl.sheets.at(sheet).sheet;
  impl.x.freeze_panes(ws, 1, 0);
  impl.check(impl.x.autofilter(ws, 0, 0, last_row, last_col), "its autofilter");
  impl.check(impl.x.repeat_rows(ws, 0, 0), "its print titles");
  page_setup(sheet);
}

void Workbook::page_setup(Sheet sheet)
{
  auto& impl = *m_impl;
  lxw_worksheet* ws = impl.sheets.at(sheet).sheet;
  impl.x.set_landscape(ws);
  impl.x.set_paper(ws, k_paper_a4);
  impl.x.fit_to_pages(ws, 1, 0);
}

void Workbook::chart(Sheet sheet, std::uint32_t row, std::uint16_t col, const Chart& spec)
{
  auto& impl = *m_impl;
  lxw_chart* chart = impl.x.add_chart(impl.book, spec.kind == ChartKind::line ? LXW_CHART_LINE : LXW_CHART_COLUMN);
  if (chart == nullptr) {
    throw Failure("cannot add a chart to the workbook: out of memory");
  }
  impl.x.title_set_name(chart, spec.title.c_str());
  const std::string& data = impl.sheets.at(spec.data).name;
  for (const auto& s : spec.series) {
    lxw_chart_series* series = impl.x.add_series(chart, nullptr, nullptr);
    if (series == nullptr) {
      throw Failure("cannot add a chart series to the workbook: out of memory");
    }
    impl.x.series_set_categories(series, data.c_str(), spec.first_row, spec.category_col, spec.last_row,
                                 spec.category_col);
    impl.x.series_set_values(series, data.c_str(), spec.first_row, s.col, spec.last_row, s.col);
    impl.x.series_set_name(series, s.name.c_str());
  }
  if (!spec.axis_format.empty()) {
    impl.x.axis_set_num_format(chart->y_axis, spec.axis_format.c_str());
  }
  impl.x.axis_set_min(chart->y_axis, 0);
  impl.x.legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_offset = 10;
  options.y_offset = 10;
  options.x_scale = 1.5;
  options.y_scale = 1.5;
  impl.check(impl.x.insert_chart_opt(impl.sheets.at(sheet).sheet, row, col, chart, &options), "its chart");
}

void Workbook::finish(std::ostream& out)
{
  auto& impl = *m_impl;
  lxw_error error = impl.x.close(impl.book); // frees the workbook, whatever it returns
  impl.book = nullptr;
  if (error != LXW_NO_ERROR) {
    throw Failure(fmt::format("cannot write the workbook (temporary files in {}): {}", impl.tmpdir,
                              impl.x.strerror(error)));
  }
  std::string chunk(std::size_t{1} << 16, '\0');
  off_t at = 0;
  for (;;) {
    ssize_t n = ::pread(impl.fd, chunk.data(), chunk.size(), at);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      throw Failure(fmt::format("cannot read back the workbook: {}", std::strerror(errno)));
    }
    if (n == 0) {
      break;
    }
    out.write(chunk.data(), n);
    at += n;
  }
}

} // namespace phoihop::io
