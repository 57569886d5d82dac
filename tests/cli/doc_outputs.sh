#!/usr/bin/env bash
# CLI: every command shown in docs/seeds.md, docs/recipe.md and docs/materials.md
# still prints what the doc shows (timings aside): scripts/doc-outputs --check.
# A failure prints the diff; `scripts/doc-outputs --update FILE` regenerates.
set -u
command -v python3 >/dev/null || { echo "no python3"; exit 77; }
python3 "$CF_SOURCE_DIR/scripts/doc-outputs" --check --cellforge "$CELLFORGE" \
  "$CF_SOURCE_DIR/docs/materials.md" "$CF_SOURCE_DIR/docs/recipe.md" "$CF_SOURCE_DIR/docs/seeds.md" || {
  echo "FAIL: a doc's shown output has drifted (see the diff above)"; exit 1; }
echo "ok"
