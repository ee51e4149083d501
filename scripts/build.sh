#!/usr/bin/env bash
# Production build: an optimised, self-contained dist/ that any static host can serve.
set -euo pipefail
"$(dirname "$0")/setup.sh"
source "$(dirname "$0")/env.sh"
trunk build --release
echo "dist/ is ready: $(du -sh dist | cut -f1)"
