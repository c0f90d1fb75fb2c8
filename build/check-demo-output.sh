#!/usr/bin/env bash
# Checks what `restore-package --simulate` printed for the simulator's demo: a restore, a refused 404 and a missing scope with its fix, and exit code 1.
# usage: build/check-demo-output.sh EXIT_CODE OUTPUT_FILE
set -uo pipefail

code=$1
out=$2
ok=0
expect() {
  local what=$1 pattern=$2
  if grep -qE -- "$pattern" "$out"; then echo "ok: $what"; else echo "MISSING: $what (/$pattern/)"; ok=1; fi
}

if [[ $code == 1 ]]; then echo "ok: exit code 1 (the demo includes packages GitHub refuses)"; else echo "WRONG: exit code $code, expected 1"; ok=1; fi
expect "a package restored" '^\[[0-9]+/[0-9]+\] restored '
expect "a 404 reported" '^\[[0-9]+/[0-9]+\] failed .*\(404'
expect "a missing scope reported" 'failed .*\(403.*lacks the [a-z:]+ scope'
expect "the fix for the missing scope" 'lacks the [a-z:]+ scope.*(gh auth refresh -h [^ ]+ -s [a-z:,]+|https://[^ ]+/settings/tokens)'
expect "the summary line" '^[0-9]+ restored, [0-9]+ failed, 0 skipped, 0 not-attempted$'
if grep -qE 'gh[pousr]_[A-Za-z0-9]{20,}' "$out"; then echo "LEAK: a token-shaped string was printed"; ok=1; fi
exit "$ok"
