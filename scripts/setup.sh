#!/usr/bin/env bash
# Installs what Embargo needs on a fresh Debian 12 machine; does nothing when it
# is already there. Called by start.sh, test.sh and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential pkg-config perl make   # the vendored SQLCipher/OpenSSL build
  age                                    # the reference age CLI, for interop tests
  git                                    # the git-remote sync transport test
  syncthing                              # the Syncthing sync transport test
  dbus python3-dbus python3-gi           # private session bus + test notification server
  python3-pip                            # installs the packages that ship the export schemas
  # The desktop app (Tauri 2 on WebKitGTK) and its .deb bundle
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libayatana-appindicator3-dev
  librsvg2-dev libxdo-dev libssl-dev file
  # Running it headless for the end-to-end tests: X server, WebDriver, session bus
  xvfb xauth webkit2gtk-driver dbus dbus-x11 x11-utils at-spi2-core imagemagick
  xclip                                  # reads what the app copied to the clipboard
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

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: node and npm not found; install Node.js 20 or newer and run this again" >&2
  exit 1
fi

# Drives the real app window through WebKitWebDriver in the end-to-end tests.
if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --version 2.1.0 --locked --quiet
fi

# The UI's packages, exactly as locked; skipped when they already match the lock.
if [ ! -f ui/node_modules/.package-lock.json ] || ! cmp -s ui/package-lock.json ui/node_modules/.embargo-installed-lock; then
  echo "setup: npm ci in ui/"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.embargo-installed-lock)
fi

# The official export schemas and the CSAF validator, for the Rust export tests
# (tests/schemas/): CVE and OSV schemas from PyPI packages pinned by hash, BSI's
# csaf-validator-lib from npm, exactly as locked. Skipped when already installed.
if ! cmp -s tests/schemas/requirements.txt tests/schemas/python/.embargo-installed-requirements; then
  echo "setup: installing the export schemas (tests/schemas/requirements.txt)"
  rm -rf tests/schemas/python
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --require-hashes \
    --target tests/schemas/python -r tests/schemas/requirements.txt
  cp tests/schemas/requirements.txt tests/schemas/python/.embargo-installed-requirements
fi
if [ ! -f tests/schemas/node_modules/.package-lock.json ] || ! cmp -s tests/schemas/package-lock.json tests/schemas/node_modules/.embargo-installed-lock; then
  echo "setup: npm ci in tests/schemas/"
  (cd tests/schemas && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.embargo-installed-lock)
fi
