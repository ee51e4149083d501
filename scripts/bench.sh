#!/usr/bin/env bash
# The performance benchmark (`make bench`): builds the release app, installs the bench's own
# npm dev-dependencies (the peer libraries) when missing, then runs bench/run.mjs, which
# prints the table and writes target/bench/bench-<date>.json.
#   BENCH_SKIP_BUILD=1   use the dist/ already built (or BENCH_DIST=<dir>)
#   BENCH_ROUNDS=<n>     interleaved rounds per configuration (default 3)
#   BENCH_QUICK=1        a smoke run: one round, fewer samples, no accuracy check
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  ./scripts/setup.sh --browser
  say "building the release app"
  ./scripts/build.sh
elif [ ! -x /usr/bin/chromium ] || [ ! -d node_modules/playwright-core ]; then
  ./scripts/setup.sh --browser
fi
source scripts/env.sh

# The peers live in bench/'s own npm project, so the root's `npm ci` (CI) stays lean.
stamp=bench/node_modules/.convlab-lock
if [ ! -f "$stamp" ] || ! cmp -s bench/package-lock.json "$stamp"; then
  say "installing the bench's peer libraries (npm ci --prefix bench)"
  npm ci --prefix bench --no-audit --no-fund
  cp bench/package-lock.json "$stamp"
fi

exec node bench/run.mjs
