#!/usr/bin/env bash
# Word documents (phoihop-report(1), WORD DOCUMENTS): read back by Debian's
# python3-docx, rendered by LibreOffice and read by pdftotext, compared with
# the golden dumps in tests/golden/, byte-identical on reruns, and refused
# where they make no sense.
source "$(dirname "$0")/lib.bash"

PY=/usr/bin/python3 # Debian's, which has python3-docx
dump() { "$PY" "$SOURCE_DIR/tests/cli/docx_dump.py" "$1" >"$TMP/dump" 2>"$TMP/dump.err" || fail "python3-docx cannot read $1: $(cat "$TMP/dump.err")"; }
has() { grep -qF -- "$1" "$TMP/dump" || fail "the document lacks '$1'"; }
lacks() { grep -qF -- "$1" "$TMP/dump" && fail "the document has '$1'"; return 0; }

load_bentre
mkdir -p "$TMP/config/phoihop"
cat >"$TMP/config/phoihop/config.toml" <<'TOML'
[office]
parent = "UBND TỈNH BẾN TRE"
body = "VĂN PHÒNG ỦY BAN NHÂN DÂN"
place = "Bến Tre"
symbol = "BC-VP"
signer = "Nguyễn Văn An"
position = "CHÁNH VĂN PHÒNG"
recipients = ["UBND tỉnh (để báo cáo)", "Tỉnh đoàn Bến Tre", "Lưu: VT, KGVX"]
TOML
printf 'Công tác phối hợp được triển khai đồng bộ.\n\nCác đầu việc hoàn thành đúng hạn.\n' >"$TMP/assessment.txt"
printf '\xEF\xBB\xBFMột số hoạt động chưa thường xuyên.\r\n' >"$TMP/shortcomings.txt"
printf 'Tiếp tục thực hiện quy chế giai đoạn 2022-2026.\n' >"$TMP/direction.txt"
printf 'Đề nghị UBND tỉnh quan tâm bố trí kinh phí.\n' >"$TMP/recommendations.txt"
narrative=(--assessment "$TMP/assessment.txt" --shortcomings "$TMP/shortcomings.txt"
  --direction "$TMP/direction.txt" --recommendations "$TMP/recommendations.txt")

# The Bến Tre report of 2018-2022 as the office files it, in Vietnamese.
ok report summary --period 2018-2022 --agreement BT-2018 --lang vi --number 15 --date-issued 15/12/2022 \
  --capacity "KT. CHÁNH VĂN PHÒNG" "${narrative[@]}" --output "$TMP/bt.docx"
[ -s "$TMP/stdout" ] && fail "a report written to a file printed to stdout"
[ -s "$TMP/stderr" ] && fail "a .docx talked on stderr"
[ "$(head -c 2 "$TMP/bt.docx")" = "PK" ] || fail "not a zip container"
dump "$TMP/bt.docx"
# Page set-up: A4 portrait with Decree 30's margins, the appendices in landscape.
has "section 1: PORTRAIT (0) 210x297 mm, margins top 20 bottom 20 left 30 right 15 mm, different first page True"
has "section 2: LANDSCAPE (1) 297x210 mm"
has "font: Times New Roman 14 pt"
# The header block: the body under its parent beside the motto; number, place and date.
has "  | UBND TỈNH BẾN TRE / VĂN PHÒNG ỦY BAN NHÂN DÂN /  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc / "
has "  | Số: 15/BC-VP | Bến Tre, ngày 15 tháng 12 năm 2022"
has "[Title] BÁO CÁO"
has "[Subtitle] Kết quả thực hiện Quy chế phối hợp công tác giữa UBND tỉnh và Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2018-2022"
has "[Heading 1] I. KẾT QUẢ THỰC HIỆN"
has "[Normal] Số liệu tổng hợp: Tổng số đầu việc: 5;"
# The narrative sections, in the order Decree 30 reports use, one paragraph a line.
[ "$(grep -E '^\[Heading [12]\] (II|III|IV)\.|^\[Heading 2\] Hạn chế' "$TMP/dump" | tr '\n' '|')" = \
  "[Heading 1] II. ĐÁNH GIÁ CHUNG|[Heading 2] Hạn chế, nguyên nhân|[Heading 1] III. PHƯƠNG HƯỚNG, NHIỆM VỤ|[Heading 1] IV. KIẾN NGHỊ, ĐỀ XUẤT|" ] ||
  fail "narrative sections out of order: $(grep Heading "$TMP/dump")"
has "[Normal] Các đầu việc hoàn thành đúng hạn."
has "[Normal] Một số hoạt động chưa thường xuyên."
lacks $'\xEF\xBB\xBF'
# Nơi nhận and the signature block.
has "  | Nơi nhận: / - UBND tỉnh (để báo cáo); / - Tỉnh đoàn Bến Tre; / - Lưu: VT, KGVX. | KT. CHÁNH VĂN PHÒNG / CHÁNH VĂN PHÒNG /  /  /  /  / Nguyễn Văn An"
# The appendices: the figures' table and the tasks, STT narrow and titles wide.
has "[Title] Phụ lục I"
has "[Subtitle] (Kèm theo Báo cáo số 15/BC-VP ngày 15/12/2022 của VĂN PHÒNG ỦY BAN NHÂN DÂN)"
has "  | BT-2018 | 5 | 0 | 0 | 5 | 0 | 0 | 0 | 5 | 100,0% | 100,0% | 1 | 6 | 9"
grep -A1 "^\[Heading 2\] BT-2018 — " "$TMP/dump" | tail -1 >"$TMP/grid"
read -r _ _ _ stt title _ <"$TMP/grid"
[ "${stt:-0}" -lt 1000 ] && [ "${title:-0}" -gt $((3 * stt)) ] || fail "task table widths do not follow the content: $(cat "$TMP/grid")"
# The golden dump (regenerate with PHOIHOP_GOLDEN=write after a deliberate change).
golden() {
  if [ "${PHOIHOP_GOLDEN:-}" = write ]; then
    cp "$TMP/dump" "$SOURCE_DIR/tests/golden/$1"
  fi
  diff -u "$SOURCE_DIR/tests/golden/$1" "$TMP/dump" >"$TMP/diff" || fail "differs from tests/golden/$1: $(head -40 "$TMP/diff")"
}
golden bentre-2018-2022.vi.docx.txt

# Byte-identical on a rerun, in another time zone too (fixed times in the zip).
cp "$TMP/bt.docx" "$TMP/first.docx"
EXTRA_ENV="TZ=America/New_York" ok report summary --period 2018-2022 --agreement BT-2018 --lang vi --number 15 \
  --date-issued 15/12/2022 --capacity "KT. CHÁNH VĂN PHÒNG" "${narrative[@]}" --output "$TMP/bt.docx"
cmp -s "$TMP/first.docx" "$TMP/bt.docx" || fail "a rerun gave other bytes"
# The format follows the extension; the same bytes to stdout when it is not a terminal.
ok report summary --period 2018-2022 --agreement BT-2018 --lang vi --number 15 --date-issued 15/12/2022 \
  --capacity "KT. CHÁNH VĂN PHÒNG" "${narrative[@]}" --format docx
cmp -s "$TMP/first.docx" "$TMP/stdout" || fail "stdout differs from --output"

# English: the same document in English words; the profile as given.
ok report summary --period 2018-2022 --agreement BT-2018 --lang en --number 15 --date-issued 2022-12-15 \
  --capacity "KT. CHÁNH VĂN PHÒNG" "${narrative[@]}" --output "$TMP/bt-en.docx"
dump "$TMP/bt-en.docx"
lacks "Số: 15"
has "  | No.: 15/BC-VP | Bến Tre, 15 December 2022"
has "SOCIALIST REPUBLIC OF VIETNAM / Independence - Freedom - Happiness"
has "[Title] REPORT"
has "Recipients: / - UBND tỉnh (để báo cáo);"
has "[Heading 1] I. RESULTS"
golden bentre-2018-2022.en.docx.txt

# Without a profile: a valid document with visible blanks, nothing invented.
mv "$TMP/config/phoihop/config.toml" "$TMP/office.toml"
ok report summary --period 2018-2022 --agreement BT-2018 --lang vi --output "$TMP/blank.docx"
dump "$TMP/blank.docx"
has "  | …………… /  | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
has "  | Số: ……/…… | ……………, ngày …… tháng …… năm ……"
has "  | Nơi nhận: / - ……………; | …………… /  /  /  /  / ……………"
lacks "Nguyễn Văn An"
lacks "VĂN PHÒNG"
lacks "[Heading 1] II."

# A number under 10 has its 0 (Decree 30); recipients keep their own
# punctuation; without --period the summary line says the term's days, not
# the command line's words.
mv "$TMP/office.toml" "$TMP/config/phoihop/config.toml"
ok report summary --agreement BT-2018 --lang vi --number 3 --recipient "Bộ Nội vụ;" --recipient "Lưu: VT." \
  --output "$TMP/three.docx"
dump "$TMP/three.docx"
has "  | Số: 03/BC-VP |"
has "Nơi nhận: / - Bộ Nội vụ; / - Lưu: VT. |"
lacks "agreement:"
ok report summary --period 2010 --lang vi --output "$TMP/empty.docx"
dump "$TMP/empty.docx"
has "[Normal] Không có quy chế phối hợp nào thực hiện trong kỳ."
mv "$TMP/config/phoihop/config.toml" "$TMP/office.toml"

# Several agreements, each sub-period under its heading; the registers.
ok report summary --period 2018-2026 --each year --lang vi --output "$TMP/all.docx"
dump "$TMP/all.docx"
has "[Heading 2] 1. Năm 2018"
has "[Heading 3] 5.1. BT-2018 — "
has "  | Tổng cộng |"
# The tasks' appendix says which sub-period each table is of.
[ "$(grep -c '^\[Subtitle\] Năm 20' "$TMP/dump")" -ge 10 ] || fail "appendix tables without their sub-period"
ok report tasks --period 2022-2026 --lang vi --output "$TMP/tasks.docx"
dump "$TMP/tasks.docx"
has "section 1: LANDSCAPE (1) 297x210 mm"
has " | Nội dung | Đơn vị chủ trì |"
lacks "Mã đầu việc"
ok report attention --period 2026 --lang en --output "$TMP/attention.docx"
dump "$TMP/attention.docx"
has "[Title] REPORT"

# Record text is text: XML, quotes and entities come back exactly as stored.
ok task add --agreement BT-2022 'A <w:p> & "]]></w:t> &amp; </w:body>' --start 2023-01-01 --due 2024-01-01
ok report summary --period 2023 --agreement BT-2022 --output "$TMP/hostile.docx"
dump "$TMP/hostile.docx"
has '| A <w:p> & "]]></w:t> &amp; </w:body> |'

# What a .docx cannot do, or options without one: usage errors, nothing written.
unchanged_by 2 report summary --period 2022 --signer "X"
err_has "--signer is for a Word document"
unchanged_by 2 report summary --period 2022 --format md --number 3
unchanged_by 2 report summary --period 2022 --format docx --layout columns
unchanged_by 2 report summary --period 2022 --format docx --compare previous
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --number 0
err_has "--number '0'"
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --number 15a
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --date-issued 31/02/2022
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --assessment "$TMP/missing.txt"
err_has "missing.txt"
printf 'bad \001 text\n' >"$TMP/control.txt"
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --direction "$TMP/control.txt"
err_has "--direction '$TMP/control.txt'"
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --recipient ""
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --date-issued ""
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --date-issued 2021-12-31
err_has "--date-issued 2021-12-31 is before the period"
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --assessment ""
unchanged_by 2 report tasks --period 2022 --output "$TMP/n.docx" --assessment "$TMP/assessment.txt"
err_has "--assessment is for 'report summary'"
head -c 100001 /dev/zero | tr '\0' 'a' >"$TMP/long.txt"
unchanged_by 2 report summary --period 2022 --output "$TMP/n.docx" --assessment "$TMP/long.txt"
err_has "100001 bytes"
for name in n.docm n.dotx n.rtf; do
  unchanged_by 2 report summary --period 2022 --output "$TMP/$name"
done
[ -e "$TMP/n.docx" ] || [ -e "$TMP/n.docm" ] && fail "a refused report wrote its file"

# LibreOffice opens the documents and lays them out on A4: the header block
# and the motto on page 1, Nơi nhận and the signature on the page before the
# first appendix.
export HOME="$TMP/home"
for doc in bt all; do
  timeout 120 soffice --headless --norestore --convert-to pdf --outdir "$TMP/pdf" "$TMP/$doc.docx" >/dev/null 2>&1 ||
    fail "LibreOffice could not convert $doc.docx"
  pdf="$TMP/pdf/$doc.pdf"
  pdftotext -layout -f 1 -l 1 "$pdf" "$TMP/page1.txt"
  for text in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "BÁO CÁO" "I. KẾT QUẢ THỰC HIỆN"; do
    grep -qF "$text" "$TMP/page1.txt" || fail "$doc.pdf page 1 lacks '$text'"
  done
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  signed=""
  appendix=""
  for ((p = 1; p <= pages; p++)); do
    pdftotext -layout -f "$p" -l "$p" "$pdf" "$TMP/page.txt"
    [ -z "$signed" ] && grep -qF "Nơi nhận:" "$TMP/page.txt" && signed=$p
    [ -z "$appendix" ] && grep -qE "^ *Phụ lục I *$" "$TMP/page.txt" && appendix=$p
  done
  [ -n "$signed" ] && [ "$appendix" = $((signed + 1)) ] ||
    fail "$doc.pdf: Nơi nhận on page '$signed', Phụ lục I on page '$appendix'"
done

finish
