#!/usr/bin/env bash
# Every test: formatting, lints, unit tests, CLI black-box tests (real SQLCipher
# vaults on disk, the real age CLI), the UI's type check, lint and component tests,
# and the desktop app end to end in a real window (Xvfb + WebDriver).
# Installs what is missing first.
#
# Longer runs, off by default:
#   EMBARGO_LONG_TESTS=1  property tests at full length: sync convergence over 10,000
#                         schedules of real vaults instead of 256 (crates/embargo-sync/
#                         tests/convergence.rs; about 7 minutes of one core in a debug build);
#                         200 SIGKILLs of each kind instead of 6 (crates/embargo-cli/tests/
#                         crash); 20,000 mutations per fuzz target instead of 1,000
#                         (crates/embargo-fuzz). The million-input fuzz runs (the
#                         mutation engine, or libFuzzer through `cargo fuzz` in fuzz/)
#                         and the other long runs: docs/RELIABILITY.md.
#   EMBARGO_TEST_DEB=1    also build the .deb bundle (a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== npm ci (ui)"
(cd ui && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.embargo-installed-lock)
echo "== ui build"
# Before any cargo step: the desktop binary embeds ui/dist.
(cd ui && npm run --silent build)
echo "== cargo fmt"
cargo fmt --all -- --check
echo "== IPC bindings are current"
cargo run --locked --quiet -p embargo-desk --example export-bindings
git diff --exit-code -- ui/src/lib/ipc/bindings.ts || {
  echo "ui/src/lib/ipc/bindings.ts is stale: run 'cargo run -p embargo-desk --example export-bindings' and commit it" >&2
  exit 1
}
echo "== UI test fixtures are current"
cargo run --locked --quiet -p embargo-desk --example export-fixtures
if ! git diff --exit-code -- ui/src/lib/ipc/fixtures/ || [ -n "$(git ls-files --others --exclude-standard -- ui/src/lib/ipc/fixtures/)" ]; then
  echo "ui/src/lib/ipc/fixtures/ is stale: run 'cargo run -p embargo-desk --example export-fixtures' and commit it" >&2
  exit 1
fi
echo "== cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "== the Windows named pipe type-checks (it cannot be built or run here)"
scripts/check-windows-pipe.sh
echo "== cargo test"
cargo test --locked --workspace
echo "== ui: svelte-check, eslint, vitest"
(cd ui && npm run --silent check && npm run --silent lint && npm run --silent test)
echo "== desktop app end to end (Xvfb + tauri-driver + WebKitWebDriver)"
cargo build --locked -p embargo-desk -p embargo-cli
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- node --test tests/e2e/
if [ "${EMBARGO_TEST_DEB:-0}" = 1 ]; then
  echo "== .deb bundle"
  scripts/package-deb.sh
fi
echo "all tests passed"
