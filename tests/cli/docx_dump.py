#!/usr/bin/python3
"""Reads a .docx with Debian's python3-docx, as an office's tools would, and
prints what it holds in document order: each section's page set-up, each
paragraph's style and text, each table's cells row by row. The end-to-end
tests compare this dump with the golden files in tests/golden/ and grep it."""
import sys

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def blocks(body):
    for child in body._body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, body)
        elif child.tag == qn("w:tbl"):
            yield Table(child, body)


def main(path):
    document = docx.Document(path)
    for n, section in enumerate(document.sections, 1):
        print(f"section {n}: {section.orientation} {section.page_width.mm:.0f}x{section.page_height.mm:.0f} mm, "
              f"margins top {section.top_margin.mm:.0f} bottom {section.bottom_margin.mm:.0f} "
              f"left {section.left_margin.mm:.0f} right {section.right_margin.mm:.0f} mm, "
              f"different first page {section.different_first_page_header_footer}")
    style = document.styles["Normal"]
    print(f"font: {style.font.name} {style.font.size.pt:g} pt")
    for block in blocks(document._body):
        if isinstance(block, Paragraph):
            if block.text:
                print(f"[{block.style.name}] {block.text}")
        else:
            widths = [c.get(qn("w:w")) for c in block._tbl.tblGrid.iterchildren() if c.tag == qn("w:gridCol")]
            print(f"table {len(block.rows)}x{len(block.columns)} widths {' '.join(widths)}")
            for row in block.rows:
                cells = []
                previous = None
                for cell in row.cells:
                    if previous is not None and cell._tc is previous:  # a cell spanning columns repeats
                        continue
                    previous = cell._tc
                    cells.append(cell.text.replace("\n", " / "))
                print("  | " + " | ".join(cells))


if __name__ == "__main__":
    main(sys.argv[1])
