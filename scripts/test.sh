#!/bin/sh
# `make test`: builds and runs the whole suite with the log in .build/test.log, and prints only
# the summary (the runners' closing lines) — or, when the build or a test fails, the failures and
# the end of the log.
set -u
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
mkdir -p .build
log=.build/test.log
: > "$log"

printf 'test: building tests (log: %s)\n' "$log"
if ! "$SWIFT" build --build-tests >>"$log" 2>&1; then
  grep -E 'error:' "$log" | sort -u | head -40
  echo "---- last lines of $log ----"
  tail -n 40 "$log"
  echo "test: the build failed; full log in $log" >&2
  exit 1
fi

printf 'test: running tests\n'
"$SWIFT" test --skip-build >>"$log" 2>&1
status=$?
if [ "$status" -ne 0 ]; then
  # Swift Testing marks failures with ✘, XCTest with "error:" lines.
  grep -E '✘|: error: |recorded an issue' "$log" | head -60
  echo "---- last lines of $log ----"
  tail -n 30 "$log"
fi
# The closing lines of both runners (XCTest's "Executed N tests", Swift Testing's "Test run with").
grep -E "^Test Suite 'All tests' (passed|failed)|Executed [0-9]+ tests?,|Test run with [0-9]+ tests?" "$log" | awk '!seen[$0]++' | tail -n 4
[ "$status" -eq 0 ] || echo "test: failed (exit $status); full log in $log" >&2
exit "$status"
