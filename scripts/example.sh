#!/bin/sh
# The README's first command: install what is missing, build, load the Bến Tre
# example into a fresh database and print its 2018-2022 summary report.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j2 >/dev/null
export PHOIHOP_DB="${PHOIHOP_DB:-build/bentre.db}"
rm -f "$PHOIHOP_DB" "$PHOIHOP_DB-wal" "$PHOIHOP_DB-shm"
examples/bentre.sh build/phoihop
build/phoihop report summary --period 2018-2022 --agreement BT-2018 --lang "${PHOIHOP_LANG:-vi}"
echo >&2
echo "The example database is $PHOIHOP_DB; try:" >&2
echo "  build/phoihop --db $PHOIHOP_DB report summary --agreement BT-2022 --lang en" >&2
echo "  build/phoihop --db $PHOIHOP_DB meeting show 1" >&2
