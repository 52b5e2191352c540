#!/bin/sh
# Builds the libFuzzer harnesses in Fuzz/ and runs each for FUZZ_SECONDS (one process, one job:
# CI and laptops have few cores). Seeds come from fixtures/ at run time; the corpus grows under
# .build/fuzz/corpus/<harness> and crash inputs land in .build/fuzz/crashes/<harness>/.
# Leak detection is off: the Swift runtime's caches read as leaks and the scan costs 10x; memory
# growth is caught by -rss_limit_mb instead.
# FUZZ_SANITIZE=fuzzer builds without AddressSanitizer (in Fuzz/.build-fuzzer): several times the
# executions per second for volume runs; Swift's own checks still trap, and ASan matters mostly
# for the C parsers (tree-sitter, libyaml).
# Usage: sh scripts/fuzz.sh [harness ...]   (default: all)
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SWIFT=${SWIFT:-swift}
SECONDS_EACH=${FUZZ_SECONDS:-180}
HARNESSES=${*:-hcl yaml json toml markdown rules config}
WORK=$ROOT/.build/fuzz
SANITIZE=${FUZZ_SANITIZE:-fuzzer,address}
case $SANITIZE in
    fuzzer,address) SCRATCH=.build ;;
    fuzzer) SCRATCH=.build-fuzzer ;;
    *) echo "FUZZ_SANITIZE is fuzzer,address (the default) or fuzzer" >&2; exit 2 ;;
esac
BUILD="$SWIFT build -c release -Xswiftc -sanitize=$SANITIZE -Xswiftc -parse-as-library --scratch-path $SCRATCH"

(cd Fuzz && $BUILD)
BIN=$(cd Fuzz && $BUILD --show-bin-path)

# Copies fixture files matching the find(1) name patterns into a seed folder.
seed() {
    dir=$1; shift
    mkdir -p "$dir"
    find fixtures -type f \( "$@" \) | while read -r file; do
        cp "$file" "$dir/$(printf '%s' "$file" | cksum | cut -d' ' -f1)"
    done
}

# The rules harness reads several files from one input: `path\ncontent` chunks split by NUL.
seed_cases() {
    dir=$1
    mkdir -p "$dir"
    find fixtures -type f ! -name '*.snap' | sed 's|/[^/]*$||' | sort -u | while read -r case_dir; do
        out="$dir/$(printf '%s' "$case_dir" | cksum | cut -d' ' -f1)"
        : > "$out"
        find "$case_dir" -maxdepth 3 -type f ! -name '*.snap' | sort | head -16 | while read -r file; do
            printf '%s\n' "${file#"$case_dir"/}" >> "$out"
            cat "$file" >> "$out"
            printf '\000' >> "$out"
        done
    done
}

# The same at exit: the Swift runtime's and the rule catalog's statics are reachable, not leaked.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

status=0
for name in $HARNESSES; do
    corpus=$WORK/corpus/$name seeds=$WORK/seeds/$name crashes=$WORK/crashes/$name
    rm -rf "$seeds"
    case $name in
        hcl) seed "$seeds" -name '*.tf' -o -name '*.tfvars' ;;
        yaml) seed "$seeds" -name '*.yaml' -o -name '*.yml' ;;
        json) seed "$seeds" -name '*.json' -o -name '*.jsonc' ;;
        toml) seed "$seeds" -name '*.toml' ;;
        markdown) seed "$seeds" -name '*.md' -o -name '*.prompty' ;;
        config) seed "$seeds" -name '.parapet.yaml' -o -name '.parapet.yml' ;;
        rules) seed_cases "$seeds" ;;
    esac
    mkdir -p "$corpus" "$crashes"
    echo "== fuzz-$name for ${SECONDS_EACH}s"
    "$BIN/fuzz-$name" "$corpus" "$seeds" -dict="Fuzz/dictionaries/$name.dict" \
        -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 \
        -artifact_prefix="$crashes/" -print_final_stats=1 ${FUZZ_ARGS:-} || status=1
done
exit $status
