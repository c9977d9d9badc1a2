#!/usr/bin/env bash
# Every test of the project, in order. Run through `npm test`, which runs scripts/setup.sh first.
# All steps run even if one fails (so one report shows everything); the exit status is non-zero if
# any step failed. Cargo builds use at most CARGO_BUILD_JOBS (default 2) jobs: the machine is shared.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

summary=()
failures=0
last_rc=0
step() {
  local name=$1
  shift
  printf '\n==> %s: %s\n' "$name" "$*"
  local t0=$EPOCHREALTIME
  "$@"
  local rc=$?
  last_rc=$rc
  local secs
  secs=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
  if [ "$rc" -eq 0 ]; then
    summary+=("  ok     $name (${secs}s)")
  else
    summary+=("  FAILED $name (${secs}s, exit $rc)")
    failures=$((failures + 1))
  fi
}

step "cargo fmt" cargo fmt --all --check
step "cargo clippy" cargo clippy --workspace --all-targets -- -D warnings
step "cargo test" cargo test --workspace
step "type check (js/*.d.ts)" tsc -p tsconfig.json
step "build wasm" node scripts/build-wasm.mjs
if [ -f pkg/qinglian_wasm_bg.wasm ] && [ "$last_rc" -eq 0 ]; then
  # Fixtures for the JS tests, made by the Rust CLI (the reference): the demo, a tampered copy and
  # their `verify --json` reports, under tests/artifacts/fixtures/ (served to the browser run too).
  step "js fixtures (CLI)" node tests/js/make-fixtures.mjs
  step "js tests (node)" node --test tests/js/*.test.mjs
  step "js tests (chromium)" node scripts/test-browser.mjs
  step "package" node scripts/test-package.mjs
  # The single-file offline verifier from file:// with the network blocked (builds it first).
  step "offline verifier (chromium)" node tests/offline/verify-page.test.mjs
  # The web page, end to end in Chromium (builds www/ from js/ and pkg/ first).
  if [ -f tests/e2e/page.test.mjs ]; then
    step "page e2e (chromium)" npm run --silent test:e2e
  fi
else
  skipped=("js fixtures (CLI)" "js tests (node)" "js tests (chromium)" "package" "offline verifier (chromium)")
  [ -f tests/e2e/page.test.mjs ] && skipped+=("page e2e (chromium)")
  for name in "${skipped[@]}"; do
    summary+=("  SKIPPED $name (the wasm build failed)")
    failures=$((failures + 1))
  done
fi

printf '\n==> summary\n'
printf '%s\n' "${summary[@]}"
# The last line is the plain count CI reads.
printf 'steps: %d passed, %d failed\n' "$(( ${#summary[@]} - failures ))" "$failures"
[ "$failures" -eq 0 ]
