#!/usr/bin/env bash
# Installs whatever ConvLab's build and tests need and is missing; skips what is already
# there at the right version, so a second run takes seconds.
#   scripts/setup.sh            build tools (wasm32 target, trunk, wasm-bindgen-cli, npm tools)
#   scripts/setup.sh --browser  the same plus Debian's chromium and chromium-driver
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
# The CLI must equal the wasm-bindgen crate in Cargo.lock, or the build fails.
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 13 minutes on 2 cores)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  # Without --locked: its lockfile names a crate version the registry here lacks.
  say "installing wasm-bindgen-cli $WB_VERSION (about 5 minutes)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi

# npm tools: wasm-opt from the binaryen package (Debian's is too old for current wasm) and
# playwright-core (never `playwright`, which downloads browsers).
stamp=node_modules/.convlab-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  say "installing npm tools"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Debian's chromium and chromium-driver"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
fi

# Trunk runs cargo --offline (it must never download), so fetch the crates first.
cargo fetch --quiet
