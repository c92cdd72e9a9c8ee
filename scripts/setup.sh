#!/usr/bin/env bash
# Installs what Embargo needs on a fresh Debian 12 machine; does nothing when it
# is already there. Called by start.sh, test.sh and CI.
set -euo pipefail

packages=(
  build-essential pkg-config perl make   # the vendored SQLCipher/OpenSSL build
  age                                    # the reference age CLI, for interop tests
  git                                    # the git-remote sync transport test
  dbus python3-dbus python3-gi           # private session bus + test notification server
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust 1.95 or newer (https://rustup.rs) and run this again" >&2
  exit 1
fi
