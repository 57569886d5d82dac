#!/usr/bin/env bash
# CLI: every command shown with its output ("$ cellforge ...") in docs/*.md and
# README.md still prints what the doc shows (timings aside):
# scripts/doc-outputs --check over all of them.  A failure prints the diff;
# `scripts/doc-outputs --update` regenerates every block.
set -u
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
n=$(cd "$CF_SOURCE_DIR" && cat docs/*.md README.md | grep -c '^\$ ')
[ "$n" -ge 30 ] || { echo "FAIL: only $n commands with outputs in the docs"; exit 1; }
python3 "$CF_SOURCE_DIR/scripts/doc-outputs" --check --cellforge "$CELLFORGE" || {
  echo "FAIL: a doc's shown output has drifted (see the diff above)"; exit 1; }
echo "ok ($n commands)"
