#!/usr/bin/env bash
# Builds the installable Debian package of the desktop app (release build, ~3 min
# more on a warm target/): target/release/bundle/deb/Embargo_*_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
ui/node_modules/.bin/tauri build --bundles deb
ls -l target/release/bundle/deb/*.deb
