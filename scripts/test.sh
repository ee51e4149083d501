#!/usr/bin/env bash
# Installs what is missing (including Debian's chromium), then runs every test:
# host `cargo test`, and the real-browser tests against a release build in dist/.
set -euo pipefail
"$(dirname "$0")/setup.sh" --browser
source "$(dirname "$0")/env.sh"

echo "== host tests (cargo test)"
cargo test --quiet

echo "== release build (trunk build --release)"
trunk build --release

echo "== browser tests (playwright-core + /usr/bin/chromium)"
npm run --silent e2e
