#!/bin/sh
# Parse-only and full-scan throughput and peak RSS of the release build, over CORPUS (first
# argument) or, when none is given, over a deterministic corpus generated into .build/bench-corpus.
set -eu
cd "$(dirname "$0")/.."
bin=.build/release/parapet
corpus=${1:-}
if [ -z "$corpus" ]; then
  corpus=.build/bench-corpus
  if [ ! -d "$corpus" ]; then
    "$bin" bench "$corpus" --generate 2000
  fi
fi
echo "corpus: $corpus ($(nproc) cores)"
"$bin" bench "$corpus" --stage parse --workers 1
"$bin" bench "$corpus" --stage parse
"$bin" bench "$corpus" --stage scan
