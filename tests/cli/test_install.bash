#!/usr/bin/env bash
# install: `cmake --install` into a staging prefix puts every file in its FHS
# place and the installed program works; `cpack -G DEB` builds a package whose
# Depends names the shared libraries the binary links.
source "$(dirname "$0")/lib.bash"
BUILD_DIR=${BUILD_DIR:?set BUILD_DIR to the build directory}
version=$("$PHOIHOP" --version)

stage="$TMP/stage"
cmake --install "$BUILD_DIR" --prefix "$stage" >"$TMP/install.log" 2>&1 ||
  fail "cmake --install failed: $(tail -n 5 "$TMP/install.log")"
for f in bin/phoihop share/man/man1/phoihop.1.gz share/man/man1/phoihop-agreement.1.gz \
  share/man/man1/phoihop-completion.1.gz share/man/man5/phoihop.toml.5.gz \
  share/bash-completion/completions/phoihop share/zsh/vendor-completions/_phoihop \
  share/fish/vendor_completions.d/phoihop.fish share/doc/phoihop/examples/bentre.sh \
  share/doc/phoihop/copyright share/doc/phoihop/changelog.gz; do
  [ -f "$stage/$f" ] || fail "cmake --install did not install $f"
done
[ -e "$stage/share/man/man1/phoihop.toml.5.gz" ] && fail "phoihop.toml.5 installed in man1"
[ -e "$stage/share/man/man1/phoihop.1" ] && fail "man pages installed uncompressed"
[ -x "$stage/share/doc/phoihop/examples/bentre.sh" ] || fail "examples/bentre.sh installed without its executable bit"
# Debian policy: gzip -9n (no name, no time stamp), a DEP-5 copyright.
for gz in share/man/man1/phoihop.1.gz share/doc/phoihop/changelog.gz; do
  gzip -t "$stage/$gz" || fail "$gz is not gzip"
  [ "$(od -An -tu4 -j4 -N4 "$stage/$gz" | tr -d ' ')" = 0 ] || fail "$gz carries a time stamp (gzip -n)"
  [ $(( $(od -An -tu1 -j3 -N1 "$stage/$gz") & 8 )) -eq 0 ] || fail "$gz carries a file name (gzip -n)"
done
cmp -s <(gzip -dc "$stage/share/man/man1/phoihop.1.gz") "$SOURCE_DIR/man/phoihop.1" ||
  fail "installed phoihop.1.gz is not man/phoihop.1"
head -n 1 "$stage/share/doc/phoihop/copyright" |
  grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
  fail "copyright is not in the machine-readable format"
grep -q '^Files: \*$' "$stage/share/doc/phoihop/copyright" || fail "copyright lacks a Files: * paragraph"
gzip -dc "$stage/share/doc/phoihop/changelog.gz" | head -n 1 | grep -qx "phoihop ($version) unstable; urgency=medium" ||
  fail "changelog.gz does not begin with this version"
if command -v dpkg-parsechangelog >/dev/null; then
  gzip -dc "$stage/share/doc/phoihop/changelog.gz" >"$TMP/changelog"
  dpkg-parsechangelog -l "$TMP/changelog" -S Version | grep -qx "$version" || fail "dpkg-parsechangelog rejects the changelog"
fi

# The installed program runs, and its completion scripts are the ones it prints.
PHOIHOP="$stage/bin/phoihop"
ok --version
out_is "$version"
ok org add "Sở Tư pháp tỉnh Bến Tre" --kind department
ok org list --format csv
out_has "Sở Tư pháp tỉnh Bến Tre"
for shell in bash zsh fish; do
  ok completion "$shell"
  case $shell in
    bash) installed=share/bash-completion/completions/phoihop ;;
    zsh) installed=share/zsh/vendor-completions/_phoihop ;;
    fish) installed=share/fish/vendor_completions.d/phoihop.fish ;;
  esac
  cmp -s "$TMP/stdout" "$stage/$installed" || fail "installed $installed differs from 'completion $shell'"
done

# man reads the installed pages, by file and by name under the prefix.
MANPAGER=cat MANWIDTH=80 man -l "$stage/share/man/man1/phoihop.1.gz" >"$TMP/man.txt" 2>"$TMP/man.err" ||
  fail "man -l phoihop.1.gz failed: $(cat "$TMP/man.err")"
grep -q "phoihop-completion" "$TMP/man.txt" || fail "man -l phoihop.1 does not render the page"
MANPATH="$stage/share/man" MANPAGER=cat MANWIDTH=80 man phoihop-completion >"$TMP/man.txt" 2>"$TMP/man.err" ||
  fail "man phoihop-completion (MANPATH under the prefix) failed: $(cat "$TMP/man.err")"
grep -q "vendor_completions.d" "$TMP/man.txt" || fail "man phoihop-completion lacks the install section"

# The Debian package, built from the same build tree into a directory of our own.
(cd "$TMP" && cpack -G DEB --config "$BUILD_DIR/CPackConfig.cmake" -B "$TMP/pkg") >"$TMP/cpack.log" 2>&1 ||
  fail "cpack -G DEB failed: $(tail -n 5 "$TMP/cpack.log")"
deb=$(ls "$TMP"/pkg/phoihop_*.deb 2>/dev/null | head -n 1)
if [ -z "$deb" ]; then
  fail "cpack made no phoihop_*.deb: $(tail -n 5 "$TMP/cpack.log")"
else
  dpkg-deb -I "$deb" >"$TMP/info"
  for field in "Package: phoihop" "Version: $version" "Section: utils" "Maintainer: " "Description: "; do
    grep -q "^ $field" "$TMP/info" || fail "package control lacks '$field': $(cat "$TMP/info")"
  done
  # Depends names the package of every shared library the binary needs.
  depends=$(sed -n 's/^ Depends: //p' "$TMP/info")
  [ -n "$depends" ] || fail "package has no Depends"
  for lib in $(ldd "$PHOIHOP" | awk '$3 ~ /^\// { print $3 }'); do
    pkg=$(dpkg -S "$(readlink -f "$lib")" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -z "$pkg" ] && pkg=$(dpkg -S "$lib" 2>/dev/null | head -n 1 | cut -d: -f1)
    [ -n "$pkg" ] || continue
    case ", $depends," in
      *", $pkg "* | *", $pkg,"*) ;;
      *) fail "Depends '$depends' lacks $pkg (for $lib)" ;;
    esac
  done
  # libzip, loaded only to write a .docx (dlopen), is named too.
  case ", $depends," in *", libzip4 "* | *", libzip4,"*) ;; *) fail "Depends '$depends' lacks libzip4" ;; esac
  dpkg-deb -c "$deb" | awk '{ print $6 }' >"$TMP/contents"
  for f in ./usr/bin/phoihop ./usr/share/man/man1/phoihop.1.gz ./usr/share/man/man1/phoihop-completion.1.gz \
    ./usr/share/man/man5/phoihop.toml.5.gz ./usr/share/bash-completion/completions/phoihop \
    ./usr/share/zsh/vendor-completions/_phoihop ./usr/share/fish/vendor_completions.d/phoihop.fish \
    ./usr/share/doc/phoihop/examples/bentre.sh ./usr/share/doc/phoihop/copyright \
    ./usr/share/doc/phoihop/changelog.gz; do
    grep -qx -- "$f" "$TMP/contents" || fail "package lacks $f"
  done
  dpkg-deb -c "$deb" | grep -q '^-rwxr-xr-x .* ./usr/share/doc/phoihop/examples/bentre.sh$' ||
    fail "package's examples/bentre.sh is not executable"
  # The archives linked statically are declared, each as its Debian source and version.
  built_using=$(sed -n 's/^ Built-Using: //p' "$TMP/info")
  if ! ldd "$PHOIHOP" | grep -q libsqlite3; then
    case $built_using in
      *"sqlite3 (= "*) ;;
      *) fail "SQLite is linked statically, but Built-Using is '$built_using'" ;;
    esac
  fi
  # lintian, where installed: no error and no warning (info-level tags are allowed).
  if command -v lintian >/dev/null; then
    lintian --fail-on none "$deb" >"$TMP/lintian" 2>&1 || fail "lintian could not check the package"
    if grep -qE '^[EW]: ' "$TMP/lintian"; then
      fail "lintian: $(grep -E '^[EW]: ' "$TMP/lintian" | tr '\n' ' ')"
    fi
  fi
  # Unpacked (not installed: that needs root and changes the machine), it runs.
  dpkg-deb -x "$deb" "$TMP/unpacked"
  PHOIHOP="$TMP/unpacked/usr/bin/phoihop"
  ok --version
  out_is "$version"
fi

finish
