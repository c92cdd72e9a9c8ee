#!/usr/bin/env bash
# Measures the desktop app (release build) side by side with WebKitGTK's own
# MiniBrowser, in one run under the same Xvfb and WebDriver: cold start to an
# interactive unlock screen against MiniBrowser opening a local page, and memory
# (PSS) idle on the unlock screen and with a 10,000-case vault unlocked against
# MiniBrowser idle on a blank page. Prints both and the ratios recorded in
# docs/BENCHMARKS.md ("Desktop app"). Run it on a quiet machine: another WebKit
# app running beside it shares pages and lowers the figures (the run warns).
# Usage: scripts/bench-desk.sh [CASES] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cases="${1:-10000}"
(cd ui && npm run --silent build)
cargo build --locked --release -p embargo-desk
cargo build --locked --release -p embargo-api --example big_vault
vault="target/bench-vault-$cases"
if [ ! -e "$vault/identity.json" ]; then
  echo "making a vault with $cases cases in $vault"
  rm -rf "$vault"
  time target/release/examples/big_vault "$vault" "$cases"
fi
EMBARGO_DESK_BINARY="$PWD/target/release/embargo-desk" \
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node tests/e2e/bench.mjs "$vault" "${2:-5}"
