#!/bin/sh
# The worked example: the coordination regulations between the People's
# Committee of Bến Tre province and the provincial Youth Union, 2018–2026, as
# reported by Báo Đồng Khởi on 01/12/2022 ("Tổng kết Quy chế phối hợp giữa
# UBND tỉnh và Tỉnh đoàn Bến Tre giai đoạn 2018-2022"), and what happened to
# both bodies in 2025.
#
# Usage: examples/bentre.sh [PHOIHOP]   (the database is $PHOIHOP_DB or --db in $PHOIHOP_ARGS)
# Names are typed the way clerks type them: sometimes with diacritics,
# sometimes without; phoihop finds the same organisation either way.
set -eu
phoihop=${1:-phoihop}
p() { "$phoihop" -q ${PHOIHOP_ARGS:-} "$@"; }

# The two parties, with the full names the article uses as aliases.
p org add "UBND tỉnh Bến Tre" --kind people_committee >/dev/null
p org alias "UBND tỉnh Bến Tre" "Ủy ban nhân dân tỉnh Bến Tre"
p org add "Tỉnh đoàn Bến Tre" --kind youth_union >/dev/null
p org alias "tinh doan ben tre" "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre"

# The 2018–2022 regulation. The article names neither its signing date nor its
# 2018 signers, so it is entered with its term only and then marked in force.
p agreement add "Quy chế phối hợp công tác giữa UBND tỉnh và Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2018-2022" \
  --party "UBND tỉnh Bến Tre" --party "Tinh doan Ben Tre" --period 2018-2022 --code BT-2018 \
  --place "Bến Tre" --note "Bài báo không nêu ngày ký và người ký quy chế giai đoạn 2018-2022." >/dev/null
p agreement edit BT-2018 --status in_force

# 01/12/2022: at the final review conference the two leaders signed the
# regulation for 2022–2026; renewing supersedes the 2018–2022 one.
p agreement renew BT-2018 --period 2022-2026 --signed 01/12/2022 --code BT-2022 >/dev/null
p agreement sign BT-2022 --party "ubnd tinh ben tre" \
  --signer "Nguyễn Thị Bé Mười" --position "Phó Chủ tịch UBND tỉnh"
p agreement sign BT-2022 --party "Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre" \
  --signer "Lâm Như Quỳnh" --position "Bí thư Tỉnh đoàn"
p agreement edit BT-2022 --note "6 đầu việc trọng tâm; signed at the 2018-2022 final review conference."

# 01/07/2025: Bến Tre, Trà Vinh and Vĩnh Long provinces merged into the new
# Vĩnh Long province; both parties ceased about 31 months into the 2022–2026
# term and were succeeded by the bodies of the new province.
p org succeed "UBND tỉnh Bến Tre" --by "UBND tỉnh Vĩnh Long" --date 01/07/2025 \
  --note "Hợp nhất tỉnh Bến Tre, Trà Vinh và Vĩnh Long thành tỉnh Vĩnh Long"
p org succeed "Tỉnh đoàn Bến Tre" --by "Tỉnh đoàn Vĩnh Long" --date 01/07/2025 \
  --note "Hợp nhất tỉnh Bến Tre, Trà Vinh và Vĩnh Long thành tỉnh Vĩnh Long"
p org edit "UBND tỉnh Vĩnh Long" --kind people_committee
p org edit "tinh doan vinh long" --kind youth_union

# The six focal work items (đầu việc trọng tâm) of the 2022–2026 regulation,
# worded as the article lists them. The article names no leads or due dates:
# the Youth Union leads each here, as the regulation's implementing party, and
# each is due at the end of the term; the note on each task says so.
n=0
for item in \
  "Tuyên truyền giáo dục thế hệ trẻ" \
  "Xây dựng chính sách cho thanh niên và công tác thanh niên" \
  "Giám sát, bảo đảm thực hiện chế độ, chính sách liên quan đến thanh niên và công tác thanh niên" \
  "Thực hiện các chương trình, kế hoạch, đề án phát triển kinh tế - xã hội trọng tâm thực hiện Nghị quyết Đại hội XI Đảng bộ tỉnh" \
  "Thực hiện Nghị quyết về phát triển thanh niên tỉnh Bến Tre giai đoạn 2021-2030 và các chính sách về phát triển thanh niên" \
  "Phối hợp chăm sóc, giáo dục thiếu niên, nhi đồng"; do
  n=$((n + 1))
  p task add "$item" --agreement BT-2022 --code "$n" --lead "Tỉnh đoàn Bến Tre" \
    --partner "UBND tỉnh Bến Tre" --start 01/12/2022 --due 31/12/2026 \
    --note "Đơn vị chủ trì và thời hạn là giá trị minh họa (bài báo không nêu)." >/dev/null
done

# 01/12/2022: the final review conference (hội nghị tổng kết) of the 2018–2022
# regulation, at which the 2022–2026 one was signed.
meeting=$(p meeting add "Hội nghị tổng kết Quy chế phối hợp giữa UBND tỉnh và Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2018-2022" \
  --date "ngày 01 tháng 12 năm 2022" --kind final_review --agreement BT-2018 --agreement BT-2022 --format in_person)
p meeting attend "$meeting" --org "UBND tỉnh Bến Tre" --name "Nguyễn Thị Bé Mười" \
  --position "Phó Chủ tịch UBND tỉnh" --role co_chair
p meeting attend "$meeting" --org "tinh doan ben tre" --name "Lâm Như Quỳnh" \
  --position "Bí thư Tỉnh đoàn" --role co_chair
# The attending bodies, as groups: the article names none of them singly.
p meeting attend "$meeting" --org "Các sở, ban, ngành tỉnh"
p meeting attend "$meeting" --org "UBND các huyện, thành phố"
p meeting attend "$meeting" --org "Ban Thường vụ Tỉnh đoàn"
p meeting attend "$meeting" --org "Thường vụ các huyện, thành đoàn"
# Departments and localities gave prepared contributions; the article names
# neither the presenters nor the topics, so these are labelled placeholders.
p meeting contribute "$meeting" --org "Các sở, ban, ngành tỉnh" \
  --topic "Tham luận của đại diện lãnh đạo sở, ngành (chủ đề không nêu trong bài báo)"
p meeting contribute "$meeting" --org "UBND các huyện, thành phố" \
  --topic "Tham luận của đại diện địa phương (chủ đề không nêu trong bài báo)"
# The chair's concluding directions, in the article's order.
p meeting conclude "$meeting" "Các sở, ngành phối hợp chặt chẽ với Tỉnh đoàn tuyên truyền triển khai chính sách đến đối tượng thanh niên để thanh niên nắm vững, thực hiện tốt, tạo sự lan tỏa trong cộng đồng, xã hội."
p meeting conclude "$meeting" "Xác định rõ công tác phối hợp là việc làm thường xuyên giữa cơ quan nhà nước và tổ chức đoàn thể; phối hợp gắn bó chặt chẽ, sâu và thường xuyên, nhất là trao đổi, nắm bắt thông tin 2 chiều."
p meeting conclude "$meeting" "Đổi mới việc thông tin chính sách truyền tải đến thanh niên để nâng chất lượng thông tin, tuyên truyền, dễ tiếp cận."
p meeting conclude "$meeting" "Tổ chức đoàn thanh niên phát huy vai trò đoàn kết, tập hợp, vận động thanh niên thực hiện các chính sách liên quan, kịp thời phản ánh việc thực hiện các chính sách dành cho thanh niên."
# This direction is a follow-up task under the new regulation (no due date given).
p meeting conclude "$meeting" "Tiếp tục xây dựng và triển khai quy chế phối hợp giữa UBND và đoàn thanh niên cấp huyện; ký kết các kế hoạch phối hợp cụ thể, có trọng tâm, trọng điểm giữa Tỉnh đoàn và các sở, ngành." \
  --lead "Tỉnh đoàn Bến Tre" --agreement BT-2022 >/dev/null

# The conference reviewed the 2018–2022 regulation: "việc thực hiện quy chế
# trong thời gian qua đạt hiệu quả thiết thực", the signed contents carried out
# well. Its coordination areas, in the article's order and words, are that
# regulation's work items, each closed as done on the day of the review (done
# is 100 % by phoihop's rule; the article gives no figures). The article names
# no leads: the Youth Union leads the areas of youth work and children's work,
# as the body that carries them out; the People's Committee leads the drafting
# of law and policy, which it issues, with the Youth Union supervising and
# giving social criticism (phản biện xã hội). The note on each task says the
# lead is an example value. (Entered after the 2022–2026 tasks and the
# follow-up task, so those keep the ids 1–7 the manuals use.)
n=0
for area in \
  "Tỉnh đoàn Bến Tre|Phối hợp về công tác tuyên truyền, giáo dục thế hệ trẻ, đoàn kết, tập hợp thanh niên" \
  "Tỉnh đoàn Bến Tre|Phối hợp phát huy thanh niên thực hiện các mục tiêu, kế hoạch phát triển kinh tế - xã hội của tỉnh" \
  "Tỉnh đoàn Bến Tre|Phối hợp hỗ trợ thanh niên học tập, nghiên cứu khoa học, định hướng nghề nghiệp, giải quyết việc làm, khởi nghiệp, lập nghiệp, nâng cao thể chất, đời sống văn hóa tinh thần" \
  "UBND tỉnh Bến Tre|Phối hợp xây dựng pháp luật, chính sách, kiểm tra, giám sát, phản biện xã hội trong quá trình xây dựng và thực hiện chính sách đối với thanh thiếu nhi" \
  "Tỉnh đoàn Bến Tre|Phối hợp công tác chăm sóc, bảo vệ, giáo dục thiếu niên, nhi đồng, thực hiện pháp luật về trẻ em"; do
  n=$((n + 1))
  lead=${area%%|*}
  partner="Tỉnh đoàn Bến Tre"
  if [ "$lead" = "$partner" ]; then partner="UBND tỉnh Bến Tre"; fi
  task=$(p task add "${area#*|}" --agreement BT-2018 --code "$n" --lead "$lead" --partner "$partner" \
    --note "Đơn vị chủ trì là giá trị minh họa (bài báo không nêu).")
  p task done "$task" --date 01/12/2022 \
    --note "Hội nghị tổng kết ngày 01/12/2022: thực hiện tốt các nội dung đã ký kết, đạt hiệu quả thiết thực."
done

# The certificates of merit (bằng khen) of the People's Committee to 6
# collectives and 9 individuals for their work under the 2018–2022 regulation.
# The article gives neither the decision's number nor the recipients' names:
# every recipient below is a clearly labelled placeholder. The recipients are
# gathered under a placeholder number while they are entered; the number is
# then removed, so the report names the decision by its kind and date until
# the office records the real number (award edit ID --decision NUMBER).
decision="Quyết định khen thưởng (số chưa nêu trong bài báo)"
reason="Có thành tích tiêu biểu xuất sắc trong thực hiện Quy chế phối hợp giữa UBND tỉnh và Ban Chấp hành Đoàn TNCS Hồ Chí Minh tỉnh Bến Tre giai đoạn 2018-2022"
first=$(p award add "Tập thể 1 (tên chưa nêu trong bài báo)" --kind collective --decision "$decision" \
  --date 01/12/2022 --issuer "UBND tỉnh Bến Tre" --form bang_khen --agreement BT-2018 \
  --meeting "$meeting" --reason "$reason")
for i in 2 3 4 5 6; do
  p award add "Tập thể $i (tên chưa nêu trong bài báo)" --kind collective --decision "$decision" >/dev/null
done
for i in 1 2 3 4 5 6 7 8 9; do
  p award add "Cá nhân $i (tên chưa nêu trong bài báo)" --kind individual --decision "$decision" >/dev/null
done
p award edit "$first" --decision ""
