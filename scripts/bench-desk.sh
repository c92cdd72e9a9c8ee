#!/usr/bin/env bash
# Measures the desktop app (release build) against SPEC §4: cold start to an
# interactive unlock screen, and memory while idle with a 10,000-case vault
# unlocked. Prints the numbers recorded in docs/BENCHMARKS.md ("Desktop app").
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
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node tests/e2e/bench.mjs "$vault" 5
