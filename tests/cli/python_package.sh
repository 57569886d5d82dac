#!/usr/bin/env bash
# The Python package: `pip wheel ./python` builds a wheel in a venv with only
# what pip fetches (setuptools); the wheel installs into a second fresh venv
# with no compiler reachable (CC=/bin/false, binary packages only), and
# python/tests runs there (with matplotlib, for the plot panels) against the
# CLI ($CELLFORGE).  Uses whichever python3 is first on PATH; skips (77)
# only when there is none.  Under CF_SANITIZE=ON the extension is built with
# AddressSanitizer and UBSan too, and the runtime is preloaded into python.
set -u
fail() { echo "FAIL: $*"; exit 1; }
PY=$(command -v python3) || { echo "no python3 on PATH: skipped"; exit 77; }
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))' ||
  fail "$PY is Python $("$PY" -c 'import sys; print(sys.version.split()[0])'); the package needs 3.10 or later"

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Build from a copy, so the shared checkout gets no build/ or *.egg-info and
# concurrent runs (e.g. a sanitizer build) do not collide.
mkdir -p "$tmp/src"
( cd "$CF_SOURCE_DIR" && tar -cf - --exclude=build --exclude='*.egg-info' --exclude=__pycache__ \
    CMakeLists.txt src include python ) | tar -xf - -C "$tmp/src" || fail "cannot copy the sources"

"$PY" -m venv "$tmp/venv" ||
  fail "python3 -m venv failed: install python3-venv (Debian: scripts/install-deps)"
VPY="$tmp/venv/bin/python"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export CELLFORGE_WERROR=1 # the project's warnings are errors here as in CMake
preload=""
if [ "${CF_SANITIZE:-OFF}" = "ON" ]; then
  # Instrumented code at -O3 makes GCC's flow-based warnings report false
  # positives; the plain run checks the warnings.
  unset CELLFORGE_WERROR
  export CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
  export LDFLAGS="-fsanitize=address,undefined"
  preload="$(cc -print-file-name=libasan.so) $(cc -print-file-name=libubsan.so)"
fi
"$VPY" -m pip wheel -q --no-deps -w "$tmp/wheels" "$tmp/src/python" >"$tmp/pip.log" 2>&1 ||
  { grep -E "error|Error" "$tmp/pip.log" | grep -v '^ *gcc ' | head -20; fail "pip wheel ./python failed (errors above)"; }
wheel=$(ls "$tmp"/wheels/cellforge-*.whl 2>/dev/null | head -n 1)
[ -n "$wheel" ] || fail "pip wheel made no cellforge wheel"
case "$(basename "$wheel")" in
  *-cp310-abi3-linux_*.whl | *-cp3*t-*.whl) ;; # the stable ABI (or a free-threaded build)
  *) fail "the wheel is not abi3: $(basename "$wheel")" ;;
esac
# A fresh venv, no compiler: the wheel and binary dependencies only.
"$PY" -m venv "$tmp/run" || fail "python3 -m venv failed"
VPY="$tmp/run/bin/python"
CC=/bin/false CXX=/bin/false "$VPY" -m pip install -q --only-binary :all: "$wheel" pytest matplotlib >"$tmp/pip2.log" 2>&1 ||
  { tail -20 "$tmp/pip2.log"; fail "installing the wheel into a fresh venv failed"; }

cd "$tmp"
LD_PRELOAD="$preload" ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
  "$VPY" -m pytest -q -p no:cacheprovider "$tmp/src/python/tests" || fail "pytest python/tests failed"
# docs/python.md: every ">>>" example prints what the page shows (fences blanked so that
# each block's output ends at its fence)
sed 's/^```.*$//' "$CF_SOURCE_DIR/docs/python.md" > "$tmp/python_md.txt"
LD_PRELOAD="$preload" ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
  "$VPY" -m doctest -o ELLIPSIS -o NORMALIZE_WHITESPACE "$tmp/python_md.txt" || fail "docs/python.md's examples differ (above)"
echo "python_package: ok"
