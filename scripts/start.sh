#!/usr/bin/env bash
# Builds Embargo (the UI, the desktop app and the CLI), creates a demo vault in
# ./demo-vault when there is none, and opens it in the desktop app. The demo
# vault's passphrase is shown on its unlock screen: correct horse battery staple.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

(cd ui && npm run --silent build)
cargo build --locked -p embargo-cli -p embargo-desk
export EMBARGO_VAULT="${EMBARGO_VAULT:-$PWD/demo-vault}"
if [ ! -e "$EMBARGO_VAULT/identity.json" ]; then
  target/debug/embargo demo
fi

cat <<TEXT
Opening the vault at $EMBARGO_VAULT in the desktop app.
The command line works on the same vault (close the app first, it holds the vault open):
  export EMBARGO_VAULT=$EMBARGO_VAULT PATH=$PWD/target/debug:\$PATH
  embargo case list
TEXT

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "start: no display to open a window on; running the app on a virtual one (xvfb-run)." >&2
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- target/debug/embargo-desk
fi
exec target/debug/embargo-desk
