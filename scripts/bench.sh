#!/bin/sh
# `make bench [CORPUS=dir]`: over CORPUS (default: a deterministic 2,000-file corpus generated into
# .build/bench-corpus), with the release build:
#   - the parse floor: C, one core, tree-sitter-hcl and libyaml only (Benchmarks/parse-floor.c);
#   - Parapet's parse-only (1 worker, all cores) and full-scan throughput and peak RSS;
#   - the ratio of the full scan (all cores, every rule) to the floor, measured in this run;
#   - time and peak RSS of the full scan over 1x, 2x and 4x copies of the corpus (linearity);
#   - a pre-commit re-run: one changed file scanned with the whole corpus as context, warm cache.
# Figures are the best of a few runs; on a busy machine, read the ratio, not the seconds.
set -eu
cd "$(dirname "$0")/.."
bin=${PARAPET_BIN:-.build/release/parapet}
work=.build/bench
mkdir -p "$work"
corpus=${1:-}
if [ -z "$corpus" ]; then
  corpus=.build/bench-corpus
  if [ ! -d "$corpus" ]; then
    "$bin" bench "$corpus" --generate 2000
  fi
fi

floor="$work/parse-floor"
# shellcheck disable=SC2046 # pkg-config prints several flags on purpose
cc -O2 -o "$floor" Benchmarks/parse-floor.c $(pkg-config --cflags --libs tree-sitter-hcl tree-sitter yaml-0.1)

echo "corpus: $corpus ($(nproc) cores)"
floor_line=$("$floor" "$corpus")
echo "$floor_line"
"$bin" bench "$corpus" --stage parse --workers 1
"$bin" bench "$corpus" --stage parse
scan_line=$("$bin" bench "$corpus" --stage scan)
echo "$scan_line"
# The ratio from paired runs, floor then scan, one after the other: a machine whose speed
# drifts (other tenants, frequency) moves both runs of a pair alike. Field 6 of both lines is
# the time in seconds; the median pair is reported, with the range.
pairs=""
for run in 1 2 3 4 5; do
  f=$("$floor" "$corpus" 1 | awk '{ print $6 }')
  s=$("$bin" bench "$corpus" --stage scan --repeats 1 | awk '$1 == "scan" { print $6 }')
  pairs="$pairs $f:$s"
done
echo "$pairs" | tr ' ' '\n' | awk -F: -v rss="$(echo "$scan_line" | awk '$1 == "scan" { print $(NF - 5) }')" '
  NF == 2 && $1 > 0 { n++; r[n] = $2 / $1 }
  END {
    if (n == 0) exit
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
    printf "ratio  full scan / C parse floor: %.2f, median of %d paired runs (%.2f-%.2f; goal <= 1.0), peak RSS %s MB\n", r[int((n + 1) / 2)], n, r[1], r[n], rss
  }'

# Linearity: the corpus copied 1, 2 and 4 times (hard links where the file system allows). Each
# copy's Terraform files get a line of their own, so that copies are new content, as a growing
# repository's files are: identical files would share one parse and make the table look better
# than linear.
echo "scaling (full scan, all cores):"
echo "  copies    files        s   peak RSS MB"
# The copies are kept between runs, per corpus (its path's checksum names them).
corpus_key=$(printf '%s' "$corpus" | cksum | cut -d' ' -f1)
for copies in 1 2 4; do
  scaled="$work/scale-v2-$corpus_key-$copies"
  if [ ! -d "$scaled" ]; then
    mkdir -p "$scaled"
    i=1
    while [ "$i" -le "$copies" ]; do
      cp -al "$corpus" "$scaled/copy-$i" 2>/dev/null || cp -R "$corpus" "$scaled/copy-$i"
      if [ "$i" -gt 1 ]; then
        find "$scaled/copy-$i" -type f -name '*.tf' -exec sh -c '
          for file; do { cat "$file"; printf "\n# copy %s\n" "$0"; } > "$file.tmp" && mv "$file.tmp" "$file"; done' "$i" {} +
      fi
      i=$((i + 1))
    done
  fi
  "$bin" bench "$scaled" --stage scan --repeats 2 | awk -v copies="$copies" '$1 == "scan" { printf "  %6d %8d %8.3f %13.1f\n", copies, $2, $6, $(NF - 5) }'
done

# Pre-commit re-run: one file changed since the last run, the rest of the corpus as context (what
# the pre-commit hook does), with a warm parse cache. The copy is private, so the change is too.
repo="$work/precommit"
rm -rf "$repo"
cp -R "$corpus" "$repo"
changed=$(find "$repo" -name '*.tf' | sort | head -n 1)
if [ -n "$changed" ]; then
  cache="$work/cache"
  rm -rf "$cache"
  "$bin" scan "$changed" --context "$repo" --cache-dir "$cache" --exit-zero --format json >/dev/null
  best=""
  for run in 1 2 3 4 5; do
    printf '\n# change %s\n' "$run" >>"$changed"
    start=$(date +%s%N)
    "$bin" scan "$changed" --context "$repo" --cache-dir "$cache" --exit-zero --format json >/dev/null
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  files=$(find "$repo" -type f | wc -l | tr -d ' ')
  echo "pre-commit re-run: 1 changed file, $files files of context, warm cache: $best ms wall (best of 5; goal < 100 ms)"
fi
