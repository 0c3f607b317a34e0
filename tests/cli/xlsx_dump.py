"""Reads phoihop's workbooks as a consumer would (Debian's python3-openpyxl).

  xlsx_dump.py dump FILE.xlsx
      A text dump: each sheet with its set-up (frozen panes, autofilter,
      page set-up, print titles), then each cell: its type, value, number
      format and, for a formula, the value cached with it; then the charts
      of the zip (openpyxl drops them on load) and what refers to them.
  xlsx_dump.py compare FILE.xlsx SHEET FILE.csv
      Exit 1 naming the first cell of SHEET (its rows but the header and the
      totals rows) that differs from the CSV of the same report, read back
      as the CSV writes it: ISO dates, percentages as 66.7, true/false.
"""
import csv
import datetime
import re
import sys
import zipfile

import openpyxl


def cell_text(cell):
    """A cell's value as the CSV writes it."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, (int, float)):
        if "%" in cell.number_format:
            percent = value * 100
            if cell.number_format == "0%":
                return str(int(round(percent)))
            return "%.1f" % percent
        if float(value).is_integer():
            return str(int(value))
        return repr(value)
    return str(value)


def same(expected, got):
    if expected == got:
        return True
    try:
        return float(expected) == float(got)
    except ValueError:
        return False


def compare(path, sheet, csv_path):
    book = openpyxl.load_workbook(path, data_only=True)
    rows = [r for r in book[sheet].iter_rows(min_row=2)]
    # The summary sheet's totals rows have no agreement id: not in the CSV.
    if sheet in ("Summary", "Tổng hợp"):
        rows = [r for r in rows if r[2].value is not None]
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        records = list(csv.reader(f))[1:]
    if len(rows) != len(records):
        sys.exit(f"{sheet}: {len(rows)} rows, the CSV {len(records)}")
    for row, record in zip(rows, records):
        for cell, expected in zip(row, record):
            got = cell_text(cell)
            if expected.startswith("'") and expected[1:2] in ("=", "+", "-", "@"):
                expected = expected[1:]  # the CSV's formula guard
            if not same(expected, got):
                sys.exit(f"{sheet}!{cell.coordinate}: {got!r}, the CSV {expected!r}")
    print(f"{sheet}: {len(rows)} rows equal")


def dump(path):
    book = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    print("properties: title=%r created=%s" % (book.properties.title, book.properties.created))
    for ws in book.worksheets:
        setup = ws.page_setup
        fit = ws.sheet_properties.pageSetUpPr
        print(f"== sheet {ws.title!r} {ws.dimensions}")
        print(f"   frozen={ws.freeze_panes} autofilter={ws.auto_filter.ref} orientation={setup.orientation} "
              f"paper={setup.paperSize} fit_to_page={fit.fitToPage if fit else None} "
              f"fit_width={setup.fitToWidth} fit_height={setup.fitToHeight} print_titles={ws.print_title_rows}")
        widths = {k: round(v.width, 1) for k, v in sorted(ws.column_dimensions.items()) if v.width}
        print(f"   widths={widths}")
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                kind = cell.data_type
                text = f"{cell.coordinate} {kind} {cell.value!r}"
                if kind == "f":
                    text += f" -> {cached[ws.title][cell.coordinate].value!r}"
                if cell.number_format != "General":
                    text += f" [{cell.number_format}]"
                if cell.font and cell.font.b:
                    text += " bold"
                print("   " + text)
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for name in sorted(n for n in names if re.match(r"xl/(charts/chart|drawings/_rels/|worksheets/_rels/)", n)):
            data = z.read(name).decode()
            if name.startswith("xl/charts/"):
                kinds = re.findall(r"<c:(barChart|lineChart)>", data)
                refs = re.findall(r"<c:f>([^<]*)</c:f>", data)
                titles = re.findall(r"<a:t>([^<]*)</a:t>", data) + re.findall(r"<c:v>([^<]*)</c:v>", data)
                print(f"{name}: {kinds} refs={refs} texts={titles}")
            else:
                print(f"{name}: " + " ".join(re.findall(r'Target="([^"]*)"', data)))


if __name__ == "__main__":
    if sys.argv[1] == "dump":
        dump(sys.argv[2])
    elif sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)
