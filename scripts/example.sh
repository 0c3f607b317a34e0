#!/bin/sh
# The README's first command: install what is missing, build, load the Bến Tre
# example into a fresh database and print what phoihop knows about it.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build >/dev/null
cmake --build build -j2 >/dev/null
export PHOIHOP_DB="${PHOIHOP_DB:-build/bentre.db}"
rm -f "$PHOIHOP_DB" "$PHOIHOP_DB-wal" "$PHOIHOP_DB-shm"
examples/bentre.sh build/phoihop
echo "# Agreements"
build/phoihop agreement list
echo
echo "# The 2022-2026 regulation"
build/phoihop agreement show BT-2022
echo
echo "# Work items of the 2022-2026 regulation"
build/phoihop task list --agreement BT-2022
echo
echo "# The final review conference of 01/12/2022"
build/phoihop meeting show 1
echo
echo "# Commendations"
build/phoihop award list
echo
echo "# Organisations"
build/phoihop org list
echo
echo "Database: $PHOIHOP_DB (try: build/phoihop --db $PHOIHOP_DB org show 'tinh doan ben tre')"
