#!/bin/sh
# Builds the release binary with the Swift runtime, Foundation, libyaml and tree-sitter linked in
# statically, so it runs on a Linux machine with no Swift toolchain and no extra packages (only
# glibc and libstdc++), and packs it as dist/parapet-VERSION-linux-ARCH.tar.gz with a .sha256.
set -eu
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}

version=$(sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/parapet/Parapet.swift)
[ -n "$version" ] || { echo "release: cannot read the version from Sources/parapet/Parapet.swift" >&2; exit 1; }
arch=$(uname -m)
name="parapet-$version-linux-$arch"

# A folder holding only the static archives, with pkg-config files that point there and shadow
# the system's, so that the linker finds libyaml.a and libtree-sitter.a instead of the shared ones.
static="$PWD/.build/static-libs"
rm -rf "$static" && mkdir -p "$static/pkgconfig"
for lib in yaml-0.1:yaml tree-sitter:tree-sitter; do
  module=${lib%%:*} library=${lib#*:}
  dir=$(pkg-config --variable=libdir "$module")
  [ -f "$dir/lib$library.a" ] || { echo "release: $dir/lib$library.a not found (is the -dev package installed?)" >&2; exit 1; }
  ln -s "$dir/lib$library.a" "$static/lib$library.a"
  cat > "$static/pkgconfig/$module.pc" <<PC
Name: $module
Description: static $library for the Parapet release build
Version: $(pkg-config --modversion "$module")
Cflags: $(pkg-config --cflags "$module")
Libs: -L$static -l$library
PC
done

PKG_CONFIG_PATH="$static/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
  "$SWIFT" build -c release --product parapet --static-swift-stdlib
binary=.build/release/parapet

# The point of this build: no Swift runtime, no libyaml or tree-sitter to install beside it.
if ldd "$binary" | grep -E 'libswift|libFoundation|libdispatch|libyaml|libtree-sitter'; then
  echo "release: $binary still links the libraries above dynamically" >&2
  exit 1
fi

rm -rf "dist/$name" && mkdir -p "dist/$name"
cp "$binary" README.md "dist/$name/"
strip "dist/$name/parapet" 2>/dev/null || true
tar -C dist -czf "dist/$name.tar.gz" "$name"
rm -rf "dist/$name"
(cd dist && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
echo "release: dist/$name.tar.gz ($(du -h "dist/$name.tar.gz" | cut -f1)), checksum in dist/$name.tar.gz.sha256"
echo "release: dynamic libraries:"; ldd "$binary" | sed 's/^/  /'
