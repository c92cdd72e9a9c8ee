#!/usr/bin/env bash
# Type-checks and lints the Windows named-pipe channel (crates/embargo-serve/src/pipe)
# on this Linux machine, which has no Windows standard library to build for
# Windows. windows-sys declares its functions on every platform, so with
# `--cfg embargo_windows_typecheck` the pipe code compiles here against the real
# signatures, types and constants; it is never linked nor run (docs/THREAT-MODEL.md,
# "The CLI channel", lists what that leaves unverified).
#
#   scripts/check-windows-pipe.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTFLAGS="--cfg embargo_windows_typecheck -D warnings"
# Its own target dir: other flags would rebuild the workspace's dependencies.
exec cargo clippy --locked -p embargo-serve --all-targets --target-dir target/windows-typecheck -- -D warnings
