#!/bin/sh
# Installs what Parapet builds against: libyaml-dev and libtree-sitter-dev from Debian, and the
# tree-sitter-hcl grammar, built from its pinned PyPI source package into $PREFIX as a static
# library with a header and a pkg-config file. Idempotent, and quick when everything is there.
set -eu

PREFIX=${PREFIX:-/usr/local}
HCL_VERSION=${HCL_VERSION:-1.2.0}
HCL_SHA256=${HCL_SHA256:-f86cb7a9fd5cb93d83e2f788ae155544464c47755d09190505de562c0d6ad1dd}
PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH

say() { printf 'deps: %s\n' "$*"; }
fail() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

# Runs a command as root when we are not root and sudo is there; otherwise as we are.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "need root to run: $* (install it by hand, or run as root)"; fi
}

# Writes into PREFIX, with sudo only when PREFIX is not writable by us.
in_prefix() {
  if mkdir -p "$PREFIX" 2>/dev/null && [ -w "$PREFIX" ]; then "$@"; else as_root "$@"; fi
}

command -v pkg-config >/dev/null 2>&1 || missing_pkgconfig=1

missing=""
pkg-config --exists yaml-0.1 2>/dev/null || missing="$missing libyaml-dev"
pkg-config --exists tree-sitter 2>/dev/null || missing="$missing libtree-sitter-dev"
[ -n "${missing_pkgconfig:-}" ] && missing="$missing pkg-config"
if [ -n "$missing" ]; then
  command -v apt-get >/dev/null 2>&1 || fail "missing:$missing, and apt-get is not available; install them with your package manager"
  say "installing$missing"
  as_root apt-get update -qq || fail "apt-get update failed (no network?)"
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
    || fail "apt-get install$missing failed"
fi

if pkg-config --exists tree-sitter-hcl 2>/dev/null \
   && [ "$(pkg-config --modversion tree-sitter-hcl)" = "$HCL_VERSION" ] \
   && [ -f "$(pkg-config --variable=libdir tree-sitter-hcl)/libtree-sitter-hcl.a" ]; then
  exit 0
fi

command -v cc >/dev/null 2>&1 || fail "no C compiler (cc) to build tree-sitter-hcl; install gcc or clang"
command -v python3 >/dev/null 2>&1 || fail "python3 is needed to download the tree-sitter-hcl source package"

work=$(mktemp -d "${TMPDIR:-/tmp}/parapet-deps.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

say "downloading tree-sitter-hcl==$HCL_VERSION (source package)"
python3 -m pip download --quiet --no-deps --no-binary :all: "tree-sitter-hcl==$HCL_VERSION" -d "$work" \
  >"$work/pip.log" 2>&1 || { cat "$work/pip.log" >&2; fail "could not download tree-sitter-hcl==$HCL_VERSION (no network, or no access to the Python package index?)"; }

archive=$(ls "$work"/tree_sitter_hcl-"$HCL_VERSION".tar.gz 2>/dev/null || true)
[ -n "$archive" ] || fail "pip did not produce tree_sitter_hcl-$HCL_VERSION.tar.gz"
actual=$(sha256sum "$archive" | cut -d' ' -f1)
[ "$actual" = "$HCL_SHA256" ] || fail "sha256 mismatch for $(basename "$archive"): expected $HCL_SHA256, got $actual"

tar -xzf "$archive" -C "$work"
src="$work/tree_sitter_hcl-$HCL_VERSION/src"
[ -f "$src/parser.c" ] && [ -f "$src/scanner.c" ] || fail "the source package has no src/parser.c or src/scanner.c"

say "compiling the grammar"
cc -O2 -fPIC -std=c11 -I"$src" -c "$src/parser.c" -o "$work/parser.o" || fail "compiling parser.c failed"
cc -O2 -fPIC -std=c11 -I"$src" -c "$src/scanner.c" -o "$work/scanner.o" || fail "compiling scanner.c failed"
ar rcs "$work/libtree-sitter-hcl.a" "$work/parser.o" "$work/scanner.o"

cat > "$work/tree-sitter-hcl.h" <<'H'
#include <tree_sitter/api.h>
const TSLanguage *tree_sitter_hcl(void);
H
cat > "$work/tree-sitter-hcl.pc" <<PC
prefix=$PREFIX
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: tree-sitter-hcl
Description: HCL grammar for tree-sitter (built by Parapet's make deps)
Version: $HCL_VERSION
Requires: tree-sitter
Cflags: -I\${includedir}
Libs: -L\${libdir} -ltree-sitter-hcl
PC

say "installing into $PREFIX"
in_prefix mkdir -p "$PREFIX/lib/pkgconfig" "$PREFIX/include/tree_sitter"
in_prefix cp "$work/libtree-sitter-hcl.a" "$PREFIX/lib/"
in_prefix cp "$work/tree-sitter-hcl.h" "$PREFIX/include/tree_sitter/tree-sitter-hcl.h"
in_prefix cp "$work/tree-sitter-hcl.pc" "$PREFIX/lib/pkgconfig/"
pkg-config --exists tree-sitter-hcl || fail "installed, but pkg-config does not find tree-sitter-hcl; add $PREFIX/lib/pkgconfig to PKG_CONFIG_PATH"
say "tree-sitter-hcl $HCL_VERSION installed in $PREFIX"
