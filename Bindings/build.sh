#!/usr/bin/env bash
# Builds the C ABI as libsafereplay.so.1 and installs it, with its header and pkg-config
# file, under Bindings/build/ (or PREFIX):
#
#   Bindings/build/lib/libsafereplay.so.1.<minor>.0   soname libsafereplay.so.1, exports sr_* only
#   Bindings/build/lib/libsafereplay.so.1 -> ...       what programs load
#   Bindings/build/lib/libsafereplay.so -> ...         what -lsafereplay links
#   Bindings/build/lib/pkgconfig/safereplay.pc         pkg-config --cflags --libs safereplay
#   Bindings/build/include/safereplay.h
#   Bindings/build/lib/libsafereplay.a                 with --static (see docs/c-abi.md)
#
# Usage: Bindings/build.sh [-c debug|release] [--static] [--prefix DIR]
# The library finds the Swift runtime through its RUNPATH (the toolchain's lib/swift/linux),
# so on a machine with the Swift toolchain or runtime installed there it just loads.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
config=release
static=0
prefix="$root/Bindings/build"
while [ $# -gt 0 ]; do
  case "$1" in
    -c) config="$2"; shift 2 ;;
    --static) static=1; shift ;;
    --prefix) prefix="$2"; shift 2 ;;
    *) echo "usage: $0 [-c debug|release] [--static] [--prefix DIR]" >&2; exit 64 ;;
  esac
done
cd "$root"

header=Bindings/include/safereplay.h
major=$(sed -n 's/^#define SR_ABI_VERSION_MAJOR \([0-9]*\)$/\1/p' "$header")
minor=$(sed -n 's/^#define SR_ABI_VERSION_MINOR \([0-9]*\)$/\1/p' "$header")
[ -n "$major" ] && [ -n "$minor" ] || { echo "cannot read the ABI version from $header" >&2; exit 1; }
soname="libsafereplay.so.$major"
real="libsafereplay.so.$major.$minor.0"

echo "== swift build -c $config --product SafeReplayC ($soname)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! swift build -c "$config" --product SafeReplayC \
    -Xlinker "--version-script=$root/Bindings/safereplay.map" -Xlinker "-soname=$soname" >"$log" 2>&1; then
  grep -E "error:" "$log" || tail -40 "$log"
  exit 1
fi
bin=$(swift build -c "$config" --show-bin-path)

mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
rm -f "$prefix/lib/libsafereplay.so"*
install -m 0755 "$bin/libSafeReplayC.so" "$prefix/lib/$real"
ln -s "$real" "$prefix/lib/$soname"
ln -s "$soname" "$prefix/lib/libsafereplay.so"
install -m 0644 "$header" "$prefix/include/safereplay.h"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$major.$minor.0|" Bindings/safereplay.pc.in >"$prefix/lib/pkgconfig/safereplay.pc"

# The contract of the shared library: its soname, and no global symbol but sr_* (and the
# version node itself). (gold leaves some Swift metadata in .dynsym with LOCAL binding,
# lower-case in nm's listing: not exported, nothing can bind to them.)
lib="$prefix/lib/$real"
readelf -d "$lib" | grep -q "Library soname: \[$soname\]" || { echo "$lib: soname is not $soname" >&2; exit 1; }
extra=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[A-Z]$/ {print $3}' | sed 's/@.*//' \
  | grep -v -E "^(sr_[a-z_0-9]+|SAFEREPLAY_[0-9]+)$" || true)
[ -z "$extra" ] || { echo "$lib exports more than sr_*:" >&2; echo "$extra" | head >&2; exit 1; }

if [ "$static" = 1 ]; then
  # Every object the shared library was linked from, Swift and C alike. A program linking
  # it also needs swiftrt.o (which registers the Swift metadata sections) and the static
  # Swift runtime; safereplay-static.pc names them (docs/c-abi.md, "Static library").
  rm -f "$prefix/lib/libsafereplay.a"
  ar rcs "$prefix/lib/libsafereplay.a" $(cat "$bin/SafeReplayC.product/Objects.LinkFileList")
  swift_static="$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")/lib/swift_static/linux"
  onone=""
  [ "$config" = debug ] && onone="-lswiftSwiftOnoneSupport"
  cat >"$prefix/lib/pkgconfig/safereplay-static.pc" <<PC
prefix=$prefix
libdir=\${prefix}/lib
includedir=\${prefix}/include
swiftstatic=$swift_static

Name: safereplay-static
Description: SafeReplay's C ABI as a static library, with the static Swift runtime
Version: $major.$minor.0
Libs: \${libdir}/libsafereplay.a \${swiftstatic}/$(uname -m)/swiftrt.o -L\${swiftstatic} -Wl,--start-group -lFoundation -lFoundationEssentials -lFoundationInternationalization -l_FoundationICU -l_FoundationCShims -l_FoundationCollections -lCoreFoundation -lswiftSynchronization -lswift_Concurrency -lswift_StringProcessing -lswift_RegexParser -lswiftGlibc -lswiftDispatch -lswiftCore $onone -ldispatch -lBlocksRuntime -Wl,--end-group -lz -lstdc++ -lm -ldl -lpthread
Cflags: -I\${includedir}
PC
fi
echo "built $lib ($(nm -D --defined-only "$lib" | grep -c ' T sr_') sr_* functions)"
