#!/usr/bin/env bash
# Builds Embargo, creates a demo vault in ./demo-vault when there is none, and
# opens it: lists the cases and shows how to go on.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

cargo build --locked -p embargo-cli
embargo=target/debug/embargo
export EMBARGO_VAULT="${EMBARGO_VAULT:-$PWD/demo-vault}"
if [ ! -e "$EMBARGO_VAULT/identity.json" ]; then
  "$embargo" demo
fi
export EMBARGO_PASSPHRASE="${EMBARGO_PASSPHRASE:-correct horse battery staple}"
"$embargo" case list
cat <<TEXT

The demo vault is at $EMBARGO_VAULT. Try:
  export EMBARGO_VAULT=$EMBARGO_VAULT
  $embargo case show 12            # passphrase: correct horse battery staple
  $embargo search traversal
  $embargo case move 12 acknowledged
TEXT
