#!/usr/bin/env bash
# Every test: formatting, lints, unit tests, CLI black-box tests (real SQLCipher
# vaults on disk, the real age CLI). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

echo "== cargo fmt"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --workspace --all-targets -- -D warnings
echo "== cargo test"
cargo test --locked --workspace
echo "all tests passed"
