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
  --place "Bến Tre" --note "Signing date and signers not given in the source article." >/dev/null
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
