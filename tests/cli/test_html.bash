#!/usr/bin/env bash
# HTML reports (phoihop-report(1), FORMATS: html): the Bến Tre report opened
# in Debian's headless Chromium — printed to PDF (A4, the Vietnamese text read
# back by pdftotext, each sub-period on its own page), screenshotted, and its
# DOM dumped to find every chart element — with no network request made;
# hostile record text inert; a golden file; the same bytes on a rerun.
# PHOIHOP_REGENERATE=1 rewrites the golden file on purpose.
source "$(dirname "$0")/lib.bash"

PY=/usr/bin/python3
if ! command -v chromium >/dev/null; then
  fail "chromium is not installed (scripts/deps.sh installs it)"
  finish
fi
# Each start takes seconds: the suite starts the browser three times, with a
# profile of its own in the temporary directory and its own traffic switched
# off, so what the network log holds is the page's.
browser() {
  timeout 120 chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$TMP/chromium" \
    --disable-background-networking --disable-component-update --disable-sync --disable-extensions \
    --no-first-run --no-default-browser-check --hide-scrollbars "$@" 2>>"$TMP/chromium.log"
}
golden() { # FILE NAME: compare FILE with tests/golden/NAME
  if [ "${PHOIHOP_REGENERATE:-}" = 1 ]; then
    cp "$1" "$SOURCE_DIR/tests/golden/$2"
  fi
  cmp -s "$1" "$SOURCE_DIR/tests/golden/$2" || { diff -u "$SOURCE_DIR/tests/golden/$2" "$1" | head -20 >&2; fail "differs from golden $2"; }
}

load_bentre

# The 2018-2022 report as an office reads it, in Vietnamese: golden, and the
# same bytes again in another time zone and to stdout.
ok report summary --period 2018-2022 --agreement BT-2018 --lang vi --output "$TMP/bt.html"
[ -s "$TMP/stdout" ] && fail "a report written to a file printed to stdout"
[ -s "$TMP/stderr" ] && fail "an HTML report talked on stderr"
golden "$TMP/bt.html" bentre-2018-2022.vi.html
EXTRA_ENV="TZ=America/New_York" ok report summary --period 2018-2022 --agreement BT-2018 --lang vi --format html
cmp -s "$TMP/stdout" "$TMP/bt.html" || fail "a rerun (another zone, stdout) gave other bytes"
grep -q '^<html lang="vi">$' "$TMP/bt.html" || fail "no lang=\"vi\" on the page"
# Self-contained: nothing to fetch, nothing to run.
grep -Eqi '<(script|link|img|iframe|object)|@import|url\(|https?:' "$TMP/bt.html" && fail "the page refers outside itself"

# Hostile record text, and a second agreement's worth of tasks for the charts.
ok task add --agreement BT-2022 --code X1 --lead "Tỉnh đoàn Bến Tre" --start 01/01/2023 --due 30/06/2023 \
  --note 'https://example.org/"><img src=x onerror=alert(2)>' -- '<script>alert(1)</script>'
ok task add --agreement BT-2022 --code X2 --lead '" onload="alert(3)' --start 01/01/2023 --due 30/06/2024 \
  -- "Tiêu đề rất dài $(printf 'Khôngkhoảngtrắng%.0s' {1..20})"
ok task update "$(out)" --progress 40 --date 01/03/2024 \
  --note 'ghi chú <b>đậm</b> & "trích" '\''đơn'\'''
# The 2022-2026 term year by year: a sub-period per page, figures over time.
ok report summary --period 2022-2026 --each year --lang vi --output "$TMP/each.html"
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$TMP/each.html" || fail "the hostile title is not in the page as text"

# 1. Printed to PDF: A4 pages, the Vietnamese text as written, no request.
browser --print-to-pdf="$TMP/each.pdf" --no-pdf-header-footer --log-net-log="$TMP/net.json" "file://$TMP/each.html" >/dev/null
[ -s "$TMP/each.pdf" ] || fail "Chromium printed no PDF: $(tail -3 "$TMP/chromium.log")"
pdfinfo "$TMP/each.pdf" >"$TMP/pdfinfo" 2>&1 || fail "pdfinfo cannot read the PDF"
grep -Eq '^Page size: *59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts \(A4\)' "$TMP/pdfinfo" || fail "not A4: $(grep 'Page size' "$TMP/pdfinfo")"
pages=$(awk '/^Pages:/ {print $2}' "$TMP/pdfinfo")
[ "${pages:-0}" -ge 5 ] || fail "the five sub-periods are not on pages of their own: ${pages:-0} pages"
pdftotext -layout "$TMP/each.pdf" "$TMP/each.txt"
for text in "Báo cáo kết quả thực hiện quy chế phối hợp giai đoạn 2022-2026" "Tỉnh đoàn Bến Tre" \
  "Tổng hợp chung" "Những vấn đề cần lưu ý" "Tiến độ từng đầu việc" "Số liệu qua các kỳ" "Đầu việc theo tình trạng" \
  "<script>alert(1)</script>" "Khôngkhoảngtrắng" "ghi chú <b>đậm</b> & \"trích\" 'đơn'"; do
  grep -qF -- "$text" "$TMP/each.txt" || fail "the printed page lacks '$text'"
done
# Every glyph came from the page's serif stack: a font without Vietnamese's
# letters would have sent some to a fallback font.
pdffonts "$TMP/each.pdf" | awk 'NR > 2 {print $1}' | sed 's/^[A-Z]*+//' | sort -u >"$TMP/fonts"
grep -Evq '^(LiberationSerif|NotoSerif|DejaVuSerif|TimesNewRoman)' "$TMP/fonts" &&
  fail "a font outside the page's serif stack: $(tr '\n' ' ' <"$TMP/fonts")"
[ -s "$TMP/fonts" ] || fail "no font in the PDF"
# Each sub-period starts a page: its heading comes first on the page.
"$PY" - "$TMP/each.txt" <<'PY' || fail "a sub-period does not start a page"
import sys
pages = [p.strip().splitlines() for p in open(sys.argv[1], encoding="utf-8").read().split("\f")]
firsts = [p[0].strip() for p in pages if p]
for year in range(2023, 2027):
    assert f"Năm {year}" in firsts, (year, firsts)
PY
# Only the browser's own file:// loads: no request left the page.
"$PY" - "$TMP/net.json" <<'PY' >"$TMP/requests" || fail "the page made network requests: $(head -5 "$TMP/requests")"
import json, sys
events = json.load(open(sys.argv[1]))["events"]
urls = sorted({e["params"]["url"] for e in events
               if "url" in e.get("params", {}) and not e["params"]["url"].startswith(("file:", "data:"))
               and "file://" in str(e["params"].get("network_isolation_key", ""))})
print("\n".join(urls))
sys.exit(1 if urls else 0)
PY

# 2. On the screen: a full-width screenshot that is not blank.
browser --screenshot="$TMP/bt.png" --window-size=1024,1400 "file://$TMP/bt.html" >/dev/null
"$PY" - "$TMP/bt.png" <<'PY' || fail "the screenshot is missing or blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1024, 1400), (width, height)
raw, at = b"", 8
while at < len(data):
    length, kind = struct.unpack(">I4s", data[at:at + 8])
    if kind == b"IDAT":
        raw += data[at + 8:at + 8 + length]
    at += 12 + length
pixels = zlib.decompress(raw)
assert len(set(pixels[::997])) > 8, "one colour"
PY

# 3. The DOM as the browser built it: every chart and its parts, no element
# or handler from a record.
browser --dump-dom "file://$TMP/each.html" >"$TMP/dom.html"
"$PY" - "$TMP/dom.html" <<'PY' >"$TMP/dom.out" || fail "the DOM: $(cat "$TMP/dom.out")"
import sys
from html.parser import HTMLParser
from collections import Counter
class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.classes, self.handlers, self.text = Counter(), Counter(), [], []
        self.svg_titles = 0
        self.stack = []
    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name == "class":
                for c in (value or "").split():
                    self.classes[(tag, c)] += 1
        self.stack.append(tag)
    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass
    def handle_data(self, data):
        self.text.append(data)
d = Dom()
d.feed(open(sys.argv[1], encoding="utf-8").read())
text = "".join(d.text)
problems = []
def need(cond, what):
    if not cond:
        problems.append(what)
need(d.tags["script"] == 0, "a <script> element")
need(d.tags["img"] == 0, "an <img> element")
need(not d.handlers, f"event handlers {d.handlers}")
need(d.tags["b"] == 0, "a <b> element from a note")
# An agreement's tasks charted in each sub-period (BT-2018 in 2022, BT-2022
# in every year), its statuses once per sub-period, the figures over time once.
progress, status = d.classes[("svg", "chart-progress")], d.classes[("svg", "chart-status")]
need(progress == 6, f"progress charts: {progress}")
need(status == 5, f"status charts: {status}")
need(d.classes[("svg", "chart-over-time")] == 1, "the chart over time")
need(d.classes[("g", "legend")] == progress + status + 1, f"legends: {d.classes[('g', 'legend')]}")
need(d.classes[("rect", "swatch")] == 5 * (progress + status) + 2, "legend swatches")
need(d.classes[("g", "task")] >= 9, f"task bars: {d.classes[('g', 'task')]}")
need(d.classes[("rect", "segment")] >= 5, "status segments")
need(d.classes[("rect", "series-completion")] >= 4, "completion bars over time")
need(d.classes[("rect", "series-progress")] >= 4, "progress bars over time")
need(d.tags["title"] >= 1 + progress + status + 1, "chart titles")
need("<script>alert(1)</script>" in text, "the hostile title as text")
need('" onload="alert(3)' in text, "the hostile lead as text")
print("; ".join(problems))
sys.exit(1 if problems else 0)
PY

# The registers and the attention list are pages too; a recorded page comes back as sent.
ok report tasks --period 2023 --lang vi --format html
out_has '<th scope="col">Nội dung</th>'
out_has '&lt;script&gt;alert(1)&lt;/script&gt;'
ok report attention --period 2024 --format html
out_has '<ul class="attention">'
ok report summary --period 2023 --compare previous --format html
out_has '<p class="compare">Compared with'
ok report summary --period 2023 --lang vi --record --number 7 --symbol BC-VP --output "$TMP/rec.html"
ok report sent show 7/BC-VP --output "$TMP/back.html"
cmp -s "$TMP/rec.html" "$TMP/back.html" || fail "the recorded page did not come back byte for byte"
ok report sent list --format csv
out_has ",html,"

# Refused: the columns layout (one table of data) with a message naming it.
fails 2 report summary --period 2024 --each quarter --layout columns --format html
err_has "--layout columns is for md, csv and json"
fails 2 report summary --period 2024 --format html --bom
err_has "--bom"

finish
