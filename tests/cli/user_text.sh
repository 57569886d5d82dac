#!/usr/bin/env bash
# Docs and what the program prints speak of the product only: no words from
# the project's planning ("the brief", "issue 9", "REFERENCE §1", files
# outside the checkout such as shared/seeds or /work/...).  Checked over
# docs/, the READMEs, data/ and examples/, and over every command's help, the
# material facts and every claim text the program prints.
set -u
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pat='the brief|(^|[^a-z])issue [0-9]|(^|[^A-Za-z] )issue #[0-9]|REFERENCE(\.md)? ?§|REFERENCE\.md|DESIGN\.md|shared/seeds|/work/|\bhelper (session|agent)|\bthe lead\b'
cd "$CF_SOURCE_DIR"
# (a PyBaMM issue number is a public reference, not planning)
hits=$(grep -rnEI "$pat" docs README.md python/README.md data examples 2>/dev/null | grep -v "PyBaMM issue #")
[ -z "$hits" ] || fail "planning words in the docs:
$hits"
C=$CELLFORGE
{
  "$C" --help
  for c in $("$C" --help | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }'); do
    "$C" help "$c"
  done
  "$C" materials
  "$C" materials --json
  for s in 000 001 002; do
    n=1
    while "$C" claims --explain "$s" "$n" 2>/dev/null; do n=$((n + 1)); done
  done
} > "$tmp/printed.txt" 2>&1
[ "$(wc -l < "$tmp/printed.txt")" -gt 500 ] || fail "too little printed to check"
hits=$(grep -nEI "$pat" "$tmp/printed.txt")
[ -z "$hits" ] || fail "planning words in what the program prints:
$hits"
echo ok
