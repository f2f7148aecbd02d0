#!/bin/sh
# Build the folder a blind writer of a held-out set works from (see README.md):
#   sh test/eval/blind/make-tools.sh /tmp/blind/tools      (from the repository root, after npm run build)
# It holds the original documents, a line-preserving cleaned copy, `policybot inspect` output
# (articles, passages, line ranges, passage text), a grep helper, a converter and the validator;
# no code, no other set, no search output.
set -e
OUT=${1:?usage: make-tools.sh OUTDIR}
ROOT=$(pwd)
HERE=$(dirname "$0")
mkdir -p "$OUT/docs" "$OUT/clean" "$OUT/inspect"
cp data/docs/*.txt "$OUT/docs/"
for f in data/docs/*.txt; do
  k=$(basename "$f" | cut -c1-3)
  node dist/cli/main.js inspect "$f" --json > "$OUT/inspect/$k.inspect.json"
  node dist/cli/main.js inspect "$f" > "$OUT/inspect/$k.inspect.txt"
done
for s in clean.mjs conv.mjs validate.py ugrep.sh; do sed "s#@ROOT@#$ROOT#g" "$HERE/$s" > "$OUT/$s"; done
chmod +x "$OUT/ugrep.sh"
node "$OUT/clean.mjs"
echo "tools in $OUT; prompt: $HERE/prompt.txt with {TOOLS}=$OUT, {OUT}, {N}, {PREFIX} filled in"
