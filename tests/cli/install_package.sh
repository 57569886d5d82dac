#!/usr/bin/env bash
# The library installs as documented in docs/c-api.md: a shared library with
# a versioned soname that exports exactly the functions of the public headers,
# a static library, headers, a pkg-config file and a CMake package.  The
# getting-started program of examples/c/ builds from the installed prefix four
# ways (pkg-config shared, pkg-config fully static, find_package shared and
# static), and each build prints the capacity the CLI reports for the same run
# and the output docs/c-api.md shows.
set -u
fail() { echo "FAIL: $*"; exit 1; }
# An outside program cannot link a sanitizer-instrumented library without the runtime.
[ "${CF_SANITIZE:-OFF}" = "ON" ] && { echo "skipped under sanitizers"; exit 77; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
build=$(dirname "$CELLFORGE")
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null || fail "cmake --install failed"
[ -f "$prefix/include/cellforge/cellforge.h" ] || fail "headers not installed"
[ -x "$prefix/bin/cellforge" ] || fail "CLI not installed"
libdir=$(dirname "$(ls "$prefix"/lib*/pkgconfig/cellforge.pc | head -1)")
libdir=$(dirname "$libdir")
[ -f "$libdir/libcellforge.a" ] || fail "static library not installed"

# ---- the shared library: soname from the version, only the public API exported ----
version=$(sed -n 's/^project(cellforge VERSION \([0-9.]*\).*/\1/p' "$CF_SOURCE_DIR/CMakeLists.txt")
major=${version%%.*}; minor=${version#*.}; minor=${minor%%.*}
if [ "$major" = 0 ]; then soname="libcellforge.so.$major.$minor"; else soname="libcellforge.so.$major"; fi
[ -f "$libdir/libcellforge.so.$version" ] || fail "libcellforge.so.$version not installed"
[ "$(readlink "$libdir/libcellforge.so")" = "$soname" ] || fail "libcellforge.so does not point to $soname"
readelf -d "$libdir/libcellforge.so.$version" | grep -q "Library soname: \[$soname\]" || fail "soname is not $soname"
# Every function the public headers declare (comments stripped), and nothing else.
for h in "$prefix"/include/cellforge/*.h; do
    sed -e ':a' -e 'N' -e '$!ba' -e 's:/\*\([^*]\|\*[^/]\)*\*/: :g' "$h" | sed 's://.*$::'
done | grep -oE '\bcf_[A-Za-z0-9_]+[[:space:]]*\(' | sed 's/[[:space:]]*($//' | sort -u > "$tmp/declared"
nm -D --defined-only "$libdir/libcellforge.so.$version" | awk '{print $3}' | sort -u > "$tmp/exported"
[ "$(wc -l < "$tmp/declared")" -gt 100 ] || fail "found only $(wc -l < "$tmp/declared") functions in the headers"
diff "$tmp/declared" "$tmp/exported" > "$tmp/sym.diff" ||
    fail "exported symbols differ from the public headers (< declared only, > exported only): $(head -20 "$tmp/sym.diff")"

# ---- the CLI's capacity for the example's case ----
want=$("$CELLFORGE" simulate --cell chen2020 --model dfn --crate 1 --json |
       sed -n 's/^ *"capacity_Ah": *\([0-9.eE+-]*\),*$/\1/p')
[ -n "$want" ] || fail "no capacity_Ah in the CLI's JSON"

# check NAME PROGRAM: runs it and compares its capacity with the CLI's.
check() {
    out=$("$2") || fail "$1: the program failed"
    got=$(printf '%s\n' "$out" | sed -n 's/^capacity_Ah \([0-9.]*\)$/\1/p')
    [ -n "$got" ] || fail "$1: no capacity in: $out"
    awk -v g="$got" -v w="$want" 'BEGIN { d = g - w; exit !(d < 1e-6 && d > -1e-6) }' ||
        fail "$1: capacity $got Ah, the CLI says $want Ah"
    echo "$1: capacity $got Ah (CLI $want Ah)"
}
# needs PROGRAM yes|no: whether it loads libcellforge.so.
needs() {
    if readelf -d "$1" | grep -q "NEEDED.*\[$soname\]"; then has=yes; else has=no; fi
    [ "$has" = "$2" ] || fail "$1: loads $soname: $has, expected $2"
}

# ---- pkg-config, with the example's Makefile ----
cp -r "$CF_SOURCE_DIR/examples/c" "$tmp/pc"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
make -s -C "$tmp/pc" getting_started > "$tmp/make.log" 2>&1 || fail "pkg-config shared build: $(cat "$tmp/make.log")"
needs "$tmp/pc/getting_started" yes
check "pkg-config shared" "$tmp/pc/getting_started"
# docs/c-api.md shows what the program prints: the block after the line "prints".
awk '/^prints$/ { p = 1; next } p && /^```/ { if (q) exit; q = 1; next } q' "$CF_SOURCE_DIR/docs/c-api.md" > "$tmp/doc.out"
[ -s "$tmp/doc.out" ] || fail "docs/c-api.md: no output block after 'prints'"
"$tmp/pc/getting_started" > "$tmp/run.out"
diff "$tmp/doc.out" "$tmp/run.out" > "$tmp/doc.diff" ||
    fail "docs/c-api.md shows another output than getting_started prints (< doc, > program): $(cat "$tmp/doc.diff")"
make -s -C "$tmp/pc" static > "$tmp/make.log" 2>&1 || fail "pkg-config static build: $(cat "$tmp/make.log")"
readelf -d "$tmp/pc/getting_started_static" | grep -q NEEDED && fail "getting_started_static is not static"
check "pkg-config static" "$tmp/pc/getting_started_static"

# ---- find_package(cellforge), with the example's CMakeLists.txt ----
for kind in OFF ON; do
    cmake -S "$CF_SOURCE_DIR/examples/c" -B "$tmp/cm$kind" -DCMAKE_PREFIX_PATH="$prefix" -DCELLFORGE_STATIC=$kind \
        > "$tmp/cm.log" 2>&1 || fail "find_package(cellforge), CELLFORGE_STATIC=$kind: $(cat "$tmp/cm.log")"
    cmake --build "$tmp/cm$kind" > "$tmp/cm.log" 2>&1 || fail "CMake build, CELLFORGE_STATIC=$kind: $(cat "$tmp/cm.log")"
    if [ $kind = OFF ]; then needs "$tmp/cm$kind/getting_started" yes; else needs "$tmp/cm$kind/getting_started" no; fi
    check "find_package CELLFORGE_STATIC=$kind" "$tmp/cm$kind/getting_started"
done
echo "install_package: ok"
