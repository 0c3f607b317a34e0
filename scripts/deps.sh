#!/bin/sh
# Installs the Debian 12 packages phoihop needs to build and test, if missing.
# Safe to run repeatedly; needs root (or sudo) only when something is missing.
set -eu
packages="cmake g++ make pkg-config libsqlite3-dev libsqlitecpp-dev libfmt-dev libcli11-dev
libtomlplusplus-dev libutf8proc-dev libzip-dev zlib1g-dev nettle-dev doctest-dev mandoc sqlite3 python3 cmark-gfm
libreoffice-calc-nogui python3-openpyxl
clang libclang-rt-14-dev
dpkg-dev file man-db zsh fish procps
python3-docx libreoffice-writer-nogui fonts-liberation2 poppler-utils"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "phoihop: installing$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
